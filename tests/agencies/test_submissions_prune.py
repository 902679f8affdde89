"""One-time form tokens do not pile up: beat's daily prune deletes those of past days, keeping today's."""

import datetime as dt
import uuid

from django.conf import settings as project_settings
from django.utils import timezone

from agencies import submissions
from agencies.models import FormSubmission
from agencies.tasks import prune_form_submissions


def _claimed(user, *, days_ago: float) -> FormSubmission:
    submission = submissions.submission_claim(token=uuid.uuid4(), user=user)
    FormSubmission.objects.filter(pk=submission.pk).update(created_at=timezone.now() - dt.timedelta(days=days_ago))
    return submission


def test_the_daily_prune_deletes_old_tokens_and_keeps_recent_ones(settings, staff_a):
    settings.PUFFA_FORM_TOKEN_DAYS = 7
    old, older = _claimed(staff_a, days_ago=8), _claimed(staff_a, days_ago=400)
    recent = _claimed(staff_a, days_ago=6.9)

    assert prune_form_submissions() == 2

    assert list(FormSubmission.objects.values_list("pk", flat=True)) == [recent.pk]
    assert not FormSubmission.objects.filter(pk__in=[old.pk, older.pk]).exists()


def test_a_recent_token_still_stops_a_double_post_after_the_prune(staff_a):
    token = uuid.uuid4()
    first = submissions.submission_claim(token=token, user=staff_a)
    submissions.submission_done(submission=first, url="/activities/1/")
    submissions.submissions_prune()
    try:
        submissions.submission_claim(token=token, user=staff_a)
    except submissions.AlreadySubmitted as again:
        assert again.url == "/activities/1/"
    else:
        raise AssertionError("the second post with the same token was let through")


def test_beat_prunes_every_day():
    entry = next(
        e for e in project_settings.CELERY_BEAT_SCHEDULE.values() if e["task"] == "agencies.prune_form_submissions"
    )
    assert entry["schedule"].hour == {3} and entry["schedule"].minute == {30}
