"""Reads of the new-media cluster, with their joins and counts in place.

The number of an account's activities in a year is counted in one place, ``with_activity_count``: live (not
deleted) activities of the year linked to the account. The cluster page, its export, an agency's accounts page
and the agency's annual report (``accounts_activity``) all use it.
"""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from agencies import access
from agencies.models import Agency, User

from .models import MediaAccount


def linked_activities_q(year: int, prefix: str = "activities__") -> Q:
    """The activities an account's count takes in: live ones dated in the year."""
    return Q(**{f"{prefix}year": year, f"{prefix}deleted_at__isnull": True})


def with_activity_count(accounts: QuerySet[MediaAccount], year: int) -> QuerySet[MediaAccount]:
    """Each account with ``activity_count``: its linked activities in the year, counted in the same query."""
    return accounts.annotate(activity_count=Count("activities", filter=linked_activities_q(year)))


def cluster(user: User, year: int) -> QuerySet[MediaAccount]:
    """新媒体普法网络集群: every account of the agencies the user may see, with its agency, office and count."""
    accounts = access.scope(user, MediaAccount.objects.all())
    return (
        with_activity_count(accounts, year)
        .select_related("agency__filing_office")
        .order_by("agency__name", "platform", "name", "pk")
    )


def agency_accounts(agency: Agency, year: int) -> QuerySet[MediaAccount]:
    """One agency's accounts, active ones first, with their count for the year."""
    return with_activity_count(agency.media_accounts.all(), year).order_by("-is_active", "platform", "name", "pk")


def accounts_activity(agency: Agency, year: int) -> list[MediaAccount]:
    """What the agency's annual report says of its accounts: those active, or used in the year, with the count."""
    return [account for account in agency_accounts(agency, year) if account.is_active or account.activity_count]


def accounts_for_choice(agency: Agency | int, keep: int | None = None) -> QuerySet[MediaAccount]:
    """What an activity may be linked to: the agency's active accounts, and the one it is linked to already
    (``keep``), even if deactivated since."""
    agency_id = agency if isinstance(agency, int) else agency.pk
    wanted = Q(is_active=True) | Q(pk=keep) if keep else Q(is_active=True)
    return MediaAccount.objects.filter(wanted, agency_id=agency_id).order_by("platform", "name", "pk")
