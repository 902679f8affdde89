"""Writing an agency's annual report draft: the worker's job builds a .docx whose figures are the pages'."""

import datetime as dt
import io
import re

import pytest
from django.urls import reverse
from docx import Document
from docx.oxml.ns import qn

from activities import facts, selectors
from agencies import outbox
from agencies.models import OutboxJob
from assessment import services
from assessment.models import Inspection, ReportDraft
from assessment.oversight import services as oversight
from assessment.reports import services as reports

from .conftest import YEAR, make_activity, make_checklist, make_item, recorder

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def year_of_work(agency_a, staff_a):
    """Agency A's 2025: one item met, one not, two ★ sessions, an overdue rectification, a self-assessment."""
    checklist = make_checklist(agency_a)
    met = make_item(checklist, activities=2, people=50, position=1)
    met.content = "食品安全法进企业"
    met.save()
    short = make_item(checklist, activities=3, people=0, position=2)
    short.content = "消费者权益保护法进社区"
    short.save()
    make_activity(agency_a, "six_places", people=30, item=met)
    make_activity(agency_a, "six_places", people=30, item=met, on=dt.date(YEAR, 7, 1))
    make_activity(agency_a, "open_day", people=5, item=short)
    make_activity(agency_a, "party_group_study", on=dt.date(YEAR, 3, 1))
    make_activity(agency_a, "party_group_study", on=dt.date(YEAR, 9, 1))
    make_activity(agency_a, "new_media_post", people=900)
    inspection = oversight.inspection_record(
        user=recorder(),
        held_on=dt.date(YEAR, 9, 10),
        kind=Inspection.Kind.DEPUTIES,
        title="人大代表视察",
        inspectors="区人大代表",
        agencies=[agency_a],
    )
    oversight.finding_add(
        inspection=inspection,
        user=recorder(),
        agency=agency_a,
        description="台账不完整。",  # ended with a full stop, as users write
        requires_rectification=True,
        deadline=dt.date(YEAR, 9, 30),
    )
    indicator = services.rubric_for_year(year=YEAR).indicators.order_by("position", "pk").first()
    services.self_assessment_save(
        agency=agency_a, indicator=indicator, score=indicator.weight, account="按时报送清单", user=staff_a
    )
    return checklist


def build(agency, staff, django_capture_on_commit_callbacks) -> ReportDraft:
    """Ask as the page does, then run the outbox job the commit queued, as the worker would."""
    with django_capture_on_commit_callbacks(execute=False):
        draft = reports.report_draft_request(agency=agency, year=YEAR, requested_by=staff)
    job = OutboxJob.objects.get(key=f"report-draft:{draft.pk}")
    assert outbox.run(job.pk)
    draft.refresh_from_db()
    return draft


def text_of(document) -> str:
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_the_job_writes_the_report_with_the_pages_figures(
    agency_a, staff_a, year_of_work, django_capture_on_commit_callbacks
):
    draft = build(agency_a, staff_a, django_capture_on_commit_callbacks)
    assert draft.status == ReportDraft.Status.READY and draft.progress == 100
    with draft.file.open("rb") as stored:
        document = Document(io.BytesIO(stored.read()))
    text = text_of(document)
    assert f"{agency_a.name}{YEAR}年度普法工作情况报告" == document.paragraphs[0].text
    progress = selectors.item_progress(agency_a.pk, YEAR)
    for line in progress.items:
        verdict = "已达目标" if line.met else "未达目标"
        paragraph = next(p.text for p in document.paragraphs if p.text.startswith(f"实际开展活动{line.held}次"))
        assert line.item.content in text and verdict in paragraph
    assert [line.met for line in progress.items] == [True, False]
    sessions = facts.study_sessions(agency_a.pk, YEAR)
    assert sessions == 2 and f"集中学法{sessions}次" in text
    assert "新媒体及其他普法资源：开展活动1次，覆盖900人次。" in text
    assert "台账不完整" in text and "已逾期" in text
    # As official documents write: one full stop, dates without leading zeros, the inspection's kind named once.
    assert "指出：台账不完整。整改期限2025年9月30日" in text and "。。" not in text
    assert not re.search(r"年0\d月|月0\d日|^0\d月", text, re.MULTILINE)
    assert "2025年9月10日，人大代表视察指出" in text
    assert "按时报送清单" in text
    assert "下一步工作打算" in text
    (chart,) = document.inline_shapes  # the items' progress, as a PNG
    image = document.part.related_parts[chart._inline.graphic.graphicData.pic.blipFill.blip.embed]
    assert image.content_type == "image/png" and "图1 责任清单各项完成进度" in text


