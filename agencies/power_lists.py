"""The laws each agency enforces, imported from its power list (权力清单, §3.1) as the bureau exports it.

One row per (agency, law): the agency by its unified social credit code, full name or (unambiguous) short name,
the law by its title in the catalogue. Every row is checked first; if any row is wrong nothing is imported and
each bad row is listed. Then each agency named in the file has its enforced laws **replaced** by the laws the
file lists for it; agencies not in the file keep theirs.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import FileResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import access, freshness
from .models import Agency, Law, User
from .selectors import agency_index
from .spreadsheets import Column, data_rows, export_response, open_upload, text

HEADERS = (
    gettext_lazy("Agency (unified social credit code or name)"),
    gettext_lazy("Law or regulation (title as in the catalogue)"),
)
EnforcedLaw = Agency.laws.through


class PowerListRejected(Exception):
    """Some rows are wrong: ``rows`` is (spreadsheet row number, reason) for each; nothing was imported."""

    def __init__(self, rows: list[tuple[int, str]]):
        super().__init__(rows)
        self.rows = rows


@dataclass(frozen=True)
class PowerListImported:
    agencies: int
    laws: int  # (agency, law) pairs now on record for those agencies


def template() -> FileResponse:
    """The power-list template, filled with every active agency's enforced laws as they stand (agencies with
    none listed by name alone), so the bureau can correct it and upload it again."""
    rows = (
        EnforcedLaw.objects.filter(agency__is_active=True)
        .order_by("agency__level", "agency__name", "law__title")
        .values_list("agency__name", "law__title")
    )
    bare = Agency.objects.filter(is_active=True, laws__isnull=True).order_by("level", "name").values_list("name")
    return export_response(
        _("Enforced laws (power list).xlsx"),
        _("Enforced laws"),
        [Column(str(HEADERS[0]), 44), Column(str(HEADERS[1]), 50)],
        (*rows.iterator(), *((name, None) for (name,) in bare.iterator())),
    )


def _expected_headers() -> list[set[str]]:
    with translation.override("zh-hans"):
        chinese = [str(header) for header in HEADERS]
    return [{str(header), zh} for header, zh in zip(HEADERS, chinese, strict=True)]


def parse(upload) -> dict[int, set[int]]:
    """Each agency's laws in the file (agency id → law ids; a row naming an agency alone lists it with none).
    ``ValidationError`` for a file that cannot be read or is not the template; ``PowerListRejected`` listing
    every bad row."""
    sheet = open_upload(upload)
    header = [text(value) for value in next(sheet.iter_rows(min_row=1, max_row=1, values_only=True), ())]
    expected = _expected_headers()
    if len(header) < len(expected) or any(cell not in names for cell, names in zip(header, expected, strict=False)):
        raise ValidationError(
            _("This is not the power-list template: download the template and fill in its columns."),
            code="not_template",
        )
    agencies = agency_index()
    laws = dict(Law.objects.values_list("title", "pk"))
    found: dict[int, set[int]] = defaultdict(set)
    bad: list[tuple[int, str]] = []
    for number, values in data_rows(sheet):
        cells = (*values, None, None)[:2]
        name, title = "".join(text(cells[0]).split()), text(cells[1])
        reasons = []
        agency = None
        if not name:
            reasons.append(_("the agency is missing"))
        else:
            agency = agencies.get(name.upper()) or agencies.get(name)
            if agency is None:
                reasons.append(_("no active agency has the code or name “%(name)s”") % {"name": name})
        if title and title not in laws:
            reasons.append(_("“%(title)s” is not in the law catalogue") % {"title": title})
        if reasons:
            bad.append((number, "；".join(reasons)))
            continue
        found[agency.pk].update([laws[title]] if title else [])  # a name alone: the agency enforces none
    if bad:
        raise PowerListRejected(bad)
    if not found:
        raise ValidationError(_("The file has no rows under the header row."), code="empty")
    return dict(found)


@transaction.atomic
def enforced_laws_replace(*, upload, actor: User) -> PowerListImported:
    """Import a power list: every row checked first, then each listed agency's enforced laws replaced by the
    file's, all at once or not at all."""
    if not access.can_manage(actor):
        raise PermissionDenied
    listed = parse(upload)
    EnforcedLaw.objects.filter(agency_id__in=listed).delete()
    EnforcedLaw.objects.bulk_create(
        [EnforcedLaw(agency_id=agency_id, law_id=law_id) for agency_id, law_ids in listed.items() for law_id in law_ids]
    )
    freshness.bump()  # bulk writes send no signals: the dashboard's coverage figure must be counted again
    return PowerListImported(agencies=len(listed), laws=sum(len(law_ids) for law_ids in listed.values()))
