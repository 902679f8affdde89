"""An agency files the year's key work items: one a line, one to twenty, each at most 200 characters."""

import pytest
from django.urls import reverse

from assessment.models import KeyWork


def _post(client, agency, year, text):
    return client.post(reverse("planning:key_work_form", args=[agency.pk, year]), {"items": text})


def test_staff_file_key_work(login, staff_a, agency_a):
    response = _post(login(staff_a), agency_a, 2026, "食品安全法进餐饮企业\n\n  宪法宣传周集中宣传  \n")
    assert response.status_code == 302
    work = KeyWork.objects.get()
    assert [item.content for item in work.items.all()] == ["食品安全法进餐饮企业", "宪法宣传周集中宣传"]


def test_filing_again_replaces_the_list(login, staff_a, agency_a, key_work_a):
    _post(login(staff_a), agency_a, 2026, "民法典进社区")
    assert [item.content for item in KeyWork.objects.get().items.all()] == ["民法典进社区"]


@pytest.mark.parametrize(
    "text", ["", "  \n ", "\n".join(f"第{n}项" for n in range(21)), "太长" * 101], ids=["empty", "blank", "21", "long"]
)
def test_a_bad_list_is_refused_and_kept_in_the_form(login, staff_a, agency_a, key_work_a, text):
    response = _post(login(staff_a), agency_a, 2026, text)
    assert response.status_code == 200 and response.context["form"].errors
    assert [item.content for item in KeyWork.objects.get().items.all()] == [
        "食品安全法进餐饮企业",
        "宪法宣传周集中宣传",
    ]


def test_a_year_not_opened_is_404(login, staff_a, agency_a):
    assert _post(login(staff_a), agency_a, 2020, "民法典进社区").status_code == 404


@pytest.mark.parametrize("role,code", [("staff_parent", 403), ("bureau_reviewer", 403), ("staff_b", 404)])
def test_only_the_agency_files(role, code, request, login, agency_a):
    assert _post(login(request.getfixturevalue(role)), agency_a, 2026, "民法典进社区").status_code == code
    assert not KeyWork.objects.exists()


def test_the_agency_page_shows_plans_and_key_work(login, staff_parent, agency_a, plan_a, key_work_a):
    page = login(staff_parent).get(reverse("planning:agency", args=[agency_a.pk])).content.decode()
    assert "2026–2030" in page and "宪法宣传周集中宣传" in page
