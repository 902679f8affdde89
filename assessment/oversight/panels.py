"""Cards on the home pages: an agency's open rectifications and its plan and report; the overdue
rectifications in a reviewer's scope; the district's overdue count for leadership. Fixed queries each.

The plan shown is this year's, the report last year's: a year's report is filed once that year is over.
"""

from django.utils import timezone

from agencies import access
from agencies.panels import Panel

from . import selectors

PANEL_LIST_LENGTH = 8


def home_panels(user, year: int) -> list[Panel]:
    if not user.is_authenticated:
        return []
    today = timezone.localdate()
    if user.is_agency_staff:
        open_ones = list(selectors.open_rectifications_of(user.agency_id)[:PANEL_LIST_LENGTH])
        filed = selectors.filing_summary(access.changeable_agencies(user), year, report_year=year - 1)
        return [
            Panel(
                "assessment/oversight/_panel_agency.html",
                {
                    "open": open_ones,
                    "overdue_count": selectors.overdue_rectifications().filter(agency_id=user.agency_id).count(),
                    "today": today,
                    "year": year,
                    "report_year": year - 1,
                    "agency_id": user.agency_id,
                    "plan_filed": bool(filed["plans"]),
                    "report_filed": bool(filed["reports"]),
                },
                order=20,
            )
        ]
    if access.reviews(user):
        overdue = selectors.overdue_rectifications(user=user)
        return [
            Panel(
                "assessment/oversight/_panel_reviewer.html",
                {
                    "overdue_count": selectors.overdue_count(user),
                    "overdue": list(overdue[:PANEL_LIST_LENGTH]),
                    "today": today,
                    "year": year,
                    "filings": selectors.filing_summary(access.visible_agencies(user), year, report_year=year - 1),
                    "report_year": year - 1,
                },
                order=20,
            )
        ]
    if user.is_leadership:
        return [
            Panel(
                "assessment/oversight/_panel_leadership.html",
                {"overdue_count": selectors.overdue_count(user), "year": year},
                order=20,
            )
        ]
    return []
