"""Export every live activity of a year through the ledger's streaming export; print its peak memory.

Run by bench/run.py in a fresh process so the figure is the export's alone: prints
"<rows> <seconds> <peak RSS KiB> <RSS before the export KiB>". The peak is this process's high-water mark
(``VmHWM`` in /proc/self/status: Django, the database driver and the export), with no tracemalloc: tracing
every allocation made the export 6.5x slower, and its speed is measured by bench/export_speed.py.

Not ``ru_maxrss``: Linux carries the parent's peak across fork and exec into it, so a process started by
bench/run.py reported bench/run.py's own peak (132 MB for 20,000 rows in CI, against 86 MB for 100,000 rows
started from a shell). ``VmHWM`` belongs to the memory of this program alone. The RSS before the export (Django
set up, the rows counted) is printed too: the peak less it is what the export itself added.

With ``BENCH_VIEW=1`` the export is the download itself: the district reviewer (``scale-reviewer`` of
``seed_scale``, signed in by a session cookie) asks the ledger export's URL for the agency with the most live
activities of the year from Django's WSGI handler, as gunicorn calls it (the middleware, the access check, the
ledger's filter, ``workbook_response`` and its ``FileResponse``), and every chunk of the file is read. Not
Django's test client: importing ``django.test`` alone adds 4 MB that no web worker has. One download of the
smallest ledger comes first, so that the views and URLs a worker has loaded count in "before". The ledger is
exported one agency at a time: a million rows through the view needs a copy of the data set with a million
activities in one agency.

    .venv/bin/python bench/export_memory.py            # BENCH_YEAR=2026 by default
    BENCH_VIEW=1 .venv/bin/python bench/export_memory.py
"""

import io
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "puffa.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY  # noqa: E402
from django.contrib.sessions.backends.db import SessionStore  # noqa: E402
from django.core.handlers.wsgi import WSGIHandler  # noqa: E402
from django.db.models import Count, Q  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import translation  # noqa: E402

from activities import exports, selectors  # noqa: E402
from activities.models import Activity  # noqa: E402
from agencies.models import Agency, User  # noqa: E402


def status_kib(field: str) -> int:
    """A memory figure of this process from /proc/self/status (``VmHWM``: the peak RSS, ``VmRSS``: now), KiB."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(f"{field}:"):
                return int(line.split()[1])
    raise LookupError(field)


def busiest_agency(year: int) -> Agency:
    """The agency with the most live activities of the year (``rows``): the largest ledger a user can download."""
    live = Q(activities__deleted_at__isnull=True, activities__year=year)
    return Agency.objects.annotate(rows=Count("activities", filter=live)).order_by("-rows").first()


def session_cookie(user: User) -> str:
    """A signed-in session for the user, as the login page leaves it (``force_login`` without django.test)."""
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


def download(cookie: str, agency: Agency, year: int) -> None:
    """The agency's ledger export as its browser gets it from a web worker, read to its last chunk."""
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": reverse("activities:ledger_export", args=[agency.pk, year]),
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "443",
        "HTTPS": "on",
        "HTTP_COOKIE": cookie,
        "wsgi.url_scheme": "https",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": sys.stderr,
    }
    statuses = []
    body = WSGIHandler()(environ, lambda status, headers, *exc: statuses.append(status))
    try:
        for _chunk in body:
            pass
    finally:
        body.close()
    assert statuses[0].startswith("200"), statuses


year = int(os.environ.get("BENCH_YEAR", "2026"))
translation.activate("zh-hans")
activities = selectors.ledger_of(Activity.objects.live().of_year(year))
if os.environ.get("BENCH_VIEW") == "1":
    agency, cookie = busiest_agency(year), session_cookie(User.objects.get(username="scale-reviewer"))
    download(cookie, Agency.objects.annotate(rows=Count("activities")).order_by("rows").first(), year)
    rows = agency.rows
else:
    agency, cookie, rows = None, "", activities.count()
before = status_kib("VmRSS")
began = time.perf_counter()
if agency is not None:
    download(cookie, agency, year)
else:
    with tempfile.TemporaryFile() as handle:
        exports.ledger_workbook(activities, year).save(handle)
print(rows, f"{time.perf_counter() - began:.1f}", status_kib("VmHWM"), before)
