"""The rules an activity obeys, each with its Chinese message; forms and imports both call them."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext as _

from agencies.vocabulary import SIX_PLACES_TYPES

_url = URLValidator(schemes=["http", "https"])


def clean_links(value: str) -> str:
    """One http(s) address per line; blank lines dropped. Returns the tidied text."""
    links = [line.strip() for line in (value or "").splitlines() if line.strip()]
    bad = []
    for link in links:
        try:
            _url(link)
        except ValidationError:
            bad.append(link)
    if bad:
        raise ValidationError(
            _("Not a web address (start with http:// or https://, one per line): %(links)s")
            % {"links": "、".join(bad)},
            code="bad_link",
        )
    return "\n".join(links)


def validate_dates(start: dt.date, end: dt.date | None, year: int) -> None:
    """A date, or a range, inside one year: the year of the ledger it is logged in."""
    if start.year != year:
        raise ValidationError(
            {"start_date": _("The date must be in %(year)d: this is the %(year)d ledger.") % {"year": year}}
        )
    if end is not None and end < start:
        raise ValidationError({"end_date": _("The end date cannot be before the date.")})
    if end is not None and end.year != start.year:
        raise ValidationError(
            {"end_date": _("An activity lies inside one year; log the days of each year separately.")}
        )


def six_places_target(activity_type: str, target: str) -> str:
    """The six-places target is required for a "law into six places" activity and empty for any other."""
    if activity_type in SIX_PLACES_TYPES:
        if not target:
            raise ValidationError(
                {"six_places_target": _("Choose where the “law into six places” activity went.")}, code="required"
            )
        return target
    return ""