def test_the_document_is_laid_out_as_a_government_document(
    agency_a, staff_a, year_of_work, django_capture_on_commit_callbacks
):
    draft = build(agency_a, staff_a, django_capture_on_commit_callbacks)
    with draft.file.open("rb") as stored:
        document = Document(io.BytesIO(stored.read()))
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)  # A4
    margins = [section.top_margin, section.bottom_margin, section.left_margin, section.right_margin]
    assert [round(m.mm) for m in margins] == [37, 35, 28, 26]

    def east_asia(style):
        return style.element.rPr.rFonts.get(qn("w:eastAsia"))

    assert east_asia(document.styles["Title"]) == "方正小标宋简体"
    assert east_asia(document.styles["Normal"]) == "仿宋_GB2312"
    assert east_asia(document.styles["Heading 1"]) == "黑体"
    assert document.styles["Normal"].font.size.pt == 16
    font_table = next(p for p in document.part.package.iter_parts() if p.partname == "/word/fontTable.xml")
    assert "仿宋_GB2312".encode() in font_table.blob and 'w:altName w:val="仿宋"'.encode() in font_table.blob


def test_a_job_run_twice_builds_once(agency_a, staff_a, year_of_work, django_capture_on_commit_callbacks):
    draft = build(agency_a, staff_a, django_capture_on_commit_callbacks)
    again = reports.report_draft_build(draft_id=draft.pk)
    assert again.file.name == draft.file.name and again.built_at == draft.built_at


def test_a_draft_being_written_is_not_asked_for_twice(agency_a, staff_a, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        reports.report_draft_request(agency=agency_a, year=YEAR, requested_by=staff_a)
    with pytest.raises(Exception, match="正在生成|already being built"):
        reports.report_draft_request(agency=agency_a, year=YEAR, requested_by=staff_a)
    assert OutboxJob.objects.filter(key__startswith="report-draft:").count() == 1


def test_without_an_approved_checklist_the_report_says_so(agency_a, staff_a, django_capture_on_commit_callbacks):
    draft = build(agency_a, staff_a, django_capture_on_commit_callbacks)
    with draft.file.open("rb") as stored:
        text = text_of(Document(io.BytesIO(stored.read())))
    assert "责任清单尚未审核通过" in text


def test_the_report_writes_counts_as_the_pages_do(login, agency_a, staff_a, django_capture_on_commit_callbacks):
    """12,345 people reached, as the progress page says it, not 12345."""
    item = make_item(make_checklist(agency_a), activities=1, people=20_000, position=1)
    make_activity(agency_a, "six_places", people=12_345, item=item)
    progress_page = login(staff_a).get(reverse("activities:progress", args=[agency_a.pk, YEAR])).text
    assert "12,345" in progress_page and "20,000" in progress_page
    draft = build(agency_a, staff_a, django_capture_on_commit_callbacks)
    with draft.file.open("rb") as stored:
        text = text_of(Document(io.BytesIO(stored.read())))
    assert "（计划开展活动1次，覆盖20,000人次）" in text
    assert "实际开展活动1次，覆盖12,345人次" in text
    assert "面向社会普法：开展活动1次，覆盖12,345人次。" in text
    assert "12345" not in text and "20000" not in text
