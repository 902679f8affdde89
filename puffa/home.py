"""Home-page panels: each app contributes the cards it knows about, so puffa.views.home stays small.

An app's ``panels.home_panels(user, year)`` returns ``Panel``s; the home page renders them in order
of ``order``. Each provider builds its context with a fixed number of queries.
"""

from __future__ import annotations

from importlib import import_module

from agencies.panels import Panel

PANEL_PROVIDERS = [
    "checklists.panels",
    "activities.panels",
    "activities.library.panels",
    "assessment.panels",
    "assessment.oversight.panels",
]


def panels_for(user, year: int) -> list[Panel]:
    panels: list[Panel] = []
    for module in PANEL_PROVIDERS:
        panels.extend(import_module(module).home_panels(user, year))
    return sorted(panels, key=lambda panel: panel.order)
