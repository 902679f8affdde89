"""Demo results use for 2025 (see puffa/management/commands/seed_demo.py): what the bureau decided on the
published 2025 assessment. Idempotent: rows are found by their natural keys, with fixed dates and files.

- 区法院 commended as an advanced unit, and a named person of 区教育局;
- 区统计局 (no 2025 year-end report filed) called to an admonitory talk (约谈), answered and closed in March;
- 区个协 to rectify within a time limit (限期整改), still open: on its clerk's 待办 and the dashboard.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from agencies.models import Agency, User
from agencies.notices import notice_send
from assessment.decisions import services
from assessment.models import Commendation, Measure, MeasureEvent, MeasureResponse
from demo.library import demo_datetime, demo_pdf_file

YEAR = 2025

COMMENDATIONS = [
    # (agency slug, person, position, decided on, reason, document)
    (
        "court",
        "",
        "",
        dt.date(2026, 2, 10),
        "2025年度普法责任制考核优秀，“以案释法”和庭审公开做法在全区推广，被评为普法工作先进单位。",
        "关于表彰2025年度普法工作先进单位的决定.pdf",
    ),
    (
        "education",
        "陈红梅",
        "政策法规科科长",
        dt.date(2026, 2, 10),
        "牵头建立全区中小学法治副校长授课台账，组织宪法宣传周活动覆盖师生两万余人次，被评为普法工作先进个人。",
        "关于表彰2025年度普法工作先进个人的决定.pdf",
    ),
]


def _document(folder: str, key: str) -> dict:
    name = f"decisions/{folder}/{YEAR}/demo-{key}"
    return demo_pdf_file(name, f"decision {key}")


def _seed_commendations(agencies: dict[str, Agency], bureau: User) -> None:
    for slug, person, position, decided_on, reason, document in COMMENDATIONS:
        agency = agencies[slug]
        # Found by its natural key and brought to these values, so seeding twice changes nothing; key and values are
        # this model's own.
        Commendation.objects.update_or_create(
            year=YEAR,
            agency=agency,
            person_name=person,
            defaults={
                "person_position": position,
                "decided_on": decided_on,
                "reason": reason,
                "original_name": document,
                "recorded_by": bureau,
                **_document(str(agency.pk), f"commendation-{slug}"),
            },
        )


def _measure(agency: Agency, kind: str, bureau: User, *, decided_on, deadline, reason, document, status) -> Measure:
    measure, _ = Measure.objects.update_or_create(
        year=YEAR,
        agency=agency,
        kind=kind,
        defaults={
            "decided_on": decided_on,
            "deadline": deadline,
            "reason": reason,
            "status": status,
            "original_name": document,
            "recorded_by": bureau,
            **_document(str(agency.pk), f"measure-{kind}"),
        },
    )
    event = _event(measure, MeasureEvent.Action.RECORDED, bureau, decided_on, f"请于 {deadline} 前答复。")
    # the agency hears of it as it would have (once: the notice is keyed by the event)
    notice_send([services.measure_recorded_notice(measure, event)], by=bureau, at=event.at)
    return measure


def _event(measure, action, actor, day, comment="") -> MeasureEvent:
    event, _ = MeasureEvent.objects.update_or_create(
        measure=measure, action=action, at=demo_datetime(day, 15), defaults={"actor": actor, "comment": comment}
    )
    return event


def _seed_measures(agencies: dict[str, Agency], staff: dict[str, User], bureau: User) -> None:
    # Each measure is a demo row with its own agency, dates and words: data, written out one call each.
    talk = _measure(
        agencies["statistics"],
        Measure.Kind.INTERVIEW,
        bureau,
        decided_on=dt.date(2026, 2, 20),
        deadline=dt.date(2026, 3, 20),
        reason="2025年度考核不合格：未报送年度普法工作总结，普法台账缺失。约谈单位主要负责人。",
        document="约谈通知书（区统计局）.pdf",
        status=Measure.Status.CLOSED,
    )
    answer = "已召开党组会专题研究普法工作，明确分管领导和普法联络员，补报2025年度工作总结并建立普法台账。"
    MeasureResponse.objects.update_or_create(
        measure=talk,
        description=answer,
        defaults={"submitted_by": staff["statistics"], "submitted_at": demo_datetime(dt.date(2026, 3, 12))},
    )
    _event(talk, MeasureEvent.Action.ANSWERED, staff["statistics"], dt.date(2026, 3, 12), answer)
    _event(talk, MeasureEvent.Action.CLOSED, bureau, dt.date(2026, 3, 18), "整改措施具体，予以办结。")

    # Each measure is a demo row with its own agency, dates and words: data, written out one call each.
    _measure(
        agencies["self-employed"],
        Measure.Kind.RECTIFY,
        bureau,
        decided_on=dt.date(2026, 2, 20),
        deadline=dt.date(2026, 12, 31),
        reason="2025年度考核不合格：普法责任清单未按期报送，年度普法活动少于计划。限年底前完成整改并书面报告。",
        document="限期整改通知书（区个协）.pdf",
        status=Measure.Status.PENDING,
    )


@transaction.atomic
def seed() -> list:
    bureau = User.objects.get(username="bureau")
    staff = {user.username: user for user in User.objects.filter(agency__isnull=False).select_related("agency")}
    agencies = {slug: user.agency for slug, user in staff.items()}
    _seed_commendations(agencies, bureau)
    _seed_measures(agencies, staff, bureau)
    return []
