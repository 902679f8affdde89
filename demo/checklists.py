"""Demo checklists (see puffa/management/commands/seed_demo.py), made through ``checklists.services``.

For 2026 every state appears: most agencies approved on time, a few approved late, some submitted and
waiting (district ones for "reviewer", a town one for "xuejia-office"), two returned with a comment, three
drafts, three not started, and one approved checklist with an amendment (revision 2) waiting. Nearly every
agency also has an approved 2025 checklist (a few filed late, four never), so "copy last year" can be tried
and 2025 can be scored. Each checklist has 4–6
items built from the agency's own laws. Times are Asia/Shanghai, before or after the 2026 deadline (28
February).

Idempotent: an agency's checklists for a year are made once; a second run finds them and changes nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.db import transaction

from agencies.models import Agency, AgencyContact, User
from agencies.vocabulary import ActivityType as T
from agencies.vocabulary import Audience as A
from checklists import services
from checklists.models import Checklist
from checklists.services import ItemData
from demo.agencies import AGENCIES, CONSTITUTION, DemoAgency

YEAR, LAST_YEAR = 2026, 2025
SHANGHAI = ZoneInfo("Asia/Shanghai")

APPROVED_LATE = {"culture": (3, 4), "veterans": (3, 9), "longhutang": (3, 2)}  # (month, day) first submitted
WAITING = {
    # slug: (first submitted, returned on, resubmitted) — resubmitted None means never returned
    "ecology": ((2, 26), (3, 3), (11, 20)),
    "transport": ((2, 27), None, None),
    "union": ((11, 18), None, None),  # filed very late, still waiting
    "xuejia-enforcement": ((2, 25), (3, 2), (11, 23)),
}
RETURNED = {
    "housing": ((2, 26), "请补充“法律六进”进工地的具体安排，并将农民工工资支付宣传的覆盖人数量化。"),
    "luoxi": ((2, 24), "人民调解宣传事项的责任科室和联系人未填写完整，请补充后重新报送。"),
}
DRAFTS = {"statistics", "self-employed", "hehai"}
NOT_STARTED = {"power", "lawyers", "menghe"}
AMENDED = "emergency"
# 2025: nearly every agency filed and had its checklist approved (the year is scored and published); a few filed
# late, and four never filed, so 2025's results have a tail.
LAST_YEAR_NOT_FILED = {"statistics", "self-employed", "luoxi", "veterans"}
LAST_YEAR_LATE = {"culture": (3, 6), "housing": (3, 12), "union": (3, 20)}  # (month, day) submitted


def at(month: int, day: int, hour: int = 9, minute: int = 30, year: int = YEAR) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=SHANGHAI)


@dataclass(frozen=True)
class Flavour:
    """An agency's own item, in place of the generic "six places" one."""

    content: str
    forms: tuple[str, ...]
    audiences: tuple[str, ...]
    group: str
    goal: str
    activities: int
    people: int
    months: tuple[int, int] = (3, 11)
    laws: tuple[str, ...] = field(default=())


