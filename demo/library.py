"""Demo resource library and needs analyses (see puffa/management/commands/seed_demo.py). Idempotent.

Rows are found by their natural keys and brought to the values below; demo files are stored under fixed
names with fixed content, so a second run changes nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from zoneinfo import ZoneInfo

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction

from activities.library import services as library_services
from activities.models import Activity, LibraryStatus, Material, NeedsAnalysis, NeedsAnalysisReply, ResourcePerson
from agencies.models import Law, User
from agencies.notices import notice_send

L, N, V = ResourcePerson.Kind.LECTURER, ResourcePerson.Kind.NAVIGATOR, ResourcePerson.Kind.VOLUNTEER

# (kind, name, unit, field of law, phone, email)
PEOPLE = [
    (L, "周立群", "常州市新北区人民法院", "民事审判、民法典婚姻家庭编", "0519-85120311", "zhoulq@court.example"),
    (L, "陈思远", "常州市新北区人民检察院", "未成年人检察、预防未成年人犯罪", "0519-85120422", ""),
    (L, "顾文斌", "常州市新北区律师协会", "劳动合同法、劳动争议调解", "13961100218", "guwb@lawyers.example"),
    (L, "杭雪梅", "江苏常州大学史良法学院", "宪法、行政法", "13815003371", "hangxm@cczu.example"),
    (N, "沈浩然", "江苏圣典律师事务所", "公司法、优化营商环境", "13775191562", "shenhr@shengdian.example"),
    (N, "吴佳颖", "常州市新北区公共法律服务中心", "法律援助、人民调解", "0519-85127788", ""),
    (N, "钱志刚", "江苏常新律师事务所", "安全生产法、企业合规", "13901508827", "qianzg@changxin.example"),
    (V, "朱晓燕", "常州市新北区三井街道新城社区", "反电信网络诈骗宣传", "13685250940", ""),
    (V, "蔡明亮", "常州市新北区退役军人服务中心", "国防教育、退役军人保障", "13506147713", ""),
    (V, "孙悦", "常州大学法学院学生普法志愿服务队", "校园普法、未成年人保护", "15251907765", "sunyue@cczu.example"),
]

# A person the bureau entered itself: active, with nothing left over from a proposal or a decision on one.
ENTERED_BY_BUREAU = {
    "status": LibraryStatus.ACTIVE,
    "proposed_by_agency": None,
    "decided_by": None,
    "decided_at": None,
    "decline_reason": "",
}

PROPOSAL = (
    "hrss",
    V,
    "陆建平",
    "常州市新北区劳动人事争议仲裁院",
    "劳动争议仲裁、保障农民工工资支付",
    "0519-85129021",
)

# (slug for the file name, title, kind, laws, audiences, description)
MATERIALS = [
    (
        "constitution",
        "宪法宣传周专题讲座课件",
        Material.Kind.COURSEWARE,
        ["中华人民共和国宪法"],
        ["cadres", "public"],
        "适用于12·4国家宪法日及宪法宣传周集中宣讲，约45分钟。",
    ),
    (
        "civil-code",
        "民法典进社区：婚姻家庭与继承",
        Material.Kind.COURSEWARE,
        ["中华人民共和国民法典"],
        ["public"],
        "以案说法，含六个常见纠纷案例。",
    ),
    (
        "anti-fraud",
        "反电信网络诈骗宣传折页",
        Material.Kind.PUBLICITY,
        ["中华人民共和国反电信网络诈骗法"],
        ["public", "served"],
        "可直接印制发放的三折页。",
    ),
    (
        "cadre-reader",
        "领导干部学法用法读本（2026年版）",
        Material.Kind.TEACHING_MATERIAL,
        ["中华人民共和国宪法", "中华人民共和国行政处罚法", "中华人民共和国行政复议法"],
        ["cadres"],
        "供党委（党组）理论学习中心组集中学法使用。",
    ),
]

# (agency slug, year, period, audiences, needs found, measures)
NEEDS = [
    (
        "market",
        2026,
        NeedsAnalysis.Period.H1,
        ["managed", "served"],
        "对辖区320家小餐饮经营者问卷调查显示，近六成不清楚进货查验记录义务，对食品安全法新增的网络餐饮条款了解不足。",
        "联合区律协开展“食安进餐馆”专题宣讲6场；编印食品经营者普法口袋书2000册；在执法检查中同步以案释法。",
    ),
    (
        "education",
        2026,
        NeedsAnalysis.Period.YEAR,
        ["cadres", "public"],
        "教师对未成年人保护法规定的强制报告义务认识不足；家长对家庭教育促进法知晓率偏低。",
        "将强制报告制度纳入教师全员培训；依托家长学校每学期开展一次家庭教育促进法宣讲。",
    ),
    (
        "hrss",
        2026,
        NeedsAnalysis.Period.H1,
        ["managed", "public"],
        "在建工程项目务工人员对保障农民工工资支付条例中的维权途径了解有限，欠薪投诉集中在年底。",
        "在重点工地设立法律服务点；四季度开展根治欠薪专项普法行动。",
    ),
    (
        "xuejia",
        2026,
        NeedsAnalysis.Period.Q3,
        ["public"],
        "村（社区）居民咨询集中在土地承包经营权流转和邻里纠纷。",
        "邀请普法领航服务团律师每月驻村坐诊一次；编写农村土地承包法案例汇编。",
    ),
    (
        "police",
        2025,
        NeedsAnalysis.Period.H2,
        ["public", "targets"],
        "电信网络诈骗受害人中老年人占比上升，对新型诈骗手法辨识能力弱。",
        "联合社区开展“反诈进万家”宣传；在派出所窗口设立反诈宣传专区。",
    ),
]

REPLY = (
    "market",
    2026,
    NeedsAnalysis.Period.H1,
    "需求分析扎实。建议结合“3·15”消费者权益日集中开展宣讲，并将宣讲场次纳入本年度普法责任清单。",
)


def demo_pdf(title: str) -> bytes:
    """A small, valid, deterministic PDF (ASCII text: the demo has no font to embed)."""
    text = f"Puffa demo document: {title}".encode("ascii", "replace")
    stream = b"BT /F1 14 Tf 72 720 Td (" + text + b") Tj ET"
    objects = [
        b"<</Type/Catalog/Pages 2 0 R>>",
        b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
        b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]/Contents 4 0 R/Resources<</Font<</F1 5 0 R>>>>>>",
        b"<</Length " + str(len(stream)).encode() + b">>stream\n" + stream + b"\nendstream",
        b"<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>",
    ]
    body, offsets = b"%PDF-1.4\n", []
    for number, content in enumerate(objects, start=1):
        offsets.append(len(body))
        body += f"{number} 0 obj\n".encode() + content + b"\nendobj\n"
    xref = len(body)
    body += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    body += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    body += f"trailer<</Size {len(objects) + 1}/Root 1 0 R>>\nstartxref\n{xref}\n%%EOF\n".encode()
    return body


def stored_demo_file(name: str, content: bytes) -> dict:
    """Keep ``content`` under a fixed storage name (written once) and describe it like an upload."""
    if not default_storage.exists(name):
        default_storage.save(name, ContentFile(content))
    return {"size": len(content), "sha256": hashlib.sha256(content).hexdigest()}


def demo_pdf_file(name: str, title: str) -> dict:
    """The stored fields of a demo PDF kept under ``name`` (``stored_demo_file`` of ``demo_pdf(title)``)."""
    return {"file": name, "content_type": "application/pdf", **stored_demo_file(name, demo_pdf(title))}


@transaction.atomic
def seed() -> list:
    bureau = User.objects.get(username="bureau")
    agencies = {
        user.username: user.agency for user in User.objects.filter(agency__isnull=False).select_related("agency")
    }
    staff = {user.username: user for user in User.objects.filter(agency__isnull=False)}

    people = [_person(row, email=email, created_by=bureau, **ENTERED_BY_BUREAU) for *row, email in PEOPLE]
    slug, *row = PROPOSAL
    _person(row, status=LibraryStatus.PROPOSED, proposed_by_agency=agencies[slug], created_by=staff[slug])

    laws = {law.title: law for law in Law.objects.all()}
    for slug, title, kind, law_titles, audiences, description in MATERIALS:
        content = demo_pdf(slug)
        name = f"library/materials/demo-{slug}"
        material, _ = Material.objects.update_or_create(
            title=title,
            defaults={
                "kind": kind,
                "audiences": audiences,
                "description": description,
                "status": LibraryStatus.ACTIVE,
                "proposed_by_agency": None,
                "created_by": bureau,
                "file": name,
                "original_name": f"{title}.pdf",
                "content_type": "application/pdf",
                **stored_demo_file(name, content),
            },
        )
        material.laws.set([laws[t] for t in law_titles if t in laws])

    # Lecturers on the lectures the activities demo logged, if it logged any.
    lectures = Activity.objects.live().filter(activity_type__in=["law_lecture", "lecturer_volunteer"])
    for index, activity in enumerate(lectures.order_by("start_date", "pk")[:8]):
        people[index % 4].activities.add(activity)

    for slug, year, period, audiences, found, measures in NEEDS:
        NeedsAnalysis.objects.update_or_create(
            agency=agencies[slug],
            year=year,
            period=period,
            defaults={
                "audiences": audiences,
                "findings": found,
                "measures": measures,
                "created_by": staff[slug],
            },
        )
    slug, year, period, body = REPLY
    analysis = NeedsAnalysis.objects.get(agency=agencies[slug], year=year, period=period)
    reply, _ = NeedsAnalysisReply.objects.get_or_create(
        analysis=analysis, author=User.objects.get(username="reviewer"), body=body
    )
    notice_send([library_services.needs_reply_notice(reply)])  # once: the notice is keyed by the reply
    return []


def _person(row: list, **defaults) -> ResourcePerson:
    """A library person (kind, name, unit, field of law, phone) found by name and unit and brought to these values;
    fields not named stay as they are."""
    kind, name, unit, field, phone = row
    person, _ = ResourcePerson.objects.update_or_create(
        name=name, unit=unit, defaults={"kind": kind, "field_of_law": field, "phone": phone, **defaults}
    )
    return person


def demo_datetime(day: dt.date, hour: int = 10) -> dt.datetime:
    """A fixed moment of a demo day, Asia/Shanghai."""
    return dt.datetime.combine(day, dt.time(hour), tzinfo=ZoneInfo("Asia/Shanghai"))
