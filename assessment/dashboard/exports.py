"""The leadership dashboard's tables as spreadsheets (agencies.spreadsheets does the writing)."""

from __future__ import annotations

from django.http import FileResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from agencies.spreadsheets import Column, export_response

from . import selectors as dashboards

TABLES = {
    "filing_status": gettext_lazy("Filing progress by status"),
    "filing_timing": gettext_lazy("On time or late"),
    "offices": gettext_lazy("Filing by filing office"),
    "study": gettext_lazy("Study-minimum compliance"),
    "months": gettext_lazy("Activities by month"),
    "duties": gettext_lazy("Activities by duty"),
    "people": gettext_lazy("People reached by duty"),
    "items": gettext_lazy("Checklist completion"),
    "grades": gettext_lazy("Grade distribution"),
    "ranking": gettext_lazy("Ranking"),
    "agencies": gettext_lazy("Agencies"),
}


def _title(name: str, year: int, *, provisional: bool) -> str:
    """An export's file name (less its extension): what it holds, its year, and "(provisional)" while read from
    results not yet published (``Dashboard.provisional``), as the results page's export says."""
    title = f"{name} {year}"
    return title + _(" (provisional)") if provisional else title


def table_response(board: dashboards.Dashboard, table: str) -> FileResponse:
    """One of the dashboard's tables of figures (any but the agencies' tables), as the board counts them."""
    year = board.year
    if table == "offices":
        columns = [Column(_("Filing office"), 30)] + [
            Column(header, 12)
            for header in (
                pgettext("count", "Agencies"),
                _("Filed on time"),
                _("Filed late"),
                _("Not filed"),
                _("Approved"),
            )
        ]
        rows = [line.row() for line in board.offices]
        return export_response(f"{TABLES[table]} {year}.xlsx", str(TABLES[table]), columns, rows)
    figures = getattr(board, table)
    unit = figures[0].measure_label if figures and figures[0].measure else pgettext("count", "Agencies")
    columns = [Column(str(TABLES[table]), 30), Column(unit, 14)]
    title = _title(str(TABLES[table]), year, provisional=board.provisional(figures))
    return export_response(f"{title}.xlsx", str(TABLES[table]), columns, [[f.label, f.value] for f in figures])


def agencies_response(
    board: dashboards.Dashboard,
    figure: dashboards.Figure,
    parts: dict[int, int | None],
    agency_rows: list[dashboards.Row],
) -> FileResponse:
    """The agencies behind a figure of ``board`` (or the ranking): each with its year's facts and result."""
    # This sheet's own headings and widths, written out: a shared list would name other columns.
    columns = [
        Column(_("Agency"), 36),
        Column(_("Filing office"), 26),
        Column(_("Checklist status"), 12),
        Column(_("First submitted at"), 18),
        Column(_("Study sessions"), 10),
        Column(pgettext("count", "Activities"), 10),
        Column(_("People reached"), 12),
        Column(_("Items met"), 10),
        Column(_("Items"), 10),
        Column(_("Total"), 10),
        Column(_("Grade"), 10),
        Column(_("Rank in the district"), 10),
        Column(_("Traffic light"), 10),
    ]
    if figure.measure:
        columns.append(Column(figure.part_label, 16))

    def rows():
        for row in agency_rows:
            part = parts[row.agency.pk]
            facts, result = row.facts, row.result
            line = [
                row.agency.name,
                row.agency.filing_office.name,
                dashboards.status_label(facts.filing_status),
                facts.first_submitted_at,
                facts.study_sessions,
                facts.activities_total,
                facts.people_total,
                facts.items_met,
                facts.items_total,
                float(result.total) if result else None,
                result.get_grade_display() if result else "",
                result.rank_district if result else None,
                result.get_light_display() if result else "",
            ]
            if figure.measure:
                line.append(part)
            yield line

    provisional = board.provisional([figure])
    sheet = figure.title + _(" (provisional)") if provisional else figure.title
    return export_response(f"{_title(figure.title, board.year, provisional=provisional)}.xlsx", sheet, columns, rows())
