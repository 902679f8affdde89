"""Reads for good practice: the signed-in list, the public page and the sources a mark starts from.

Every signed-in user reads the list (good practice is there to be learnt from); the public page shows the same
marks with only what may be published: the note, and the photos the agency allowed.
"""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from activities.models import Activity, Evidence
from agencies import access
from agencies.models import User

from ..oversight import selectors as oversight
from ..oversight.models import AnnualFiling, JointMeeting
from .models import GoodPractice


def practices() -> QuerySet[GoodPractice]:
    """Every listed good practice (``GoodPracticeQuerySet.listed``) with who marked it."""
    return GoodPractice.objects.listed().select_related("marked_by")


def public_practices() -> QuerySet[GoodPractice]:
    """The public page's practices, each activity's publishable photos prefetched (``published_photos``)."""
    photos = Evidence.objects.filter(may_publish=True, content_type__startswith="image/").order_by("pk")
    return GoodPractice.objects.listed().prefetch_related(
        Prefetch("activity__evidence", queryset=photos, to_attr="published_photos")
    )


def public_photo(pk: int) -> Evidence | None:
    """A photo the public may see: allowed by its agency, of a live activity marked as a good practice."""
    return (
        Evidence.objects.filter(
            pk=pk,
            may_publish=True,
            content_type__startswith="image/",
            activity__deleted_at__isnull=True,
            activity__good_practice__isnull=False,
        )
        .select_related("activity")
        .first()
    )


def visible_source(user: User, source: str, pk: int) -> Activity | AnnualFiling | JointMeeting | None:
    """The activity, year-end report or joint meeting to mark, if the user may see it."""
    if source == GoodPractice.Source.ACTIVITY:
        found = access.scope(user, Activity.objects.live()).select_related("agency")
    elif source == GoodPractice.Source.REPORT:
        found = oversight.visible_filings(user).filter(kind=AnnualFiling.Kind.REPORT).select_related("agency")
    elif source == GoodPractice.Source.MEETING:
        found = oversight.visible_meetings(user)
    else:
        return None
    return found.filter(pk=pk).first()
