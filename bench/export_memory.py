"""Export every live activity of a year through the ledger's streaming export; print its peak memory.

Run by bench/run.py in a fresh process so the figure is the export's alone: prints
"<rows> <seconds> <peak RSS KiB> <RSS before the export KiB>". The peak is this process's high-water mark
(``VmHWM`` in /proc/self/status: Django, the database driver and the export), with no tracemalloc: tracing
every allocation made the export 6.5x slower, and its speed is measured by bench/export_speed.py.

Not ``ru_maxrss``: Linux carries the parent's peak across fork and exec into it, so a process started by
bench/run.py reported bench/run.py's own peak (132 MB for 20,000 rows in CI, against 86 MB for 100,000 rows
started from a shell). ``VmHWM`` belongs to the memory of this program alone. The RSS before the export (Django
set up, the rows counted) is printed too: the peak less it is what the export itself added.

    .venv/bin/python bench/export_memory.py            # BENCH_YEAR=2026 by default
"""

import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "puffa.settings")

import django  # noqa: E402

django.setup()

from django.utils import translation  # noqa: E402

from activities import exports, selectors  # noqa: E402
from activities.models import Activity  # noqa: E402


def status_kib(field: str) -> int:
    """A memory figure of this process from /proc/self/status (``VmHWM``: the peak RSS, ``VmRSS``: now), KiB."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(f"{field}:"):
                return int(line.split()[1])
    raise LookupError(field)


year = int(os.environ.get("BENCH_YEAR", "2026"))
translation.activate("zh-hans")
activities = selectors.ledger_of(Activity.objects.live().of_year(year))
rows = activities.count()
before = status_kib("VmRSS")
began = time.perf_counter()
with tempfile.TemporaryFile() as handle:
    exports.ledger_workbook(activities, year).save(handle)
print(rows, f"{time.perf_counter() - began:.1f}", status_kib("VmHWM"), before)
