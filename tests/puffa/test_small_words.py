"""Words, not machinery: selects name their empty choice, the admin names django-axes in Chinese and has an
icon, and Chinese text takes full-width colons."""

from django.urls import reverse


def test_a_select_starts_with_a_chinese_empty_choice_not_dashes(login, staff_a, agency_a):
    page = login(staff_a).get(reverse("activities:create", args=[agency_a.pk, 2026])).text
    assert ">请选择</option>" in page and "---------" not in page


def test_the_admin_names_login_attempts_in_chinese_and_links_an_icon(login, bureau_admin):
    bureau_admin.is_staff = bureau_admin.is_superuser = True
    bureau_admin.save()
    client = login(bureau_admin)
    page = client.get(reverse("admin:index")).text
    assert "登录尝试记录" in page and "Axes" not in page and "Access attempts" not in page
    assert 'rel="icon"' in page
    assert "选择 登录尝试 来修改" in client.get(reverse("admin:axes_accessattempt_changelist")).text


def test_labels_in_chinese_text_end_with_a_full_width_colon(login, staff_a, agency_a):
    page = login(staff_a).get(reverse("activities:ledger", args=[agency_a.pk, 2026])).text
    assert "年度：" in page and "年度:" not in page
