"""Throughput: requests per second of three pages against a bare Django view, served by one gunicorn in one run.

    python bench/throughput.py [--database-url postgres://…/puffa_throughput] [--seconds 10] [--rounds 2]
                               [--write BENCHMARKS.md]

1. The database (default ``puffa_throughput``) is used as it is; when it does not exist it is created as a copy
   of ``--template`` (default ``puffa_bench``, the 10,000-agency data set; nothing is written to the template).
   A session is opened for a clerk (agency staff with activities) and the leader, as a login would.
2. Starts gunicorn with bench/load.py's helpers (2 sync workers, DEBUG off, production-like settings, Redis as
   the cache as in production) and ``PUFFA_BENCH_BARE_VIEW`` set, which serves ``/bench/bare/`` beside the
   real pages (bench/bare_urls.py: a plain view rendering a 50-row template, through the same middleware).
3. Each page is warmed up, then hammered by ``--connections`` client threads (standard library, a fresh
   connection per request as gunicorn's sync workers close each) for ``--seconds``; pages take turns in
   A B C D, D C B A order over ``--rounds`` rounds, so that all see the same machine load. A page's figure is
   the median of its rounds: answers of 200 per second. Other answers are counted, not credited.

The client threads and gunicorn share the machine's cores (2 here): the client's own work is part of every
figure, the bare view's most of all, so the percentages understate the pages' cost less than the absolute
figures do. So each page's CPU time per request is given apart on both sides: gunicorn's workers' (from /proc)
and this client process's. Every loop is bounded in time and in count.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))

import load  # noqa: E402 - bench/load.py: gunicorn's start, health wait and stop, the client, the report's bits

ROOT = load.ROOT
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/puffa_throughput"
DEFAULT_CACHE_URL = "redis://127.0.0.1:6379/0"
MAX_REQUESTS_PER_THREAD = 100_000
COPY_ATTEMPTS = 10  # PostgreSQL refuses to copy a database someone is connected to: retry a minute apart


@dataclass(frozen=True)
class Page:
    label: str
    path: str
    session: str  # the session cookie's value; "" for an anonymous visitor


def ensure_copy(database_url: str, template: str) -> str:
    """The database, created as a copy of ``template`` if missing; the server's version, for the report."""
    import psycopg
    from psycopg import sql

    parts = urlsplit(database_url)
    name = parts.path.lstrip("/")
    admin_url = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin_url, autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        for attempt in range(COPY_ATTEMPTS):
            if exists:
                break
            try:
                connection.execute(
                    sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(sql.Identifier(name), sql.Identifier(template))
                )
                break
            except psycopg.errors.ObjectInUse:
                if attempt == COPY_ATTEMPTS - 1:
                    raise
                print(f"{template} is in use; trying again in a minute …", flush=True)
                time.sleep(60)
    return load.ensure_database(database_url)


def sessions(year: int) -> tuple[str, str, int]:
    """Session cookies of a clerk and the leader, as a login leaves them, and the clerk's agency."""
    from django.conf import settings
    from django.test import Client

    from agencies.models import User

    clerk = (
        User.objects.filter(role=User.Role.STAFF, is_active=True, agency__activities__start_date__year=year)
        .order_by("pk")
        .first()
    )
    leader = User.objects.filter(role=User.Role.LEADERSHIP, is_active=True).order_by("pk").first()
    if clerk is None or leader is None:
        raise SystemExit(f"the database needs a clerk with activities in {year} and a leader (seed_scale makes both)")
    cookies = []
    for user in (clerk, leader):
        client = Client()
        client.force_login(user)
        cookies.append(client.cookies[settings.SESSION_COOKIE_NAME].value)
    # The dashboard counted once here, where no worker timeout cuts it short, into the cache gunicorn reads: the
    # figure is the counted dashboard's, as a leader sees it all day (bench/run.py times the cold count).
    started = time.monotonic()
    status = client.get(f"/assessment/dashboard/?year={year}", HTTP_HOST="127.0.0.1").status_code
    print(f"dashboard counted in {time.monotonic() - started:.1f} s ({status})", flush=True)
    return cookies[0], cookies[1], clerk.agency_id


