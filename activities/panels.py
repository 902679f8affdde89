"""Cards this app adds to the home pages (see puffa.home)."""

from __future__ import annotations

from agencies import access, freshness
from agencies import selectors as agency_selectors
from agencies.panels import Panel

from . import selectors


def home_panels(user, year: int) -> list[Panel]:
    if user.is_agency_staff:
        agency = agency_selectors.agency_for_home(user.agency_id)  # read once with the home page's own
        return [
            Panel(
                template="activities/_panel_staff.html",
                context={
                    "agency": agency,
                    "year": year,
                    "study": selectors.study_minimum(agency, year),
                    "archive": selectors.archive_for(agency.pk, year),
                },
                order=20,
            )
        ]
    if access.oversees(user):
        return [
            Panel(
                template="activities/_panel_oversight.html",
                context={"summary": _year_summary(user, year)},
                order=20,
            )
        ]
    return []


def _year_summary(user, year: int) -> selectors.YearSummary:
    """Kept until the data next changes: counting a province's ★ sessions takes a noticeable moment."""
    return freshness.kept(
        "year-summary",
        year,
        access.scope_key(user),
        compute=lambda: selectors.year_summary(access.visible_agencies(user), year),
    )
