"""Deadline day under load: simulated agency staff against gunicorn on PostgreSQL, filing at once.

    python bench/load.py --users 50 --seconds 60 [--write BENCHMARKS.md]

1. Prepares the district in ``--database-url`` (created if missing, then migrated): one agency per simulated
   user, each with a staff account and a draft checklist for this year with three items, a few more agencies
   whose checklists are approved (so the public list has rows), a reviewer, and this year's filing deadline
   set to today. Every run adds its own agencies (named by a run tag), so a database can be reused; the
   counts below only look at this run's agencies. Everything goes through ``checklists.services``.
2. Starts ``gunicorn puffa.wsgi:application --workers 2`` on a free port of 127.0.0.1 with production-like
   settings (DEBUG off) on the same database and the embedded broker in a throwaway directory, and waits
   for ``/healthz``.
3. Each simulated user logs in through the login page (the CSRF token from the form, Referer and Origin as
   a browser sends them), then loops over the home page, their checklist, its items page and the public
   list with a pause between pages; once, at a random moment, it submits its checklist through the
   confirmation form, and counts the submission a success when the answer redirects to the checklist and
   the checklist page then shows it as submitted. A reviewer reads the review queue meanwhile.
4. Prints requests, each page's median and 95th percentile, 5xx answers, failed submissions, and the
   submitted checklists counted in the database, which must equal the successes the script saw. Exits 1
   when a target is missed. Stops gunicorn.

Only the standard library drives the traffic (one fresh connection per request, as gunicorn's sync workers
close each), and only to 127.0.0.1. Every loop is bounded in time and in count.
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import math
import os
import platform
import random
import re
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from http.cookies import CookieError, SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/puffa_load"
PASSWORD = "puffa-load-2026"
PUBLISHED_AGENCIES = 10  # agencies with an approved checklist: rows on the public list
LOCAL_HOSTS = {"127.0.0.1", "localhost"}
REQUEST_TIMEOUT = 30.0  # seconds: one request, connect to last byte
MAX_REQUESTS_PER_USER = 5_000
HEALTH_WAIT = 60.0  # seconds for gunicorn to answer /healthz
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')

# The pages a simulated staff member reads, with their weights: mostly their own checklist and the home page.
STAFF_PAGES = [("home", 3), ("checklist", 4), ("items", 2), ("public list", 2)]


# --- the district (needs Django set up) -----------------------------------------------------------------


@dataclass(frozen=True)
class Account:
    username: str
    checklist_id: int


@dataclass(frozen=True)
class District:
    tag: str
    staff: list[Account]
    reviewer: str
    agency_ids: list[int]  # the simulated users' agencies
    submitted_label: str  # how the checklist page names the submitted status


DEPARTMENTS = [
    "市场监督管理局",
    "教育局",
    "卫生健康局",
    "生态环境局",
    "人力资源和社会保障局",
    "交通运输局",
    "住房和城乡建设局",
    "应急管理局",
    "农业农村局",
    "文化广电和旅游局",
]
ITEMS = [
    ("面向企业经营者开展食品安全法、广告法宣传", "法规科", ["managed", "served"], "law_lecture", 4, 800),
    ("执法过程中开展以案释法，结合典型案例讲解", "执法大队", ["targets"], "case_explanation", 6, 300),
    ("“12·4”国家宪法日进社区、进企业集中宣传", "办公室", ["public"], "open_day", 2, 2000),
]


def prepare(*, users: int, published: int = PUBLISHED_AGENCIES, tag: str = "") -> District:
    """This run's agencies, staff and checklists, the reviewer, and today as this year's filing deadline."""
    from django.contrib.auth.hashers import make_password
    from django.db import transaction
    from django.utils import timezone, translation

    from agencies import years
    from agencies.models import Agency, FilingOffice, Law, User
    from checklists import services
    from checklists.models import Checklist
    from demo import agencies as demo

    tag = tag or f"{dt.datetime.now():%m%d%H%M%S}"
    today = timezone.localdate()
    hashed = make_password(PASSWORD)  # once: the server checks it at each login, as it would any password
    with transaction.atomic():
        bureau = FilingOffice.objects.filter(kind=FilingOffice.Kind.DISTRICT_BUREAU).order_by("pk").first()
        if bureau is None:
            bureau = FilingOffice.objects.create(
                name="新北区委政法委（司法局）", kind=FilingOffice.Kind.DISTRICT_BUREAU
            )
        admin, _created = User.objects.update_or_create(
            username="load-bureau",
            defaults={
                "name": "压测管理员",
                "role": User.Role.BUREAU_ADMIN,
                "filing_office": bureau,
                "password": hashed,
            },
        )
        reviewer, _created = User.objects.update_or_create(
            username="load-reviewer",
            defaults={"name": "压测审核员", "role": User.Role.REVIEWER, "filing_office": bureau, "password": hashed},
        )
        for title, *row in demo.LAWS[:8]:
            Law.objects.get_or_create(
                title=title,
                defaults=demo.law_fields(*row),
            )
        law_ids = list(Law.objects.order_by("pk").values_list("pk", flat=True)[:8])
        years.cycle_open(actor=admin, year=today.year)  # a year exists once the bureau opens it
        services.annual_cycle_save(actor=admin, year=today.year, filing_deadline=today, study_minimum=2)

    staff: list[Account] = []
    agency_ids: list[int] = []
    for n in range(users + published):
        with transaction.atomic():
            agency = Agency.objects.create(
                name=f"压测{tag}区{DEPARTMENTS[n % len(DEPARTMENTS)]}{n + 1:03d}",
                short_name=f"{DEPARTMENTS[n % len(DEPARTMENTS)][:8]}{n + 1:03d}",
                agency_type=Agency.Type.GOVERNMENT,
                filing_office=bureau,
            )
            agency.laws.set(law_ids[n % 4 : n % 4 + 3])
            user = User.objects.create(
                username=f"load-{tag}-{n + 1:03d}",
                name=f"联络员{n + 1:03d}",
                role=User.Role.STAFF,
                agency=agency,
                password=hashed,
            )
            checklist = services.checklist_start(agency=agency, year=today.year, actor=user)
            services.checklist_items_save(
                checklist=checklist,
                actor=user,
                items=[
                    services.ItemData(
                        content=content,
                        responsible_office=office,
                        contact_person=f"联络员{n + 1:03d}",
                        contact_phone=f"0519-8512{n:04d}",
                        audiences=audiences,
                        start_date=dt.date(today.year, 3 * i + 1, 1),
                        end_date=dt.date(today.year, 3 * i + 3, 28),
                        goal="覆盖辖区重点对象，群众知晓率明显提升",
                        target_activities=activities,
                        target_people=people,
                        forms=[form],
                        law_ids=law_ids[i : i + 2],
                    )
                    for i, (content, office, audiences, form, activities, people) in enumerate(ITEMS)
                ],
            )
            if n < users:
                staff.append(Account(user.username, checklist.pk))
                agency_ids.append(agency.pk)
            else:
                services.checklist_submit(checklist=checklist, actor=user)
                services.checklist_approve(checklist=checklist, actor=reviewer)
    with translation.override("zh-hans"):
        label = str(Checklist.Status.SUBMITTED.label)
    return District(tag, staff, reviewer.username, agency_ids, label)


def submitted_count(district: District) -> int:
    """This run's checklists the database holds as submitted."""
    from checklists.models import Checklist

    return Checklist.objects.filter(agency_id__in=district.agency_ids, status=Checklist.Status.SUBMITTED).count()