def server_cpu_seconds(master_pid: int) -> float:
    """The CPU seconds (user and system) gunicorn's workers, the master's children, have used: read from /proc,
    so that a page's own cost on the server is seen apart from the client's, which shares the machine."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()  # after the command's name: state, ppid, …
        except OSError:
            continue  # a process gone meanwhile
        if int(fields[1]) == master_pid:
            total += (int(fields[11]) + int(fields[12])) / tick  # utime, stime
    return total


@dataclass
class Cost:
    """The CPU seconds one page's hammering took, on the server's workers and in this client process."""

    server: float = 0.0
    client: float = 0.0
    requests: int = 0


def hammer(
    base_url: str, page: Page, *, connections: int, seconds: float, server_pid: int, cost: Cost
) -> tuple[float, load.Stats]:
    """``connections`` threads requesting ``page`` for ``seconds``: (answers of 200 per second, the stats); the
    CPU time it took on both sides is added to ``cost``."""
    stats = load.Stats()
    server_before, client_before = server_cpu_seconds(server_pid), time.process_time()
    end = time.monotonic() + seconds

    def client() -> None:
        browser = load.Browser(base_url, stats)
        if page.session:
            browser.cookies["sessionid"] = page.session
        for _request in range(MAX_REQUESTS_PER_THREAD):
            if time.monotonic() >= end:
                break
            browser.request(page.label, "GET", page.path)

    started = time.monotonic()
    threads = [threading.Thread(target=client, daemon=True) for _n in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=seconds + 2 * load.REQUEST_TIMEOUT)
    elapsed = time.monotonic() - started
    cost.server += server_cpu_seconds(server_pid) - server_before
    cost.client += time.process_time() - client_before
    cost.requests += sum(stats.statuses.values())
    return stats.statuses[200] / elapsed, stats


def warm_up(base_url: str, page: Page) -> int:
    """A few requests, so that caches and the workers' imports are in place; the last status."""
    stats = load.Stats()
    browser = load.Browser(base_url, stats)
    if page.session:
        browser.cookies["sessionid"] = page.session
    status = 0
    for _n in range(4):
        status = browser.request(page.label, "GET", page.path).status
    return status