# Data, one row per agency: each list reads as that agency would write it, so the rows stay written out.
FLAVOURS = {
    "court": Flavour(
        "开展“法院开放日”和“旁听庭审”活动，邀请人大代表、政协委员和群众代表走进法院，现场观摩庭审并开展庭审释法",
        (T.OPEN_DAY, T.HEARING_ATTENDANCE, T.CASE_EXPLANATION),
        (A.PUBLIC, A.SERVED),
        "人大代表、政协委员、社区群众",
        "全年举办开放日活动不少于2次，组织旁听庭审不少于4场",
        6,
        600,
    ),
    "procuratorate": Flavour(
        "深化“法治进校园”，检察官担任法治副校长，围绕未成年人保护开展法治宣讲和模拟法庭",
        (T.SIX_PLACES, T.LAW_LECTURE),
        (A.PUBLIC,),
        "辖区中小学生及家长",
        "覆盖辖区全部中小学，开展法治宣讲不少于8场",
        8,
        2000,
        (3, 12),
        ("中华人民共和国未成年人保护法", "中华人民共和国预防未成年人犯罪法"),
    ),
    "police": Flavour(
        "开展反电信网络诈骗“进社区、进校园、进企业”宣传，结合本地典型案例揭示新型诈骗手法",
        (T.SIX_PLACES, T.CASE_EXPLANATION, T.NEW_MEDIA_POST),
        (A.PUBLIC, A.SERVED),
        "老年人、在校学生、企业财务人员",
        "开展反诈集中宣传不少于8场，国家反诈中心APP注册率提升10个百分点",
        8,
        2000,
        (1, 12),
        ("中华人民共和国反电信网络诈骗法",),
    ),
    "education": Flavour(
        "落实法治副校长制度，开展“开学第一课”和“宪法晨读”法治教育，组织青少年法治知识竞赛",
        (T.SIX_PLACES, T.THEMED_ACTIVITY),
        (A.MANAGED, A.PUBLIC),
        "全区中小学师生",
        "法治副校长配备率100%，组织全区性法治教育主题活动不少于6次",
        6,
        2000,
        (2, 12),
        ("中华人民共和国教育法", "中华人民共和国未成年人保护法"),
    ),
    "market": Flavour(
        "开展“食品安全宣传周”和“3·15”国际消费者权益日宣传，深入商超、农贸市场和餐饮街区现场答疑",
        (T.SIX_PLACES, T.LAW_ANNIVERSARY, T.ON_SITE_EXPLANATION),
        (A.MANAGED, A.PUBLIC),
        "食品生产经营者、消费者",
        "开展集中宣传不少于5场，培训食品经营单位负责人500人次",
        5,
        1500,
        (3, 10),
        ("中华人民共和国食品安全法", "中华人民共和国消费者权益保护法"),
    ),
    "health": Flavour(
        "开展“健康知识进万家”暨《基本医疗卫生与健康促进法》宣传，组织医疗机构依法执业培训",
        (T.SIX_PLACES, T.LAW_LECTURE),
        (A.MANAGED, A.PUBLIC),
        "辖区医疗机构从业人员、社区居民",
        "辖区医疗机构依法执业培训全覆盖，社区宣传不少于5场",
        5,
        1200,
        (3, 11),
        ("中华人民共和国基本医疗卫生与健康促进法",),
    ),
    "xuejia": Flavour(
        "以村（社区）人民调解委员会为阵地，开展“法律明白人”培训和矛盾纠纷化解中的释法说理",
        (T.SIX_PLACES, T.ON_SITE_EXPLANATION),
        (A.PUBLIC, A.SERVED),
        "村（社区）干部、“法律明白人”",
        "每个村（社区）培养“法律明白人”不少于5名，开展集中培训不少于4场",
        4,
        600,
        (3, 11),
        ("中华人民共和国人民调解法",),
    ),
    "hrss": Flavour(
        "开展《保障农民工工资支付条例》进工地宣传，在建项目现场设立维权告示牌",
        (T.SIX_PLACES, T.ENFORCEMENT_PUBLICITY),
        (A.MANAGED, A.SERVED),
        "在建项目施工企业、农民工",
        "在建工程项目维权告示牌设置率100%，开展进工地宣传不少于5场",
        5,
        800,
        (1, 12),
        ("保障农民工工资支付条例",),
    ),
    "emergency": Flavour(
        "开展“安全生产月”和“安全生产法宣传周”活动，组织重点企业负责人和安全管理人员集中培训",
        (T.SIX_PLACES, T.LAW_LECTURE),
        (A.MANAGED,),
        "危险化学品、工贸等重点行业企业",
        "重点企业主要负责人培训全覆盖，开展“安全宣传五进”活动不少于4场",
        4,
        800,
        (5, 7),
        ("中华人民共和国安全生产法",),
    ),
}

OFFICE_OF_TYPE = {
    Agency.Type.GOVERNMENT: "政策法规科",
    Agency.Type.JUDICIAL: "政治部宣传处",
    Agency.Type.AUTHORIZED: "法制科",
    Agency.Type.PARTY: "办公室",
    Agency.Type.PEOPLES_ORGANISATION: "办公室",
    Agency.Type.ENTERPRISE: "综合办公室",
    Agency.Type.SOCIAL_ORGANISATION: "秘书处",
}
ENFORCING_TYPES = {Agency.Type.GOVERNMENT, Agency.Type.JUDICIAL, Agency.Type.AUTHORIZED}


def _book(title: str) -> str:
    return f"《{title.removeprefix('中华人民共和国')}》"


