"""Writes for commendations and accountability measures: the one home of their rules.

- The bureau's administrators record and correct both, also after the year's results are published: the
  results are frozen, what was decided on them is not.
- A measure goes pending → answered → closed, or answered → returned (with a reason) → answered again; every
  step is kept as a ``MeasureEvent`` and every answer with its evidence. Recording a measure tells the agency;
  an answer tells the bureau.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from agencies import access, years
from agencies.documents import delete_file_after_commit, stored_fields
from agencies.models import Agency, User
from agencies.notices import in_site_language, notice_send
from agencies.reminders import TO_AGENCY, TO_BUREAU, Due

from ..followup.services import followup_answer, followup_decide
from ..uploads import OVERSIGHT_DOCUMENTS
from .models import Commendation, DecisionNoticeKind, Measure, MeasureEvent, MeasureResponse


def _store(document: Commendation | Measure, file: UploadedFile | None) -> None:
    """Put a new decision document on the row (the old file goes once the change is committed)."""
    if file is None:
        if not document.pk:
            raise ValidationError(_("Attach the decision document."), code="document_required")
        return
    if document.pk:
        delete_file_after_commit(document.file)
    for name, value in stored_fields(OVERSIGHT_DOCUMENTS.inspect(file)).items():
        setattr(document, name, value)
    document.file = file


def _check_agency(agency: Agency) -> None:
    if not agency.is_active:
        raise ValidationError(_("The agency is no longer active."), code="inactive")


# --- commendations -----------------------------------------------------------------------------------


@transaction.atomic
def commendation_record(
    *,
    user: User,
    year: int,
    agency: Agency,
    decided_on: dt.date,
    reason: str,
    file: UploadedFile | None,
    person_name: str = "",
    person_position: str = "",
) -> Commendation:
    """表彰: the agency, or a person of it when named."""
    access.require_manager(user)
    years.open_cycle(year)
    _check_agency(agency)
    commendation = Commendation(year=year, recorded_by=user)
    return _commendation_save(commendation, agency, decided_on, reason, file, person_name, person_position)


@transaction.atomic
def commendation_edit(
    *,
    commendation: Commendation,
    user: User,
    agency: Agency,
    decided_on: dt.date,
    reason: str,
    file: UploadedFile | None = None,
    person_name: str = "",
    person_position: str = "",
) -> Commendation:
    access.require_manager(user)
    return _commendation_save(commendation, agency, decided_on, reason, file, person_name, person_position)


def _commendation_save(commendation, agency, decided_on, reason, file, person_name, person_position) -> Commendation:
    person_name = person_name.strip()
    if not reason.strip():
        raise ValidationError(_("Say why."), code="reason_required")
    commendation.agency = agency
    commendation.person_name = person_name
    commendation.person_position = person_position.strip() if person_name else ""
    commendation.decided_on, commendation.reason = decided_on, reason.strip()
    _store(commendation, file)
    commendation.save()
    return commendation


# --- accountability measures -------------------------------------------------------------------------


def _check_dates(decided_on: dt.date, deadline: dt.date) -> None:
    if deadline < decided_on:
        raise ValidationError(_("The deadline cannot be before the decision."), code="deadline_before_decision")


@transaction.atomic
def measure_record(
    *,
    user: User,
    year: int,
    agency: Agency,
    kind: str,
    decided_on: dt.date,
    deadline: dt.date,
    reason: str,
    file: UploadedFile | None,
) -> Measure:
    """问责: the measure waits for the agency's answer by the deadline; the agency is told."""
    access.require_manager(user)
    years.open_cycle(year)
    _check_agency(agency)
    _check_dates(decided_on, deadline)
    if not reason.strip():
        raise ValidationError(_("Say why."), code="reason_required")
    measure = Measure(
        year=year,
        agency=agency,
        kind=kind,
        decided_on=decided_on,
        deadline=deadline,
        reason=reason.strip(),
        status=Measure.Status.PENDING,
        recorded_by=user,
    )
    _store(measure, file)
    measure.save()
    event = MeasureEvent.objects.create(
        measure=measure,
        action=MeasureEvent.Action.RECORDED,
        actor=user,
        at=timezone.now(),
        comment=_("Answer by %(date)s.") % {"date": deadline.isoformat()},
    )
    notice_send([measure_recorded_notice(measure, event)], by=user)
    return measure


