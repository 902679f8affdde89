"""The compose file's roles run as processes on this machine: the one list of roles and variables.

``docker-compose.yml`` is read here, not copied: each Puffa role (migrate, web, worker, beat) runs with the
command and the environment the compose file gives it, plus the operator's ``.env`` (a profile from
``deploy/``). What Docker gives each container, a machine gives each process:

- the services' host names are this machine's: ``redis`` is REDIS_URL's server, and the database is the test's
  own on DATABASE_URL's server;
- each process has its own folder (``PUFFA_VAR_DIR``), as each container has its own file system;
- a named volume is one folder shared by the processes that mount it (``media`` at ``/app/var/media``);
- the image's static files, collected once at build time, are one folder every process reads;
- ``gunicorn --bind 0.0.0.0:8000`` binds a free port of 127.0.0.1, and ``/tmp`` is the process's folder;
- a worker's node name carries the test's queue (containers differ by host name; processes do not).

So a role added to the compose file, a command changed or a variable renamed is what these tests run.
"""

from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import yaml

ROOT = Path(__file__).resolve().parents[2]
COMPOSE_FILE = ROOT / "docker-compose.yml"
DEPLOY = ROOT / "deploy"
APP_ROLES = ("migrate", "web", "worker", "beat")
# Where the image keeps its files (Dockerfile: PUFFA_VAR_DIR=/app/var) and what a volume mounted there is.
IMAGE_MOUNTS = {"/app/var/media": "MEDIA_ROOT"}
SERVICE_HOSTS = {"db", "redis"}
BIN = Path(sys.executable).parent


@dataclass(frozen=True)
class Role:
    name: str
    command: list[str]
    environment: dict[str, str]
    env_files: list[str]
    volumes: list[str]


def roles(path: Path = COMPOSE_FILE) -> dict[str, Role]:
    """Puffa's roles as the compose file defines them (the shared ``x-puffa`` block merged in)."""
    services = yaml.safe_load(path.read_text())["services"]
    found = {}
    for name in APP_ROLES:
        service = services[name]
        env_files = service.get("env_file", [])
        found[name] = Role(
            name=name,
            command=[str(part) for part in service["command"]],
            environment={key: str(value) for key, value in (service.get("environment") or {}).items()},
            env_files=[env_files] if isinstance(env_files, str) else list(env_files),
            volumes=list(service.get("volumes", [])),
        )
    return found


def read_env_file(path: Path) -> dict[str, str]:
    """KEY=VALUE lines, as compose reads an env_file: comments and blank lines skipped, no quoting."""
    values = {}
    for line in path.read_text().splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            key, _sep, value = line.partition("=")
            values[key.strip()] = value.strip()
    return values


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def local_address(url: str) -> str:
    """A compose service's address (redis://redis:6379/1) as this machine's (redis://127.0.0.1:6379/1)."""
    parts = urlsplit(url)
    if parts.hostname not in SERVICE_HOSTS:
        return url
    netloc = "127.0.0.1" + (f":{parts.port}" if parts.port else "")
    if parts.hostname == "redis" and os.environ.get("REDIS_URL"):  # the Redis the test run was given
        netloc = urlsplit(os.environ["REDIS_URL"]).netloc
    return urlunsplit(parts._replace(netloc=netloc))


