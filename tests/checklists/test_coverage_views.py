"""Enforcement-basis coverage where people work: the clerk's items page, the reviewer's review page, the filing
overview (docs/domain.md, "Enforcement-basis coverage")."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from agencies.models import Law

from .conftest import YEAR, approved, draft, submitted


@pytest.fixture
def laws(agency_a):
    found = [Law.objects.create(title=title) for title in ("中华人民共和国食品安全法", "中华人民共和国产品质量法")]
    agency_a.laws.set(found)
    return found


def test_the_clerk_sees_the_enforced_laws_no_saved_item_covers(login, staff_a, agency_a, laws):
    checklist = draft(agency_a, staff_a, laws=laws[:1])
    page = login(staff_a).get(reverse("checklists:items", args=[checklist.pk])).text
    uncovered = page[page.index('id="uncovered-laws"') :]
    assert "中华人民共和国产品质量法" in uncovered[: uncovered.index("</ul>")]
    assert "中华人民共和国食品安全法" not in uncovered[: uncovered.index("</ul>")]
    assert "已覆盖 1 / 2 部执法依据" in page


def test_the_clerk_is_told_when_every_enforced_law_is_covered(login, staff_a, agency_a, laws):
    checklist = draft(agency_a, staff_a, laws=laws)
    page = login(staff_a).get(reverse("checklists:items", args=[checklist.pk])).text
    assert 'id="uncovered-laws"' not in page
    assert "本单位执行的法律法规均已有事项覆盖" in page


def test_the_reviewer_sees_the_uncovered_laws_on_the_review_page(login, staff_a, bureau_reviewer, agency_a, laws):
    checklist = submitted(agency_a, staff_a, laws=laws[1:])
    page = login(bureau_reviewer).get(reverse("checklists:review", args=[checklist.pk])).text
    uncovered = page[page.index('id="uncovered-laws"') :]
    assert "中华人民共和国食品安全法" in uncovered[: uncovered.index("</ul>")]


def test_the_overview_shows_each_agencys_coverage(login, staff_a, staff_b, bureau_reviewer, agency_a, agency_b, laws):
    approved(agency_a, staff_a, bureau_reviewer, laws=laws[:1])
    agency_b.laws.set(laws)
    draft(agency_b, staff_b, laws=laws)  # a draft counts for nothing
    response = login(bureau_reviewer).get(reverse("checklists:overview"), {"year": YEAR})
    rows = {row.pk: (row.laws_covered, row.laws_enforced) for row in response.context["rows"]}
    assert rows[agency_a.pk] == (1, 2)
    assert rows[agency_b.pk] == (0, 2)
    assert "1/2" in response.text and "0/2" in response.text


def test_the_overview_export_has_the_coverage_column(login, staff_a, bureau_reviewer, agency_a, laws):
    submitted(agency_a, staff_a, laws=laws)
    response = login(bureau_reviewer).get(reverse("checklists:overview_export"), {"year": YEAR})
    rows = list(load_workbook(io.BytesIO(b"".join(response.streaming_content))).active.values)
    column = rows[0].index("执法依据覆盖")
    assert {row[0]: row[column] for row in rows[1:]}["常州市新北区市场监督管理局"] == "2/2"
