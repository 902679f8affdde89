"""The public pages: no login, each agency's latest approved revision, and nothing else."""

import io

import pytest
from django.core.cache import cache
from django.urls import reverse
from openpyxl import load_workbook

from checklists import services

from .conftest import YEAR, approved, draft, item, many_agencies, submitted

LIST = reverse("public:list")


def detail_url(agency, year=YEAR):
    return reverse("public:detail", args=[year, agency.pk])


def workbook_text(response):
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    return "\n".join(str(value) for row in workbook.active.values for value in row if value is not None)


@pytest.fixture
def district(staff_a, staff_b, staff_town, staff_parent, bureau_reviewer):
    """A: approved; B: returned with a comment; the town: submitted; the parent: a draft."""
    a = approved(staff_a.agency, staff_a, bureau_reviewer)
    b = submitted(staff_b.agency, staff_b)
    services.checklist_return(checklist=b, actor=bureau_reviewer, comment="机密的审核意见")
    submitted(staff_town.agency, staff_town)
    draft(staff_parent.agency, staff_parent)
    return a


def test_anonymous_visitors_see_only_approved_checklists(client, district):
    response = client.get(LIST, {"year": YEAR})
    assert response.status_code == 200
    names = [checklist.agency.name for checklist in response.context["page"]]
    assert names == ["常州市新北区市场监督管理局"]
    for hidden in ("教育局", "薛家镇", "人民政府办公室", "机密的审核意见"):
        assert hidden not in response.text


def test_a_published_checklist_shows_its_items_without_phone_numbers_or_comments(client, district, agency_a):
    response = client.get(detail_url(agency_a))
    assert response.status_code == 200
    assert "普法事项1" in response.text and "华伟" in response.text
    assert "0519-85001234" not in response.text
    assert "办理记录" not in response.text and "bureau_reviewer" not in response.text


@pytest.mark.parametrize("fixture", ["agency_b", "agency_town", "agency_parent"])
def test_unapproved_checklists_answer_404(request, client, district, fixture):
    assert client.get(detail_url(request.getfixturevalue(fixture))).status_code == 404


def test_the_district_list_downloads_with_approved_items_only_and_no_phones(client, district):
    response = client.get(reverse("public:download", args=[YEAR]))
    assert response.status_code == 200
    text = workbook_text(response)
    assert "常州市新北区市场监督管理局" in text and "普法事项1" in text
    for hidden in ("教育局", "薛家镇", "0519-85001234", "机密的审核意见"):
        assert hidden not in text


def test_the_list_searches_and_filters(client, staff_a, staff_town, bureau_reviewer, town_reviewer):
    approved(staff_a.agency, staff_a, bureau_reviewer)
    approved(staff_town.agency, staff_town, town_reviewer)

    def names(**query):
        return {c.agency.name for c in client.get(LIST, {"year": YEAR, **query}).context["page"]}

    assert names() == {"常州市新北区市场监督管理局", "常州市新北区薛家镇人民政府"}
    assert names(q="薛家") == {"常州市新北区薛家镇人民政府"}
    assert names(level="district") == {"常州市新北区市场监督管理局"}
    assert names(agency_type="judicial") == set()
    assert names(agency_type="government", level="town") == {"常州市新北区薛家镇人民政府"}


def test_years_are_kept_apart(client, staff_a, bureau_reviewer):
    approved(staff_a.agency, staff_a, bureau_reviewer, year=YEAR - 1)
    assert list(client.get(LIST, {"year": YEAR}).context["page"]) == []
    assert len(client.get(LIST, {"year": YEAR - 1}).context["page"]) == 1
    assert client.get(LIST).context["years"] == [YEAR - 1]


