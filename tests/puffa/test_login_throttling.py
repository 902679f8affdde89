"""django-axes: five failures lock a username from one address for fifteen minutes."""

import datetime as dt

import time_machine
from django.core.management import call_command
from django.urls import reverse

from tests.conftest import PASSWORD


def attempt(client, password, username="staff_a"):
    return client.post(reverse("login"), {"username": username, "password": password})


def test_five_failures_lock_the_account_with_a_chinese_message(client, staff_a):
    for _ in range(4):
        assert attempt(client, "wrong").status_code == 200
    locked = attempt(client, "wrong")
    assert locked.status_code == 429
    assert "登录失败次数过多" in locked.text and "15" in locked.text
    # Even the right password is refused while locked.
    assert attempt(client, PASSWORD).status_code == 429


def test_the_lock_lifts_after_fifteen_minutes(client, staff_a):
    with time_machine.travel(dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC), tick=False):
        for _ in range(5):
            attempt(client, "wrong")
        assert attempt(client, PASSWORD).status_code == 429
    with time_machine.travel(dt.datetime(2026, 3, 2, 9, 16, tzinfo=dt.UTC), tick=False):
        assert attempt(client, PASSWORD).status_code == 302


def test_another_user_from_the_same_address_is_not_locked(client, staff_a, staff_b):
    for _ in range(5):
        attempt(client, "wrong")
    assert attempt(client, PASSWORD, username="staff_b").status_code == 302


def test_an_administrator_unlocks_the_account(client, staff_a):
    for _ in range(5):
        attempt(client, "wrong")
    call_command("axes_reset_username", "staff_a")
    assert attempt(client, PASSWORD).status_code == 302
