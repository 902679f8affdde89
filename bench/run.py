"""Puffa's benchmark: page server times and SQL queries on a seed_scale data set, plus the heavy jobs.

    python manage.py seed_scale --agencies 10000 --activities 1000000   # once, on PostgreSQL
    python bench/run.py --requests 30 --write BENCHMARKS.md

Each page is requested in-process through Django's test client (the server's time: URL routing,
middleware, views, templates, SQL; no network), after two warm-up requests; the table gives the median and
95th percentile over ``--requests`` requests and the number of SQL queries of one request. Then the
scoring run, the daily reminder run and the peak memory of a ledger export of every activity, and the
dashboard's cold count beside a raw full-year aggregate (``--cold-count ROUNDS`` for that alone).
It is a measurement, not a test: it prints targets beside figures and never fails on them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "puffa.settings")
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import NoReverseMatch, reverse  # noqa: E402

from agencies import freshness, years  # noqa: E402
from agencies.models import Agency, User  # noqa: E402

PAGE_MEDIAN_MS, PAGE_P95_MS = 150, 300
REMINDER_TARGET_S = 30


@dataclass
class Page:
    label: str
    username: str
    url: Callable[[], str]
    # Run before each request, untimed: e.g. a change that makes the request the first after it.
    before: Callable[[], object] | None = None


def _first_staff() -> str:
    """A staff account of an agency with a checklist and activities (the usual case)."""
    user = (
        User.objects.filter(
            role=User.Role.STAFF, agency__checklists__status="approved", agency__activities__isnull=False
        )
        .order_by("pk")
        .first()
    )
    return user.username if user else User.objects.filter(role=User.Role.STAFF).order_by("pk").first().username


def _agency_of(username: str) -> Agency:
    return User.objects.select_related("agency").get(username=username).agency


def _year() -> int:
    return int(os.environ.get("BENCH_YEAR", "2026"))


def pages() -> list[Page]:
    staff = _first_staff()
    agency = _agency_of(staff)
    year = _year()
    return [
        Page("首页（单位联络员）", staff, lambda: reverse("home")),
        Page("首页（区司法局审核员）", "scale-reviewer", lambda: reverse("home")),
        Page("首页（司法所审核员）", "scale-town-reviewer", lambda: reverse("home")),
        Page("首页（区司法局管理员）", "scale-bureau", lambda: reverse("home")),
        Page("首页（领导）", "scale-leader", lambda: reverse("home")),
        Page("责任单位列表", "scale-reviewer", lambda: reverse("agencies:list")),
        Page("审核队列", "scale-reviewer", lambda: reverse("checklists:queue")),
        Page("备案情况总览", "scale-reviewer", lambda: reverse("checklists:overview") + f"?year={year}"),
        Page("履职情况总览（一页）", "scale-reviewer", lambda: reverse("activities:overview", args=[year])),
        Page(
            "履职情况总览（档案未归档，第 2 页）",
            "scale-reviewer",
            lambda: reverse("activities:overview", args=[year]) + "?show=unfiled&page=2",
        ),
        Page(
            "履职情况总览（低于学法次数，第 2 页）",
            "scale-reviewer",
            lambda: reverse("activities:overview", args=[year]) + "?show=below&page=2",
        ),
        Page("台账（一页）", staff, lambda: reverse("activities:ledger", args=[agency.pk, year])),
        # The first view after a change of the agency's own (logging an activity redirects here): not kept.
        Page(
            "台账（一页，本单位刚有改动）",
            staff,
            lambda: reverse("activities:ledger", args=[agency.pk, year]),
            before=lambda: freshness.bump_agency(agency.pk),
        ),
        Page("公开清单列表", "", lambda: reverse("public:list") + f"?year={year}"),
        Page("领导看板", "scale-leader", lambda: reverse("assessment:dashboard") + f"?year={year}"),
        Page(
            "看板下钻（全部单位，一页）",
            "scale-leader",
            lambda: reverse("assessment:dashboard_agencies") + f"?year={year}&figure=all&page=2",
        ),
        Page("考核结果", "scale-bureau", lambda: reverse("assessment:overview", args=[year])),
        Page(
            "看板下钻（执法依据未全覆盖，一页）",
            "scale-leader",
            lambda: reverse("assessment:dashboard_agencies") + f"?year={year}&figure=coverage:gaps",
        ),
        Page(
            "看板下钻（集中宣传活动未参加，一页）",
            "scale-leader",
            lambda: reverse("assessment:dashboard_agencies") + f"?year={year}&figure=campaign:not_yet",
        ),
        Page("集中宣传活动列表（一页）", "scale-reviewer", lambda: reverse("campaigns:list")),
        Page(
            "集中宣传活动（参与情况，一页）", "scale-reviewer", lambda: reverse("campaigns:detail", args=[_campaign()])
        ),
        Page("考核结果运用（一页）", "scale-bureau", lambda: reverse("decisions:year", args=[year])),
        Page("经验做法列表", "scale-reviewer", lambda: reverse("practice:list")),
        Page("资源库推荐审核（一页）", "scale-bureau", lambda: reverse("library:proposals")),
        Page("规划与重点工作总览（一页）", "scale-reviewer", lambda: reverse("planning:overview") + f"?year={year}"),
        Page("新媒体普法网络集群（一页）", "scale-reviewer", lambda: reverse("newmedia:cluster", args=[year])),
    ]


def nav_pages() -> list[Page]:
    """The navigation bar's pages (templates/_nav.html) that ``pages()`` does not already measure, each as a role
    that sees it. The menu's other links lead to pages measured above: 履职台账 redirects the staff to their
    ledger and reviewers to 履职情况总览, 年度考核评价 and 考核结果运用 to the year's page, 新媒体普法网络集群
    overseers to the year's cluster, 本单位清单 the staff to their checklist of the year. 系统管理 (Django admin)
    is the system administrator's, whom seed_scale does not make."""
    staff = _first_staff()
    agency = _agency_of(staff)
    return [
        Page("本单位清单（单位联络员）", staff, lambda: reverse("checklists:year", args=[agency.pk, _year()])),
        Page("年度设置（区司法局管理员）", "scale-bureau", lambda: reverse("checklists:cycle_list")),
        Page("资源库（一页）", "scale-reviewer", lambda: reverse("library:people")),
        Page("需求分析（一页）", "scale-reviewer", lambda: reverse("library:needs")),
        Page("新媒体账号（单位联络员）", staff, lambda: reverse("newmedia:agency", args=[agency.pk])),
        Page("组织与监督（一页）", "scale-reviewer", lambda: reverse("oversight:filings")),
        Page("法律法规库（一页）", "scale-reviewer", lambda: reverse("agencies:law_list")),
        Page("提醒记录（一页）", "scale-reviewer", lambda: reverse("reminders:list")),
        Page("消息通知（单位联络员）", staff, lambda: reverse("agencies:inbox")),
    ]


