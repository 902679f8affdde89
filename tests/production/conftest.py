"""What the production tests stand on: the PostgreSQL server and Redis of DATABASE_URL and REDIS_URL (skipped
without them, except in CI, where they must run), the image's static files, a database the compose file's
``migrate`` role has migrated (copied for each test), a mail server and an S3-compatible server.

Every database made here is named ``puffa_prod_<what>_<pid>`` and dropped afterwards; every Celery queue is the
test's own.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import uuid
from email import message_from_bytes, policy
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest

from .compose import DEPLOY, ROOT, Site, free_port, local_address, new_secret_key, read_env_file, roles


def _require() -> None:
    database, redis = os.environ.get("DATABASE_URL", ""), os.environ.get("REDIS_URL", "")
    missing = []
    if not database.startswith(("postgres://", "postgresql://")):
        missing.append("DATABASE_URL is not PostgreSQL")
    if not redis.startswith("redis://"):
        missing.append("REDIS_URL is not set")
    if not missing:
        return
    if os.environ.get("CI"):
        pytest.fail(f"CI must run the production tests, but {' and '.join(missing)}")
    pytest.skip(" and ".join(missing))


class Postgres:
    """The server of DATABASE_URL: databases made and dropped by name."""

    def __init__(self, url: str):
        self.url = url
        self.made: list[str] = []

    def url_of(self, name: str) -> str:
        return urlunsplit(urlsplit(self.url)._replace(path=f"/{name}"))

    def _admin(self):
        return psycopg.connect(self.url_of("postgres"), autocommit=True)

    def create(self, what: str, *, template: str | None = None) -> str:
        name = f"puffa_prod_{what}_{os.getpid()}"
        with self._admin() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
        self.made.append(name)
        return name

    def drop(self, name: str) -> None:
        with self._admin() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if name in self.made:
            self.made.remove(name)


@pytest.fixture(scope="session")
def postgres():
    _require()
    server = Postgres(os.environ["DATABASE_URL"])
    yield server
    for name in list(server.made):
        server.drop(name)


@pytest.fixture(scope="session")
def image(tmp_path_factory):
    """The image's static files, collected as the Dockerfile collects them at build time."""
    _require()
    static = tmp_path_factory.mktemp("image") / "static"
    env = {key: value for key, value in os.environ.items() if key not in {"DATABASE_URL", "REDIS_URL", "CACHE_URL"}}
    env.update(
        DEBUG="false",
        SECRET_KEY="build-only",
        ALLOWED_HOSTS="localhost",
        STATIC_ROOT=str(static),
        PUFFA_VAR_DIR=str(static.parent / "var"),
    )
    subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True
    )
    return static


@pytest.fixture(scope="session")
def migrated(postgres, image, tmp_path_factory):
    """A database the compose file's migrate role has migrated: the template each test copies."""
    name = postgres.create("template")
    site = Site(
        folder=tmp_path_factory.mktemp("migrate"),
        database_url=postgres.url_of(name),
        dotenv={**read_env_file(DEPLOY / "intranet-http.env"), "SECRET_KEY": new_secret_key()},
        static_root=image,
        queue=f"puffa-prod-{uuid.uuid4().hex[:8]}",
    )
    site.run(roles()["migrate"])
    return name


@pytest.fixture
def site_for(postgres, migrated, image, tmp_path):
    """``site_for(profile, what, **overrides)``: a deployment on a fresh copy of the migrated database, holding the
    seeded district (``site.district``); its processes are stopped after the test."""
    sites = []

    def make(profile: str, what: str, *, shared_volumes: bool = True, **overrides) -> Site:
        name = postgres.create(what, template=migrated)
        site = Site(
            folder=tmp_path / what,
            database_url=postgres.url_of(name),
            dotenv={**read_env_file(DEPLOY / profile), "SECRET_KEY": new_secret_key()},
            static_root=image,
            queue=f"puffa-prod-{what}-{uuid.uuid4().hex[:8]}",
            overrides=overrides,
            shared_volumes=shared_volumes,
        )
        site.folder.mkdir(parents=True)
        sites.append(site)
        role = roles()["migrate"]
        seeded = subprocess.run(  # noqa: S603
            [sys.executable, "-m", "tests.production.seed"],
            cwd=ROOT,
            env=site.environment(role, "seed"),
            capture_output=True,
            text=True,
            check=False,
        )
        assert seeded.returncode == 0, seeded.stderr[-3000:]
        site.district = json.loads(seeded.stdout.strip().splitlines()[-1])
        return site

    yield make
    for site in sites:
        site.stop()
        name = urlsplit(site.database_url).path.lstrip("/")
        postgres.drop(name)
        _forget_cached(name)


def _forget_cached(database: str) -> None:
    """The Redis cache's entries of a dropped database (settings: the key prefix names the database)."""
    import redis

    cache = redis.Redis.from_url(local_address(roles()["web"].environment["CACHE_URL"]))
    for key in cache.scan_iter(match=f"*puffa-{database}:*", count=1000):
        cache.delete(key)


class Mailbox:
    """A mail server on 127.0.0.1 (aiosmtpd) that keeps what it receives."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        self.messages.append((list(envelope.rcpt_tos), message_from_bytes(envelope.content, policy=policy.default)))
        return "250 OK"

    def to(self, address: str) -> list:
        return [message for recipients, message in self.messages if address in recipients]


@pytest.fixture
def mailbox():
    from aiosmtpd.controller import Controller

    box = Mailbox()
    controller = Controller(box, hostname="127.0.0.1", port=free_port())
    controller.start()
    box.url = f"smtp://127.0.0.1:{controller.port}"
    yield box
    controller.stop()


@pytest.fixture(scope="session")
def s3_server(tmp_path_factory):
    """An S3-compatible server (moto in server mode) on a free port of 127.0.0.1."""
    _require()
    port = free_port()
    log = tmp_path_factory.mktemp("s3") / "moto.log"
    with log.open("w") as output:
        server = subprocess.Popen(  # noqa: S603
            [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    import requests

    deadline = time.monotonic() + 30
    while True:
        try:
            requests.get(url, timeout=2)
            break
        except requests.ConnectionError:
            if time.monotonic() > deadline or server.poll() is not None:
                server.kill()
                pytest.fail(f"the S3 server did not start:\n{log.read_text()}")
            time.sleep(0.3)
    yield url
    server.terminate()
    server.wait(timeout=20)


@pytest.fixture
def s3_bucket(s3_server):
    """A new private bucket, and the variables that point Puffa at it."""
    import boto3

    name = f"puffa-media-{uuid.uuid4().hex[:8]}"
    keys = {"aws_access_key_id": "puffa", "aws_secret_access_key": "puffa-secret", "region_name": "us-east-1"}
    boto3.client("s3", endpoint_url=s3_server, **keys).create_bucket(Bucket=name)
    return {
        "S3_BUCKET": name,
        "S3_ENDPOINT_URL": s3_server,
        "S3_ACCESS_KEY": keys["aws_access_key_id"],
        "S3_SECRET_KEY": keys["aws_secret_access_key"],
        "S3_REGION": keys["region_name"],
    }
