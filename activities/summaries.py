"""Keeping ``ActivitySummary`` and ``ItemSummary`` equal to the live activities they count.

Every write of an activity in ``activities/services.py`` tells ``follow`` what the activity counted before and
after, in its own transaction: the old cells lose it, the new cells gain it (its duty's cell, and its item's cell
when it is linked to one). Each change is one statement that adds to the stored numbers
(``activities = activities + 1``), so concurrent writes to one cell queue on its row lock instead of overwriting
each other's counts. A bulk load (``seed_scale``, ``seed_demo``) writes activities directly and then calls
``rebuild``.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import Case, CharField, Count, F, IntegerField, Q, Sum, Value, When
from django.db.models.functions import Cast, Coalesce, ExtractMonth

from agencies.vocabulary import DUTY_OF, STUDY_MINIMUM_TYPES, Duty, types_of_duty

from .models import Activity, ActivitySummary, ItemSummary

COLUMNS = ("agency_id", "year", "month", "duty", "activities", "sessions", "people")
ITEM_COLUMNS = ("agency_id", "year", "month", "item_key", "activities", "people")


@dataclass(frozen=True)
class Part:
    """What one activity adds to its cell."""

    agency_id: int
    year: int
    month: int
    duty: str
    sessions: int
    people: int
    item_key: uuid.UUID | None = None  # the key of the checklist item it is linked to


def part_of(activity: Activity) -> Part | None:
    """The activity's share of the summaries, None once deleted (a deleted activity counts nowhere). Reads the
    linked item's key through ``activity.checklist_item``: load it with the activity (``select_related``)."""
    if activity.deleted_at is not None:
        return None
    return Part(
        agency_id=activity.agency_id,
        year=activity.start_date.year,
        month=activity.start_date.month,
        duty=DUTY_OF[activity.activity_type],
        sessions=int(activity.activity_type in STUDY_MINIMUM_TYPES),
        people=activity.people_reached,
        item_key=activity.checklist_item.key if activity.checklist_item_id is not None else None,
    )


def follow(before: Part | None, after: Part | None) -> None:
    """Move an activity's share from ``before`` to ``after`` (either None: created, deleted)."""
    if before == after:
        return
    if before is not None:
        _take(before)
    if after is not None:
        _add(after)


def _add(part: Part) -> None:
    table = ActivitySummary._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({', '.join(COLUMNS)}) VALUES (%s, %s, %s, %s, 1, %s, %s) "  # noqa: S608 - names are ours
            "ON CONFLICT (year, agency_id, month, duty) DO UPDATE SET "
            f"activities = {table}.activities + 1, sessions = {table}.sessions + excluded.sessions, "
            f"people = {table}.people + excluded.people",
            [part.agency_id, part.year, part.month, part.duty, part.sessions, part.people],
        )
        if part.item_key is None:
            return
        items = ItemSummary._meta.db_table
        # the key as the database stores it (a UUID on PostgreSQL, its hex on SQLite): raw SQL does not adapt it
        key = ItemSummary._meta.get_field("item_key").get_db_prep_value(part.item_key, connection)
        cursor.execute(
            f"INSERT INTO {items} ({', '.join(ITEM_COLUMNS)}) VALUES (%s, %s, %s, %s, 1, %s) "  # noqa: S608 - names are ours
            f"ON CONFLICT (year, item_key, month) DO UPDATE SET activities = {items}.activities + 1, "
            f"people = {items}.people + excluded.people",
            [part.agency_id, part.year, part.month, key, part.people],
        )


def _take(part: Part) -> None:
    """The cells exist: the activity was counted in them when it was written (or by the last rebuild)."""
    ActivitySummary.objects.filter(year=part.year, agency_id=part.agency_id, month=part.month, duty=part.duty).update(
        activities=F("activities") - 1, sessions=F("sessions") - part.sessions, people=F("people") - part.people
    )
    if part.item_key is not None:
        ItemSummary.objects.filter(year=part.year, item_key=part.item_key, month=part.month).update(
            activities=F("activities") - 1, people=F("people") - part.people
        )


def duty_of_type() -> Case:
    """``DUTY_OF`` in SQL."""
    return Case(
        *(When(activity_type__in=types_of_duty(duty), then=Value(duty.value)) for duty in Duty),
        output_field=CharField(),
    )


def counted_from_rows(years: Iterable[int] | None = None):
    """The summaries as the raw rows give them, one row per cell (``COLUMNS``): what ``rebuild`` stores and
    what the tests compare the kept summaries with."""
    live = Activity.objects.live()
    if years is not None:
        live = live.filter(year__in=list(years))
    return (
        live.order_by()
        .annotate(month=Cast(ExtractMonth("start_date"), IntegerField()), duty=duty_of_type())
        .values("agency_id", "year", "month", "duty")
        .annotate(
            activities=Count("pk"),
            sessions=Count("pk", filter=Q(activity_type__in=STUDY_MINIMUM_TYPES)),
            people=Coalesce(Sum("people_reached"), 0),
        )
        .values_list(*COLUMNS)
    )


def items_counted_from_rows(years: Iterable[int] | None = None):
    """The item summaries as the raw rows give them, one row per cell (``ITEM_COLUMNS``)."""
    live = Activity.objects.live().filter(checklist_item__isnull=False)
    if years is not None:
        live = live.filter(year__in=list(years))
    return (
        live.order_by()
        .annotate(month=Cast(ExtractMonth("start_date"), IntegerField()))
        .values("agency_id", "year", "month", "checklist_item__key")
        .annotate(activities=Count("pk"), people=Coalesce(Sum("people_reached"), 0))
        .values_list("agency_id", "year", "month", "checklist_item__key", "activities", "people")
    )


@transaction.atomic
def rebuild(years: Iterable[int] | None = None, *, items: bool = True) -> int:
    """Count the summaries again from the raw rows (every year, or ``years``), in SQL: one INSERT … SELECT
    each; the item summaries too unless ``items`` is false (migration 0010, which ran before they existed).
    Returns the number of ``ActivitySummary`` cells."""
    years = None if years is None else list(years)
    kinds = [(ActivitySummary, COLUMNS, counted_from_rows)]
    if items:
        kinds.append((ItemSummary, ITEM_COLUMNS, items_counted_from_rows))
    for model, columns, counted in kinds:
        stored = model.objects.all() if years is None else model.objects.filter(year__in=years)
        stored.delete()
        sql, params = counted(years).query.sql_with_params()
        with connection.cursor() as cursor:
            # (names are ours)
            cursor.execute(f"INSERT INTO {model._meta.db_table} ({', '.join(columns)}) {sql}", params)  # noqa: S608
    cells = ActivitySummary.objects.all() if years is None else ActivitySummary.objects.filter(year__in=years)
    return cells.count()