def _campaign() -> int:
    from activities.models import Campaign

    return Campaign.objects.filter(year=_year()).order_by("pk").values_list("pk", flat=True).first() or 0


def measure_page(page: Page, requests: int) -> dict:
    client = Client()
    if page.username:
        client.force_login(User.objects.get(username=page.username))
    try:
        url = page.url()
    except NoReverseMatch as exc:
        return {"label": page.label, "error": f"not built ({exc.args[0][:40]})"}
    before = page.before or (lambda: None)
    for _ in range(2):
        before()
        response = client.get(url)
    if response.status_code != 200:
        return {"label": page.label, "error": f"HTTP {response.status_code}"}
    queries = []
    before()
    with connection.execute_wrapper(
        lambda execute, sql, params, many, context: (queries.append(sql), execute(sql, params, many, context))[1]
    ):
        client.get(url)
    timings = []
    for _ in range(requests):
        before()
        started = time.perf_counter()
        client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    p95 = timings[max(0, int(round(0.95 * len(timings))) - 1)]
    return {"label": page.label, "url": url, "median": statistics.median(timings), "p95": p95, "queries": len(queries)}


def cold_count(rounds: int) -> str:
    """The dashboard's count on an empty cache (what the worker does when asked, or the first visit after a change
    or a cache flush: count the leader's scope and keep the figures) against PostgreSQL's own full-year month
    aggregate over the same rows: interleaved, so both see the same machine load. The cache is emptied before
    each count (untimed), so no round reads or overwrites what an earlier one kept. The target is the cold count
    at or under the raw aggregate.

    The count reads each agency's kept facts where fresh (``assessment.dashboard.kept``), so it is timed three
    ways: every agency's facts kept (as after the night's run), one agency changed since (as after a clerk's
    write: its facts counted from the raw rows), and none fresh (after midnight before the night's run, or
    after a bulk write). Keeping the facts again, what the worker does after counting, is timed apart: one
    agency's, and every agency's."""
    from django.core.cache import cache  # the backend itself: agencies.caching's wrapper has no clear()
    from django.db.models import Count
    from django.db.models.functions import ExtractMonth

    from activities.models import Activity
    from agencies import access
    from assessment.dashboard import kept
    from assessment.dashboard import selectors as dashboard

    year = _year()
    leader = User.objects.get(username="scale-leader")
    agencies, scope = access.active_agencies(leader), access.scope_key(leader)
    one = agencies.order_by("pk").values_list("pk", flat=True).first()
    raw = Activity.objects.live().of_year(year).annotate(month=ExtractMonth("start_date")).order_by()

    def count() -> None:
        dashboard.count(year, agencies, scope=scope)

    def every_kept() -> None:
        kept.keep(year, agencies)  # (a no-op but for what an earlier round left stale)
        cache.clear()

    def one_changed() -> None:
        every_kept()
        kept.mark(one)

    def none_fresh() -> None:
        cache.clear()
        kept.mark_all()

    jobs = {
        "看板冷计数（全区，缓存清空后；各单位事实已保存）": (every_kept, count),
        "看板冷计数（另有一个单位刚有改动）": (one_changed, count),
        "保存该单位的事实（计数之后，工作进程）": (lambda: None, lambda: kept.keep(year, agencies)),
        "原始全年按月聚合（PostgreSQL）": (lambda: None, lambda: list(raw.values("month").annotate(n=Count("pk")))),
        "看板冷计数（无已保存的事实：零点后、批量写入后）": (none_fresh, count),
        "重新保存全部单位的事实（工作进程）": (lambda: None, lambda: kept.keep(year, agencies)),
    }
    timings: dict[str, list[float]] = {label: [] for label in jobs}
    for _ in range(rounds):
        for label, (prepare, job) in jobs.items():
            prepare()
            started = time.perf_counter()
            job()
            timings[label].append((time.perf_counter() - started) * 1000)
    lines = ["| 计数 | 中位数 ms | 最小 ms | 最大 ms |", "| --- | ---: | ---: | ---: |"]
    for label, found in timings.items():
        lines.append(f"| {label} | {statistics.median(found):.0f} | {min(found):.0f} | {max(found):.0f} |")
    return "\n".join(lines) + f"\n\n{rounds} rounds, interleaved; load average {os.getloadavg()[0]:.1f}.\n"


