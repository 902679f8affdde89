"""Writes of the new-media cluster: registering, editing, deactivating an account, and the one check of an
activity's link to an account. Views, the demo and ``activities.services`` come here."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from agencies.models import Agency, User

from .models import MEDIA_ACCOUNT_TYPES, MediaAccount
from .selectors import accounts_for_choice


def _save(account: MediaAccount) -> MediaAccount:
    """Validate the whole row (address, lengths, one name per platform) and save it, or raise ValidationError."""
    account.full_clean()
    try:
        with transaction.atomic():
            account.save()
    except IntegrityError as exc:  # the same name saved by someone else a moment ago
        raise ValidationError(_("The agency already has an account of this platform with this name.")) from exc
    return account


def media_account_add(
    *, agency: Agency, created_by: User, platform: str, name: str, url: str, note: str = ""
) -> MediaAccount:
    account = MediaAccount(
        agency=agency, created_by=created_by, platform=platform, name=name.strip(), url=url.strip(), note=note.strip()
    )
    return _save(account)


def media_account_edit(*, account: MediaAccount, platform: str, name: str, url: str, note: str = "") -> MediaAccount:
    account.platform, account.name, account.url, account.note = platform, name.strip(), url.strip(), note.strip()
    return _save(account)


def media_account_set_active(*, account: MediaAccount, active: bool) -> MediaAccount:
    """Deactivate an account no longer used (its activities keep their link), or bring it back."""
    if account.is_active != active:
        account.is_active = active
        account.save(update_fields=["is_active", "updated_at"])
    return account


def activity_account(
    *, agency: Agency, activity_type: str, account: MediaAccount | None, current_id: int | None = None
) -> MediaAccount | None:
    """The account an activity may be linked to, or ValidationError.

    Only a new-media activity names an account (for any other type the link is dropped); it must be one of the
    agency's own active accounts, or the one the activity is linked to already (``current_id``).
    """
    if account is None or activity_type not in MEDIA_ACCOUNT_TYPES:
        return None
    if not accounts_for_choice(agency, keep=current_id).filter(pk=account.pk).exists():
        raise ValidationError(
            {"media_account": _("Choose one of this agency's active new-media accounts.")}, code="invalid_choice"
        )
    return account
