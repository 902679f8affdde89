"""An agency's staff register, edit, deactivate and reactivate its new-media accounts."""

import pytest
from django.urls import reverse

from activities.models import MediaAccount


def create_url(agency):
    return reverse("newmedia:create", args=[agency.pk])


def data(**overrides):
    fields = {
        "platform": "wechat",
        "name": "新北市场监管",
        "url": "https://mp.weixin.qq.com/s/xinbei",
        "note": "每周推送",
    }
    fields.update(overrides)
    return fields


def test_staff_register_an_account(login, staff_a, agency_a):
    response = login(staff_a).post(create_url(agency_a), data())
    account = MediaAccount.objects.get()
    assert response.status_code == 302 and response.url == reverse("newmedia:agency", args=[agency_a.pk])
    assert (account.agency, account.platform, account.name, account.created_by) == (
        agency_a,
        "wechat",
        "新北市场监管",
        staff_a,
    )
    assert account.is_active and account.note == "每周推送"


def test_an_address_without_its_scheme_is_taken_as_https(login, staff_a, agency_a):
    login(staff_a).post(create_url(agency_a), data(url="weibo.com/xinbeiscjg"))
    assert MediaAccount.objects.get().url == "https://weibo.com/xinbeiscjg"


@pytest.mark.parametrize("url", ["javascript:alert(1)", "ftp://files.example.cn/a", "新北市场监管", "http://"])
def test_a_bad_address_is_refused_and_the_input_kept(login, staff_a, agency_a, url):
    response = login(staff_a).post(create_url(agency_a), data(url=url, name="新北市场监管局"))
    assert response.status_code == 200 and not MediaAccount.objects.exists()
    page = response.text
    assert "请填写以 http:// 或 https:// 开头的网址。" in page
    assert 'value="新北市场监管局"' in page  # what was typed is kept


def test_a_missing_name_is_refused_with_the_error_summary(login, staff_a, agency_a):
    response = login(staff_a).post(create_url(agency_a), data(name=""))
    assert response.status_code == 200 and not MediaAccount.objects.exists()
    assert 'value="https://mp.weixin.qq.com/s/xinbei"' in response.text
    assert response.context["form"].errors["name"]


def test_the_same_name_twice_on_one_platform_is_refused(login, staff_a, agency_a, wechat_a):
    response = login(staff_a).post(create_url(agency_a), data(name=wechat_a.name))
    assert response.status_code == 200 and MediaAccount.objects.count() == 1
    assert "本单位已登记同一平台、同一名称的账号。" in response.text


def test_another_agency_may_use_the_same_name(login, staff_b, agency_b, wechat_a):
    login(staff_b).post(create_url(agency_b), data(name=wechat_a.name))
    assert MediaAccount.objects.filter(name=wechat_a.name).count() == 2


def test_staff_edit_their_account(login, staff_a, wechat_a):
    url = reverse("newmedia:edit", args=[wechat_a.pk])
    client = login(staff_a)
    assert 'value="新北市场监管"' in client.get(url).text
    response = client.post(
        url, data(platform="short_video", name="新北市场监管抖音号", url="https://www.douyin.com/user/x")
    )
    wechat_a.refresh_from_db()
    assert response.status_code == 302
    assert (wechat_a.platform, wechat_a.name, wechat_a.url) == (
        "short_video",
        "新北市场监管抖音号",
        "https://www.douyin.com/user/x",
    )


def test_a_wrong_edit_saves_nothing(login, staff_a, wechat_a):
    response = login(staff_a).post(reverse("newmedia:edit", args=[wechat_a.pk]), data(name="改名", url="javascript:x"))
    wechat_a.refresh_from_db()
    assert response.status_code == 200 and wechat_a.name == "新北市场监管"
    assert 'value="改名"' in response.text


def test_staff_deactivate_and_reactivate_an_account(login, staff_a, wechat_a):
    client = login(staff_a)
    client.post(reverse("newmedia:deactivate", args=[wechat_a.pk]))
    wechat_a.refresh_from_db()
    assert not wechat_a.is_active
    assert "已停用" in client.get(reverse("newmedia:agency", args=[wechat_a.agency_id])).text
    client.post(reverse("newmedia:reactivate", args=[wechat_a.pk]))
    wechat_a.refresh_from_db()
    assert wechat_a.is_active


def test_outsiders_get_404_and_readers_403(login, staff_b, leader, bureau_reviewer, wechat_a):
    edit = reverse("newmedia:edit", args=[wechat_a.pk])
    deactivate = reverse("newmedia:deactivate", args=[wechat_a.pk])
    assert login(staff_b).get(edit).status_code == 404
    assert login(staff_b).post(deactivate).status_code == 404
    assert login(bureau_reviewer).get(edit).status_code == 403
    assert login(leader).post(deactivate).status_code == 403
    wechat_a.refresh_from_db()
    assert wechat_a.is_active


def test_readers_in_scope_see_the_accounts_without_buttons(login, staff_parent, bureau_reviewer, wechat_a):
    for reader in (staff_parent, bureau_reviewer):
        page = login(reader).get(reverse("newmedia:agency", args=[wechat_a.agency_id])).text
        assert "新北市场监管" in page and reverse("newmedia:edit", args=[wechat_a.pk]) not in page


def test_the_index_sends_staff_to_their_accounts_and_reviewers_to_the_cluster(login, staff_a, bureau_reviewer):
    assert login(staff_a).get(reverse("newmedia:index")).url == reverse("newmedia:agency", args=[staff_a.agency_id])
    assert login(bureau_reviewer).get(reverse("newmedia:index")).url.startswith("/newmedia/20")


def test_the_accounts_page_query_count_does_not_grow_with_accounts(
    login, staff_a, agency_a, wechat_a, django_assert_num_queries
):
    client = login(staff_a)
    url = reverse("newmedia:agency", args=[agency_a.pk])
    # 1. the session
    # 2. the user
    # 3. the units below the staff's agency (scope: one level, none found)
    # 4. the agency with its office and parent
    # 5. the unread-notification count in the navigation bar
    # 6. the agency's accounts with their count of activities
    with django_assert_num_queries(6):
        assert client.get(url).status_code == 200
    for number in range(20):
        MediaAccount.objects.create(
            agency=agency_a, platform="other", name=f"账号{number}", url="https://example.cn/", created_by=staff_a
        )
    with django_assert_num_queries(6):  # the same six for twenty more accounts
        assert client.get(url).status_code == 200