def _items(agency: Agency, spec: DemoAgency, index: int, year: int, contact: AgencyContact | None) -> list[ItemData]:
    laws = {law.title: law for law in agency.laws.all()}
    own = [title for title in spec.laws if title in laws] or [t for t in laws if t != CONSTITUTION]
    main, second = own[0], own[1 % len(own)]
    person = contact.name if contact else "张敏"
    phone = contact.phone if contact else ""
    office = OFFICE_OF_TYPE[agency.agency_type]
    scale = 1 + index % 4

    def item(content, forms, audiences, goal, activities, people, months, law_titles, group="", office=office):
        start, end = months
        last_day = (dt.date(year + (end == 12), end % 12 + 1, 1) - dt.timedelta(days=1)).day
        return ItemData(
            content=content,
            responsible_office=office,
            contact_person=person,
            contact_phone=phone,
            audiences=list(audiences),
            audience_group=group,
            start_date=dt.date(year, start, 1),
            end_date=dt.date(year, end, last_day if end != 12 else 20),
            goal=goal,
            target_activities=activities,
            target_people=people,
            forms=list(forms),
            law_ids=[laws[title].pk for title in law_titles if title in laws],
        )

    items = [
        item(
            f"将{_book(main)}{_book(second) if second != main else ''}纳入党组（党委）理论学习中心组年度学习计划，"
            "开展领导干部集中学法",
            [T.PARTY_GROUP_STUDY, T.LAW_LECTURE],
            [A.CADRES],
            f"全年集中学法不少于{2 + index % 2}次，领导班子成员学法全覆盖",
            2 + index % 2,
            40 + 20 * scale,
            (3, 12),
            [main, second],
            group="领导班子成员及中层干部",
            office="办公室",
        )
    ]
    flavour = FLAVOURS.get(spec.slug)
    if flavour:
        items.append(
            item(
                flavour.content,
                flavour.forms,
                flavour.audiences,
                flavour.goal,
                flavour.activities,
                flavour.people,
                flavour.months,
                flavour.laws or [main],
                group=flavour.group,
            )
        )
    else:
        items.append(
            item(
                f"围绕{_book(main)}开展“法律六进”宣传，深入社区、企业发放宣传资料并现场答疑",
                [T.SIX_PLACES, T.THEMED_ACTIVITY],
                [A.MANAGED, A.PUBLIC],
                f"开展集中宣传不少于{2 + scale}场，发放宣传资料{1000 * scale}份",
                2 + scale,
                300 * scale,
                (4, 10),
                [main],
                group="辖区企业和居民",
            )
        )
    if agency.agency_type in ENFORCING_TYPES:
        items.append(
            item(
                f"在执法检查和案件办理中落实“谁执法谁普法”，结合典型案例开展以案释法，{_book(main)}释法说理写入执法文书",
                [T.CASE_EXPLANATION, T.DOCUMENT_REASONING, T.ON_SITE_EXPLANATION],
                [A.ENFORCEMENT_TARGETS, A.MANAGED],
                "发布典型案例不少于3件，行政执法决定书释法说理全覆盖",
                3,
                50 * scale,
                (1, 12),
                [main],
                group="行政相对人",
            )
        )
    items.append(
        item(
            f"依托“{agency.display_name}”微信公众号和门户网站开设普法专栏，常态化推送{_book(second)}等法律法规解读",
            [T.NEW_MEDIA_POST],
            [A.PUBLIC],
            f"全年推送普法信息不少于{3 + scale}条，阅读量不少于{500 * scale}人次",
            3 + scale,
            500 * scale,
            (1, 12),
            [second],
        )
    )
    law = laws[main]
    if index % 2 == 0 and law.effective_on:
        month = law.effective_on.month
        items.append(
            item(
                f"在{_book(main)}施行纪念日（{law.effective_on.month}月{law.effective_on.day}日）前后开展集中宣传",
                [T.LAW_ANNIVERSARY],
                [A.PUBLIC, A.SERVED],
                "开展主题宣传活动不少于1场",
                1,
                100 * scale,
                (month, month),
                [main],
            )
        )
    items.append(
        item(
            "开展“12·4”国家宪法日暨“宪法宣传周”活动，组织宪法宣誓和宪法知识学习",
            [T.CONSTITUTION_DAY],
            [A.CADRES, A.PUBLIC],
            "组织宪法宣誓1次，开展宪法宣传活动不少于2场",
            2,
            100 * scale,
            (11, 12),
            [CONSTITUTION],
        )
    )
    return items[:6]


def _reviewer_of(spec: DemoAgency, users: dict[str, User]) -> User:
    return users[f"{spec.town}-office"] if spec.town else users["reviewer"]


def _file(agency: Agency, spec: DemoAgency, index: int, year: int, users: dict[str, User], contact) -> Checklist | None:
    """Start and fill the agency's checklist for the year, unless it exists already (then ``None``)."""
    if Checklist.objects.filter(agency=agency, year=year).exists():
        return None
    staff = users[spec.slug]
    started = at(1, 10 + index % 18, 9 + index % 6, year=year) if year == LAST_YEAR else at(1, 5 + index % 20, 10)
    checklist = services.checklist_start(agency=agency, year=year, actor=staff, at=started)
    services.checklist_items_save(checklist=checklist, actor=staff, items=_items(agency, spec, index, year, contact))
    return checklist


def _approve(checklist, spec, index, users, submitted_at, *, days_to_decide=3):
    services.checklist_submit(checklist=checklist, actor=users[spec.slug], at=submitted_at)
    decided = submitted_at + dt.timedelta(days=days_to_decide, hours=index % 5)
    return services.checklist_approve(
        checklist=checklist, actor=_reviewer_of(spec, users), comment="同意备案。", at=decided
    )


