"""Each role lands on its own home page."""

import re

from django.urls import reverse

from agencies.models import Law


def test_staff_see_their_agency_and_its_subordinate_units(login, staff_parent, agency_a):
    response = login(staff_parent).get(reverse("home"))
    assert response.status_code == 200
    assert "常州市新北区人民政府办公室" in response.text
    assert "常州市新北区市场监督管理局" in response.text  # the subordinate unit


def test_the_clerk_s_card_counts_the_laws_the_agency_enforces(login, staff_a, agency_a):
    agency_a.laws.set(Law.objects.create(title=title) for title in ("中华人民共和国食品安全法", "中华人民共和国广告法"))
    page = login(staff_a).get(reverse("home")).content.decode()
    card = page[page.index("本单位") :]
    assert re.search(r"执行的法律法规</dt><dd[^>]*>2</dd>", card)


def test_a_town_reviewer_sees_their_office_and_its_agencies(login, town_reviewer, agency_a, agency_town):
    response = login(town_reviewer).get(reverse("home"))
    assert response.status_code == 200
    assert "薛家镇司法所" in response.text
    assert response.context["summary"]["total"] == 1


def test_leadership_sees_the_whole_district(login, leader, agency_a, agency_b, agency_town):
    response = login(leader).get(reverse("home"))
    assert response.status_code == 200
    assert response.context["summary"]["total"] == 4
    assert "只读" in response.text


def test_a_bureau_administrator_sees_the_management_links(login, bureau_admin):
    response = login(bureau_admin).get(reverse("home"))
    assert reverse("agencies:create") in response.text


def test_anonymous_users_are_sent_to_log_in(client, db):
    response = client.get(reverse("home"))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))
