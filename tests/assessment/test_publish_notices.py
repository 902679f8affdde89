"""Publishing a year's results tells every active agency, once (assessment/services.py)."""

import pytest
from django.core.exceptions import ValidationError

from agencies.models import Notification, ReminderLog
from agencies.notices import NoticeKind
from assessment import services

from .conftest import run_scoring


def test_publishing_tells_every_agency_s_staff_with_a_link_to_their_own_breakdown(
    rubric, bureau_admin, staff_a, staff_b, leader, agency_a, agency_b
):
    run_scoring(rubric)
    services.results_publish(rubric=rubric, user=bureau_admin)
    year = rubric.year
    for staff in (staff_a, staff_b):
        notice = Notification.objects.get(recipient=staff)
        assert notice.title == f"{year}年度考核结果已公布"
        assert notice.url == f"/assessment/{year}/agencies/{staff.agency_id}/"
    assert not Notification.objects.filter(recipient__in=[bureau_admin, leader]).exists()


def test_publishing_twice_tells_nobody_twice(rubric, bureau_admin, staff_a, agency_a):
    run_scoring(rubric)
    services.results_publish(rubric=rubric, user=bureau_admin)
    with pytest.raises(ValidationError):
        services.results_publish(rubric=rubric, user=bureau_admin)
    assert Notification.objects.filter(recipient=staff_a).count() == 1
    assert ReminderLog.objects.filter(kind=NoticeKind.RESULTS_PUBLISHED, agency=agency_a).count() == 1
