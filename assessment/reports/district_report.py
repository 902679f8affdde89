"""The district report (全区普法责任制落实情况报告) for the bureau, as a .docx laid out like the agency's annual
report (``document.py``: GB/T 9704). Every figure comes from ``DistrictFigures`` (the dashboard's own), written as
the dashboard writes it (``intcomma``: 12,345; years as they are); the dashboard's charts are pictures in it.

The report is a list of sections (``SECTIONS``), each a function writing its part: add a section by adding its
function to the list.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.humanize.templatetags.humanize import intcomma

from .district import DistrictFigures, chart_svgs
from .document import _date, _numbered, _Writer
from .images import chart_png

TOP = 10


def _percent(part: int, whole: int) -> str:
    return f"{part * 100 / whole:.1f}%" if whole else "—"


class _Report:
    def __init__(self, figures: DistrictFigures):
        self.figures = figures
        self.out = _Writer()
        self.sections = 0
        self.pictures = 0
        self.charts = dict(chart_svgs(figures.board))

    def section(self, text: str) -> None:
        self.out.heading(f"{_numbered(self.sections)}、{text}")
        self.sections += 1

    def chart(self, caption: str) -> None:
        self.pictures += 1
        self.out.picture(chart_png(self.charts[caption]), f"图{self.pictures} {caption}")


def filing(report: _Report) -> None:
    figures, out = report.figures, report.out
    board = figures.board
    total = board.everyone.value if board.everyone else 0
    on_time, late, none = (figures.value(k) for k in ("filing:on_time", "filing:late", "filing:none"))
    report.section("普法责任清单备案情况")
    out.paragraph(
        f"全区共有责任单位{intcomma(total)}家。{figures.year}年度普法责任清单按时报送{intcomma(on_time)}家，"
        f"逾期报送{intcomma(late)}家，未报送{intcomma(none)}家，按时报送率{_percent(on_time, total)}；"
        f"审核通过{intcomma(figures.value('status:approved'))}家。"
    )
    report.chart("全区责任清单备案及时情况")
    out.table(
        ["备案机关", "单位数", "按时报送", "逾期报送", "未报送", "审核通过"],
        [line.row() for line in board.offices],
    )


def study(report: _Report) -> None:
    figures, out = report.figures, report.out
    met, unmet = figures.value("study:met"), figures.value("study:unmet")
    report.section("国家工作人员集中学法情况")
    out.paragraph(
        f"适用年度集中学法最低次数要求（{intcomma(figures.board.study_minimum)}次）的单位{intcomma(met + unmet)}家，"
        f"已达到要求{intcomma(met)}家，未达到{intcomma(unmet)}家，达标率{_percent(met, met + unmet)}。"
    )
    report.chart("集中学法最低次数达标情况")


# Each section is its own heading and sentence over its own figures: prose, so the sections stay written out.
def activities(report: _Report) -> None:
    figures, out = report.figures, report.out
    board = figures.board
    report.section("普法履职活动开展情况")
    out.paragraph(
        f"全区共开展普法活动{intcomma(board.activities_total)}次，覆盖{intcomma(board.people_total)}人次；"
        f"责任清单事项共{intcomma(board.items_total)}项，已达目标{intcomma(board.items_met)}项。"
    )
    people = {f.key.split(":", 1)[1]: f.value for f in board.people}
    out.table(
        ["职责类别", "活动次数", "覆盖人次"],
        [[f.label, f.value, people.get(f.key.split(":", 1)[1], 0)] for f in board.duties],
    )
    report.chart("按职责类别开展普法活动次数")
    out.table(["月份", "活动次数"], [[f.label, f.value] for f in board.months])
    report.chart("各月开展普法活动次数")


def _ranked(row) -> list:
    return [row.result.rank_district, row.agency.name, row.result.total, row.result.get_grade_display()]


def assessment(report: _Report) -> None:
    figures, out = report.figures, report.out
    board = figures.board
    report.section("年度考核评价情况")
    if not board.scored:
        out.paragraph(f"{figures.year}年度考核尚未计分。")
        return
    state = "已公布" if board.published else "尚未公布，以下为初步结果"
    grades = "，".join(f"{f.label}{intcomma(f.value)}家" for f in board.grades)
    out.paragraph(f"{figures.year}年度考核结果{state}：{grades}。")
    report.chart("考核等次分布")
    header = ["名次", "单位", "总分", "等次"]
    out.heading("（一）考核排名前十位", level=2)
    top = figures.ranking[:TOP]
    out.table(header, [_ranked(row) for row in top])
    _tied(out, board.top_tied, top)
    out.heading("（二）考核总分最低的五家单位", level=2)
    out.table(header, [_ranked(row) for row in figures.behind])
    _tied(out, figures.behind_tied, figures.behind)


def _tied(out, tied: int, shown: list) -> None:
    """A table cut inside a tie says so (``dashboards.tied_left_out``), as the dashboard and the brief do."""
    if tied:
        rank = shown[-1].result.rank_district
        out.paragraph(f"另有{intcomma(tied)}家单位与第{intcomma(rank)}名并列（总分相同），未列出。")


def rectifications(report: _Report) -> None:
    figures, out = report.figures, report.out
    report.section("逾期未整改问题情况")
    count = figures.value("rectification:overdue")
    if not count:
        out.paragraph(f"{figures.year}年度检查发现的问题中，目前没有逾期未整改的问题。")
        return
    agencies = len({finding.agency_id for finding in figures.overdue})
    out.paragraph(
        f"{figures.year}年度检查发现的问题中，逾期未整改{intcomma(count)}项，涉及{intcomma(agencies)}家单位。"
    )
    out.table(
        ["单位", "检查", "问题", "整改期限"],
        [[f.agency.name, f.inspection.title, f.description, f"{f.deadline:%Y-%m-%d}"] for f in figures.overdue],
    )


def coverage(report: _Report) -> None:
    """Enforcement-basis coverage: the dashboard's two figures (``checklists.coverage``)."""
    figures, out = report.figures, report.out
    full, gaps = figures.value("coverage:full"), figures.value("coverage:gaps")
    report.section("执法依据覆盖情况")
    if not full + gaps:
        out.paragraph("尚无单位录入执法依据（权力清单），暂无覆盖情况。")
        return
    out.paragraph(
        f"录入执法依据（权力清单）的单位{intcomma(full + gaps)}家，其责任清单已覆盖全部所执行法律法规的"
        f"{intcomma(full)}家，仍有法律法规未列入清单的{intcomma(gaps)}家，全覆盖率{_percent(full, full + gaps)}。"
    )


