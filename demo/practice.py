"""Demo good practice (see puffa/management/commands/seed_demo.py): the bureau's marks on an activity with photos
(one allowed to be published, one not), two more activities with their site photos, a year-end report and a joint
meeting, and the second joint meeting citing two of them.

Idempotent: marks are found by their source and brought to the values below.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from activities.models import Activity, Evidence
from agencies.models import User
from assessment.models import AnnualFiling, GoodPractice, JointMeeting
from demo.library import demo_datetime

MARKET_SESSION = "党组理论学习中心组专题学习《食品安全法》"
FIRST_MEETING = "2026年区法治宣传教育领导小组第一次联席会议"
SECOND_MEETING = "2026年区法治宣传教育领导小组第二次联席会议"


def _mark(bureau: User, field: str, source, note: str, on: dt.date) -> GoodPractice:
    practice, _ = GoodPractice.objects.update_or_create(
        **{field: source}, defaults={"note": note, "marked_by": bureau, "marked_at": demo_datetime(on)}
    )
    return practice


@transaction.atomic
def seed() -> list:
    bureau = User.objects.get(username="bureau")
    cited = []
    session = Activity.objects.live().filter(title=MARKET_SESSION).first()
    if session is not None:
        Evidence.objects.filter(activity=session, original_name="中心组学习现场照片1.png").update(may_publish=True)
        cited.append(
            _mark(
                bureau,
                "activity",
                session,
                "党组中心组学法邀请上级业务部门解读新修订条款，结合本系统典型案例研讨，学用结合，可供各执法单位借鉴。",
                dt.date(2026, 7, 2),
            )
        )
    # Two teaching-the-public activities with site photos the agencies allowed on the public page.
    with_photos = (
        Activity.objects.live()
        .filter(year=2026, evidence__original_name__endswith="现场照片.png")
        .exclude(title=MARKET_SESSION)
        .select_related("agency")
        .order_by("start_date", "pk")
        .distinct()[:2]
    )
    for activity in with_photos:
        Evidence.objects.filter(activity=activity, content_type__startswith="image/").update(may_publish=True)
        _mark(
            bureau,
            "activity",
            activity,
            f"{activity.agency.display_name}把普法送到群众身边，形式接地气、覆盖面广，群众参与度高。",
            activity.start_date + dt.timedelta(days=10),
        )
    report = AnnualFiling.objects.filter(
        year=2025, kind=AnnualFiling.Kind.REPORT, agency__name__contains="教育"
    ).first()
    if report is not None:
        cited.append(
            # Each mark is a demo row with its own source, words and date: data, one call each.
            _mark(
                bureau,
                "report",
                report,
                "年度总结数据翔实，青少年法治教育“一校一法治副校长”机制总结到位，经验可复制推广。",
                dt.date(2026, 1, 20),
            )
        )
    first = JointMeeting.objects.filter(title=FIRST_MEETING).first()
    if first is not None:
        # Each mark is a demo row with its own source, words and date: data, one call each.
        _mark(
            bureau,
            "meeting",
            first,
            "联席会议安排成员单位交流发言，以会代训推动责任落实，做法值得各镇（街道）参照。",
            dt.date(2026, 3, 25),
        )
    second = JointMeeting.objects.filter(title=SECOND_MEETING).first()
    if second is not None:
        second.cited_practices.set(cited)
    return []
