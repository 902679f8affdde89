"""Fixtures for the reminder tests: a mail server that fails on demand (Celery in-process: tests/conftest.py)."""

import pytest

from .flaky_mail import FlakyEmailBackend


@pytest.fixture
def flaky_mail(settings, mailoutbox):
    """A mail server that refuses the next ``failures`` messages, then delivers into ``mailoutbox``."""
    settings.EMAIL_BACKEND = "tests.puffa.flaky_mail.FlakyEmailBackend"
    FlakyEmailBackend.failures = 0
    FlakyEmailBackend.attempts = 0
    yield FlakyEmailBackend
    FlakyEmailBackend.failures = 0
