"""The agency list, detail and edit pages through the access rules."""

import pytest
from django.urls import reverse

from agencies.models import Agency, Law


def test_the_list_shows_staff_only_their_agency(login, staff_a, agency_b):
    response = login(staff_a).get(reverse("agencies:list"))
    assert response.status_code == 200
    assert "常州市新北区市场监督管理局" in response.text
    assert "常州市新北区教育局" not in response.text


def test_the_list_filters_by_level_and_search(login, bureau_reviewer, agency_a, agency_b, agency_town):
    client = login(bureau_reviewer)
    town_only = client.get(reverse("agencies:list"), {"level": "town"}).text
    assert "薛家镇人民政府" in town_only and "教育局" not in town_only
    searched = client.get(reverse("agencies:list"), {"q": "教育"}).text
    assert "教育局" in searched and "市场监督" not in searched


def test_the_list_query_count_does_not_grow_with_agencies(
    login, bureau_reviewer, bureau_office, django_assert_num_queries
):
    client = login(bureau_reviewer)
    Agency.objects.bulk_create(
        Agency(name=f"单位{i}", agency_type=Agency.Type.GOVERNMENT, filing_office=bureau_office) for i in range(5)
    )
    # 1. the session
    # 2. the user
    # 3. the user's filing office
    # 4. the agency count for the paginator
    # 5. the unread-notification count in the navigation bar
    # 6. the filing offices for the filter
    # 7. the page of agencies with their filing office and subordinate count
    with django_assert_num_queries(7):
        assert client.get(reverse("agencies:list")).status_code == 200
    Agency.objects.bulk_create(
        Agency(name=f"另一单位{i:03d}", agency_type=Agency.Type.GOVERNMENT, filing_office=bureau_office)
        for i in range(120)
    )
    # The same seven for 125 agencies, on page 2.
    with django_assert_num_queries(7):
        response = client.get(reverse("agencies:list"), {"page": 2})
    assert response.context["page"].paginator.count == 125
    assert len(response.context["page"].object_list) == 50


def test_the_list_shows_each_agencys_number_of_subordinate_units(login, bureau_reviewer, agency_parent, agency_a):
    Agency.objects.create(
        name="常州市新北区人民政府研究室",
        agency_type=Agency.Type.GOVERNMENT,
        filing_office=agency_a.filing_office,
        parent=agency_parent,
    )
    response = login(bureau_reviewer).get(reverse("agencies:list"))
    counts = {agency.name: agency.subordinate_count for agency in response.context["page"]}
    assert counts["常州市新北区人民政府办公室"] == 2
    assert counts["常州市新北区市场监督管理局"] == 0


def test_the_list_pages_continue_in_level_and_name_order(login, bureau_reviewer, bureau_office, town_office):
    Agency.objects.bulk_create(
        Agency(name=f"单位{i:03d}", agency_type=Agency.Type.GOVERNMENT, filing_office=office, level=level)
        for i, (office, level) in enumerate([(bureau_office, "district"), (town_office, "town")] * 40)
    )
    client = login(bureau_reviewer)
    pages = [client.get(reverse("agencies:list"), {"page": n}).context["page"] for n in (1, 2)]
    shown = [(agency.level, agency.name) for page in pages for agency in page]
    assert len(shown) == 80
    assert shown == sorted(shown)


def test_another_agencys_page_answers_404(login, staff_a, agency_b):
    assert login(staff_a).get(reverse("agencies:detail", args=[agency_b.pk])).status_code == 404


def test_the_parent_reads_the_childs_page(login, staff_parent, agency_a):
    response = login(staff_parent).get(reverse("agencies:detail", args=[agency_a.pk]))
    assert response.status_code == 200
    assert "常州市新北区市场监督管理局" in response.text


def test_the_parent_finds_the_childs_checklist_and_ledger_from_its_page(login, staff_parent, agency_a, time_machine):
    time_machine.move_to("2026-06-01 10:00 +0800", tick=False)
    client = login(staff_parent)
    page = client.get(reverse("agencies:detail", args=[agency_a.pk])).text
    ledger, checklist = (
        reverse("activities:ledger", args=[agency_a.pk, 2026]),
        reverse("checklists:year", args=[agency_a.pk, 2026]),
    )
    assert ledger in page and checklist in page and "2026年台账" in page and "2026年度责任清单" in page
    assert client.get(ledger).status_code == 200 and client.get(checklist).status_code == 200


def test_anonymous_users_go_to_the_login_page(client, agency_a):
    response = client.get(reverse("agencies:detail", args=[agency_a.pk]))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_staff_cannot_edit_their_own_agency_record(login, staff_a, agency_a):
    assert login(staff_a).get(reverse("agencies:edit", args=[agency_a.pk])).status_code == 403
    assert login(staff_a).post(reverse("agencies:edit", args=[agency_a.pk]), {"name": "x"}).status_code == 403


