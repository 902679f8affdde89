"""Export every live activity of a year through the ledger's streaming export; print its peak memory.

Run by bench/run.py in a fresh process so the figure is the export's alone: prints
"<rows> <seconds> <peak RSS KiB>". The peak is the kernel's (``ru_maxrss``: the whole process, Django and
the database driver included), with no tracemalloc: tracing every allocation made the export 6.5x slower,
and its speed is measured by bench/export_speed.py.

    .venv/bin/python bench/export_memory.py            # BENCH_YEAR=2026 by default
"""

import os
import resource
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

year = int(os.environ.get("BENCH_YEAR", "2026"))
translation.activate("zh-hans")
activities = selectors.ledger_of(Activity.objects.live().of_year(year))
rows = activities.count()
began = time.perf_counter()
with tempfile.TemporaryFile() as handle:
    exports.ledger_workbook(activities, year).save(handle)
print(rows, f"{time.perf_counter() - began:.1f}", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
