"""Reads for the resource library and needs analysis, with their joins in place.

Who sees what: the library's entries (active or retired) are read by every signed-in user; a proposal
(pending or declined) only by the proposing agency (and, as everywhere, its parent), the bureau and
leadership. Needs analyses follow the agency access rules (``agencies.access.scope``).
"""

from __future__ import annotations

from django.db.models import Count, Max, Min, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from agencies import access, freshness, reads
from agencies.models import Law, User

from ..models import Activity, LibraryStatus, Material, NeedsAnalysis, NeedsAnalysisReply, ResourcePerson

IN_LIBRARY = (LibraryStatus.ACTIVE, LibraryStatus.RETIRED)
PROPOSALS = (LibraryStatus.PROPOSED, LibraryStatus.DECLINED)


def _visible_entries(user: User, queryset: QuerySet) -> QuerySet:
    if not user.is_authenticated:
        return queryset.none()
    if access.sees_all_agencies(user):
        return queryset
    return queryset.filter(
        Q(status__in=IN_LIBRARY) | Q(proposed_by_agency__in=access.visible_agencies(user).values("pk"))
    )


def with_audience(queryset: QuerySet, audience: str, field: str = "audiences") -> QuerySet:
    """Rows whose JSON list of audiences holds ``audience``.

    JSON ``contains`` is not available on SQLite; a case-insensitive match on the quoted value works on
    both databases, and the audience values are distinct words, so a quoted one never matches another.
    """
    return queryset.filter(**{f"{field}__icontains": f'"{audience}"'})


# --- people ---------------------------------------------------------------------------------------


def visible_people(user: User) -> QuerySet[ResourcePerson]:
    return _visible_entries(user, ResourcePerson.objects.all())


def people_list(user: User) -> QuerySet[ResourcePerson]:
    """People with how often and when they were last used by a live activity.

    Each figure is a subquery per person, not a join grouped by person: PostgreSQL works it out for the page's
    rows only (after the sort and the limit) and the pager's count leaves it out, where the join grouped every
    person's uses of a million activities for each page and again for its count."""
    uses = (
        ResourcePerson.activities.through.objects.filter(
            resourceperson=OuterRef("pk"), activity__deleted_at__isnull=True
        )
        .order_by()
        .values("resourceperson")
    )
    return (
        visible_people(user)
        .select_related("proposed_by_agency")
        .annotate(
            use_count=Coalesce(Subquery(uses.annotate(n=Count("pk")).values("n")), 0),
            last_used=Subquery(uses.annotate(last=Max("activity__start_date")).values("last")),
        )
        .order_by("kind", "name", "pk")
    )


def person_activities(person: ResourcePerson) -> QuerySet[Activity]:
    """The live activities that used the person, with their agency: which agencies, and when."""
    return person.activities.filter(deleted_at__isnull=True).select_related("agency").order_by("-start_date", "-pk")


def people_for_choice() -> QuerySet[ResourcePerson]:
    """What an activity form offers: people in the library now, by kind and name."""
    return ResourcePerson.objects.filter(status=LibraryStatus.ACTIVE).order_by("kind", "name", "pk")


# --- materials ------------------------------------------------------------------------------------


def visible_materials(user: User) -> QuerySet[Material]:
    return _visible_entries(user, Material.objects.all())


def material_list(user: User) -> QuerySet[Material]:
    return (
        visible_materials(user)
        .select_related("proposed_by_agency", "created_by")
        .prefetch_related(Prefetch("laws", queryset=Law.objects.order_by("title")))
        .order_by("-created_at", "-pk")
    )


# --- proposals ------------------------------------------------------------------------------------


def _proposals(entries: QuerySet) -> QuerySet:
    """People and materials alike: the proposals, who proposed and decided each, the waiting ones first."""
    return (
        entries.filter(status__in=PROPOSALS)
        .select_related("proposed_by_agency", "created_by", "decided_by")
        .order_by("-status", "-created_at", "-pk")
    )


def proposal_people(user: User) -> QuerySet[ResourcePerson]:
    return _proposals(visible_people(user))


def proposal_materials(user: User) -> QuerySet[Material]:
    return _proposals(visible_materials(user))


def pending_counts(user: User) -> dict[str, int]:
    """Proposals awaiting the bureau that this user sees (``proposals_waiting``)."""
    return {name: waiting["count"] for name, waiting in proposals_waiting(user).items()}


def proposals_waiting(user: User) -> dict[str, dict]:
    """People and materials proposed and awaiting the bureau that this user sees, each counted with the oldest
    proposal's time: two queries, kept until the data next changes (``agencies.freshness`` watches people,
    materials and agencies) for the scope they were counted over (the same agencies, the same answer), and read
    once however many parts of the page ask (the bureau's 待办 and the library's card, ``agencies.reads``)."""
    return reads.once(
        ("library_proposals_waiting", user.pk),
        lambda: freshness.kept(
            "library-proposals",
            access.scope_key(user),
            compute=lambda: {
                name: entries.filter(status=LibraryStatus.PROPOSED).aggregate(
                    count=Count("pk"), oldest=Min("created_at")
                )
                for name, entries in (("people", visible_people(user)), ("materials", visible_materials(user)))
            },
        ),
    )


def library_summary() -> dict[str, int]:
    """What is in the library: two queries, kept until the data next changes (the same for every user)."""
    return freshness.kept("library-summary", compute=_library_summary)


def _library_summary() -> dict[str, int]:
    people = ResourcePerson.objects.filter(status=LibraryStatus.ACTIVE).aggregate(
        lecturers=Count("pk", filter=Q(kind=ResourcePerson.Kind.LECTURER)),
        navigators=Count("pk", filter=Q(kind=ResourcePerson.Kind.NAVIGATOR)),
        volunteers=Count("pk", filter=Q(kind=ResourcePerson.Kind.VOLUNTEER)),
    )
    people["materials"] = Material.objects.filter(status=LibraryStatus.ACTIVE).count()
    return people


# --- needs analysis ---------------------------------------------------------------------------------


def needs_list(user: User) -> QuerySet[NeedsAnalysis]:
    replies = NeedsAnalysisReply.objects.filter(analysis=OuterRef("pk")).order_by().values("analysis")
    return (
        access.scope(user, NeedsAnalysis.objects.all())
        .select_related("agency", "created_by")
        # A subquery per analysis, counted for the page's rows only (see ``people_list``).
        .annotate(reply_count=Coalesce(Subquery(replies.annotate(n=Count("pk")).values("n")), 0))
        .order_by("-year", "agency__name", "period", "pk")
    )


def needs_detail(user: User, pk: int) -> NeedsAnalysis | None:
    return (
        access.scope(user, NeedsAnalysis.objects.filter(pk=pk))
        .select_related("agency", "agency__filing_office", "created_by")
        .prefetch_related(
            Prefetch("replies", queryset=NeedsAnalysisReply.objects.select_related("author").order_by("created_at"))
        )
        .first()
    )
