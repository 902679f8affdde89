"""How each indicator is scored: every constant and every formula of the assessment, in one place.

The rules follow docs/domain.md ("Year-end assessment"); where it leaves a choice open, the choice is here:

- **Filed on time**: revision 1's first submission before the cycle's ``late_from`` = full weight; at or after it
  = half; never submitted = 0.
- **Items carried out**: over the items of the agency's latest *approved* revision, the share of items met
  (``activities.facts.item_met``: at least one held activity linked to the item's key, and each non-zero target
  reached by the held ones). No approved checklist = 0.
- **Cadre study**: 70 % of the weight when the study minimum is met, the other 30 % by the variety of the other
  §2.1 forms held (``STUDY_VARIETY_FOR_FULL`` different forms give all of it). An agency *subject* to the minimum
  meets it with at least the cycle's minimum of counted ★ sessions (``activities.facts``: held, not ahead of their
  date). An agency
  *not subject* to it has no party group or executive meeting to hold them, so — the fair rule — it meets the
  base part with the same number of §2.1 study activities of any form; its variety part is scored the same way.
- **Teaching the public** (§2.2): half for the number of activities, half for people reached, each capped at
  ``PUBLIC_ACTIVITIES_FOR_FULL`` / ``PUBLIC_PEOPLE_FOR_FULL``.
- **Teaching during enforcement** (§2.3): the number of activities, capped at ``ENFORCEMENT_ACTIVITIES_FOR_FULL``;
  reviewers adjust it where the ledger does not tell the whole story.
- **Archive filed**: filed before 00:00 on 16 January of the next year (Asia/Shanghai), i.e. by the year's end
  + 15 days = full; filed later = half; not filed = 0.
- **Awareness and satisfaction** (imported): the weight times the mean of the two survey rates (0–100).
- **Organisation** (manual): the reviewer's score; 0 until scored.

Every score is rounded to one decimal (half up); the total is the sum of the rounded scores.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from activities.facts import study_minimum_met
from agencies.vocabulary import STUDY_MINIMUM_TYPES, Duty, types_of_duty

from .models import Grade, Indicator, Light

ONE_PLACE = Decimal("0.1")
ZERO = Decimal("0.0")

# Indicator codes: automatic and imported indicators are computed by the rule of their code.
FILED_ON_TIME = "filed_on_time"
ITEMS_CARRIED_OUT = "items_carried_out"
CADRE_STUDY = "cadre_study"
PUBLIC_TEACHING = "public_teaching"
ENFORCEMENT_TEACHING = "enforcement_teaching"
ARCHIVE_FILED = "archive_filed"
SURVEY = "survey"
ORGANISATION = "organisation"

AUTOMATIC_CODES = (FILED_ON_TIME, ITEMS_CARRIED_OUT, CADRE_STUDY, PUBLIC_TEACHING, ENFORCEMENT_TEACHING, ARCHIVE_FILED)
IMPORTED_CODES = (SURVEY,)

M = Indicator.Method
# (code, name, weight, method): docs/domain.md's default rubric, created with each year's rubric.
DEFAULT_INDICATORS = [
    (FILED_ON_TIME, gettext_lazy("Checklist filed on time"), 10, M.AUTOMATIC),
    (ITEMS_CARRIED_OUT, gettext_lazy("Checklist items carried out"), 25, M.AUTOMATIC),
    (CADRE_STUDY, gettext_lazy("Cadres and staff study the law"), 15, M.AUTOMATIC),
    (PUBLIC_TEACHING, gettext_lazy("Teaching the public"), 15, M.AUTOMATIC),
    (ENFORCEMENT_TEACHING, gettext_lazy("Teaching during enforcement and justice"), 10, M.AUTOMATIC),
    (ARCHIVE_FILED, gettext_lazy("Annual archive filed"), 5, M.AUTOMATIC),
    (SURVEY, gettext_lazy("Awareness rate and satisfaction (third-party survey)"), 10, M.IMPORTED),
    (ORGANISATION, gettext_lazy("Organisation: head responsible, funding, plan and report"), 10, M.MANUAL),
]
DEFAULT_THRESHOLDS = {"excellent_from": Decimal(90), "good_from": Decimal(75), "pass_from": Decimal(60)}
TOTAL_WEIGHT = Decimal(100)

LATE_FILING_SHARE = Decimal("0.5")
STUDY_MINIMUM_SHARE = Decimal("0.7")
STUDY_OTHER_TYPES = tuple(t for t in types_of_duty(Duty.STUDY) if t not in STUDY_MINIMUM_TYPES)
STUDY_VARIETY_FOR_FULL = 4
PUBLIC_ACTIVITIES_FOR_FULL = 6
PUBLIC_PEOPLE_FOR_FULL = 2000
ENFORCEMENT_ACTIVITIES_FOR_FULL = 4
ARCHIVE_GRACE_DAYS = 15
LATE_ARCHIVE_SHARE = Decimal("0.5")

# Candidates for commendation (§4.3): graded excellent and ranked in the district's top share.
COMMENDATION_SHARE = Decimal("0.10")


def one_decimal(value) -> Decimal:
    return Decimal(value).quantize(ONE_PLACE, rounding=ROUND_HALF_UP)


def plain(value: Decimal) -> str:
    """A weight or score as people write it: 10, 12.5 (never 1E+1)."""
    return format(Decimal(value).normalize(), "f")


def share(done: int | Decimal, full: int | Decimal) -> Decimal:
    """done / full, capped at 1 (0 when nothing is asked)."""
    if not full:
        return Decimal(0)
    return min(Decimal(done) / Decimal(full), Decimal(1))


def archive_due_before(year: int) -> dt.datetime:
    """The first instant at which the year's archive is late: 00:00 on 16 January of the next year."""
    day = dt.date(year, 12, 31) + dt.timedelta(days=ARCHIVE_GRACE_DAYS + 1)
    return dt.datetime.combine(day, dt.time.min, tzinfo=ZoneInfo(settings.TIME_ZONE))


