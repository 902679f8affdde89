"""Building a district document in the worker: safe to run twice, a failure is recorded and may be asked again."""

import pytest
from django.core.exceptions import ValidationError

from assessment.models import DistrictDocument
from assessment.reports import services

from .conftest import YEAR

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def asked(user, kind=DistrictDocument.Kind.REPORT):
    return DistrictDocument.objects.create(kind=kind, year=YEAR, requested_by=user)


def test_a_built_document_is_left_alone_when_its_job_runs_again(bureau_admin, agency_a):
    document = services.district_document_build(document_id=asked(bureau_admin).pk)
    assert document.status == DistrictDocument.Status.READY and document.progress == 100
    again = services.district_document_build(document_id=document.pk)
    assert again.file.name == document.file.name and again.built_at == document.built_at


def test_a_failure_is_recorded_and_the_document_may_be_asked_for_again(
    bureau_admin, agency_a, monkeypatch, django_capture_on_commit_callbacks
):
    def broken(figures, **kwargs):
        raise RuntimeError("no font")

    monkeypatch.setattr(services, "district_report_docx", broken)
    document = services.district_document_build(document_id=asked(bureau_admin).pk)
    assert document.status == DistrictDocument.Status.FAILED and "no font" in document.error
    with django_capture_on_commit_callbacks(execute=False):
        again = services.district_document_request(kind="report", year=YEAR, requested_by=bureau_admin)
    assert again.pk == document.pk and again.status == DistrictDocument.Status.BUILDING


def test_one_being_built_is_not_asked_for_twice(bureau_admin, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        services.district_document_request(kind="brief", year=YEAR, requested_by=bureau_admin)
        with pytest.raises(ValidationError):
            services.district_document_request(kind="brief", year=YEAR, requested_by=bureau_admin)
    assert DistrictDocument.objects.count() == 1
