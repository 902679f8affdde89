"""Reads for agency pages, with their joins in place so templates never query."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db.models import Count, IntegerField, Min, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from . import reads
from .models import Agency, AgencyContact, Law, Notification, User


def agency_list(agencies: QuerySet[Agency]) -> QuerySet[Agency]:
    """Agencies with their filing office, parent and number of subordinate units.

    The count is a subquery, not a join with GROUP BY: the database then counts subordinates for the rows
    of one page only (taken in (level, name) order from ``agency_level_name_idx``), and the paginator's
    COUNT drops it and counts agencies alone.
    """
    subordinates = Agency.objects.filter(parent=OuterRef("pk")).order_by().values("parent").annotate(count=Count("pk"))
    return agencies.select_related("filing_office", "parent").annotate(
        subordinate_count=Coalesce(Subquery(subordinates.values("count"), output_field=IntegerField()), 0)
    )


def _contacts() -> Prefetch:
    """An agency's contacts as its pages list them, the primary one first."""
    return Prefetch("contacts", queryset=AgencyContact.objects.order_by("-is_primary", "name"))


def agency_detail(agencies: QuerySet[Agency], pk: int) -> QuerySet[Agency]:
    return (
        agencies.filter(pk=pk)
        .select_related("filing_office", "parent")
        .prefetch_related(
            _contacts(),
            Prefetch("laws", queryset=Law.objects.order_by("kind", "title")),
            Prefetch("subordinates", queryset=Agency.objects.select_related("filing_office").order_by("name")),
        )
    )


def agency_for_home(agency_id: int) -> Agency:
    """The clerk's agency with its filing office, parent, number of laws (``law_count``), contacts and subordinate
    units: three queries, read once however many parts of the home page ask (its card, the ★ sessions' 待办,
    ``agencies.reads``)."""
    return reads.once(
        ("agency_for_home", agency_id),
        lambda: (
            Agency.objects.filter(pk=agency_id)
            .select_related("filing_office", "parent")
            .annotate(law_count=Count("laws", distinct=True))
            .prefetch_related(_contacts(), Prefetch("subordinates", queryset=Agency.objects.order_by("name")))
            .get()
        ),
    )


def agency_summary(agencies: QuerySet[Agency]) -> dict[str, int]:
    """Counts for a home page, in one query."""
    return agencies.aggregate(
        total=Count("pk"),
        active=Count("pk", filter=Q(is_active=True)),
        district=Count("pk", filter=Q(level=Agency.Level.DISTRICT)),
        town=Count("pk", filter=Q(level=Agency.Level.TOWN)),
        study_minimum=Count("pk", filter=Q(subject_to_study_minimum=True)),
    )


def agency_index() -> dict[str, Agency | None]:
    """Every way a spreadsheet row may name an active agency: its credit code (upper case), full name, and short
    name when it is unambiguous (``None`` marks an ambiguous short name). Look a name up as
    ``index.get(name.upper()) or index.get(name)``."""
    index: dict[str, Agency | None] = {}
    short_names: dict[str, list[Agency]] = defaultdict(list)
    for agency in Agency.objects.filter(is_active=True).only("pk", "name", "short_name", "code"):
        if agency.code:
            index[agency.code.upper()] = agency
        index[agency.name] = agency
        if agency.short_name:
            short_names[agency.short_name].append(agency)
    for short_name, found in short_names.items():
        index.setdefault(short_name, found[0] if len(found) == 1 else None)
    return index


def law_list() -> QuerySet[Law]:
    """The catalogue with how many agencies enforce each law: a subquery per law, worked out for the page's rows
    only and left out of the pager's count (a join grouped by law read every agency's enforced laws twice)."""
    enforcing = Agency.laws.through.objects.filter(law=OuterRef("pk")).order_by().values("law")
    return Law.objects.annotate(
        agency_count=Coalesce(Subquery(enforcing.annotate(n=Count("pk")).values("n")), 0)
    ).order_by("kind", "title")


def inbox(user: User) -> QuerySet[Notification]:
    """The user's own notifications, newest first."""
    return Notification.objects.filter(recipient=user).select_related("agency").order_by("-created_at", "-pk")


# Where ``unread_summary`` leaves its answer on the request's user, so the navigation's count on the same
# page costs no second query.
_UNREAD = "_puffa_unread_summary"


def unread_summary(user: User) -> tuple[int, dt.datetime | None]:
    """How many unread notifications the user has, and since when the oldest waits: one query."""
    found = Notification.objects.filter(recipient=user, read_at__isnull=True).aggregate(
        count=Count("pk"), oldest=Min("created_at")
    )
    setattr(user, _UNREAD, (found["count"], found["oldest"]))
    return found["count"], found["oldest"]


def unread_notification_count(user: User) -> int:
    if hasattr(user, _UNREAD):
        return getattr(user, _UNREAD)[0]
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def login_list(*, agency_id: int | None = None, q: str = "") -> QuerySet[User]:
    """Logins the bureau manages (not the system administrator's), with their agency and office joined."""
    logins = User.objects.filter(is_superuser=False).select_related("agency", "filing_office")
    if agency_id:
        logins = logins.filter(agency_id=agency_id)
    if q:
        logins = logins.filter(Q(username__icontains=q) | Q(name__icontains=q) | Q(agency__name__icontains=q))
    return logins.order_by("-is_active", "role", "agency__name", "username")
