"""The one home of a checklist's workflow (docs/domain.md, "Responsibility checklist").

``draft → submitted → approved``, or ``submitted → returned → (edited) → submitted``; an approved checklist is
changed by an amendment, a new revision that goes through the same review. Views, imports, the demo and
tasks call these functions; nothing else changes a checklist's status or its items.

Every function takes the acting user and checks, whatever the caller already did, that this user may take
this step (``PermissionDenied``) and that the checklist is in a state that allows it (``TransitionError``;
``AlreadyDecided`` when another reviewer got there first). Each step locks the checklist's row and reads its
status inside the transaction, so two people acting at once cannot both win.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from agencies import access, years
from agencies.models import Agency, AnnualCycle, User
from agencies.notices import notice_send

from . import notices
from .models import Checklist, ChecklistItem, ChecklistTransition

Status = Checklist.Status

# A checklist of a district agency runs to a dozen items; this bounds a form or an import gone wrong.
# Set in settings, which sizes the largest form Django accepts from it (DATA_UPLOAD_MAX_NUMBER_FIELDS).
MAX_ITEMS = settings.PUFFA_CHECKLIST_MAX_ITEMS


class TransitionError(Exception):
    """The workflow does not allow this step now; ``str(error)`` says why, in the user's language."""


class AlreadyDecided(TransitionError):
    """Another reviewer decided this checklist first."""

    def __init__(self, message: str, *, decided_by: User | None = None):
        super().__init__(message)
        self.decided_by = decided_by


@dataclass
class ItemData:
    """One item as a form or an import row gives it; ``pk`` names an existing item of the same checklist."""

    content: str
    responsible_office: str
    contact_person: str
    start_date: dt.date
    end_date: dt.date
    goal: str
    contact_phone: str = ""
    audiences: list[str] = field(default_factory=list)
    audience_group: str = ""
    target_activities: int = 0
    target_people: int = 0
    forms: list[str] = field(default_factory=list)
    law_ids: list[int] = field(default_factory=list)
    pk: int | None = None

    FIELDS = (
        "content",
        "responsible_office",
        "contact_person",
        "contact_phone",
        "audiences",
        "audience_group",
        "start_date",
        "end_date",
        "goal",
        "target_activities",
        "target_people",
        "forms",
    )


# --- who may act ---------------------------------------------------------------------------------------


def _require_filer(actor: User, agency: Agency) -> None:
    if not access.can_change(actor, agency):
        raise PermissionDenied(_("Only the staff of %(agency)s can change its checklist.") % {"agency": agency})


def _require_reviewer(actor: User, agency: Agency) -> None:
    if not access.can_review(actor, agency):
        raise PermissionDenied(
            _("Only the office %(agency)s files with, or the district bureau, can review its checklist.")
            % {"agency": agency}
        )


def _locked(checklist: Checklist) -> Checklist:
    """The checklist's row, locked until the transaction ends, with its status as committed now."""
    return Checklist.objects.select_for_update().select_related("agency").get(pk=checklist.pk)


def _record(
    checklist: Checklist, *, actor: User, from_status: str, at: dt.datetime, comment: str = ""
) -> ChecklistTransition:
    return ChecklistTransition.objects.create(
        checklist=checklist, from_status=from_status, to_status=checklist.status, actor=actor, at=at, comment=comment
    )


def _require_editable(checklist: Checklist) -> None:
    if not checklist.is_editable:
        raise TransitionError(
            _("This checklist is %(status)s; only a draft or a returned checklist can be changed.")
            % {"status": checklist.get_status_display()}
        )


# --- the annual cycle ----------------------------------------------------------------------------------


def annual_cycle_save(*, actor: User, year: int, filing_deadline: dt.date, study_minimum: int) -> AnnualCycle:
    """The bureau changes an opened year's filing deadline and study minimum (opening is ``agencies.years``)."""
    if not access.can_manage(actor):
        raise PermissionDenied(_("Only a bureau administrator sets the annual cycle."))
    if filing_deadline.year != year:
        raise TransitionError(_("The filing deadline must fall within %(year)s.") % {"year": year})
    cycle = years.open_cycle(year)
    cycle.filing_deadline, cycle.study_minimum = filing_deadline, study_minimum
    cycle.save(update_fields=["filing_deadline", "study_minimum"])
    return cycle


