"""A staff member files a five-item checklist; the reviewer returns it with a comment; the staff member
fixes it and resubmits; the reviewer approves; it appears on /public/ and in the district's .xlsx."""

import io

from django.urls import reverse
from openpyxl import load_workbook

from checklists.models import Checklist

from .test_items_view import formset_post, row


def test_a_checklist_from_filing_to_publication(client, login, staff_a, bureau_reviewer, agency_a, law):
    staff, reviewer = login(staff_a), login(bureau_reviewer)
    year = 2026

    # Staff open this year's page and start an empty checklist.
    page = staff.get(reverse("checklists:year", args=[agency_a.pk, year]))
    assert "开始填报清单" in page.text
    response = staff.post(reverse("checklists:start", args=[agency_a.pk, year]), {"how": "empty"})
    checklist = Checklist.objects.get(agency=agency_a, year=year)
    items_url = reverse("checklists:items", args=[checklist.pk])
    assert response.url == items_url

    # Three rows are offered; they ask for two more and fill in five items.
    assert staff.get(items_url).context["formset"].total_form_count() == 3
    three = [row(content=f"事项{n}") for n in (1, 2, 3)]
    more = staff.post(items_url, formset_post(three, add_rows="1"))
    more = staff.post(items_url, formset_post([*three, row(content="事项4")], initial=3, add_rows="1"))
    assert more.context["formset"].total_form_count() == 5
    five = [*three, row(content="事项4"), row(content="事项5", laws=[str(law.pk)])]
    assert staff.post(items_url, formset_post(five, initial=4)).status_code == 302
    assert checklist.items.count() == 5

    # They confirm and submit.
    submit_url = reverse("checklists:submit", args=[checklist.pk])
    assert "共 5 项事项" in staff.get(submit_url).text
    staff.post(submit_url)

    # The reviewer finds it in the queue and returns it with a comment.
    queue = reviewer.get(reverse("checklists:queue"))
    assert [c.pk for c in queue.context["queue"]] == [checklist.pk]
    review_url = reverse("checklists:review", args=[checklist.pk])
    seen = reviewer.get(review_url).context["form"]["seen"].value()
    reviewer.post(review_url, {"decision": "return", "comment": "事项3的目标请量化", "seen": seen})
    assert list(client.get(reverse("public:list"), {"year": year}).context["page"]) == []

    # Staff see the comment, fix item 3 and resubmit.
    page = staff.get(reverse("checklists:year", args=[agency_a.pk, year]))
    assert "事项3的目标请量化" in page.text
    rows = [
        row(id=str(i.pk), position=str(i.position), content=i.content, laws=[str(law.pk)] if i.position == 5 else [])
        for i in checklist.items.order_by("position")
    ]
    rows[2]["goal"] = "全年开展3次讲座，覆盖200人"
    assert staff.post(items_url, formset_post(rows, initial=5)).status_code == 302
    staff.post(submit_url)

    # The reviewer approves, confirming on the page that asks first.
    seen = reviewer.get(review_url).context["form"]["seen"].value()
    asked = reviewer.post(review_url, {"decision": "ask_approval", "comment": "", "seen": seen})
    assert asked.status_code == 200 and checklist.transitions.count() == 4  # the confirmation; nothing written yet
    approve_url = reverse("checklists:approve", args=[checklist.pk])
    assert reviewer.post(approve_url, {"comment": "", "seen": seen}).status_code == 302
    checklist.refresh_from_db()
    assert checklist.status == "approved"
    assert list(checklist.transitions.order_by("pk").values_list("to_status", flat=True)) == [
        "draft",
        "submitted",
        "returned",
        "submitted",
        "approved",
    ]

    # The public sees it, without logging in, and in the district's spreadsheet.
    listed = client.get(reverse("public:list"), {"year": year})
    assert [c.pk for c in listed.context["page"]] == [checklist.pk]
    detail = client.get(reverse("public:detail", args=[year, agency_a.pk]))
    assert "全年开展3次讲座，覆盖200人" in detail.text and "0519-85001234" not in detail.text
    download = client.get(reverse("public:download", args=[year]))
    sheet = load_workbook(io.BytesIO(b"".join(download.streaming_content))).active
    rows = list(sheet.values)
    assert [r[5] for r in rows[1:]] == ["事项1", "事项2", "事项3", "事项4", "事项5"]
    assert {r[0] for r in rows[1:]} == {"常州市新北区市场监督管理局"}
    assert rows[5][6] == "中华人民共和国食品安全法"
