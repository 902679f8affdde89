"""The steps every follow-up takes: the agency answers, the bureau closes it or sends it back.

Each feature's service (``rectification_answer``, ``measure_close`` ...) calls a step here with its row, how to
lock it and its own words for a refusal; the step checks the state under the lock, writes the answer or the
decision with its history (``responses``, ``events``) and moves the status. Nothing else calls these steps, so a
status still changes only through the feature's service.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone
from django.utils.translation import gettext as _

from agencies import access
from agencies.documents import stored_fields
from agencies.models import User
from agencies.notices import notice_send
from agencies.reminders import Due

from ..uploads import OVERSIGHT_DOCUMENTS
from .models import ANSWERED, FollowUp, FollowUpEvent, FollowUpResponse

F = TypeVar("F", bound=FollowUp)


def followup_answer(
    followup: F,
    user: User,
    description: str,
    evidence: Iterable[UploadedFile],
    *,
    lock: Callable[[F], F],
    notice: Callable[[F, FollowUpEvent], Due],
    refusal: str,
    evidence_required: str = "",
) -> FollowUpResponse:
    """The agency's answer with its evidence, while it is the agency's turn (``refusal`` says why not
    otherwise); ``lock`` re-reads the row under a row lock, ``notice`` tells the bureau. Evidence is optional
    unless ``evidence_required`` says what to attach."""
    if not access.can_change(user, followup.agency_id):
        raise PermissionDenied
    if not description.strip():
        raise ValidationError(_("Say what was done."), code="description_required")
    current = lock(followup)
    if current.status not in current.ANSWERABLE:
        raise ValidationError(refusal, code="not_answerable")
    evidence = list(evidence)
    if evidence_required and not evidence:
        raise ValidationError(evidence_required, code="evidence_required")
    now = timezone.now()
    response = current.responses.create(description=description.strip(), submitted_by=user, submitted_at=now)
    for upload in evidence:
        stored = response.evidence.model(response=response, **stored_fields(OVERSIGHT_DOCUMENTS.inspect(upload)))
        stored.file = upload
        stored.save()
    event = current.events.create(action=ANSWERED, actor=user, at=now, comment=description.strip())
    _move(followup, current, ANSWERED)
    notice_send([notice(current, event)], by=user)
    return response


def followup_decide(followup: F, user: User, comment: str, *, lock: Callable[[F], F], status: str, refusal: str) -> F:
    """The bureau's decision on an answer waiting for it (待审核), ``refusal`` says why not otherwise: ``status``
    is the feature's closed state, or sent back (the feature has checked that a reason was given)."""
    current = lock(followup)
    if current.status != ANSWERED:
        raise ValidationError(refusal, code="not_answered")
    current.events.create(action=status, actor=user, at=timezone.now(), comment=comment.strip())
    _move(followup, current, status)
    return current


def _move(followup: FollowUp, current: FollowUp, status: str) -> None:
    """The one write of a follow-up's status; the caller's copy follows."""
    current.status = status
    current.save(update_fields=["status", "updated_at"])
    followup.status = current.status
