"""Reads for plans and reports, joint meetings, inspections and rectifications.

Who sees what follows ``agencies.access``: agency rows through ``scope``; a meeting or an inspection is
seen by those who see every agency, and otherwise only by those who see one of the agencies in it. An
inspection's findings are narrowed to the agencies the reader sees.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from agencies import access, queries, reads
from agencies.models import Agency, User

from ..followup.selectors import history_prefetches
from ..models import (
    AnnualFiling,
    Finding,
    Inspection,
    JointMeeting,
    RectificationEvidence,
)
from ..practice.models import GoodPractice

# --- annual plan and report --------------------------------------------------------------------------


@dataclass(frozen=True)
class FilingRow:
    agency: Agency
    plan: AnnualFiling | None
    report: AnnualFiling | None


def _filed(year: int, kind: str) -> Exists:
    return Exists(AnnualFiling.objects.filter(agency=OuterRef("pk"), year=year, kind=kind))


def filing_agencies(agencies: QuerySet[Agency], year: int) -> QuerySet[Agency]:
    """Agencies with whether they filed the year's plan and report, and those filings, in two queries."""
    return (
        agencies.filter(is_active=True)
        .select_related("filing_office")
        .annotate(has_plan=_filed(year, AnnualFiling.Kind.PLAN), has_report=_filed(year, AnnualFiling.Kind.REPORT))
        .prefetch_related(
            Prefetch(
                "filings",
                queryset=AnnualFiling.objects.filter(year=year).select_related("filed_by"),
                to_attr="year_filings",
            )
        )
        .order_by("level", "name")
    )


def filing_rows(agencies) -> list[FilingRow]:
    rows = []
    for agency in agencies:
        by_kind = {filing.kind: filing for filing in agency.year_filings}
        rows.append(FilingRow(agency, by_kind.get(AnnualFiling.Kind.PLAN), by_kind.get(AnnualFiling.Kind.REPORT)))
    return rows


def filing_summary(agencies: QuerySet[Agency], year: int, *, report_year: int | None = None) -> dict[str, int]:
    """How many active agencies in a set filed the year's plan and a year's report (by default the same year), in
    one query. The filings are counted, not the agencies looked up one by one: an agency files one of each a year
    (``annualfiling_one_per_kind_and_year``)."""
    report_year = year if report_year is None else report_year
    active = agencies.filter(is_active=True)
    filings = AnnualFiling.objects.filter(agency__in=active.values("pk"))
    return queries.counts(
        total=active,
        plans=filings.filter(year=year, kind=AnnualFiling.Kind.PLAN),
        reports=filings.filter(year=report_year, kind=AnnualFiling.Kind.REPORT),
    )


def agency_filings(agency: Agency) -> QuerySet[AnnualFiling]:
    return agency.filings.select_related("filed_by").order_by("-year", "kind")


def visible_filings(user: User) -> QuerySet[AnnualFiling]:
    return access.scope(user, AnnualFiling.objects.all())


@dataclass(frozen=True)
class OrganisationFacts:
    """What the assessment's organisation indicator reads (§4.1)."""

    plan_filed: bool = False
    report_filed: bool = False
    head_named: bool = False
    funding_budgeted: bool = False
    head_responsible: str = ""
    funding: Decimal | None = None


def organisation_facts(year: int) -> dict[int, OrganisationFacts]:
    """For every agency: plan and report filed for the year, a head named, funding above zero. Two queries."""
    filings: dict[int, dict[str, AnnualFiling]] = {}
    for filing in AnnualFiling.objects.filter(year=year).only("agency_id", "kind", "head_responsible", "funding"):
        filings.setdefault(filing.agency_id, {})[filing.kind] = filing
    facts = {}
    for agency_id in Agency.objects.values_list("pk", flat=True):
        by_kind = filings.get(agency_id, {})
        plan, report = by_kind.get(AnnualFiling.Kind.PLAN), by_kind.get(AnnualFiling.Kind.REPORT)
        # The plan states the head and the budget; a report filed without a plan still names them.
        source = [f for f in (plan, report) if f is not None]
        head = next((f.head_responsible for f in source if f.head_responsible.strip()), "")
        funding = max((f.funding for f in source), default=None)
        facts[agency_id] = OrganisationFacts(
            plan_filed=plan is not None,
            report_filed=report is not None,
            head_named=bool(head),
            funding_budgeted=funding is not None and funding > 0,
            head_responsible=head,
            funding=funding,
        )
    return facts


# --- joint meetings --------------------------------------------------------------------------------


def visible_meetings(user: User) -> QuerySet[JointMeeting]:
    """Every meeting for those who see every agency; otherwise the meetings their agencies took part in."""
    if access.sees_all_agencies(user):
        return JointMeeting.objects.all()
    taking_part = JointMeeting.agencies.through.objects.filter(
        jointmeeting_id=OuterRef("pk"), agency_id__in=access.visible_agencies(user).values("pk")
    )
    return JointMeeting.objects.filter(Exists(taking_part))