def test_leadership_posts_answer_403(login, leader, agency_a):
    client = login(leader)
    assert client.post(reverse("agencies:edit", args=[agency_a.pk]), {"name": "x"}).status_code == 403
    assert client.post(reverse("agencies:create"), {"name": "x"}).status_code == 403
    agency_a.refresh_from_db()
    assert agency_a.name == "常州市新北区市场监督管理局"


def _agency_post(office, **overrides):
    data = {
        "name": "常州市新北区水利局",
        "short_name": "区水利局",
        "code": "",
        "agency_type": "government",
        "level": "district",
        "filing_office": office.pk,
        "subject_to_study_minimum": "on",
        "is_active": "on",
        "contacts-TOTAL_FORMS": "1",
        "contacts-INITIAL_FORMS": "0",
        "contacts-0-name": "王芳",
        "contacts-0-phone": "0519-85000000",
        "contacts-0-email": "wf@puffa.example",
        "contacts-0-is_primary": "on",
    }
    data.update(overrides)
    return data


def test_a_bureau_administrator_creates_an_agency_with_a_contact(login, bureau_admin, bureau_office):
    response = login(bureau_admin).post(
        reverse("agencies:create"), _agency_post(bureau_office, code="91350100m000100y43")
    )
    agency = Agency.objects.get(short_name="区水利局")
    assert response.status_code == 302 and response.url == agency.get_absolute_url()
    assert agency.code == "91350100M000100Y43"  # typed in lower case, stored in capitals
    assert agency.contacts.get().name == "王芳"


def test_a_wrong_credit_code_keeps_what_was_typed_and_says_why_in_chinese(login, bureau_admin, bureau_office):
    response = login(bureau_admin).post(
        reverse("agencies:create"), _agency_post(bureau_office, code="91350100M000100Y44")
    )
    assert response.status_code == 200
    assert "校验" in response.text
    assert "常州市新北区水利局" in response.text and "王芳" in response.text
    assert not Agency.objects.filter(short_name="区水利局").exists()


def test_a_town_agency_cannot_file_with_the_district_bureau(login, bureau_admin, bureau_office):
    response = login(bureau_admin).post(reverse("agencies:create"), _agency_post(bureau_office, level="town"))
    assert response.status_code == 200
    assert not Agency.objects.filter(short_name="区水利局").exists()


def test_an_agency_cannot_be_put_under_its_own_unit(login, bureau_admin, agency_parent, agency_a, bureau_office):
    data = _agency_post(bureau_office, name=agency_parent.name, parent=agency_a.pk)
    response = login(bureau_admin).post(reverse("agencies:edit", args=[agency_parent.pk]), data)
    assert response.status_code == 200
    agency_parent.refresh_from_db()
    assert agency_parent.parent is None


@pytest.mark.parametrize("url_name", ["agencies:law_create"])
def test_only_bureau_administrators_add_laws(login, staff_a, bureau_reviewer, url_name):
    assert login(staff_a).get(reverse(url_name)).status_code == 403
    assert login(bureau_reviewer).get(reverse(url_name)).status_code == 403


def test_a_bureau_administrator_adds_a_law(login, bureau_admin):
    data = {
        "title": "中华人民共和国行政复议法",
        "kind": "law",
        "issuing_body": "全国人民代表大会常务委员会",
        "promulgated_on": "2023-09-01",
        "effective_on": "2024-01-01",
    }
    response = login(bureau_admin).post(reverse("agencies:law_create"), data)
    assert response.status_code == 302
    assert Law.objects.get(title="中华人民共和国行政复议法").effective_on.isoformat() == "2024-01-01"


def test_a_law_cannot_take_effect_before_it_is_promulgated(login, bureau_admin):
    data = {"title": "某法", "kind": "law", "promulgated_on": "2024-01-01", "effective_on": "2023-01-01"}
    response = login(bureau_admin).post(reverse("agencies:law_create"), data)
    assert response.status_code == 200
    assert not Law.objects.filter(title="某法").exists()


def test_every_signed_in_user_reads_the_law_catalogue(login, staff_a, law):
    response = login(staff_a).get(reverse("agencies:law_list"))
    assert response.status_code == 200 and "食品安全法" in response.text


def test_the_law_catalogue_counts_the_agencies_enforcing_each_law(login, staff_a, agency_a, agency_b, law):
    unenforced = Law.objects.create(title="中华人民共和国种子法", kind=Law.Kind.LAW, issuing_body="全国人大常委会")
    agency_a.laws.add(law)
    agency_b.laws.add(law)
    laws = {row.pk: row.agency_count for row in login(staff_a).get(reverse("agencies:law_list")).context["page"]}
    assert laws == {law.pk: 2, unenforced.pk: 0}


def test_the_list_filters_by_filing_office_and_keeps_it_chosen(login, bureau_reviewer, agency_a, agency_town):
    office = agency_town.filing_office
    response = login(bureau_reviewer).get(reverse("agencies:list"), {"filing_office": office.pk})
    assert [agency.pk for agency in response.context["page"]] == [agency_town.pk]
    assert f'<option value="{office.pk}" selected>{office.name}</option>' in response.text
    assert '<select name="filing_office" class="select form-select" id="id_filing_office">' in response.text
