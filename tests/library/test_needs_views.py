"""Needs analyses: recorded by an agency, read in scope, answered by reviewers."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from activities.models import NeedsAnalysis, NeedsAnalysisReply

from .uploads import html_renamed, pdf_bytes, upload


def _post(**overrides):
    data = {
        "year": "2026",
        "period": "h1",
        "audiences": ["managed", "public"],
        "findings": "辖区小微餐饮经营者对食品安全法中的进货查验义务了解不足。",
        "measures": "开展“食品安全进餐馆”专题宣讲六场，编印口袋书。",
    }
    data.update(overrides)
    return data


@pytest.fixture
def analysis(staff_a):
    return NeedsAnalysis.objects.create(
        agency=staff_a.agency,
        year=2026,
        period="h1",
        audiences=["managed"],
        findings="经营者对进货查验义务了解不足",
        measures="专题宣讲",
        created_by=staff_a,
    )


def test_staff_record_an_analysis_with_an_attachment(login, staff_a):
    response = login(staff_a).post(
        reverse("library:needs_create", args=[staff_a.agency.pk]),
        _post(attachment=upload("问卷结果.pdf", pdf_bytes())),
    )
    analysis = NeedsAnalysis.objects.get()
    assert response.status_code == 302 and response.url == analysis.get_absolute_url()
    assert analysis.audiences == ["managed", "public"] and analysis.attachment_name == "问卷结果.pdf"
    download = login(staff_a).get(reverse("library:needs_attachment", args=[analysis.pk]))
    assert download.status_code == 200 and download["X-Content-Type-Options"] == "nosniff"


def test_a_renamed_html_attachment_is_refused(login, staff_a):
    response = login(staff_a).post(
        reverse("library:needs_create", args=[staff_a.agency.pk]), _post(attachment=html_renamed())
    )
    assert response.status_code == 200 and not NeedsAnalysis.objects.exists()


def test_one_analysis_per_period(login, staff_a, analysis):
    response = login(staff_a).post(reverse("library:needs_create", args=[staff_a.agency.pk]), _post())
    assert response.status_code == 200 and NeedsAnalysis.objects.count() == 1


def test_the_parent_reads_but_records_nothing_for_its_unit(login, staff_parent, staff_a, analysis):
    client = login(staff_parent)
    assert client.get(reverse("library:needs_detail", args=[analysis.pk])).status_code == 200
    assert client.get(reverse("library:needs_create", args=[staff_a.agency.pk])).status_code == 403
    assert client.post(reverse("library:needs_edit", args=[analysis.pk]), _post()).status_code == 403


def test_another_agency_gets_404(login, staff_b, staff_a, analysis):
    client = login(staff_b)
    assert client.get(reverse("library:needs_detail", args=[analysis.pk])).status_code == 404
    assert client.get(reverse("library:needs_create", args=[staff_a.agency.pk])).status_code == 404
    assert client.get(reverse("library:needs_attachment", args=[analysis.pk])).status_code == 404
    assert "进货查验" not in client.get(reverse("library:needs")).text


def test_a_reviewer_in_scope_replies_and_the_agency_reads_the_reply(login, bureau_reviewer, staff_a, analysis):
    response = login(bureau_reviewer).post(
        reverse("library:needs_reply", args=[analysis.pk]), {"body": "建议结合“3·15”开展集中宣传。"}
    )
    assert response.status_code == 302
    assert "建议结合“3·15”开展集中宣传。" in login(staff_a).get(analysis.get_absolute_url()).text


def test_a_reviewer_out_of_scope_sees_nothing_and_staff_cannot_reply(login, town_reviewer, staff_a, analysis):
    assert login(town_reviewer).get(analysis.get_absolute_url()).status_code == 404
    reply_url = reverse("library:needs_reply", args=[analysis.pk])
    assert login(town_reviewer).post(reply_url, {"body": "x"}).status_code == 404
    assert login(staff_a).post(reply_url, {"body": "x"}).status_code == 403
    assert not NeedsAnalysisReply.objects.exists()


def test_leadership_reads_and_cannot_reply(login, leader, analysis):
    client = login(leader)
    assert client.get(analysis.get_absolute_url()).status_code == 200
    assert client.post(reverse("library:needs_reply", args=[analysis.pk]), {"body": "x"}).status_code == 403


def test_anonymous_users_go_to_log_in(client, analysis):
    response = client.get(analysis.get_absolute_url())
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_staff_edit_their_analysis(login, staff_a, analysis):
    response = login(staff_a).post(reverse("library:needs_edit", args=[analysis.pk]), _post(measures="新的措施"))
    assert response.status_code == 302
    analysis.refresh_from_db()
    assert analysis.measures == "新的措施"


def test_the_bureau_filters_by_audience_and_period(login, bureau_reviewer, analysis, staff_b):
    NeedsAnalysis.objects.create(
        agency=staff_b.agency,
        year=2026,
        period="q3",
        audiences=["cadres"],
        findings="教师对未成年人保护法的强制报告义务不熟悉",
        measures="全员培训",
        created_by=staff_b,
    )
    client = login(bureau_reviewer)
    by_audience = client.get(reverse("library:needs"), {"audience": "cadres"}).text
    assert "区教育局" in by_audience and "区市场监管局" not in by_audience
    by_period = client.get(reverse("library:needs"), {"period": "h1", "year": "2026"}).text
    assert "区市场监管局" in by_period and "区教育局" not in by_period


def test_the_list_counts_each_analysis_replies(login, bureau_reviewer, analysis):
    for body in ("已收到", "请补充调研数据"):
        NeedsAnalysisReply.objects.create(analysis=analysis, body=body, author=bureau_reviewer)
    unanswered = NeedsAnalysis.objects.get(pk=analysis.pk)
    unanswered.pk, unanswered.period = None, "h2"  # the same analysis for the second half, with no reply yet
    unanswered.save()
    rows = {row.pk: row.reply_count for row in login(bureau_reviewer).get(reverse("library:needs")).context["page"]}
    assert rows == {analysis.pk: 2, unanswered.pk: 0}


def test_the_list_query_count_does_not_grow_with_analyses(
    login, bureau_reviewer, agency_a, staff_a, django_assert_num_queries
):
    def add(years):
        for year in years:
            NeedsAnalysis.objects.create(
                agency=agency_a,
                year=year,
                period="year",
                audiences=["public"],
                findings="f",
                measures="m",
                created_by=staff_a,
            )

    client = login(bureau_reviewer)
    add(range(2000, 2003))
    # 1. the session
    # 2. the user
    # 3. the user's filing office (scope)
    # 4. the analyses counted for the paginator
    # 5. the unread-notification count in the navigation bar
    # 6. the page of analyses with their agency, author and reply counts
    with django_assert_num_queries(6):
        assert client.get(reverse("library:needs")).status_code == 200
    add(range(2003, 2030))
    with django_assert_num_queries(6):  # the same six for 30 analyses
        assert client.get(reverse("library:needs")).status_code == 200


def test_the_export_reopens_with_the_filtered_rows(login, bureau_reviewer, analysis):
    response = login(bureau_reviewer).get(reverse("library:needs_export"), {"audience": "managed"})
    rows = list(load_workbook(io.BytesIO(b"".join(response.streaming_content))).active.values)
    assert rows[1][0] == "常州市新北区市场监督管理局" and rows[1][1] == 2026
    assert len(rows) == 2