def timed(label: str, job: Callable[[], object], target_s: float) -> dict:
    started = time.perf_counter()
    try:
        job()
    except Exception as exc:  # noqa: BLE001 - reported in the table
        return {"label": label, "error": f"{exc.__class__.__name__}: {str(exc)[:60]}"}
    return {"label": label, "seconds": time.perf_counter() - started, "target": target_s}


def scoring_job() -> Callable[[], object]:
    from assessment import services

    rubric = services.rubric_for_year(year=_year())
    user = User.objects.get(username="scale-bureau")
    return lambda: services.scoring_run_now(rubric=rubric, user=user)


def reminder_day(on: dt.date, *, eve: bool = False) -> dict:
    """The daily task's first run of a day not yet run, then its second run of that day, in one transaction
    rolled back after, so every bench run (and the database copy it runs on) still has the day to run.

    The run is the Celery task's own (``puffa.tasks.daily_reminders``, called in this process): choosing,
    recording, notifying and writing each email to the outbox; the SMTP sending is the outbox workers', left
    out, and so is the commit. Nothing of the year is sent before it unless ``eve``: then the day before runs
    first, untimed, as on a machine whose beat ran yesterday, and only what ``on`` adds is timed. The second
    run must send nothing (each stage is recorded once)."""
    from agencies.models import Notification, OutboxJob, ReminderLog
    from puffa import tasks

    def counts() -> tuple[int, ...]:
        return tuple(model.objects.count() for model in (ReminderLog, Notification, OutboxJob))

    found = {"day": on, "eve": eve}
    with transaction.atomic():
        if eve:
            tasks.daily_reminders(str(on - dt.timedelta(days=1)))
        before = counts()
        for run in ("first", "second"):
            started = time.perf_counter()
            found[f"{run}_sent"] = tasks.daily_reminders(on.isoformat())
            found[f"{run}_s"] = time.perf_counter() - started
            if run == "first":
                found["notified"], found["emails"] = (
                    after - earlier for after, earlier in zip(counts()[1:], before[1:], strict=True)
                )
        transaction.set_rollback(True)
    return found


