"""The dashboard's campaign figure: the agencies that took part in a campaign of the year, and its drill-down."""

import datetime as dt

from django.urls import reverse

from activities.models import Activity, CampaignAgency

from .conftest import YEAR, announce, log


def test_the_figure_counts_agencies_that_took_part_and_drills_down_to_them(
    login, leader, campaign, bureau_admin, agency_a, agency_b, staff_a, staff_b, agency_town
):
    spring = announce(bureau_admin, title="法润新北", start_date=dt.date(YEAR, 5, 1), end_date=dt.date(YEAR, 10, 31))
    log(agency_a, staff_a, campaign=campaign)
    log(agency_a, staff_a, campaign=spring, on=dt.date(YEAR, 6, 1))
    log(agency_b, staff_b, campaign=campaign, on=dt.date(YEAR, 12, 8))  # not held yet: not taken part
    board = login(leader).get(reverse("assessment:dashboard"), {"year": YEAR}).context["board"]
    took, not_yet = board.campaigns
    held = Activity.objects.filter(
        campaign__year=YEAR, deleted_at__isnull=True, start_date__lte=dt.date(YEAR, 12, 2), agency__is_active=True
    )
    independent = set(held.values_list("agency_id", flat=True))
    asked = set(CampaignAgency.objects.filter(campaign__year=YEAR).values_list("agency_id", flat=True))
    assert took.value == len(independent) == 1
    assert not_yet.value == len(asked - independent)
    drill = login(leader).get(reverse("assessment:dashboard_agencies"), {"year": YEAR, "figure": "campaign:took_part"})
    assert drill.status_code == 200
    assert [row.agency for row, _part in drill.context["lines"]] == [agency_a]
    assert len(drill.context["lines"]) == took.value
    others = login(leader).get(reverse("assessment:dashboard_agencies"), {"year": YEAR, "figure": "campaign:not_yet"})
    assert {row.agency.pk for row, _part in others.context["lines"]} == asked - independent


def test_a_town_reviewer_counts_only_their_agencies(login, town_reviewer, campaign, agency_town, staff_town):
    theirs = announce(town_reviewer, title="薛家镇民法典宣传")
    log(agency_town, staff_town, campaign=theirs)
    board = login(town_reviewer).get(reverse("assessment:dashboard"), {"year": YEAR}).context["board"]
    assert [figure.value for figure in board.campaigns] == [1, 0]


def test_a_campaign_announced_after_the_dashboard_was_counted_shows_at_once(login, leader, bureau_admin, agency_a):
    client = login(leader)
    assert [
        f.value for f in client.get(reverse("assessment:dashboard"), {"year": YEAR}).context["board"].campaigns
    ] == [
        0,
        0,
    ]
    announce(bureau_admin)
    board = client.get(reverse("assessment:dashboard"), {"year": YEAR}).context["board"]
    assert board.campaigns[1].value == CampaignAgency.objects.filter(agency__is_active=True).count()
