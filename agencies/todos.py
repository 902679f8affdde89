"""待办: what a user should do next, on their home page (the base of it, and the inbox's part).

Each app that owns a kind of work answers ``todos(user, *, year, today, cycle) -> list[Todo]`` in its
``todos.py``, with a fixed number of queries whatever the number of agencies; ``puffa.todos`` gathers
them. A to-do says what to do, links where to do it, and how long it has waited.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import ngettext

from . import selectors
from .models import User


@dataclass(frozen=True)
class Todo:
    text: str
    url: str
    detail: str = ""  # what the reviewer said, the deadline, the figures behind it
    since: dt.date | None = None  # waiting since: the page shows "已等待 N 天"
    late: bool = False  # marked: filed late, overdue, past its deadline
    late_label: str = ""
    order: int = 100
    waited_days: int | None = None  # filled in by ``on`` for the page

    def on(self, today: dt.date) -> Todo:
        """The to-do as shown on ``today``: with the days it has waited."""
        return replace(self, waited_days=None if self.since is None else max(0, (today - self.since).days))


def local_day(moment: dt.datetime | None) -> dt.date | None:
    return None if moment is None else timezone.localdate(moment)


def todos(user: User, *, year: int, today: dt.date, cycle=None) -> list[Todo]:
    """Unread notices: one query, which the navigation's unread count on the same page reuses."""
    count, oldest = selectors.unread_summary(user)
    if not count:
        return []
    text = ngettext("Read %(count)d unread notice", "Read %(count)d unread notices", count) % {"count": count}
    return [Todo(text=text, url=reverse("agencies:inbox"), since=local_day(oldest), order=90)]
