"""The resource library and needs analyses as spreadsheets (agencies.spreadsheets does the writing)."""

from __future__ import annotations

from django.http import FileResponse
from django.utils.translation import gettext as _

from agencies.spreadsheets import Column, export_response

from . import selectors


def people_response(people) -> FileResponse:
    """The library's people listed, as filtered."""
    # This export's own columns and widths, with the row that fills them: every export names different columns, so a
    # shared list would fit none; agencies.spreadsheets does the writing.
    columns = [
        Column(_("Kind"), 14),
        Column(_("Full name"), 12),
        Column(_("Unit"), 28),
        Column(_("Field of law"), 24),
        Column(_("Phone"), 16),
        Column(_("Email"), 24),
        Column(_("Status"), 12),
        Column(_("Times used"), 10),
        Column(_("Last used"), 12),
    ]
    rows = (
        (
            p.get_kind_display(),
            p.name,
            p.unit,
            p.field_of_law,
            p.phone,
            p.email,
            p.get_status_display(),
            p.use_count,
            p.last_used,
        )
        for p in people.iterator(chunk_size=500)
    )
    return export_response(_("Resource library people.xlsx"), _("People"), columns, rows)


def materials_response(materials) -> FileResponse:
    """The library's materials listed, as filtered."""
    # This export's own columns and widths, with the row that fills them: every export names different columns, so a
    # shared list would fit none; agencies.spreadsheets does the writing.
    columns = [
        Column(_("Title"), 36),
        Column(_("Kind"), 12),
        Column(_("Audiences"), 30),
        Column(_("Laws covered"), 40),
        Column(_("Shared by"), 24),
        Column(_("Added at"), 18),
        Column(_("File name"), 30),
        Column(_("Size (KB)"), 10),
        Column(_("Status"), 12),
    ]
    rows = (
        (
            m.title,
            m.get_kind_display(),
            "、".join(m.audience_labels()),
            "、".join(law.title for law in m.laws.all()),
            m.proposed_by_agency.name if m.proposed_by_agency else _("District Judicial Bureau"),
            m.created_at,
            m.original_name,
            round(m.size / 1024, 1),
            m.get_status_display(),
        )
        for m in materials.iterator(chunk_size=500)
    )
    return export_response(_("Resource library materials.xlsx"), _("Materials"), columns, rows)


def proposals_response(user) -> FileResponse:
    """The people and materials proposed to the library that ``user`` may see."""
    # This export's own columns and widths, with the row that fills them: every export names different columns, so a
    # shared list would fit none; agencies.spreadsheets does the writing.
    columns = [
        Column(_("Entry"), 12),
        Column(_("Name or title"), 32),
        Column(_("Proposed by"), 28),
        Column(_("Proposed at"), 18),
        Column(_("Status"), 16),
        Column(_("Reason for declining"), 40),
    ]
    people_rows = [
        (_("Person"), p.name, p.proposed_by_agency.name if p.proposed_by_agency else "", p.created_at)
        + (p.get_status_display(), p.decline_reason)
        for p in selectors.proposal_people(user)
    ]
    material_rows = [
        (_("Material"), m.title, m.proposed_by_agency.name if m.proposed_by_agency else "", m.created_at)
        + (m.get_status_display(), m.decline_reason)
        for m in selectors.proposal_materials(user)
    ]
    return export_response(_("Library proposals.xlsx"), _("Proposals"), columns, people_rows + material_rows)


def needs_response(analyses) -> FileResponse:
    """Needs analyses listed, as filtered."""
    # This export's own columns and widths, with the row that fills them: every export names different columns, so a
    # shared list would fit none; agencies.spreadsheets does the writing.
    columns = [
        Column(_("Agency"), 30),
        Column(_("Year"), 8),
        Column(_("Period"), 12),
        Column(_("Audiences"), 30),
        Column(_("Needs found"), 50),
        Column(_("Proposed measures"), 50),
        Column(_("Replies"), 8),
        Column(_("Recorded at"), 18),
    ]
    rows = (
        (
            a.agency.name,
            a.year,
            a.get_period_display(),
            "、".join(a.audience_labels()),
            a.findings,
            a.measures,
            a.reply_count,
            a.created_at,
        )
        for a in analyses.iterator(chunk_size=500)
    )
    return export_response(_("Needs analyses.xlsx"), _("Needs analyses"), columns, rows)
