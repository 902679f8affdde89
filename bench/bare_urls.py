"""The yardstick of bench/throughput.py: every page of puffa.urls plus ``/bench/bare/``, a plain Django view
rendering a 50-row table from a template, served by the same gunicorn through the same middleware.

Only the benchmark uses this URLconf (``PUFFA_BENCH_BARE_VIEW=true``, see puffa/settings.py); production never
sets it, so ``/bench/bare/`` answers 404 there.
"""

from django.http import HttpRequest, HttpResponse
from django.template import engines
from django.urls import path

from puffa.urls import handler400  # noqa: F401 - handler400 is Django's hook
from puffa.urls import urlpatterns as puffa_urlpatterns

ROWS = [{"number": n, "name": f"第 {n} 行", "count": n * 37, "day": f"2026-03-{n % 28 + 1:02d}"} for n in range(50)]

# Compiled once, as the cached template loader keeps the project's templates.
BARE = engines["django"].from_string(
    """<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>bare</title></head><body>
<table class="table"><thead><tr><th>#</th><th>名称</th><th>数量</th><th>日期</th></tr></thead><tbody>
{% for row in rows %}<tr><td>{{ row.number }}</td>
<td><a href="/bench/bare/?row={{ row.number }}">{{ row.name }}</a></td><td>{{ row.count }}</td>
<td>{{ row.day }}</td></tr>
{% endfor %}</tbody></table></body></html>"""
)


def bare(request: HttpRequest) -> HttpResponse:
    return HttpResponse(BARE.render({"rows": ROWS}, request))


urlpatterns = [path("bench/bare/", bare, name="bench_bare"), *puffa_urlpatterns]
