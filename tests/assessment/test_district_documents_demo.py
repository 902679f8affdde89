"""The district report and the leader's brief on the demo district: the demo's ``bureau`` and ``leader`` write
them, and every figure in them is the one the dashboard page shows for 2026 (a year still running, not scored) and,
for the ranking, 2025 (published).

The brief is checked as a file: one A4 page (its /MediaBox and /Count, read from the PDF's objects), drawn to
PNG by poppler's pdftoppm and not blank."""

import io
import os
import re
import shutil
import subprocess
import zlib

import pytest
from django.contrib.humanize.templatetags.humanize import intcomma
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from docx import Document
from PIL import Image

from activities.campaigns import facts as campaign_facts
from activities.campaigns import selectors as campaign_selectors
from agencies.models import User
from assessment.dashboard import selectors as dashboards
from assessment.decisions import selectors as decisions
from assessment.models import DistrictDocument

YEAR = 2026
SCORED_YEAR = 2025  # the demo scores 2026 only once it ends
A4 = (595.0, 842.0)  # points, rounded

pytestmark = [pytest.mark.opened_years(), pytest.mark.django_db]


@pytest.fixture
def demo(settings, tmp_path):
    settings.DEBUG = True
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("seed_demo")


def write(client, url, capture):
    with capture(execute=True):
        assert client.post(url).status_code == 302
    page = client.get(url).text
    match = re.search(r'href="(/assessment/district-documents/\d+/download/)"', page)
    assert match, "the page links the document once written"
    download = client.get(match.group(1))
    assert download.status_code == 200
    return b"".join(download.streaming_content)


def chart_value(page: str, label: str) -> int:
    """A bar's number on the dashboard page, from its accessible name ("按时报送: 37")."""
    match = re.search(rf'aria-label="{re.escape(label)}: ([\d,]+)"', page)
    assert match, label
    return number(match.group(1))


def number(text: str) -> int:
    """A count as the pages and the documents write it ("12,345")."""
    return int(text.replace(",", ""))


def test_the_district_report_says_what_the_dashboard_says(
    demo, login, celery_eager, django_capture_on_commit_callbacks
):
    bureau = User.objects.get(username="bureau")
    client = login(bureau)
    content = write(client, reverse("assessment:district_report", args=[YEAR]), django_capture_on_commit_callbacks)
    report = Document(io.BytesIO(content))
    text = "\n".join(p.text for p in report.paragraphs)
    page = client.get(reverse("assessment:dashboard"), {"year": YEAR}).text
    board = dashboards.for_user(YEAR, bureau)

    on_time, late, none = (chart_value(page, label) for label in ("按时报送", "逾期报送", "未报送"))
    assert f"按时报送{intcomma(on_time)}家，逾期报送{intcomma(late)}家，未报送{intcomma(none)}家" in text
    assert f"全区共有责任单位{intcomma(on_time + late + none)}家" in text
    met, unmet = chart_value(page, "达到学法次数"), chart_value(page, "未达学法次数")
    assert f"已达到要求{intcomma(met)}家，未达到{intcomma(unmet)}家" in text
    assert f"全区共开展普法活动{intcomma(board.activities_total)}次，覆盖{intcomma(board.people_total)}人次" in text

    tables = {tuple(cell.text for cell in table.rows[0].cells): table for table in report.tables}
    by_duty = tables[("职责类别", "活动次数", "覆盖人次")]
    for figure, row in zip(board.duties, by_duty.rows[1:], strict=True):
        assert row.cells[0].text == figure.label
        assert number(row.cells[1].text) == chart_value(page, figure.label) == figure.value
    by_month = tables[("月份", "活动次数")]
    assert [number(row.cells[1].text) for row in by_month.rows[1:]] == [
        chart_value(page, f"{month}月") for month in range(1, 13)
    ]
    offices = tables[("备案机关", "单位数", "按时报送", "逾期报送", "未报送", "审核通过")]
    assert sum(number(row.cells[2].text) for row in offices.rows[1:]) == on_time

    assert f"{YEAR}年度考核尚未计分。" in text  # no grades and no ranking before the year is scored
    assert ("名次", "单位", "总分", "等次") not in tables
    overdue = board.overdue.value
    assert overdue > 0 and f"逾期未整改{intcomma(overdue)}项" in text
    full, gaps = (board.figure(key).value for key in ("coverage:full", "coverage:gaps"))
    assert (
        gaps > 0 and f"已覆盖全部所执行法律法规的{intcomma(full)}家，仍有法律法规未列入清单的{intcomma(gaps)}家" in text
    )
    # Campaigns: each campaign's participation as its page counts it (activities.campaigns.facts).
    campaigns = campaign_selectors.campaign_list(bureau, YEAR)
    parts = campaign_facts.participation(campaigns)
    table = tables[("活动主题", "起止日期", "部署单位数", "已参加", "活动次数", "覆盖人次")]
    assert {row.cells[0].text: [number(c.text) for c in row.cells[2:]] for row in table.rows[1:]} == {
        c.title: [parts[c.pk].asked, parts[c.pk].took_part, parts[c.pk].activities, parts[c.pk].people]
        for c in campaigns
    }
    assert f"已参加至少一项的{intcomma(board.figure('campaign:took_part').value)}家" in text
    # Results use: the counts of the results-use page.
    counts = decisions.decision_counts(bureau, YEAR, today=timezone.localdate())
    assert f"{YEAR}年度表彰{intcomma(counts['commendations'])}项；采取问责措施{intcomma(counts['measures'])}项" in text
    assert len(report.inline_shapes) == 4  # the dashboard's charts but the grades'


