"""Demo data for the year-end assessment (see puffa/management/commands/seed_demo.py). Idempotent.

Runs after the checklist and activity demos and scores the past year from what they left:
- 2025: the default rubric, the third-party survey imported from a spreadsheet, every agency's organisation
  score, a run, one reviewer adjustment with its reason, and the results published (agencies see their breakdown,
  leadership the ranking), each step dated when the bureau took it (``STEPS_2025``: scored in mid-January 2026,
  published late in the month);
- 2026 (the current year, still running): the default rubric and a few self-assessments the agencies are writing,
  not scored. It is a year-end assessment (docs/domain.md): in the demo's late November and early December the
  year's survey has not come in, no reviewer has given the organisation scores and the archives are due by
  15 January 2027, so a run now would grade a quarter of the rubric as zero on eleven months of work and fail most
  agencies. The bureau scores it in the new year; until then the results page and the dashboard say it is not
  scored, while the dashboard's figures follow the year as it goes.
A year already published is left as it is, so running twice leaves the same rows.
"""

from __future__ import annotations

import datetime as dt
import io
import zlib
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from agencies.models import Agency, Notification, ReminderLog, User
from agencies.notices import NoticeKind
from assessment import rules, services
from assessment.models import Rubric, Score, ScoreChange, ScoringRun, SelfAssessment, SurveyResult
from assessment.survey import TEMPLATE_HEADERS
from demo.library import demo_datetime

PUBLISHED_YEAR, CURRENT_YEAR = 2025, 2026
# 2025's adjustment, made before publishing: the paper ledger holds more enforcement teaching than the system.
ADJUSTED_AGENCY = "常州市新北区住房和城乡建设局"
ADJUSTMENT_REASON = "该局全年开展“双随机、一公开”执法检查及现场释法，纸质台账已现场核验，系统登记不全，酌情调整。"

# When the bureau took 2025's steps. The services stamp each step with the time it runs, i.e. the seeding; the demo
# dates them afterwards, so it never says 2025 was scored and published today. The year is scored once it has
# ended and its archives are in (filed by 15 January: the run starts on the morning after
# ``rules.archive_due_before``), and published before the decisions on the results (``demo.decisions``, February).
SCORED = rules.archive_due_before(PUBLISHED_YEAR) + dt.timedelta(hours=9)  # 16 January 2026, 09:00
STEPS_2025 = {
    "rubric set": demo_datetime(dt.date(2024, 12, 16)),  # the bureau opened 2025 at 年度设置 before it began
    "survey imported": demo_datetime(dt.date(2026, 1, 9)),
    "organisation scored": demo_datetime(dt.date(2026, 1, 14), 15),
    "scored": SCORED,
    "adjusted": demo_datetime(dt.date(2026, 1, 20), 15),
    "published": demo_datetime(dt.date(2026, 1, 27)),
}

SELF_ASSESSMENTS = {
    "常州市新北区市场监督管理局": {
        rules.FILED_ON_TIME: ("10", "2026年2月20日报送普法责任清单，已审核通过。"),
        rules.ENFORCEMENT_TEACHING: ("9", "全年执法公示126次，现场释法覆盖全部检查对象，以案释法典型案例8篇。"),
        rules.ORGANISATION: (
            "9.5",
            "局主要负责人为普法第一责任人，普法专项经费12万元已列入年度预算，计划与总结均已报备。",
        ),
    },
    "常州市新北区教育局": {
        rules.CADRE_STUDY: ("13", "党组中心组集中学法4次，组织全系统网上学法和新任校长任前法律知识考试。"),
        rules.PUBLIC_TEACHING: ("14", "“法治进校园”覆盖全区中小学，宪法宣传周活动参与师生逾两万人次。"),
    },
}


def _spread(name: str, low: int, high: int, salt: str = "") -> Decimal:
    """A stable, believable figure between low and high (one decimal) for an agency."""
    span = (high - low) * 10
    return Decimal(low) + Decimal(zlib.crc32(f"{salt}{name}".encode()) % (span + 1)) / 10


