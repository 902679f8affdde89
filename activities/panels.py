"""Cards this app adds to the home pages (see puffa.home)."""

from __future__ import annotations

from agencies import access
from agencies.models import Agency
from puffa.home import Panel

from . import selectors


def home_panels(user, year: int) -> list[Panel]:
    if user.is_agency_staff:
        agency = Agency.objects.get(pk=user.agency_id)
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
    if user.is_reviewer or user.is_bureau_admin or user.is_leadership:
        return [
            Panel(
                template="activities/_panel_oversight.html",
                context={"summary": selectors.year_summary(access.visible_agencies(user), year)},
                order=20,
            )
        ]
    return []
