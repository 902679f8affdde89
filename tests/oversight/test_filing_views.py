"""Annual plans and reports: agencies file them, reviewers see who has and who has not."""

import datetime as dt
import io
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from openpyxl import load_workbook

from agencies.models import Agency
from assessment.models import AnnualFiling

from ..library.uploads import docx_bytes, html_renamed, pdf_bytes, upload

SHANGHAI = ZoneInfo("Asia/Shanghai")


def _form_url(agency, year=2026, kind="plan"):
    return reverse("oversight:filing_form", args=[agency.pk, year, kind])


def _post(file=None, **overrides):
    data = {"head_responsible": "张卫国", "funding": "80000.00"}
    if file is not None:
        data["file"] = file
    data.update(overrides)
    return data


def test_the_form_is_titled_by_the_year_and_the_filing(login, staff_a):
    page = login(staff_a).get(_form_url(staff_a.agency, 2026, "plan")).text
    assert "2026年度普法工作计划" in page and "2026年年度" not in page


def test_staff_file_their_plan_with_the_head_and_the_funding(login, staff_a):
    response = login(staff_a).post(_form_url(staff_a.agency), _post(upload("2026年普法工作计划.docx", docx_bytes())))
    assert response.status_code == 302
    filing = AnnualFiling.objects.get()
    assert (filing.year, filing.kind, filing.head_responsible) == (2026, "plan", "张卫国")
    assert filing.funding == Decimal("80000.00") and filing.original_name == "2026年普法工作计划.docx"


def test_filing_again_replaces_the_document_and_keeps_one_row(login, staff_a, plan_a):
    old_name = plan_a.file.name
    login(staff_a).post(_form_url(staff_a.agency), _post(upload("修订版.pdf", pdf_bytes("v2")), funding="90000"))
    plan_a.refresh_from_db()
    assert AnnualFiling.objects.count() == 1
    assert plan_a.original_name == "修订版.pdf" and plan_a.file.name != old_name and plan_a.funding == 90000


def test_the_first_filing_needs_a_document_and_refuses_a_renamed_html_page(login, staff_a):
    client = login(staff_a)
    assert client.post(_form_url(staff_a.agency), _post()).status_code == 200
    assert client.post(_form_url(staff_a.agency), _post(html_renamed("计划.docx"))).status_code == 200
    assert not AnnualFiling.objects.exists()


def test_negative_funding_is_refused(login, staff_a):
    response = login(staff_a).post(_form_url(staff_a.agency), _post(upload("计划.pdf", pdf_bytes()), funding="-1"))
    assert response.status_code == 200 and not AnnualFiling.objects.exists()


def test_the_parent_reads_its_units_filings_but_files_nothing_for_it(login, staff_parent, staff_a, plan_a):
    client = login(staff_parent)
    assert client.get(reverse("oversight:agency_filings", args=[staff_a.agency.pk])).status_code == 200
    assert client.get(reverse("oversight:filing_download", args=[plan_a.pk])).status_code == 200
    assert client.get(_form_url(staff_a.agency)).status_code == 403


def test_another_agency_gets_404(login, staff_b, staff_a, plan_a):
    client = login(staff_b)
    assert client.get(reverse("oversight:agency_filings", args=[staff_a.agency.pk])).status_code == 404
    assert client.get(reverse("oversight:filing_download", args=[plan_a.pk])).status_code == 404
    assert client.get(_form_url(staff_a.agency)).status_code == 404


@pytest.mark.parametrize("who", ["bureau_reviewer", "bureau_admin", "leader"])
def test_reviewers_and_leadership_read_but_do_not_file(request, login, who, staff_a, plan_a):
    client = login(request.getfixturevalue(who))
    assert client.get(reverse("oversight:filing_download", args=[plan_a.pk])).status_code == 200
    assert client.post(_form_url(staff_a.agency), _post(upload("x.pdf", pdf_bytes()))).status_code == 403


def test_anonymous_users_go_to_log_in(client, plan_a):
    response = client.get(reverse("oversight:filing_download", args=[plan_a.pk]))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_the_download_keeps_the_chinese_name_and_forbids_sniffing(login, staff_a, plan_a):
    response = login(staff_a).get(reverse("oversight:filing_download", args=[plan_a.pk]))
    assert response["X-Content-Type-Options"] == "nosniff" and response["Content-Type"] == "application/pdf"
    assert "filename*=UTF-8''2026" in response["Content-Disposition"]