def _amend(checklist: Checklist, spec: DemoAgency, users: dict[str, User]) -> None:
    staff = users[spec.slug]
    amendment = services.checklist_amend(
        checklist=checklist,
        actor=staff,
        reason="根据区安委会部署，增加危险化学品企业“安全生产月”专项宣传，并相应调高培训覆盖人数。",
        at=at(11, 10, 15, 10),
    )
    current = list(amendment.items.prefetch_related("laws").order_by("position"))
    rows = [
        ItemData(
            pk=row.pk,
            law_ids=[law.pk for law in row.laws.all()],
            **{name: getattr(row, name) for name in ItemData.FIELDS},
        )
        for row in current
    ]
    # The new-media item moves into the bureau's district-wide column, so the amendment also removes one.
    rows = [row for row in rows if T.NEW_MEDIA_POST not in row.forms]
    rows[1].target_people += 400
    rows[1].target_activities += 1
    rows[1].goal = "重点企业主要负责人培训全覆盖，开展“安全宣传五进”活动不少于5场"
    law_ids = [law.pk for law in current[1].laws.all()]
    rows.insert(
        2,
        ItemData(
            content="针对危险化学品企业开展“安全生产月”专项执法和以案释法，现场讲解事故案例",
            responsible_office="危险化学品安全监督管理科",
            contact_person=rows[0].contact_person,
            contact_phone=rows[0].contact_phone,
            audiences=[A.ENFORCEMENT_TARGETS, A.MANAGED],
            audience_group="危险化学品生产、经营、储存企业",
            start_date=dt.date(YEAR, 11, 15),
            end_date=dt.date(YEAR, 12, 31),
            goal="辖区危险化学品企业专项检查和现场释法全覆盖",
            target_activities=3,
            target_people=150,
            forms=[T.ON_SITE_EXPLANATION, T.CASE_EXPLANATION],
            law_ids=law_ids,
        ),
    )
    services.checklist_items_save(checklist=amendment, actor=staff, items=rows)
    services.checklist_submit(checklist=amendment, actor=staff, at=at(11, 12, 16, 40))


@transaction.atomic
def seed() -> list:
    agencies = {
        agency.name: agency
        for agency in Agency.objects.filter(name__in=[spec.name for spec in AGENCIES]).prefetch_related(
            "laws", "contacts"
        )
    }
    usernames = [spec.slug for spec in AGENCIES] + ["reviewer"] + [f"{s.town}-office" for s in AGENCIES if s.town]
    users = {user.username: user for user in User.objects.filter(username__in=usernames)}

    for index, spec in enumerate(AGENCIES):
        if spec.slug in LAST_YEAR_NOT_FILED:
            continue
        agency = agencies[spec.name]
        contact = next(iter(agency.contacts.all()), None)
        checklist = _file(agency, spec, index, LAST_YEAR, users, contact)
        if checklist:
            month, day = LAST_YEAR_LATE.get(spec.slug, (2, 3 + index % 24))
            _approve(checklist, spec, index, users, at(month, day, 10 + index % 7, year=LAST_YEAR), days_to_decide=4)

    for index, spec in enumerate(AGENCIES):
        if spec.slug in NOT_STARTED:
            continue
        agency = agencies[spec.name]
        contact = next(iter(agency.contacts.all()), None)
        checklist = _file(agency, spec, index, YEAR, users, contact)
        if checklist is None:
            continue
        staff, reviewer = users[spec.slug], _reviewer_of(spec, users)
        if spec.slug in DRAFTS:
            continue
        if spec.slug in RETURNED:
            (month, day), comment = RETURNED[spec.slug]
            submitted_at = at(month, day, 16, 20)
            services.checklist_submit(checklist=checklist, actor=staff, at=submitted_at)
            services.checklist_return(
                checklist=checklist, actor=reviewer, comment=comment, at=submitted_at + dt.timedelta(days=5, hours=-6)
            )
        elif spec.slug in WAITING:
            first, returned, again = WAITING[spec.slug]
            services.checklist_submit(checklist=checklist, actor=staff, at=at(*first, 17, 5))
            if returned:
                services.checklist_return(
                    checklist=checklist,
                    actor=reviewer,
                    comment="部分事项的普法对象和计划覆盖人数不够具体，请细化后重新报送。",
                    at=at(*returned, 10, 15),
                )
                services.checklist_submit(checklist=checklist, actor=staff, at=at(*again, 14, 30))
        elif spec.slug in APPROVED_LATE:
            _approve(checklist, spec, index, users, at(*APPROVED_LATE[spec.slug], 15, 45), days_to_decide=5)
        else:
            approved = _approve(checklist, spec, index, users, at(2, 2 + index % 26, 9 + index % 8, 10 + index))
            if spec.slug == AMENDED:
                _amend(approved, spec, users)
    return []
