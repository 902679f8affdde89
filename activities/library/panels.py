"""Cards this part adds to the home pages (see puffa.home): the library, and proposals awaiting the bureau."""

from agencies import access
from agencies.panels import Panel

from . import selectors


def home_panels(user, year: int) -> list[Panel]:
    if not user.is_authenticated:
        return []
    context = {"summary": selectors.library_summary(), "can_manage": access.can_manage(user)}
    if access.can_manage(user) or user.is_agency_staff:
        context["pending"] = selectors.pending_counts(user)
    return [Panel("activities/library/_panel.html", context, order=60)]
