"""The bureau manages logins (agencies/logins.py): create, change, deactivate, reset; errors are form errors."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from agencies.models import User

from ..conftest import PASSWORD


def signs_in(username: str, password: str) -> bool:
    """Whether the login page lets this username and password in."""
    response = Client().post(reverse("login"), {"username": username, "password": password})
    return response.status_code == 302


def shown_password(response) -> str:
    return re.search(r'data-testid="password">([^<]+)<', response.text).group(1)


def test_the_bureau_creates_a_login_for_an_agency_and_sees_its_password_once(login, bureau_admin, agency_a):
    response = login(bureau_admin).post(
        reverse("agencies:login_create"),
        {"username": "wangfang", "name": "王芳", "role": "staff", "agency": agency_a.pk, "email": ""},
    )
    assert response.status_code == 200
    assert "仅显示这一次" in response.text
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]
    password = shown_password(response)
    created = User.objects.get(username="wangfang")
    assert created.agency == agency_a and created.is_agency_staff
    assert signs_in("wangfang", password)


@pytest.mark.parametrize(
    ("role", "field", "message"),
    [
        ("staff", "agency", "单位工作人员必须属于一个单位"),
        ("reviewer", "filing_office", "审核人员必须属于一个备案机关"),
    ],
)
def test_a_role_without_its_agency_or_office_is_a_form_error(login, bureau_admin, role, field, message):
    response = login(bureau_admin).post(
        reverse("agencies:login_create"), {"username": "nobody", "name": "某人", "role": role}
    )
    assert response.status_code == 200
    assert message in response.text
    assert not User.objects.filter(username="nobody").exists()


def test_the_office_is_kept_only_for_roles_that_have_one(login, bureau_admin, agency_a, town_office):
    login(bureau_admin).post(
        reverse("agencies:login_create"),
        {
            "username": "leader2",
            "name": "区领导",
            "role": "leadership",
            "agency": agency_a.pk,
            "filing_office": town_office.pk,
        },
    )
    created = User.objects.get(username="leader2")
    assert created.agency is None and created.filing_office is None


def test_deactivating_keeps_the_login_and_its_history_but_it_cannot_sign_in(login, bureau_admin, staff_a):
    response = login(bureau_admin).post(reverse("agencies:login_active", args=[staff_a.pk]), {"active": "0"})
    assert response.status_code == 302
    staff_a.refresh_from_db()
    assert not staff_a.is_active
    assert not signs_in("staff_a", PASSWORD)
    login(bureau_admin).post(reverse("agencies:login_active", args=[staff_a.pk]), {"active": "1"})
    assert signs_in("staff_a", PASSWORD)


def test_the_bureau_cannot_deactivate_its_own_login(login, bureau_admin):
    response = login(bureau_admin).post(
        reverse("agencies:login_active", args=[bureau_admin.pk]), {"active": "0"}, follow=True
    )
    assert "不能停用自己的登录账号" in response.text
    bureau_admin.refresh_from_db()
    assert bureau_admin.is_active


def test_there_is_no_way_to_delete_a_login_here(login, bureau_admin, staff_a):
    text = login(bureau_admin).get(reverse("agencies:login_edit", args=[staff_a.pk])).text
    assert "停用登录账号" in text and "删除" not in text


def test_resetting_asks_first_then_shows_the_new_password_once(login, bureau_admin, staff_a):
    url = reverse("agencies:login_reset", args=[staff_a.pk])
    assert "确认重置" in login(bureau_admin).get(url).text
    assert signs_in("staff_a", PASSWORD)  # the GET changed nothing
    response = login(bureau_admin).post(url)
    password = shown_password(response)
    assert not signs_in("staff_a", PASSWORD)
    assert signs_in("staff_a", password)


def test_the_list_filters_by_agency_and_hides_the_system_administrator(login, bureau_admin, staff_a, staff_b):
    User.objects.create_superuser("root", password="x-very-secret-1")
    response = login(bureau_admin).get(reverse("agencies:login_list"), {"agency": staff_a.agency_id})
    assert "staff_a" in response.text and "staff_b" not in response.text
    assert "root" not in login(bureau_admin).get(reverse("agencies:login_list")).text


def test_the_admin_answers_a_staff_user_without_agency_with_a_form_error(client, db):
    root = User.objects.create_superuser("root", password="x-very-secret-1")
    client.force_login(root)
    response = client.post(
        reverse("admin:agencies_user_add"),
        {"username": "noagency", "password1": "Zq8#long-enough", "password2": "Zq8#long-enough", "role": "staff"},
    )
    assert response.status_code == 200
    assert "单位工作人员必须属于一个单位" in response.text
    assert not User.objects.filter(username="noagency").exists()


def test_the_admin_does_not_delete_a_login_that_has_been_used(client, staff_a, staff_b):
    from django.utils import timezone

    root = User.objects.create_superuser("root", password="x-very-secret-1")
    User.objects.filter(pk=staff_a.pk).update(last_login=timezone.now())
    client.force_login(root)
    assert client.get(reverse("admin:agencies_user_delete", args=[staff_a.pk])).status_code == 403
    assert client.get(reverse("admin:agencies_user_delete", args=[staff_b.pk])).status_code == 200  # never used
