"""Marking and unmarking a good practice: the bureau's administrators only; others 403, outsiders 404."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from activities import services as activity_services
from assessment.models import GoodPractice
from assessment.practice import services

NOTE = "以案释法与现场答疑结合，覆盖辖区全部餐饮企业。"


@pytest.mark.parametrize("source", ["activity", "report", "meeting"])
def test_the_bureau_marks_each_kind_of_source(source, request, login, bureau_admin):
    found = request.getfixturevalue(source)
    response = login(bureau_admin).post(reverse("practice:mark", args=[source, found.pk]), {"note": NOTE})
    assert response.status_code == 302 and response.url == reverse("practice:list")
    practice = GoodPractice.objects.get()
    assert getattr(practice, source) == found and practice.note == NOTE and practice.marked_by == bureau_admin


def test_marking_again_changes_the_note(login, bureau_admin, activity):
    client = login(bureau_admin)
    client.post(reverse("practice:mark", args=["activity", activity.pk]), {"note": NOTE})
    client.post(reverse("practice:mark", args=["activity", activity.pk]), {"note": "新的说明"})
    assert GoodPractice.objects.get().note == "新的说明"


def test_a_blank_note_is_refused_and_nothing_is_saved(login, bureau_admin, activity):
    response = login(bureau_admin).post(reverse("practice:mark", args=["activity", activity.pk]), {"note": "  "})
    assert response.status_code == 200 and not GoodPractice.objects.exists()
    assert response.context["form"].errors


def test_an_annual_plan_is_not_a_source(login, bureau_admin, plan):
    response = login(bureau_admin).get(reverse("practice:mark", args=["report", plan.pk]))
    assert response.status_code == 404


def test_an_unknown_source_is_404(login, bureau_admin, activity):
    assert login(bureau_admin).get(reverse("practice:mark", args=["inspection", activity.pk])).status_code == 404


def test_a_deleted_activity_cannot_be_marked(bureau_admin, staff_a, activity):
    activity_services.activity_delete(activity=activity, deleted_by=staff_a)
    with pytest.raises(ValidationError):
        services.practice_mark(user=bureau_admin, source=activity, note=NOTE)


@pytest.mark.parametrize(
    "role,code",
    [("staff_a", 403), ("staff_parent", 403), ("bureau_reviewer", 403), ("staff_b", 404), ("town_reviewer", 404)],
)
def test_only_the_bureau_marks(role, code, request, login, activity):
    user = request.getfixturevalue(role)
    response = login(user).post(reverse("practice:mark", args=["activity", activity.pk]), {"note": NOTE})
    assert response.status_code == code and not GoodPractice.objects.exists()


def test_leadership_cannot_mark(login, leader, activity):
    response = login(leader).post(reverse("practice:mark", args=["activity", activity.pk]), {"note": NOTE})
    assert response.status_code == 403 and not GoodPractice.objects.exists()


def test_the_service_refuses_others(staff_a, activity):
    with pytest.raises(PermissionDenied):
        services.practice_mark(user=staff_a, source=activity, note=NOTE)


@pytest.fixture
def practice(bureau_admin, activity):
    return services.practice_mark(user=bureau_admin, source=activity, note=NOTE)


def test_the_bureau_unmarks(login, bureau_admin, practice):
    response = login(bureau_admin).post(reverse("practice:unmark", args=[practice.pk]))
    assert response.status_code == 302 and not GoodPractice.objects.exists()


@pytest.mark.parametrize("role", ["staff_a", "staff_b", "bureau_reviewer", "leader"])
def test_others_cannot_unmark(role, request, login, practice):
    response = login(request.getfixturevalue(role)).post(reverse("practice:unmark", args=[practice.pk]))
    assert response.status_code == 403 and GoodPractice.objects.filter(pk=practice.pk).exists()


def test_the_mark_page_shows_the_current_note(login, bureau_admin, practice, activity):
    response = login(bureau_admin).get(reverse("practice:mark", args=["activity", activity.pk]))
    assert response.status_code == 200 and NOTE in response.content.decode()
