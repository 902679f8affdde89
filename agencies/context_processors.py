"""Template context for every page."""

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from . import access, selectors


def unread_notifications(request: HttpRequest) -> dict:
    """The unread count for the navigation bar: counted lazily, at most one query, only if a page shows it."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_notification_count": SimpleLazyObject(lambda: selectors.unread_notification_count(user))}


def access_questions(request: HttpRequest) -> dict:
    """The role questions the navigation bar asks, answered by ``agencies.access`` (no query)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"user_reviews": access.reviews(user), "user_oversees": access.oversees(user)}