# --- starting and editing ------------------------------------------------------------------------------


def _same_day_in(year: int, day: dt.date) -> dt.date:
    """Last year's date moved to ``year`` (29 February becomes the 28th)."""
    try:
        return day.replace(year=year)
    except ValueError:
        return day.replace(year=year, day=28)


def _copy_items(source: Checklist, target: Checklist, *, keep_keys: bool, year: int | None = None) -> None:
    items = list(source.items.prefetch_related("laws").order_by("position", "pk"))
    copies = []
    for item in items:
        copy = ChecklistItem(
            checklist=target,
            key=item.key if keep_keys else uuid.uuid4(),
            position=item.position,
            **{name: getattr(item, name) for name in ItemData.FIELDS},
        )
        if year is not None:
            copy.start_date, copy.end_date = _same_day_in(year, item.start_date), _same_day_in(year, item.end_date)
        copies.append(copy)
    ChecklistItem.objects.bulk_create(copies)
    through = ChecklistItem.laws.through
    through.objects.bulk_create(
        through(checklistitem_id=copy.pk, law_id=law.pk)
        for item, copy in zip(items, copies, strict=True)
        for law in item.laws.all()
    )


def previous_approved(agency: Agency, year: int) -> Checklist | None:
    """Last year's latest approved revision: what "copy last year" copies."""
    return Checklist.objects.filter(agency=agency, year=year - 1, status=Status.APPROVED).order_by("-revision").first()


def checklist_start(
    *, agency: Agency, year: int, actor: User, copy_previous: bool = False, at: dt.datetime | None = None
) -> Checklist:
    """Start the agency's checklist for the year: empty, or with last year's approved items (new keys)."""
    _require_filer(actor, agency)
    at = at or timezone.now()
    years.open_cycle(year)  # a year the bureau has not opened takes no checklist
    source = previous_approved(agency, year) if copy_previous else None
    if copy_previous and source is None:
        raise TransitionError(_("There is no approved checklist for %(year)s to copy.") % {"year": year - 1})
    try:
        with transaction.atomic():
            checklist = Checklist.objects.create(agency=agency, year=year, revision=1, created_by=actor)
            if source is not None:
                _copy_items(source, checklist, keep_keys=False, year=year)
            comment = _("Copied from the approved checklist of %(year)s.") % {"year": year - 1} if source else ""
            _record(checklist, actor=actor, from_status="", at=at, comment=comment)
    except IntegrityError as exc:  # a second click or a colleague started it a moment earlier
        raise TransitionError(_("The checklist for %(year)s has already been started.") % {"year": year}) from exc
    return checklist


def _apply(item: ChecklistItem, data: ItemData) -> None:
    for name in ItemData.FIELDS:
        setattr(item, name, getattr(data, name))


def _check_items(checklist: Checklist, items: Sequence[ItemData]) -> None:
    if len(items) > MAX_ITEMS:
        raise TransitionError(_("A checklist can have at most %(count)d items.") % {"count": MAX_ITEMS})
    for data in items:
        if not (data.start_date.year == data.end_date.year == checklist.year):
            raise TransitionError(_("Every item's dates must fall within %(year)s.") % {"year": checklist.year})
        if data.end_date < data.start_date:
            raise TransitionError(_("An item cannot end before it starts."))


