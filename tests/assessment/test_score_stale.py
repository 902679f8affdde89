"""Two reviewers on one score: the later change does not silently replace the earlier; a double click records once."""

from decimal import Decimal

from assessment import rules
from assessment.models import Score, ScoreChange

from .test_score_view import url


def _seen(client, target):
    return client.get(target).context["form"]["seen"].value() or ""


def test_a_change_made_meanwhile_refuses_the_stale_one_with_a_message(
    login, bureau_reviewer, bureau_admin, scored, agency_a
):
    target = url(scored, agency_a, rules.ENFORCEMENT_TEACHING)
    first, second = login(bureau_reviewer), login(bureau_admin)
    seen_first, seen_second = _seen(first, target), _seen(second, target)
    assert first.post(target, {"value": "7.5", "reason": "庭审释法另有台账", "seen": seen_first}).status_code == 302
    response = second.post(target, {"value": "6", "reason": "按台账核减", "seen": seen_second})
    assert response.status_code == 200
    assert "有人修改了这项得分" in response.text and "7.5" in response.text
    score = Score.objects.get(agency=agency_a, indicator__code=rules.ENFORCEMENT_TEACHING)
    assert score.adjusted == Decimal("7.5") and ScoreChange.objects.count() == 1
    # Seen now, the second reviewer's change goes through if they save again.
    again = {"value": "6", "reason": "按台账核减", "seen": response.context["form"]["seen"].value()}
    assert second.post(target, again).status_code == 302
    assert ScoreChange.objects.count() == 2


def test_a_double_clicked_adjustment_is_recorded_once(login, bureau_reviewer, scored, agency_a):
    client = login(bureau_reviewer)
    target = url(scored, agency_a, rules.ENFORCEMENT_TEACHING)
    data = {"value": "7.5", "reason": "庭审释法另有台账", "seen": _seen(client, target)}
    assert client.post(target, data).status_code == 302
    assert client.post(target, data).status_code == 302
    assert ScoreChange.objects.count() == 1


def test_saving_the_score_already_there_adds_no_history(login, bureau_reviewer, scored, agency_a):
    client = login(bureau_reviewer)
    target = url(scored, agency_a, rules.ENFORCEMENT_TEACHING)
    client.post(target, {"value": "7.5", "reason": "庭审释法另有台账"})
    response = client.post(target, {"value": "7.5", "reason": "庭审释法另有台账", "seen": _seen(client, target)})
    assert response.status_code == 302 and ScoreChange.objects.count() == 1
