"""Reminder rules about activities (docs/domain.md, "Reminders"): the yearly study minimum (§2.1).

For agencies subject to the minimum, on the days of ``PUFFA_STUDY_REMINDERS``: the first (1 July) to those
with no ★ session yet this year, the others (1 October, 1 December) to those still below the year's
minimum; and on ``PUFFA_STUDY_DIGEST_DAYS`` (1 December) a digest of the agencies below it to the bureau.
The minimum comes from the year's ``AnnualCycle``. A ★ session counts once it is dated on or before the
day. See ``agencies.reminders`` for stages and catch-up.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from agencies.models import Agency, AnnualCycle, FilingOffice, ReminderLog
from agencies.notifications import page_or_home
from agencies.reminders import (
    TO_BUREAU,
    Due,
    Stage,
    agency_due,
    current_stage,
    digest_due,
    manual_stage,
    month_day,
    stages_between,
)
from checklists.reminders import cycle_for

from . import facts

LEDGER_PAGE = "/activities/"
NO_SESSION = "no_session"  # a stage for agencies with no ★ session yet
BELOW_MINIMUM = "below_minimum"  # a stage for agencies below the minimum


@ReminderLog.register_kinds
class Kind(models.TextChoices):
    STUDY_MINIMUM = "study_minimum", gettext_lazy("Study minimum")
    STUDY_DIGEST = "study_digest", gettext_lazy("Study minimum (to the bureau)")


def study_counts(year: int, on: dt.date, agency_ids: list[int] | None = None) -> list[dict]:
    """Active agencies subject to the minimum with their ★ sessions counted in the year on ``on``, fewest first:
    two queries (the agencies, and ``facts.sessions_by_agency`` over the activity summaries, not a count of the
    year's activities per agency, which took 20 s at 10,000 agencies)."""
    agencies = Agency.objects.filter(is_active=True, subject_to_study_minimum=True)
    if agency_ids is not None:
        agencies = agencies.filter(pk__in=agency_ids)
    sessions = facts.sessions_by_agency(agencies, year, on)
    rows = list(agencies.order_by("filing_office__sort_order", "name").values("pk", "name", "short_name"))
    for row in rows:
        row["sessions"] = sessions.get(row["pk"], 0)
    rows.sort(key=lambda row: row["sessions"])  # stable: by office and name within each count
    return rows


def _below(row: dict, cycle: AnnualCycle) -> bool:
    """Below the minimum: the rows are agencies subject to it."""
    return not facts.study_minimum_met(subject=True, sessions=row["sessions"], minimum=cycle.study_minimum)


def study_stages(year: int) -> list[Stage]:
    return stages_between(
        [(day, month_day(year, day)) for day, _condition in settings.PUFFA_STUDY_REMINDERS],
        last_day=dt.date(year, 12, 31),
    )


def _condition(stage_key: str) -> str:
    return dict(settings.PUFFA_STUDY_REMINDERS)[stage_key]


def _study_due(cycle: AnnualCycle, row: dict, stage: Stage) -> Due:
    values = {"year": cycle.year, "minimum": cycle.study_minimum, "count": row["sessions"]}
    if row["sessions"] == 0:
        subject = _("No concentrated study session logged yet in %(year)s") % values
    else:
        subject = _("Concentrated study sessions below the %(year)s minimum") % values
    body = (
        _(
            "Concentrated study sessions (party group central-group study or executive-meeting study) logged in "
            "%(year)s: %(count)s; required: %(minimum)s. Please hold the rest before the end of the year and log "
            "each one in the ledger."
        )
        % values
    )
    return agency_due(
        row, stage, kind=Kind.STUDY_MINIMUM, year=cycle.year, subject=subject, body=body, url=page_or_home(LEDGER_PAGE)
    )


def study_minimum(on: dt.date) -> list[Due]:
    """Reminders to agencies subject to the minimum that have no session yet, or too few."""
    stage = current_stage(study_stages(on.year), on)
    if stage is None:
        return []
    cycle = cycle_for(on.year)
    if _condition(stage.key) == NO_SESSION:
        behind = [row for row in study_counts(cycle.year, on) if row["sessions"] == 0]
    else:
        behind = [row for row in study_counts(cycle.year, on) if _below(row, cycle)]
    return [_study_due(cycle, row, stage) for row in behind]


def study_digest(on: dt.date) -> list[Due]:
    """The digest of agencies below the minimum, to the bureau (filed under the district bureau)."""
    stages = stages_between(
        [(day, month_day(on.year, day)) for day in settings.PUFFA_STUDY_DIGEST_DAYS],
        last_day=dt.date(on.year, 12, 31),
    )
    stage = current_stage(stages, on)
    if stage is None:
        return []
    bureau = FilingOffice.objects.filter(kind=FilingOffice.Kind.DISTRICT_BUREAU).values("pk", "name").first()
    if bureau is None:
        return []
    cycle = cycle_for(on.year)
    behind = [row for row in study_counts(cycle.year, on) if _below(row, cycle)]
    if not behind:
        return []
    values = {"count": len(behind), "year": cycle.year, "minimum": cycle.study_minimum}
    subject = (
        ngettext(
            "%(count)s agency is below the %(year)s study minimum",
            "%(count)s agencies are below the %(year)s study minimum",
            len(behind),
        )
        % values
    )
    intro = (
        _(
            "These agencies have logged fewer than the %(minimum)s concentrated study sessions required in %(year)s "
            "(sessions logged so far in brackets):"
        )
        % values
    )
    return [
        # One call to agencies.reminders.digest_due; the filing digest calls it the same way with its own kind, page
        # and office.
        digest_due(
            stage,
            kind=Kind.STUDY_DIGEST,
            year=cycle.year,
            subject=subject,
            intro=intro,
            lines=[f"- {row['name']}（{row['sessions']}/{cycle.study_minimum}）" for row in behind],
            url=page_or_home(LEDGER_PAGE),
            audience=TO_BUREAU,
            office_id=bureau["pk"],
            target=bureau["name"],
        )
    ]


def study_now(on: dt.date, agency_id: int) -> list[Due]:
    """For "remind this agency now": the study reminder, if it is subject to the minimum and below it.

    Not before the first study reminder's day: until then the year's sessions are not yet owed.
    """
    stages = study_stages(on.year)
    if not stages or on < stages[0].starts:
        return []
    cycle = cycle_for(on.year)
    rows = study_counts(cycle.year, on, agency_ids=[agency_id])
    return [_study_due(cycle, row, manual_stage(on)) for row in rows if _below(row, cycle)]
