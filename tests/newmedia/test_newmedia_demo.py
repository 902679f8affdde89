"""The demo cluster: several agencies' accounts, a deactivated one, new-media posts linked to them."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from activities.models import Activity, MediaAccount
from agencies.models import User

# seed_demo opens the years it fills, as the bureau would: no year is open before it runs.
pytestmark = pytest.mark.opened_years()


@pytest.fixture
def demo(settings, db):
    settings.DEBUG = True
    call_command("seed_demo", stdout=io.StringIO())


def test_the_demo_cluster_is_believable(demo, client):
    accounts = MediaAccount.objects.all()
    assert accounts.values("agency").distinct().count() >= 5
    assert {account.platform for account in accounts} == {"wechat", "weibo", "website", "short_video"}
    assert accounts.filter(is_active=False).count() == 1
    market = accounts.get(name="新北市场监管")
    assert market.agency.short_name and market.activities.filter(year=2026).count() >= 2
    linked = Activity.objects.filter(media_account__isnull=False)
    assert all(activity.activity_type == "new_media_post" for activity in linked)
    assert all(
        activity.agency_id == activity.media_account.agency_id for activity in linked.select_related("media_account")
    )

    town_reviewer = User.objects.filter(
        role=User.Role.REVIEWER, filing_office__agencies__name="常州市新北区薛家镇人民政府"
    ).first()
    client.force_login(town_reviewer)
    page = client.get(reverse("newmedia:cluster", args=[2026])).context["page"]
    assert page.paginator.count >= 1 and all(a.agency.filing_office.kind == "town" for a in page)


def test_seeding_twice_changes_nothing(demo):
    before = (MediaAccount.objects.count(), Activity.objects.filter(media_account__isnull=False).count())
    call_command("seed_demo", stdout=io.StringIO())
    assert (MediaAccount.objects.count(), Activity.objects.filter(media_account__isnull=False).count()) == before
