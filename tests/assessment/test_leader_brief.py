"""The leader's one-page brief as its page says it (the HTML that WeasyPrint lays out): the dashboard's figures,
written as the other pages write them, and the agencies furthest behind, provisional until published, a tie at
the cut told (as the district report and the dashboard's first ten tell it)."""

import io
import re

import pytest
from django.urls import reverse
from django.utils import translation
from docx import Document

from agencies.models import Agency
from assessment.models import Result
from assessment.reports.brief import leader_brief_html
from assessment.reports.district import BEHIND, district_figures
from assessment.reports.district_report import district_report_docx
from assessment.reports.services import REPORT_RANKING

from .conftest import YEAR, make_activity, make_checklist, make_item, run_scoring

pytestmark = pytest.mark.django_db


def brief(user) -> str:
    with translation.override("zh-hans"):  # as the worker writes it
        return leader_brief_html(district_figures(YEAR, user, ranking=BEHIND))


def heading_of_behind(page: str) -> str:
    return next(h for h in re.findall(r"<h2>(.*?)</h2>", page) if h.startswith("最需关注"))


def test_the_agencies_furthest_behind_are_provisional_until_published(leader, scored, bureau_admin):
    assert heading_of_behind(brief(leader)) == "最需关注的五家单位（考核总分最低）（初步结果，尚未公布）"


def test_published_the_agencies_furthest_behind_are_not_provisional(leader, published):
    assert heading_of_behind(brief(leader)) == "最需关注的五家单位（考核总分最低）"


def behind_rows(page: str) -> list[list[str]]:
    """The cells of the table of the agencies furthest behind, row by row."""
    table = page[page.index("最需关注") :]
    body = re.search(r"<tbody>(.*?)</tbody>", table, re.S).group(1)
    return [
        [re.sub(r"<[^>]+>", "", cell) for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
        for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)
    ]


@pytest.fixture
def tied_at_the_bottom(rubric, bureau_office, agency_a):
    """Seven agencies: the market regulator ahead, having done its work; six that did nothing, tied last: its
    parent, the lawyers' association (not subject to the study minimum) and four more."""
    item = make_item(make_checklist(agency_a), activities=1)
    make_activity(agency_a, "open_day", people=626_864, item=item)
    Agency.objects.create(
        name="常州市新北区律师协会",
        agency_type=Agency.Type.ENTERPRISE,
        filing_office=bureau_office,
        subject_to_study_minimum=False,
    )
    for i in range(4):
        Agency.objects.create(name=f"新北区单位{i}", agency_type=Agency.Type.GOVERNMENT, filing_office=bureau_office)
    run_scoring(rubric)
    last = Result.objects.filter(rubric=rubric).order_by("-rank_district").first().rank_district
    assert Result.objects.filter(rubric=rubric, rank_district=last).count() == 6  # the case
    return last


def test_the_brief_writes_figures_as_the_other_pages_do(leader, tied_at_the_bottom):
    page = brief(leader)
    assert '<div class="n">626,864</div><div class="l">覆盖人次</div>' in page
    rows = {row[1]: row for row in behind_rows(page)}
    assert rows["常州市新北区律师协会"][5] == "0（不作要求）"  # not "0/2"
    assert rows["新北区单位0"][5] == "0/2"


def test_agencies_tied_at_the_cut_are_told_not_left_out_silently(leader, tied_at_the_bottom):
    page = brief(leader)
    rows = behind_rows(page)
    assert len(rows) == BEHIND and {row[0] for row in rows} == {str(tied_at_the_bottom)}
    assert f"另有1家单位与第{tied_at_the_bottom}名并列（总分相同），未列出" in page


def test_a_cut_between_ranks_tells_of_no_tie(leader, scored):
    page = brief(leader)
    assert behind_rows(page) and "并列" not in page


def district_report(user) -> Document:
    with translation.override("zh-hans"):  # as the worker writes it
        return Document(io.BytesIO(district_report_docx(district_figures(YEAR, user, ranking=REPORT_RANKING))))


def test_the_district_report_tells_of_the_tie_too(bureau_admin, tied_at_the_bottom):
    text = "\n".join(p.text for p in district_report(bureau_admin).paragraphs)
    # The first ten hold all seven agencies; the five furthest behind leave one of the six tied out.
    assert text.count("并列") == 1 and f"另有1家单位与第{tied_at_the_bottom}名并列（总分相同），未列出。" in text


def test_the_district_report_writes_figures_as_the_dashboard_does(login, bureau_admin, tied_at_the_bottom):
    dashboard = login(bureau_admin).get(reverse("assessment:dashboard"), {"year": YEAR}).text
    assert "626,864" in dashboard
    report = district_report(bureau_admin)
    text = "\n".join(p.text for p in report.paragraphs)
    assert "全区共开展普法活动1次，覆盖626,864人次" in text
    by_duty = next(
        t for t in report.tables if [c.text for c in t.rows[0].cells] == ["职责类别", "活动次数", "覆盖人次"]
    )
    assert "626,864" in [row.cells[2].text for row in by_duty.rows[1:]]
    assert "626864" not in text
