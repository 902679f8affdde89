"""Demo activities for 2026 and 2025 (see puffa/management/commands/seed_demo.py). Idempotent and fast.

Every demo agency gets a believable year of activities, spread over the months up to the demo's
"today" (2026-11-26), covering every duty: ★ study sessions (most agencies subject to the minimum
have two or more, a few one or none), teaching the public, teaching during enforcement, media work.
Activities are linked to items of the agency's approved 2026 checklist where one exists (made by
``demo.checklists`` just before). A handful carry small generated photos and a PDF; 区市场监管局 has a ★
session with two photos and a PDF linked to a checklist item; one activity is soft-deleted; and one
agency's 2026 archive is filed. By late November about half the 2026 items have met their targets and most of
the rest are under way; a few agencies have linked nothing yet.

2025 (scored and published by ``demo.assessment``) is a whole year whose agencies do well, adequately or
poorly by a fixed tier (``TIER_2025``), so the published grades show a spread. Every agency with an approved 2025
checklist filed its 2025 archive early in 2026, the better ones first, most of the rest before the 15 January
limit and a few after it (``ARCHIVE_FILED_2025``, ``LATE_ARCHIVES_2025``). Rows are found by their natural key
(agency, title, date), so running twice leaves the same rows.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import random
from zoneinfo import ZoneInfo

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from PIL import Image, ImageDraw

from activities import selectors, services
from activities.evidence import inspect_evidence
from activities.models import Activity, AnnualArchive
from agencies.models import Agency, User
from agencies.vocabulary import DUTY_OF, STUDY_MINIMUM_TYPES, ActivityType, Duty
from checklists.models import ChecklistItem

YEAR, LAST_YEAR = 2026, 2025
LAST_DAY = dt.date(YEAR, 11, 25)  # the day before the demo's "today"
LAST_DAYS = {YEAR: LAST_DAY, LAST_YEAR: dt.date(LAST_YEAR, 12, 31)}
SHANGHAI = ZoneInfo("Asia/Shanghai")
T = ActivityType

# Agencies subject to the minimum that fall short this year: the demo's "below the minimum" list.
BELOW_MINIMUM = {"statistics": 1, "veterans": 0, "police-hehai": 1, "luoxi": 0}
# The agency whose 2026 archive is already filed (区市场监管局 is left to file its own).
FILED_ARCHIVE = "court"
# 2026: the share of its checklist items an agency has carried out by late November (others: drawn per agency);
# these have linked no activity to their checklist yet.
UNLINKED_2026 = {"police-hehai", "veterans", "agriculture"}
ITEM_SHARES_2026 = (0.2, 0.3, 0.4, 0.5, 0.5, 0.6, 1.0, 1.0)

# 2025, a whole year: how each agency did (others "pass"). Per tier: ★ sessions, other study forms, public,
# enforcement and media activities, the share of checklist items carried out, and when its archive was filed.
TIER_2025 = {
    "court": "excellent",
    "procuratorate": "excellent",
    "police": "excellent",
    "education": "excellent",
    "market": "good",
    "health": "good",
    "hrss": "good",
    "emergency": "good",
    "xuejia": "good",
    "justice": "good",
    "tax": "good",
    "fire": "good",
    "propaganda": "good",
    "sanjing": "good",
    "statistics": "fail",
    "self-employed": "fail",
    "luoxi": "fail",
    "veterans": "fail",
}
PLAN_2025 = {
    "excellent": (3, 4, 6, 4, 2, 1.0),
    "good": (2, 2, 4, 3, 2, 0.6),
    "pass": (2, 1, 3, 2, 1, 0.4),
    "fail": (1, 1, 2, 1, 1, 0.0),
}
# When each tier filed its 2025 archive: (month, day) in 2026, plus 0-3 days per agency, all before the limit
# (``assessment.rules.archive_due_before``: 00:00 on 16 January); these few filed after it.
ARCHIVE_FILED_2025 = {"excellent": (1, 6), "good": (1, 9), "pass": (1, 12)}
LATE_ARCHIVES_2025 = {"union": (1, 20), "women": (1, 23), "longhutang": (2, 2)}

# Data: the titles an agency gives its activities, by type.
TITLES: dict[str, list[str]] = {
    T.PARTY_GROUP_STUDY: [
        "党组理论学习中心组专题学习习近平法治思想",
        "党组理论学习中心组专题学习《{law}》",
        "党组中心组集中学习《中华人民共和国宪法》",
    ],
    T.EXECUTIVE_MEETING_STUDY: ["局务会议会前学法：《{law}》修订要点", "常务会议会前学法：《优化营商环境条例》"],
    T.PRE_DECISION_STUDY: ["重大行政决策前专题学习《{law}》相关条款"],
    T.LAW_LECTURE: ["《{law}》专题法治讲座", "邀请法律顾问解读《民法典》合同编"],
    T.ONLINE_STUDY: ["组织干部职工参加江苏省国家工作人员学法考法"],
    T.PRE_APPOINTMENT_EXAM: ["新提任中层干部任前法律知识考试"],
    T.ANNUAL_LAW_REPORT: ["领导班子成员年度述法评议会"],
    T.TRAINING_LAW_COURSE: ["新入职人员初任培训法治课"],
    T.OPEN_DAY: ["“{short}开放日”活动：走进执法一线", "邀请人大代表、群众代表参加开放日"],
    T.HEARING_ATTENDANCE: ["组织干部职工旁听行政诉讼案件庭审"],
    T.SIX_PLACES: ["《{law}》进{place_kind}宣讲活动", "“法律明白人”进{place_kind}普法宣讲"],
    T.LAW_ANNIVERSARY: ["《{law}》实施纪念日集中宣传"],
    T.CONSTITUTION_DAY: ["“12·4”国家宪法日宪法宣传周启动仪式"],
    T.DISTRICT_CAMPAIGN: ["“法润新北”法治文化广场宣传活动"],
    T.THEMED_ACTIVITY: ["“美好生活·民法典相伴”主题宣传月活动", "全民国家安全教育日主题宣传"],
    T.ENFORCEMENT_PUBLICITY: ["行政执法“三项制度”执法信息公示更新"],
    T.ON_SITE_EXPLANATION: ["执法检查中向经营主体现场释法", "“谁执法谁普法”执法现场释法说理"],
    T.CASE_EXPLANATION: ["典型案例以案释法宣讲会"],
    T.DOCUMENT_REASONING: ["行政处罚决定书释法说理专项评查"],
    T.DOCUMENT_PUBLICATION: ["生效行政处罚决定书网上公开"],
    T.NEW_MEDIA_POST: ["微信公众号普法推文：《{law}》要点解读", "“以案说法”短视频发布"],
    T.MEDIA_SUPPLY: ["向《常州日报》供稿：《{law}》以案说法"],
    T.LECTURER_VOLUNTEER: ["普法志愿者进社区开展法律咨询服务"],
}

SIX_PLACES = [
    ("communities", "社区", "三井街道惠民社区"),
    ("villages", "农村", "孟河镇万绥村"),
    ("schools", "学校", "新北区实验中学"),
    ("enterprises", "企业", "常州国家高新区企业服务中心"),
    ("units", "单位", "区行政审批局"),
    ("agencies", "机关", "区机关事务管理中心"),
]
PUBLIC_PLACES = ["新北万达广场", "新北区市民广场", "恐龙园文化广场", "河海街道春江社区文化家园", "薛家镇文体中心"]
ENFORCEMENT_PLACES = ["辖区农贸市场", "执法检查现场", "企业生产车间", "沿街商铺", "行政服务中心窗口"]

STUDY_TYPES = [T.PRE_DECISION_STUDY, T.LAW_LECTURE, T.ONLINE_STUDY, T.PRE_APPOINTMENT_EXAM, T.ANNUAL_LAW_REPORT]
STUDY_TYPES += [T.TRAINING_LAW_COURSE]
PUBLIC_TYPES = [T.OPEN_DAY, T.HEARING_ATTENDANCE, T.SIX_PLACES, T.LAW_ANNIVERSARY, T.CONSTITUTION_DAY]
PUBLIC_TYPES += [T.DISTRICT_CAMPAIGN, T.THEMED_ACTIVITY]
ENFORCEMENT_TYPES = [T.ENFORCEMENT_PUBLICITY, T.ON_SITE_EXPLANATION, T.CASE_EXPLANATION, T.DOCUMENT_REASONING]
ENFORCEMENT_TYPES += [T.DOCUMENT_PUBLICATION]
MEDIA_TYPES = [T.NEW_MEDIA_POST, T.MEDIA_SUPPLY, T.LECTURER_VOLUNTEER]

AUDIENCES = {
    Duty.STUDY: ["cadres"],
    Duty.PUBLIC: ["public", "served"],
    Duty.ENFORCEMENT: ["targets", "managed"],
    Duty.MEDIA: ["public"],
}
PEOPLE = {Duty.STUDY: (12, 60), Duty.PUBLIC: (80, 600), Duty.ENFORCEMENT: (5, 160), Duty.MEDIA: (300, 9000)}


def _short_law(title: str) -> str:
    return title.removeprefix("中华人民共和国")


def _date(rng: random.Random, first_month: int = 1, last_month: int = 11, year: int = YEAR) -> dt.date:
    month = rng.randint(first_month, last_month)
    day = rng.randint(3, 27)
    return min(dt.date(year, month, day), LAST_DAYS[year])


def _plan(slug: str, agency: Agency, rng: random.Random) -> list[str]:
    """The types of an agency's year: its ★ sessions, then a mix of the other duties."""
    if agency.subject_to_study_minimum:
        starred = BELOW_MINIMUM.get(slug, 2 + rng.randint(0, 2) // 2)
    else:
        starred = rng.randint(0, 1)
    kinds = [rng.choice(sorted(STUDY_MINIMUM_TYPES)) for _ in range(starred)]
    kinds += rng.sample(STUDY_TYPES, 1)
    kinds += rng.sample(PUBLIC_TYPES, rng.randint(2, 3))
    kinds += rng.sample(ENFORCEMENT_TYPES, rng.randint(1, 2))
    kinds += rng.sample(MEDIA_TYPES, rng.randint(1, 2))
    return kinds


def _plan_2025(slug: str, agency: Agency, rng: random.Random) -> list[str]:
    """2025's types by the agency's tier; agencies with no ★ sessions to hold study in other forms instead."""
    starred, other, public, enforcement, media, _share = PLAN_2025[TIER_2025.get(slug, "pass")]
    public = max(1, public + rng.randint(-1, 1))
    if agency.subject_to_study_minimum:
        kinds = [rng.choice(sorted(STUDY_MINIMUM_TYPES)) for _ in range(starred)]
        kinds += rng.sample(STUDY_TYPES, other)
    else:
        kinds = rng.sample(STUDY_TYPES, min(len(STUDY_TYPES), starred + other))
    kinds += [rng.choice(PUBLIC_TYPES) for _ in range(public)]
    kinds += [rng.choice(ENFORCEMENT_TYPES) for _ in range(enforcement)]
    kinds += rng.sample(MEDIA_TYPES, media)
    return kinds


def _item_for(kind: str, items: list[ChecklistItem], rng: random.Random) -> ChecklistItem | None:
    """An item the activity carries out: one planning its form, else one of the same duty."""
    matching = [item for item in items if kind in (item.forms or [])]
    matching = matching or [item for item in items if DUTY_OF[kind] in {DUTY_OF.get(f) for f in item.forms or []}]
    return rng.choice(matching) if matching else None


def _fields(
    agency: Agency, kind: str, laws: list, items: list[ChecklistItem], rng: random.Random, number: int, year: int = YEAR
):
    duty = DUTY_OF[kind]
    law = rng.choice(laws) if laws else None
    place_value, place_kind, place = rng.choice(SIX_PLACES)
    title = rng.choice(TITLES[kind]).format(
        law=_short_law(law.title) if law else "宪法", short=agency.display_name, place_kind=place_kind
    )
    if kind in STUDY_MINIMUM_TYPES:
        first, last = (2 + number * 4, 3 + number * 4) if number < 2 else (10, 11)
        start, where = _date(rng, first, last, year), f"{agency.display_name}党组会议室"
    elif kind == T.CONSTITUTION_DAY:
        day = dt.date(YEAR, 11, rng.randint(20, 25)) if year == YEAR else dt.date(year, 12, rng.randint(1, 5))
        start, where = day, rng.choice(PUBLIC_PLACES)
    else:
        start = _date(rng, 1, 11 if year == YEAR else 12, year)
        if duty == Duty.STUDY:
            where = f"{agency.display_name}机关会议室"
        elif kind == T.SIX_PLACES:
            where = place
        elif kind == T.HEARING_ATTENDANCE:
            where = "新北区人民法院第一审判庭"
        elif kind == T.OPEN_DAY:
            where = f"{agency.display_name}政务服务大厅"
        elif duty == Duty.PUBLIC:
            where = rng.choice(PUBLIC_PLACES)
        elif kind == T.ON_SITE_EXPLANATION:
            where = rng.choice(ENFORCEMENT_PLACES)
        elif duty == Duty.ENFORCEMENT:
            where = f"{agency.display_name}门户网站" if kind != T.CASE_EXPLANATION else "执法办案中心"
        elif kind == T.LECTURER_VOLUNTEER:
            where = rng.choice(SIX_PLACES[:2])[2]
        else:
            where = "微信公众号" if kind == T.NEW_MEDIA_POST else "《常州日报》"
    low, high = PEOPLE[duty]
    return {
        "title": title,
        "start_date": start,
        "activity_type": kind,
        "six_places_target": place_value if kind == T.SIX_PLACES else "",
        "place": where,
        "audiences": AUDIENCES[duty],
        "audience_note": "本单位干部职工" if duty == Duty.STUDY else "",
        "people_reached": rng.randint(low, high),
        "checklist_item": _item_for(kind, items, rng),
        "description": f"{agency.display_name}组织开展“{title}”，现场发放宣传资料并解答疑问。"
        if duty == Duty.PUBLIC
        else f"{agency.display_name}组织开展“{title}”。",
        "links": "https://www.cznb.gov.cn/" if duty in (Duty.PUBLIC, Duty.MEDIA) and number % 2 == 0 else "",
        "law": law,
    }


def _photo(seed: int, color: tuple[int, int, int]) -> bytes:
    rng = random.Random(seed)
    image = Image.new("RGB", (640, 480), color)
    draw = ImageDraw.Draw(image)
    for _shape in range(6):
        x, y = rng.randint(0, 560), rng.randint(0, 400)
        fill = tuple(rng.randint(60, 230) for _channel in range(3))
        draw.rectangle([x, y, x + rng.randint(40, 200), y + rng.randint(30, 120)], fill=fill)
    output = io.BytesIO()
    image.save(output, "PNG", optimize=True)
    return output.getvalue()


def _pdf() -> bytes:
    output = io.BytesIO()
    Image.new("RGB", (595, 842), "white").save(output, "PDF")
    return output.getvalue()


def _attach(activity: Activity, staff: User, files: list[tuple[str, bytes]]) -> None:
    have = set(activity.evidence.values_list("original_name", flat=True))
    for name, data in files:
        if name not in have:
            checked = inspect_evidence(SimpleUploadedFile(name, data))
            services.evidence_add(activity=activity, uploaded_by=staff, checked=checked)


def _upsert(agency: Agency, staff: User, values: dict) -> Activity:
    law = values.pop("law")
    activity, _created = Activity.objects.update_or_create(
        agency=agency,
        title=values.pop("title"),
        start_date=values.pop("start_date"),
        defaults={**values, "created_by": staff},
    )
    activity.laws.set([law] if law else [])
    return activity


@transaction.atomic
def seed() -> list:
    staff_by_agency = {user.agency_id: user for user in User.objects.filter(role=User.Role.STAFF).order_by("pk")}
    slugs = {user.agency_id: user.username for user in staff_by_agency.values()}
    agencies = Agency.objects.filter(pk__in=staff_by_agency).prefetch_related("laws").order_by("name")
    seeded = set(Activity.objects.filter(year__in=LAST_DAYS).values_list("agency_id", "year").distinct())
    evidence_budget = 0
    for agency in agencies:
        staff, slug = staff_by_agency[agency.pk], slugs[agency.pk]
        laws = [law for law in agency.laws.all() if law.title != "中华人民共和国宪法"] or list(agency.laws.all())
        items = list(selectors.fulfillable_items(agency.pk, YEAR))
        if (agency.pk, YEAR) not in seeded:
            for number, kind, activity in _seed_year(agency, staff, slug, laws, YEAR):
                if evidence_budget < 8 and DUTY_OF[kind] == Duty.PUBLIC and number % 3 == 0:
                    evidence_budget += 1
                    photo = _photo(activity.pk, (200, 220, 235))
                    _attach(activity, staff, [(f"{activity.title[:20]}现场照片.png", photo)])
        if slug == "market":
            _seed_market(agency, staff, items, laws)
        if slug == "drc":
            _seed_deleted(agency, staff)
        if (agency.pk, LAST_YEAR) not in seeded:
            _seed_year(agency, staff, slug, laws, LAST_YEAR)
    _seed_archive(FILED_ARCHIVE, YEAR)
    for slug in sorted(slugs.values()):
        if slug in LATE_ARCHIVES_2025:
            month, day = LATE_ARCHIVES_2025[slug]
        elif (tier := TIER_2025.get(slug, "pass")) in ARCHIVE_FILED_2025:
            month, day = ARCHIVE_FILED_2025[tier]
            day += len(slug) % 4
        else:
            continue
        _seed_archive(slug, LAST_YEAR, filed_at=dt.datetime(YEAR, month, day, 16, 20, tzinfo=SHANGHAI))
    return []


def _seed_year(agency: Agency, staff: User, slug: str, laws: list, year: int) -> list[tuple[int, str, Activity]]:
    """The agency's activities of a year (its plan, then the items it carried out), written in bulk once.

    Returns the plan's rows as (number in the plan, type, activity)."""
    rng = random.Random(f"puffa-demo-{year}-{slug}")
    if year == YEAR:
        kinds = _plan(slug, agency, rng)
        share = random.Random(f"puffa-demo-items-{slug}").choice(ITEM_SHARES_2026)
        items = [] if slug in UNLINKED_2026 else list(selectors.fulfillable_items(agency.pk, year))
    else:
        kinds = _plan_2025(slug, agency, rng)
        share = PLAN_2025[TIER_2025.get(slug, "pass")][5]
        items = list(selectors.fulfillable_items(agency.pk, year))
    rows: dict[tuple[str, dt.date], dict] = {}  # by natural key: a repeated title and date is one activity
    plan, starred_seen = [], 0
    for number, kind in enumerate(kinds):
        values = _fields(
            agency, kind, laws, items, rng, starred_seen if kind in STUDY_MINIMUM_TYPES else number, year=year
        )
        if kind in STUDY_MINIMUM_TYPES:
            starred_seen += 1
        rows[values["title"], values["start_date"]] = values
        plan.append((number, kind, (values["title"], values["start_date"])))
    if items:
        _carry_out(agency, laws, items, share, rng, year, rows)
    activities = [
        Activity(
            agency=agency,
            created_by=staff,
            year=year,
            **{name: value for name, value in values.items() if name != "law"},
        )
        for values in rows.values()
    ]
    Activity.objects.bulk_create(activities)
    Through = Activity.laws.through
    Through.objects.bulk_create(
        Through(activity_id=activity.pk, law_id=values["law"].pk)
        for activity, values in zip(activities, rows.values(), strict=True)
        if values["law"]
    )
    by_key = {(activity.title, activity.start_date): activity for activity in activities}
    return [(number, kind, by_key[key]) for number, kind, key in plan]


def _carry_out(
    agency: Agency,
    laws: list,
    items: list[ChecklistItem],
    share: float,
    rng: random.Random,
    year: int,
    rows: dict[tuple[str, dt.date], dict],
) -> None:
    """Bring ``share`` of the items up to their targets with more linked activities, and start most of the rest."""

    def progress(item: ChecklistItem) -> tuple[int, int]:
        linked = [values["people_reached"] for values in rows.values() if values["checklist_item"] == item]
        return len(linked), sum(linked)

    order = rng.sample(items, len(items))
    to_meet = {item.pk for item in order[: round(share * len(items))]}
    for item in order:
        first = max(item.start_date, dt.date(year, 1, 1))
        last = min(item.end_date, LAST_DAYS[year])
        if first > last:
            continue
        kinds = [form for form in item.forms or [] if form in DUTY_OF and form not in STUDY_MINIMUM_TYPES]
        kinds = kinds or [T.LAW_LECTURE]
        for _attempt in range(10):
            count, people = progress(item)
            short = max(0, item.target_activities - count)
            if item.pk in to_meet:
                if count >= max(1, item.target_activities) and people >= item.target_people:
                    break
                need = max(0, item.target_people - people)
            elif count or short < 2 or rng.random() < 0.2:
                break  # under way already, or one more would meet it, or not started yet
            else:
                need = 0
            kind = rng.choice(kinds)
            values = _fields(agency, kind, laws, [item], rng, 0, year=year)
            low, high = PEOPLE[DUTY_OF[kind]]
            values["checklist_item"] = item
            values["start_date"] = first + dt.timedelta(days=rng.randint(0, (last - first).days))
            values["people_reached"] = max(rng.randint(low, high), math.ceil(need / max(1, short)))
            rows[values["title"], values["start_date"]] = values


def _seed_market(agency: Agency, staff: User, items: list[ChecklistItem], laws: list) -> None:
    """The ★ session a new user would log first: two photos and a PDF, linked to a checklist item."""
    item = next((i for i in items if set(i.forms or []) & STUDY_MINIMUM_TYPES), items[0] if items else None)
    food_safety = next((law for law in laws if "食品安全" in law.title), None)
    session = _upsert(
        agency,
        staff,
        {
            "title": "党组理论学习中心组专题学习《食品安全法》",
            "start_date": dt.date(YEAR, 6, 18),
            "activity_type": T.PARTY_GROUP_STUDY,
            "six_places_target": "",
            "place": "区市场监管局四楼党组会议室",
            "audiences": ["cadres"],
            "audience_note": "局党组成员、各科室和市场监管分局负责人",
            "people_reached": 26,
            "checklist_item": item,
            "description": "邀请市市场监管局法规处负责同志解读食品安全法及其实施条例修订要点，结合典型案例交流研讨。",
            "links": "https://www.cznb.gov.cn/",
            "law": food_safety,
        },
    )
    _attach(
        session,
        staff,
        [
            ("中心组学习现场照片1.png", _photo(1, (230, 236, 245))),
            ("中心组学习现场照片2.png", _photo(2, (240, 232, 220))),
            ("中心组学习签到表.pdf", _pdf()),
        ],
    )


def _seed_deleted(agency: Agency, staff: User) -> None:
    """A duplicate entry its agency deleted: kept for the audit trail, out of every count."""
    duplicate = _upsert(
        agency,
        staff,
        {
            "title": "《优化营商环境条例》专题法治讲座（重复登记）",
            "start_date": dt.date(YEAR, 5, 12),
            "activity_type": T.LAW_LECTURE,
            "six_places_target": "",
            "place": f"{agency.display_name}机关会议室",
            "audiences": ["cadres"],
            "audience_note": "",
            "people_reached": 40,
            "checklist_item": None,
            "description": "误重复登记。",
            "links": "",
            "law": None,
        },
    )
    if duplicate.deleted_at is None:
        duplicate.deleted_at = dt.datetime(YEAR, 5, 13, 9, 30, tzinfo=SHANGHAI)
        duplicate.deleted_by = staff
        duplicate.save(update_fields=["deleted_at", "deleted_by"])


def _seed_archive(slug: str, year: int, *, filed_at: dt.datetime | None = None) -> None:
    """An agency's archive of a year, filed (built in-process: the demo runs before any worker)."""
    staff = User.objects.filter(username=slug, role=User.Role.STAFF).select_related("agency").first()
    if staff is None or selectors.latest_approved_checklist(staff.agency_id, year) is None:
        return
    if AnnualArchive.objects.filter(agency_id=staff.agency_id, year=year).exists():
        return
    archive = AnnualArchive.objects.create(agency_id=staff.agency_id, year=year, requested_by=staff)
    services.archive_build(archive_id=archive.pk)
    if filed_at is not None:  # a past year's archive was asked for and filed back then
        AnnualArchive.objects.filter(pk=archive.pk, filed_at__isnull=False).update(
            requested_at=filed_at - dt.timedelta(minutes=3), filed_at=filed_at
        )
