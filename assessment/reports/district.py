"""The district's documents of a year, read from the leadership dashboard: every figure is the dashboard's own
(``assessment.dashboard.selectors``, which counts with ``assessment.facts.year_facts`` over the facts of
``activities.facts`` and ``checklists.facts``), never a second count, so the report, the brief and the dashboard
say the same numbers.

"Furthest behind" (the brief's five agencies) is the bottom of the year's ranking: the lowest total scores
(``Result.rank_district``), the agencies the dashboard's ranking lists last. Before the year is scored there is
no ranking and the brief says so.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from django.utils import timezone

from activities.campaigns import facts as campaign_facts
from activities.campaigns import selectors as campaign_selectors
from activities.models import Campaign
from agencies import access
from agencies.models import User

from ..dashboard import charts
from ..dashboard import members as dashboard_members
from ..dashboard import selectors as dashboards
from ..decisions import selectors as decisions
from ..models import Commendation, Finding, Measure
from ..oversight.selectors import overdue_rectifications

BEHIND = 5


@dataclass
class DistrictFigures:
    year: int
    today: dt.date
    board: dashboards.Dashboard
    ranking: list[dashboards.Row] = field(default_factory=list)  # every scored agency, first to last
    overdue: list[Finding] = field(default_factory=list)
    # The year's campaigns with their participation (``activities.campaigns.facts``, as the campaign pages).
    campaigns: list[tuple[Campaign, campaign_facts.Participation]] = field(default_factory=list)
    # The year's results use (``assessment.decisions.selectors``, as the results-use page).
    commendations: list[Commendation] = field(default_factory=list)
    measures: list[Measure] = field(default_factory=list)
    decisions: dict[str, int] = field(default_factory=dict)
    # How many scored agencies hold each rank (the whole ranking's): a table cut inside a tie says so.
    holding: Counter = field(default_factory=Counter)

    @property
    def behind(self) -> list[dashboards.Row]:
        """The five agencies furthest behind: the lowest total scores, lowest first (tied ones by name)."""
        return sorted(self.ranking[-BEHIND:], key=lambda row: -row.result.rank_district)

    @property
    def behind_tied(self) -> int:
        """Agencies tied with the last of the five furthest behind, left out of them (``tied_left_out``)."""
        ranks = [row.result.rank_district for row in self.behind]
        return dashboards.tied_left_out(ranks, self.holding[ranks[-1]] if ranks else 0)

    def value(self, key: str) -> int:
        figure = self.board.figure(key)
        return figure.value if figure is not None else 0


def district_figures(year: int, user: User, *, ranking: int | None = None) -> DistrictFigures:
    """The year's figures over the agencies ``user`` sees, as the dashboard shows them to that user.

    ``ranking`` bounds how many of the ranking's agencies are read whole (both ends are kept): the brief needs
    only its last five, the report its first ten and last five."""
    agencies, scope = access.active_agencies(user), access.scope_key(user)
    board = dashboards.build(year, agencies, scope=scope)
    ranked = dashboard_members.of_figure(year, agencies, "ranking", rubric_id=board.rubric_id).ranks()
    ids = [pk for pk, _rank in ranked]
    if ranking is not None and len(ids) > ranking:
        ids = ids[: max(ranking - BEHIND, 0)] + ids[-BEHIND:]
    today = timezone.localdate()
    campaigns = campaign_selectors.campaign_list(user, year).order_by("start_date", "pk")
    participation = campaign_facts.participation(campaigns, today)
    return DistrictFigures(
        year=year,
        today=today,
        board=board,
        ranking=dashboards.rows_of(board, agencies, ids),
        holding=Counter(rank for _pk, rank in ranked),
        overdue=list(overdue_rectifications(year).filter(agency__in=agencies.values("pk"))),
        campaigns=[(c, participation.get(c.pk, campaign_facts.Participation())) for c in campaigns],
        commendations=list(decisions.year_commendations(user, year)),
        measures=list(decisions.year_measures(user, year, today=today)),
        decisions=decisions.decision_counts(user, year, today=today),
    )


def chart_svgs(board: dashboards.Dashboard) -> list[tuple[str, str]]:
    """The dashboard's charts (the same drawing functions, without the links), each with its caption."""

    def bars(figures):
        return [charts.Bar(f.label, f.value, "", f.color) for f in figures]

    found = [
        ("全区责任清单备案及时情况", charts.bar_chart(bars(board.filing_timing), label="")),
        ("集中学法最低次数达标情况", charts.bar_chart(bars(board.study), label="")),
        ("各月开展普法活动次数", charts.column_chart(bars(board.months), label="")),
        ("按职责类别开展普法活动次数", charts.bar_chart(bars(board.duties), label="")),
        ("考核等次分布", charts.bar_chart(bars(board.grades), label="")),
    ]
    return [(caption, str(svg)) for caption, svg in found]