def reminder_days() -> list[dict]:
    """The deadline day and 1 December of the bench year: each as the first run of the year (every current stage
    caught up at once: the most a run sends) and as the run after the day before."""
    year = _year()
    days = (years.open_cycle(year).filing_deadline, dt.date(year, 12, 1))
    return [reminder_day(day, eve=eve) for day in days for eve in (False, True)]


def render_reminders(found: list[dict]) -> str:
    lines = [
        f"| day | sent before | first run s (≤{REMINDER_TARGET_S}) | reminders | inbox notices | emails "
        "(one per address) | second run s | second run sent | met |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for row in found:
        met = row["first_s"] <= REMINDER_TARGET_S and row["second_sent"] == 0
        lines.append(
            f"| {row['day']:%Y-%m-%d} | {'the day before' if row['eve'] else 'nothing of the year'} "
            f"| {row['first_s']:.1f} | {row['first_sent']:,} | {row['notified']:,} | {row['emails']:,} "
            f"| {row['second_s']:.1f} | {row['second_sent']} | {'yes' if met else 'NO'} |"
        )
    from agencies.models import ReminderLog

    return "\n".join(lines) + (
        f"\n\nReminders recorded in the database before (left as they were): {ReminderLog.objects.count():,}. "
        f"Load average {os.getloadavg()[0]:.1f} after the runs.\n"
    )


def district_report_job() -> Callable[[], object]:
    """The worker's build of the district report (全区报告, .docx with the dashboard's charts) for the bureau."""
    from assessment.models import DistrictDocument
    from assessment.reports import services

    kind, year = DistrictDocument.Kind.REPORT, _year()
    DistrictDocument.objects.filter(kind=kind, year=year).delete()
    user = User.objects.get(username="scale-bureau")
    document = DistrictDocument.objects.create(kind=kind, year=year, requested_by=user)
    return lambda: _built(services.district_document_build(document_id=document.pk))


def agency_report_job() -> Callable[[], object]:
    """The worker's build of one agency's annual report draft (.docx)."""
    from assessment.models import ReportDraft
    from assessment.reports import services

    staff = User.objects.get(username=_first_staff())
    ReportDraft.objects.filter(agency=staff.agency, year=_year()).delete()
    draft = ReportDraft.objects.create(agency=staff.agency, year=_year(), requested_by=staff)
    return lambda: _built(services.report_draft_build(draft_id=draft.pk))


def _built(document) -> None:
    if document.status != "ready":
        raise RuntimeError(document.error or document.status)


def export_memory() -> dict:
    """Peak memory of exporting every activity through the ledger's streaming export, in a fresh process (its own
    high-water mark, not ``ru_maxrss``, which would carry this process's peak into it: bench/export_memory.py)."""
    script = ROOT / "bench" / "export_memory.py"
    result = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, cwd=ROOT, check=False)
    if result.returncode != 0:
        return {"label": "台账导出峰值内存", "error": result.stderr.strip().splitlines()[-1][:80]}
    rows, seconds, peak_kb, before_kb = result.stdout.split()
    return {
        "label": "台账导出峰值内存",
        "rows": int(rows),
        "seconds": float(seconds),
        "rss_mb": int(peak_kb) / 1024,
        "added_mb": (int(peak_kb) - int(before_kb)) / 1024,
        "target": 100,
    }


# Each bench script runs on its own (python bench/load.py needs no Django, run.py adds the database's version), so
# each writes its machine line itself.
def machine() -> str:
    memory = ""
    try:
        with open("/proc/meminfo") as meminfo:
            memory = f", {int(meminfo.readline().split()[1]) // 2**20} GiB"
    except OSError:
        pass
    with connection.cursor() as cursor:
        cursor.execute("SELECT version()" if connection.vendor == "postgresql" else "SELECT sqlite_version()")
        database = cursor.fetchone()[0].split(",")[0]
    return f"{platform.node()}: {os.cpu_count()} cores{memory}, Python {platform.python_version()}, {database}"


