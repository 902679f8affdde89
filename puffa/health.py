"""What /healthz checks: the database and the Celery broker answer."""

from collections.abc import Callable

from django.db import connection

from .celery import app as celery_app


def check_database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def check_broker() -> None:
    with celery_app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1, interval_start=0, interval_step=0, timeout=3)


CHECKS: dict[str, Callable[[], None]] = {"database": check_database, "broker": check_broker}


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