def _survey_file(agencies: list[Agency]) -> SimpleUploadedFile:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append([str(header) for header in TEMPLATE_HEADERS])
    for agency in agencies:
        sheet.append(
            [
                agency.code or agency.name,
                float(_spread(agency.name, 72, 98, "知晓")),
                float(_spread(agency.name, 80, 99, "满意")),
            ]
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(f"{PUBLISHED_YEAR}年度普法工作知晓率满意度测评结果.xlsx", buffer.getvalue())


def _scored(rubric) -> bool:
    return rubric.runs.filter(status=ScoringRun.Status.DONE).exists()


def _dated_as_taken(rubric: Rubric) -> None:
    """Date 2025's steps when the bureau took them (``STEPS_2025``), not when the seed ran them; the rubric is
    published, so nothing rewrites them afterwards."""
    at = STEPS_2025
    Rubric.objects.filter(pk=rubric.pk).update(changed_at=at["rubric set"], published_at=at["published"])
    SurveyResult.objects.filter(rubric=rubric).update(imported_at=at["survey imported"])
    scores = Score.objects.filter(indicator__rubric=rubric, adjusted__isnull=False)
    changes = ScoreChange.objects.filter(score__indicator__rubric=rubric)
    scores.filter(indicator__code=rules.ORGANISATION).update(adjusted_at=at["organisation scored"])
    changes.filter(score__indicator__code=rules.ORGANISATION).update(changed_at=at["organisation scored"])
    scores.exclude(indicator__code=rules.ORGANISATION).update(adjusted_at=at["adjusted"])
    changes.exclude(score__indicator__code=rules.ORGANISATION).update(changed_at=at["adjusted"])
    rubric.runs.update(
        created_at=at["scored"], started_at=at["scored"], finished_at=at["scored"] + dt.timedelta(minutes=1)
    )
    notices = ReminderLog.objects.filter(kind=NoticeKind.RESULTS_PUBLISHED, period=str(rubric.year))
    Notification.objects.filter(reminder__in=notices).update(created_at=at["published"])
    notices.update(due_on=at["published"].date(), sent_on=at["published"].date(), created_at=at["published"])


def seed() -> list:
    bureau = User.objects.filter(username="bureau").first()
    reviewer = User.objects.filter(username="reviewer").first()
    if bureau is None or reviewer is None:
        return []
    agencies = list(Agency.objects.filter(is_active=True).order_by("name"))

    past = services.rubric_for_year(year=PUBLISHED_YEAR)
    if not past.is_published:
        if not past.survey_results.exists():
            services.survey_import(rubric=past, upload=_survey_file(agencies), user=bureau)
        organisation = past.indicators.get(code=rules.ORGANISATION)
        scored = set(
            Score.objects.filter(indicator=organisation, adjusted__isnull=False).values_list("agency_id", flat=True)
        )
        for agency in agencies:
            if agency.pk not in scored:
                services.score_set(
                    agency=agency,
                    indicator=organisation,
                    value=_spread(agency.name, 6, 10, "组织"),
                    reason="",
                    user=reviewer,
                )
        if not _scored(past):
            services.scoring_run_now(rubric=past, user=bureau)
        adjusted = next((a for a in agencies if a.name == ADJUSTED_AGENCY), None)
        if adjusted is not None:  # (saving the same score and reason again records nothing)
            services.score_set(
                agency=adjusted,
                indicator=past.indicators.get(code=rules.ENFORCEMENT_TEACHING),
                value=Decimal("9.0"),
                reason=ADJUSTMENT_REASON,
                user=reviewer,
            )
        services.results_publish(rubric=past, user=bureau)
    # Set again on every seed (the same days): a demo database seeded before they were dated gets them too.
    _dated_as_taken(past)

    # 2026: the agencies' self-assessments only; the year is scored after it ends (see the module's docstring).
    current = services.rubric_for_year(year=CURRENT_YEAR)
    if not current.is_published:
        indicators = {indicator.code: indicator for indicator in current.indicators.all()}
        for name, entries in SELF_ASSESSMENTS.items():
            agency = next((a for a in agencies if a.name == name), None)
            staff = agency and User.objects.filter(agency=agency, role=User.Role.STAFF).first()
            if staff is None:
                continue
            for code, (score, account) in entries.items():
                if not SelfAssessment.objects.filter(agency=agency, indicator=indicators[code]).exists():
                    services.self_assessment_save(
                        agency=agency, indicator=indicators[code], score=Decimal(score), account=account, user=staff
                    )
    return []
