"""Demo campaigns (集中宣传活动, see puffa/management/commands/seed_demo.py), announced through
``activities.campaigns.services``: the district's "法润新北" and "12·4" National Constitution Day campaigns, and
a town office's own, with the demo activities that fall in them linked, so several agencies have taken part.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from activities import services as activity_services
from activities.campaigns import services
from activities.models import Activity, Campaign
from agencies.models import Agency, User
from agencies.vocabulary import ActivityType

YEAR = 2026

CAMPAIGNS = [
    {
        "announcer": "bureau",
        "title": "2026年“法润新北”法治文化惠民系列活动",
        "start_date": dt.date(YEAR, 4, 1),
        "end_date": dt.date(YEAR, 10, 31),
        "asks": "各单位结合行业特点，至少开展一场面向群众的法治文化活动（广场宣传、法治文艺、以案释法均可），"
        "在履职台账中登记并关联本活动，上传现场照片。",
        "scope": Campaign.Scope.ALL,
        # The demo's district campaigns and law-into-six-places days of those months are its activities.
        "types": [ActivityType.DISTRICT_CAMPAIGN, ActivityType.SIX_PLACES, ActivityType.THEMED_ACTIVITY],
    },
    {
        "announcer": "bureau",
        "title": "2026年“12·4”国家宪法日集中宣传活动",
        "start_date": dt.date(YEAR, 11, 20),
        "end_date": dt.date(YEAR, 12, 10),
        "asks": "围绕“大力弘扬宪法精神”主题，12月4日前后开展宪法宣誓、宪法进机关（企业、校园、社区）等集中宣传，"
        "活动结束后三日内在台账中登记并关联本活动。",
        "scope": Campaign.Scope.TYPE,
        "agency_type": Agency.Type.GOVERNMENT,
        "types": [ActivityType.CONSTITUTION_DAY],
        "logged": ("“12·4”宪法宣传周宪法宣誓暨宪法知识讲座", ActivityType.CONSTITUTION_DAY, "cadres", 3),
    },
    {
        "announcer": "xuejia-office",
        "title": "薛家镇“民法典进村居”专项宣传",
        "start_date": dt.date(YEAR, 5, 1),
        "end_date": dt.date(YEAR, 6, 30),
        "asks": "辖区各单位走进村（社区）开展民法典宣讲，每单位不少于一场。",
        "scope": Campaign.Scope.ALL,
        "types": [ActivityType.SIX_PLACES, ActivityType.THEMED_ACTIVITY],
        "logged": ("民法典进村居专题宣讲", ActivityType.THEMED_ACTIVITY, "public", 1),
    },
]


@transaction.atomic
def seed() -> list:
    for spec in CAMPAIGNS:
        announcer = User.objects.filter(username=spec["announcer"]).select_related("filing_office").first()
        if announcer is None:
            continue
        campaign = Campaign.objects.filter(title=spec["title"]).first()
        if campaign is None:
            campaign = services.campaign_announce(
                user=announcer,
                title=spec["title"],
                start_date=spec["start_date"],
                end_date=spec["end_date"],
                asks=spec["asks"],
                scope=spec["scope"],
                agency_type=spec.get("agency_type", ""),
            )
        # The demo's activities were logged before the campaign existed: link those that fall in it.
        Activity.objects.filter(
            agency__campaign_asks__campaign=campaign,
            activity_type__in=spec["types"],
            start_date__gte=campaign.start_date,
            start_date__lte=campaign.end_date,
            deleted_at__isnull=True,
            campaign__isnull=True,
        ).update(campaign=campaign)
        if "logged" in spec:
            _take_part(campaign, *spec["logged"])
    return []


def _take_part(campaign: Campaign, title: str, activity_type: str, audience: str, takers: int) -> None:
    """A few agencies asked log an activity for the campaign, as a clerk would through the form."""
    staff = {
        user.agency_id: user
        for user in User.objects.filter(role=User.Role.STAFF, agency__campaign_asks__campaign=campaign).order_by("pk")
    }
    for number, (agency_id, user) in enumerate(list(staff.items())[:takers]):
        day = campaign.start_date + dt.timedelta(days=2 + number)
        if Activity.objects.filter(agency_id=agency_id, title=title, start_date=day).exists():
            continue
        activity_services.activity_create(
            agency=user.agency,
            created_by=user,
            fields=activity_services.ActivityFields(
                activity_type=activity_type,
                title=title,
                start_date=day,
                place="单位会议室" if audience == "cadres" else "村（社区）党群服务中心",
                audiences=[audience],
                people_reached=40 + 15 * number,
                campaign=campaign,
            ),
        )
