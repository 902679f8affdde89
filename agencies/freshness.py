"""One number that changes whenever the district's data changes, so caches of costly figures (the
leadership dashboard) are thrown away at the right moment, in every process.

Apps ``watch`` their models in ``AppConfig.ready`` (any save or delete then bumps the number) and call
``bump`` themselves after bulk writes, which send no signals. The number lives in the cache shared by all
web and worker processes (the database cache in development, Redis in production), so a scoring run finishing
in a worker is seen by the web servers at once.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from . import caching, reads
from .caching import cache

VERSION_KEY = "puffa:data-version"
KEPT_SECONDS = 24 * 60 * 60

T = TypeVar("T")


def version() -> int:
    """The current number: read from the cache once per reading request (``agencies.reads``; a GET changes no
    data), at every call elsewhere."""
    return reads.once(VERSION_KEY, _read_version)


def _read_version() -> int:
    current = cache.get(VERSION_KEY)
    if current is None:
        # A fresh start (or an evicted key): a new number that no cached entry can carry.
        cache.add(VERSION_KEY, time.time_ns(), None)
        current = cache.get(VERSION_KEY, time.time_ns())
    return current


def kept(name: str, *parts: object, compute: Callable[[], T]) -> T:
    """What ``compute`` returns, kept until the data next changes: under the version read *before* computing (a
    change made meanwhile leaves it stale, never wrongly fresh), named by ``name`` and whatever else it depends
    on (``parts``: the user's scope, the year, the day…)."""
    key = ":".join(("puffa", name, str(version()), *map(str, parts)))
    found = cache.get(key)
    if found is None:
        found = compute()
        cache.set(key, found, KEPT_SECONDS)
    return found


def bump() -> None:
    """Mark the data changed: now, and again once the current transaction commits, so that a page built
    from the data between the two (still without the change) is not kept under the new number."""
    _bump_now()
    transaction.on_commit(_bump_now)


def _bump_now() -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, time.time_ns(), None)


def _after_outage() -> None:
    """The cache is back: changes made while it was down bumped nothing, so start a new number."""
    cache.set(VERSION_KEY, time.time_ns(), None)


caching.on_recovery.append(_after_outage)


def _on_change(sender, **kwargs) -> None:
    bump()


def watch(*model_labels: str) -> None:
    """Bump on every save and delete of these models ("app_label.ModelName")."""
    for label in model_labels:
        post_save.connect(_on_change, sender=label, dispatch_uid=f"freshness-save-{label}")
        post_delete.connect(_on_change, sender=label, dispatch_uid=f"freshness-delete-{label}")
