"""Demo new-media cluster (see puffa/management/commands/seed_demo.py). Idempotent.

Several agencies register their accounts (a town among them, for the town office's view), one account is
deactivated, and the agencies' new-media posts are linked to their accounts: their demo posts of the year and
a few named ones here.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from activities.models import Activity, MediaAccount
from agencies.models import User
from agencies.vocabulary import ActivityType
from demo.activities import YEAR

P = MediaAccount.Platform

# (staff username, platform, account name, link, note, active)
ACCOUNTS = [
    (
        "market",
        P.WECHAT,
        "新北市场监管",
        "https://mp.weixin.qq.com/mp/profile_ext?__biz=xinbeiscjg",
        "每周二、周五推送",
        True,
    ),
    (
        "market",
        P.SHORT_VIDEO,
        "新北市场监管（抖音）",
        "https://www.douyin.com/user/xinbeiscjg",
        "“以案说法”短视频",
        True,
    ),
    ("justice", P.WECHAT, "新北司法", "https://mp.weixin.qq.com/mp/profile_ext?__biz=xinbeisifa", "", True),
    ("justice", P.WEBSITE, "区政府网站“法治新北”专栏", "https://www.cznd.gov.cn/fzxb/", "普法资讯、以案释法", True),
    ("police", P.WEIBO, "新北公安", "https://weibo.com/xinbeigongan", "反诈预警", True),
    ("police", P.SHORT_VIDEO, "新北警方（视频号）", "https://channels.weixin.qq.com/xinbeijingfang", "", True),
    ("education", P.WECHAT, "新北教育", "https://mp.weixin.qq.com/mp/profile_ext?__biz=xinbeijiaoyu", "", True),
    ("court", P.WECHAT, "新北法院", "https://mp.weixin.qq.com/mp/profile_ext?__biz=xinbeifayuan", "典型案例发布", True),
    ("hrss", P.WEIBO, "新北人社", "https://weibo.com/xinbeirenshe", "", True),
    (
        "hrss",
        P.WEIBO,
        "新北人社服务（旧号）",
        "https://weibo.com/xinbeirenshefuwu",
        "2026年3月起停用，并入“新北人社”",
        False,
    ),
    (
        "xuejia",
        P.WECHAT,
        "薛家发布",
        "https://mp.weixin.qq.com/mp/profile_ext?__biz=xuejiafabu",
        "镇政务公众号普法栏目",
        True,
    ),
]

# (account name, title, date, people reached): posts named here, beside the demo's random ones.
POSTS = [
    ("新北市场监管", "“3·15”消费维权以案释法：预付卡退费纠纷", dt.date(YEAR, 3, 15), 4620),
    ("新北市场监管", "《食品安全法》要点解读：校园周边食品安全", dt.date(YEAR, 9, 2), 3180),
    ("新北市场监管（抖音）", "“以案说法”短视频：直播带货虚假宣传", dt.date(YEAR, 6, 18), 12800),
    ("新北司法", "民法典宣传月：居住权怎么设立", dt.date(YEAR, 5, 20), 2950),
    ("区政府网站“法治新北”专栏", "“法润新北”普法活动月专题发布", dt.date(YEAR, 4, 8), 1600),
    ("新北公安", "反电信网络诈骗预警：冒充客服退款", dt.date(YEAR, 7, 11), 8900),
    ("新北法院", "典型案例发布：劳动争议中的加班费认定", dt.date(YEAR, 10, 16), 2240),
    ("新北人社服务（旧号）", "农民工工资支付条例解读", dt.date(YEAR, 1, 20), 1340),
    ("薛家发布", "“12·4”国家宪法日：宪法知识小测验", dt.date(YEAR, 11, 20), 860),
]


@transaction.atomic
def seed() -> list:
    staff = {user.username: user for user in User.objects.filter(username__in={a[0] for a in ACCOUNTS})}
    accounts = {}
    for username, platform, name, url, note, active in ACCOUNTS:
        user = staff[username]
        account, _created = MediaAccount.objects.update_or_create(
            agency=user.agency,
            platform=platform,
            name=name,
            defaults={"url": url, "note": note, "is_active": active, "created_by": user},
        )
        accounts[name] = account
    for name, title, day, people in POSTS:
        account = accounts[name]
        Activity.objects.update_or_create(
            agency=account.agency,
            title=title,
            start_date=day,
            defaults={
                "activity_type": ActivityType.NEW_MEDIA_POST,
                "audiences": ["public"],
                "people_reached": people,
                "links": account.url,
                "media_account": account,
                "created_by": account.created_by,
            },
        )
    # The agencies' other new-media posts of the year go on their first active account.
    for account in accounts.values():
        if account.is_active:
            Activity.objects.filter(
                agency=account.agency,
                year=YEAR,
                activity_type=ActivityType.NEW_MEDIA_POST,
                media_account__isnull=True,
            ).update(media_account=account)
    return []
