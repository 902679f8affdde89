"""The archive task is a thin shell over the build service, queued on commit."""

from activities.models import AnnualArchive
from activities.tasks import build_archive

from .conftest import YEAR


def test_the_task_builds_the_archive_it_is_given(agency_a, staff_a, item, celery_eager):
    archive = AnnualArchive.objects.create(agency=agency_a, year=YEAR, requested_by=staff_a)
    build_archive.delay(archive.pk)
    archive.refresh_from_db()
    assert archive.status == AnnualArchive.Status.READY and archive.size > 0


def test_the_task_goes_to_the_configured_queue(settings):
    from puffa.celery import app

    assert app.conf.task_default_queue == settings.CELERY_TASK_DEFAULT_QUEUE
    assert "activities.build_archive" in app.tasks
