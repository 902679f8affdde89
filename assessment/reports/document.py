"""The annual report as a Chinese government document (.docx), written with python-docx.

Layout after GB/T 9704-2012 (党政机关公文格式): A4, margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm;
title in 方正小标宋简体 二号, headings in 黑体 三号, body in 仿宋_GB2312 三号 with a two-character indent and a
fixed 28 pt line. Word and WPS pick a Chinese font by the run's ``w:eastAsia`` name, so each style names it
there; the font table gives each GB2312-era name the font every Windows has as ``w:altName`` (方正小标宋简体 →
宋体, 仿宋_GB2312 → 仿宋, 楷体_GB2312 → 楷体), which is what they fall back to on a machine without it.

The text is Chinese on purpose: this is the document the agency files, not a page of the interface.
"""

from __future__ import annotations

import io

from django.contrib.humanize.templatetags.humanize import intcomma
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from lxml import etree

from agencies.vocabulary import Duty

from .chart import item_progress_png
from .figures import AnnualReportFigures

TITLE_FONT = "方正小标宋简体"
HEADING_FONT = "黑体"
SUBHEADING_FONT = "楷体_GB2312"
BODY_FONT = "仿宋_GB2312"
LATIN_FONT = "Times New Roman"
# What WPS and Word use where the GB2312-era font is not installed.
FALLBACKS = {TITLE_FONT: "宋体", BODY_FONT: "仿宋", SUBHEADING_FONT: "楷体", HEADING_FONT: "SimHei"}

MARGINS_MM = {"top": 37, "bottom": 35, "left": 28, "right": 26}
TITLE_SIZE = Pt(22)  # 二号
BODY_SIZE = Pt(16)  # 三号
TABLE_SIZE = Pt(12)  # 小四
LINE = Pt(28)

MET, NOT_MET = "已达目标", "未达目标"
DIGITS = "零一二三四五六七八九"

DUTY_HEADINGS = {
    Duty.STUDY: "国家工作人员学法用法",
    Duty.PUBLIC: "面向社会普法",
    Duty.ENFORCEMENT: "执法司法过程中普法",
    Duty.MEDIA: "新媒体及其他普法资源",
}


def set_fonts(r_pr_owner, east_asia: str, latin: str = LATIN_FONT) -> None:
    """Name the fonts of a style or run: ``w:eastAsia`` for Chinese, a Latin font for digits and letters; the
    template's theme fonts are removed, or they would win over the names."""
    r_pr = r_pr_owner.get_or_add_rPr()
    fonts = r_pr.get_or_add_rFonts()
    for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attribute), None)
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)
    fonts.set(qn("w:cs"), latin)
    fonts.set(qn("w:eastAsia"), east_asia)


def _style(document, name: str, font: str, size, *, bold: bool = False):
    style = document.styles[name]
    style.font.size = size
    style.font.bold = bold
    style.font.italic = False
    style.font.color.rgb = RGBColor(0, 0, 0)
    set_fonts(style.element, font)
    layout = style.paragraph_format
    layout.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    layout.line_spacing = LINE
    layout.space_before = Pt(0)
    layout.space_after = Pt(0)
    return style


def _declare_fallbacks(document) -> None:
    """Add each Chinese font to the font table with its fallback (``w:altName``) and GB2312 charset."""
    part = next(p for p in document.part.package.iter_parts() if p.partname == "/word/fontTable.xml")
    table = etree.fromstring(part.blob)
    for name, fallback in FALLBACKS.items():
        font = etree.SubElement(table, qn("w:font"), {qn("w:name"): name})
        etree.SubElement(font, qn("w:altName"), {qn("w:val"): fallback})
        etree.SubElement(font, qn("w:charset"), {qn("w:val"): "86"})
        etree.SubElement(font, qn("w:family"), {qn("w:val"): "modern"})
    part._blob = etree.tostring(table, xml_declaration=True, encoding="UTF-8", standalone=True)


def _page(document) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = Mm(MARGINS_MM["top"])
    section.bottom_margin = Mm(MARGINS_MM["bottom"])
    section.left_margin = Mm(MARGINS_MM["left"])
    section.right_margin = Mm(MARGINS_MM["right"])


