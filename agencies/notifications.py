"""The notification inbox: writing notifications and marking them read (the only home of these writes).

Reminders (``puffa.reminders``) write their notifications in bulk with the reminder rows; anything else
that wants to tell a user something calls ``notification_create``.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from django.conf import settings
from django.shortcuts import get_object_or_404
from django.urls import Resolver404, get_urlconf, resolve
from django.utils import timezone

from .models import Agency, Notification, User

HOME = "/"


def page_or_home(path: str) -> str:
    """``path`` when a page answers there, else the home page: a link in an inbox must never lead to a 404."""
    return path if _answers(path.split("?", 1)[0], get_urlconf() or settings.ROOT_URLCONF) else HOME


@lru_cache(maxsize=1024)
def _answers(path: str, urlconf: str) -> bool:
    """Whether a page answers at ``path``: asked once per path (and URLconf), since the daily run links
    thousands of reminders to the same few pages (resolving each took seconds at 10,000 agencies)."""
    try:
        resolve(path, urlconf)
    except Resolver404:
        return False
    return True


def notification_create(
    *,
    recipients: Iterable[User],
    title: str,
    body: str = "",
    url: str = "",
    agency: Agency | None = None,
) -> list[Notification]:
    now = timezone.now()
    return Notification.objects.bulk_create(
        Notification(recipient=user, agency=agency, title=title, body=body, url=url, created_at=now)
        for user in recipients
    )


def notification_mark_read(*, user: User, notification_id: int) -> Notification:
    """Mark one of the user's own notifications read; anyone else's answers 404."""
    notification = get_object_or_404(Notification, pk=notification_id, recipient=user)
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


def notifications_mark_all_read(*, user: User) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(read_at=timezone.now())