@dataclass
class Site:
    """One deployment: a database, an operator's ``.env``, the shared volumes, and the processes started."""

    folder: Path
    database_url: str
    dotenv: dict[str, str]
    static_root: Path
    queue: str
    overrides: dict[str, str | None] = field(default_factory=dict)  # a variable set, or removed (None)
    shared_volumes: bool = True
    processes: list[tuple[str, subprocess.Popen, Path]] = field(default_factory=list)
    district: dict = field(default_factory=dict)  # the seeded accounts (tests/production/seed.py)

    def environment(self, role: Role, name: str) -> dict[str, str]:
        own = self.folder / name
        own.mkdir(parents=True, exist_ok=True)
        env = {key: value for key, value in os.environ.items() if not _is_puffa_setting(key)}
        env.update(self.dotenv)
        env.update({key: local_address(value) for key, value in role.environment.items()})
        env["DATABASE_URL"] = self.database_url
        env["CELERY_QUEUE"] = self.queue
        env["PUFFA_VAR_DIR"] = str(own / "var")
        env["STATIC_ROOT"] = str(self.static_root)
        for volume in role.volumes:
            volume_name, _sep, mount = volume.partition(":")
            if mount not in IMAGE_MOUNTS:
                raise AssertionError(f"the compose file mounts {volume} where these tests know of no setting")
            folder = self.folder / "volumes" / volume_name if self.shared_volumes else own / "var" / volume_name
            folder.mkdir(parents=True, exist_ok=True)
            env[IMAGE_MOUNTS[mount]] = str(folder)
        for key, value in self.overrides.items():
            if value is None:
                env.pop(key, None)
            else:
                env[key] = value
        return env

    def command(self, role: Role, name: str, port: int | None) -> list[str]:
        own = self.folder / name
        command = []
        for part in role.command:
            if part.startswith("0.0.0.0:"):
                part = f"127.0.0.1:{port}"
            elif part.startswith("/tmp/"):  # noqa: S108 - the compose file's path, mapped to our own folder
                part = str(own / part.removeprefix("/tmp/"))
            command.append(part)
        if command[0] == "python":
            command[0] = sys.executable
        elif (BIN / command[0]).exists():
            command[0] = str(BIN / command[0])
        if role.name == "worker":
            command += ["-n", f"{self.queue}-{name}@%h"]
        return command

    def run(self, role: Role, timeout: float = 180) -> str:
        """A one-shot role (migrate): its output, failing the test when it fails."""
        done = subprocess.run(  # noqa: S603 - our own compose file's command
            self.command(role, role.name, None),
            cwd=ROOT,
            env=self.environment(role, role.name),
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        if done.returncode:
            raise AssertionError(f"{role.name} failed ({done.returncode}):\n{done.stdout[-3000:]}{done.stderr[-3000:]}")
        return done.stdout + done.stderr

    def start(self, role: Role, name: str | None = None) -> int | None:
        """A long-running role as a process; the port it serves on, for web."""
        name = name or role.name
        port = free_port() if role.name == "web" else None
        log = self.folder / f"{name}.log"
        with log.open("w") as output:
            process = subprocess.Popen(  # noqa: S603 - our own compose file's command
                self.command(role, name, port),
                cwd=ROOT,
                env=self.environment(role, name),
                stdout=output,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self.processes.append((name, process, log))
        return port

    def logs(self) -> str:
        return "\n".join(f"--- {name}:\n{log.read_text(errors='replace')[-3000:]}" for name, _p, log in self.processes)

    def check_alive(self) -> None:
        for name, process, _log in self.processes:
            if process.poll() is not None:
                raise AssertionError(f"{name} stopped (exit {process.returncode}):\n{self.logs()}")

    def stop(self) -> None:
        """Stop every process started, with the processes it started (gunicorn's workers): a test's deployment
        keeps nothing worth a graceful shutdown."""
        for _name, process, _log in self.processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        self.processes.clear()


def _is_puffa_setting(key: str) -> bool:
    """Variables of the test run's own settings that must not leak into a role's (the compose file decides)."""
    return key in read_env_file(ROOT / ".env.example") or key in {"DJANGO_SETTINGS_MODULE"}


def wait_until(condition, site: Site, *, seconds: float, what: str, step: float = 0.5):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = condition()
        if found:
            return found
        site.check_alive()
        time.sleep(step)
    raise AssertionError(f"{what}: nothing after {seconds:.0f} s\n{site.logs()}")


def new_secret_key() -> str:
    return secrets.token_urlsafe(50)
