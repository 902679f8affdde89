"""Writes for plans and reports, joint meetings, inspections and rectifications: the one home of their rules.

- An agency's staff file their own plan and report; filing again replaces the document (the assessment
  reads the latest).
- The bureau's administrators record meetings and inspections, and decide on rectifications.
- A rectification goes pending → answered → accepted, or answered → returned (with a reason) → answered
  again; every step is kept as a ``RectificationEvent`` and every answer with its evidence.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from agencies import access, years
from agencies.documents import delete_file_after_commit, stored_fields
from agencies.models import Agency, User
from agencies.notices import NoticeKind, in_site_language
from agencies.reminders import TO_BUREAU, Due

from ..followup.services import followup_answer, followup_decide

# The models this module writes; the demo (demo/oversight.py) names the same ones because it writes the same rows.
from ..models import (
    AnnualFiling,
    Finding,
    Inspection,
    JointMeeting,
    JointMeetingAttachment,
    RectificationEvent,
    RectificationResponse,
)
from ..practice.models import GoodPractice
from ..uploads import OVERSIGHT_DOCUMENTS

# --- annual plan and report --------------------------------------------------------------------------


def _document_fields(upload: UploadedFile) -> dict:
    """What a stored document records about an upload, from its content (checked again: a service never
    stores what a form did not see)."""
    return stored_fields(OVERSIGHT_DOCUMENTS.inspect(upload))


@transaction.atomic
def filing_file(
    *,
    agency: Agency,
    user: User,
    year: int,
    kind: str,
    head_responsible: str,
    funding: Decimal,
    file: UploadedFile | None = None,
) -> AnnualFiling:
    """File (or file again) an agency's plan or report for a year."""
    if not access.can_change(user, agency):
        raise PermissionDenied
    if funding < 0:
        raise ValidationError(_("The funding cannot be negative."), code="negative")
    years.open_cycle(year)
    if kind == AnnualFiling.Kind.REPORT:
        years.require_year_end(year, AnnualFiling.Kind.REPORT.label)
    filing = AnnualFiling.objects.select_for_update().filter(agency=agency, year=year, kind=kind).first()
    if filing is None:
        if file is None:
            raise ValidationError(_("Attach the document."), code="document_required")
        filing = AnnualFiling(agency=agency, year=year, kind=kind)
    if file is not None:
        if filing.pk:
            delete_file_after_commit(filing.file)
        for name, value in _document_fields(file).items():
            setattr(filing, name, value)
        filing.file = file
    filing.head_responsible = head_responsible.strip()
    filing.funding = funding
    filing.filed_by = user
    filing.filed_at = timezone.now()
    filing.save()
    return filing


# --- joint meetings --------------------------------------------------------------------------------


def _attach_to_meeting(meeting: JointMeeting, user: User, uploads: Iterable[UploadedFile]) -> None:
    for upload in uploads:
        attachment = JointMeetingAttachment(meeting=meeting, uploaded_by=user, **_document_fields(upload))
        attachment.file = upload
        attachment.save()


@transaction.atomic
def meeting_record(*, user: User, **fields) -> JointMeeting:
    """A new joint meeting, recorded by the user: ``fields`` are what ``meeting_edit`` takes."""
    return meeting_edit(meeting=JointMeeting(recorded_by=user), user=user, **fields)


@transaction.atomic
def meeting_edit(
    *,
    meeting: JointMeeting,
    user: User,
    held_on: dt.date,
    title: str,
    attendees: str,
    minutes: str,
    agencies: Iterable[Agency] = (),
    reporting_agencies: Iterable[Agency] = (),
    place: str = "",
    new_attachments: Iterable[UploadedFile] = (),
    cited_practices: Iterable[GoodPractice] = (),
) -> JointMeeting:
    """Save a meeting's details, who took part and reported, the practices cited and new attachments; a meeting
    not yet saved is inserted (``meeting_record``)."""
    access.require_manager(user)
    meeting.held_on, meeting.title, meeting.place = held_on, title, place
    meeting.attendees, meeting.minutes = attendees, minutes
    meeting.save()
    _set_meeting_agencies(meeting, agencies, reporting_agencies)
    meeting.cited_practices.set(cited_practices)
    _attach_to_meeting(meeting, user, new_attachments)
    return meeting


def _set_meeting_agencies(meeting: JointMeeting, agencies: Iterable[Agency], reporting: Iterable[Agency]) -> None:
    # An agency that reported took part: agencies see the meetings they took part in.
    reporting = list(reporting)
    meeting.agencies.set({*agencies, *reporting})
    meeting.reporting_agencies.set(reporting)


# --- inspections and findings ------------------------------------------------------------------------


