"""The leader's one-page brief: the dashboard's key figures and the five agencies furthest behind, as an A4 PDF
written by WeasyPrint from a template (``assessment/leader_brief_pdf.html``).

WeasyPrint lays the page out with Pango and embeds the server's CJK font (``settings.PUFFA_CJK_FONT``); it
fetches nothing: every address the page might name is refused (``_no_fetching``).
"""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string

from .district import DistrictFigures


def _no_fetching(url: str, *args, **kwargs):
    raise ValueError(f"the brief fetches nothing: {url}")


def brief_title(year: int) -> str:
    return f"{year}年度全区普法责任制落实情况简报"


def leader_brief_html(figures: DistrictFigures) -> str:
    """The brief's page as HTML, which ``leader_brief_pdf`` lays out."""
    board = figures.board
    return render_to_string(
        "assessment/leader_brief_pdf.html",
        {
            "title": brief_title(figures.year),
            "figures": figures,
            "board": board,
            "font": settings.PUFFA_CJK_FONT,
            "total": board.everyone.value if board.everyone else 0,
            "behind": figures.behind,
            "tied": figures.behind_tied,
        },
    )


def leader_brief_pdf(figures: DistrictFigures) -> bytes:
    import weasyprint  # loads Pango: only the worker that builds a brief pays for it

    return weasyprint.HTML(string=leader_brief_html(figures), url_fetcher=_no_fetching).write_pdf()
