"""The cache as an optimisation, never a dependency: one wrapper that logs a failing cache and falls back.

Puffa keeps costly figures (the leadership dashboard, the year's summary) and the data version in the cache
(Redis in production). When the cache server is down, every call here answers as a cache that holds nothing
and keeps nothing: figures are counted again while the user waits, and no write ever fails for it.
``/healthz`` reports the cache itself (puffa.health), so the outage is seen rather than hidden.

Without Redis the cache is a table of the database (``dbcache://``). A cache statement failing there (the table
missing, a database error) inside the caller's transaction would abort that transaction, and every query after
it would fail: each call inside a transaction is therefore made in a savepoint of its own, rolled back alone.

Use ``from agencies.caching import cache`` wherever ``django.core.cache.cache`` would be used.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from django.core.cache import DEFAULT_CACHE_ALIAS, caches
from django.core.cache import cache as _cache
from django.core.cache.backends.db import DatabaseCache
from django.core.signals import setting_changed
from django.db import connections, router, transaction
from django.dispatch import receiver

log = logging.getLogger(__name__)

# After a failure the cache is left alone this long (per process): a refused connection costs a quarter of a
# second with the client's retries, and a page makes several cache calls.
RETRY_AFTER_SECONDS = 5.0
_down_until = 0.0
_failed_since_last_success = False
# Called once the cache answers again after a failure: what was cached before the outage may describe data
# changed during it, when no change could mark it stale (agencies.freshness bumps the data version here).
on_recovery: list[Callable[[], None]] = []


def _available() -> bool:
    return time.monotonic() >= _down_until


def _succeeded() -> None:
    global _failed_since_last_success
    if _failed_since_last_success:
        _failed_since_last_success = False
        for hook in on_recovery:
            hook()


def _failed(operation: str, error: Exception) -> None:
    global _down_until, _failed_since_last_success
    _down_until = time.monotonic() + RETRY_AFTER_SECONDS
    _failed_since_last_success = True
    # One line, no traceback: an outage fails every call, and the health check names it.
    log.warning(
        "cache %s failed, going without for %s s: %s: %s",
        operation,
        RETRY_AFTER_SECONDS,
        error.__class__.__name__,
        error,
    )


def _call(operation: str, *args: Any) -> Any:
    """The cache's ``operation`` on ``args``; for a database cache inside a transaction, in a savepoint: a
    failing statement rolls back to it and leaves the caller's transaction usable."""
    call, using = getattr(_cache, operation), _database_in_transaction()
    if using is None:
        return call(*args)
    with transaction.atomic(using=using):
        return call(*args)


def _database_in_transaction() -> str | None:
    """The database holding the cache, when the cache is a table and a transaction is open there."""
    backend = caches[DEFAULT_CACHE_ALIAS]
    if not isinstance(backend, DatabaseCache):
        return None
    using = router.db_for_write(backend.cache_model_class)
    return using if connections[using].in_atomic_block else None


def _guarded(operation: str, fallback: Any, *args: Any) -> Any:
    """The cache's ``operation`` on ``args``; ``fallback`` when the cache is down or the call fails."""
    if not _available():
        return fallback
    try:
        result = _call(operation, *args)
    except Exception as error:  # noqa: BLE001 - any failure of the cache server means "not cached"
        _failed(operation, error)
        return fallback
    _succeeded()
    return result


@receiver(setting_changed)
def _cache_replaced(setting: str, **kwargs) -> None:
    """A new cache configuration (in tests) is tried at once."""
    global _down_until, _failed_since_last_success
    if setting == "CACHES":
        _down_until, _failed_since_last_success = 0.0, False


class FallbackCache:
    """The few cache operations Puffa uses, each answering as an empty cache when the server fails, and
    without trying it for a few seconds after a failure."""

    def get(self, key: str, default: Any = None) -> Any:
        if not _available():
            return default
        try:
            found = _call("get", key, default)
        except Exception as error:  # noqa: BLE001 - any failure of the cache server means "not cached"
            _failed("get", error)
            return default
        if _failed_since_last_success:
            _succeeded()
            return self.get(key, default)  # as the recovery left it
        return found

    def get_many(self, keys: Iterable[str]) -> dict[str, Any]:
        """The keys found and their values; none when the cache is down."""
        keys = list(keys)
        if not _available():
            return {}
        try:
            found = _call("get_many", keys)
        except Exception as error:  # noqa: BLE001 - as ``get``
            _failed("get_many", error)
            return {}
        if _failed_since_last_success:
            _succeeded()
            return self.get_many(keys)  # as the recovery left it
        return found

    def set(self, key: str, value: Any, timeout: float | None = None) -> None:
        _guarded("set", None, key, value, timeout)

    def set_many(self, data: Mapping[str, Any], timeout: float | None = None) -> list[str]:
        """The keys not kept (all of them when the cache is down)."""
        return _guarded("set_many", list(data), data, timeout)

    def add(self, key: str, value: Any, timeout: float | None = None) -> bool:
        """Whether the key was added; False when the cache is down (nothing was)."""
        return _guarded("add", False, key, value, timeout)

    def delete(self, key: str) -> None:
        _guarded("delete", None, key)

    def delete_many(self, keys: Iterable[str]) -> None:
        _guarded("delete_many", None, keys)

    def incr(self, key: str, delta: int = 1) -> int | None:
        """The new value; ValueError for a missing key, as Django's; None when the cache is down."""
        if not _available():
            return None
        try:
            value = _call("incr", key, delta)
        except ValueError:
            _succeeded()
            raise
        except Exception as error:  # noqa: BLE001
            _failed("incr", error)
            return None
        _succeeded()
        return value


cache = FallbackCache()