def checklist_items_save(*, checklist: Checklist, actor: User, items: Sequence[ItemData]) -> None:
    """Make the checklist's items exactly ``items``, in that order: update the ones named by ``pk`` (their
    keys stay), add the new ones, remove the rest."""
    _require_filer(actor, checklist.agency)
    _check_items(checklist, items)
    with transaction.atomic():
        locked = _locked(checklist)
        _require_editable(locked)
        existing = {item.pk: item for item in locked.items.all()}
        unknown = {data.pk for data in items if data.pk is not None} - existing.keys()
        if unknown:
            raise TransitionError(_("Some items do not belong to this checklist; reload the page and try again."))
        kept = {data.pk for data in items if data.pk is not None}
        ChecklistItem.objects.filter(pk__in=existing.keys() - kept).delete()
        to_update, to_create, laws_of = [], [], []
        for position, data in enumerate(items, start=1):
            item = existing[data.pk] if data.pk is not None else ChecklistItem(checklist=locked)
            _apply(item, data)
            item.position = position
            (to_update if data.pk is not None else to_create).append(item)
            laws_of.append((item, data.law_ids))
        if to_update:
            ChecklistItem.objects.bulk_update(to_update, ["position", *ItemData.FIELDS])
        ChecklistItem.objects.bulk_create(to_create)
        through = ChecklistItem.laws.through
        through.objects.filter(checklistitem_id__in=[item.pk for item in to_update]).delete()
        through.objects.bulk_create(
            through(checklistitem_id=item.pk, law_id=law_id) for item, law_ids in laws_of for law_id in set(law_ids)
        )
        locked.save(update_fields=["updated_at"])


def checklist_items_import(*, checklist: Checklist, actor: User, items: Sequence[ItemData]) -> int:
    """Add imported items after the existing ones; all of them or, on any error, none."""
    _require_filer(actor, checklist.agency)
    with transaction.atomic():
        locked = _locked(checklist)
        _require_editable(locked)
        current = [
            ItemData(
                pk=item.pk,
                law_ids=[law.pk for law in item.laws.all()],
                **{n: getattr(item, n) for n in ItemData.FIELDS},
            )
            for item in locked.items.prefetch_related("laws").order_by("position", "pk")
        ]
        checklist_items_save(checklist=locked, actor=actor, items=[*current, *items])
    return len(items)


# --- submission and review -----------------------------------------------------------------------------


def checklist_submit(*, checklist: Checklist, actor: User, at: dt.datetime | None = None) -> Checklist:
    """Staff file the checklist with their office. The first submission's time decides on time or late."""
    _require_filer(actor, checklist.agency)
    at = at or timezone.now()
    with transaction.atomic():
        locked = _locked(checklist)
        if locked.status not in Checklist.EDITABLE_STATUSES:
            raise TransitionError(
                _("This checklist is %(status)s; only a draft or a returned checklist can be submitted.")
                % {"status": locked.get_status_display()}
            )
        if not locked.items.exists():
            raise TransitionError(_("Add at least one item before submitting."))
        years.open_cycle(locked.year)
        from_status = locked.status
        locked.status = Status.SUBMITTED
        locked.submitted_at = at
        locked.first_submitted_at = locked.first_submitted_at or at
        locked.decided_at = locked.decided_by = None
        locked.save(
            update_fields=["status", "submitted_at", "first_submitted_at", "decided_at", "decided_by", "updated_at"]
        )
        transition = _record(locked, actor=actor, from_status=from_status, at=at)
        notice_send([notices.submitted(locked, transition)], by=actor, at=at)
    return locked


def _decide(
    checklist: Checklist,
    *,
    actor: User,
    to_status: str,
    comment: str,
    seen_submitted_at: dt.datetime | None,
    at: dt.datetime | None,
) -> Checklist:
    _require_reviewer(actor, checklist.agency)
    at = at or timezone.now()
    with transaction.atomic():
        locked = _locked(checklist)
        if locked.status != Status.SUBMITTED:
            if locked.decided_by_id and locked.status in {Status.APPROVED, Status.RETURNED}:
                decider = User.objects.get(pk=locked.decided_by_id)
                raise AlreadyDecided(
                    _(
                        "%(who)s already decided this checklist (%(status)s) at %(when)s; "
                        "your decision was not recorded."
                    )
                    % {
                        "who": decider.display_name,
                        "status": locked.get_status_display(),
                        "when": timezone.localtime(locked.decided_at).strftime("%Y-%m-%d %H:%M"),
                    },
                    decided_by=decider,
                )
            raise TransitionError(
                _("This checklist is %(status)s; only a submitted checklist can be reviewed.")
                % {"status": locked.get_status_display()}
            )
        if seen_submitted_at is not None and locked.submitted_at != seen_submitted_at:
            raise TransitionError(
                _("The agency submitted this checklist again after you opened it; review the new submission.")
            )
        locked.status = to_status
        locked.decided_at = at
        locked.decided_by = actor
        locked.save(update_fields=["status", "decided_at", "decided_by", "updated_at"])
        transition = _record(locked, actor=actor, from_status=Status.SUBMITTED, at=at, comment=comment)
        notice_send([notices.decided(locked, transition)], by=actor, at=at)
    return locked


