"""bench/throughput.py: its bare yardstick page exists only where the benchmark switches it on, and its
client counts what a page answers."""

import importlib.util
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.test import override_settings
from django.urls import Resolver404, resolve, reverse

ROOT = Path(__file__).parents[2]
_spec = importlib.util.spec_from_file_location("bench_throughput", ROOT / "bench" / "throughput.py")
throughput = importlib.util.module_from_spec(_spec)
sys.modules["bench_throughput"] = throughput  # dataclasses look their module up there
_spec.loader.exec_module(throughput)


def test_production_has_no_bare_page():
    assert settings.ROOT_URLCONF == "puffa.urls"
    with pytest.raises(Resolver404):
        resolve("/bench/bare/")


@pytest.mark.django_db
def test_the_bare_page_answers_404_to_a_visitor(client):
    assert client.get("/bench/bare/").status_code == 404


@pytest.mark.django_db
def test_the_benchmarks_urls_add_the_bare_page_to_every_real_one(client, monkeypatch):
    monkeypatch.syspath_prepend(str(ROOT))
    with override_settings(ROOT_URLCONF="bench.bare_urls"):
        response = client.get("/bench/bare/")
        assert response.status_code == 200 and response.text.count("<tr>") == 51  # the heading and 50 rows
        assert reverse("public:list") == "/public/"


def test_a_page_is_credited_only_with_its_200_answers(live_server):
    missing, cost = throughput.Page("missing", "/no-such-page/", ""), throughput.Cost()
    rate, stats = throughput.hammer(live_server.url, missing, connections=2, seconds=0.5, server_pid=0, cost=cost)
    assert rate == 0 and stats.statuses[404] > 0 and cost.requests == stats.statuses[404]
    healthy = throughput.Page("health", "/healthz", "")
    rate, stats = throughput.hammer(live_server.url, healthy, connections=2, seconds=0.5, server_pid=0, cost=cost)
    assert rate > 0 and set(stats.statuses) == {200}
    assert cost.client > 0  # this process's threads, the client's side


def test_the_servers_cpu_is_its_workers_the_children_of_its_master():
    busy = subprocess.Popen([sys.executable, "-c", "while True: pass"])
    try:
        time.sleep(0.5)
        assert throughput.server_cpu_seconds(os.getpid()) >= 0.2  # the busy child's, not this process's own
        assert throughput.server_cpu_seconds(busy.pid) == 0  # a process without children
    finally:
        busy.kill()
        busy.wait()