# --- the traffic (standard library only) ---------------------------------------------------------------


@dataclass
class Response:
    status: int
    location: str
    body: str


class Browser:
    """One user's cookies, over a fresh HTTP/1.1 connection per request to 127.0.0.1."""

    def __init__(self, base_url: str, stats: Stats):
        parts = urlsplit(base_url)
        if parts.hostname not in LOCAL_HOSTS or parts.scheme != "http":
            raise ValueError(f"load traffic goes to http://127.0.0.1 only, not {base_url}")
        self.origin = f"http://{parts.hostname}:{parts.port}"
        self.host, self.port = parts.hostname, parts.port
        self.cookies: dict[str, str] = {}
        self.stats = stats

    def request(self, page: str, method: str, path: str, form: dict | None = None, referer: str = "") -> Response:
        """One request, timed and counted under ``page``; a network failure counts as status 0."""
        headers = {"Accept": "text/html", "Accept-Language": "zh-CN,zh;q=0.9", "User-Agent": "puffa-load"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode(form).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = self.origin
        if referer:
            headers["Referer"] = self.origin + referer
        started = time.perf_counter()
        connection = http.client.HTTPConnection(self.host, self.port, timeout=REQUEST_TIMEOUT)
        try:
            connection.request(method, path, body=body, headers=headers)
            answer = connection.getresponse()
            text = answer.read().decode("utf-8", errors="replace")
            response = Response(answer.status, answer.getheader("Location", ""), text)
            self._keep_cookies(answer.headers.get_all("Set-Cookie") or [])
        except (OSError, http.client.HTTPException) as exc:
            response = Response(0, "", f"{exc.__class__.__name__}: {exc}")
        finally:
            connection.close()
        self.stats.record(page, method, path, response.status, (time.perf_counter() - started) * 1000)
        return response

    def _keep_cookies(self, headers: list[str]) -> None:
        for header in headers:
            try:
                cookie = SimpleCookie(header)
            except CookieError:
                continue
            for name, morsel in cookie.items():
                if morsel.value == "" or morsel["max-age"] == "0":
                    self.cookies.pop(name, None)  # Django deletes the messages cookie this way
                else:
                    self.cookies[name] = morsel.value


class Stats:
    """Every request's page, latency and status, shared by the users' threads."""

    def __init__(self):
        self.lock = threading.Lock()
        self.latency: dict[str, list[float]] = defaultdict(list)
        self.finished_at: dict[str, list[float]] = defaultdict(list)  # monotonic, beside each latency
        self.last_login = 0.0  # monotonic: when the last user got in; the arrivals' burst ends there
        self.statuses: Counter[int] = Counter()
        self.unexpected: list[str] = []  # the first few, for the report
        self.unexpected_count = 0
        self.logins_failed = 0
        self.submissions_ok = 0
        self.submissions_failed: list[str] = []

    def record(self, page: str, method: str, path: str, status: int, ms: float) -> None:
        with self.lock:
            self.latency[page].append(ms)
            self.finished_at[page].append(time.monotonic())
            self.statuses[status] += 1

    def after_arrivals(self, page: str) -> list[float]:
        """The page's latencies of requests started once every user had logged in."""
        return [
            ms
            for ms, at in zip(self.latency[page], self.finished_at[page], strict=True)
            if at - ms / 1000 >= self.last_login
        ]

    def note_unexpected(self, what: str) -> None:
        with self.lock:
            self.unexpected_count += 1
            if len(self.unexpected) < 20:
                self.unexpected.append(what)

    @property
    def requests(self) -> int:
        return sum(self.statuses.values())

    @property
    def server_errors(self) -> int:
        return sum(count for status, count in self.statuses.items() if status >= 500)


def _expect(stats: Stats, response: Response, status: int, what: str) -> bool:
    if response.status == status:
        return True
    stats.note_unexpected(f"{what}: {response.status} {response.location or response.body[:80]!r}")
    return False


def log_in(browser: Browser, username: str) -> bool:
    """The login page's form, as a browser fills it in; success is the redirect to the home page."""
    page = browser.request("login page", "GET", "/login/")
    token = CSRF_INPUT.search(page.body)
    if not _expect(browser.stats, page, 200, "login page") or token is None:
        return False
    answer = browser.request(
        "login (POST)",
        "POST",
        "/login/",
        form={"csrfmiddlewaretoken": token.group(1), "username": username, "password": PASSWORD, "next": ""},
        referer="/login/",
    )
    if not (_expect(browser.stats, answer, 302, f"login {username}") and answer.location == "/"):
        return False
    with browser.stats.lock:
        browser.stats.last_login = max(browser.stats.last_login, time.monotonic())
    return True


def submit(browser: Browser, account: Account, submitted_label: str) -> str:
    """Submit through the confirmation form; '' on success, else what went wrong."""
    confirm_path = f"/checklists/{account.checklist_id}/submit/"
    checklist_path = f"/checklists/{account.checklist_id}/"
    page = browser.request("submit: confirmation page", "GET", confirm_path, referer=checklist_path)
    token = CSRF_INPUT.search(page.body)
    if page.status != 200 or token is None:
        return f"confirmation page answered {page.status}"
    answer = browser.request(
        "submit (POST)", "POST", confirm_path, form={"csrfmiddlewaretoken": token.group(1)}, referer=confirm_path
    )
    if answer.status != 302 or answer.location != checklist_path:
        return f"POST answered {answer.status} {answer.location or answer.body[:80]!r}"
    shown = browser.request("checklist", "GET", checklist_path, referer=confirm_path)
    if shown.status != 200:
        return f"checklist page after submitting answered {shown.status}"
    if f'text-bg-primary">{submitted_label}</span>' not in shown.body or confirm_path in shown.body:
        return "the checklist page does not show it as submitted"
    return ""


def _pause(rng: random.Random, think: float, until: float) -> None:
    time.sleep(max(0.0, min(rng.uniform(0.5, 1.5) * think, until - time.monotonic())))


def staff_user(
    base_url: str,
    account: Account,
    submitted_label: str,
    stats: Stats,
    *,
    start: float,
    end: float,
    submit_at: float,
    think: float,
    seed: int,
) -> None:
    """One member of staff's session: log in, read pages, submit once at ``submit_at`` (monotonic seconds)."""
    rng = random.Random(seed)
    browser = Browser(base_url, stats)
    time.sleep(max(0.0, start - time.monotonic()))
    if not log_in(browser, account.username):
        with stats.lock:
            stats.logins_failed += 1
            stats.submissions_failed.append(f"{account.username}: could not log in")
        return
    paths = {
        "home": "/",
        "checklist": f"/checklists/{account.checklist_id}/",
        "items": f"/checklists/{account.checklist_id}/items/",
        "public list": "/public/",
    }
    submitted = False
    previous = "/"
    for _request in range(MAX_REQUESTS_PER_USER):
        if time.monotonic() >= end:
            break
        if not submitted and time.monotonic() >= submit_at:
            submitted = True
            failure = submit(browser, account, submitted_label)
            with stats.lock:
                if failure:
                    stats.submissions_failed.append(f"{account.username}: {failure}")
                else:
                    stats.submissions_ok += 1
            previous = paths["checklist"]
        else:
            # After submitting, the items page is no longer editable: a real user reads the checklist instead.
            choices = [(page, weight) for page, weight in STAFF_PAGES if not (submitted and page == "items")]
            page = rng.choices([page for page, _w in choices], weights=[w for _p, w in choices])[0]
            response = browser.request(page, "GET", paths[page], referer=previous)
            _expect(stats, response, 200, f"{page} {paths[page]} ({account.username})")
            previous = paths[page]
        _pause(rng, think, end)
    if not submitted:
        with stats.lock:
            stats.submissions_failed.append(f"{account.username}: the window closed before it submitted")


def reviewer_user(base_url: str, username: str, stats: Stats, *, start: float, end: float, think: float) -> None:
    """The filing office's reviewer watching the queue fill up on deadline day."""
    rng = random.Random(username)
    browser = Browser(base_url, stats)
    time.sleep(max(0.0, start - time.monotonic()))
    if not log_in(browser, username):
        with stats.lock:
            stats.logins_failed += 1
        return
    for _request in range(MAX_REQUESTS_PER_USER):
        if time.monotonic() >= end:
            break
        page, path = rng.choice([("review queue", "/checklists/review/"), ("filing overview", "/checklists/overview/")])
        _expect(stats, browser.request(page, "GET", path), 200, f"{page} {path} ({username})")
        _pause(rng, think, end)


def run_traffic(
    base_url: str, district: District, *, seconds: float, think: float, ramp: float, reviewers: int = 1, seed: int = 0
) -> Stats:
    """Every simulated user on its own thread for ``seconds``; returns when all have finished."""
    stats = Stats()
    rng = random.Random(seed)
    now = time.monotonic()
    end = now + seconds
    users = len(district.staff)
    threads = []
    for n, account in enumerate(district.staff):
        start = now + ramp * n / max(users, 1)  # users arrive over the ramp, as on a real morning
        submit_at = now + rng.uniform(min(ramp + 1, seconds * 0.3), seconds * 0.85)
        threads.append(
            threading.Thread(
                target=staff_user,
                args=(base_url, account, district.submitted_label, stats),
                kwargs={"start": start, "end": end, "submit_at": submit_at, "think": think, "seed": seed * 1000 + n},
                daemon=True,
            )
        )
    for _n in range(reviewers):
        threads.append(
            threading.Thread(
                target=reviewer_user,
                args=(base_url, district.reviewer, stats),
                kwargs={"start": now, "end": end, "think": think * 3},
                daemon=True,
            )
        )
    for thread in threads:
        thread.start()
    # A user finishes its last page (or submission: three requests) after the window closes.
    for thread in threads:
        thread.join(timeout=max(0.0, end - time.monotonic()) + 4 * REQUEST_TIMEOUT)
    if any(thread.is_alive() for thread in threads):
        stats.note_unexpected("some users were still waiting for an answer after the window closed")
    return stats


# --- gunicorn ------------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_environment(database_url: str, var_dir: str, tag: str, redis_url: str = "") -> dict[str, str]:
    """Production-like settings over plain HTTP on 127.0.0.1; the broker's queue is a throwaway one."""
    env = dict(os.environ)
    env.update(
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="false",
        SESSION_COOKIE_SECURE="false",
        CSRF_COOKIE_SECURE="false",
        STATIC_MANIFEST="false",
        DATABASE_URL=database_url,
        REDIS_URL=redis_url,  # empty: the embedded broker, under var_dir
        CELERY_QUEUE=f"puffa-load-{tag}",
        PUFFA_VAR_DIR=var_dir,
        LOG_LEVEL="WARNING",
        DJANGO_SETTINGS_MODULE="puffa.settings",
    )
    return env


def start_gunicorn(env: dict[str, str], port: int, workers: int, log_path: Path) -> subprocess.Popen:
    command = [sys.executable, "-m", "gunicorn", "puffa.wsgi:application", "--workers", str(workers)]
    command += ["--bind", f"127.0.0.1:{port}", "--error-logfile", "-"]
    with open(log_path, "ab") as log:  # the server keeps its own copy of the file
        return subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)


