"""What every reminder rule shares, and the Constitution Day rule (docs/domain.md, "Reminders").

A *rule* is a function ``rule(on: date) -> list[Due]``: what is due on a day, whatever was sent before.
``puffa.reminders`` runs every rule, drops what ``ReminderLog`` already holds and sends the rest.

Each kind of reminder has *stages* (30 days before the deadline, 1 October …). A stage goes out on its
day, or on a later run while it is still current (the workers were down): it stays current until the
next stage of its kind begins or it no longer makes sense. So a run only ever sends the latest stage of a
kind, never a burst of old ones. Rules build their answer with a fixed number of queries, whatever the
number of agencies.

Constitution Day is for every agency, so its rule lives here with the agencies; the rules about
checklists and activities live in ``checklists.reminders`` and ``activities.reminders``.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from .models import Agency, ReminderLog
from .notifications import page_or_home

# Who a reminder goes to.
TO_AGENCY = "agency"  # the agency's staff (inbox and email) and its contacts (email)
TO_OFFICE = "office"  # a filing office's reviewers
TO_BUREAU = "bureau"  # bureau administrators and the district bureau's reviewers
TO_USER = "user"  # one person (a notice about what they proposed)


@ReminderLog.register_kinds
class Kind(models.TextChoices):
    CONSTITUTION_DAY = "constitution_day", gettext_lazy("Constitution Day campaign")


@dataclass(frozen=True)
class Stage:
    """A stage of a kind of reminder: sent on ``starts``, or on a later run up to ``ends`` (catch-up)."""

    key: str
    starts: dt.date
    ends: dt.date


def stages_between(days: list[tuple[str, dt.date]], last_day: dt.date) -> list[Stage]:
    """Stages that each stay current until the next one begins; the last one until ``last_day``."""
    ordered = sorted(days, key=lambda item: item[1])
    stages = []
    for index, (key, starts) in enumerate(ordered):
        ends = ordered[index + 1][1] - dt.timedelta(days=1) if index + 1 < len(ordered) else last_day
        if ends >= starts:
            stages.append(Stage(key, starts, ends))
    return stages


def current_stage(stages: list[Stage], on: dt.date) -> Stage | None:
    """The one stage current on a day, if any."""
    for stage in stages:
        if stage.starts <= on <= stage.ends:
            return stage
    return None


def month_day(year: int, text: str) -> dt.date:
    """``"12-04"`` in a year; 29 February becomes the 28th in a common year."""
    month, day = (int(part) for part in text.split("-"))
    if (month, day) == (2, 29) and not calendar.isleap(year):
        day = 28
    return dt.date(year, month, day)


def long_date(day: dt.date) -> str:
    """A date as the active language writes it (2026年12月4日)."""
    return date_format(day, "DATE_FORMAT")


@dataclass(frozen=True)
class Due:
    """A reminder that is due: to an agency, or a digest to an office (or the bureau)."""

    kind: str
    period: str
    stage: str
    due_on: dt.date
    subject: str
    body: str
    url: str = "/"
    audience: str = TO_AGENCY
    agency_id: int | None = None
    office_id: int | None = None
    user_id: int | None = None  # for TO_USER
    target: str = ""  # the agency's or office's name, for what the run prints

    @property
    def key(self) -> tuple:
        """What the database keeps once: (agency, office, kind, period, stage)."""
        office = None if self.agency_id is not None else self.office_id
        return (self.agency_id, office, self.kind, self.period, self.stage)


def agency_name(row: dict) -> str:
    return row["short_name"] or row["name"]


def agency_due(row: dict, stage: Stage, *, kind: str, year: int, subject: str, body: str, url: str) -> Due:
    """A stage of a year's reminder, to the agency of a ``values("pk", "name", "short_name")`` row."""
    return Due(
        kind=kind,
        period=str(year),
        stage=stage.key,
        due_on=stage.starts,
        subject=subject,
        body=body,
        url=url,
        agency_id=row["pk"],
        target=agency_name(row),
    )


def digest_due(stage: Stage, *, year: int, intro: str, lines: list[str], **due: str | int) -> Due:
    """A stage of a year's digest to reviewers (``due``: its kind, subject, url, audience, office_id and target):
    the intro, then a line for each agency it names."""
    return Due(period=str(year), stage=stage.key, due_on=stage.starts, body="\n".join([intro, *lines]), **due)


def manual_stage(on: dt.date) -> Stage:
    """The stage of "remind this agency now": one of its own each day, so clicking again the same day sends nothing."""
    return Stage(f"manual-{on.isoformat()}", on, on)


def constitution_day(on: dt.date) -> list[Due]:
    """National Constitution Day (12.4): every active agency, ``PUFFA_CAMPAIGN_LEAD_DAYS`` days before."""
    lead = dt.timedelta(days=settings.PUFFA_CAMPAIGN_LEAD_DAYS)
    for year in (on.year, on.year + 1):
        day = month_day(year, settings.PUFFA_CONSTITUTION_DAY)
        stage = current_stage([Stage(f"d{lead.days}", day - lead, day)], on)
        if stage is not None:
            break
    else:
        return []
    days_left = (day - on).days
    subject = _("National Constitution Day campaign: %(date)s") % {"date": long_date(day)}
    body = ngettext(
        "National Constitution Day is on %(date)s, in %(days)s day. Please hold your agency's campaign on the "
        "Constitution around it and log it in the ledger as a “National Constitution Day” activity.",
        "National Constitution Day is on %(date)s, in %(days)s days. Please hold your agency's campaign on the "
        "Constitution around it and log it in the ledger as a “National Constitution Day” activity.",
        days_left,
    ) % {"date": long_date(day), "days": days_left}
    url = page_or_home("/activities/")
    agencies = Agency.objects.filter(is_active=True).order_by("pk").values("pk", "name", "short_name")
    return [
        agency_due(row, stage, kind=Kind.CONSTITUTION_DAY, year=day.year, subject=subject, body=body, url=url)
        for row in agencies
    ]
