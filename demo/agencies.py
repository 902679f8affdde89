"""A believable demo district (常州市新北区): filing offices, agencies, the law catalogue, accounts.

Idempotent: every row is found by its natural key and brought to the values below, so running it
twice leaves the same rows. Called by ``python manage.py seed_demo``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.db import transaction

from agencies.models import Agency, AgencyContact, FilingOffice, Law, User
from agencies.validators import credit_code_check_character

DEMO_PASSWORD = "puffa-demo-2026"
DISTRICT_BUREAU = "新北区委政法委（司法局）"
ADMIN_DIVISION = "320411"  # 常州市新北区

NPC = "全国人民代表大会"
NPCSC = "全国人民代表大会常务委员会"
STATE_COUNCIL = "国务院"

# (title, kind, issuing body, promulgated, effective) — the current text's promulgation and effect. One row per law,
# written out: this is the catalogue's data, not code to share.
LAWS = [
    ("中华人民共和国宪法", Law.Kind.LAW, NPC, "1982-12-04", "1982-12-04"),
    ("中华人民共和国民法典", Law.Kind.LAW, NPC, "2020-05-28", "2021-01-01"),
    ("中华人民共和国刑法", Law.Kind.LAW, NPC, "1997-03-14", "1997-10-01"),
    ("中华人民共和国行政诉讼法", Law.Kind.LAW, NPC, "1989-04-04", "1990-10-01"),
    ("中华人民共和国民事诉讼法", Law.Kind.LAW, NPC, "1991-04-09", "1991-04-09"),
    ("中华人民共和国教育法", Law.Kind.LAW, NPC, "1995-03-18", "1995-09-01"),
    ("中华人民共和国行政处罚法", Law.Kind.LAW, NPCSC, "2021-01-22", "2021-07-15"),
    ("中华人民共和国行政许可法", Law.Kind.LAW, NPCSC, "2003-08-27", "2004-07-01"),
    ("中华人民共和国行政复议法", Law.Kind.LAW, NPCSC, "2023-09-01", "2024-01-01"),
    ("中华人民共和国国家安全法", Law.Kind.LAW, NPCSC, "2015-07-01", "2015-07-01"),
    ("中华人民共和国反有组织犯罪法", Law.Kind.LAW, NPCSC, "2021-12-24", "2022-05-01"),
    ("中华人民共和国治安管理处罚法", Law.Kind.LAW, NPCSC, "2005-08-28", "2006-03-01"),
    ("中华人民共和国道路交通安全法", Law.Kind.LAW, NPCSC, "2003-10-28", "2004-05-01"),
    ("中华人民共和国禁毒法", Law.Kind.LAW, NPCSC, "2007-12-29", "2008-06-01"),
    ("中华人民共和国反电信网络诈骗法", Law.Kind.LAW, NPCSC, "2022-09-02", "2022-12-01"),
    ("中华人民共和国人民警察法", Law.Kind.LAW, NPCSC, "1995-02-28", "1995-02-28"),
    ("中华人民共和国法官法", Law.Kind.LAW, NPCSC, "2019-04-23", "2019-10-01"),
    ("中华人民共和国检察官法", Law.Kind.LAW, NPCSC, "2019-04-23", "2019-10-01"),
    ("中华人民共和国食品安全法", Law.Kind.LAW, NPCSC, "2015-04-24", "2015-10-01"),
    ("中华人民共和国产品质量法", Law.Kind.LAW, NPCSC, "1993-02-22", "1993-09-01"),
    ("中华人民共和国消费者权益保护法", Law.Kind.LAW, NPCSC, "1993-10-31", "1994-01-01"),
    ("中华人民共和国反不正当竞争法", Law.Kind.LAW, NPCSC, "1993-09-02", "1993-12-01"),
    ("中华人民共和国药品管理法", Law.Kind.LAW, NPCSC, "2019-08-26", "2019-12-01"),
    ("中华人民共和国特种设备安全法", Law.Kind.LAW, NPCSC, "2013-06-29", "2014-01-01"),
    ("中华人民共和国未成年人保护法", Law.Kind.LAW, NPCSC, "2020-10-17", "2021-06-01"),
    ("中华人民共和国预防未成年人犯罪法", Law.Kind.LAW, NPCSC, "2020-12-26", "2021-06-01"),
    ("中华人民共和国家庭教育促进法", Law.Kind.LAW, NPCSC, "2021-10-23", "2022-01-01"),
    ("中华人民共和国基本医疗卫生与健康促进法", Law.Kind.LAW, NPCSC, "2019-12-28", "2020-06-01"),
    ("中华人民共和国传染病防治法", Law.Kind.LAW, NPCSC, "1989-02-21", "1989-09-01"),
    ("中华人民共和国环境保护法", Law.Kind.LAW, NPCSC, "2014-04-24", "2015-01-01"),
    ("中华人民共和国大气污染防治法", Law.Kind.LAW, NPCSC, "2015-08-29", "2016-01-01"),
    ("中华人民共和国水污染防治法", Law.Kind.LAW, NPCSC, "2017-06-27", "2018-01-01"),
    ("中华人民共和国固体废物污染环境防治法", Law.Kind.LAW, NPCSC, "2020-04-29", "2020-09-01"),
    ("中华人民共和国劳动法", Law.Kind.LAW, NPCSC, "1994-07-05", "1995-01-01"),
    ("中华人民共和国劳动合同法", Law.Kind.LAW, NPCSC, "2007-06-29", "2008-01-01"),
    ("中华人民共和国社会保险法", Law.Kind.LAW, NPCSC, "2010-10-28", "2011-07-01"),
    ("中华人民共和国安全生产法", Law.Kind.LAW, NPCSC, "2021-06-10", "2021-09-01"),
    ("中华人民共和国消防法", Law.Kind.LAW, NPCSC, "2008-10-28", "2009-05-01"),
    ("中华人民共和国城乡规划法", Law.Kind.LAW, NPCSC, "2007-10-28", "2008-01-01"),
    ("中华人民共和国土地管理法", Law.Kind.LAW, NPCSC, "1986-06-25", "1987-01-01"),
    ("中华人民共和国农村土地承包法", Law.Kind.LAW, NPCSC, "2002-08-29", "2003-03-01"),
    ("中华人民共和国公路法", Law.Kind.LAW, NPCSC, "1997-07-03", "1998-01-01"),
    ("中华人民共和国人民调解法", Law.Kind.LAW, NPCSC, "2010-08-28", "2011-01-01"),
    ("中华人民共和国法律援助法", Law.Kind.LAW, NPCSC, "2021-08-20", "2022-01-01"),
    ("中华人民共和国个人信息保护法", Law.Kind.LAW, NPCSC, "2021-08-20", "2021-11-01"),
    ("中华人民共和国统计法", Law.Kind.LAW, NPCSC, "1983-12-08", "1984-01-01"),
    ("中华人民共和国审计法", Law.Kind.LAW, NPCSC, "1994-08-31", "1995-01-01"),
    ("中华人民共和国公职人员政务处分法", Law.Kind.LAW, NPCSC, "2020-06-20", "2020-07-01"),
    ("保障农民工工资支付条例", Law.Kind.ADMINISTRATIVE_REGULATION, STATE_COUNCIL, "2019-12-30", "2020-05-01"),
    ("优化营商环境条例", Law.Kind.ADMINISTRATIVE_REGULATION, STATE_COUNCIL, "2019-10-22", "2020-01-01"),
    (
        "中华人民共和国市场主体登记管理条例",
        Law.Kind.ADMINISTRATIVE_REGULATION,
        STATE_COUNCIL,
        "2021-07-27",
        "2022-03-01",
    ),
]

TOWNS = [
    ("三井街道", "sanjing"),
    ("河海街道", "hehai"),
    ("龙虎塘街道", "longhutang"),
    ("薛家镇", "xuejia"),
    ("罗溪镇", "luoxi"),
    ("孟河镇", "menghe"),
]

G, J, A = Agency.Type.GOVERNMENT, Agency.Type.JUDICIAL, Agency.Type.AUTHORIZED
P, PO, E, S = (
    Agency.Type.PARTY,
    Agency.Type.PEOPLES_ORGANISATION,
    Agency.Type.ENTERPRISE,
    Agency.Type.SOCIAL_ORGANISATION,
)
CONSTITUTION = "中华人民共和国宪法"


@dataclass(frozen=True)
class DemoAgency:
    slug: str
    name: str
    short_name: str
    agency_type: str
    laws: tuple[str, ...] = ()
    parent: str = ""
    town: str = ""  # the town's slug for a town-level agency; empty for district level
    contact: str = ""


LAW_TITLES = frozenset(law[0] for law in LAWS)


def _laws(*titles: str) -> tuple[str, ...]:
    """Short titles as people say them ("刑法") to the catalogue's full ones."""
    return tuple(f"中华人民共和国{t}" if f"中华人民共和国{t}" in LAW_TITLES else t for t in titles)


