"""Fixtures for the reminder tests: Celery running tasks in-process, and a mail server that fails on demand."""

import pytest

from puffa.celery import app as celery_app

from .flaky_mail import FlakyEmailBackend


@pytest.fixture
def celery_eager():
    """Tasks run in the test's process when queued (the real worker is tested in test_celery_worker.py)."""
    saved = celery_app.conf.task_always_eager, celery_app.conf.task_eager_propagates
    celery_app.conf.task_always_eager, celery_app.conf.task_eager_propagates = True, False
    yield celery_app
    celery_app.conf.task_always_eager, celery_app.conf.task_eager_propagates = saved


@pytest.fixture
def flaky_mail(settings, mailoutbox):
    """A mail server that refuses the next ``failures`` messages, then delivers into ``mailoutbox``."""
    settings.EMAIL_BACKEND = "tests.puffa.flaky_mail.FlakyEmailBackend"
    FlakyEmailBackend.failures = 0
    FlakyEmailBackend.attempts = 0
    yield FlakyEmailBackend
    FlakyEmailBackend.failures = 0
