"""What one request reads more than once, read once.

A home page gathers its 待办 and its cards from every app, and several of them ask the same question: the
year's cycle, the reviewer's queue, the year's filing progress, an agency's ★ sessions. ``puffa.middleware``
enters ``shared_reads`` around each request; inside it ``once`` keeps the first answer for the rest of the
request. Outside a request (tasks, commands, the shell) every call reads the database.

Two kinds of read:

- ``once(key, load, kept_while_writing=True)``: kept in every request; its owner forgets it when the thing read
  changes (``forget``), as ``agencies.years`` does when a cycle is saved.
- ``once(key, load)``: kept only while the request reads (GET, HEAD, OPTIONS). Reading never writes, so what it read
  cannot change under it; a request that writes reads afresh each time.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TypeVar

T = TypeVar("T")

_reads: ContextVar[dict | None] = ContextVar("puffa_request_reads", default=None)
_only_reading: ContextVar[bool] = ContextVar("puffa_request_only_reads", default=False)


@contextmanager
def shared_reads(*, only_reading: bool) -> Iterator[None]:
    """Keep the answers of ``once`` for the block: one request; ``only_reading`` when it cannot write."""
    reads_token = _reads.set({})
    reading_token = _only_reading.set(only_reading)
    try:
        yield
    finally:
        _only_reading.reset(reading_token)
        _reads.reset(reads_token)


def once(key: Hashable, load: Callable[[], T], *, kept_while_writing: bool = False) -> T:
    """``load()`` the first time ``key`` is asked in this request, the same answer after that."""
    reads = _reads.get()
    if reads is None or not (kept_while_writing or _only_reading.get()):
        return load()
    if key not in reads:
        reads[key] = load()
    return reads[key]


def forget() -> None:
    """Forget everything read in this request (something it read has changed)."""
    reads = _reads.get()
    if reads is not None:
        reads.clear()
