"""Fault injection with a real Redis and a real Celery worker, both started and stopped here, and a fake SMTP
server in a thread: a broker down while work is queued, then up, loses nothing; a worker killed mid-send
sends nothing twice.

Needs PostgreSQL (a worker process cannot share SQLite's in-memory test database) and ``redis-server`` on the
PATH; skipped otherwise, except under CI (the variable CI is set), where it must run.
"""

import asyncio
import datetime as dt
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.urls import reverse

from activities.models import AnnualArchive
from agencies import outbox
from agencies.models import OutboxJob, ReminderEmail
from assessment import services as assessment_services
from assessment.models import ScoringRun
from puffa import reminders
from puffa.celery import app as celery_app

from ..checklists.conftest import approved
from .reminder_data import contact
from .test_celery_worker import _database_url, _require

YEAR = 2026
WAIT_SECONDS = 90
STALE_SECONDS = 4


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait(condition, what: str, seconds: float = WAIT_SECONDS, logs: tuple[Path, ...] = ()) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.3)
    said = "\n".join(log.read_text(errors="replace")[-3000:] for log in logs if log.exists())
    pytest.fail(f"{what}: not after {seconds} s\n{said}")


class RedisServer:
    """A Redis of the test's own on a free port, started and stopped at will (no disk, no other users)."""

    def __init__(self, folder: Path):
        self.port, self.folder, self.process = _free_port(), folder, None
        self.url = f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--daemonize", "no", "--dir", str(self.folder)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        _wait(self._answers, "redis-server answering", 20)

    def _answers(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=1) as conn:
                conn.sendall(b"PING\r\n")
                return conn.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=20)
            self.process = None


class Mailbox:
    """An SMTP server (aiosmtpd) that counts what it was given, per recipient; it may hold one recipient's
    email (answering nothing) to let a worker be killed mid-send."""

    def __init__(self):
        self.received: Counter[str] = Counter()
        self.hold: set[str] = set()

    async def handle_DATA(self, server, session, envelope):
        self.received.update(address.lower() for address in envelope.rcpt_tos)
        if self.hold & {address.lower() for address in envelope.rcpt_tos}:
            await asyncio.sleep(60)
        return "250 Message accepted for delivery"


class Worker:
    def __init__(self, env: dict, log: Path):
        self.env, self.log, self.process = env, log, None

    def start(self) -> None:
        queue = settings.CELERY_TASK_DEFAULT_QUEUE
        self.output = self.log.open("a")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "puffa", "worker", "--pool=solo", "--loglevel=INFO",
             "--without-mingle", "--without-gossip", "--without-heartbeat", "-Q", queue, "-n", f"{queue}-fi@%h"],
            cwd=settings.BASE_DIR,
            env=self.env,
            stdout=self.output,
            stderr=subprocess.STDOUT,
        )  # fmt: skip

    def kill(self) -> None:
        """As the kernel's OOM killer or a pulled plug would: no warm shutdown, no acknowledgement."""
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()
        self.output.close()


def _use_broker(url: str) -> None:
    """Point this process's Celery at ``url``, dropping the connections it keeps."""
    celery_app.conf.broker_url = url
    celery_app.conf.broker_transport_options = {"visibility_timeout": 3600, "max_retries": 0}
    celery_app._pool = None  # kombu keeps a pool per URL: never close it, only stop using it
    celery_app.amqp._producer_pool = None
    outbox._broker_down_until = 0.0


