"""Export every live activity through the ledger's streaming export; print the peak memory.

Run by bench/run.py in a fresh process so the figure is the export's alone:
prints "<peak Python heap bytes> <peak RSS KiB>".
"""

import os
import resource
import sys
import tempfile
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "puffa.settings")

import django  # noqa: E402

django.setup()
tracemalloc.start()

from activities import exports, selectors  # noqa: E402
from activities.models import Activity  # noqa: E402

year = int(os.environ.get("BENCH_YEAR", "2026"))
with tempfile.TemporaryFile() as handle:
    exports.ledger_workbook(selectors.ledger_of(Activity.objects.live().of_year(year)), year).save(handle)
print(tracemalloc.get_traced_memory()[1], resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