# Data, one row per agency of the district (names, laws, contact): rows, not repeated logic.
AGENCIES = [
    DemoAgency(
        "court",
        "常州市新北区人民法院",
        "区法院",
        J,
        _laws("民法典", "民事诉讼法", "行政诉讼法", "法官法"),
        contact="周敏",
    ),
    DemoAgency(
        "procuratorate",
        "常州市新北区人民检察院",
        "区检察院",
        J,
        _laws("刑法", "检察官法", "未成年人保护法", "预防未成年人犯罪法"),
        contact="陈晓峰",
    ),
    DemoAgency(
        "police",
        "常州市公安局新北分局",
        "新北公安分局",
        G,
        _laws("治安管理处罚法", "道路交通安全法", "禁毒法", "反电信网络诈骗法", "人民警察法", "反有组织犯罪法"),
        contact="王建国",
    ),
    DemoAgency(
        "police-sanjing",
        "常州市公安局新北分局三井派出所",
        "三井派出所",
        G,
        _laws("治安管理处罚法", "反电信网络诈骗法"),
        parent="police",
        contact="李卫东",
    ),
    DemoAgency(
        "police-hehai",
        "常州市公安局新北分局河海派出所",
        "河海派出所",
        G,
        _laws("治安管理处罚法", "反电信网络诈骗法"),
        parent="police",
        contact="赵磊",
    ),
    DemoAgency(
        "justice", "常州市新北区司法局", "区司法局", G, _laws("人民调解法", "法律援助法", "行政复议法"), contact="孙丽"
    ),
    DemoAgency(
        "govoffice",
        "常州市新北区人民政府办公室",
        "区政府办",
        G,
        _laws("行政许可法", "优化营商环境条例"),
        contact="吴刚",
    ),
    DemoAgency("drc", "常州市新北区发展和改革局", "区发改局", G, _laws("优化营商环境条例", "统计法"), contact="郑洁"),
    DemoAgency(
        "education",
        "常州市新北区教育局",
        "区教育局",
        G,
        _laws("教育法", "未成年人保护法", "家庭教育促进法", "预防未成年人犯罪法"),
        contact="冯雪",
    ),
    DemoAgency(
        "school",
        "常州市新北区实验中学",
        "区实验中学",
        E,
        _laws("教育法", "未成年人保护法"),
        parent="education",
        contact="褚红",
    ),
    DemoAgency("civil", "常州市新北区民政局", "区民政局", G, _laws("民法典"), contact="卫强"),
    DemoAgency("finance", "常州市新北区财政局", "区财政局", G, _laws("审计法"), contact="蒋芳"),
    DemoAgency(
        "hrss",
        "常州市新北区人力资源和社会保障局",
        "区人社局",
        G,
        _laws("劳动法", "劳动合同法", "社会保险法", "保障农民工工资支付条例"),
        contact="沈涛",
    ),
    DemoAgency(
        "social-insurance",
        "常州市新北区社会保险基金管理中心",
        "区社保中心",
        A,
        _laws("社会保险法"),
        parent="hrss",
        contact="韩梅",
    ),
    DemoAgency(
        "planning",
        "常州市自然资源和规划局新北分局",
        "新北资规分局",
        G,
        _laws("土地管理法", "城乡规划法"),
        contact="杨帆",
    ),
    DemoAgency(
        "ecology",
        "常州市新北生态环境局",
        "新北生态环境局",
        G,
        _laws("环境保护法", "大气污染防治法", "水污染防治法", "固体废物污染环境防治法"),
        contact="朱琳",
    ),
    DemoAgency(
        "housing",
        "常州市新北区住房和城乡建设局",
        "区住建局",
        G,
        _laws("城乡规划法", "保障农民工工资支付条例"),
        contact="秦勇",
    ),
    DemoAgency("transport", "常州市新北区交通运输局", "区交通局", G, _laws("公路法", "道路交通安全法"), contact="尤佳"),
    DemoAgency(
        "agriculture",
        "常州市新北区农业农村局",
        "区农业农村局",
        G,
        _laws("农村土地承包法", "食品安全法"),
        contact="许亮",
    ),
    DemoAgency(
        "commerce", "常州市新北区商务局", "区商务局", G, _laws("反不正当竞争法", "优化营商环境条例"), contact="何静"
    ),
    DemoAgency("culture", "常州市新北区文化广电和旅游局", "区文旅局", G, _laws("未成年人保护法"), contact="吕娜"),
    DemoAgency(
        "health",
        "常州市新北区卫生健康局",
        "区卫健局",
        G,
        _laws("基本医疗卫生与健康促进法", "传染病防治法", "药品管理法"),
        contact="施伟",
    ),
    DemoAgency(
        "hospital",
        "常州市新北区人民医院",
        "区人民医院",
        E,
        _laws("基本医疗卫生与健康促进法", "传染病防治法"),
        parent="health",
        contact="张婷",
    ),
    DemoAgency("veterans", "常州市新北区退役军人事务局", "区退役军人事务局", G, _laws("民法典"), contact="孔斌"),
    DemoAgency("emergency", "常州市新北区应急管理局", "区应急管理局", G, _laws("安全生产法", "消防法"), contact="曹军"),
    DemoAgency("audit", "常州市新北区审计局", "区审计局", G, _laws("审计法"), contact="严红"),
    DemoAgency(
        "market",
        "常州市新北区市场监督管理局",
        "区市场监管局",
        G,
        _laws(
            "食品安全法",
            "产品质量法",
            "消费者权益保护法",
            "反不正当竞争法",
            "药品管理法",
            "特种设备安全法",
            "市场主体登记管理条例",
        ),
        contact="华伟",
    ),
    DemoAgency("statistics", "常州市新北区统计局", "区统计局", G, _laws("统计法"), contact="金鑫"),
    DemoAgency("medical-insurance", "常州市新北区医疗保障局", "区医保局", G, _laws("社会保险法"), contact="魏玲"),
    DemoAgency("urban", "常州市新北区城市管理局", "区城管局", G, _laws("行政处罚法", "城乡规划法"), contact="陶然"),
    DemoAgency("fire", "常州市新北区消防救援大队", "区消防救援大队", A, _laws("消防法", "安全生产法"), contact="姜山"),
    DemoAgency("tax", "国家税务总局常州市新北区税务局", "新北区税务局", A, _laws("行政处罚法"), contact="戚薇"),
    DemoAgency("propaganda", "中共常州市新北区委宣传部", "区委宣传部", P, _laws("国家安全法"), contact="谢安"),
    DemoAgency(
        "organisation", "中共常州市新北区委组织部", "区委组织部", P, _laws("公职人员政务处分法"), contact="邹平"
    ),
    DemoAgency("union", "常州市新北区总工会", "区总工会", PO, _laws("劳动法", "劳动合同法"), contact="喻红"),
    DemoAgency(
        "youth", "共青团常州市新北区委员会", "团区委", PO, _laws("未成年人保护法", "预防未成年人犯罪法"), contact="柏杨"
    ),
    DemoAgency("women", "常州市新北区妇女联合会", "区妇联", PO, _laws("家庭教育促进法", "民法典"), contact="水仙"),
    DemoAgency(
        "power", "国网江苏省电力有限公司常州市新北区供电分公司", "新北供电公司", E, _laws("安全生产法"), contact="窦明"
    ),
    DemoAgency("lawyers", "常州市新北区律师协会", "区律协", S, _laws("法律援助法", "民法典"), contact="章程"),
    DemoAgency("self-employed", "常州市新北区个体劳动者协会", "区个协", S, _laws("消费者权益保护法"), contact="云帆"),
    DemoAgency(
        "sanjing",
        "常州市新北区三井街道办事处",
        "三井街道",
        G,
        _laws("人民调解法", "民法典"),
        town="sanjing",
        contact="苏畅",
    ),
    DemoAgency(
        "hehai",
        "常州市新北区河海街道办事处",
        "河海街道",
        G,
        _laws("人民调解法", "民法典"),
        town="hehai",
        contact="潘越",
    ),
    DemoAgency(
        "longhutang",
        "常州市新北区龙虎塘街道办事处",
        "龙虎塘街道",
        G,
        _laws("人民调解法"),
        town="longhutang",
        contact="葛亮",
    ),
    DemoAgency(
        "xuejia",
        "常州市新北区薛家镇人民政府",
        "薛家镇",
        G,
        _laws("人民调解法", "农村土地承包法"),
        town="xuejia",
        contact="奚雯",
    ),
    DemoAgency(
        "xuejia-enforcement",
        "常州市新北区薛家镇综合行政执法局",
        "薛家镇综合执法局",
        G,
        _laws("行政处罚法", "城乡规划法"),
        parent="xuejia",
        town="xuejia",
        contact="范伟",
    ),
    DemoAgency(
        "luoxi",
        "常州市新北区罗溪镇人民政府",
        "罗溪镇",
        G,
        _laws("人民调解法", "农村土地承包法"),
        town="luoxi",
        contact="彭博",
    ),
    DemoAgency(
        "menghe",
        "常州市新北区孟河镇人民政府",
        "孟河镇",
        G,
        _laws("人民调解法", "农村土地承包法"),
        town="menghe",
        contact="郎平",
    ),
]

