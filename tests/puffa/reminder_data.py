"""Rows the reminder tests build on: checklists in a given state, ★ study sessions, people to remind."""

import datetime as dt
from zoneinfo import ZoneInfo

from agencies.models import AgencyContact, ReminderLog, User
from agencies.vocabulary import ActivityType
from checklists.models import Checklist, ChecklistItem

from ..activity_rows import logged_activity

SHANGHAI = ZoneInfo("Asia/Shanghai")
NOT_SUBMITTED = (Checklist.Status.DRAFT, Checklist.Status.RETURNED)


def at(day: dt.date, hour: int = 8) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=SHANGHAI)


def checklist(agency, year: int, status: str, *, revision: int = 1, submitted_on: dt.date | None = None, laws=()):
    """A checklist revision; one that was ever submitted has its first submission time."""
    submitted = None
    if status != Checklist.Status.DRAFT:
        submitted = at(submitted_on or dt.date(year, 2, 1), 10)
    made = Checklist.objects.create(
        agency=agency, year=year, revision=revision, status=status, first_submitted_at=submitted, submitted_at=submitted
    )
    if laws:
        item = ChecklistItem.objects.create(
            checklist=made,
            content="开展普法宣传",
            responsible_office="政策法规科",
            contact_person="王芳",
            start_date=dt.date(year, 1, 1),
            end_date=dt.date(year, 12, 31),
            goal="覆盖辖区经营主体",
        )
        item.laws.set(laws)
    return made


def study_session(agency, day: dt.date, *, by, activity_type: str = ActivityType.PARTY_GROUP_STUDY, **fields):
    return logged_activity(
        agency=agency,
        activity_type=activity_type,
        title="党组理论学习中心组集中学法",
        start_date=day,
        created_by=by,
        **fields,
    )


def contact(agency, email: str, name: str = "李华") -> AgencyContact:
    return AgencyContact.objects.create(agency=agency, name=name, email=email, is_primary=True)


def staff(agency, username: str, email: str = "") -> User:
    return User.objects.create(username=username, name=username, role=User.Role.STAFF, agency=agency, email=email)


def sent(**filters) -> list[tuple]:
    """(kind, stage, agency short name or office name) of every reminder sent, oldest first."""
    return [
        (log.kind, log.stage, log.agency.short_name if log.agency else log.filing_office.name)
        for log in ReminderLog.objects.filter(**filters).select_related("agency", "filing_office").order_by("pk")
    ]