def test_an_amendment_shows_only_once_approved(client, approved_a, staff_a, bureau_reviewer, agency_a):
    amendment = services.checklist_amend(checklist=approved_a, actor=staff_a, reason="调整")
    services.checklist_items_save(checklist=amendment, actor=staff_a, items=[item(content="变更后的唯一事项")])
    services.checklist_submit(checklist=amendment, actor=staff_a)
    page = client.get(detail_url(agency_a)).text
    assert "普法事项1" in page and "变更后的唯一事项" not in page
    assert "变更后的唯一事项" not in workbook_text(client.get(reverse("public:download", args=[YEAR])))
    services.checklist_approve(checklist=amendment, actor=bureau_reviewer)
    page = client.get(detail_url(agency_a)).text
    assert "变更后的唯一事项" in page and "普法事项1" not in page
    listed = client.get(LIST, {"year": YEAR}).context["page"]
    assert [(c.agency_id, c.revision) for c in listed] == [(agency_a.pk, 2)]
    text = workbook_text(client.get(reverse("public:download", args=[YEAR])))
    assert "变更后的唯一事项" in text and "普法事项1" not in text


def test_the_public_pages_keep_a_fixed_number_of_queries(client, bureau_office, django_assert_num_queries):
    agencies = many_agencies(bureau_office, 3, statuses=("approved", "returned", "draft"))
    # 1. the published years
    # 2. the published checklists counted for the paginator
    # 3. the page of checklists with their agency and items counted
    with django_assert_num_queries(3):
        assert len(client.get(LIST, {"year": YEAR}).context["page"]) == 1
    # None: the same list again is the visitors' copy of this data version.
    with django_assert_num_queries(0):
        assert client.get(LIST, {"year": YEAR}).status_code == 200
    # 1. the published checklist with its agency and office
    # 2. its items
    # 3. their laws
    with django_assert_num_queries(3):
        assert client.get(detail_url(agencies[0])).status_code == 200
    many_agencies(bureau_office, 297, start=3, statuses=("approved", "returned", "draft"))
    with django_assert_num_queries(3):  # the same three for 100 published checklists
        assert len(client.get(LIST, {"year": YEAR}).context["page"]) == 50
    # 1. the year's cycle (a year not opened is 404)
    # 2. every published item with its checklist and agency
    # 3. their laws
    with django_assert_num_queries(3):
        assert client.get(reverse("public:download", args=[YEAR])).status_code == 200


def test_the_district_list_keeps_a_formula_like_item_as_text(client, staff_a, bureau_reviewer):
    checklist = draft(staff_a.agency, staff_a, items=0)
    formula = '=HYPERLINK("http://evil.example","点我")'
    services.checklist_items_save(checklist=checklist, actor=staff_a, items=[item(content=formula)])
    services.checklist_submit(checklist=checklist, actor=staff_a)
    services.checklist_approve(checklist=checklist, actor=bureau_reviewer)
    response = client.get(reverse("public:download", args=[YEAR]))
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    assert sheet.freeze_panes == "A2" and sheet["A1"].value == "责任单位"
    cell = sheet["F2"]
    assert cell.value == formula and cell.data_type == "s"
    assert sheet["L2"].is_date


def test_a_visitors_kept_list_changes_when_a_checklist_is_approved(client, staff_a, staff_b, bureau_reviewer):
    approved(staff_a.agency, staff_a, bureau_reviewer)
    pending = submitted(staff_b.agency, staff_b)
    assert "教育局" not in client.get(LIST, {"year": YEAR}).text
    services.checklist_approve(checklist=pending, actor=bureau_reviewer)
    assert "常州市新北区教育局" in client.get(LIST, {"year": YEAR}).text


def test_a_signed_in_user_never_gets_the_visitors_copy(client, login, staff_a, bureau_reviewer):
    approved(staff_a.agency, staff_a, bureau_reviewer)
    signed_in = login(staff_a)
    assert signed_in.get(LIST, {"year": YEAR}).status_code == 200
    assert cache_keys() == set(), "a signed-in user's list was kept"
    client.get(LIST, {"year": YEAR})
    (key,) = cache_keys()
    cache.set(key, "<p>访客缓存副本</p>")
    assert "访客缓存副本" in client.get(LIST, {"year": YEAR}).text  # visitors do read the copy
    page = signed_in.get(LIST, {"year": YEAR}).text
    assert "访客缓存副本" not in page and "常州市新北区市场监督管理局" in page


def cache_keys() -> set[str]:
    """The visitors' kept lists in the test's in-memory cache."""
    return {key.split(":", 2)[2] for key in cache._cache if "public-list:" in key}
