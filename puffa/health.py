"""What /healthz checks: the database, the Celery broker and the cache answer."""

from collections.abc import Callable

from django.core.cache import cache
from django.db import connection

from .celery import app as celery_app


def check_database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def check_broker() -> None:
    with celery_app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1, interval_start=0, interval_step=0, timeout=3)


def check_cache() -> None:
    """The cache server itself, not agencies.caching's fallback: pages go on without it, but slower."""
    cache.set("puffa:healthz", 1, 10)
    if cache.get("puffa:healthz") != 1:
        raise RuntimeError("the cache does not keep what it is given")


CHECKS: dict[str, Callable[[], None]] = {"database": check_database, "broker": check_broker, "cache": check_cache}


def run_checks() -> dict[str, str]:
    """Each check's name with "ok", or with "error: <what went wrong>"."""
    results = {}
    for name, check in CHECKS.items():
        try:
            check()
        except Exception as exc:  # noqa: BLE001 - any failure is what a health check reports
            results[name] = f"error: {exc.__class__.__name__}"
        else:
            results[name] = "ok"
    return results
