"""What an agency's activities establish, each fact defined once (docs/domain.md, "Derived facts").

Every fact comes in the forms its readers need: a function for one agency or one item, and a filter or an
annotation for a whole set, so a page of one agency and a figure over a province count the same rows.

- **held**: an activity happens on its date; one logged ahead of it counts from that date (on or before
  ``today``, Asia/Shanghai), never before.
- **study session counted**: a live ★ activity (``STUDY_MINIMUM_TYPES``) dated in the year and held.
- **study minimum met**: an agency not subject to the minimum meets it; one subject to it needs at least the
  year's minimum (``AnnualCycle.study_minimum``) of counted sessions.
- **held, for many agencies at once**: the activity summaries (``ActivitySummary``) count by month, so a month
  before the one containing ``today`` is held whole, a later one not at all, and within that month the raw rows
  decide (``held_summaries``, ``held_this_month``): the same activities as ``held_q``, read from a few rows per
  agency.
- **item met**: at least one held activity linked to the item (by its key, so an earlier revision's links count)
  and each non-zero target (activities, people reached) reached by the held ones. Zero targets need that one
  activity. Over many items the held linked activities are read as "held" is: from the item summaries
  (``ItemSummary``) of the months already over and the raw rows of this month (``held_item_progress``).
"""

from __future__ import annotations

import datetime as dt

