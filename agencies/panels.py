"""A home-page card: each app's ``panels.home_panels(user, year)`` returns these, and ``puffa.home`` shows them.

It lives here, at the bottom of the apps, so an app can offer cards without importing ``puffa``.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Panel:
    template: str
    context: dict = field(default_factory=dict)
    order: int = 100