def wait_until_healthy(process: subprocess.Popen, port: int) -> None:
    deadline = time.monotonic() + HEALTH_WAIT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {process.returncode} before /healthz answered")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                return
        except OSError:
            pass
        finally:
            connection.close()
        time.sleep(0.25)
    raise RuntimeError(f"/healthz did not answer 200 within {HEALTH_WAIT:.0f} s")


def stop_gunicorn(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)  # gunicorn's graceful stop: workers finish their request
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


# --- the report ----------------------------------------------------------------------------------------


def percentile(values: list[float], share: float) -> float:
    """The nearest-rank percentile: at least ``share`` of the values are at or below it."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


# Each bench script runs on its own (python bench/load.py needs no Django, run.py adds the database's version), so
# each writes its machine line itself.
def machine() -> str:
    memory = ""
    try:
        with open("/proc/meminfo") as meminfo:
            memory = f", {int(meminfo.readline().split()[1]) / 2**20:.0f} GiB memory"
    except OSError:
        pass
    return f"{platform.node()}: {os.cpu_count()} cores{memory}, Python {platform.python_version()}"


def _figures(values: list[float]) -> str:
    if not values:
        return "0 | – | –"
    return f"{len(values)} | {statistics.median(values):.0f} | {percentile(values, 0.95):.0f}"


@dataclass
class Outcome:
    stats: Stats
    district: District
    in_database: int
    seconds: float
    think: float
    ramp: float
    workers: int
    reviewers: int = 1
    load_before: float = 0.0
    load_after: float = 0.0
    database: str = ""
    misses: list[str] = field(default_factory=list)

    def check(self) -> list[str]:
        stats, users = self.stats, len(self.district.staff)
        misses = []
        if stats.server_errors:
            misses.append(f"{stats.server_errors} answers were 5xx (target 0)")
        failed = len(stats.submissions_failed)
        if failed:
            misses.append(f"{failed} submissions failed (target 0)")
        if stats.submissions_ok + failed != users:
            misses.append(f"{users - stats.submissions_ok - failed} users neither succeeded nor failed")
        if self.in_database != stats.submissions_ok:
            misses.append(
                f"the database holds {self.in_database} submitted checklists, the script saw "
                f"{stats.submissions_ok} succeed"
            )
        if stats.logins_failed:
            misses.append(f"{stats.logins_failed} users could not log in (target 0)")
        if stats.unexpected_count:
            misses.append(f"{stats.unexpected_count} unexpected answers (target 0)")
        self.misses = misses
        return misses

    def render(self) -> str:
        stats, users = self.stats, len(self.district.staff)
        seconds = self.seconds
        lines = [
            f"Measured {dt.datetime.now().astimezone():%Y-%m-%d %H:%M %Z} on {machine()}; {self.database}.",
            f"gunicorn, {self.workers} sync workers, DEBUG off, on 127.0.0.1. "
            f"{users} staff users and {self.reviewers} reviewer "
            f"for {seconds:.0f} s, arriving over the first {self.ramp:.0f} s; a pause of "
            f"{self.think * 0.5:.1f}–{self.think * 1.5:.1f} s between pages (the reviewer: 3× as long). "
            f"The machine's load average (other work included) {self.load_before:.2f} before, "
            f"{self.load_after:.2f} after.",
            "",
            "Latency is the client's: from opening the connection to the last byte, queueing included. The last "
            "three columns count only requests started once every user had logged in (the logins' password hashing "
            "is the heaviest work of the run).",
            "",
            "| page | requests | median ms | p95 ms | after the logins: requests | median ms | p95 ms |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
        ]
        rows = sorted(stats.latency, key=lambda page: -len(stats.latency[page]))
        for page in rows:
            lines.append(f"| {page} | {_figures(stats.latency[page])} | {_figures(stats.after_arrivals(page))} |")
        everything = [ms for page in rows for ms in stats.latency[page]]
        after = [ms for page in rows for ms in stats.after_arrivals(page)]
        lines.append(f"| **all** | {_figures(everything)} | {_figures(after)} |")
        met = not self.misses
        lines += [
            "",
            "| figure | result | target |",
            "| --- | ---: | --- |",
            f"| requests | {stats.requests} ({stats.requests / seconds:.1f}/s) | |",
            f"| 5xx answers | {stats.server_errors} | 0 |",
            f"| other unexpected answers | {stats.unexpected_count} | 0 |",
            f"| submissions the script saw succeed | {stats.submissions_ok} | {users} |",
            f"| failed submissions | {len(stats.submissions_failed)} | 0 |",
            f"| submitted checklists in the database | {self.in_database} | = successes ({stats.submissions_ok}) |",
            "",
            "Every target met." if met else "Targets missed: " + "; ".join(self.misses) + ".",
        ]
        for what in stats.submissions_failed[:10] + stats.unexpected[:10]:
            lines.append(f"- {what}")
        return "\n".join(lines) + "\n"


# --- the run -------------------------------------------------------------------------------------------


def ensure_database(database_url: str) -> str:
    """Create the PostgreSQL database if it is missing; the server's version, for the report."""
    import psycopg
    from psycopg import sql

    parts = urlsplit(database_url)
    if parts.scheme not in {"postgres", "postgresql"} or parts.hostname not in LOCAL_HOSTS:
        raise SystemExit(f"--database-url must be a PostgreSQL database on 127.0.0.1, not {database_url}")
    name = parts.path.lstrip("/")
    admin_url = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin_url, autocommit=True) as connection:
        if not connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        version = connection.execute("SHOW server_version").fetchone()[0]
    return f"PostgreSQL {version.split()[0]}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50, help="simulated agency staff (default 50)")
    parser.add_argument("--seconds", type=float, default=60, help="length of the load window (default 60)")
    parser.add_argument("--think", type=float, default=1.0, help="mean pause between a user's pages, seconds")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (default 2)")
    parser.add_argument("--database-url", default=DEFAULT_DATABASE_URL)
    parser.add_argument("--redis-url", default="", help="a Redis broker; default: the embedded one")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--write", help="append the figures to this Markdown file (e.g. BENCHMARKS.md)")
    args = parser.parse_args(argv)
    if not 1 <= args.users <= 1000 or not 1 <= args.seconds <= 3600:
        parser.error("--users must be 1–1000 and --seconds 1–3600")

    database = ensure_database(args.database_url)
    tag = f"{dt.datetime.now():%m%d%H%M%S}"
    with tempfile.TemporaryDirectory(prefix="puffa-load-") as var_dir:
        env = server_environment(args.database_url, var_dir, tag, args.redis_url)
        os.environ.update(env)
        sys.path.insert(0, str(ROOT))
        import django
        from django.core.management import call_command
        from django.db import connections

        django.setup()
        call_command("migrate", interactive=False, verbosity=0)
        started = time.monotonic()
        district = prepare(users=args.users, tag=tag)
        connections.close_all()
        print(f"Prepared {args.users} agencies (run {tag}) in {time.monotonic() - started:.1f} s.", flush=True)

        port = free_port()
        log_path = Path(var_dir) / "gunicorn.log"
        process = start_gunicorn(env, port, args.workers, log_path)
        try:
            wait_until_healthy(process, port)
            print(f"gunicorn answers on 127.0.0.1:{port}; {args.users} users for {args.seconds:.0f} s …", flush=True)
            load_before = os.getloadavg()[0]
            ramp = min(10.0, args.seconds / 4)
            stats = run_traffic(
                f"http://127.0.0.1:{port}",
                district,
                seconds=args.seconds,
                think=args.think,
                ramp=ramp,
                seed=args.seed,
            )
            load_after = os.getloadavg()[0]
        finally:
            stop_gunicorn(process)
            server_log = log_path.read_text(errors="replace") if log_path.exists() else ""
        outcome = Outcome(
            stats=stats,
            district=district,
            in_database=submitted_count(district),
            seconds=args.seconds,
            think=args.think,
            ramp=ramp,
            workers=args.workers,
            load_before=load_before,
            load_after=load_after,
            database=database,
        )
    misses = outcome.check()
    report = outcome.render()
    print(report)
    if misses and server_log.strip():
        print("gunicorn's log (last lines):\n" + "\n".join(server_log.splitlines()[-30:]))
    if args.write:
        with open(ROOT / args.write, "a", encoding="utf-8") as handle:
            command = " ".join(["python bench/load.py", *(argv if argv is not None else sys.argv[1:])])
            heading = f"Load: deadline day, {len(district.staff)} users for {args.seconds:.0f} s"
            handle.write(f"\n## {heading}\n\n`{command}`\n\n{report}")
    return 1 if misses else 0


if __name__ == "__main__":
    sys.exit(main())