def test_the_reviewer_sees_who_has_not_filed(login, bureau_reviewer, plan_a, agency_b, time_machine):
    time_machine.move_to("2026-11-26 10:00 +0800", tick=False)
    client = login(bureau_reviewer)
    response = client.get(reverse("oversight:filings"), {"year": "2026", "status": "no_plan"})
    assert "常州市新北区教育局" in response.text and "常州市新北区市场监督管理局" not in response.text
    assert response.context["summary"]["plans"] == 1
    filed = client.get(reverse("oversight:filings"), {"year": "2026", "status": "no_report"}).text
    assert "常州市新北区市场监督管理局" in filed


def test_a_town_reviewer_sees_only_their_office(login, town_reviewer, agency_town, agency_a):
    text = login(town_reviewer).get(reverse("oversight:filings")).text
    assert "薛家镇人民政府" in text and "市场监督管理局" not in text


def test_the_status_page_query_count_does_not_grow_with_agencies(
    login, bureau_reviewer, bureau_office, plan_a, django_assert_num_queries
):
    client = login(bureau_reviewer)
    # 1. the session
    # 2. the user
    # 3. the user's filing office (scope)
    # 4. the opened years for the year filter
    # 5. the active agencies counted for the paginator
    # 6. the page of agencies with their office and whether a plan and a report are filed
    # 7. their filings with their uploader
    # 8. the summary: agencies counted with a plan and with a report
    # 9. the unread-notification count in the navigation bar
    # 10. the filing offices for the filter
    with django_assert_num_queries(10):
        assert client.get(reverse("oversight:filings")).status_code == 200
    Agency.objects.bulk_create(
        Agency(name=f"单位{i}", agency_type="government", filing_office=bureau_office) for i in range(30)
    )
    with django_assert_num_queries(10):  # the same ten for 30 more agencies
        assert client.get(reverse("oversight:filings")).status_code == 200


def test_the_export_reopens_with_who_filed(login, bureau_reviewer, plan_a, agency_b, time_machine):
    time_machine.move_to("2026-11-26 10:00 +0800", tick=False)
    response = login(bureau_reviewer).get(reverse("oversight:filings_export"), {"year": "2026"})
    rows = {row[0]: row for row in list(load_workbook(io.BytesIO(b"".join(response.streaming_content))).active.values)}
    assert rows["常州市新北区市场监督管理局"][2] == "是" and rows["常州市新北区市场监督管理局"][7] == 80000
    assert rows["常州市新北区教育局"][2] == "否"


@time_machine.travel(dt.datetime(2026, 12, 2, 10, tzinfo=SHANGHAI), tick=False)
def test_a_year_end_report_is_filed_from_the_first_of_december(login, staff_a):
    client = login(staff_a)
    grid = client.get(reverse("oversight:agency_filings", args=[staff_a.agency.pk])).text
    assert _form_url(staff_a.agency, 2027, "report") not in grid and "自 2027-12-01 起可报送。" in grid
    assert _form_url(staff_a.agency, 2026, "report") in grid and _form_url(staff_a.agency, 2027, "plan") in grid
    page = client.get(_form_url(staff_a.agency, 2027, "report"))  # said before anything is typed or attached
    assert (
        "2027年度普法工作总结自 2027-12-01 起方可报送。" in page.text
        and 'enctype="multipart/form-data"' not in page.text
    )
    early = client.post(_form_url(staff_a.agency, 2027, "report"), _post(upload("2027年总结.pdf", pdf_bytes())))
    assert early.status_code == 200 and "2027年度普法工作总结自 2027-12-01 起方可报送。" in early.text
    assert not AnnualFiling.objects.exists()
    on_time = client.post(_form_url(staff_a.agency, 2026, "report"), _post(upload("2026年总结.pdf", pdf_bytes())))
    assert on_time.status_code == 302
    assert AnnualFiling.objects.values_list("year", "kind").get() == (2026, "report")


@time_machine.travel(dt.datetime(2026, 12, 2, 10, tzinfo=SHANGHAI), tick=False)
def test_next_years_plan_may_be_filed_before_the_year(login, staff_a):
    response = login(staff_a).post(_form_url(staff_a.agency, 2027, "plan"), _post(upload("计划.pdf", pdf_bytes())))
    assert response.status_code == 302 and AnnualFiling.objects.get().year == 2027


@pytest.mark.opened_years(2026)
def test_a_year_not_opened_takes_no_filing(login, staff_a):
    response = login(staff_a).post(_form_url(staff_a.agency, 2025), _post(upload("计划.pdf", pdf_bytes())))
    assert response.status_code == 404 and not AnnualFiling.objects.exists()
