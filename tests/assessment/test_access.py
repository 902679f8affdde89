"""Every assessment URL through the access rules: anonymous users log in, leadership never changes anything,
outsiders get 404, staff cannot score or run the bureau's actions."""

import pytest
from django.urls import reverse

from assessment import rules
from assessment.models import ScoreChange, ScoringRun, SelfAssessment

from .conftest import YEAR


@pytest.fixture
def urls(scored, agency_a):
    indicator = scored.indicators.get(code=rules.ORGANISATION)
    return {
        "index": reverse("assessment:index"),
        "overview": reverse("assessment:overview", args=[YEAR]),
        "rubric": reverse("assessment:rubric_edit", args=[YEAR]),
        "survey": reverse("assessment:survey_import", args=[YEAR]),
        "template": reverse("assessment:survey_template", args=[YEAR]),
        "run_start": reverse("assessment:run_start", args=[YEAR]),
        "run": reverse("assessment:run_detail", args=[YEAR, ScoringRun.objects.get().pk]),
        "publish": reverse("assessment:publish", args=[YEAR]),
        "export": reverse("assessment:results_export", args=[YEAR]),
        "breakdown": reverse("assessment:breakdown", args=[YEAR, agency_a.pk]),
        "self": reverse("assessment:self_assessment", args=[YEAR, agency_a.pk]),
        "score": reverse("assessment:score_edit", args=[YEAR, agency_a.pk, indicator.pk]),
        "dashboard": reverse("assessment:dashboard"),
        "drill": reverse("assessment:dashboard_agencies") + "?figure=all",
        "dashboard_export": reverse("assessment:dashboard_export", args=["ranking"]),
    }


def test_anonymous_users_are_sent_to_log_in_everywhere(client, urls):
    for name, url in urls.items():
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(reverse("login")), name
        response = client.post(url)
        assert response.status_code == 302 and response.url.startswith(reverse("login")), name


def test_leadership_posts_are_refused_everywhere(login, leader, urls):
    client = login(leader)
    for name, url in urls.items():
        assert client.post(url, {"value": "10", "reason": "x"}).status_code == 403, name
    assert not ScoreChange.objects.exists() and ScoringRun.objects.count() == 1 and not SelfAssessment.objects.exists()


def test_leadership_reads_every_page(login, leader, urls):
    client = login(leader)
    readable = {
        "index": 302,
        "rubric": 403,
        "survey": 403,
        "template": 403,
        "run_start": 405,
        "publish": 403,  # the confirmation page is the bureau administrator's
        "score": 403,
    }
    for name, url in urls.items():
        assert client.get(url).status_code == readable.get(name, 200), name


def test_staff_cannot_score_run_import_publish_or_read_the_dashboard(login, staff_a, urls):
    client = login(staff_a)
    for name in ("rubric", "survey", "template", "run_start", "publish", "score", "dashboard", "drill", "run"):
        assert client.post(urls[name], {"value": "10", "reason": "x"}).status_code == 403, name
    assert client.get(urls["export"]).status_code == 403  # nothing before publishing
    assert not ScoreChange.objects.exists() and ScoringRun.objects.count() == 1


def test_another_agency_answers_404(login, staff_b, urls):
    client = login(staff_b)
    for name in ("breakdown", "self", "score"):
        assert client.get(urls[name]).status_code == 404, name
