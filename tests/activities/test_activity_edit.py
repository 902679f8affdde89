"""Editing an activity, adding and removing evidence: only the agency's own staff."""

import pytest
from django.urls import reverse

from activities import services
from activities.evidence import inspect_evidence
from activities.models import Evidence

from .conftest import YEAR, image_bytes, upload


def data(activity, **overrides):
    values = {
        "activity_type": activity.activity_type,
        "title": "食品安全法专题讲座（修改）",
        "start_date": activity.start_date.isoformat(),
        "people_reached": "80",
    }
    values.update(overrides)
    return values


def test_staff_edit_their_activity_and_add_files(login, staff_a, activity):
    files = [upload("合影.png"), upload("讲稿.docx")]
    response = login(staff_a).post(reverse("activities:edit", args=[activity.pk]), data(activity, evidence_files=files))
    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.title == "食品安全法专题讲座（修改）" and activity.people_reached == 80
    assert activity.evidence.count() == 2


def test_the_date_cannot_move_to_another_year(login, staff_a, activity):
    response = login(staff_a).post(
        reverse("activities:edit", args=[activity.pk]), data(activity, start_date=f"{YEAR + 1}-01-05")
    )
    assert response.status_code == 200
    activity.refresh_from_db()
    assert activity.year == YEAR


def test_files_already_attached_count_towards_the_limit(login, staff_a, activity, settings):
    settings.PUFFA_EVIDENCE_MAX_FILES = 3
    for number in range(2):
        services.evidence_add(
            activity=activity,
            uploaded_by=staff_a,
            checked=inspect_evidence(upload(f"照片{number}.png", image_bytes("PNG"))),
        )
    files = [upload("现场照片.jpg"), upload("签到表.pdf")]
    response = login(staff_a).post(reverse("activities:edit", args=[activity.pk]), data(activity, evidence_files=files))
    assert response.status_code == 200
    assert activity.evidence.count() == 2


def test_staff_remove_a_file(login, staff_a, activity, django_capture_on_commit_callbacks):
    evidence = services.evidence_add(
        activity=activity, uploaded_by=staff_a, checked=inspect_evidence(upload("合影.png"))
    )
    path = evidence.file.path
    with django_capture_on_commit_callbacks(execute=True):
        response = login(staff_a).post(reverse("activities:evidence_delete", args=[evidence.pk]))
    assert response.status_code == 302
    assert not Evidence.objects.exists()
    import os

    assert not os.path.exists(path)


@pytest.mark.parametrize("who", ["staff_parent", "bureau_reviewer", "bureau_admin"])
def test_those_who_only_read_get_403(request, login, activity, who):
    client = login(request.getfixturevalue(who))
    assert client.get(reverse("activities:edit", args=[activity.pk])).status_code == 403
    assert client.post(reverse("activities:edit", args=[activity.pk]), data(activity)).status_code == 403
    activity.refresh_from_db()
    assert activity.title == "食品安全法专题讲座"


def test_outsiders_get_404(login, staff_b, activity):
    assert login(staff_b).get(reverse("activities:edit", args=[activity.pk])).status_code == 404


def test_others_cannot_remove_files(login, staff_parent, staff_b, staff_a, activity):
    evidence = services.evidence_add(
        activity=activity, uploaded_by=staff_a, checked=inspect_evidence(upload("合影.png"))
    )
    assert login(staff_parent).post(reverse("activities:evidence_delete", args=[evidence.pk])).status_code == 403
    assert login(staff_b).post(reverse("activities:evidence_delete", args=[evidence.pk])).status_code == 404
    assert Evidence.objects.count() == 1


def test_an_item_of_an_amended_checklist_is_offered_as_its_latest_revision(
    login, staff_a, agency_a, item, approved_checklist
):
    from checklists.models import Checklist

    from .conftest import make_activity

    activity = make_activity(agency_a, staff_a, checklist_item=item)
    amended = Checklist.objects.create(agency=agency_a, year=YEAR, revision=2, status=Checklist.Status.APPROVED)
    same = amended.items.create(
        key=item.key,
        position=1,
        content=item.content,
        responsible_office="科室",
        contact_person="华伟",
        start_date=item.start_date,
        end_date=item.end_date,
        goal=item.goal,
    )
    form = login(staff_a).get(reverse("activities:edit", args=[activity.pk])).context["form"]
    assert form.initial["checklist_item"] == same.pk
