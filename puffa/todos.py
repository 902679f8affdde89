"""待办 on the home page: each app's ``todos`` (see ``agencies.todos``), gathered in the order of the day's work.

Every provider answers with a fixed number of queries, so the home page's count does not grow with the data.
What they answer is kept per user by data version (``agencies.freshness``): every model a provider reads bumps
the version when it changes, so a change shows on the next page, and a home opened again reads none of it.
"""

from __future__ import annotations

import datetime as dt
from importlib import import_module

from django.utils import translation

from agencies import access, freshness
from agencies.models import User
from agencies.todos import Todo
from checklists import selectors as checklist_selectors

# Kept by data version: what they read (checklists and their transitions, cycles, agencies, activities,
# campaigns and the agencies they ask, library proposals, rubrics, scoring runs and survey results,
# inspections, rectifications, plans and reports, measures) is watched by ``freshness``.
KEPT_PROVIDERS = [
    "checklists.todos",
    "activities.todos",
    "assessment.todos",
    "assessment.decisions.todos",
]
# Read on every page: the unread notices, which the navigation's unread count on the same page reads anyway
# (marking notices read is a bulk update that bumps nothing). Called without the cycle, which they do not read.
READ_PROVIDERS = ["agencies.todos"]


def todos_for(user: User, *, year: int, today: dt.date) -> list[Todo]:
    found = _kept(user, year, today)
    for module in READ_PROVIDERS:
        found = found + import_module(module).todos(user, year=year, today=today)
    return [todo.on(today) for todo in sorted(found, key=lambda todo: todo.order)]


def _kept(user: User, year: int, today: dt.date) -> list[Todo]:
    """The kept providers' to-dos, kept until the data next changes (``freshness.kept``) for the user, the role
    and scope they were gathered under (a user moved or given another role gets their new to-dos at once), and
    the day (a to-do that turns overdue at midnight is read afresh)."""
    return freshness.kept(
        "todos",
        user.pk,
        user.role,
        access.scope_key(user),
        translation.get_language(),
        f"{today:%Y%m%d}",
        year,
        compute=lambda: _gathered(user, year, today),
    )


def _gathered(user: User, year: int, today: dt.date) -> list[Todo]:
    cycle = checklist_selectors.cycle_for(year)
    found: list[Todo] = []
    for module in KEPT_PROVIDERS:
        found.extend(import_module(module).todos(user, year=year, today=today, cycle=cycle))
    return found
