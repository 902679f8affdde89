"""Enforcement-basis coverage (§3.1 "依据各责任主体权力清单，详细梳理相关单位执行的法律法规"), defined once.

An agency's **enforced laws** are the laws of its power list (权力清单, ``Agency.laws``). For a year, an enforced
law is **covered** when at least one item of the *counted revision* names it; the others are **uncovered**.

- **Counted revision** (``counted_revision``): the agency's latest approved revision of the year; while none is
  approved, revision 1 once submitted (under review). A draft or a returned checklist counts for nothing: then
  every enforced law is uncovered.
- **Fully covered** (``fully_covered``): the agency enforces at least one law and covers them all. An agency
  with no enforced laws on record is neither covered nor uncovered: it is left out of the figure.

``coverage`` answers for one agency (or, with ``revision=``, for the revision being edited or reviewed);
``with_coverage`` annotates a whole set of agencies in the same query (the filing overview, the dashboard).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Exists, Expression, F, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from agencies.models import Agency, Law

from .models import Checklist, ChecklistItem

EnforcedLaw = Agency.laws.through  # (agency, law): the power list
CoveredLaw = ChecklistItem.laws.through  # (checklist item, law)


def counted_revision(agency, year: int) -> Coalesce:
    """The id of the revision coverage is counted on, as SQL: ``agency`` is an id or an ``OuterRef``."""
    of_year = Checklist.objects.filter(agency=agency, year=year).order_by()  # (no join for the default ordering)
    approved = of_year.filter(status=Checklist.Status.APPROVED).order_by("-revision").values("pk")[:1]
    under_review = of_year.filter(status=Checklist.Status.SUBMITTED, revision=1).values("pk")[:1]
    return Coalesce(Subquery(approved), Subquery(under_review))


def _covered_in(revision, law=None) -> Exists:
    """An item of ``revision`` (an id or an expression) names the law (by default the outer row's)."""
    return Exists(CoveredLaw.objects.filter(law=law or OuterRef("pk"), checklistitem__checklist=revision))


@dataclass(frozen=True)
class Coverage:
    """One agency's enforced laws, split into those the counted (or given) revision covers and those it does not."""

    covered: list[Law]
    uncovered: list[Law]

    @property
    def enforced_count(self) -> int:
        return len(self.covered) + len(self.uncovered)

    @property
    def covered_count(self) -> int:
        return len(self.covered)

    @property
    def complete(self) -> bool:
        return fully_covered(self.covered_count, self.enforced_count)


def fully_covered(covered: int, enforced: int) -> bool:
    """The agency enforces at least one law and its checklist covers each of them."""
    return enforced > 0 and covered == enforced


def coverage(agency: Agency | int, year: int | None = None, *, revision: Checklist | int | None = None) -> Coverage:
    """The agency's enforced laws covered or not, in title order: by its counted revision of ``year``, or by
    ``revision`` (the one a clerk edits or a reviewer decides). One query."""
    agency_id = agency if isinstance(agency, int) else agency.pk
    if revision is None:
        if year is None:
            raise TypeError("coverage() needs a year or a revision")
        counted: Expression | int = counted_revision(agency_id, year)
    else:
        counted = revision if isinstance(revision, int) else revision.pk
    laws = Law.objects.filter(agencies=agency_id).annotate(is_covered=_covered_in(counted)).order_by("title", "pk")
    covered, uncovered = [], []
    for law in laws:
        (covered if law.is_covered else uncovered).append(law)
    return Coverage(covered, uncovered)


def with_coverage(agencies: QuerySet[Agency], year: int) -> QuerySet[Agency]:
    """``coverage`` for a whole set, in the same query: each agency gets ``laws_enforced`` and ``laws_covered``
    (counts) by its counted revision of ``year``."""
    enforced = EnforcedLaw.objects.filter(agency=OuterRef("pk"))
    covered = enforced.filter(_covered_in(OuterRef(OuterRef("coverage_revision")), law=OuterRef("law_id")))
    return agencies.annotate(coverage_revision=counted_revision(OuterRef("pk"), year)).annotate(
        laws_enforced=_count(enforced), laws_covered=_count(covered)
    )


def fully_covered_q() -> Q:
    """``fully_covered`` as a filter on ``with_coverage``'s annotations."""
    return Q(laws_enforced__gt=0, laws_covered=F("laws_enforced"))


def _count(rows: QuerySet) -> Coalesce:
    return Coalesce(Subquery(rows.order_by().values("agency").annotate(n=Count("pk")).values("n")), 0)
