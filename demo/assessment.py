"""Demo data for the year-end assessment (see puffa/management/commands/seed_demo.py). Idempotent.

Runs after the checklist and activity demos and scores the past year from what they left:
- 2025: the default rubric, the third-party survey imported from a spreadsheet, every agency's organisation
  score, a run, one reviewer adjustment with its reason, and the results published (agencies see their breakdown,
  leadership the ranking);
- 2026 (the current year, still running): the default rubric and a few self-assessments the agencies are writing,
  not scored. It is a year-end assessment (docs/domain.md): in the demo's late November and early December the
  year's survey has not come in, no reviewer has given the organisation scores and the archives are due by
  15 January 2027, so a run now would grade a quarter of the rubric as zero on eleven months of work and fail most
  agencies. The bureau scores it in the new year; until then the results page and the dashboard say it is not
  scored, while the dashboard's figures follow the year as it goes.
A year already published is left as it is, so running twice leaves the same rows.
"""

from __future__ import annotations

import io
import zlib
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from agencies.models import Agency, User
from assessment import rules, services
from assessment.models import Score, ScoringRun, SelfAssessment
from assessment.survey import TEMPLATE_HEADERS

PUBLISHED_YEAR, CURRENT_YEAR = 2025, 2026
# 2025's adjustment, made before publishing: the paper ledger holds more enforcement teaching than the system.
ADJUSTED_AGENCY = "常州市新北区住房和城乡建设局"
ADJUSTMENT_REASON = "该局全年开展“双随机、一公开”执法检查及现场释法，纸质台账已现场核验，系统登记不全，酌情调整。"

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