# Registration authority and category (GB 32100 §4.2): 11 for organs, 12 institutions, 51 social
# groups, 91 enterprises. The organisation codes are made up; the check characters are real.
CODE_PREFIX = {G: "11", J: "11", A: "12", P: "11", PO: "13", E: "12", S: "51"}


def demo_credit_code(index: int, agency_type: str) -> str:
    first17 = f"{CODE_PREFIX[agency_type]}{ADMIN_DIVISION}0{index:08d}"
    return first17 + credit_code_check_character(first17)


@dataclass(frozen=True)
class DemoAccount:
    username: str
    password: str
    role: str
    who: str


def _account(username: str, *, name: str, role: str, hashed: str, **fields) -> DemoAccount:
    user, created = User.objects.update_or_create(username=username, defaults={"name": name, "role": role, **fields})
    if created:
        user.password = hashed
        user.save(update_fields=["password"])
    where = fields.get("agency") or fields.get("filing_office")
    return DemoAccount(username, DEMO_PASSWORD, str(User.Role(role).label), f"{name}（{where}）" if where else name)


@transaction.atomic
def law_fields(kind: str, body: str, promulgated: str, effective: str) -> dict:
    """A row of ``LAWS`` (after its title) as the ``Law`` fields: the demo and the benchmarks' districts both
    build their catalogue from it."""
    return {
        "kind": kind,
        "issuing_body": body,
        "promulgated_on": dt.date.fromisoformat(promulgated),
        "effective_on": dt.date.fromisoformat(effective),
    }


