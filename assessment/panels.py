"""Cards this app adds to the home pages (see puffa.home): a fixed number of queries each."""

from __future__ import annotations

from agencies import access
from agencies.panels import Panel

from . import selectors
from .dashboard import selectors as dashboard
from .models import Rubric


def home_panels(user, year: int) -> list:
    if user.is_leadership:
        return [_leadership(user, year)]
    if access.reviews(user):
        return [_scoring_status(user, year)]
    if user.is_agency_staff:
        result = selectors.published_result_for_staff(user.agency_id)
        return [Panel("assessment/panels/staff.html", {"result": result}, order=60)] if result else []
    return []


def _leadership(user, year: int) -> Panel:
    """The way to the dashboard, with the year's headline figures (the dashboard's own counts)."""
    board = dashboard.for_user(year, user)
    published = (
        Rubric.objects.filter(published_at__isnull=False).select_related("cycle").order_by("-cycle__year").first()
    )
    return Panel("assessment/panels/leadership.html", {"year": year, "board": board, "published": published}, order=5)


def _scoring_status(user, year: int) -> Panel:
    """Where scoring stands this year and last year, for the bureau and reviewers: how many agencies were scored
    for those who see them all (a town office's reviewers see its agencies' results, not the district's count)."""
    context = {
        "year": year,
        "rubrics": selectors.recent_rubrics(year),
        "whole_district": access.sees_all_agencies(user),
    }
    return Panel("assessment/panels/scoring.html", context, order=40)
