"""Demo activities for 2026 (see puffa/management/commands/seed_demo.py). Idempotent and fast.

Every demo agency gets a believable year of activities, spread over the months up to the demo's
"today" (2026-11-26), covering every duty: ★ study sessions (most agencies subject to the minimum
have two or more, a few one or none), teaching the public, teaching during enforcement, media work.
Activities are linked to items of the agency's approved 2026 checklist where one exists (made by
``checklists.demo`` just before). A handful carry small generated photos and a PDF; 区市场监管局 has a ★
session with two photos and a PDF linked to a checklist item; one activity is soft-deleted; and one
agency's 2026 archive is filed. Rows are found by their natural key (agency, title, date), so running
twice leaves the same rows.
"""

from __future__ import annotations

import datetime as dt
import io
import random
from zoneinfo import ZoneInfo

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from PIL import Image, ImageDraw

from agencies.models import Agency, User
from agencies.vocabulary import DUTY_OF, STUDY_MINIMUM_TYPES, ActivityType, Duty
from checklists.models import ChecklistItem

from . import selectors, services
from .evidence import inspect_upload
from .models import Activity, AnnualArchive

YEAR = 2026
LAST_DAY = dt.date(YEAR, 11, 25)  # the day before the demo's "today"
SHANGHAI = ZoneInfo("Asia/Shanghai")
T = ActivityType

# Agencies subject to the minimum that fall short this year: the demo's "below the minimum" list.
BELOW_MINIMUM = {"statistics": 1, "veterans": 0, "police-hehai": 1, "luoxi": 0}
# The agency whose 2026 archive is already filed (区市场监管局 is left to file its own).
FILED_ARCHIVE = "court"

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


def _date(rng: random.Random, first_month: int = 1, last_month: int = 11) -> dt.date:
    month = rng.randint(first_month, last_month)
    day = rng.randint(3, 27)
    return min(dt.date(YEAR, month, day), LAST_DAY)


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


def _fields(agency: Agency, kind: str, laws: list, items: list[ChecklistItem], rng: random.Random, number: int):
    duty = DUTY_OF[kind]
    law = rng.choice(laws) if laws else None
    place_value, place_kind, place = rng.choice(SIX_PLACES)
    title = rng.choice(TITLES[kind]).format(
        law=_short_law(law.title) if law else "宪法", short=agency.display_name, place_kind=place_kind
    )
    if kind in STUDY_MINIMUM_TYPES:
        start = _date(rng, 2 + number * 4, 3 + number * 4) if number < 2 else _date(rng, 10, 11)
        where = f"{agency.display_name}党组会议室"
    elif duty == Duty.STUDY:
        start, where = _date(rng), f"{agency.display_name}机关会议室"
    elif kind == T.SIX_PLACES:
        start, where = _date(rng), place
    elif kind == T.CONSTITUTION_DAY:
        start, where = dt.date(YEAR, 11, rng.randint(20, 25)), rng.choice(PUBLIC_PLACES)
    elif kind == T.HEARING_ATTENDANCE:
        start, where = _date(rng), "新北区人民法院第一审判庭"
    elif kind == T.OPEN_DAY:
        start, where = _date(rng), f"{agency.display_name}政务服务大厅"
    elif duty == Duty.PUBLIC:
        start, where = _date(rng), rng.choice(PUBLIC_PLACES)
    elif kind == T.ON_SITE_EXPLANATION:
        start, where = _date(rng), rng.choice(ENFORCEMENT_PLACES)
    elif duty == Duty.ENFORCEMENT:
        start, where = _date(rng), f"{agency.display_name}门户网站" if kind != T.CASE_EXPLANATION else "执法办案中心"
    elif kind == T.LECTURER_VOLUNTEER:
        start, where = _date(rng), rng.choice(SIX_PLACES[:2])[2]
    else:
        start, where = _date(rng), "微信公众号" if kind == T.NEW_MEDIA_POST else "《常州日报》"
    low, high = PEOPLE[duty]
    matching = [item for item in items if kind in (item.forms or [])]
    return {
        "title": title,
        "start_date": start,
        "activity_type": kind,
        "six_places_target": place_value if kind == T.SIX_PLACES else "",
        "place": where,
        "audiences": AUDIENCES[duty],
        "audience_note": "本单位干部职工" if duty == Duty.STUDY else "",
        "people_reached": rng.randint(low, high),
        "checklist_item": rng.choice(matching) if matching else None,
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
            checked = inspect_upload(SimpleUploadedFile(name, data))
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
    evidence_budget = 0
    for agency in agencies:
        staff, slug = staff_by_agency[agency.pk], slugs[agency.pk]
        rng = random.Random(f"puffa-demo-{YEAR}-{slug}")
        laws = [law for law in agency.laws.all() if law.title != "中华人民共和国宪法"] or list(agency.laws.all())
        items = list(selectors.fulfillable_items(agency.pk, YEAR))
        starred_seen = 0
        for number, kind in enumerate(_plan(slug, agency, rng)):
            values = _fields(agency, kind, laws, items, rng, starred_seen if kind in STUDY_MINIMUM_TYPES else number)
            if kind in STUDY_MINIMUM_TYPES:
                starred_seen += 1
            activity = _upsert(agency, staff, values)
            if evidence_budget < 8 and DUTY_OF[kind] == Duty.PUBLIC and number % 3 == 0:
                evidence_budget += 1
                _attach(activity, staff, [(f"{activity.title[:20]}现场照片.png", _photo(activity.pk, (200, 220, 235)))])
        if slug == "market":
            _seed_market(agency, staff, items, laws)
        if slug == "drc":
            _seed_deleted(agency, staff)
    _seed_archive()
    return []


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


def _seed_archive() -> None:
    """One agency's 2026 archive, filed (built in-process: the demo runs before any worker)."""
    staff = User.objects.filter(username=FILED_ARCHIVE, role=User.Role.STAFF).select_related("agency").first()
    if staff is None or selectors.latest_approved_checklist(staff.agency_id, YEAR) is None:
        return
    if AnnualArchive.objects.filter(agency_id=staff.agency_id, year=YEAR).exists():
        return
    archive = AnnualArchive.objects.create(agency_id=staff.agency_id, year=YEAR, requested_by=staff)
    services.archive_build(archive_id=archive.pk)