class _Writer:
    def __init__(self):
        self.document = Document()
        _page(self.document)
        body = _style(self.document, "Normal", BODY_FONT, BODY_SIZE)
        body.paragraph_format.first_line_indent = Pt(32)  # two characters of 三号
        body.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        for name, font in (("Title", TITLE_FONT), ("Heading 1", HEADING_FONT), ("Heading 2", SUBHEADING_FONT)):
            style = _style(self.document, name, font, TITLE_SIZE if name == "Title" else BODY_SIZE)
            style.paragraph_format.first_line_indent = Pt(0) if name == "Title" else Pt(32)
            style.paragraph_format.keep_with_next = True
            self._drop_borders(style)
        title = self.document.styles["Title"].paragraph_format
        title.alignment = WD_ALIGN_PARAGRAPH.CENTER
        title.line_spacing = Pt(36)
        title.space_after = Pt(28)
        _declare_fallbacks(self.document)

    @staticmethod
    def _drop_borders(style) -> None:
        """The template's Title has a blue rule under it; a government document has none."""
        p_pr = style.element.pPr
        if p_pr is not None:
            for border in p_pr.findall(qn("w:pBdr")):
                p_pr.remove(border)

    def title(self, text: str) -> None:
        self.document.add_paragraph(text, style="Title")

    def heading(self, text: str, level: int = 1) -> None:
        self.document.add_paragraph(text, style=f"Heading {level}")

    def paragraph(self, text: str = "") -> None:
        self.document.add_paragraph(text)

    def table(self, header: list[str], rows: list[list]) -> None:
        """A centred grid; whole numbers written as the pages write them (``intcomma``: 12,345)."""
        table = self.document.add_table(rows=1, cols=len(header))
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        for cells, values in [(table.rows[0].cells, header)] + [(table.add_row().cells, row) for row in rows]:
            for cell, value in zip(cells, values, strict=True):
                paragraph = cell.paragraphs[0]
                paragraph.paragraph_format.first_line_indent = Pt(0)
                paragraph.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
                run = paragraph.add_run(intcomma(value) if isinstance(value, int) else str(value))
                run.font.size = TABLE_SIZE
                set_fonts(run._r, BODY_FONT)

    def picture(self, png: bytes, caption: str) -> None:
        self.document.add_picture(io.BytesIO(png), width=Mm(150))
        self.document.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
        self.document.paragraphs[-1].paragraph_format.first_line_indent = Pt(0)
        self.document.paragraphs[-1].paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
        paragraph = self.document.add_paragraph(caption)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.first_line_indent = Pt(0)
        for run in paragraph.runs:
            run.font.size = TABLE_SIZE

    def signature(self, lines: list[str]) -> None:
        self.paragraph()
        for line in lines:
            paragraph = self.document.add_paragraph(line)
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            paragraph.paragraph_format.right_indent = Pt(64)  # 右空四字 (GB/T 9704 7.3.5)

    def save(self) -> bytes:
        output = io.BytesIO()
        self.document.save(output)
        return output.getvalue()


def _numbered(index: int) -> str:
    """一, 二 … 九十九 for ``index`` 0, 1 … 98; digits beyond."""
    number = index + 1
    if number >= 100:
        return str(number)
    tens, ones = divmod(number, 10)
    if tens == 0:
        return DIGITS[ones]
    return (DIGITS[tens] if tens > 1 else "") + "十" + (DIGITS[ones] if ones else "")


def _date(day) -> str:
    """A date as official documents write it: 2026年3月1日, not 2026年03月01日."""
    return f"{day.year}年{day.month}月{day.day}日"


def _month_day(day) -> str:
    return f"{day.month}月{day.day}日"


def _sentence(text: str) -> str:
    """``text`` closed by one full stop: a description the user ended with one gets no second."""
    text = text.rstrip()
    return text if text.endswith(("。", "！", "？", "…", ".", "!", "?")) else f"{text}。"


def report_title(figures: AnnualReportFigures) -> str:
    return f"{figures.agency.name}{figures.year}年度普法工作情况报告"


