"""The dashboard's kept year facts (``assessment.models.KeptFacts``): counted again by a worker, marked by the writes.

At province scale the board's count was each agency's facts computed from the raw rows again (about 1.1-1.7 s at
10,000 agencies), where each agency's facts change only when its own data does or the day moves on. So they are
kept, one row per agency and year, and the board counts the fresh rows and only the other agencies from the raw
rows (``selectors._count``):

- ``fresh``: the rows the board may count instead of the raw facts: counted today, with no write since.
- ``keep``: count the rows that are not fresh again, each from the same functions the board and the drill-down
  use (``members.with_facts``, ``assessment.facts.items_by_agency``, ``members.per_agency_summaries``). A worker
  does it before it counts the board (``selectors.recount``), the night's run after the day moved on
  (``assessment.tasks.keep_dashboard_facts``), and ``manage.py keep_dashboard_facts`` after a bulk load; never a
  page's request, since reading never writes.
- ``mark``, ``mark_all``: a write that changes an agency's facts moves its rows' ``changes`` on in the write's
  own transaction (``watch`` connects them in ``AppConfig.ready``; ``agencies.freshness.bump``, after bulk
  writes, marks every row). A row counted before the write is then not fresh, whenever the count ran.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db.models import Exists, F, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone

from activities.campaigns.models import Campaign, CampaignAgency
from activities.models import Activity
from agencies import freshness, years
from agencies.models import Agency, AnnualCycle, Law
from checklists.models import Checklist, ChecklistItem

from ..facts import IDS_UP_TO, items_by_agency
from ..models import KeptFacts, KeptFactsEpoch
from ..models.kept import SUMMARY_FIGURES, summary_column
from . import members

# The figure families whose facts are kept; the office lines (revision 1's status and filing), the results and the
# overdue rectifications are counted from the raw rows every time (one cheap join or lookup per agency).
FAMILIES = frozenset({"study", "items", "coverage", "campaign"})
# ``with_facts``'s annotations kept as they are (the items and the summaries are read apart).
_ANNOTATED = ("subject_to_study_minimum", "study_met", "laws_enforced", "laws_covered", "campaign_asked", "took_part")
FACT_FIELDS = (*_ANNOTATED, "items_total", "items_met", *(summary_column(key) for key in SUMMARY_FIGURES))
BATCH = 1000
EPOCH_ROW = 1


def fresh(year: int, agencies: QuerySet[Agency], today: dt.date) -> QuerySet[KeptFacts]:
    """The kept rows of ``agencies`` for ``year`` that the board may count: counted for ``today``, no write since."""
    return _fresh(year, today).filter(agency__in=agencies.values("pk"))


def without_fresh(year: int, agencies: QuerySet[Agency], today: dt.date) -> QuerySet[Agency]:
    """The agencies of ``agencies`` with no fresh row: counted from the raw rows. (``NOT IN``, which PostgreSQL
    hashes: as ``NOT EXISTS`` under the board's ``LIMIT`` it took 2 s at 10,000 agencies, against 30 ms.)"""
    return agencies.exclude(pk__in=_fresh(year, today).values("agency_id"))


def _fresh(year: int, today: dt.date) -> QuerySet[KeptFacts]:
    return KeptFacts.objects.filter(year=year, day=today, counted=F("changes"), epoch=_epoch())


def _epoch() -> Coalesce:
    """The current epoch, as SQL: 0 until the first change of unknown agencies makes its row."""
    return Coalesce(Subquery(KeptFactsEpoch.objects.filter(pk=EPOCH_ROW).values("number")), 0)


def _stale(year: int, agencies: QuerySet[Agency], today: dt.date, epoch: int) -> QuerySet[KeptFacts]:
    return KeptFacts.objects.filter(year=year, agency__in=agencies.values("pk")).filter(
        Q(day__isnull=True) | ~Q(day=today) | ~Q(counted=F("changes")) | ~Q(epoch=epoch)
    )


def keep(year: int, agencies: QuerySet[Agency], today: dt.date | None = None) -> int:
    """Count again the facts of every agency of ``agencies`` whose row for ``year`` is not fresh (or missing);
    how many were counted. Each row is stored with the ``changes`` read *before* its facts were counted, so a
    write meanwhile leaves it stale, never wrongly fresh."""
    today = today or timezone.localdate()
    cycle = years.open_cycle(year)
    # A row for each agency first (stale until counted), so that a write from now on has a row to mark.
    missing = agencies.exclude(Exists(KeptFacts.objects.filter(agency=OuterRef("pk"), year=year)))
    KeptFacts.objects.bulk_create(
        [KeptFacts(agency_id=pk, year=year) for pk in missing.values_list("pk", flat=True)],
        ignore_conflicts=True,
        batch_size=BATCH,
    )
    epoch = KeptFactsEpoch.objects.filter(pk=EPOCH_ROW).values_list("number", flat=True).first() or 0
    changes = dict(_stale(year, agencies, today, epoch).values_list("agency_id", "changes"))
    if not changes:
        return 0
    few = len(changes) <= IDS_UP_TO  # named by id, as ``year_facts`` does: the indexes then serve
    if few:
        scope = Agency.objects.filter(pk__in=list(changes))
    else:
        scope = agencies.filter(pk__in=_stale(year, agencies, today, epoch).values("agency_id"))
    rows = {}
    facts = members.with_facts(year, scope, FAMILIES - {"items"}, rubric_id=None, today=today, cycle=cycle, whole=True)
    for pk, *values in facts.order_by("pk").values_list("pk", *_ANNOTATED):
        if pk not in changes:  # (many: stale since ``changes`` was read, counted next time)
            continue
        annotated = dict(zip(_ANNOTATED, values, strict=True))
        rows[pk] = KeptFacts(agency_id=pk, year=year, day=today, counted=changes[pk], epoch=epoch, **annotated)
    for pk, (total, met) in items_by_agency(year, today, list(changes) if few else scope.values("pk")).items():
        if pk in rows:
            rows[pk].items_total, rows[pk].items_met = total, met
    for line in members.per_agency_summaries(year, scope):
        if line["agency_id"] in rows:
            row = rows[line["agency_id"]]
            for key in SUMMARY_FIGURES:
                setattr(row, summary_column(key), line[summary_column(key)] or 0)
    KeptFacts.objects.bulk_create(
        rows.values(),  # (in agency order)
        update_conflicts=True,
        unique_fields=["agency", "year"],
        update_fields=[*FACT_FIELDS, "day", "counted", "epoch"],
        batch_size=BATCH,
    )
    return len(rows)


def keep_all(of_years: Iterable[int] | None = None) -> int:
    """``keep`` for every active agency in each of ``of_years`` (the open years by default): the night's run,
    once the day has moved on, and ``manage.py keep_dashboard_facts`` after a bulk load."""
    active = Agency.objects.filter(is_active=True)
    return sum(keep(year, active) for year in (of_years or years.open_years()))


def mark(agency_id: int) -> None:
    """An agency's facts changed: its rows are no longer fresh."""
    KeptFacts.objects.filter(agency_id=agency_id).update(changes=F("changes") + 1)


def mark_many(agency_ids: Iterable[int] | QuerySet) -> None:
    KeptFacts.objects.filter(agency_id__in=agency_ids).update(changes=F("changes") + 1)


def mark_all(**_kwargs) -> None:
    """Facts of agencies not known changed (a bulk write, a year's study minimum, a campaign, a law removed):
    every row is stale, by the epoch moving on."""
    epoch = KeptFactsEpoch.objects.filter(pk=EPOCH_ROW)
    if not epoch.update(number=F("number") + 1):  # its first change: the row made at 0 (by whichever is first)
        KeptFactsEpoch.objects.bulk_create([KeptFactsEpoch(pk=EPOCH_ROW)], ignore_conflicts=True)
        epoch.update(number=F("number") + 1)


def _on_agency_row(sender, instance, **_kwargs) -> None:
    mark(instance.pk if isinstance(instance, Agency) else instance.agency_id)


def _on_item(sender, instance, **_kwargs) -> None:
    # The item's checklist names the agency; in SQL, since the instance may not hold it (or the checklist went).
    mark_many(Checklist.objects.filter(pk=instance.checklist_id).values("agency_id"))


def _on_enforced_laws(sender, instance, action, reverse, pk_set, **_kwargs) -> None:
    """An agency's power list changed (``Agency.laws``), from either side."""
    if action in {"post_add", "post_remove", "post_clear"}:
        if not reverse:
            mark(instance.pk)
        elif pk_set:
            mark_many(pk_set)
        else:
            mark_all()  # a law's agencies all removed: which they were is gone


def _on_item_laws(sender, instance, action, reverse, pk_set, **_kwargs) -> None:
    """The laws an item names changed (``ChecklistItem.laws``), from either side."""
    if action in {"post_add", "post_remove", "post_clear"}:
        if not reverse:
            _on_item(sender, instance)
        elif pk_set:
            mark_many(ChecklistItem.objects.filter(pk__in=pk_set).values("checklist__agency_id"))
        else:
            mark_all()


def watch() -> None:
    """Connect the writes that change kept facts (``AppConfig.ready``)."""
    for model in (Activity, Checklist, CampaignAgency, Agency):
        post_save.connect(_on_agency_row, sender=model, dispatch_uid=f"kept-facts-{model.__name__}")
        post_delete.connect(_on_agency_row, sender=model, dispatch_uid=f"kept-facts-delete-{model.__name__}")
    post_save.connect(_on_item, sender=ChecklistItem, dispatch_uid="kept-facts-item")
    post_delete.connect(_on_item, sender=ChecklistItem, dispatch_uid="kept-facts-item-delete")
    for model in (AnnualCycle, Campaign):  # the year's study minimum; a campaign's year or its asked agencies
        post_save.connect(mark_all, sender=model, dispatch_uid=f"kept-facts-all-{model.__name__}")
        post_delete.connect(mark_all, sender=model, dispatch_uid=f"kept-facts-all-delete-{model.__name__}")
    post_delete.connect(mark_all, sender=Law, dispatch_uid="kept-facts-law-delete")  # its links go without a signal
    m2m_changed.connect(_on_enforced_laws, sender=Agency.laws.through, dispatch_uid="kept-facts-enforced-laws")
    m2m_changed.connect(_on_item_laws, sender=ChecklistItem.laws.through, dispatch_uid="kept-facts-item-laws")
    if mark_all not in freshness.on_bump:
        freshness.on_bump.append(mark_all)
