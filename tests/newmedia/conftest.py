"""Accounts of the new-media cluster for the tests: agency A's WeChat account and B's Weibo."""

import pytest

from activities.models import MediaAccount


@pytest.fixture
def wechat_a(agency_a, staff_a):
    return MediaAccount.objects.create(
        agency=agency_a,
        platform=MediaAccount.Platform.WECHAT,
        name="新北市场监管",
        url="https://mp.weixin.qq.com/s/xinbei-scjg",
        created_by=staff_a,
    )


@pytest.fixture
def weibo_b(agency_b, staff_b):
    return MediaAccount.objects.create(
        agency=agency_b,
        platform=MediaAccount.Platform.WEIBO,
        name="新北教育",
        url="https://weibo.com/xinbeijiaoyu",
        created_by=staff_b,
    )
