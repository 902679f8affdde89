"""The one answer to "which agencies may this user see, and which may they change".

Every view, export, download and dashboard goes through here. The rules (docs/domain.md, "Who uses it"):

- agency staff see their own agency and its subordinate units (§1.2 条块结合), and change only their own;
- a reviewer sees the agencies that file with their office; the district bureau's reviewers see all;
  reviewers *review* what they see but do not file for an agency;
- bureau administrators see and manage everything;
- leadership sees everything and changes nothing.

An agency outside a user's sight answers 404 (`get_visible_agency`); one they may see but not change
answers 403 (`get_changeable_agency`).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from . import reads
from .models import Agency, FilingOffice, ImportJob, User

# Subordinate units are at most a few levels deep; the walk stops here whatever the data says.
MAX_SUBORDINATE_DEPTH = 5


def subordinate_ids(agency_id: int) -> set[int]:
    """Ids of every unit below an agency, one query per level; read once however many parts of a page ask."""
    return set(reads.once(("subordinate_ids", agency_id), lambda: _subordinate_ids(agency_id)))


def _subordinate_ids(agency_id: int) -> set[int]:
    found: set[int] = set()
    frontier = {agency_id}
    for _level in range(MAX_SUBORDINATE_DEPTH):
        frontier = set(Agency.objects.filter(parent_id__in=frontier).values_list("pk", flat=True)) - found
        if not frontier:
            break
        found |= frontier
    found.discard(agency_id)
    return found


def sees_all_agencies(user: User) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_superuser or user.is_bureau_admin or user.is_leadership:
        return True
    return user.is_reviewer and user.filing_office is not None and user.filing_office.is_district_bureau


def visible_agencies(user: User) -> QuerySet[Agency]:
    """Agencies whose data this user may read."""
    if not user.is_authenticated:
        return Agency.objects.none()
    if sees_all_agencies(user):
        return Agency.objects.all()
    if user.is_reviewer:
        return Agency.objects.filter(filing_office_id=user.filing_office_id)
    if user.is_agency_staff:
        return Agency.objects.filter(pk__in={user.agency_id} | subordinate_ids(user.agency_id))
    return Agency.objects.none()


def active_agencies(user: User) -> QuerySet[Agency]:
    """The active agencies this user may read: the ones figures, rankings and reminders count."""
    return visible_agencies(user).filter(is_active=True)


def reviewable_agencies(user: User) -> QuerySet[Agency]:
    """Agencies whose filings this user may review (approve, return, score)."""
    if not user.is_authenticated:
        return Agency.objects.none()
    if user.is_superuser or user.is_bureau_admin:
        return Agency.objects.all()
    if user.is_reviewer:
        return visible_agencies(user)
    return Agency.objects.none()


def changeable_agencies(user: User) -> QuerySet[Agency]:
    """Agencies this user may file for: edit checklists, log activities, file archives."""
    if user.is_authenticated and user.is_agency_staff:
        return Agency.objects.filter(pk=user.agency_id)
    return Agency.objects.none()


def can_change(user: User, agency: Agency | int) -> bool:
    agency_id = agency if isinstance(agency, int) else agency.pk
    return user.is_authenticated and user.is_agency_staff and user.agency_id == agency_id


def can_review(user: User, agency: Agency | int) -> bool:
    agency_id = agency if isinstance(agency, int) else agency.pk
    return reviewable_agencies(user).filter(pk=agency_id).exists()


def can_manage(user: User) -> bool:
    """Bureau administrators manage agencies, users, laws and the annual cycle."""
    return user.is_authenticated and user.is_bureau_admin


def is_read_only(user: User) -> bool:
    return user.is_authenticated and user.is_leadership


def reviews(user: User) -> bool:
    """Reviewers and bureau administrators work the review queue and score; staff and leadership do not."""
    return user.is_authenticated and (user.is_reviewer or user.is_bureau_admin)


def oversees(user: User) -> bool:
    """Reviewers, the bureau and leadership read the figures of the agencies they see: the filing overview,
    scores before they are published, the dashboard and the reminders sent. Agency staff do not."""
    return reviews(user) or is_read_only(user)


def may_add_to_library(user: User) -> bool:
    """Agency staff propose people and materials for the library; the bureau adds them directly."""
    return can_manage(user) or (user.is_authenticated and user.is_agency_staff)


def is_district_bureau(user: User) -> bool:
    """The district bureau's own people: its administrators and its reviewers."""
    return sees_all_agencies(user) and not user.is_leadership


def may_read_district_report(user: User) -> bool:
    """The district report (全区普法责任制落实情况报告) is the bureau's: others get 404."""
    return is_district_bureau(user)


def may_read_leader_brief(user: User) -> bool:
    """The leader's one-page brief: leadership and the bureau; others get 404. Asking for one changes no data,
    so leadership may (``puffa.middleware.READ_ONLY_ALLOWED_URL_NAMES``)."""
    return is_district_bureau(user) or is_read_only(user)


def marks_good_practice(user: User) -> bool:
    """The bureau's administrators mark activities, year-end reports and joint meetings as good practice; every
    signed-in user reads the list, and the public the published page."""
    return can_manage(user)


