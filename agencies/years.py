"""The one year guard: which years may exist, which the bureau has opened, and opening one.

A year exists only when the bureau opens it (年度设置); nothing creates a year by being looked at. Every view
that takes a year goes through here: a year outside ``FIRST_YEAR`` .. next year, or inside it but not opened,
answers 404 (``YearNotOpen``); ``puffa.middleware.YearNotOpenMiddleware`` shows the bureau administrator a page
offering to open it instead. Reads ask ``open_cycle``/``cycle_or_none``; only ``cycle_open`` writes a cycle.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from . import access, reads
from .models import DEFAULT_STUDY_MINIMUM, AnnualCycle, User, default_filing_deadline

FIRST_YEAR = 2016  # the district's implementation opinions date from 2016


class YearNotOpen(Http404):
    """A year the bureau has not opened, or one that cannot be opened at all (``can_open`` says which)."""

    def __init__(self, year: int | None):
        self.year = year
        super().__init__(_("The year %(year)s is not open.") % {"year": year})

    @property
    def can_open(self) -> bool:
        return self.year is not None and in_range(self.year)


def last_year(today: dt.date | None = None) -> int:
    """The latest year that may be opened: next year, so the bureau prepares it before January."""
    return (today or timezone.localdate()).year + 1


def in_range(year: int) -> bool:
    return FIRST_YEAR <= year <= last_year()


def parse_year(value: str | int | None) -> int:
    """A year from a URL or a query string, inside the range; otherwise 404 (never a ValueError)."""
    try:
        year = int(value)
    except (TypeError, ValueError):
        raise YearNotOpen(None) from None
    if not in_range(year):
        raise YearNotOpen(None)
    return year


# Within one request every panel, selector, guard and year selector asks about the years: ``reads.once`` reads every
# cycle once (a district opens one a year, so the table stays a few rows) and keeps them for the rest of the
# request, also in a request that writes, since saving or deleting a cycle forgets them. A page that shows one
# year's cycle and the year selector reads the table once.


@receiver(post_save, sender=AnnualCycle)
@receiver(post_delete, sender=AnnualCycle)
def _forget_reads(**_kwargs) -> None:
    reads.forget()


def _cycles() -> dict[int, AnnualCycle]:
    """Every opened year's cycle by year, newest first: one query per request."""
    return reads.once(
        "cycles",
        lambda: {cycle.year: cycle for cycle in AnnualCycle.objects.order_by("-year")},
        kept_while_writing=True,
    )


def cycle_or_none(year: int) -> AnnualCycle | None:
    """The year's cycle if the bureau opened it. One query (none if the years were read in this request); never
    creates."""
    if not in_range(year):
        return None
    return _cycles().get(year)


def cycles_or_none(years) -> dict[int, AnnualCycle | None]:
    """``cycle_or_none`` for several years, from the same one read."""
    return {year: cycle_or_none(year) for year in sorted(set(years))}


def open_cycle(year: str | int) -> AnnualCycle:
    """The opened year's cycle, or 404 (``YearNotOpen``) for a year outside the range or not opened."""
    year = parse_year(year)
    cycle = cycle_or_none(year)
    if cycle is None:
        raise YearNotOpen(year)
    return cycle


def is_open(year: int) -> bool:
    return cycle_or_none(year) is not None


def open_years() -> list[int]:
    """The opened years, newest first: what every year selector offers."""
    return list(_cycles())


def openable_years() -> list[int]:
    """The years of the range not opened yet, newest first: what the bureau's 年度设置 page offers to open."""
    opened = set(open_years())
    return [year for year in range(last_year(), FIRST_YEAR - 1, -1) if year not in opened]


def cycle_open(*, actor: User | None, year: int) -> AnnualCycle:
    """Open a year with the defaults (deadline the last day of February, study minimum 2); opening an open year
    changes nothing. ``actor`` None is for seeds and fixtures. The rubric is added by ``assessment.services.
    year_open``, which the 年度设置 page calls."""
    if actor is not None and not access.can_manage(actor):
        raise PermissionDenied(_("Only a bureau administrator opens a year."))
    if not in_range(year):
        raise YearNotOpen(None)
    try:
        with transaction.atomic():
            cycle, _created = AnnualCycle.objects.get_or_create(
                year=year,
                defaults={"filing_deadline": default_filing_deadline(year), "study_minimum": DEFAULT_STUDY_MINIMUM},
            )
    except IntegrityError:  # opened by someone else at the same moment
        cycle = AnnualCycle.objects.get(year=year)
    return cycle


def year_end_from(year: int) -> dt.date:
    """The first day of the year's last month (``PUFFA_YEAR_END_MONTH``, default December): from then on the
    year-end filings of ``year`` (the work report, the archive) are accepted, not before."""
    return dt.date(year, settings.PUFFA_YEAR_END_MONTH, 1)


def year_end_open(year: int, today: dt.date | None = None) -> bool:
    """The year-end filings of ``year`` are accepted on ``today`` (by default today): the pages offer them only
    then, the services refuse them before (``require_year_end``)."""
    return (today or timezone.localdate()) >= year_end_from(year)


def last_day(year: int) -> dt.date:
    """The year's last day: everything is counted per calendar year (Asia/Shanghai)."""
    return dt.date(year, 12, 31)


def year_ended(year: int, today: dt.date | None = None) -> bool:
    """``year`` is over on ``today`` (by default today, Asia/Shanghai): from 1 January of the next year. The year's
    assessment is scored then, on the whole year; before, the results page says the year is still under way."""
    return (today or timezone.localdate()) > last_day(year)


def require_year_end(year: int, what: str, *, today: dt.date | None = None) -> None:
    """Refuse a year-end filing made before ``year_end_from(year)`` with a message that says from when."""
    starts = year_end_from(year)
    if not year_end_open(year, today):
        raise ValidationError(
            _("The %(what)s for %(year)d can be filed from %(date)s.")
            % {"what": what, "year": year, "date": f"{starts:%Y-%m-%d}"},
            code="too_early",
        )