def annual_report_docx(figures: AnnualReportFigures) -> bytes:
    """The report's .docx: every figure from ``figures``, counts written as the pages write them (``intcomma``:
    12,345), the closing section left for the clerk."""
    agency, year = figures.agency, figures.year
    out = _Writer()
    out.title(report_title(figures))
    out.paragraph(
        f"{year}年，{agency.name}按照“谁执法谁普法”普法责任制的要求，落实本单位普法责任清单，"
        f"现将{year}年度普法工作情况报告如下（数据截至{_date(figures.today)}，由普法责任制管理系统生成）。"
    )
    sections = []

    def section(text: str) -> None:
        out.heading(f"{_numbered(len(sections))}、{text}")
        sections.append(text)

    section("普法责任清单落实情况")
    if figures.checklist_revision is None:
        out.paragraph(f"本单位{year}年度普法责任清单尚未审核通过。")
    else:
        out.paragraph(
            f"本单位{year}年度普法责任清单（第{figures.checklist_revision}版）共{intcomma(len(figures.items))}项，"
            f"已达目标{intcomma(figures.items_met)}项，未达目标{intcomma(len(figures.items) - figures.items_met)}项。"
        )
        if figures.items:
            out.picture(
                item_progress_png(figures.items),
                "图1 责任清单各项完成进度（横轴为事项序号，绿色为已达目标，橙色为未达目标）",
            )
        for index, progress in enumerate(figures.items, start=1):
            item = progress.item
            out.heading(f"（{_numbered(index - 1)}）{' '.join(item.content.split())}", level=2)
            held = [a for a in progress.activities if a.start_date <= figures.today]
            titles = "；".join(f"{_month_day(a.start_date)}{a.title}" for a in held) or "无"
            out.paragraph(
                f"责任科室：{item.responsible_office}；实施时间：{_date(item.start_date)}至"
                f"{_date(item.end_date)}；目标：{item.goal}（计划开展活动{intcomma(item.target_activities)}次，"
                f"覆盖{intcomma(item.target_people)}人次）。"
            )
            out.paragraph(
                f"实际开展活动{intcomma(progress.held)}次，覆盖{intcomma(progress.people)}人次，"
                f"{MET if progress.met else NOT_MET}。"
                f"开展的活动：{titles}。"
            )

    section("国家工作人员集中学法情况")
    study = figures.study
    if study.applies:
        verdict = "已达到" if study.met else f"未达到，尚差{intcomma(study.missing)}次"
        out.paragraph(
            f"本年度党委（党组）中心组、政府常务会议集中学法{intcomma(study.sessions)}次，"
            f"年度最低要求{intcomma(study.minimum)}次，{verdict}。"
        )
    else:
        out.paragraph(f"本单位不适用集中学法最低次数要求，本年度集中学法{intcomma(study.sessions)}次。")

    section("分类开展普法活动情况")
    rows = []
    for duty in Duty.values:
        for row in figures.by_duty.get(duty, []):
            rows.append([DUTY_HEADINGS[duty], row.label, row.activities, row.people])
    if rows:
        for duty in Duty.values:
            count, people = figures.duty_total(duty)
            if count:
                out.paragraph(f"{DUTY_HEADINGS[duty]}：开展活动{intcomma(count)}次，覆盖{intcomma(people)}人次。")
        out.table(["职责类别", "活动类型", "次数", "覆盖人次"], rows)
    else:
        out.paragraph("本年度尚未登记普法活动。")

    if figures.campaigns:
        section("参加集中宣传活动情况")
        joined = [c for c in figures.campaigns if c.held]
        out.paragraph(
            f"本年度受部署参加集中宣传活动{intcomma(len(figures.campaigns))}项，已参加{intcomma(len(joined))}项。"
        )
        out.table(
            ["活动主题", "起止日期", "开展活动次数", "覆盖人次"],
            [
                [c.title, f"{_month_day(c.start_date)}至{_month_day(c.end_date)}", c.held, c.people]
                for c in figures.campaigns
            ],
        )

    if figures.media_accounts:
        section("新媒体普法情况")
        posts = sum(account.activity_count for account in figures.media_accounts)
        out.paragraph(
            f"本单位纳入新媒体普法网络集群的账号{intcomma(len(figures.media_accounts))}个，"
            f"本年度通过账号开展新媒体普法活动{intcomma(posts)}次。"
        )
        out.table(
            ["平台", "账号名称", "本年度活动次数"],
            [
                [account.get_platform_display(), account.name, account.activity_count]
                for account in figures.media_accounts
            ],
        )

    section("接受检查及整改情况")
    if figures.findings:
        for line in figures.findings:
            finding = line.finding
            inspection = finding.inspection
            kind = inspection.get_kind_display()
            named = inspection.title if kind in inspection.title else f"{inspection.title}（{kind}）"
            text = f"{_date(inspection.held_on)}，{named}指出：{_sentence(finding.description)}"
            if finding.requires_rectification:
                text += f"整改期限{_date(finding.deadline)}，目前状态：{finding.get_status_display()}"
                text += "，已逾期。" if line.overdue else "。"
            out.paragraph(text)
    else:
        out.paragraph("本年度未接受检查或检查未发现问题。")

    if figures.self_assessments:
        section("自查自评情况")
        for entry in figures.self_assessments:
            out.paragraph(
                f"{entry.indicator.name}（分值{entry.indicator.weight}）：自评{entry.score}分。{entry.account}"
            )

    section("下一步工作打算")
    out.paragraph("（请在此填写下一步工作打算。）")
    out.signature([agency.name, _date(figures.today)])
    return out.save()
