"""Home-page panels: each app contributes the cards it knows about, so puffa.views.home stays small.

An app's ``panels.home_panels(user, year)`` returns ``Panel``s; the home page renders them in order
of ``order``. Each provider builds its context with a fixed number of queries.
"""

from __future__ import annotations

from importlib import import_module

from agencies.panels import Panel
from agencies.years import YearNotOpen

PANEL_PROVIDERS = [
    "checklists.panels",
    "activities.panels",
    "activities.library.panels",
    "assessment.panels",
    "assessment.oversight.panels",
]


def panels_for(user, year: int) -> list[Panel]:
    """The cards for ``year``; a provider whose cards need the year's cycle shows none while the bureau has not
    opened the year (the home page itself never answers 404)."""
    panels: list[Panel] = []
    for module in PANEL_PROVIDERS:
        try:
            panels.extend(import_module(module).home_panels(user, year))
        except YearNotOpen:
            continue
    return sorted(panels, key=lambda panel: panel.order)
