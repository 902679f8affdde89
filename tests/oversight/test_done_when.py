"""Issue 7's "Done when", as a new user would try it: an inspection, a rectification, an answer, acceptance."""

import datetime as dt
from zoneinfo import ZoneInfo

from django.urls import reverse

from assessment.models import Finding
from assessment.oversight import selectors as oversight_selectors

from ..library.uploads import png_bytes, upload

SHANGHAI = ZoneInfo("Asia/Shanghai")


def _leadership_overdue(client) -> int:
    response = client.get(reverse("home"))
    (panel,) = [p for p in response.context["panels"] if p.template.endswith("_panel_leadership.html")]
    return panel.context["overdue_count"]


def test_an_inspection_finding_is_rectified_and_the_overdue_count_goes_back_to_zero(
    login, bureau_admin, staff_a, agency_a, leader, time_machine
):
    time_machine.move_to(dt.datetime(2026, 11, 2, 9, 0, tzinfo=SHANGHAI), tick=False)
    bureau = login(bureau_admin)
    response = bureau.post(
        reverse("oversight:inspection_create"),
        {
            "held_on": "2026-11-02",
            "kind": "on_site",
            "title": "2026年普法责任制落实情况实地督查",
            "inspectors": "区普法办督查组",
            "agencies": [agency_a.pk],
            "summary": "",
        },
    )
    assert response.status_code == 302
    inspection_url = response.url
    response = bureau.post(
        inspection_url.rstrip("/") + "/findings/",
        {
            "agency": agency_a.pk,
            "description": "食品安全普法宣传栏内容陈旧，未及时更新",
            "requires_rectification": "on",
            "deadline": "2026-11-12",
        },
    )
    assert response.status_code == 302
    finding = Finding.objects.get()

    agency = login(staff_a)
    home = agency.get(reverse("home")).text
    assert "食品安全普法宣传栏内容陈旧" in home and "2026-11-12" in home

    # Twelve days later (sessions last a working day: everyone signs in again).
    time_machine.move_to(dt.datetime(2026, 11, 14, 9, 0, tzinfo=SHANGHAI), tick=False)
    agency, bureau = login(staff_a), login(bureau_admin)
    assert "1 项整改已逾期" in agency.get(reverse("home")).text
    assert _leadership_overdue(login(leader)) == 1

    response = agency.post(
        reverse("oversight:rectification_answer", args=[finding.pk]),
        {"description": "已更换宣传栏内容并建立每月更新制度", "evidence": [upload("宣传栏.png", png_bytes())]},
    )
    assert response.status_code == 302
    response = bureau.post(reverse("oversight:rectification_decide", args=[finding.pk]), {"decision": "accept"})
    assert response.status_code == 302

    finding.refresh_from_db()
    assert finding.status == Finding.Status.ACCEPTED
    assert oversight_selectors.overdue_rectifications().count() == 0
    assert _leadership_overdue(login(leader)) == 0
    history = bureau.get(reverse("oversight:rectification", args=[finding.pk])).text
    assert "宣传栏.png" in history and "已更换宣传栏内容" in history
