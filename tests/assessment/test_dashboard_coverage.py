"""The dashboard's enforcement-basis coverage: agencies covering every enforced law, of those with enforced laws on
record; each number drills down to exactly the agencies it counts."""

from django.urls import reverse

from agencies.models import Law
from checklists.coverage import coverage
from tests.checklists.conftest import approved, submitted

from .conftest import YEAR

URL = reverse("assessment:dashboard")
DRILL = reverse("assessment:dashboard_agencies")


def test_the_coverage_figure_equals_its_drill_down(
    login, leader, staff_a, staff_b, staff_parent, bureau_reviewer, agency_a, agency_b, agency_parent
):
    laws = [Law.objects.create(title=title) for title in ("中华人民共和国食品安全法", "中华人民共和国教育法")]
    agency_a.laws.set(laws)
    agency_b.laws.set(laws[1:])
    approved(agency_a, staff_a, bureau_reviewer, year=YEAR, laws=laws)  # fully covered
    submitted(agency_b, staff_b, year=YEAR)  # under review, covering nothing
    # agency_parent has no enforced laws on record: in neither figure
    client = login(leader)
    board = client.get(URL, {"year": YEAR}).context["board"]
    full, gaps = board.figure("coverage:full"), board.figure("coverage:gaps")
    assert (full.value, gaps.value) == (1, 1)
    assert full.value == sum(coverage(a, YEAR).complete for a in (agency_a, agency_b, agency_parent))
    for figure, names in ((full, {agency_a.name}), (gaps, {agency_b.name})):
        response = client.get(DRILL, {"year": YEAR, "figure": figure.key})
        assert response.context["count"] == figure.value
        assert {row.agency.name for row, _part in response.context["lines"]} == names


def test_the_dashboard_card_says_how_many_of_how_many(login, leader, staff_a, bureau_reviewer, agency_a):
    law = Law.objects.create(title="中华人民共和国食品安全法")
    agency_a.laws.set([law])
    approved(agency_a, staff_a, bureau_reviewer, year=YEAR, laws=[law])
    page = login(leader).get(URL, {"year": YEAR}).text
    assert "执法依据全覆盖的单位" in page
    card = page[page.index("执法依据全覆盖的单位") :]
    card = card[: card.index("</div></div></div>")]
    assert "figure=coverage%3Afull" in card and "figure=coverage%3Agaps" in card
    assert "/ 1</span>" in card


def test_a_board_cached_before_the_coverage_figures_still_reads(leader):
    import pickle

    from assessment.dashboard import selectors as dashboard

    board = dashboard.for_user(YEAR, leader)
    del board.__dict__["coverage"]  # as a board pickled before the field existed
    old = pickle.loads(pickle.dumps(board))
    assert old.coverage == () and old.figure("coverage:full") is None and old.figure("all") is not None
