"""The cache is an optimisation, never a dependency: with the cache server down every write still answers
2xx/3xx (figures are counted instead of read), and /healthz names the cache."""

import json

import pytest
from django.urls import reverse

from activities.models import Activity, AnnualArchive
from assessment import services as assessment_services
from assessment.models import ScoringRun
from checklists.models import Checklist

from ..activities.test_activity_create import post_data
from ..checklists.conftest import approved, draft

YEAR = 2026


@pytest.fixture
def cache_down(settings):
    """The cache on a Redis nobody listens on (port 1): every cache call fails as in an outage."""
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:1/0"}
    }


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_staff_log_an_activity(cache_down, login, staff_a, agency_a):
    response = login(staff_a).post(reverse("activities:create", args=[agency_a.pk, YEAR]), post_data())
    assert response.status_code == 302 and Activity.objects.count() == 1


def test_staff_submit_their_checklist(cache_down, login, staff_a, agency_a):
    checklist = draft(agency_a, staff_a)
    response = login(staff_a).post(reverse("checklists:submit", args=[checklist.pk]))
    assert response.status_code == 302
    assert Checklist.objects.get(pk=checklist.pk).status == Checklist.Status.SUBMITTED


def test_staff_file_the_archive(cache_down, login, staff_a, agency_a, bureau_reviewer):
    approved(agency_a, staff_a, bureau_reviewer)
    response = login(staff_a).post(reverse("activities:archive", args=[agency_a.pk, YEAR]))
    assert response.status_code == 302 and AnnualArchive.objects.count() == 1


def test_the_bureau_starts_a_scoring_run_and_reminds_an_agency(cache_down, login, bureau_admin, agency_a):
    assessment_services.rubric_for_year(year=YEAR)
    client = login(bureau_admin)
    assert client.post(reverse("assessment:run_start", args=[YEAR])).status_code == 302
    assert ScoringRun.objects.count() == 1
    assert client.post(reverse("reminders:remind"), {"agency": agency_a.pk}).status_code == 302


def test_leadership_home_and_dashboard_are_counted(cache_down, login, leader, agency_a):
    client = login(leader)
    assert client.get(reverse("home")).status_code == 200
    assert client.get(reverse("assessment:dashboard")).status_code == 200


def test_healthz_names_the_cache(cache_down, client, db):
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    report = json.loads(response.content)
    assert report["database"] == "ok" and report["cache"].startswith("error")


def test_healthz_reports_a_working_cache(client, db):
    assert json.loads(client.get(reverse("healthz")).content)["cache"] == "ok"