def meeting_list(user: User) -> QuerySet[JointMeeting]:
    return (
        visible_meetings(user)
        .annotate(agency_count=Count("agencies", distinct=True), attachment_count=Count("attachments", distinct=True))
        .prefetch_related(Prefetch("reporting_agencies", queryset=Agency.objects.order_by("name")))
        .order_by("-held_on", "-pk")
    )


def meeting_detail(user: User, pk: int) -> JointMeeting | None:
    return (
        visible_meetings(user)
        .filter(pk=pk)
        .select_related("recorded_by")
        .prefetch_related(
            Prefetch("agencies", queryset=Agency.objects.order_by("level", "name")),
            Prefetch("reporting_agencies", queryset=Agency.objects.order_by("level", "name")),
            "attachments",
            Prefetch("cited_practices", queryset=GoodPractice.objects.listed()),
        )
        .first()
    )


# --- inspections -----------------------------------------------------------------------------------


def _seen_agencies(user: User) -> QuerySet[Agency] | None:
    """None for those who see every agency; otherwise the agencies they see (their ids computed once)."""
    return None if access.sees_all_agencies(user) else access.visible_agencies(user)


def visible_inspections(user: User, seen: QuerySet[Agency] | None = None) -> QuerySet[Inspection]:
    seen = _seen_agencies(user) if seen is None else seen
    if seen is None:
        return Inspection.objects.all()
    inspected = Inspection.agencies.through.objects.filter(
        inspection_id=OuterRef("pk"), agency_id__in=seen.values("pk")
    )
    return Inspection.objects.filter(Exists(inspected))


def inspection_list(user: User) -> QuerySet[Inspection]:
    today = timezone.localdate()
    seen = _seen_agencies(user)
    overdue = Finding.objects.filter(Finding.overdue_q(today), inspection=OuterRef("pk"))
    # Counts, like the findings themselves, only over the agencies the reader sees.
    mine = Q()
    if seen is not None:
        overdue = overdue.filter(agency__in=seen.values("pk"))
        mine = Q(findings__agency__in=seen.values("pk"))
    return (
        visible_inspections(user, seen)
        .annotate(
            finding_count=Count("findings", filter=mine, distinct=True),
            open_rectifications=Count("findings", filter=mine & Q(findings__status__in=Finding.OPEN), distinct=True),
            has_overdue=Exists(overdue),
        )
        .prefetch_related(Prefetch("agencies", queryset=Agency.objects.order_by("level", "name")))
        .order_by("-held_on", "-pk")
    )


def inspection_detail(user: User, pk: int) -> Inspection | None:
    seen = _seen_agencies(user)
    findings = Finding.objects.select_related("agency").order_by("agency__name", "pk")
    if seen is not None:
        findings = findings.filter(agency__in=seen.values("pk"))
    return (
        visible_inspections(user, seen)
        .filter(pk=pk)
        .select_related("recorded_by")
        .prefetch_related(
            Prefetch("agencies", queryset=Agency.objects.order_by("level", "name")),
            Prefetch("findings", queryset=findings, to_attr="visible_findings"),
        )
        .first()
    )


# --- rectifications ----------------------------------------------------------------------------------


def rectifications(user: User) -> QuerySet[Finding]:
    """Findings that required rectification, as far as the user sees them, soonest deadline first."""
    return (
        access.scope(user, Finding.objects.filter(requires_rectification=True))
        .select_related("agency", "inspection")
        .order_by("deadline", "agency__name", "pk")
    )


def rectification_detail(user: User, pk: int) -> Finding | None:
    return (
        access.scope(user, Finding.objects.filter(pk=pk))
        .select_related("agency", "agency__filing_office", "inspection", "created_by")
        .prefetch_related(*history_prefetches(Finding))
        .first()
    )


def visible_evidence(user: User) -> QuerySet[RectificationEvidence]:
    return access.scope(user, RectificationEvidence.objects.all(), "response__finding__agency")


def overdue_rectifications(
    year: int | None = None, *, user: User | None = None, today: dt.date | None = None
) -> QuerySet[Finding]:
    """Overdue rectifications (``Finding.overdue_q``: the agency's turn, past the deadline; not those answered and
    waiting for review).

    ``year`` narrows to inspections held in that year; ``user`` to the agencies that user sees (without
    it: the whole district, for the leadership dashboard).
    """
    overdue = Finding.objects.filter(Finding.overdue_q(today or timezone.localdate()))
    if year is not None:
        overdue = overdue.filter(inspection__held_on__year=year)
    if user is not None:
        overdue = access.scope(user, overdue)
    return overdue.select_related("agency", "inspection").order_by("deadline", "agency__name", "pk")


def overdue_count(user: User) -> int:
    """How many rectifications this user sees are overdue today, read once however many parts of the page ask."""
    return reads.once(("overdue_rectifications", user.pk), lambda: overdue_rectifications(user=user).count())


def open_rectifications_of(agency_id: int) -> QuerySet[Finding]:
    """What an agency still has to rectify or is waiting on, soonest deadline first."""
    return (
        Finding.objects.filter(agency_id=agency_id, status__in=Finding.OPEN)
        .select_related("inspection")
        .order_by("deadline", "pk")
    )
