"""Reminder rules about checklists (docs/domain.md, "Reminders"): the filing deadline and law anniversaries.

- To each active agency whose checklist for the year is not submitted (none, a draft, or returned: revision
  1 is what counts), ``PUFFA_FILING_REMINDER_DAYS`` days before the year's filing deadline; after it an
  overdue notice the next day, then every ``PUFFA_OVERDUE_REMINDER_INTERVAL_DAYS`` days until filed (or
  the year ends), and on those days a digest of its late agencies to each filing office's reviewers.
- ``PUFFA_CAMPAIGN_LEAD_DAYS`` days before the anniversary of the promulgation of a law on an agency's latest
  approved checklist, to that agency.

The deadline comes from the year's ``AnnualCycle``; the days from settings. See ``agencies.reminders``.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q, Subquery
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from agencies.models import Agency, AnnualCycle, Law, ReminderLog
from agencies.notifications import page_or_home
from agencies.reminders import (
    TO_OFFICE,
    Due,
    Stage,
    agency_due,
    current_stage,
    digest_due,
    long_date,
    manual_stage,
    month_day,
    stages_between,
)

from . import selectors
from .facts import submitted_before_q
from .models import Checklist, ChecklistItem

CHECKLIST_PAGE = "/checklists/"
LEDGER_PAGE = "/activities/"
SUBMITTED = (Checklist.Status.SUBMITTED, Checklist.Status.APPROVED)


# Each app lists its own kinds of reminder (ReminderLog.kinds), so a later app adds one without a migration here; only
# the list's syntax is shared.
@ReminderLog.register_kinds
class Kind(models.TextChoices):
    FILING_DUE = "filing_due", gettext_lazy("Filing deadline approaching")
    FILING_OVERDUE = "filing_overdue", gettext_lazy("Checklist overdue")
    FILING_DIGEST = "filing_digest", gettext_lazy("Late agencies (to reviewers)")
    LAW_ANNIVERSARY = "law_anniversary", gettext_lazy("Law-anniversary campaign")


def cycle_for(year: int) -> AnnualCycle:
    """The year's cycle, or its defaults when the bureau has not set it yet (a dry run writes nothing)."""
    return selectors.cycle_for(year)


def filing_stages(cycle: AnnualCycle) -> tuple[list[Stage], list[Stage]]:
    """(before the deadline, after it) for a year."""
    deadline = cycle.filing_deadline
    before = stages_between(
        [(f"d{days}", deadline - dt.timedelta(days=days)) for days in settings.PUFFA_FILING_REMINDER_DAYS],
        last_day=deadline,
    )
    year_end = dt.date(cycle.year, 12, 31)
    interval = dt.timedelta(days=settings.PUFFA_OVERDUE_REMINDER_INTERVAL_DAYS)
    overdue_days, day, week = [], deadline + dt.timedelta(days=1), 0
    while day <= year_end:
        overdue_days.append((f"overdue-{week}", day))
        day, week = day + interval, week + 1
    return before, stages_between(overdue_days, last_day=year_end)


def unfiled_agencies(
    year: int, on: dt.date, agency_ids: list[int] | None = None, *, overdue: bool = False
) -> list[dict]:
    """Active agencies whose year's checklist waits for them at the end of ``on``, in one query.

    Before the deadline that is revision 1 not submitted or approved (none, a draft, or returned to be submitted
    again). Once overdue (``overdue``), it is a filing never submitted by then (``checklists.facts``, as the
    overview and the dashboard count it): a checklist first submitted on time and since returned was filed on
    time, and is neither told nor reported as overdue.
    """
    day_end = dt.datetime.combine(on + dt.timedelta(days=1), dt.time.min, tzinfo=ZoneInfo(settings.TIME_ZONE))
    of_year = Checklist.objects.filter(agency=OuterRef("pk"), year=year, revision=1)
    if overdue:
        filed = of_year.filter(submitted_before_q(day_end))
    else:
        filed = of_year.filter(
            Q(first_submitted_at__isnull=True) | Q(first_submitted_at__lt=day_end), status__in=SUBMITTED
        )
    agencies = Agency.objects.filter(is_active=True).exclude(Exists(filed))
    if agency_ids is not None:
        agencies = agencies.filter(pk__in=agency_ids)
    return list(
        agencies.order_by("filing_office__sort_order", "filing_office_id", "name").values(
            "pk", "name", "short_name", "filing_office_id", "filing_office__name"
        )
    )


def _filing_due(cycle: AnnualCycle, on: dt.date, row: dict, stage: Stage) -> Due:
    deadline = cycle.filing_deadline
    days_left = (deadline - on).days
    values = {"year": cycle.year, "deadline": long_date(deadline), "days": days_left}
    if days_left >= 0:
        kind = Kind.FILING_DUE
        subject = _("Please file your %(year)s responsibility checklist by %(deadline)s") % values
        body = (
            ngettext(
                "Your agency has not submitted its %(year)s responsibility checklist yet (a returned checklist counts "
                "as not submitted until it is corrected and submitted again). The deadline is %(deadline)s, "
                "%(days)s day from today.",
                "Your agency has not submitted its %(year)s responsibility checklist yet (a returned checklist counts "
                "as not submitted until it is corrected and submitted again). The deadline is %(deadline)s, "
                "%(days)s days from today.",
                days_left,
            )
            % values
        )
    else:
        kind = Kind.FILING_OVERDUE
        subject = _("Your %(year)s responsibility checklist is overdue") % values
        body = (
            _(
                "The deadline for filing your %(year)s responsibility checklist was %(deadline)s and it has not "
                "been submitted yet. Please submit it as soon as possible: a late filing scores half in the "
                "year-end assessment."
            )
            % values
        )
    return agency_due(
        row, stage, kind=kind, year=cycle.year, subject=subject, body=body, url=page_or_home(CHECKLIST_PAGE)
    )


