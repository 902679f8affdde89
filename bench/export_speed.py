"""Rows per second of the ledger's spreadsheet writer against plain openpyxl, over the same rows.

No database and no tracemalloc: the rows are made up front, shaped like ``activities.selectors.ledger_rows``
(dates, an aware "logged at", labels, numbers, some long text), so the figure is the writer's alone.
"per-column" is the ledger export as it is (each column's kind decided once), "per-value" the same columns
with no kind (each value's type decided as it is written: the writer before), "openpyxl" plain write-only
openpyxl appending the values. Each writer runs ``--runs`` times, interleaved; the best run is reported with the others.

    .venv/bin/python bench/export_speed.py --rows 100000
"""

import argparse
import dataclasses
import datetime as dt
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "puffa.settings")

import django  # noqa: E402

django.setup()

from django.utils import timezone, translation  # noqa: E402
from openpyxl import Workbook  # noqa: E402

from activities import exports  # noqa: E402
from agencies import spreadsheets  # noqa: E402


def ledger_like_rows(count: int) -> list[list]:
    start = dt.date(2026, 1, 1)
    logged = dt.datetime(2026, 1, 1, 1, 30, tzinfo=dt.UTC)
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
                number % 5,
                None,
                "围绕宪法和民法典开展专题讲座，结合典型案例解读。" * (1 + number % 3),
                "王小明",
                logged + dt.timedelta(minutes=number),
            ]
        )
    return rows


def puffa_writer(rows: list[list]) -> None:
    workbook = spreadsheets.new_workbook()
    spreadsheets.add_sheet(workbook, "台账", exports.ledger_columns(), rows)
    with tempfile.TemporaryFile() as handle:
        workbook.save(handle)


def per_value_writer(rows: list[list]) -> None:
    """Before: the same columns with no kind, so each value's type is decided as it is written (AUTO)."""
    workbook = spreadsheets.new_workbook()
    columns = [dataclasses.replace(column, kind=spreadsheets.AUTO) for column in exports.ledger_columns()]
    spreadsheets.add_sheet(workbook, "台账", columns, rows)
    with tempfile.TemporaryFile() as handle:
        workbook.save(handle)


def plain_openpyxl(rows: list[list]) -> None:
    """The floor: openpyxl's write-only mode, values appended as they are (local time made naive, as Excel needs)."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("台账")
    sheet.append([column.header for column in exports.ledger_columns()])
    zone = timezone.get_current_timezone()
    for row in rows:
        sheet.append([*row[:16], row[16].astimezone(zone).replace(tzinfo=None)])
    with tempfile.TemporaryFile() as handle:
        workbook.save(handle)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    translation.activate("zh-hans")
    rows = ledger_like_rows(args.rows)
    timings: dict[str, list[float]] = {"per-column": [], "per-value": [], "openpyxl": []}
    writers = (("per-column", puffa_writer), ("per-value", per_value_writer), ("openpyxl", plain_openpyxl))
    for _run in range(args.runs):
        for name, writer in writers:
            began = time.perf_counter()
            writer(rows)
            timings[name].append(time.perf_counter() - began)
    load = open("/proc/loadavg").read().split()[:3] if Path("/proc/loadavg").exists() else ["?"]
    print(f"{args.rows} rows, {args.runs} runs each, interleaved; load average {' '.join(load)}")
    for name, seconds in timings.items():
        best = min(seconds)
        runs = ", ".join(f"{s:.2f}" for s in seconds)
        print(f"{name:10} best {best:.2f} s = {args.rows / best:,.0f} rows/s (runs: {runs} s)")
    for name in ("per-column", "per-value"):
        print(f"{name} / openpyxl: {min(timings['openpyxl']) / min(timings[name]):.0%}")


if __name__ == "__main__":
    main()
