"""Announcing a campaign: who may, to whom, and a wrong form keeping what was typed."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from activities.models import Campaign, CampaignAgency
from agencies.models import Agency

from .conftest import YEAR, announce

URL = reverse("campaigns:create")


def form_data(**fields):
    data = {
        "title": "“法润新北”法治文化广场活动",
        "start_date": f"{YEAR}-05-01",
        "end_date": f"{YEAR}-10-31",
        "asks": "每单位至少开展一场",
        "scope": "all",
    }
    data.update(fields)
    return data


def test_the_bureau_announces_to_every_active_agency(login, bureau_admin, agency_a, agency_b, agency_town):
    Agency.objects.create(
        name="已撤销单位", agency_type="government", filing_office=agency_a.filing_office, is_active=False
    )
    response = login(bureau_admin).post(URL, form_data())
    campaign = Campaign.objects.get()
    assert response.status_code == 302 and response["Location"] == campaign.get_absolute_url()
    asked = set(CampaignAgency.objects.filter(campaign=campaign).values_list("agency_id", flat=True))
    assert asked == set(Agency.objects.filter(is_active=True).values_list("pk", flat=True))
    assert campaign.office.is_district_bureau and campaign.year == YEAR


def test_a_wrong_form_keeps_what_was_typed(login, bureau_admin, agency_a):
    response = login(bureau_admin).post(URL, form_data(end_date=f"{YEAR}-04-01"))
    assert response.status_code == 200
    assert "结束日期不能早于开始日期" in response.text
    assert "“法润新北”法治文化广场活动" in response.text and "每单位至少开展一场" in response.text
    assert not Campaign.objects.exists()


def test_a_type_needs_its_type(login, bureau_admin, agency_a):
    response = login(bureau_admin).post(URL, form_data(scope="type"))
    assert response.status_code == 200 and "请选择要求参加的单位类型" in response.text
    assert not Campaign.objects.exists()


def test_a_type_asks_only_agencies_of_that_type(bureau_admin, agency_a, agency_b):
    Agency.objects.filter(pk=agency_b.pk).update(agency_type=Agency.Type.JUDICIAL)
    campaign = announce(bureau_admin, scope=Campaign.Scope.TYPE, agency_type=Agency.Type.JUDICIAL)
    assert list(campaign.agencies.all()) == [agency_b]


def test_a_town_office_asks_only_its_own_agencies(login, town_reviewer, agency_town, agency_a, agency_b):
    response = login(town_reviewer).post(URL, form_data())
    campaign = Campaign.objects.get()
    assert response.status_code == 302
    assert list(campaign.agencies.all()) == [agency_town]
    assert campaign.office == town_reviewer.filing_office


def test_a_town_office_cannot_choose_an_agency_of_the_district(login, town_reviewer, agency_town, agency_a):
    response = login(town_reviewer).post(URL, form_data(scope="chosen", chosen=[agency_a.pk]))
    assert response.status_code == 200 and not Campaign.objects.exists()
    with pytest.raises(ValidationError):
        announce(town_reviewer, scope=Campaign.Scope.CHOSEN, chosen=[agency_a])
    with pytest.raises(ValidationError):
        announce(town_reviewer, scope=Campaign.Scope.OFFICE, filing_office=agency_a.filing_office)


def test_staff_and_leadership_cannot_announce(login, staff_a, leader, agency_a):
    assert login(staff_a).post(URL, form_data()).status_code == 403
    assert login(leader).post(URL, form_data()).status_code == 403
    with pytest.raises(PermissionDenied):
        announce(staff_a)
    assert not Campaign.objects.exists()


def test_a_campaign_of_a_year_not_opened_is_refused(bureau_admin, agency_a):
    with pytest.raises(ValidationError):
        announce(bureau_admin, start_date=dt.date(2031, 1, 1), end_date=dt.date(2031, 2, 1))


def test_the_announcer_corrects_the_words_but_not_who_is_asked(login, bureau_reviewer, campaign, agency_a):
    url = reverse("campaigns:edit", args=[campaign.pk])
    data = {"title": "新主题", "start_date": f"{YEAR}-11-20", "end_date": f"{YEAR}-12-15", "asks": "新要求"}
    assert login(bureau_reviewer).post(url, data).status_code == 302
    campaign.refresh_from_db()
    assert (campaign.title, campaign.end_date, campaign.asked.count()) == ("新主题", dt.date(YEAR, 12, 15), 3)


def test_new_dates_may_not_leave_a_linked_activity_outside(login, bureau_reviewer, campaign, agency_a, staff_a):
    from .conftest import log

    log(agency_a, staff_a, campaign=campaign, on=dt.date(YEAR, 11, 21))
    url = reverse("campaigns:edit", args=[campaign.pk])
    data = {"title": campaign.title, "start_date": f"{YEAR}-11-25", "end_date": f"{YEAR}-12-10", "asks": "新要求"}
    response = login(bureau_reviewer).post(url, data)
    assert response.status_code == 200 and "1 条已关联的活动将不在新的日期范围内" in response.text
    campaign.refresh_from_db()
    assert campaign.start_date == dt.date(YEAR, 11, 20)
