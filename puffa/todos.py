"""待办 on the home page: each app's ``todos`` (see ``agencies.todos``), gathered in the order of the day's work.

Every provider answers with a fixed number of queries, so the home page's count does not grow with the data.
"""

from __future__ import annotations

import datetime as dt
from importlib import import_module

from agencies.models import User
from agencies.todos import Todo
from checklists import selectors as checklist_selectors

TODO_PROVIDERS = [
    "checklists.todos",
    "activities.todos",
    "assessment.todos",
    "assessment.decisions.todos",
    "agencies.todos",
]


def todos_for(user: User, *, year: int, today: dt.date) -> list[Todo]:
    cycle = checklist_selectors.cycle_for(year)
    found: list[Todo] = []
    for module in TODO_PROVIDERS:
        found.extend(import_module(module).todos(user, year=year, today=today, cycle=cycle))
    return [todo.on(today) for todo in sorted(found, key=lambda todo: todo.order)]
