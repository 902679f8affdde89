"""Leadership changes nothing, wherever the POST goes."""

from django.urls import reverse


def test_any_leadership_post_answers_403(login, leader, agency_a):
    client = login(leader)
    for url in [reverse("agencies:create"), reverse("agencies:law_create"), reverse("home")]:
        assert client.post(url, {}).status_code == 403, url


def test_leadership_may_switch_language(login, leader):
    response = login(leader).post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302


def test_leadership_reads_every_agency(login, leader, agency_a, agency_town):
    client = login(leader)
    assert client.get(reverse("agencies:detail", args=[agency_town.pk])).status_code == 200
