"""One-time form tokens: a double-clicked "save" on a create form creates one record, not two.

The form carries a fresh token in a hidden field (``OnceField``); a GET stores nothing. The view claims the
token in the transaction that creates the record: the unique constraint lets one post win, even two at the
same instant (the second waits for the first's commit), and the loser is sent to what the winner created.
Beat deletes the tokens of past days (``submissions_prune``).
"""

from __future__ import annotations

import datetime as dt
import uuid

from django import forms
from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import FormSubmission, User


class AlreadySubmitted(Exception):
    """The token was used by an earlier post; ``url`` is the page of what that post created ("" if unknown)."""

    def __init__(self, url: str):
        super().__init__(url)
        self.url = url


class OnceField(forms.UUIDField):
    """The hidden one-time token; a new one each time the empty form is shown, kept when a bound form is."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.HiddenInput)
        kwargs.setdefault("required", False)
        kwargs.setdefault("initial", uuid.uuid4)
        super().__init__(**kwargs)


def submission_claim(*, token: uuid.UUID | None, user: User) -> FormSubmission | None:
    """Claim the token inside the caller's transaction; ``AlreadySubmitted`` if an earlier post has it.

    A post without a token (an old page, a script) is not guarded: ``None``.
    """
    if token is None:
        return None
    try:
        with transaction.atomic():
            return FormSubmission.objects.create(token=token, user=user)
    except IntegrityError:
        earlier = FormSubmission.objects.filter(token=token, user=user).first()
        raise AlreadySubmitted(earlier.result_url if earlier else "") from None


def submission_done(*, submission: FormSubmission | None, url: str) -> None:
    """Remember the page of what the post created, for a repeated post to be sent to."""
    if submission is not None:
        submission.result_url = url
        submission.save(update_fields=["result_url"])


def submissions_prune(*, older_than: dt.timedelta | None = None) -> int:
    """Delete the tokens claimed longer ago than ``older_than`` (``PUFFA_FORM_TOKEN_DAYS`` days): a double
    click comes within seconds, so an old token guards nothing. How many were deleted."""
    older_than = older_than or dt.timedelta(days=settings.PUFFA_FORM_TOKEN_DAYS)
    deleted, _ = FormSubmission.objects.filter(created_at__lt=timezone.now() - older_than).delete()
    return deleted
