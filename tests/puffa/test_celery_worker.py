"""A real Celery worker, on the Redis at REDIS_URL, runs the daily task against the test database.

Skipped when REDIS_URL is not set, except under CI (the variable CI is set), where it must run.
"""

import datetime as dt
import os
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection

from agencies.models import Notification, ReminderLog
from puffa.tasks import daily_reminders

from .reminder_data import contact

WAIT_SECONDS = 90


def _require(condition: bool, reason: str) -> None:
    if condition:
        return
    if os.environ.get("CI"):
        pytest.fail(f"CI must run the Celery worker test, but {reason}")
    pytest.skip(reason)


def _database_url() -> str:
    db = connection.settings_dict
    credentials = quote(db["USER"] or "", safe="")
    if db["PASSWORD"]:
        credentials += ":" + quote(db["PASSWORD"], safe="")
    return f"postgres://{credentials}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def _wait_for(condition, worker: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        if condition():
            return
        if worker.poll() is not None:
            pytest.fail(f"the worker stopped (exit {worker.returncode}):\n{log.read_text()[-4000:]}")
        time.sleep(0.5)
    pytest.fail(f"nothing after {WAIT_SECONDS} s; the worker said:\n{log.read_text()[-4000:]}")


@pytest.mark.integration
def test_a_real_worker_runs_the_daily_task_and_sends_the_notifications_and_emails(
    transactional_db, agency_a, staff_a, tmp_path
):
    _require(bool(os.environ.get("REDIS_URL")), "REDIS_URL is not set: no Redis to run a Celery worker against")
    _require(
        connection.vendor == "postgresql",
        "the test database is not PostgreSQL: a worker process cannot share SQLite's in-memory test database",
    )
    contact(agency_a, "contact-a@puffa.example", name="华伟")
    queue = f"{settings.CELERY_TASK_DEFAULT_QUEUE}-{uuid.uuid4().hex[:8]}"
    mail_dir = tmp_path / "mail"
    mail_dir.mkdir()
    log = tmp_path / "worker.log"
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "CELERY_QUEUE": queue,
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(mail_dir),
        "CONN_MAX_AGE": "0",
        "PUFFA_VAR_DIR": str(tmp_path / "var"),
    }
    with log.open("w") as output:
        worker = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "puffa", "worker", "--pool=solo", "--loglevel=INFO",
             "--without-mingle", "--without-gossip", "--without-heartbeat", "-Q", queue, "-n", f"{queue}@%h"],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )  # fmt: skip
    try:
        daily_reminders.apply_async(kwargs={"on": "2027-01-29"}, queue=queue)
        _wait_for(lambda: Notification.objects.filter(recipient=staff_a).exists(), worker, log)
        _wait_for(lambda: len(list(mail_dir.iterdir())) >= 2, worker, log)
        # give a duplicate every chance to show up, then look
        daily_reminders.apply_async(kwargs={"on": "2027-01-29"}, queue=queue)
        time.sleep(3)
    finally:
        worker.terminate()
        try:
            worker.wait(timeout=20)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait()
    assert ReminderLog.objects.get(agency=agency_a).sent_on == dt.date(2027, 1, 29)
    assert Notification.objects.filter(recipient=staff_a).count() == 1
    mail = "\n".join(path.read_text(errors="replace") for path in mail_dir.iterdir())
    assert "To: a@puffa.example" in mail and "To: contact-a@puffa.example" in mail
    assert sum(line.startswith("To: ") for line in mail.splitlines()) == 2  # one each, the second run sent none
