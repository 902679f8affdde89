"""A year's assessment results as a spreadsheet (agencies.spreadsheets does the writing)."""

from __future__ import annotations

from django.http import FileResponse
from django.utils.translation import gettext as _

from agencies.spreadsheets import Column, export_response

from . import rules, selectors
from .models import Rubric, Score


def results_response(rubric: Rubric, agencies, year: int) -> FileResponse:
    """Each agency's result of ``rubric``, with its score of every indicator; provisional until published."""
    indicators = list(rubric.indicators.all())
    scores: dict[tuple[int, int], Score] = {
        (s.agency_id, s.indicator_id): s
        for s in Score.objects.filter(indicator__rubric=rubric, agency__in=agencies.values("pk"))
    }
    yes, no = _("yes"), _("no")
    # This sheet's own headings and widths, written out: a shared list would name other columns.
    columns = [
        Column(_("Rank in the district"), 10),
        Column(_("Agency"), 36),
        Column(_("Type"), 24),
        Column(_("Filing office"), 26),
        *(Column(f"{i.name}（{rules.plain(i.weight)}）", 14) for i in indicators),
        Column(_("Total"), 10),
        Column(_("Grade"), 10),
        Column(_("Rank within type"), 10),
        Column(_("Checklist filed"), 10),
        Column(_("Traffic light"), 10),
        Column(_("Candidate for commendation"), 12),
        Column(_("Candidate for accountability"), 12),
    ]

    def rows():
        for result in selectors.results(rubric, agencies):
            agency = result.agency
            yield [
                result.rank_district,
                agency.name,
                agency.get_agency_type_display(),
                agency.filing_office.name,
                *(float(scores[(agency.pk, i.pk)].final) if (agency.pk, i.pk) in scores else None for i in indicators),
                float(result.total),
                result.get_grade_display(),
                result.rank_in_type,
                yes if result.has_checklist else no,
                result.get_light_display(),
                yes if result.commendation else no,
                yes if result.accountability else no,
            ]

    title = _("Assessment results %(year)d") % {"year": year}
    if not rubric.is_published:
        title += _(" (provisional)")
    return export_response(f"{title}.xlsx", _("Results"), columns, rows())
