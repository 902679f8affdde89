"""The cache wrapper: a failing cache answers as an empty one, is left alone for a moment, and once back the
data version moves on (changes made during the outage could not mark cached figures stale)."""

import pytest
from django.core.cache import cache as django_cache
from django.db import transaction

from agencies import caching, freshness
from agencies.models import Agency


class Outage:
    """A cache server that refuses every call, counting them."""

    def __init__(self):
        self.calls = 0

    def __getattr__(self, name):
        def refuse(*args, **kwargs):
            self.calls += 1
            raise ConnectionError("refused")

        return refuse


@pytest.fixture
def outage(monkeypatch):
    down = Outage()
    monkeypatch.setattr(caching, "_cache", down)
    monkeypatch.setattr(caching, "_down_until", 0.0)
    return down


def test_a_failing_cache_answers_as_an_empty_one(outage):
    cache = caching.cache
    assert cache.get("k", "default") == "default"
    assert cache.set("k", 1) is None and cache.add("k", 1) is False and cache.incr("k") is None
    assert cache.set_many({"a": 1, "b": 2}) == ["a", "b"]


def test_after_a_failure_the_cache_is_left_alone_for_a_moment(outage):
    caching.cache.get("k")
    caching.cache.get("k")
    caching.cache.set("k", 1)
    assert outage.calls == 1


def test_a_missing_key_still_raises_on_incr_as_djangos_cache_does():
    with pytest.raises(ValueError):
        caching.cache.incr("puffa:test:missing")


@pytest.mark.django_db  # a bump is made again once the transaction commits
def test_the_data_versions_move_on_once_the_cache_is_back(monkeypatch):
    before, agency_before = freshness.version(), freshness.agency_version(7)
    down = Outage()
    monkeypatch.setattr(caching, "_cache", down)
    freshness.bump()  # a change during the outage: nothing is kept
    freshness.bump_agency(7)
    monkeypatch.setattr(caching, "_cache", django_cache)
    monkeypatch.setattr(caching, "_down_until", 0.0)
    assert django_cache.get(freshness.VERSION_KEY) == before  # the cache itself never heard of the change
    assert freshness.version() != before
    assert freshness.agency_version(7) != agency_before


def database_cache(settings, table):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": table}}


@pytest.mark.django_db
def test_a_failing_database_cache_leaves_the_callers_transaction_usable(settings, monkeypatch, agency_a):
    database_cache(settings, "puffa_no_such_cache_table")  # as a site migrated before the cache table existed
    with transaction.atomic():
        for call in (
            lambda: caching.cache.get("k", "default") == "default",
            lambda: caching.cache.set("k", 1) is None,
            lambda: caching.cache.add("k", 1) is False,
            lambda: caching.cache.incr("k") is None,
            lambda: caching.cache.delete("k") is None,
        ):
            monkeypatch.setattr(caching, "_down_until", 0.0)  # each call tries the table
            assert call()
            # Without a savepoint of its own, PostgreSQL refuses every query after the failed one.
            assert Agency.objects.filter(pk=agency_a.pk).exists()


@pytest.mark.django_db
def test_a_database_cache_inside_a_transaction_keeps_and_reads_back(settings):
    database_cache(settings, "puffa_cache")
    with transaction.atomic():
        caching.cache.set("puffa:test:k", 1)
        assert caching.cache.add("puffa:test:k", 2) is False
        assert caching.cache.incr("puffa:test:k") == 2
    assert caching.cache.get("puffa:test:k") == 2
