"""The notification services (agencies/notifications.py)."""

import pytest
from django.http import Http404

from agencies.models import Notification
from agencies.notifications import (
    notification_create,
    notification_mark_read,
    notifications_mark_all_read,
    page_or_home,
)


@pytest.mark.django_db
def test_a_notification_reaches_each_recipients_inbox(staff_a, staff_b, agency_a):
    notification_create(recipients=[staff_a, staff_b], title="请报送清单", url="/agencies/", agency=agency_a)
    assert Notification.objects.filter(recipient=staff_a, title="请报送清单", read_at__isnull=True).count() == 1
    assert Notification.objects.filter(recipient=staff_b).count() == 1


@pytest.mark.django_db
def test_a_user_marks_their_own_notification_read(staff_a):
    [notification] = notification_create(recipients=[staff_a], title="提醒")
    notification_mark_read(user=staff_a, notification_id=notification.pk)
    notification.refresh_from_db()
    assert notification.read_at is not None


@pytest.mark.django_db
def test_nobody_marks_someone_elses_notification_read(staff_a, staff_b):
    [notification] = notification_create(recipients=[staff_a], title="提醒")
    with pytest.raises(Http404):
        notification_mark_read(user=staff_b, notification_id=notification.pk)
    notification.refresh_from_db()
    assert notification.read_at is None


@pytest.mark.django_db
def test_marking_all_read_leaves_other_users_notifications_unread(staff_a, staff_b):
    notification_create(recipients=[staff_a, staff_a, staff_b], title="提醒")
    assert notifications_mark_all_read(user=staff_a) == 2
    assert not Notification.objects.filter(recipient=staff_a, read_at__isnull=True).exists()
    assert Notification.objects.filter(recipient=staff_b, read_at__isnull=True).count() == 1


def test_a_link_to_a_page_that_does_not_exist_goes_home():
    assert page_or_home("/agencies/") == "/agencies/"
    assert page_or_home("/agencies/?level=town") == "/agencies/?level=town"
    assert page_or_home("/no-such-page/") == "/"
