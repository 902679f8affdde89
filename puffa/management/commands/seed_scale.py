"""python manage.py seed_scale --agencies 10000 --activities 1000000

Fills the database with a province-sized, believable data set for benchmarks: filing offices, agencies
of every type and level (some with subordinate units), checklists for the year in every state with items,
activities spread over the year (★ sessions among them), evidence records without large files. Bulk inserts
in batches, so memory stays flat and PostgreSQL does the work. Meant for an empty database (or one with
only the demo district); it refuses to run twice.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from activities import summaries
from activities.models import Activity, Campaign, CampaignAgency, Evidence
from agencies import freshness
from agencies.models import Agency, AgencyContact, FilingOffice, Law, User
from agencies.vocabulary import DUTY_OF, SIX_PLACES_TYPES, ActivityType, Audience, SixPlaces
from assessment import services as assessment_services
from assessment.dashboard import kept
from checklists.models import Checklist, ChecklistItem, ChecklistTransition

SCALE_PREFIX = "规模测试"
PASSWORD = "puffa-scale-2026"
BATCH = 5000
CITIES = ["南京", "无锡", "徐州", "常州", "苏州", "南通", "连云港", "淮安", "盐城", "扬州", "镇江", "泰州", "宿迁"]
# One row per department, written out: this is the data set's list of departments, not code to share.
DEPARTMENTS = [
    ("公安局", Agency.Type.GOVERNMENT),
    ("市场监督管理局", Agency.Type.GOVERNMENT),
    ("教育局", Agency.Type.GOVERNMENT),
    ("卫生健康委员会", Agency.Type.GOVERNMENT),
    ("生态环境局", Agency.Type.GOVERNMENT),
    ("人力资源和社会保障局", Agency.Type.GOVERNMENT),
    ("交通运输局", Agency.Type.GOVERNMENT),
    ("住房和城乡建设局", Agency.Type.GOVERNMENT),
    ("应急管理局", Agency.Type.GOVERNMENT),
    ("人民法院", Agency.Type.JUDICIAL),
    ("人民检察院", Agency.Type.JUDICIAL),
    ("消防救援大队", Agency.Type.AUTHORIZED),
    ("总工会", Agency.Type.PEOPLES_ORGANISATION),
    ("妇女联合会", Agency.Type.PEOPLES_ORGANISATION),
    ("委宣传部", Agency.Type.PARTY),
    ("人民医院", Agency.Type.ENTERPRISE),
    ("律师协会", Agency.Type.SOCIAL_ORGANISATION),
]
STATUS_MIX = [  # share of agencies per 2026 checklist state
    ("none", 0.06),
    (Checklist.Status.DRAFT, 0.08),
    (Checklist.Status.SUBMITTED, 0.12),
    (Checklist.Status.RETURNED, 0.06),
    (Checklist.Status.APPROVED, 0.68),
]


def campaign(year: int, bureau: FilingOffice) -> Campaign:
    """The bureau's "12·4" campaign asking every agency, with the activities of its ten days linked to it (about
    one in forty of the year's): what the campaign pages and the dashboard count at scale."""
    found = Campaign.objects.create(
        title=f"{year}年“12·4”国家宪法日集中宣传活动（规模测试）",
        start_date=dt.date(year, 12, 1),
        end_date=dt.date(year, 12, 10),
        asks="围绕宪法开展集中宣传。",
        office=bureau,
        announced_by=User.objects.get(username="scale-bureau"),
    )
    agencies = Agency.objects.filter(is_active=True).values_list("pk", flat=True)
    CampaignAgency.objects.bulk_create(
        (CampaignAgency(campaign=found, agency_id=pk) for pk in agencies.iterator()), batch_size=BATCH
    )
    Activity.objects.filter(start_date__range=(found.start_date, found.end_date), agency_id__in=agencies).update(
        campaign=found
    )
    return found