def study_base_met(*, subject: bool, sessions: int, study_activities: int, minimum: int) -> bool:
    """The cadre-study base part: a subject agency meets the study minimum (``activities.facts``); the others
    hold as many held study activities of any §2.1 form (the fair rule)."""
    if subject:
        return study_minimum_met(subject=True, sessions=sessions, minimum=minimum)
    return study_activities >= minimum


# --- The indicators: each returns (score, basis) from an agency's facts (``assessment.facts.AgencyFacts``) ---


def score_filed_on_time(facts, weight: Decimal) -> tuple[Decimal, dict]:
    factor = {"on_time": Decimal(1), "late": LATE_FILING_SHARE}.get(facts.filing, Decimal(0))
    submitted = facts.first_submitted_at.isoformat() if facts.first_submitted_at else None
    return one_decimal(weight * factor), {"filing": facts.filing, "submitted_at": submitted}


def score_items_carried_out(facts, weight: Decimal) -> tuple[Decimal, dict]:
    basis = {"items": facts.items_total, "met": facts.items_met, "approved": facts.has_approved_checklist}
    return one_decimal(weight * share(facts.items_met, facts.items_total)), basis


def score_cadre_study(facts, weight: Decimal) -> tuple[Decimal, dict]:
    met = facts.study_met
    variety = share(facts.study_other_types, STUDY_VARIETY_FOR_FULL)
    factor = (STUDY_MINIMUM_SHARE if met else Decimal(0)) + (1 - STUDY_MINIMUM_SHARE) * variety
    basis = {
        "subject": facts.study_subject,
        "sessions": facts.study_sessions,
        "study_activities": facts.study_activities,
        "minimum": facts.study_minimum,
        "met": met,
        "other_types": facts.study_other_types,
    }
    return one_decimal(weight * factor), basis


def score_public_teaching(facts, weight: Decimal) -> tuple[Decimal, dict]:
    activities, people = facts.activities_by_duty[Duty.PUBLIC], facts.people_by_duty[Duty.PUBLIC]
    factor = (share(activities, PUBLIC_ACTIVITIES_FOR_FULL) + share(people, PUBLIC_PEOPLE_FOR_FULL)) / 2
    return one_decimal(weight * factor), {"activities": activities, "people": people}


def score_enforcement_teaching(facts, weight: Decimal) -> tuple[Decimal, dict]:
    activities = facts.activities_by_duty[Duty.ENFORCEMENT]
    return one_decimal(weight * share(activities, ENFORCEMENT_ACTIVITIES_FOR_FULL)), {"activities": activities}


def score_archive_filed(facts, weight: Decimal) -> tuple[Decimal, dict]:
    filed_at = facts.archive_filed_at
    if filed_at is None:
        return ZERO, {"archive": "none", "filed_at": None}
    on_time = filed_at < archive_due_before(facts.year)
    factor = Decimal(1) if on_time else LATE_ARCHIVE_SHARE
    return one_decimal(weight * factor), {"archive": "on_time" if on_time else "late", "filed_at": filed_at.isoformat()}


def score_survey(facts, weight: Decimal) -> tuple[Decimal, dict]:
    if facts.awareness is None:
        return ZERO, {"survey": False}
    mean = (facts.awareness + facts.satisfaction) / 200
    basis = {"survey": True, "awareness": str(facts.awareness), "satisfaction": str(facts.satisfaction)}
    return one_decimal(weight * mean), basis


