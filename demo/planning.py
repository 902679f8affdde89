"""Demo multi-year plans and key work (see puffa/management/commands/seed_demo.py): most agencies filed their
2021–2025 and 2026–2030 plans and their 2026 key work; a few have not, so the bureau's overview has gaps to show.

Idempotent: rows are found by their natural keys and brought to the values below.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from agencies.models import User
from assessment.models import KeyWork, KeyWorkItem, MultiYearPlan
from demo.library import demo_datetime, demo_pdf_file

# Agencies (by slug) without a 2026–2030 plan, and without 2026 key work.
NO_PLAN_2026 = {"statistics", "self-employed", "power", "menghe", "veterans", "luoxi"}
NO_KEY_WORK_2026 = {"statistics", "self-employed", "power", "culture", "school"}

PERIODS = [
    (2021, 2025, "“八五”普法规划（2021—2025年）", dt.date(2021, 6, 10)),
    (2026, 2030, "“九五”普法规划（2026—2030年）", dt.date(2026, 2, 20)),
]

KEY_WORK = [
    "落实“谁执法谁普法”责任清单，按季度更新履职台账",
    "党组理论学习中心组集中学法不少于2次",
    "开展“宪法宣传周”和“民法典宣传月”集中宣传",
    "在行政执法中推行“说理式执法”和以案释法",
    "办好本单位普法微信公众号专栏，每月更新",
    "组织行政执法人员年度法律知识考试",
    "深入企业、社区开展“法律六进”活动不少于4场",
]


@transaction.atomic
def seed() -> list:
    staff = {u.username: u for u in User.objects.filter(agency__isnull=False).select_related("agency")}
    for index, (slug, user) in enumerate(sorted(staff.items()), start=1):
        agency = user.agency
        for first, last, label, filed_on in PERIODS:
            if first == 2026 and slug in NO_PLAN_2026:
                continue
            name = f"plans/{agency.pk}/demo-{first}"
            MultiYearPlan.objects.update_or_create(
                agency=agency,
                first_year=first,
                defaults={
                    "last_year": last,
                    "original_name": f"{agency.display_name}{label}.pdf",
                    "filed_by": user,
                    "filed_at": demo_datetime(filed_on + dt.timedelta(days=index % 20)),
                    **demo_pdf_file(name, f"plan {first}-{last} {slug}"),
                },
            )
        if slug in NO_KEY_WORK_2026:
            continue
        work, _ = KeyWork.objects.update_or_create(
            agency=agency,
            year=2026,
            defaults={
                "filed_by": user,
                "filed_at": demo_datetime(dt.date(2026, 2, 10) + dt.timedelta(days=index % 25)),
            },
        )
        chosen = [KEY_WORK[(index + n) % len(KEY_WORK)] for n in range(3 + index % 3)]
        for number, item in enumerate(chosen, start=1):
            KeyWorkItem.objects.update_or_create(key_work=work, position=number, defaults={"content": item})
        work.items.filter(position__gt=len(chosen)).delete()
    return []