from django.db.models import (
    BooleanField,
    Count,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone

from agencies.models import Agency
from agencies.vocabulary import STUDY_MINIMUM_TYPES
from checklists.models import ChecklistItem

from .models import Activity, ActivitySummary, ItemSummary

# --- held ------------------------------------------------------------------------------------------------


def held_q(today: dt.date, prefix: str = "") -> Q:
    """Activities (reached through ``prefix``, e.g. ``"activities__"``) dated on or before ``today``."""
    return Q(**{f"{prefix}start_date__lte": today})


def is_held(activity: Activity, today: dt.date) -> bool:
    return activity.start_date <= today


def _live_of_year(year: int, prefix: str = "") -> Q:
    return Q(**{f"{prefix}year": year, f"{prefix}deleted_at__isnull": True})


def held_months_q(year: int, today: dt.date) -> Q:
    """Summaries (``ActivitySummary``) of the year whose every activity is held on ``today``: every month of a
    past year, none of a future one, and in the current year the months before today's."""
    if year < today.year:
        before = 13
    elif year == today.year:
        before = today.month
    else:
        before = 1
    return Q(month__lt=before)


def held_summaries(year: int, today: dt.date) -> QuerySet[ActivitySummary]:
    return ActivitySummary.objects.filter(held_months_q(year, today), year=year)


def held_this_month(year: int, today: dt.date) -> QuerySet[Activity]:
    """The live activities of the year held in the month containing ``today`` (none unless ``year`` is today's):
    with ``held_summaries``, every held activity of the year, each once."""
    return Activity.objects.filter(_live_of_year(year) & held_q(today), start_date__gte=today.replace(day=1))


# --- study sessions and the study minimum ----------------------------------------------------------------


def session_counted_q(year: int, today: dt.date, prefix: str = "") -> Q:
    """Activities that count towards the year's study minimum on ``today``."""
    return (
        _live_of_year(year, prefix) & Q(**{f"{prefix}activity_type__in": STUDY_MINIMUM_TYPES}) & held_q(today, prefix)
    )


def session_counted(activity: Activity, year: int, today: dt.date) -> bool:
    return (
        activity.deleted_at is None
        and activity.year == year
        and activity.activity_type in STUDY_MINIMUM_TYPES
        and is_held(activity, today)
    )


def counted_sessions(year: int, today: dt.date | None = None) -> QuerySet[Activity]:
    """Every session counted for the year, for any set of agencies (``.filter(agency__in=…)``)."""
    return Activity.objects.filter(session_counted_q(year, today or timezone.localdate()))


def study_sessions(agency_id: int, year: int, today: dt.date | None = None) -> int:
    return counted_sessions(year, today).filter(agency_id=agency_id).count()


def sessions_by_agency(agencies: QuerySet[Agency], year: int, today: dt.date | None = None) -> dict[int, int]:
    """{agency id: sessions counted} for the agencies with at least one, read from the activity summaries of the
    months already over and the sessions of this month (one query)."""
    found: dict[int, int] = {}
    for agency_id, sessions in _sessions_in_parts(agencies, year, today or timezone.localdate()):
        found[agency_id] = found.get(agency_id, 0) + sessions
    return found


def _sessions_in_parts(agencies: QuerySet[Agency], year: int, today: dt.date) -> QuerySet:
    """(agency id, sessions) rows, up to two an agency: its sessions in the summaries of the months already over
    and its sessions of this month (an agency without a counted session has no row)."""
    in_scope = agencies.values("pk")
    summed = (
        held_summaries(year, today)
        .filter(agency__in=in_scope, sessions__gt=0)
        .values("agency_id")
        .annotate(n=Sum("sessions"))
        .values_list("agency_id", "n")
    )
    this_month = (
        held_this_month(year, today)
        .filter(session_counted_q(year, today), agency__in=in_scope)
        .values("agency_id")
        .annotate(n=Count("pk"))
        .values_list("agency_id", "n")
    )
    return summed.order_by().union(this_month.order_by(), all=True)


def with_study_sessions(
    agencies: QuerySet[Agency],
    year: int,
    today: dt.date | None = None,
    *,
    minimum: int | None = None,
    per_row: bool = False,
) -> QuerySet[Agency]:
    """``agencies`` annotated with ``study_sessions`` (the sessions counted for the year) and, given the year's
    ``minimum``, ``study_met`` (``study_minimum_met``).

    ``per_row`` counts each agency's sessions in subqueries of its own instead of one join over every agency's
    activities, from the summaries of the months already over and the raw rows of this month (as
    ``sessions_by_agency``): under a LIMIT (a page) PostgreSQL then reads a few rows of the agencies shown."""
    today = today or timezone.localdate()
    if per_row:
        sessions = per_agency(held_summaries(year, today), Sum("sessions")) + per_agency(
            held_this_month(year, today).filter(session_counted_q(year, today)), Count("pk")
        )
    else:
        sessions = Count("activities", filter=session_counted_q(year, today, "activities__"))
    found = agencies.annotate(study_sessions=sessions)
    if minimum is None:
        return found
    return found.annotate(study_met=ExpressionWrapper(study_minimum_met_q(minimum), output_field=BooleanField()))


def per_agency(activities: QuerySet[Activity] | QuerySet[ActivitySummary], aggregate) -> Coalesce:
    """``aggregate`` over ``activities`` (or their summaries) of the agency of each row (0 when none), as a
    correlated subquery."""
    counted = activities.filter(agency_id=OuterRef("pk")).order_by().values("agency_id").annotate(n=aggregate)
    return Coalesce(Subquery(counted.values("n"), output_field=IntegerField()), 0)


def study_minimum_met(*, subject: bool, sessions: int, minimum: int) -> bool:
    return not subject or sessions >= minimum


def study_minimum_met_q(minimum: int, sessions: str = "study_sessions") -> Q:
    """``study_minimum_met`` as a filter on agencies annotated with their sessions (``with_study_sessions``)."""
    return Q(subject_to_study_minimum=False) | Q(**{f"{sessions}__gte": minimum})


def study_minimum_met_among(agencies: QuerySet[Agency], year: int, minimum: int, today: dt.date | None = None) -> Q:
    """``study_minimum_met`` as a filter on ``agencies`` (or a subset), without a sessions annotation: the
    agencies not subject to it, and those whose sessions (as ``sessions_by_agency`` counts them) reach
    ``minimum``, added up in one grouped pass over the summaries. A count or a filter over a whole scope then
    reads each agency's sessions once, not in two subqueries per agency (as ``with_study_sessions(per_row=True)``
    does, for a page)."""
    if study_minimum_met(subject=True, sessions=0, minimum=minimum):
        return Q(pk__isnull=False)  # no session needed: every agency meets it, with or without a counted one
    subject = agencies.filter(subject_to_study_minimum=True)
    parts, params = _sessions_in_parts(subject, year, today or timezone.localdate()).query.sql_with_params()
    # An agency without a counted session has no row here and, the minimum being above zero, does not meet it.
    grouped = f"SELECT agency_id FROM ({parts}) AS parts GROUP BY agency_id HAVING SUM(n) >= %s"  # noqa: S608
    reaching = RawSQL(grouped, (*params, minimum))  # noqa: S611 - Django's own SQL around it, every value a parameter
    return Q(subject_to_study_minimum=False) | Q(pk__in=reaching)


# --- checklist items -------------------------------------------------------------------------------------


def activities_needed(target_activities: int) -> int:
    """Held activities an item needs: its target, and at least one (a zero target still needs that one)."""
    return max(1, target_activities)


def item_met(*, activities: int, people: int, target_activities: int, target_people: int) -> bool:
    """``activities`` and ``people`` are the held activities linked to the item and the people they reached."""
    return activities >= activities_needed(target_activities) and people >= target_people


def item_met_q(activities: str = "held_activities", people: str = "held_people") -> Q:
    """``item_met`` as a filter on items annotated by ``with_item_progress``."""
    return Q(**{f"{activities}__gte": Greatest(Value(1), F("target_activities")), f"{people}__gte": F("target_people")})


def linked_activities(year: int, today: dt.date) -> QuerySet[Activity]:
    """The live, held activities of the year linked to an item: what item progress counts."""
    return Activity.objects.filter(_live_of_year(year) & held_q(today), checklist_item__isnull=False)


def held_item_progress(year: int, today: dt.date, agencies: QuerySet | list[int]) -> dict:
    """{item key: (held linked activities, people they reached)} for the items of ``agencies`` (ids or a queryset
    of ids) with at least one ``linked_activities``: from the item summaries of the months already over and this
    month's raw rows, in one query (``UNION ALL``, up to two rows an item)."""
    summed = (
        ItemSummary.objects.filter(held_months_q(year, today), year=year, agency__in=agencies, activities__gt=0)
        .order_by()
        .values("item_key")
        .annotate(n=Sum("activities"), people=Sum("people"))
        .values_list("item_key", "n", "people")
    )
    this_month = (
        held_this_month(year, today)
        .filter(checklist_item__isnull=False, agency__in=agencies)
        .order_by()
        .values("checklist_item__key")
        .annotate(n=Count("pk"), people=Coalesce(Sum("people_reached"), 0))
        .values_list("checklist_item__key", "n", "people")
    )
    found: dict = {}
    for key, count, people in summed.union(this_month, all=True):
        before = found.get(key, (0, 0))
        found[key] = (before[0] + count, before[1] + people)
    return found


def with_item_progress(
    items: QuerySet[ChecklistItem], year: int, today: dt.date | None = None
) -> QuerySet[ChecklistItem]:
    """Items annotated with ``held_activities``, ``held_people`` and ``met``, for any set of items of the year: per
    item, its summaries of the months already over (from the index alone) and its linked activities of this
    month."""
    today = today or timezone.localdate()
    summed = ItemSummary.objects.filter(held_months_q(year, today), year=year, item_key=OuterRef("key"))
    this_month = held_this_month(year, today).filter(
        agency_id=OuterRef("checklist__agency_id"), checklist_item__key=OuterRef("key")
    )

    def part(rows: QuerySet, group: str, aggregate) -> Coalesce:
        grouped = rows.order_by().values(group).annotate(n=aggregate).values("n")
        return Coalesce(Subquery(grouped, output_field=IntegerField()), 0)

    return items.annotate(
        held_activities=part(summed, "item_key", Sum("activities"))
        + part(this_month, "checklist_item__key", Count("pk")),
        held_people=part(summed, "item_key", Sum("people"))
        + part(this_month, "checklist_item__key", Sum("people_reached")),
    ).annotate(met=ExpressionWrapper(item_met_q(), output_field=BooleanField()))