def seed() -> list[DemoAccount]:
    laws = {}
    for title, *row in LAWS:
        laws[title], _ = Law.objects.update_or_create(
            title=title,
            defaults=law_fields(*row),
        )

    bureau, _ = FilingOffice.objects.update_or_create(
        name=DISTRICT_BUREAU, defaults={"kind": FilingOffice.Kind.DISTRICT_BUREAU, "sort_order": 0}
    )
    offices = {}
    for order, (town, slug) in enumerate(TOWNS, start=1):
        offices[slug], _ = FilingOffice.objects.update_or_create(
            name=f"{town}司法所", defaults={"kind": FilingOffice.Kind.TOWN_OFFICE, "sort_order": order}
        )

    agencies: dict[str, Agency] = {}
    for index, spec in enumerate(AGENCIES, start=1):
        agency, _ = Agency.objects.update_or_create(
            name=spec.name,
            defaults={
                "short_name": spec.short_name,
                "code": demo_credit_code(index, spec.agency_type),
                "agency_type": spec.agency_type,
                "level": Agency.Level.TOWN if spec.town else Agency.Level.DISTRICT,
                "parent": agencies[spec.parent] if spec.parent else None,
                "filing_office": offices[spec.town] if spec.town else bureau,
                "subject_to_study_minimum": Agency.default_study_minimum(spec.agency_type),
                "is_active": True,
            },
        )
        agency.laws.set([laws[CONSTITUTION], *(laws[t] for t in spec.laws)])
        AgencyContact.objects.update_or_create(
            agency=agency,
            name=spec.contact,
            defaults={
                "position": "普法联络员",
                "phone": f"0519-8{index:03d}{index * 37 % 10000:04d}",
                "email": f"{spec.slug}@puffa.example",
                "is_primary": True,
            },
        )
        agencies[spec.slug] = agency

    hashed = make_password(DEMO_PASSWORD)
    accounts = [
        _account(
            "sysadmin",
            name="系统管理员",
            role=User.Role.BUREAU_ADMIN,
            hashed=hashed,
            filing_office=bureau,
            is_staff=True,
            is_superuser=True,
        ),
        _account(
            "bureau", name="区司法局普法科管理员", role=User.Role.BUREAU_ADMIN, hashed=hashed, filing_office=bureau
        ),
        _account("reviewer", name="区司法局普法科审核员", role=User.Role.REVIEWER, hashed=hashed, filing_office=bureau),
        _account("leader", name="区法制宣传教育领导小组", role=User.Role.LEADERSHIP, hashed=hashed),
    ]
    for town, slug in TOWNS:
        accounts.append(
            _account(
                f"{slug}-office",
                name=f"{town}司法所审核员",
                role=User.Role.REVIEWER,
                hashed=hashed,
                filing_office=offices[slug],
            )
        )
    for spec in AGENCIES:
        accounts.append(
            _account(
                spec.slug,
                name=f"{spec.short_name}普法联络员",
                role=User.Role.STAFF,
                hashed=hashed,
                agency=agencies[spec.slug],
            )
        )
    return accounts