# A notice is its fields: kind, words, reader and link differ per notice, so each is written out whole.
def measure_recorded_notice(measure: Measure, event: MeasureEvent) -> Due:
    """To the agency: a measure was decided against it and waits for its answer."""
    with in_site_language():
        return Due(
            kind=DecisionNoticeKind.MEASURE_RECORDED,
            period=str(measure.year),
            stage=f"e{event.pk}",
            due_on=timezone.localdate(),
            subject=_("Accountability measure: %(kind)s, answer by %(date)s")
            % {"kind": measure.get_kind_display(), "date": measure.deadline.isoformat()},
            body=measure.reason[:500],
            url=reverse("decisions:measure", args=[measure.pk]),
            audience=TO_AGENCY,
            agency_id=measure.agency_id,
            target=measure.agency.display_name,
        )


@transaction.atomic
def measure_edit(
    *,
    measure: Measure,
    user: User,
    kind: str,
    decided_on: dt.date,
    deadline: dt.date,
    reason: str,
    file: UploadedFile | None = None,
) -> Measure:
    """Correct what was recorded; the agency and the status stay (they belong to the follow-up)."""
    access.require_manager(user)
    _check_dates(decided_on, deadline)
    if not reason.strip():
        raise ValidationError(_("Say why."), code="reason_required")
    current = _locked(measure)
    current.kind, current.decided_on, current.deadline, current.reason = kind, decided_on, deadline, reason.strip()
    _store(current, file)
    current.save()
    return current


def _locked(measure: Measure) -> Measure:
    """The measure re-read under a row lock, so two decisions cannot cross."""
    return Measure.objects.select_for_update().select_related("agency").get(pk=measure.pk)


@transaction.atomic
def measure_answer(
    *, measure: Measure, user: User, description: str, evidence: Iterable[UploadedFile] = ()
) -> MeasureResponse:
    """The agency says what it did (evidence optional); the bureau then decides."""
    refusal = _("This measure is not waiting for an answer.")
    return followup_answer(measure, user, description, evidence, lock=_locked, notice=_answered_notice, refusal=refusal)


# A notice is its fields: kind, words, reader and link differ per notice, so each is written out whole.
def _answered_notice(measure: Measure, event: MeasureEvent) -> Due:
    """To the bureau: an answer waits for its decision (待审核)."""
    with in_site_language():
        return Due(
            kind=DecisionNoticeKind.MEASURE_ANSWERED,
            period=str(measure.year),
            stage=f"e{event.pk}",
            due_on=timezone.localdate(),
            subject=_("%(agency)s answered an accountability measure: please review it")
            % {"agency": measure.agency.display_name},
            body=event.comment[:500],
            url=reverse("decisions:measure", args=[measure.pk]),
            audience=TO_BUREAU,
            agency_id=measure.agency_id,
            target=measure.agency.display_name,
        )


# Each feature's decision is its own named service (what views and tests call) with its own words; the step itself is
# assessment.followup.services.followup_decide.
@transaction.atomic
def measure_close(*, measure: Measure, user: User, comment: str = "") -> Measure:
    access.require_manager(user)
    refusal = _("Only an answered measure can be closed.")
    return followup_decide(measure, user, comment, lock=_locked, status=Measure.Status.CLOSED, refusal=refusal)


@transaction.atomic
def measure_return(*, measure: Measure, user: User, reason: str) -> Measure:
    access.require_manager(user)
    if not reason.strip():
        raise ValidationError(_("Say why the answer is sent back."), code="reason_required")
    refusal = _("Only an answered measure can be sent back.")
    return followup_decide(measure, user, reason, lock=_locked, status=Measure.Status.RETURNED, refusal=refusal)
