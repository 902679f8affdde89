"""The bureau manages logins for agencies and offices: create, change, deactivate, reset a password.

The only home of these writes (Django admin aside, for the system administrator). A login is never deleted
here: what a person did (transitions, activities, decisions) keeps pointing at them, so a login that is no
longer needed is deactivated. A new or reset password is made up here and shown once to the bureau, who
hands it over; it is never stored in clear or sent by email.
"""

from __future__ import annotations

import secrets
import string

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from . import access
from .models import Agency, FilingOffice, User

# Easy to read aloud and type: no 0/O, 1/l/I.
PASSWORD_ALPHABET = "".join(c for c in string.ascii_letters + string.digits if c not in "0O1lI")
PASSWORD_LENGTH = 12


def make_password() -> str:
    return "".join(secrets.choice(PASSWORD_ALPHABET) for _n in range(PASSWORD_LENGTH))


def _require_manageable(actor: User, login: User | None = None) -> None:
    access.require_manager(actor)
    if login is not None and login.is_superuser and not actor.is_superuser:
        raise PermissionDenied(_("Only the system administrator manages the system administrator's login."))


# Keyword-only, one argument per column, as every service here (STYLE.md).
@transaction.atomic
def login_create(
    *,
    actor: User,
    username: str,
    name: str,
    role: str,
    email: str = "",
    phone: str = "",
    agency: Agency | None = None,
    filing_office: FilingOffice | None = None,
) -> tuple[User, str]:
    """A new login with a new password: the login and the password, to show once."""
    _require_manageable(actor)
    login = User(
        username=username.strip(),
        name=name.strip(),
        email=email.strip(),
        phone=phone.strip(),
        role=role,
        agency=agency if role == User.Role.STAFF else None,
        filing_office=filing_office if role in (User.Role.REVIEWER, User.Role.BUREAU_ADMIN) else None,
    )
    password = make_password()
    login.set_password(password)
    login.full_clean()
    login.save()
    return login, password


@transaction.atomic
def login_update(*, actor: User, login: User, **fields) -> User:
    """Change a login's name, contact details, role, agency or office."""
    _require_manageable(actor, login)
    for name, value in fields.items():
        setattr(login, name, value.strip() if isinstance(value, str) else value)
    if login.role != User.Role.STAFF:
        login.agency = None
    if login.role not in (User.Role.REVIEWER, User.Role.BUREAU_ADMIN):
        login.filing_office = None
    login.full_clean()
    login.save()
    return login


def login_set_active(*, actor: User, login: User, active: bool) -> User:
    """Deactivate a login (it can no longer sign in; its history stays), or let it sign in again."""
    _require_manageable(actor, login)
    if login.pk == actor.pk and not active:
        raise ValidationError(_("You cannot deactivate your own login."), code="self")
    if login.is_active != active:
        login.is_active = active
        login.save(update_fields=["is_active"])
    return login


def login_reset_password(*, actor: User, login: User) -> str:
    """A new password for a login, to show once; the old one stops working at once."""
    _require_manageable(actor, login)
    password = make_password()
    login.set_password(password)
    login.save(update_fields=["password"])
    return password
