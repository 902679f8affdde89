"""Reads for the pages puffa itself serves, with their joins in place so templates never query."""

from __future__ import annotations

import datetime as dt
import re

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from activities.reminders import Kind as StudyKind
from agencies import access
from agencies.models import Law, ReminderLog, User
from agencies.reminders import Kind as CampaignKind
from assessment.oversight.reminders import KIND as RECTIFICATION

CONSTITUTION_DAY = CampaignKind.CONSTITUTION_DAY
STUDY_DIGEST = StudyKind.STUDY_DIGEST


def reminder_log_list(user: User) -> QuerySet[ReminderLog]:
    """Reminders sent that the user may read: about agencies they see, and digests to their own office."""
    logs = ReminderLog.objects.select_related("agency", "filing_office", "sent_by").order_by("-sent_on", "-pk")
    if access.sees_all_agencies(user):
        return logs
    return logs.filter(
        Q(agency__in=access.visible_agencies(user)) | Q(agency__isnull=True, filing_office_id=user.filing_office_id)
    )


RECTIFICATION_STAGE = re.compile(r"(before|overdue)_(\d+)_days?")


def with_stage_words(logs: list[ReminderLog]) -> list[ReminderLog]:
    """Give each reminder its stage in words (``stage_words``: "截止前7天", "逾期第1天", a law's anniversary)
    and the year it is about (``year``), for the page of reminders sent.

    The stage keys are the ones the rules write (``checklists.reminders``, ``activities.reminders``,
    ``agencies.reminders``, ``assessment.oversight.reminders``); a notice sent by an event is said to be so, never
    shown by its key. ``by_hand``: reminded by hand ("remind now"). A rectification's period is its finding's
    id, so its year is its deadline's. One query for the laws of anniversary reminders, if any.
    """
    law_ids = {int(log.stage[4:]) for log in logs if log.stage.startswith("law-") and log.stage[4:].isdigit()}
    laws = {law["pk"]: law for law in Law.objects.filter(pk__in=law_ids).values("pk", "title", "promulgated_on")}
    for log in logs:
        log.year = log.period if log.period.isdigit() and log.kind != RECTIFICATION else None
        log.stage_words = _stage_words(log, laws)
        log.by_hand = log.stage.startswith("manual-")
    return logs


def _month_day(key: str) -> str:
    month, day = (int(part) for part in key.split("-"))
    return _("%(month)s/%(day)s") % {"month": month, "day": day}


def _stage_words(log: ReminderLog, laws: dict[int, dict]) -> str:
    stage = log.stage
    if stage.startswith("manual-"):
        return _("sent by hand")
    rectification = RECTIFICATION_STAGE.fullmatch(stage) if log.kind == RECTIFICATION else None
    if rectification:  # "before_3_days" or "overdue_1_day", sent 3 days before or 1 day after the deadline
        when, days = rectification.group(1), int(rectification.group(2))
        deadline = log.due_on + dt.timedelta(days=days if when == "before" else -days)
        log.year = str(deadline.year)
        if when == "before":
            return _("%(days)s days before the deadline") % {"days": days}
        return _("day %(day)s overdue") % {"day": days}
    if stage.startswith("d") and stage[1:].isdigit():
        if log.kind == CONSTITUTION_DAY:
            return _("%(days)s days before Constitution Day") % {"days": stage[1:]}
        return _("%(days)s days before the deadline") % {"days": stage[1:]}
    if stage.startswith("overdue-") and stage[8:].isdigit():
        day = 1 + int(stage[8:]) * settings.PUFFA_OVERDUE_REMINDER_INTERVAL_DAYS
        return _("day %(day)s overdue") % {"day": day}
    if stage.startswith("law-") and stage[4:].isdigit():
        law = laws.get(int(stage[4:]))
        if law is None or law["promulgated_on"] is None:
            return _("a law's anniversary")
        values = {"law": law["title"], "years": int(log.period) - law["promulgated_on"].year}
        return _("“%(law)s”, %(years)s years since promulgation") % values
    if len(stage) == 5 and stage[2] == "-" and stage.replace("-", "").isdigit():
        if log.kind == STUDY_DIGEST:
            return _("%(date)s: list to the bureau") % {"date": _month_day(stage)}
        if dict(settings.PUFFA_STUDY_REMINDERS).get(stage) == "no_session":
            return _("%(date)s: no study session yet") % {"date": _month_day(stage)}
        return _("%(date)s: below the study minimum") % {"date": _month_day(stage)}
    # Any other key names the event that sent the notice (a checklist decided, a result published, a reply…):
    # unique, so it is sent once, and no stage of a calendar.
    if log.sent_by is not None:
        return _("on %(who)s's action") % {"who": log.sent_by.display_name}
    return _("when it happened")
