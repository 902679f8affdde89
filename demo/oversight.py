"""Demo plans and reports, joint meetings and inspections (see puffa/management/commands/seed_demo.py).

Idempotent: rows are found by their natural keys and brought to the values below, with fixed dates and
files under fixed names. The demo "today" is 2026-11-26: the 区市场监管局 rectification is overdue, the
区住建局 one is answered and waiting for the bureau, the 区教育局 one was accepted in June.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction

from agencies.models import Agency, User
from agencies.notices import notice_send

# The demo writes the rows the oversight services write, so it names the same models.
from assessment.models import (
    AnnualFiling,
    Finding,
    Inspection,
    JointMeeting,
    JointMeetingAttachment,
    RectificationEvent,
    RectificationEvidence,
    RectificationResponse,
    ReportDraft,
)
from assessment.oversight import services
from assessment.reports import services as report_services
from demo.library import demo_datetime, demo_pdf_file

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
GIVEN = ["建国", "志强", "海峰", "晓东", "红梅", "卫民", "立新", "国平", "春华", "文斌", "永刚", "丽华", "振宇"]

# Agencies that have not filed (by slug): the reviewer's "who has not filed" list is not empty.
NO_PLAN_2026 = {"statistics", "self-employed", "power", "menghe", "police-hehai"}
NO_REPORT_2025 = {"statistics", "self-employed", "power", "menghe", "veterans", "culture", "luoxi", "school"}

MEETINGS = [
    {
        "title": "2026年区法治宣传教育领导小组第一次联席会议",
        "held_on": dt.date(2026, 3, 18),
        "place": "区行政中心1号楼第三会议室",
        "attendees": "区委常委、政法委书记（领导小组组长）；区政府分管副区长（副组长）；各成员单位分管负责同志",
        "reporting": ["court", "education", "market"],
        "minutes": (
            "一、通报2025年度全区普法责任制落实情况和考核结果。\n"
            "二、区法院、区教育局、区市场监管局作交流发言。\n"
            "三、部署2026年“谁执法谁普法”重点工作：各单位于3月底前报送年度普法工作计划，"
            "6月底前完成年中自查。"
        ),
    },
    {
        "title": "2026年区法治宣传教育领导小组第二次联席会议",
        "held_on": dt.date(2026, 9, 16),
        "place": "区司法局五楼会议室",
        "attendees": "领导小组副组长；区司法局、区委宣传部及各成员单位普法联络员",
        "reporting": ["police", "hrss", "xuejia"],
        "minutes": (
            "一、听取上半年普法责任清单执行情况汇报。\n"
            "二、研究国家宪法日和宪法宣传周活动方案。\n"
            "三、通报人大代表视察中发现的问题及整改进展，要求相关单位按期完成整改。"
        ),
    },
]


def _head(index: int) -> str:
    return SURNAMES[index * 7 % len(SURNAMES)] + GIVEN[index % len(GIVEN)]


def _seed_filings(agencies: dict[str, Agency], staff: dict[str, User]) -> None:
    for index, (slug, agency) in enumerate(sorted(agencies.items()), start=1):
        head = _head(index)
        budget = Decimal(20000 + (index * 7919 % 23) * 5000)
        for year, kind, skip, filed_on in (
            (2026, AnnualFiling.Kind.PLAN, NO_PLAN_2026, dt.date(2026, 1, 5) + dt.timedelta(days=index)),
            (2025, AnnualFiling.Kind.REPORT, NO_REPORT_2025, dt.date(2025, 12, 10) + dt.timedelta(days=index)),
            (2025, AnnualFiling.Kind.PLAN, NO_REPORT_2025, dt.date(2025, 1, 5) + dt.timedelta(days=index)),
        ):
            if slug in skip:
                continue
            label = "年度普法工作计划" if kind == AnnualFiling.Kind.PLAN else "年度普法工作总结"
            name = f"filings/{agency.pk}/{year}/demo-{kind}"
            # Found by its natural key and brought to these values, so seeding twice changes nothing; key and values are
            # this model's own.
            AnnualFiling.objects.update_or_create(
                agency=agency,
                year=year,
                kind=kind,
                defaults={
                    "head_responsible": head,
                    "funding": budget if kind == AnnualFiling.Kind.PLAN else budget - 2000,
                    "original_name": f"{agency.display_name}{year}{label}.pdf",
                    "filed_by": staff[slug],
                    "filed_at": demo_datetime(filed_on),
                    **demo_pdf_file(name, f"{year} {kind} {slug}"),
                },
            )


INSPECTIONS = {
    "deputies": {
        "title": "区人大代表视察“谁执法谁普法”普法责任制落实情况",
        "held_on": dt.date(2026, 5, 20),
        "kind": Inspection.Kind.DEPUTIES,
        "inspectors": "区人大常委会法制工作委员会及区人大代表8人",
        "summary": "代表们实地察看了法院诉讼服务中心、校园法治教育基地和劳动保障监察窗口，总体评价较好。",
        "agencies": ["court", "education", "hrss"],
    },
    "on_site": {
        "title": "2026年第三季度普法责任制落实情况实地督查",
        "held_on": dt.date(2026, 9, 25),
        "kind": Inspection.Kind.ON_SITE,
        "inspectors": "区普法办督查组",
        "summary": "重点检查普法责任清单执行、执法过程中释法说理和普法台账建设。",
        "agencies": ["market", "police"],
    },
    "cppcc": {
        "title": "区政协委员专题视察建设领域普法工作",
        "held_on": dt.date(2026, 10, 28),
        "kind": Inspection.Kind.CPPCC,
        "inspectors": "区政协社会和法制委员会委员6人",
        "summary": "视察在建项目工地农民工法治宣传和工程建设领域执法普法情况。",
        "agencies": ["housing", "transport"],
    },
}


def _seed_meetings(agencies: dict[str, Agency], bureau: User) -> None:
    district = [a for slug, a in sorted(agencies.items()) if a.level == Agency.Level.DISTRICT and not a.parent_id]
    for number, spec in enumerate(MEETINGS, start=1):
        meeting, _ = JointMeeting.objects.update_or_create(
            title=spec["title"],
            defaults={
                "held_on": spec["held_on"],
                "place": spec["place"],
                "attendees": spec["attendees"],
                "minutes": spec["minutes"],
                "recorded_by": bureau,
            },
        )
        reporting = [agencies[slug] for slug in spec["reporting"]]
        meeting.agencies.set({*district, *reporting})
        meeting.reporting_agencies.set(reporting)
        name = f"meetings/demo-{spec['held_on'].isoformat()}"
        JointMeetingAttachment.objects.update_or_create(
            meeting=meeting,
            original_name=f"第{number}次联席会议纪要.pdf",
            defaults={
                "uploaded_by": bureau,
                **demo_pdf_file(name, f"joint meeting {number} minutes"),
            },
        )


def _finding(inspection, agency, description, bureau, *, deadline=None, status=Finding.Status.NONE) -> Finding:
    finding, _ = Finding.objects.update_or_create(
        inspection=inspection,
        agency=agency,
        description=description,
        defaults={
            "requires_rectification": deadline is not None,
            "deadline": deadline,
            "status": status,
            "created_by": bureau,
        },
    )
    if deadline is not None:
        _event(finding, RectificationEvent.Action.REQUIRED, bureau, inspection.held_on, f"请于 {deadline} 前完成整改。")
    return finding


def _event(finding, action, actor, day, comment="") -> RectificationEvent:
    event, _ = RectificationEvent.objects.update_or_create(
        finding=finding, action=action, at=demo_datetime(day, 15), defaults={"actor": actor, "comment": comment}
    )
    return event


def _answer(finding, user, day, description, evidence_name) -> None:
    response, _ = RectificationResponse.objects.update_or_create(
        finding=finding, description=description, defaults={"submitted_by": user, "submitted_at": demo_datetime(day)}
    )
    name = f"rectifications/{finding.agency_id}/demo-{finding.pk}"
    RectificationEvidence.objects.update_or_create(
        response=response,
        original_name=evidence_name,
        defaults={
            **demo_pdf_file(name, f"rectification evidence {finding.pk}"),
        },
    )
    event = _event(finding, RectificationEvent.Action.ANSWERED, user, day, description)
    # the bureau hears of it as it would have (once: the notice is keyed by the event)
    notice_send([services.rectification_answered_notice(finding, event)], by=user, at=event.at)


def _seed_inspections(agencies: dict[str, Agency], staff: dict[str, User], bureau: User) -> None:
    inspections = {}
    for key, spec in INSPECTIONS.items():
        fields = {name: value for name, value in spec.items() if name not in ("title", "agencies")}
        inspections[key], _ = Inspection.objects.update_or_create(
            title=spec["title"], defaults={**fields, "recorded_by": bureau}
        )
        inspections[key].agencies.set([agencies[slug] for slug in spec["agencies"]])
    deputies, on_site, cppcc = inspections["deputies"], inspections["on_site"], inspections["cppcc"]
    _finding(deputies, agencies["court"], "庭审公开和以案释法做法规范，旁听庭审活动组织有序。", bureau)
    # Each finding is a demo row with its own agency, words and dates: data, written out one call each.
    accepted = _finding(
        deputies,
        agencies["education"],
        "部分学校法治副校长到校授课记录不全，未形成台账。",
        bureau,
        deadline=dt.date(2026, 6, 30),
        status=Finding.Status.ACCEPTED,
    )
    _answer(
        accepted,
        staff["education"],
        dt.date(2026, 6, 22),
        "已对全区中小学法治副校长授课情况逐校核查，建立统一台账并按月报送。",
        "法治副校长授课台账.pdf",
    )
    _event(accepted, RectificationEvent.Action.ACCEPTED, bureau, dt.date(2026, 6, 26), "整改到位，予以通过。")

    _finding(on_site, agencies["police"], "反诈宣传进社区覆盖面广，台账完整。", bureau)
    _finding(
        on_site,
        agencies["market"],
        "食品安全执法检查中现场释法记录缺失，普法宣传栏内容未及时更新。",
        bureau,
        deadline=dt.date(2026, 11, 10),
        status=Finding.Status.PENDING,
    )

    # Each finding is a demo row with its own agency, words and dates: data, written out one call each.
    waiting = _finding(
        cppcc,
        agencies["housing"],
        "在建项目工地未设置农民工工资支付维权公示牌。",
        bureau,
        deadline=dt.date(2026, 12, 10),
        status=Finding.Status.ANSWERED,
    )
    _answer(
        waiting,
        staff["housing"],
        dt.date(2026, 11, 20),
        "已督促全区42个在建项目设置维权信息公示牌，并开展农民工工资支付条例专题宣讲3场。",
        "公示牌设置情况.pdf",
    )
    _finding(cppcc, agencies["transport"], "公路执法窗口普法资料摆放规范。", bureau)


@transaction.atomic
def seed() -> list:
    bureau = User.objects.get(username="bureau")
    staff = {user.username: user for user in User.objects.filter(agency__isnull=False).select_related("agency")}
    agencies = {slug: user.agency for slug, user in staff.items()}
    _seed_filings(agencies, staff)
    _seed_meetings(agencies, bureau)
    _seed_inspections(agencies, staff, bureau)
    _seed_report_draft(staff["market"])
    return []


def _seed_report_draft(staff: User, year: int = 2026) -> None:
    """区市场监管局's 2026 annual report draft, written in-process (the demo runs before any worker)."""
    if ReportDraft.objects.filter(agency_id=staff.agency_id, year=year).exists():
        return
    draft = ReportDraft.objects.create(agency_id=staff.agency_id, year=year, requested_by=staff)
    report_services.report_draft_build(draft_id=draft.pk)
