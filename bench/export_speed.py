"""Rows per second of the ledger export against plain openpyxl writing the same rows, in the same run.

No tracemalloc (it made the export 6.5x slower); the export's peak memory is measured apart, in a process of
its own, by ``bench/export_memory.py``. Two ways to feed the writers:

- ``--rows N`` (the default): N rows made up front, shaped like ``activities.selectors.ledger_rows`` (dates,
  a naive Beijing "logged at", labels, numbers, some long text): the figure is the writer's alone.
- ``--database``: every live activity of ``--year`` as the ledger export reads them (on a ``seed_scale`` data
  set). Each writer streams the rows from PostgreSQL through ``ledger_rows`` in its own run, so "per-column"
  is the whole export as a user gets it, and "openpyxl" the same query and rows appended to plain
  write-only openpyxl; "rows only" reads the rows and writes nothing (the database's and Django's share).

"per-column" is the ledger export as it is (each column's kind decided once); with ``--per-value``,
"per-value" the same columns with no kind (each value's type decided as it is written: the writer before).
Each writer runs ``--runs`` times, interleaved, every other round in reverse order (A, B, B, A: on a shared
machine a writer is not always the one run while the load is lower); the best run is reported with the
others, and each run's ratio to the openpyxl run of the same round. Each run is timed twice: wall clock, and
this process's CPU time (``time.process_time``: what the writer itself costs, less disturbed by other work on
a shared machine; PostgreSQL's own time is not in it).

    .venv/bin/python bench/export_speed.py --rows 100000
    .venv/bin/python bench/export_speed.py --database --year 2026
"""

import argparse
import dataclasses
import datetime as dt
import os
import sys
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "puffa.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.utils import translation  # noqa: E402
from openpyxl import Workbook  # noqa: E402

from activities import exports, selectors  # noqa: E402
from activities.models import Activity  # noqa: E402
from agencies import spreadsheets  # noqa: E402


def ledger_like_rows(count: int) -> list[list]:
    start = dt.date(2026, 1, 1)
    logged = dt.datetime(2026, 1, 1, 9, 30)  # Beijing time, naive: converted by the database
    rows = []
    for number in range(1, count + 1):
        day = start + dt.timedelta(days=number % 365)
        rows.append(
            [
                number,
                day,
                day if number % 3 == 0 else None,
                "开展普法宣传教育",
                "法治讲座",
                "进机关" if number % 2 else None,
                f"第{number}场宪法宣传周法治讲座",
                "区政府会议室",
                "公职人员、企业职工",
                None,
                40 + number % 100,
                "组织国家工作人员学习宪法" if number % 4 else None,
                "2026年“12·4”国家宪法日集中宣传活动" if number % 6 == 0 else None,
                number % 5,
                None,
                "围绕宪法和民法典开展专题讲座，结合典型案例解读。" * (1 + number % 3),
                "王小明",
                logged + dt.timedelta(minutes=number),
            ]
        )
    return rows


def puffa_writer(rows: Iterable[list]) -> None:
    workbook = spreadsheets.new_workbook()
    spreadsheets.add_sheet(workbook, "台账", exports.ledger_columns(), rows)
    with tempfile.TemporaryFile() as handle:
        workbook.save(handle)


def per_value_writer(rows: Iterable[list]) -> None:
    """Before: the same columns with no kind, so each value's type is decided as it is written (AUTO)."""
    workbook = spreadsheets.new_workbook()
    columns = [dataclasses.replace(column, kind=spreadsheets.AUTO) for column in exports.ledger_columns()]
    spreadsheets.add_sheet(workbook, "台账", columns, rows)
    with tempfile.TemporaryFile() as handle:
        workbook.save(handle)


def plain_openpyxl(rows: Iterable[list]) -> None:
    """The floor: openpyxl's write-only mode, the same rows appended as they are."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("台账")
    sheet.append([column.header for column in exports.ledger_columns()])
    for row in rows:
        sheet.append(row)
    with tempfile.TemporaryFile() as handle:
        workbook.save(handle)


def rows_only(rows: Iterable[list]) -> None:
    for _row in rows:
        pass


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--per-value", action="store_true", help="also time the per-value writer (before)")
    parser.add_argument("--database", action="store_true", help="stream the ledger's rows from the database")
    parser.add_argument("--year", type=int, default=2026, help="with --database: the year exported")
    args = parser.parse_args()
    translation.activate("zh-hans")
    writers = [("per-column", puffa_writer), ("openpyxl", plain_openpyxl)]
    if args.per_value:
        writers.insert(1, ("per-value", per_value_writer))
    if args.database:
        activities = selectors.ledger_of(Activity.objects.live().of_year(args.year))
        count = activities.count()
        writers.append(("rows only", rows_only))

        def rows() -> Iterable[list]:
            return selectors.ledger_rows(activities)

        source = f"{count:,} live activities of {args.year} streamed from {connection.vendor}"
    else:
        count, made = args.rows, ledger_like_rows(args.rows)

        def rows() -> Iterable[list]:
            return made

        source = f"{count:,} rows made in memory"
    wall: dict[str, list[float]] = {name: [] for name, _writer in writers}
    cpu: dict[str, list[float]] = {name: [] for name, _writer in writers}
    load_before = _load()
    for _run in range(args.runs):
        for name, writer in writers if _run % 2 == 0 else writers[::-1]:
            began, began_cpu = time.perf_counter(), time.process_time()
            writer(rows())
            wall[name].append(time.perf_counter() - began)
            cpu[name].append(time.process_time() - began_cpu)
            print(f"run {_run + 1} {name}: {wall[name][-1]:.1f} s wall, {cpu[name][-1]:.1f} s cpu", flush=True)
    print(f"{source}, {args.runs} runs each, interleaved; load average {load_before} before, {_load()} after")
    for clock, timings in (("wall", wall), ("cpu", cpu)):
        for name, seconds in timings.items():
            best = min(seconds)
            runs = ", ".join(f"{s:.2f}" for s in seconds)
            print(f"{clock:4} {name:10} best {best:.2f} s = {count / best:,.0f} rows/s (runs: {runs} s)")
        for name in [name for name in ("per-column", "per-value") if name in timings]:
            plain = timings["openpyxl"]
            each = ", ".join(f"{p / ours:.0%}" for p, ours in zip(plain, timings[name], strict=True))
            print(f"{clock:4} {name} / openpyxl: best {min(plain) / min(timings[name]):.0%} (each run: {each})")


def _load() -> str:
    return " ".join(open("/proc/loadavg").read().split()[:3]) if Path("/proc/loadavg").exists() else "?"


if __name__ == "__main__":
    main()
