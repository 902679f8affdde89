"""One number that changes whenever the district's data changes, so caches of costly figures (the
leadership dashboard) are thrown away at the right moment, in every process; and one per agency, for pages of
one agency's own data (its ledger), which a write elsewhere in the district leaves as they are.

Apps ``watch`` their models in ``AppConfig.ready`` (any save or delete then bumps the number), ``watch_agency``
those an agency's pages show (a save or delete bumps that agency's number), and call ``bump`` themselves after
bulk writes, which send no signals: ``bump`` moves every agency's number on too, since a bulk write's agencies
are not known. The numbers live in the cache shared by all web and worker processes (the database cache in
development, Redis in production), so a scoring run finishing in a worker is seen by the web servers at once.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from typing import Any, TypeVar

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from . import caching, reads
from .caching import cache

VERSION_KEY = "puffa:data-version"
# Part of every agency's number: moved on by ``bump`` (bulk writes) and by a change whose agency is not known.
EPOCH_KEY = "puffa:data-epoch"
KEPT_SECONDS = 24 * 60 * 60

T = TypeVar("T")


def version() -> int:
    """The current number: read from the cache once per reading request (``agencies.reads``; a GET changes no
    data), at every call elsewhere."""
    return reads.once(VERSION_KEY, _read_version)


def _read_version() -> int:
    return _read_numbers([VERSION_KEY])[0]


def agency_version(agency_id: int) -> str:
    """The number of one agency's own data: read once per reading request, as ``version``."""
    return reads.once((EPOCH_KEY, agency_id), lambda: ".".join(map(str, _read_numbers([EPOCH_KEY, _key(agency_id)]))))


def _key(agency_id: int) -> str:
    return f"puffa:agency-version:{agency_id}"


def _read_numbers(keys: list[str]) -> list[int]:
    found = cache.get_many(keys)
    for key in keys:
        if key not in found:
            # A fresh start (or an evicted key): a new number that no cached entry can carry.
            cache.add(key, time.time_ns(), None)
            found[key] = cache.get(key, time.time_ns())
    return [found[key] for key in keys]


def kept(name: str, *parts: object, compute: Callable[[], T]) -> T:
    """What ``compute`` returns, kept until the data next changes: under the version read *before* computing (a
    change made meanwhile leaves it stale, never wrongly fresh), named by ``name`` and whatever else it depends
    on (``parts``: the user's scope, the year, the day…)."""
    return _kept(":".join(("puffa", name, str(version()), *map(str, parts))), compute)


def kept_for_agency(name: str, agency_id: int, *parts: object, compute: Callable[[], T]) -> T:
    """``kept``, until the agency's own data next changes (``agency_version``). What ``compute`` reads must be the
    agency's own, of models it ``watch_agency``s, or be among ``parts``: a change to anything else would not be
    seen. ``parts`` go into the key hashed (a list's filters can be long)."""
    digest = hashlib.sha256("\x1f".join(map(str, parts)).encode()).hexdigest()[:32]
    return _kept(":".join(("puffa", name, str(agency_id), agency_version(agency_id), digest)), compute)


def _kept(key: str, compute: Callable[[], T]) -> T:
    found = cache.get(key)
    if found is None:
        found = compute()
        cache.set(key, found, KEPT_SECONDS)
    return found


# Called by ``bump`` as well, in the writer's transaction: what other apps keep of every agency's data (the
# dashboard's kept facts, ``assessment.dashboard.kept``) and must count again.
on_bump: list[Callable[[], None]] = []


def bump() -> None:
    """Mark the data changed, every agency's included (a bulk write: which agencies it touched is not known)."""
    _bump(VERSION_KEY, EPOCH_KEY)
    for marked in on_bump:
        marked()


def bump_agency(agency_id: int) -> None:
    """Mark one agency's own data changed."""
    _bump(_key(agency_id))


def _bump(*keys: str) -> None:
    """Now, and again once the current transaction commits, so that a page built from the data between the two
    (still without the change) is not kept under the new number."""
    _bump_now(keys)
    transaction.on_commit(lambda: _bump_now(keys))


def _bump_now(keys: tuple[str, ...]) -> None:
    for key in keys:
        try:
            cache.incr(key)
        except ValueError:
            cache.set(key, time.time_ns(), None)


def _after_outage() -> None:
    """The cache is back: changes made while it was down bumped nothing, so start new numbers (every agency's
    through the epoch)."""
    cache.set_many({VERSION_KEY: time.time_ns(), EPOCH_KEY: time.time_ns()}, None)


caching.on_recovery.append(_after_outage)


def _on_change(sender, **kwargs) -> None:
    _bump(VERSION_KEY)


def watch(*model_labels: str) -> None:
    """Bump on every save and delete of these models ("app_label.ModelName")."""
    for label in model_labels:
        post_save.connect(_on_change, sender=label, dispatch_uid=f"freshness-save-{label}")
        post_delete.connect(_on_change, sender=label, dispatch_uid=f"freshness-delete-{label}")


def watch_agency(label: str, agency_of: Callable[[Any], int | None]) -> None:
    """Bump the agency's own number on every save and delete of this model ("app_label.ModelName");
    ``agency_of(instance)`` names the agency without a query, or None when it cannot (every agency's then)."""

    def changed(sender, instance, **kwargs) -> None:
        agency_id = agency_of(instance)
        if agency_id is None:
            _bump(EPOCH_KEY)
        else:
            bump_agency(agency_id)

    post_save.connect(changed, sender=label, weak=False, dispatch_uid=f"freshness-agency-save-{label}")
    post_delete.connect(changed, sender=label, weak=False, dispatch_uid=f"freshness-agency-delete-{label}")


def through(relation: str) -> Callable[[Any], int | None]:
    """``agency_of`` for a model whose agency is its ``relation``'s: read from the related row when the instance
    already holds it (as the services' instances do), None otherwise."""

    def agency_of(instance: Any) -> int | None:
        if getattr(type(instance), relation).is_cached(instance):
            return getattr(instance, relation).agency_id
        return None

    return agency_of