RULES = {
    FILED_ON_TIME: score_filed_on_time,
    ITEMS_CARRIED_OUT: score_items_carried_out,
    CADRE_STUDY: score_cadre_study,
    PUBLIC_TEACHING: score_public_teaching,
    ENFORCEMENT_TEACHING: score_enforcement_teaching,
    ARCHIVE_FILED: score_archive_filed,
    SURVEY: score_survey,
}


def describe(code: str, basis: Mapping) -> str:
    """The basis of a computed score in words, for the breakdown page."""
    if not basis:
        return ""
    if code == FILED_ON_TIME:
        return {
            "on_time": _("Filed on time"),
            "late": _("Filed late"),
        }.get(basis.get("filing"), _("Not filed"))
    if code == ITEMS_CARRIED_OUT:
        if not basis.get("approved"):
            return _("No approved checklist")
        return _("%(met)d of %(items)d items met their targets") % basis
    if code == CADRE_STUDY:
        key = "sessions" if basis.get("subject") else "study_activities"
        text = (
            _("%(count)d concentrated study sessions (minimum %(minimum)d)")
            if basis.get("subject")
            else _("%(count)d study activities (minimum %(minimum)d; not subject to the session minimum)")
        ) % {"count": basis.get(key, 0), "minimum": basis.get("minimum", 0)}
        return text + _("; %(types)d other forms of study") % {"types": basis.get("other_types", 0)}
    if code == PUBLIC_TEACHING:
        return _("%(activities)d activities, %(people)d people reached") % basis
    if code == ENFORCEMENT_TEACHING:
        return _("%(activities)d activities") % basis
    if code == ARCHIVE_FILED:
        return {"on_time": _("Filed in time"), "late": _("Filed late")}.get(basis.get("archive"), _("Not filed"))
    if code == SURVEY:
        if not basis.get("survey"):
            return _("No survey result")
        return _("Awareness %(awareness)s%%, satisfaction %(satisfaction)s%%") % basis
    return ""


def explanations() -> dict[str, str]:
    """How each computed indicator is scored, in words, for the rubric card (this module's rules, its constants)."""
    return {
        FILED_ON_TIME: _(
            "Revision 1 first submitted before the deadline: full marks; at or after it: half; never submitted: 0."
        ),
        ITEMS_CARRIED_OUT: _(
            "The share of the latest approved checklist's items whose planned activities and people reached were "
            "met by linked activities (an item with no number target needs one linked activity)."
        ),
        CADRE_STUDY: _(
            "%(base)d%% for meeting the study minimum, the rest for the variety of other forms of study (%(full)d "
            "forms for all of it). Agencies not subject to the minimum meet it with as many study activities of any "
            "form."
        )
        % {"base": int(STUDY_MINIMUM_SHARE * 100), "full": STUDY_VARIETY_FOR_FULL},
        PUBLIC_TEACHING: _(
            "Half for the number of activities (%(activities)d for all of it), half for people reached (%(people)d "
            "for all of it)."
        )
        % {"activities": PUBLIC_ACTIVITIES_FOR_FULL, "people": PUBLIC_PEOPLE_FOR_FULL},
        ENFORCEMENT_TEACHING: _(
            "The number of activities (%(activities)d for full marks); reviewers adjust it where the ledger does not "
            "tell the whole story."
        )
        % {"activities": ENFORCEMENT_ACTIVITIES_FOR_FULL},
        ARCHIVE_FILED: _("Filed by 15 January of the next year: full marks; later: half; not filed: 0."),
        SURVEY: _("The weight times the mean of the awareness rate and the satisfaction from the survey file."),
    }


# --- Results -------------------------------------------------------------------------------------------


def grade_for(total: Decimal, *, excellent_from: Decimal, good_from: Decimal, pass_from: Decimal) -> str:
    if total >= excellent_from:
        return Grade.EXCELLENT
    if total >= good_from:
        return Grade.GOOD
    if total >= pass_from:
        return Grade.PASS
    return Grade.FAIL


def light_for(grade: str, *, has_checklist: bool) -> str:
    """Green excellent/good, yellow pass, red fail or no checklist filed."""
    if not has_checklist or grade == Grade.FAIL:
        return Light.RED
    return Light.YELLOW if grade == Grade.PASS else Light.GREEN


def competition_ranks(totals: Mapping[int, Decimal]) -> dict[int, int]:
    """Rank by total, highest first; equal totals share a rank and the next rank skips (1, 2, 2, 4)."""
    ordered = sorted(totals.values(), reverse=True)
    first_place = {}
    for place, total in enumerate(ordered, start=1):
        first_place.setdefault(total, place)
    return {key: first_place[total] for key, total in totals.items()}


def commendation_cutoff(agency_count: int) -> int:
    """The last district rank that can be commended: the top ``COMMENDATION_SHARE``, at least one."""
    return max(1, math.ceil(agency_count * COMMENDATION_SHARE))