def filing_deadline(on: dt.date) -> list[Due]:
    """Reminders to agencies that have not filed, and the late-agency digests to their filing offices."""
    cycle = cycle_for(on.year)
    before, after = filing_stages(cycle)
    stage = current_stage(before, on) or current_stage(after, on)
    if stage is None:
        return []
    late = unfiled_agencies(cycle.year, on, overdue=stage in after)
    dues = [_filing_due(cycle, on, row, stage) for row in late]
    if stage in after:
        dues.extend(_late_digests(cycle, stage, late))
    return dues


def _late_digests(cycle: AnnualCycle, stage: Stage, late: list[dict]) -> list[Due]:
    by_office: dict[int, list[dict]] = defaultdict(list)
    for row in late:
        by_office[row["filing_office_id"]].append(row)
    dues = []
    for office_id, rows in by_office.items():
        values = {"count": len(rows), "year": cycle.year, "deadline": long_date(cycle.filing_deadline)}
        subject = (
            ngettext(
                "%(count)s agency has not filed its %(year)s checklist",
                "%(count)s agencies have not filed their %(year)s checklists",
                len(rows),
            )
            % values
        )
        intro = (
            _(
                "These agencies filing with your office had not submitted their %(year)s responsibility checklists "
                "by the deadline, %(deadline)s:"
            )
            % values
        )
        dues.append(
            # One call to agencies.reminders.digest_due; the study digest calls it the same way with its own kind,
            # page and audience.
            digest_due(
                stage,
                kind=Kind.FILING_DIGEST,
                year=cycle.year,
                subject=subject,
                intro=intro,
                lines=[f"- {row['name']}" for row in rows],
                url=page_or_home(CHECKLIST_PAGE),
                audience=TO_OFFICE,
                office_id=office_id,
                target=rows[0]["filing_office__name"],
            )
        )
    return dues


def filing_now(on: dt.date, agency_id: int) -> list[Due]:
    """For "remind this agency now": the filing reminder of the day, if its checklist is not submitted."""
    cycle = cycle_for(on.year)
    rows = unfiled_agencies(cycle.year, on, agency_ids=[agency_id], overdue=on > cycle.filing_deadline)
    return [_filing_due(cycle, on, row, manual_stage(on)) for row in rows]


def _anniversaries(on: dt.date) -> dict[int, tuple[dict, dt.date, Stage]]:
    """Laws whose promulgation anniversary's campaign stage is current: law id → (law, anniversary, stage)."""
    lead = dt.timedelta(days=settings.PUFFA_CAMPAIGN_LEAD_DAYS)
    found = {}
    laws = Law.objects.filter(promulgated_on__isnull=False).values("pk", "title", "promulgated_on")
    for law in laws:
        promulgated = law["promulgated_on"]
        for year in (on.year, on.year + 1):
            if year <= promulgated.year:
                continue
            day = month_day(year, promulgated.strftime("%m-%d"))
            stage = current_stage([Stage(f"law-{law['pk']}", day - lead, day)], on)
            if stage is not None:
                found[law["pk"]] = (law, day, stage)
                break
    return found


def law_anniversaries(on: dt.date) -> list[Due]:
    """Campaign reminders for laws on each agency's latest approved checklist, in two queries."""
    due_laws = _anniversaries(on)
    if not due_laws:
        return []
    latest_approved = Checklist.objects.filter(
        agency=OuterRef("checklistitem__checklist__agency"), status=Checklist.Status.APPROVED
    ).order_by("-year", "-revision")
    pairs = (
        ChecklistItem.laws.through.objects.filter(
            law_id__in=due_laws,
            checklistitem__checklist__status=Checklist.Status.APPROVED,
            checklistitem__checklist__agency__is_active=True,
            checklistitem__checklist_id=Subquery(latest_approved.values("pk")[:1]),
        )
        .values_list(
            "checklistitem__checklist__agency_id",
            "checklistitem__checklist__agency__name",
            "checklistitem__checklist__agency__short_name",
            "law_id",
        )
        .distinct()
        .order_by("checklistitem__checklist__agency_id", "law_id")
    )
    dues = []
    for agency_id, name, short_name, law_id in pairs:
        law, day, stage = due_laws[law_id]
        years = day.year - law["promulgated_on"].year
        values = {
            "law": law["title"],
            "years": years,
            "date": long_date(day),
            "promulgated": long_date(law["promulgated_on"]),
        }
        dues.append(
            Due(
                kind=Kind.LAW_ANNIVERSARY,
                period=str(day.year),
                stage=stage.key,
                due_on=stage.starts,
                subject=_("Anniversary campaign: %(law)s, %(date)s") % values,
                body=_(
                    "%(law)s, on your agency's approved responsibility checklist, was promulgated on "
                    "%(promulgated)s: %(date)s is its %(years)s-year anniversary. Please hold a campaign on it "
                    "around that day and log it in the ledger as a “Law-anniversary campaign”."
                )
                % values,
                url=page_or_home(LEDGER_PAGE),
                agency_id=agency_id,
                target=short_name or name,
            )
        )
    return dues