def test_the_district_report_of_a_scored_year_grades_and_ranks_as_the_dashboard_does(
    demo, login, celery_eager, django_capture_on_commit_callbacks
):
    bureau = User.objects.get(username="bureau")
    client = login(bureau)
    url = reverse("assessment:district_report", args=[SCORED_YEAR])
    report = Document(io.BytesIO(write(client, url, django_capture_on_commit_callbacks)))
    text = "\n".join(p.text for p in report.paragraphs)
    page = client.get(reverse("assessment:dashboard"), {"year": SCORED_YEAR}).text
    board = dashboards.for_user(SCORED_YEAR, bureau)

    grades = "，".join(f"{f.label}{intcomma(chart_value(page, f.label))}家" for f in board.grades)
    assert f"{SCORED_YEAR}年度考核结果已公布：{grades}。" in text
    top, bottom = (t for t in report.tables if [c.text for c in t.rows[0].cells] == ["名次", "单位", "总分", "等次"])
    assert [row.cells[1].text for row in top.rows[1:]] == [line.name for line in board.top]
    last = ranking_ids(bureau, SCORED_YEAR)[-1]
    assert bottom.rows[1].cells[1].text == next(
        r.agency.name for r in dashboards.rows_of(board, board_agencies(bureau), [last])
    )
    assert len(report.inline_shapes) == 5  # the dashboard's five charts, the grades' among them


def pdf_objects(pdf: bytes) -> bytes:
    """The PDF's text with every compressed stream (object streams among them) inflated."""
    found = [pdf]
    for stream in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        try:
            found.append(zlib.decompress(stream.group(1)))
        except zlib.error:
            pass
    return b"\n".join(found)


def test_the_leaders_brief_is_one_a4_page(demo, login, celery_eager, django_capture_on_commit_callbacks, tmp_path):
    leader = User.objects.get(username="leader")
    # The published year's: its five furthest behind make the fullest page.
    url = reverse("assessment:leader_brief", args=[SCORED_YEAR])
    pdf = write(login(leader), url, django_capture_on_commit_callbacks)
    objects = pdf_objects(pdf)
    assert re.findall(rb"/Type\s*/Pages\b.*?/Count\s+(\d+)", objects, re.S) == [b"1"]
    boxes = re.findall(rb"/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]", objects)
    assert boxes and all(
        (round(float(box[2]) - float(box[0])), round(float(box[3]) - float(box[1]))) == A4 for box in boxes
    )
    assert DistrictDocument.objects.get(kind=DistrictDocument.Kind.BRIEF).requested_by == leader

    if shutil.which("pdftoppm") is None:
        if os.environ.get("CI"):
            pytest.fail("pdftoppm not found: install Debian's poppler-utils")
        pytest.skip("pdftoppm not found (Debian's poppler-utils)")
    (tmp_path / "brief.pdf").write_bytes(pdf)
    subprocess.run(  # noqa: S603 - a fixed program on a file of ours
        ["pdftoppm", "-r", "50", "-png", "-singlefile", str(tmp_path / "brief.pdf"), str(tmp_path / "brief")],
        check=True,
    )
    picture = Image.open(tmp_path / "brief.png").convert("L")
    assert abs(picture.width / picture.height - 210 / 297) < 0.01
    dark = sum(picture.histogram()[:128])
    assert dark > picture.width * picture.height // 500, "the page has text and figures on it (a blank one has none)"
    text = subprocess.run(  # noqa: S603
        ["pdftotext", str(tmp_path / "brief.pdf"), "-"], check=True, capture_output=True, text=True
    ).stdout
    board = dashboards.for_user(SCORED_YEAR, leader)
    behind = dashboards.rows_of(board, board_agencies(leader), ranking_ids(leader, SCORED_YEAR)[-5:])
    assert len(behind) == 5
    for row in behind:
        assert row.agency.name in text.replace("\n", "")


def board_agencies(user):
    from agencies import access

    return access.active_agencies(user)


def ranking_ids(user, year):
    from assessment.dashboard import members

    board = dashboards.for_user(year, user)
    return members.of_figure(year, board_agencies(user), "ranking", rubric_id=board.rubric_id).ids()


def test_the_agency_report_lists_the_campaigns_it_was_asked_in_as_their_pages_count(
    demo, login, celery_eager, django_capture_on_commit_callbacks
):
    market = User.objects.get(username="market")
    client = login(market)
    url = reverse("assessment:report_draft", args=[YEAR, market.agency_id])
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url).status_code == 302
    match = re.search(r'href="(/assessment/reports/\d+/download/)"', client.get(url).text)
    assert match, "the page links the report once written"
    report = Document(io.BytesIO(b"".join(client.get(match.group(1)).streaming_content)))
    table = next(t for t in report.tables if [c.text for c in t.rows[0].cells][:2] == ["活动主题", "起止日期"])
    got = {row.cells[0].text: (int(row.cells[2].text), int(row.cells[3].text)) for row in table.rows[1:]}
    asked = campaign_selectors.asked_in(market.agency_id, YEAR)
    assert got and set(got) == {c.title for c in asked}
    for campaign in asked:  # its part, as the campaign page's agency list counts it
        activities, people = campaign_selectors.parts_of(campaign, [market.agency_id], timezone.localdate()).get(
            market.agency_id, (0, 0)
        )
        assert got[campaign.title] == (activities, people)
    text = "\n".join(p.text for p in report.paragraphs)
    joined = sum(1 for activities, _people in got.values() if activities)
    assert f"本年度受部署参加集中宣传活动{len(got)}项，已参加{joined}项" in text