@pytest.fixture
def world(transactional_db, tmp_path, settings):
    _require(shutil.which("redis-server") is not None, "redis-server is not installed")
    _require(connection.vendor == "postgresql", "the test database is not PostgreSQL: a worker cannot share it")
    from aiosmtpd.controller import Controller

    settings.PUFFA_OUTBOX_STALE_SECONDS = STALE_SECONDS
    settings.MEDIA_ROOT = tmp_path / "media"
    redis = RedisServer(tmp_path)
    mailbox = Mailbox()
    smtp = Controller(mailbox, hostname="127.0.0.1", port=_free_port())
    smtp.start()
    saved = celery_app.conf.broker_url, celery_app.conf.broker_transport_options
    _use_broker(redis.url)  # nothing listens there yet: the broker is down
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "REDIS_URL": redis.url,
        "CELERY_QUEUE": settings.CELERY_TASK_DEFAULT_QUEUE,
        "EMAIL_URL": f"smtp://127.0.0.1:{smtp.port}",
        "EMAIL_BACKEND": "",
        "CONN_MAX_AGE": "0",
        "PUFFA_VAR_DIR": str(tmp_path / "var"),
        "MEDIA_ROOT": str(tmp_path / "media"),
        "CACHE_URL": "locmemcache://",
        "PUFFA_OUTBOX_STALE_SECONDS": str(STALE_SECONDS),
    }
    worker = Worker(env, tmp_path / "worker.log")
    yield redis, mailbox, worker
    worker_process = worker.process
    if worker_process is not None:
        worker.stop()
    smtp.stop()
    redis.stop()
    celery_app.conf.broker_url, celery_app.conf.broker_transport_options = saved
    _use_broker(saved[0])
    celery_app.conf.broker_transport_options = saved[1]


def _everything_done() -> bool:
    return not OutboxJob.objects.exclude(status=OutboxJob.Status.DONE).exists()


@pytest.mark.integration
def test_a_broker_down_then_up_loses_nothing_and_a_killed_worker_sends_nothing_twice(
    world, login, staff_a, agency_a, bureau_admin, bureau_reviewer
):
    redis, mailbox, worker = world
    contact(agency_a, "contact-a@puffa.example")
    approved(agency_a, staff_a, bureau_reviewer)
    assessment_services.rubric_for_year(year=YEAR)

    # The broker is down: filing an archive, starting a scoring run and the daily run all still answer.
    archive_page = reverse("activities:archive", args=[agency_a.pk, YEAR])
    assert login(staff_a).post(archive_page).status_code == 302
    assert login(bureau_admin).post(reverse("assessment:run_start", args=[YEAR])).status_code == 302
    assert reminders.reminders_send(on=dt.date(2027, 1, 29))
    assert OutboxJob.objects.filter(status=OutboxJob.Status.PENDING, dispatched_at=None).count() >= 4

    # The broker comes back; beat's drain sends what waited; the worker runs it all.
    redis.start()
    worker.start()
    _use_broker(redis.url)
    assert outbox.drain() >= 4
    _wait(_everything_done, "every job done", logs=(worker.log,))
    assert AnnualArchive.objects.get().status == AnnualArchive.Status.READY
    assert ScoringRun.objects.get().status == ScoringRun.Status.DONE
    # Each address: the approval's notice (sent while the broker was down) and the 29 January reminder.
    _wait(lambda: sum(mailbox.received.values()) >= 4, "the emails", logs=(worker.log,))
    assert mailbox.received == Counter({"a@puffa.example": 2, "contact-a@puffa.example": 2})
    assert set(ReminderEmail.objects.values_list("status", flat=True)) == {ReminderEmail.Status.SENT}

    # A worker killed while the server takes an email: taken again after the limit, it sends nothing twice.
    mailbox.hold = {"contact-a@puffa.example"}
    assert reminders.reminders_send(on=dt.date(2027, 2, 14))  # queued at once: the broker is up
    _wait(lambda: mailbox.received["contact-a@puffa.example"] == 3, "the held email reaching the server")
    worker.kill()
    worker.start()
    time.sleep(STALE_SECONDS + 1)
    outbox.drain()  # what beat does every minute
    _wait(_everything_done, "the killed worker's job taken again", logs=(worker.log,))
    time.sleep(2)  # give a duplicate every chance to arrive
    assert mailbox.received == Counter({"a@puffa.example": 3, "contact-a@puffa.example": 3})
    held = ReminderEmail.objects.get(address="contact-a@puffa.example", reminder__sent_on=dt.date(2027, 2, 14))
    assert held.status == ReminderEmail.Status.SENDING  # interrupted: reported by run_reminders, never re-sent
    # Taken again once more after the send (a redelivery after the ack was lost): still nothing twice.
    OutboxJob.objects.update(status=OutboxJob.Status.RUNNING, started_at=held.changed_at)
    time.sleep(STALE_SECONDS + 1)
    outbox.drain()
    _wait(_everything_done, "the jobs run a third time", logs=(worker.log,))
    time.sleep(2)
    assert mailbox.received == Counter({"a@puffa.example": 3, "contact-a@puffa.example": 3})