def render(
    results: dict[str, list[float]], stats: dict[str, list[load.Stats]], costs: dict[str, Cost], *, context: str
) -> str:
    bare = statistics.median(results["bare"]) or 1.0
    lines = [
        context,
        "",
        "| page | req/s (median of rounds) | rounds | % of bare | median ms | p95 ms | non-200 | server CPU ms/req "
        "| client CPU ms/req |",
        "| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for key, rounds in results.items():
        latencies = [ms for s in stats[key] for ms in s.latency[LABELS[key]]]
        bad = sum(count for s in stats[key] for status, count in s.statuses.items() if status != 200)
        median = statistics.median(rounds)
        figures = " / ".join(f"{r:.1f}" for r in rounds)
        p50 = f"{statistics.median(latencies):.0f}" if latencies else "–"
        p95 = f"{load.percentile(latencies, 0.95):.0f}" if latencies else "–"
        cost = costs[key]
        per_request = [f"{1000 * part / max(cost.requests, 1):.1f}" for part in (cost.server, cost.client)]
        lines.append(
            f"| {LABELS[key]} | {median:.1f} | {figures} | {100 * median / bare:.1f} % | {p50} | {p95} | {bad} "
            f"| {per_request[0]} | {per_request[1]} |"
        )
    missed = [LABELS[k] for k in results if k != "bare" and statistics.median(results[k]) < 0.2 * bare]
    lines += [
        "",
        "Target: each page ≥ 20 % of the bare view. " + (f"Missed: {', '.join(missed)}." if missed else "Met."),
    ]
    return "\n".join(lines) + "\n"


LABELS = {
    "bare": "bare Django view (50-row template)",
    "public": "public list (anonymous)",
    "ledger": "ledger (clerk)",
    "dashboard": "leader's dashboard",
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=DEFAULT_DATABASE_URL)
    parser.add_argument("--template", default="puffa_bench", help="copied when the database is missing")
    parser.add_argument("--cache-url", default=DEFAULT_CACHE_URL, help="the cache, as production's (Redis)")
    parser.add_argument("--seconds", type=float, default=10, help="each page's window per round (default 10)")
    parser.add_argument("--rounds", type=int, default=4, help="rounds, pages in turn, reversed every other round")
    parser.add_argument("--connections", type=int, default=10)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--year", type=int, default=int(os.environ.get("BENCH_YEAR", "2026")))
    parser.add_argument("--write", help="append the figures to this Markdown file (e.g. BENCHMARKS.md)")
    args = parser.parse_args(argv)
    if not 1 <= args.seconds <= 600 or not 1 <= args.rounds <= 20 or not 1 <= args.connections <= 100:
        parser.error("--seconds must be 1–600, --rounds 1–20, --connections 1–100")

    database = ensure_copy(args.database_url, args.template)
    tag = f"{dt.datetime.now():%m%d%H%M%S}"
    with tempfile.TemporaryDirectory(prefix="puffa-throughput-") as var_dir:
        env = load.server_environment(args.database_url, var_dir, tag)
        env.update(CACHE_URL=args.cache_url, PUFFA_BENCH_BARE_VIEW="true")
        os.environ.update(env)
        sys.path.insert(0, str(ROOT))
        import django
        from django.core.management import call_command
        from django.db import connections

        django.setup()
        call_command("migrate", interactive=False, verbosity=0)
        clerk, leader, agency_id = sessions(args.year)
        connections.close_all()
        pages = {
            "bare": Page(LABELS["bare"], "/bench/bare/", ""),
            "public": Page(LABELS["public"], f"/public/?year={args.year}", ""),
            "ledger": Page(LABELS["ledger"], f"/activities/agency/{agency_id}/{args.year}/", clerk),
            "dashboard": Page(LABELS["dashboard"], f"/assessment/dashboard/?year={args.year}", leader),
        }
        port = load.free_port()
        base_url = f"http://127.0.0.1:{port}"
        log_path = Path(var_dir) / "gunicorn.log"
        process = load.start_gunicorn(env, port, args.workers, log_path)
        results: dict[str, list[float]] = {key: [] for key in pages}
        stats: dict[str, list[load.Stats]] = {key: [] for key in pages}
        costs = {key: Cost() for key in pages}
        skipped: list[str] = []
        try:
            load.wait_until_healthy(process, port)
            for key, page in list(pages.items()):
                status = warm_up(base_url, page)
                print(f"warm-up {page.label}: {status}", flush=True)
                if status != 200:  # hammering it would leave both workers busy with it during the next page
                    del pages[key], results[key], stats[key]
                    skipped.append(f"{page.label} (its warm-up answered {status or 'nothing'})")
            load_before = os.getloadavg()[0]
            for round_number in range(args.rounds):
                # Forward, then back: A B C D D C B A …, so that no page always runs first or last.
                for key in list(pages) if round_number % 2 == 0 else list(reversed(pages)):
                    rate, page_stats = hammer(
                        base_url,
                        pages[key],
                        connections=args.connections,
                        seconds=args.seconds,
                        server_pid=process.pid,
                        cost=costs[key],
                    )
                    results[key].append(rate)
                    stats[key].append(page_stats)
                    print(f"round {round_number + 1}: {pages[key].label}: {rate:.0f} req/s", flush=True)
            load_after = os.getloadavg()[0]
        finally:
            load.stop_gunicorn(process)
    context = (
        f"Measured {dt.datetime.now().astimezone():%Y-%m-%d %H:%M %Z} on {load.machine()}; {database}, "
        f"database {urlsplit(args.database_url).path.lstrip('/')}. gunicorn, {args.workers} sync workers, DEBUG off, "
        f"cache {urlsplit(args.cache_url).scheme}; {args.connections} client threads (Python's http.client, a new "
        f"connection per request) on the same machine, so client and server share its {os.cpu_count()} cores. "
        f"{args.rounds} rounds of {args.seconds:.0f} s per page, pages in turn, reversed every other round. "
        f"Load average {load_before:.2f} before, {load_after:.2f} after (other work on the machine included)."
    )
    report = render(results, stats, costs, context=context)
    if skipped:
        report += f"Not measured: {'; '.join(skipped)}.\n"
    print(report)
    if args.write:
        with open(ROOT / args.write, "a", encoding="utf-8") as handle:
            command = " ".join(["python bench/throughput.py", *(argv if argv is not None else sys.argv[1:])])
            handle.write(f"\n## Throughput against a bare Django view\n\n`{command}`\n\n{report}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