def checklist_approve(
    *,
    checklist: Checklist,
    actor: User,
    comment: str = "",
    seen_submitted_at: dt.datetime | None = None,
    at: dt.datetime | None = None,
) -> Checklist:
    """The filing office approves a submitted checklist; it is then published (its latest approved revision)."""
    return _decide(
        checklist,
        actor=actor,
        to_status=Status.APPROVED,
        comment=comment.strip(),
        seen_submitted_at=seen_submitted_at,
        at=at,
    )


def checklist_return(
    *,
    checklist: Checklist,
    actor: User,
    comment: str,
    seen_submitted_at: dt.datetime | None = None,
    at: dt.datetime | None = None,
) -> Checklist:
    """The filing office sends a submitted checklist back for changes; the comment says what to change."""
    comment = comment.strip()
    if not comment:
        raise TransitionError(_("Say what the agency should change: a comment is required to return a checklist."))
    return _decide(
        checklist,
        actor=actor,
        to_status=Status.RETURNED,
        comment=comment,
        seen_submitted_at=seen_submitted_at,
        at=at,
    )


def amend_refusal(checklist: Checklist, latest: Checklist) -> str | None:
    """Why ``checklist`` cannot be amended now, in the user's words, ``latest`` being its year's latest revision
    (the checklist itself, or a later one); None when it can: only the latest revision, once approved. The
    checklist page offers 申请变更 and the amend page its form only when None; ``checklist_amend`` asks again
    under the lock."""
    if latest.pk != checklist.pk:
        if latest.status == Status.APPROVED:
            return _("Revision %(number)s is now the one in force; an amendment starts from it.") % {
                "number": latest.revision
            }
        return _(
            "An amendment to this checklist, revision %(number)s, is already under way (%(status)s); "
            "another can be started once it is approved."
        ) % {"number": latest.revision, "status": latest.get_status_display()}
    if checklist.status != Status.APPROVED:
        return _("Only the latest approved revision of a checklist can be amended.")
    return None


def checklist_amend(*, checklist: Checklist, actor: User, reason: str, at: dt.datetime | None = None) -> Checklist:
    """A mid-year change: a new draft revision with the approved items (same keys, so linked activities keep
    counting). The public keeps seeing the approved revision until this one is approved."""
    _require_filer(actor, checklist.agency)
    reason = reason.strip()
    if not reason:
        raise TransitionError(_("Give the reason for the amendment."))
    at = at or timezone.now()
    try:
        with transaction.atomic():
            locked = _locked(checklist)
            latest = Checklist.objects.filter(agency_id=locked.agency_id, year=locked.year).order_by("-revision")[0]
            refusal = amend_refusal(locked, latest)
            if refusal:
                raise TransitionError(refusal)
            amendment = Checklist.objects.create(
                agency_id=locked.agency_id,
                year=locked.year,
                revision=locked.revision + 1,
                based_on=locked,
                amendment_reason=reason,
                created_by=actor,
            )
            _copy_items(locked, amendment, keep_keys=True)
            _record(amendment, actor=actor, from_status="", at=at, comment=reason)
    except IntegrityError as exc:  # an amendment started a moment earlier
        raise TransitionError(_("An amendment to this checklist is already in progress.")) from exc
    return amendment