def render(results: list[dict], jobs: list[dict], memory: dict, requests: int) -> str:
    agencies = Agency.objects.count()
    from activities.models import Activity

    activities = Activity.objects.count()
    lines = [
        f"Measured {dt.datetime.now().astimezone():%Y-%m-%d %H:%M %Z} on {machine()}.",
        f"Data: {agencies:,} agencies, {activities:,} activities. {requests} requests per page after 2 warm-ups.",
        "",
        f"| page | median ms (≤{PAGE_MEDIAN_MS}) | p95 ms (≤{PAGE_P95_MS}) | SQL queries | met |",
        "| --- | ---: | ---: | ---: | --- |",
    ]
    for row in results:
        if "error" in row:
            lines.append(f"| {row['label']} | – | – | – | {row['error']} |")
            continue
        met = row["median"] <= PAGE_MEDIAN_MS and row["p95"] <= PAGE_P95_MS
        lines.append(
            f"| {row['label']} | {row['median']:.0f} | {row['p95']:.0f} | {row['queries']} | {'yes' if met else 'NO'} |"
        )
    lines += ["", "| job | result | target | met |", "| --- | ---: | ---: | --- |"]
    for row in jobs:
        if "error" in row:
            lines.append(f"| {row['label']} | – | – | {row['error']} |")
        else:
            lines.append(
                f"| {row['label']} | {row['seconds']:.1f} s | ≤ {row['target']:.0f} s | "
                f"{'yes' if row['seconds'] <= row['target'] else 'NO'} |"
            )
    if "error" in memory:
        lines.append(f"| {memory['label']} | – | – | {memory['error']} |")
    else:
        lines.append(
            f"| {memory['label']} | {memory['rss_mb']:.0f} MB RSS, {memory['added_mb']:.0f} MB of it the export's "
            f"({memory['rows']:,} rows in {memory['seconds']:.0f} s) "
            f"| ≤ {memory['target']} MB | {'yes' if memory['rss_mb'] <= memory['target'] else 'NO'} |"
        )
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--write", help="append the table to this Markdown file (e.g. BENCHMARKS.md)")
    parser.add_argument("--title", default="", help="a heading for this run in the Markdown file")
    parser.add_argument("--skip-export", action="store_true", help="leave out the ledger export's memory")
    parser.add_argument(
        "--pages", help="measure only the pages whose label contains one of these comma-separated words, no jobs"
    )
    parser.add_argument(
        "--cold-count", type=int, metavar="ROUNDS", help="only time the dashboard's cold count against a raw aggregate"
    )
    parser.add_argument(
        "--reminders", action="store_true", help="only time the first reminder runs of the deadline day and 1 December"
    )
    args = parser.parse_args()
    if args.reminders:
        table = render_reminders(reminder_days())
        print(table)
        if args.write:
            with open(ROOT / args.write, "a", encoding="utf-8") as handle:
                handle.write(f"\n## {args.title or 'Reminders'}\n\n{table}")
        return
    if args.cold_count:
        table = cold_count(args.cold_count)
        print(table)
        if args.write:
            with open(ROOT / args.write, "a", encoding="utf-8") as handle:
                handle.write(f"\n## {args.title or 'Cold count'}\n\n{table}")
        return
    settings.ALLOWED_HOSTS = ["testserver", *settings.ALLOWED_HOSTS]
    # The warm-ups count the dashboard in the request, as no worker runs here: the requests measured then read
    # the figures of the data as it is, not the last ones shown while a worker would count again.
    settings.PUFFA_DASHBOARD_RECOUNT_LATER_FROM = 10**9
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:  # the statistics autovacuum keeps, after the last run's writes
            cursor.execute("ANALYZE")
    chosen = [word for word in (args.pages or "").split(",") if word]
    results = [
        measure_page(page, args.requests)
        for page in pages() + nav_pages()
        if not chosen or any(word in page.label for word in chosen)
    ]
    jobs = []
    for label, factory, target in (
        ("考核评分（全部单位）", scoring_job, 30),
        ("全区普法责任制落实情况报告（.docx）", district_report_job, 60),
        ("单位年度报告草稿（.docx）", agency_report_job, 2),
    ):
        if chosen:
            break
        try:
            job = factory()
        except (ImportError, AttributeError) as exc:
            jobs.append({"label": label, "error": f"not built ({exc})"[:60]})
            continue
        jobs.append(timed(label, job, target))
    memory = (
        {"label": "台账导出峰值内存", "error": "not measured in this run (bench/export_memory.py)"}
        if args.skip_export or chosen
        else export_memory()
    )
    table = render(results, jobs, memory, args.requests)
    if not chosen:
        table += "\n" + render_reminders(reminder_days()) + "\n" + cold_count(5)
    print(table)
    if args.write:
        with open(ROOT / args.write, "a", encoding="utf-8") as handle:
            handle.write(f"\n## {args.title or 'Run'}\n\n{table}")


if __name__ == "__main__":
    main()