def campaigns(report: _Report) -> None:
    """The year's campaigns and who took part: the campaign pages' participation and the dashboard's figures."""
    figures, out = report.figures, report.out
    report.section("集中宣传活动开展情况")
    if not figures.campaigns:
        out.paragraph(f"{figures.year}年度未部署集中宣传活动。")
        return
    took_part, not_yet = figures.value("campaign:took_part"), figures.value("campaign:not_yet")
    out.paragraph(
        f"{figures.year}年度部署集中宣传活动{intcomma(len(figures.campaigns))}项；受部署单位中，已参加至少一项的"
        f"{intcomma(took_part)}家，尚未参加的{intcomma(not_yet)}家。"
    )
    out.table(
        ["活动主题", "起止日期", "部署单位数", "已参加", "活动次数", "覆盖人次"],
        [
            [
                campaign.title,
                f"{campaign.start_date:%m-%d}至{campaign.end_date:%m-%d}",
                part.asked,
                part.took_part,
                part.activities,
                part.people,
            ]
            for campaign, part in figures.campaigns
        ],
    )


# A section like the others: its own heading and sentence over its own figures.
def decisions(report: _Report) -> None:
    """Results use: the commendations and accountability measures the bureau recorded for the year."""
    figures, out = report.figures, report.out
    counts = figures.decisions
    report.section("考核结果运用情况")
    out.paragraph(
        f"{figures.year}年度表彰{intcomma(counts.get('commendations', 0))}项；"
        f"采取问责措施{intcomma(counts.get('measures', 0))}项，其中尚未办结{intcomma(counts.get('open', 0))}项，"
        f"逾期未答复{intcomma(counts.get('overdue', 0))}项。"
    )
    if figures.commendations:
        out.table(
            ["表彰对象", "单位", "决定日期"],
            [
                [c.person_name or c.agency.name, c.agency.name, f"{c.decided_on:%Y-%m-%d}"]
                for c in figures.commendations
            ],
        )
    if figures.measures:
        out.table(
            ["单位", "措施", "决定日期", "答复期限", "状态"],
            [
                [
                    m.agency.name,
                    m.get_kind_display(),
                    f"{m.decided_on:%Y-%m-%d}",
                    f"{m.deadline:%Y-%m-%d}",
                    m.get_status_display(),
                ]
                for m in figures.measures
            ],
        )


# The report's sections, in order; each is a function like those above.
SECTIONS: list[Callable[[_Report], None]] = [
    filing,
    study,
    activities,
    campaigns,
    coverage,
    assessment,
    decisions,
    rectifications,
]


def report_title(year: int) -> str:
    return f"{year}年度全区普法责任制落实情况报告"


def district_report_docx(figures: DistrictFigures, *, progress: Callable[[int], None] = lambda percent: None) -> bytes:
    report = _Report(figures)
    out = report.out
    out.title(report_title(figures.year))
    out.paragraph(
        f"现将{figures.year}年度全区“谁执法谁普法”普法责任制落实情况报告如下"
        f"（数据截至{_date(figures.today)}，与普法责任制管理平台数据看板一致）。"
    )
    for index, section in enumerate(SECTIONS, start=1):
        section(report)
        progress(50 + 45 * index // len(SECTIONS))
    bureau = next((line.office.name for line in figures.board.offices if line.office.is_district_bureau), "")
    out.signature([bureau, _date(figures.today)])
    return out.save()
