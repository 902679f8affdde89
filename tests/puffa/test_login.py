import pytest
from django.conf import settings
from django.urls import reverse

from tests.conftest import PASSWORD


@pytest.mark.django_db
def test_the_login_page_is_chinese_by_default(client):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert '<html lang="zh-CN">' in response.text
    assert "登录" in response.text
    assert "用户名" in response.text and "密码" in response.text


@pytest.mark.django_db
def test_an_english_browser_still_gets_chinese(client):
    response = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert "登录" in response.text


@pytest.mark.django_db
def test_english_is_available_by_choice(client):
    client.post(reverse("set_language"), {"language": "en", "next": "/login/"})
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    response = client.get(reverse("login"))
    assert '<html lang="en">' in response.text
    assert "Log in" in response.text


def test_a_user_logs_in_and_lands_on_their_home_page(client, staff_a):
    response = client.post(reverse("login"), {"username": "staff_a", "password": PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("home")
    assert "常州市新北区市场监督管理局" in response.text


def test_a_wrong_password_says_so_in_chinese_and_keeps_the_username(client, staff_a):
    response = client.post(reverse("login"), {"username": "staff_a", "password": "wrong"})
    assert response.status_code == 200
    assert response.text.count("请输入一个正确的") == 1  # in the summary at the top, not again below it
    assert 'value="staff_a"' in response.text


def test_leadership_can_still_log_out(login, leader):
    client = login(leader)
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert client.get(reverse("home")).status_code == 302


@pytest.mark.django_db
def test_the_login_page_links_the_public_lists_and_names_each_language_in_itself(client):
    page = client.get(reverse("login")).text
    assert f'href="{reverse("public:list")}"' in page
    assert '<option value="en" lang="en">English</option>' in page
    assert ">简体中文</option>" in page and "英语" not in page
