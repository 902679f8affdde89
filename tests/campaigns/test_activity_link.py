"""Linking an activity to a campaign: offered only the campaigns the agency is asked in, checked on the server."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from activities import services
from activities.models import Activity

from .conftest import YEAR, announce


def form(campaign, on: str) -> dict:
    return {
        "activity_type": "constitution_day",
        "title": "宪法宣誓仪式",
        "start_date": on,
        "people_reached": "30",
        "campaign": str(campaign.pk) if campaign else "",
        "once": "",
    }


def test_the_form_offers_only_campaigns_asking_the_agency(login, staff_a, campaign, town_reviewer, agency_town):
    announce(town_reviewer, title="薛家镇民法典宣传")
    page = login(staff_a).get(reverse("activities:create", args=[staff_a.agency_id, YEAR]), {"campaign": campaign.pk})
    offered = list(page.context["form"].fields["campaign"].queryset)
    assert offered == [campaign]
    assert page.context["form"].initial["campaign"] == str(campaign.pk)


def test_an_activity_in_the_campaign_is_linked(login, staff_a, campaign):
    response = login(staff_a).post(
        reverse("activities:create", args=[staff_a.agency_id, YEAR]), form(campaign, f"{YEAR}-11-25")
    )
    assert response.status_code == 302
    assert Activity.objects.get().campaign == campaign


def test_an_activity_outside_the_campaigns_dates_is_refused(login, staff_a, campaign):
    response = login(staff_a).post(
        reverse("activities:create", args=[staff_a.agency_id, YEAR]), form(campaign, f"{YEAR}-10-01")
    )
    assert response.status_code == 200
    assert "活动日期不在其中" in response.text and "宪法宣誓仪式" in response.text
    assert not Activity.objects.exists()


def test_a_campaign_not_asking_the_agency_is_refused_by_the_service(staff_town, agency_town, campaign):
    fields = services.ActivityFields(
        activity_type="constitution_day", title="宪法宣传", start_date=dt.date(YEAR, 11, 25), campaign=campaign
    )
    with pytest.raises(ValidationError) as refused:
        services.activity_create(agency=agency_town, created_by=staff_town, fields=fields)
    assert "campaign" in refused.value.message_dict
    assert not Activity.objects.exists()


def test_a_posted_campaign_of_another_agency_is_not_a_valid_choice(login, staff_town, campaign):
    response = login(staff_town).post(
        reverse("activities:create", args=[staff_town.agency_id, YEAR]), form(campaign, f"{YEAR}-11-25")
    )
    assert response.status_code == 200 and not Activity.objects.exists()


def test_the_agency_sees_the_running_campaign_in_its_todo_until_it_takes_part(login, staff_a, campaign):
    home = login(staff_a).get(reverse("home"))
    assert "参加集中宣传活动“2026年“12·4”国家宪法日集中宣传活动”" in home.text
    assert reverse("campaigns:detail", args=[campaign.pk]) in home.text
    login(staff_a).post(reverse("activities:create", args=[staff_a.agency_id, YEAR]), form(campaign, f"{YEAR}-11-25"))
    assert "参加集中宣传活动" not in login(staff_a).get(reverse("home")).text
