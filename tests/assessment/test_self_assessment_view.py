"""Self-assessment (自查自评): the agency's own staff fill it in, with evidence checked like any upload."""

import hashlib
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from assessment import rules
from assessment.models import SelfAssessment

from ..files import xls_bytes
from .conftest import YEAR

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def url(agency):
    return reverse("assessment:self_assessment", args=[YEAR, agency.pk])


def field(rubric, code, name):
    return f"i{rubric.indicators.get(code=code).pk}-{name}"


def test_staff_fill_in_their_score_account_and_evidence(login, staff_a, rubric, agency_a, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client = login(staff_a)
    assert client.get(url(agency_a)).status_code == 200
    data = {
        field(rubric, rules.ENFORCEMENT_TEACHING, "score"): "8",
        field(rubric, rules.ENFORCEMENT_TEACHING, "account"): "全年执法公示56次，现场释法全覆盖。",
        field(rubric, rules.ENFORCEMENT_TEACHING, "evidence"): SimpleUploadedFile("执法公示台账.pdf", PDF),
    }
    response = client.post(url(agency_a), data)
    assert response.status_code == 302
    entry = SelfAssessment.objects.get()
    assert (entry.score, entry.evidence_name, entry.evidence_type) == (
        Decimal(8),
        "执法公示台账.pdf",
        "application/pdf",
    )
    # Kept like every stored document: its size and checksum, from the content.
    assert (entry.evidence_size, entry.evidence_sha256) == (len(PDF), hashlib.sha256(PDF).hexdigest())
    assert SelfAssessment.objects.count() == 1  # untouched indicators are left alone
    download = reverse("assessment:self_assessment_evidence", args=[YEAR, agency_a.pk, entry.pk])
    got = client.get(download)
    assert got.status_code == 200 and b"".join(got.streaming_content) == PDF
    assert "filename*=UTF-8''" in got["Content-Disposition"]


def test_a_disguised_file_is_refused(login, staff_a, rubric, agency_a, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    data = {
        field(rubric, rules.CADRE_STUDY, "score"): "8",
        field(rubric, rules.CADRE_STUDY, "account"): "集中学法4次",
        field(rubric, rules.CADRE_STUDY, "evidence"): SimpleUploadedFile("学法记录.pdf", b"MZ\x90\x00 not a pdf"),
    }
    response = login(staff_a).post(url(agency_a), data)
    assert response.status_code == 200
    assert "“学法记录.pdf”不是照片、PDF 或 Office 文档" in response.text
    assert "集中学法4次" in response.text  # what was typed is kept
    assert not SelfAssessment.objects.exists()


def test_an_old_excel_ledger_is_accepted_but_not_with_macros(login, staff_a, rubric, agency_a, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client = login(staff_a)
    data = {
        field(rubric, rules.CADRE_STUDY, "score"): "8",
        field(rubric, rules.CADRE_STUDY, "account"): "集中学法4次",
        field(rubric, rules.CADRE_STUDY, "evidence"): SimpleUploadedFile("学法台账.xls", xls_bytes(sheet_type=0x01)),
    }
    response = client.post(url(agency_a), data)
    assert response.status_code == 200 and "“学法台账.xls”含有宏" in response.text
    assert not SelfAssessment.objects.exists()
    data[field(rubric, rules.CADRE_STUDY, "evidence")] = SimpleUploadedFile("学法台账.xls", xls_bytes())
    assert client.post(url(agency_a), data).status_code == 302
    assert SelfAssessment.objects.get().evidence_type == "application/vnd.ms-excel"


def test_a_score_above_the_weight_is_refused(login, staff_a, rubric, agency_a):
    data = {field(rubric, rules.ARCHIVE_FILED, "score"): "6", field(rubric, rules.ARCHIVE_FILED, "account"): "已报送"}
    assert login(staff_a).post(url(agency_a), data).status_code == 200
    assert not SelfAssessment.objects.exists()


def test_the_parent_reads_but_cannot_fill_in_and_outsiders_get_404(
    login, staff_parent, staff_b, leader, rubric, agency_a
):
    data = {field(rubric, rules.ARCHIVE_FILED, "score"): "5", field(rubric, rules.ARCHIVE_FILED, "account"): "已报送"}
    response = login(staff_parent).get(url(agency_a))
    assert response.status_code == 200 and response.context["can_edit"] is False
    assert login(staff_parent).post(url(agency_a), data).status_code == 403
    assert login(staff_b).get(url(agency_a)).status_code == 404
    assert login(leader).post(url(agency_a), data).status_code == 403
    assert not SelfAssessment.objects.exists()


def test_the_reviewer_sees_it_beside_the_computed_figure(login, staff_a, bureau_reviewer, scored, agency_a):
    data = {
        field(scored, rules.FILED_ON_TIME, "score"): "10",
        field(scored, rules.FILED_ON_TIME, "account"): "2月10日报送",
    }
    login(staff_a).post(url(agency_a), data)
    response = login(bureau_reviewer).get(reverse("assessment:breakdown", args=[YEAR, agency_a.pk]))
    assert "2月10日报送" in response.text


def test_after_publishing_it_is_closed(login, staff_a, published, agency_a):
    data = {
        field(published, rules.ARCHIVE_FILED, "score"): "5",
        field(published, rules.ARCHIVE_FILED, "account"): "已报送",
    }
    response = login(staff_a).post(url(agency_a), data)
    assert response.status_code == 302
    assert not SelfAssessment.objects.exists()
    assert login(staff_a).get(url(agency_a)).context["can_edit"] is False


def test_evidence_of_another_agency_answers_404(login, staff_a, staff_b, rubric, agency_a, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    data = {
        field(rubric, rules.ARCHIVE_FILED, "score"): "5",
        field(rubric, rules.ARCHIVE_FILED, "account"): "已报送",
        field(rubric, rules.ARCHIVE_FILED, "evidence"): SimpleUploadedFile("档案.pdf", PDF),
    }
    login(staff_a).post(url(agency_a), data)
    entry = SelfAssessment.objects.get()
    download = reverse("assessment:self_assessment_evidence", args=[YEAR, agency_a.pk, entry.pk])
    assert login(staff_b).get(download).status_code == 404


def test_the_page_query_count_is_fixed(login, staff_a, rubric, agency_a, django_assert_num_queries):
    client = login(staff_a)
    # 1. the session
    # 2. the user
    # 3. the user's subordinate units (access)
    # 4. the agency with its parent and office
    # 5. the year's cycle
    # 6. its rubric
    # 7. the rubric's indicators
    # 8. the agency's self-assessments
    # 9. the unread-notification count in the navigation bar
    with django_assert_num_queries(9):
        assert client.get(url(agency_a)).status_code == 200
    data = {}
    for code in (rules.FILED_ON_TIME, rules.CADRE_STUDY, rules.SURVEY):
        data.update({field(rubric, code, "score"): "5", field(rubric, code, "account"): "已完成"})
    client.post(url(agency_a), data)
    with django_assert_num_queries(9):  # the same nine with three self-assessments
        assert client.get(url(agency_a)).status_code == 200
