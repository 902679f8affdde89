"""A new-media activity names the account it was posted on: one of the agency's own active accounts."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from activities import services
from activities.models import Activity, MediaAccount

YEAR = 2026


def post_data(**overrides):
    data = {
        "activity_type": "new_media_post",
        "title": "“3·15”消费维权以案释法推文",
        "start_date": f"{YEAR}-03-15",
        "people_reached": "1200",
    }
    data.update(overrides)
    return data


def create(client, agency, **overrides):
    return client.post(reverse("activities:create", args=[agency.pk, YEAR]), post_data(**overrides))


def test_staff_link_a_new_media_post_to_their_account(login, staff_a, agency_a, wechat_a):
    response = create(login(staff_a), agency_a, media_account=wechat_a.pk)
    activity = Activity.objects.get()
    assert response.status_code == 302 and activity.media_account == wechat_a
    assert "新北市场监管" in login(staff_a).get(activity.get_absolute_url()).text


def test_the_form_offers_only_the_agencys_active_accounts(login, staff_a, agency_a, wechat_a, weibo_b):
    MediaAccount.objects.create(
        agency=agency_a,
        platform="weibo",
        name="旧微博",
        url="https://weibo.com/old",
        created_by=staff_a,
        is_active=False,
    )
    choices = login(staff_a).get(reverse("activities:create", args=[agency_a.pk, YEAR])).context["form"]
    assert list(choices.fields["media_account"].queryset) == [wechat_a]


@pytest.mark.parametrize("whose", ["other_agency", "deactivated"])
def test_another_agencys_or_a_deactivated_account_is_refused(login, staff_a, agency_a, wechat_a, weibo_b, whose):
    account = weibo_b if whose == "other_agency" else wechat_a
    if whose == "deactivated":
        MediaAccount.objects.filter(pk=wechat_a.pk).update(is_active=False)
    response = create(login(staff_a), agency_a, media_account=account.pk)
    assert response.status_code == 200 and not Activity.objects.exists()
    assert response.context["form"].errors["media_account"]


def test_the_service_refuses_another_agencys_account(agency_a, staff_a, weibo_b):
    fields = services.ActivityFields(
        activity_type="new_media_post", title="推文", start_date=dt.date(YEAR, 5, 1), media_account=weibo_b
    )
    with pytest.raises(ValidationError) as refused:
        services.activity_create(agency=agency_a, created_by=staff_a, fields=fields)
    assert "media_account" in refused.value.message_dict and not Activity.objects.exists()


def test_another_type_drops_the_link(agency_a, staff_a, wechat_a):
    fields = services.ActivityFields(
        activity_type="law_lecture", title="讲座", start_date=dt.date(YEAR, 5, 1), media_account=wechat_a
    )
    assert services.activity_create(agency=agency_a, created_by=staff_a, fields=fields).media_account is None


def test_an_activity_keeps_its_account_after_the_account_is_deactivated(login, staff_a, agency_a, wechat_a):
    create(login(staff_a), agency_a, media_account=wechat_a.pk)
    activity = Activity.objects.get()
    MediaAccount.objects.filter(pk=wechat_a.pk).update(is_active=False)
    edit = reverse("activities:edit", args=[activity.pk])
    response = login(staff_a).post(edit, post_data(title="改过的标题", media_account=wechat_a.pk))
    activity.refresh_from_db()
    assert response.status_code == 302 and activity.title == "改过的标题" and activity.media_account == wechat_a