@transaction.atomic
def inspection_record(
    *,
    user: User,
    held_on: dt.date,
    kind: str,
    title: str,
    agencies: Iterable[Agency],
    inspectors: str = "",
    summary: str = "",
) -> Inspection:
    access.require_manager(user)
    agencies = list(agencies)
    if not agencies:
        raise ValidationError(_("Choose the agencies inspected."), code="no_agency")
    inspection = Inspection.objects.create(
        held_on=held_on, kind=kind, title=title, inspectors=inspectors, summary=summary, recorded_by=user
    )
    inspection.agencies.set(agencies)
    return inspection


# Keyword-only and typed like inspection_record (services take what the form holds): a signature, not logic.
@transaction.atomic
def inspection_edit(
    *,
    inspection: Inspection,
    user: User,
    held_on: dt.date,
    kind: str,
    title: str,
    agencies: Iterable[Agency],
    inspectors: str = "",
    summary: str = "",
) -> Inspection:
    access.require_manager(user)
    agencies = list(agencies)
    with_findings = set(inspection.findings.values_list("agency_id", flat=True))
    if not with_findings <= {agency.pk for agency in agencies}:
        raise ValidationError(_("An agency with findings stays among the agencies inspected."), code="has_findings")
    inspection.held_on, inspection.kind, inspection.title = held_on, kind, title
    inspection.inspectors, inspection.summary = inspectors, summary
    inspection.save()
    inspection.agencies.set(agencies)
    return inspection


@transaction.atomic
def finding_add(
    *,
    inspection: Inspection,
    user: User,
    agency: Agency,
    description: str,
    requires_rectification: bool = False,
    deadline: dt.date | None = None,
) -> Finding:
    access.require_manager(user)
    if not inspection.agencies.filter(pk=agency.pk).exists():
        raise ValidationError(_("The finding's agency must be one of those inspected."), code="not_inspected")
    if requires_rectification and deadline is None:
        raise ValidationError(_("A rectification needs a deadline."), code="deadline_required")
    finding = Finding.objects.create(
        inspection=inspection,
        agency=agency,
        description=description,
        requires_rectification=requires_rectification,
        deadline=deadline if requires_rectification else None,
        status=Finding.Status.PENDING if requires_rectification else Finding.Status.NONE,
        created_by=user,
    )
    if requires_rectification:
        RectificationEvent.objects.create(
            finding=finding,
            action=RectificationEvent.Action.REQUIRED,
            actor=user,
            at=timezone.now(),
            comment=_("Rectify by %(date)s.") % {"date": deadline.isoformat()},
        )
    return finding


# --- rectifications ----------------------------------------------------------------------------------


def _locked(finding: Finding) -> Finding:
    """The finding re-read under a row lock, so two decisions cannot cross."""
    return Finding.objects.select_for_update().get(pk=finding.pk)


@transaction.atomic
def rectification_answer(
    *, finding: Finding, user: User, description: str, evidence: Iterable[UploadedFile]
) -> RectificationResponse:
    """The agency says what it did, with evidence; the bureau then decides."""
    return followup_answer(
        finding,
        user,
        description,
        evidence,
        lock=_locked,
        notice=rectification_answered_notice,
        refusal=_("This rectification is not waiting for an answer."),
        evidence_required=_("Attach evidence of the rectification."),
    )


def rectification_answered_notice(finding: Finding, event: RectificationEvent) -> Due:
    """To the bureau: a rectification waits for its decision (待审核)."""
    agency = Agency.objects.get(pk=finding.agency_id)
    year = Inspection.objects.values_list("held_on", flat=True).get(pk=finding.inspection_id).year
    with in_site_language():
        return Due(
            kind=NoticeKind.RECTIFICATION_ANSWERED,
            period=str(year),
            stage=f"e{event.pk}",
            due_on=timezone.localdate(),
            subject=_("%(agency)s answered a rectification: please review it") % {"agency": agency.display_name},
            body=event.comment[:500],
            url=reverse("oversight:rectification", args=[finding.pk]),
            audience=TO_BUREAU,
            agency_id=agency.pk,
            target=agency.display_name,
        )


# Each feature's decision is its own named service (what views and tests call) with its own words; the step itself is
# assessment.followup.services.followup_decide.
@transaction.atomic
def rectification_accept(*, finding: Finding, user: User, comment: str = "") -> Finding:
    access.require_manager(user)
    refusal = _("Only an answered rectification can be accepted.")
    return followup_decide(finding, user, comment, lock=_locked, status=Finding.Status.ACCEPTED, refusal=refusal)


@transaction.atomic
def rectification_return(*, finding: Finding, user: User, reason: str) -> Finding:
    access.require_manager(user)
    if not reason.strip():
        raise ValidationError(_("Say why the rectification is sent back."), code="reason_required")
    refusal = _("Only an answered rectification can be sent back.")
    return followup_decide(finding, user, reason, lock=_locked, status=Finding.Status.RETURNED, refusal=refusal)
