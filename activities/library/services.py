"""Writes for the resource library and needs analysis: the one home of their rules.

- The bureau's administrators curate the library: what they add is in it at once; what an agency's staff
  add is a *proposal* the bureau accepts, or declines with a reason.
- Only active entries can be chosen for new activities; a retired person stays on the activities that
  used them.
- An agency's staff record their own needs analyses; reviewers in scope reply.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Model
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from agencies import access
from agencies.documents import delete_file_after_commit, stored_fields
from agencies.models import Agency, Law, User
from agencies.notices import NoticeKind, in_site_language, notice_send
from agencies.reminders import TO_AGENCY, TO_USER, Due

from ..models import Activity, LibraryStatus, Material, NeedsAnalysis, NeedsAnalysisReply, ResourcePerson
from .forms import inspect_document


def document_fields(upload: UploadedFile) -> dict:
    """What a stored document records about an upload, from its content (checked again: a service never
    stores what a form did not see)."""
    return stored_fields(inspect_document(upload))


def _added_status(user: User) -> tuple[str, Agency | None]:
    """A curator's entry is in the library at once; an agency's is a proposal from that agency."""
    if access.can_manage(user):
        return LibraryStatus.ACTIVE, None
    if user.is_agency_staff:
        return LibraryStatus.PROPOSED, user.agency
    raise PermissionDenied


# --- people ---------------------------------------------------------------------------------------


# Keyword-only, one argument per column, as every service here (STYLE.md): the other add and edit services list their
# own columns the same way.
def person_add(
    *,
    user: User,
    kind: str,
    name: str,
    unit: str,
    field_of_law: str,
    phone: str = "",
    email: str = "",
    note: str = "",
) -> ResourcePerson:
    status, agency = _added_status(user)
    # One keyword per column, as rows are created everywhere: the likeness to other creates is the ORM's call, not a
    # shared rule.
    return ResourcePerson.objects.create(
        kind=kind,
        name=name,
        unit=unit,
        field_of_law=field_of_law,
        phone=phone,
        email=email,
        note=note,
        status=status,
        proposed_by_agency=agency,
        created_by=user,
    )


def person_edit(*, person: ResourcePerson, user: User, **fields) -> ResourcePerson:
    access.require_manager(user)
    for name in ("kind", "name", "unit", "field_of_law", "phone", "email", "note"):
        if name in fields:
            setattr(person, name, fields[name])
    person.save()
    return person


# --- materials ------------------------------------------------------------------------------------


# Keyword-only, one argument per column, as every service here (STYLE.md): the other add and edit services list their
# own columns the same way.
@transaction.atomic
def material_add(
    *,
    user: User,
    title: str,
    kind: str,
    file: UploadedFile,
    laws: Iterable[Law] = (),
    audiences: Iterable[str] = (),
    description: str = "",
) -> Material:
    status, agency = _added_status(user)
    material = Material(
        title=title,
        kind=kind,
        audiences=list(audiences),
        description=description,
        status=status,
        proposed_by_agency=agency,
        created_by=user,
        **document_fields(file),
    )
    material.file = file
    material.save()
    material.laws.set(laws)
    return material


# Keyword-only like material_add above, without the file: an edit keeps the stored file, so the two signatures differ
# by it.
@transaction.atomic
def material_edit(
    *,
    material: Material,
    user: User,
    title: str,
    kind: str,
    laws: Iterable[Law] = (),
    audiences: Iterable[str] = (),
    description: str = "",
    file: UploadedFile | None = None,
) -> Material:
    access.require_manager(user)
    material.title, material.kind, material.description = title, kind, description
    material.audiences = list(audiences)
    if file is not None:
        previous = Material.objects.get(pk=material.pk).file
        for name, value in document_fields(file).items():
            setattr(material, name, value)
        material.file = file
        delete_file_after_commit(previous)
    material.save()
    material.laws.set(laws)
    return material


# --- the bureau's decisions, for people and materials alike -----------------------------------------


@transaction.atomic
def _decide(entry: Model, *, user: User, status: str, reason: str = "") -> Model:
    entry.status = status
    entry.decided_by = user
    entry.decided_at = timezone.now()
    entry.decline_reason = reason
    entry.save(update_fields=["status", "decided_by", "decided_at", "decline_reason", "updated_at"])
    if entry.proposed_by_agency_id:
        notice_send([_decided_notice(entry)], by=user)
    return entry


def _decided_notice(entry: ResourcePerson | Material) -> Due:
    """To whoever proposed the entry: the bureau accepted it into the library, or declined it (and why)."""
    kind = "person" if isinstance(entry, ResourcePerson) else "material"
    accepted = entry.status == LibraryStatus.ACTIVE
    with in_site_language():
        if accepted:
            subject = _("Your proposal “%(entry)s” was accepted into the library") % {"entry": entry}
            body = ""
        else:
            subject = _("Your proposal “%(entry)s” was declined") % {"entry": entry}
            body = _("The bureau said: %(reason)s") % {"reason": entry.decline_reason}
        return Due(
            kind=NoticeKind.PROPOSAL_DECIDED,
            period=str(timezone.localdate().year),
            stage=f"{kind}-{entry.pk}",
            due_on=timezone.localdate(),
            subject=subject,
            body=body,
            url=reverse(f"library:{kind}", args=[entry.pk]),
            audience=TO_USER,
            user_id=entry.created_by_id,
            agency_id=entry.proposed_by_agency_id,
        )


def library_entry_accept(*, entry: ResourcePerson | Material, user: User) -> ResourcePerson | Material:
    access.require_manager(user)
    if entry.status != LibraryStatus.PROPOSED:
        raise ValidationError(_("Only a proposal awaiting the bureau can be accepted."), code="not_pending")
    return _decide(entry, user=user, status=LibraryStatus.ACTIVE)


def library_entry_decline(*, entry: ResourcePerson | Material, user: User, reason: str) -> ResourcePerson | Material:
    access.require_manager(user)
    if entry.status != LibraryStatus.PROPOSED:
        raise ValidationError(_("Only a proposal awaiting the bureau can be declined."), code="not_pending")
    if not reason.strip():
        raise ValidationError(_("Say why the proposal is declined."), code="reason_required")
    return _decide(entry, user=user, status=LibraryStatus.DECLINED, reason=reason.strip())


def library_entry_retire(*, entry: ResourcePerson | Material, user: User) -> ResourcePerson | Material:
    access.require_manager(user)
    if entry.status != LibraryStatus.ACTIVE:
        raise ValidationError(_("Only an entry in the library can be retired."), code="not_active")
    entry.status = LibraryStatus.RETIRED
    entry.save(update_fields=["status", "updated_at"])
    return entry


def library_entry_restore(*, entry: ResourcePerson | Material, user: User) -> ResourcePerson | Material:
    access.require_manager(user)
    if entry.status != LibraryStatus.RETIRED:
        raise ValidationError(_("Only a retired entry can be put back."), code="not_retired")
    entry.status = LibraryStatus.ACTIVE
    entry.save(update_fields=["status", "updated_at"])
    return entry


# --- the link from activities -----------------------------------------------------------------------


def activity_people_set(*, activity: Activity, people: Iterable[ResourcePerson]) -> None:
    """The lecturers, navigators and volunteers an activity used. New links go to active entries only;
    one already on the activity stays even if the bureau has retired them since."""
    chosen = list(people)
    already = set(activity.lecturers.values_list("pk", flat=True))
    refused = [p for p in chosen if p.status != LibraryStatus.ACTIVE and p.pk not in already]
    if refused:
        raise ValidationError(
            _("%(name)s is not in the library and cannot be chosen.") % {"name": refused[0].name}, code="not_active"
        )
    activity.lecturers.set(chosen)


# --- needs analysis ---------------------------------------------------------------------------------


def _set_attachment(analysis: NeedsAnalysis, upload: UploadedFile) -> None:
    fields = document_fields(upload)
    if analysis.attachment:
        delete_file_after_commit(analysis.attachment)
    analysis.attachment = upload
    analysis.attachment_name = fields["original_name"]
    analysis.attachment_type = fields["content_type"]
    analysis.attachment_size = fields["size"]
    analysis.attachment_sha256 = fields["sha256"]


@transaction.atomic
def needs_analysis_record(*, agency: Agency, user: User, **fields) -> NeedsAnalysis:
    """A new needs analysis of the agency, recorded by the user: ``fields`` are what ``needs_analysis_edit`` takes."""
    return needs_analysis_edit(analysis=NeedsAnalysis(agency=agency, created_by=user), user=user, **fields)


@transaction.atomic
def needs_analysis_edit(
    *,
    analysis: NeedsAnalysis,
    user: User,
    year: int,
    period: str,
    audiences: Iterable[str],
    findings: str,
    measures: str,
    attachment: UploadedFile | None = None,
) -> NeedsAnalysis:
    """Save an analysis; one not yet saved is inserted (``needs_analysis_record``)."""
    if not access.can_change(user, analysis.agency_id):
        raise PermissionDenied
    if attachment is not None:
        if analysis.pk is not None:
            previous = NeedsAnalysis.objects.get(pk=analysis.pk)
            analysis.attachment = previous.attachment  # so the replaced file is the stored one
        _set_attachment(analysis, attachment)
    analysis.year, analysis.period, analysis.audiences = year, period, list(audiences)
    analysis.findings, analysis.measures = findings, measures
    analysis.save()
    return analysis


def needs_analysis_reply(*, analysis: NeedsAnalysis, user: User, body: str) -> NeedsAnalysisReply:
    if not access.can_review(user, analysis.agency_id):
        raise PermissionDenied
    if not body.strip():
        raise ValidationError(_("Write a reply."), code="empty")
    with transaction.atomic():
        reply = NeedsAnalysisReply.objects.create(analysis=analysis, author=user, body=body.strip())
        notice_send([needs_reply_notice(reply)], by=user)
    return reply


def needs_reply_notice(reply: NeedsAnalysisReply) -> Due:
    """To the agency's staff: a reviewer replied to their needs analysis."""
    analysis = reply.analysis
    with in_site_language():
        # A notice is one call to Due with its own kind, period, stage and words, as every notice is: nothing in it is
        # another notice's rule.
        return Due(
            kind=NoticeKind.NEEDS_REPLIED,
            period=str(analysis.year),
            stage=f"reply-{reply.pk}",
            due_on=timezone.localdate(),
            subject=_("%(who)s replied to your needs analysis (%(year)d, %(period)s)")
            % {"who": reply.author.display_name, "year": analysis.year, "period": analysis.get_period_display()},
            body=reply.body[:500],
            url=reverse("library:needs_detail", args=[analysis.pk]),
            audience=TO_AGENCY,
            agency_id=analysis.agency_id,
        )