class Command(BaseCommand):
    help = "Fill the database with a province-sized data set for benchmarks (bulk inserts)."

    def add_arguments(self, parser):
        parser.add_argument("--agencies", type=int, default=10_000)
        parser.add_argument("--activities", type=int, default=1_000_000)
        parser.add_argument("--year", type=int, default=2026)
        parser.add_argument("--items-per-checklist", type=int, default=5)
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args, agencies: int, activities: int, year: int, items_per_checklist: int, seed: int, **options):
        if Agency.objects.filter(name__startswith=SCALE_PREFIX).exists():
            raise CommandError("The scale data set is already here; start from an empty database.")
        self.random = random.Random(seed)
        self.year = year
        started = time.monotonic()
        with transaction.atomic():
            laws = self._laws()
            bureau, offices = self._offices(max(agencies // 20, 1))
            agency_ids = self._agencies(agencies, bureau, offices, laws)
            self._users(agency_ids, bureau, offices)
            item_rows = self._checklists(agency_ids, items_per_checklist, laws)
        self._activities(agency_ids, item_rows, activities)
        campaign(year, bureau)
        self.stdout.write(f"{summaries.rebuild([year])} activity summary rows")  # bulk inserts bypass the services
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                # VACUUM too, as autovacuum would after a bulk load on a production server: without it the
                # visibility map stays empty and every index-only scan reads the table (some servers, this
                # machine's included, run with autovacuum off). VACUUM cannot run in a transaction: called inside
                # one (a test's), the statistics alone.
                cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE")
        freshness.bump()  # bulk inserts send no signals
        self.stdout.write(f"{kept.keep_all([year])} agencies' dashboard facts kept")  # as the night's run would
        self.stdout.write(self.style.SUCCESS(f"Scale data ready in {time.monotonic() - started:.0f} s."))

    # --- pieces ---------------------------------------------------------------------------------------
    def _laws(self) -> list[int]:
        if not Law.objects.exists():
            from demo import agencies as demo  # the demo's law catalogue, read only when this seeds an empty database

            for title, kind, body, promulgated, effective in demo.LAWS:
                Law.objects.create(
                    title=title,
                    kind=kind,
                    issuing_body=body,
                    promulgated_on=dt.date.fromisoformat(promulgated),
                    effective_on=dt.date.fromisoformat(effective),
                )
        return list(Law.objects.values_list("pk", flat=True))

    def _offices(self, towns: int):
        bureau = FilingOffice.objects.filter(kind=FilingOffice.Kind.DISTRICT_BUREAU).first()
        if bureau is None:
            bureau = FilingOffice.objects.create(
                name="规模测试区委政法委（司法局）", kind=FilingOffice.Kind.DISTRICT_BUREAU
            )
        FilingOffice.objects.bulk_create(
            FilingOffice(name=f"{SCALE_PREFIX}第{n:04d}镇司法所", kind=FilingOffice.Kind.TOWN_OFFICE, sort_order=n)
            for n in range(1, towns + 1)
        )
        offices = list(FilingOffice.objects.filter(name__startswith=SCALE_PREFIX).values_list("pk", flat=True))
        self.stdout.write(f"{len(offices)} town offices")
        return bureau, offices

    def _agencies(self, count: int, bureau, offices: list[int], laws: list[int]) -> list[int]:
        rng = self.random
        rows = []
        for n in range(count):
            department, agency_type = DEPARTMENTS[n % len(DEPARTMENTS)]
            town = n % 3 == 2
            city = CITIES[n % len(CITIES)]
            rows.append(
                Agency(
                    name=f"{SCALE_PREFIX}{city}第{n:05d}{'镇' if town else '区'}{department}",
                    short_name=f"{department}{n:05d}"[:30],
                    agency_type=agency_type,
                    level=Agency.Level.TOWN if town else Agency.Level.DISTRICT,
                    filing_office_id=rng.choice(offices) if town else bureau.pk,
                    subject_to_study_minimum=Agency.default_study_minimum(agency_type),
                )
            )
        Agency.objects.bulk_create(rows, batch_size=BATCH)
        ids = list(Agency.objects.filter(name__startswith=SCALE_PREFIX).order_by("pk").values_list("pk", flat=True))
        # One agency in twenty is a subordinate unit of the one before it.
        parents = [(child, parent) for parent, child in zip(ids, ids[1:], strict=False) if child % 20 == 0]
        for child, parent in parents:
            Agency.objects.filter(pk=child).update(parent_id=parent)
        through = Agency.laws.through
        through.objects.bulk_create(
            (through(agency_id=agency_id, law_id=law_id) for agency_id in ids for law_id in rng.sample(laws, 3)),
            batch_size=BATCH,
        )
        AgencyContact.objects.bulk_create(
            (
                AgencyContact(
                    agency_id=agency_id,
                    name=f"联络员{agency_id}",
                    position="普法联络员",
                    phone=f"0519-8{agency_id % 10_000_000:07d}",
                    email=f"contact{agency_id}@puffa.example",
                    is_primary=True,
                )
                for agency_id in ids
            ),
            batch_size=BATCH,
        )
        self.stdout.write(f"{len(ids)} agencies")
        return ids

    def _users(self, agency_ids: list[int], bureau, offices: list[int]) -> None:
        hashed = make_password(PASSWORD)
        users = [
            User(
                username=f"scale-staff-{pk}",
                name=f"联络员{pk}",
                role=User.Role.STAFF,
                agency_id=pk,
                password=hashed,
                email=f"staff{pk}@puffa.example",
            )
            for pk in agency_ids
        ]
        # One account per role written out, so the bench's logins read as the list they are.
        users += [
            User(
                username="scale-reviewer",
                name="规模测试审核员",
                role=User.Role.REVIEWER,
                filing_office=bureau,
                password=hashed,
            ),
            User(
                username="scale-town-reviewer",
                name="规模测试司法所审核员",
                role=User.Role.REVIEWER,
                filing_office_id=offices[0],
                password=hashed,
            ),
            User(
                username="scale-bureau",
                name="规模测试管理员",
                role=User.Role.BUREAU_ADMIN,
                filing_office=bureau,
                password=hashed,
            ),
            User(username="scale-leader", name="规模测试领导", role=User.Role.LEADERSHIP, password=hashed),
        ]
        User.objects.bulk_create(users, batch_size=BATCH, ignore_conflicts=True)
        self.stdout.write(f"{len(users)} users (password {PASSWORD})")

    def _checklists(self, agency_ids: list[int], per_checklist: int, laws: list[int]) -> list[tuple[int, int]]:
        rng, year = self.random, self.year
        assessment_services.year_open(actor=None, year=year)
        tz = ZoneInfo(settings.TIME_ZONE)
        reviewer = User.objects.get(username="scale-reviewer")
        names, weights = zip(*STATUS_MIX, strict=True)
        states = [(agency_id, rng.choices(names, weights)[0]) for agency_id in agency_ids]
        checklists = []
        for agency_id, state in states:
            if state == "none":
                continue
            submitted = None
            if state != Checklist.Status.DRAFT:
                submitted = dt.datetime(year, 1, 5, 9, tzinfo=tz) + dt.timedelta(minutes=rng.randint(0, 70 * 24 * 60))
            checklists.append(
                Checklist(
                    agency_id=agency_id,
                    year=year,
                    status=state,
                    first_submitted_at=submitted,
                    submitted_at=submitted,
                    created_by_id=reviewer.pk,
                    decided_at=submitted + dt.timedelta(days=3) if state in ("approved", "returned") else None,
                    decided_by=reviewer if state in ("approved", "returned") else None,
                )
            )
        Checklist.objects.bulk_create(checklists, batch_size=BATCH)
        made = list(
            Checklist.objects.filter(year=year, agency_id__in=agency_ids).values_list("pk", "agency_id", "status")
        )
        transitions = []
        for pk, _agency_id, status in made:
            if status != Checklist.Status.DRAFT:
                at = dt.datetime(year, 2, 1, tzinfo=tz)
                transitions.append(
                    ChecklistTransition(
                        checklist_id=pk, from_status="draft", to_status="submitted", actor_id=reviewer.pk, at=at
                    )
                )
                if status in ("approved", "returned"):
                    transitions.append(
                        ChecklistTransition(
                            checklist_id=pk,
                            from_status="submitted",
                            to_status=status,
                            actor_id=reviewer.pk,
                            at=at + dt.timedelta(days=3),
                            comment="" if status == "approved" else "目标不够具体，请补充。",
                        )
                    )
        ChecklistTransition.objects.bulk_create(transitions, batch_size=BATCH)
        audiences = [a.value for a in Audience]
        forms = [t.value for t in ActivityType]
        items = []
        for pk, _agency_id, _status in made:
            for position in range(per_checklist):
                start = dt.date(year, rng.randint(1, 9), 1)
                items.append(
                    ChecklistItem(
                        checklist_id=pk,
                        position=position,
                        content=f"围绕主责主业开展第{position + 1}项普法宣传",
                        responsible_office="政策法规科",
                        contact_person="张三",
                        contact_phone="0519-80000000",
                        audiences=rng.sample(audiences, 2),
                        start_date=start,
                        end_date=dt.date(year, 12, 31),
                        goal="提升管理对象和社会公众的法治意识",
                        target_activities=rng.randint(2, 12),
                        target_people=rng.choice([100, 300, 500, 1000]),
                        forms=rng.sample(forms, 2),
                    )
                )
        ChecklistItem.objects.bulk_create(items, batch_size=BATCH)
        through = ChecklistItem.laws.through
        item_rows = list(
            ChecklistItem.objects.filter(
                checklist__year=year, checklist__agency_id__in=agency_ids, checklist__status="approved"
            ).values_list("pk", "checklist__agency_id")
        )
        through.objects.bulk_create(
            (through(checklistitem_id=pk, law_id=rng.choice(laws)) for pk, _ in item_rows), batch_size=BATCH
        )
        self.stdout.write(f"{len(made)} checklists, {len(items)} items")
        return item_rows

    def _activities(self, agency_ids: list[int], item_rows: list[tuple[int, int]], count: int) -> None:
        rng, year = self.random, self.year
        items_by_agency: dict[int, list[int]] = {}
        for item_id, agency_id in item_rows:
            items_by_agency.setdefault(agency_id, []).append(item_id)
        creator = User.objects.get(username="scale-bureau").pk
        types = list(DUTY_OF)
        study = [ActivityType.PARTY_GROUP_STUDY, ActivityType.EXECUTIVE_MEETING_STUDY]
        places = [p.value for p in SixPlaces]
        made = 0
        while made < count:
            batch = []
            for _ in range(min(BATCH * 4, count - made)):
                agency_id = agency_ids[rng.randrange(len(agency_ids))]
                kind = rng.choice(study) if rng.random() < 0.12 else rng.choice(types)
                start = dt.date(year, 1, 1) + dt.timedelta(days=rng.randrange(365))
                items = items_by_agency.get(agency_id)
                batch.append(
                    Activity(
                        agency_id=agency_id,
                        year=year,
                        activity_type=kind,
                        six_places_target=rng.choice(places) if kind in SIX_PLACES_TYPES else "",
                        title=f"{ActivityType(kind).label}活动",
                        start_date=start,
                        place="单位会议室",
                        people_reached=rng.randint(5, 800),
                        created_by_id=creator,
                        checklist_item_id=rng.choice(items) if items and rng.random() < 0.6 else None,
                    )
                )
            Activity.objects.bulk_create(batch, batch_size=BATCH)
            made += len(batch)
            self.stdout.write(f"{made} activities")
        # Evidence records (metadata only; no large files): one for every fifth activity.
        all_ids = Activity.objects.filter(agency_id__in=agency_ids).order_by("pk").values_list("pk", flat=True)
        ids = list(all_ids.iterator(chunk_size=BATCH))[::5]
        Evidence.objects.bulk_create(
            (
                Evidence(
                    activity_id=pk,
                    file=f"evidence/scale/{pk}.jpg",
                    original_name="现场照片.jpg",
                    content_type="image/jpeg",
                    size=245_000,
                    sha256="0" * 64,
                    uploaded_by_id=creator,
                )
                for pk in ids
            ),
            batch_size=BATCH,
        )
        self.stdout.write(f"{len(ids)} evidence records")
