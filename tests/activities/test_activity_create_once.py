"""A double-clicked "save" logs the activity once: the form's one-time token is claimed by the first post."""

from django.urls import reverse

from activities.models import Activity

from .conftest import YEAR
from .test_activity_create import post_data, url


def test_two_identical_posts_log_one_activity(login, staff_a, agency_a):
    client = login(staff_a)
    token = client.get(url(agency_a)).context["form"]["once"].value()
    first = client.post(url(agency_a), post_data(once=token))
    second = client.post(url(agency_a), post_data(once=token), follow=True)
    activity = Activity.objects.get()
    assert first.status_code == 302 and first.url == activity.get_absolute_url()
    assert second.redirect_chain[-1][0] == activity.get_absolute_url()
    assert "已经保存" in second.text


def test_each_showing_of_the_form_has_its_own_token(login, staff_a, agency_a):
    client = login(staff_a)
    tokens = {str(client.get(url(agency_a)).context["form"]["once"].value()) for _ in range(2)}
    assert len(tokens) == 2
    for token in tokens:
        assert client.post(url(agency_a), post_data(once=token)).status_code == 302
    assert Activity.objects.count() == 2


def test_a_refused_post_keeps_its_token_for_the_corrected_one(login, staff_a, agency_a):
    client = login(staff_a)
    token = client.get(url(agency_a)).context["form"]["once"].value()
    assert client.post(url(agency_a), post_data(once=token, title="")).status_code == 200
    assert client.post(url(agency_a), post_data(once=token)).status_code == 302
    assert Activity.objects.count() == 1


def test_a_token_someone_else_used_creates_nothing_and_shows_nothing_of_theirs(
    login, staff_a, staff_b, agency_a, agency_b
):
    token = login(staff_a).get(url(agency_a)).context["form"]["once"].value()
    login(staff_a).post(url(agency_a), post_data(once=token))
    response = login(staff_b).post(url(agency_b), post_data(once=token))
    assert Activity.objects.count() == 1
    assert response.status_code == 302 and response.url == reverse("activities:ledger", args=[agency_b.pk, YEAR])