def require_practice_marker(user: User) -> None:
    """403 unless the user marks good practice (``marks_good_practice``)."""
    if not marks_good_practice(user):
        raise PermissionDenied


def may_announce_campaign(user: User) -> bool:
    """Campaigns (集中宣传活动) are announced by the district bureau's administrators and reviewers, and by a town
    office's reviewers for the agencies filing with their office."""
    return reviews(user) and (user.is_bureau_admin or user.filing_office_id is not None)


def campaign_office_of(user: User) -> FilingOffice | None:
    """The office a campaign this user announces goes out under: their own; the district bureau for its
    administrators."""
    if not may_announce_campaign(user):
        return None
    if user.filing_office_id is not None:
        return user.filing_office
    return FilingOffice.objects.filter(kind=FilingOffice.Kind.DISTRICT_BUREAU).first()


def campaign_agencies(user: User) -> QuerySet[Agency]:
    """The agencies this user may ask to take part in a campaign: the active ones they review."""
    if not may_announce_campaign(user):
        return Agency.objects.none()
    return reviewable_agencies(user).filter(is_active=True)


def visible_campaigns(user: User, campaigns: QuerySet) -> QuerySet:
    """Campaigns this user may read: those their office announced, or that ask an agency they see. The bureau
    and leadership read all; a town office those it announced; agency staff those asking their agency (or a
    unit below it)."""
    if not user.is_authenticated:
        return campaigns.none()
    if sees_all_agencies(user):
        return campaigns
    if user.is_reviewer:
        return campaigns.filter(office_id=user.filing_office_id)
    if user.is_agency_staff:
        asked = campaigns.filter(asked__agency__in=visible_agencies(user)).values("pk")
        return campaigns.filter(pk__in=asked)
    return campaigns.none()


def can_manage_campaign(user: User, campaign) -> bool:
    """The announcing office's reviewers (and the bureau's administrators for the district's campaigns)."""
    if not may_announce_campaign(user):
        return False
    if user.is_bureau_admin or user.is_superuser:
        return campaign.office.is_district_bureau or user.filing_office_id == campaign.office_id
    return user.filing_office_id == campaign.office_id


def get_visible_agency(user: User, pk: int) -> Agency:
    """The agency, or 404 for anyone who may not see it."""
    return get_object_or_404(visible_agencies(user).select_related("filing_office", "parent"), pk=pk)


def get_changeable_agency(user: User, pk: int) -> Agency:
    """The agency for a change: 404 for outsiders, 403 for those who may only read it."""
    agency = get_visible_agency(user, pk)
    if not can_change(user, agency):
        raise PermissionDenied
    return agency


def get_reviewable_agency(user: User, pk: int) -> Agency:
    """The agency for a review decision: 404 for outsiders, 403 for those who may only read it."""
    agency = get_visible_agency(user, pk)
    if not can_review(user, agency):
        raise PermissionDenied
    return agency


def get_visible_ready(user: User, built, pk: int):
    """A built file (an annual archive, a report draft) of an agency the user may see, once it is ready: 404 for
    one not ready, not there, or of an agency they may not see."""
    ready = built.objects.filter(status=built.Status.READY)
    return get_object_or_404(scope(user, ready).select_related("agency"), pk=pk)


def require_manager(user: User) -> None:
    """403 unless the user is a bureau administrator."""
    if not can_manage(user):
        raise PermissionDenied


def require_reviewer(user: User) -> None:
    """403 unless the user reviews (``reviews``)."""
    if not reviews(user):
        raise PermissionDenied


def require_overseer(user: User) -> None:
    """403 unless the user oversees (``oversees``)."""
    if not oversees(user):
        raise PermissionDenied


def get_managed_login(user: User, pk: int) -> User:
    """A login for the bureau to manage: 404 unless the user may see the agency it belongs to, 403 unless they
    are a bureau administrator. The system administrator's logins are not managed here."""
    login = get_object_or_404(User.objects.select_related("agency", "filing_office"), pk=pk, is_superuser=False)
    if can_manage(user):
        return login
    if login.agency_id is None or not visible_agencies(user).filter(pk=login.agency_id).exists():
        raise Http404
    raise PermissionDenied


def get_import_job(user: User, pk: int) -> ImportJob:
    """A spreadsheet import handed to a worker: its uploader's, and the bureau's to look into; 404 for others
    (the file may be any agency's)."""
    job = get_object_or_404(ImportJob, pk=pk)
    if job.requested_by_id == user.pk or user.is_superuser or can_manage(user):
        return job
    raise Http404


def scope_key(user: User) -> str:
    """A short name for the set of agencies ``visible_agencies(user)`` gives: the same key, the same set.
    For caches of figures computed over what a user may see."""
    if sees_all_agencies(user):
        return "all"
    if user.is_authenticated and user.is_reviewer:
        return f"office-{user.filing_office_id}"
    if user.is_authenticated and user.is_agency_staff:
        return f"staff-{user.agency_id}"
    return "none"


def scope(user: User, queryset: QuerySet, agency_field: str = "agency") -> QuerySet:
    """Narrow any queryset of agency-owned rows to what the user may see."""
    if sees_all_agencies(user):
        return queryset
    return queryset.filter(**{f"{agency_field}__in": visible_agencies(user)})
