"""The demo year of activities: believable, every duty, the market's ★ session, idempotent."""

import datetime as dt

import pytest

from activities import selectors
from activities.models import Activity, AnnualArchive, Evidence
from agencies.models import Agency
from agencies.vocabulary import DUTY_OF, Duty
from checklists.models import Checklist
from demo import activities as demo
from demo import agencies as agencies_demo
from demo import checklists as checklists_demo


def rows():
    fields = [f.attname for f in Activity._meta.concrete_fields if f.attname not in {"created_at", "updated_at"}]
    evidence = [f.attname for f in Evidence._meta.concrete_fields if f.attname != "uploaded_at"]
    return sorted(Activity.objects.values_list(*fields)), sorted(Evidence.objects.values_list(*evidence))


@pytest.fixture
def district(db):
    agencies_demo.seed()
    checklists_demo.seed()
    market = Agency.objects.get(short_name="区市场监管局")
    if not Checklist.objects.filter(agency=market, year=demo.YEAR, status="approved").exists():
        checklist = Checklist.objects.create(agency=market, year=demo.YEAR, status="approved", revision=9)
        checklist.items.create(
            position=1,
            content="党组中心组集中学法",
            responsible_office="办公室",
            contact_person="华伟",
            start_date=dt.date(demo.YEAR, 1, 1),
            end_date=dt.date(demo.YEAR, 12, 31),
            goal="全年不少于2次",
            target_activities=2,
            forms=["party_group_study"],
        )
    return market


def test_seeding_twice_leaves_the_same_rows(district):
    demo.seed()
    first = rows()
    demo.seed()
    assert rows() == first


def test_the_year_is_believable(district):
    demo.seed()
    live = Activity.objects.live().of_year(demo.YEAR)
    assert 200 <= live.count() <= 600
    assert {DUTY_OF[kind] for kind in live.values_list("activity_type", flat=True)} == set(Duty.values)
    assert live.values("activity_type").distinct().count() >= 18
    assert not live.filter(start_date__gt=demo.LAST_DAY).exists()
    assert Activity.objects.filter(deleted_at__isnull=False).count() == 1
    subject = Agency.objects.filter(subject_to_study_minimum=True, staff__isnull=False).distinct()
    met = [selectors.study_minimum(agency, demo.YEAR).met for agency in subject]
    assert sum(met) >= len(met) * 0.8 and not all(met)


def test_the_market_has_a_study_session_with_two_photos_and_a_pdf_linked_to_an_item(district):
    demo.seed()
    session = Activity.objects.get(agency=district, title="党组理论学习中心组专题学习《食品安全法》")
    assert session.counts_for_study_minimum and session.checklist_item is not None
    assert sorted(session.evidence.values_list("content_type", flat=True)) == [
        "application/pdf",
        "image/png",
        "image/png",
    ]


def test_an_agency_with_an_approved_checklist_has_its_archive_filed(district):
    court = Agency.objects.get(short_name="区法院")
    if selectors.latest_approved_checklist(court.pk, demo.YEAR) is None:
        Checklist.objects.create(agency=court, year=demo.YEAR, status="approved")
    demo.seed()
    archive = AnnualArchive.objects.get(agency=court, year=demo.YEAR)
    assert archive.status == AnnualArchive.Status.READY and archive.sha256
