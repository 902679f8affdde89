"""Good practice collected and promoted (总结和推广好的经验做法, §4.2).

The bureau marks an activity, a year-end work report or a joint meeting as a good practice, with a short note;
exactly one of the three is its source. Unmarking deletes the mark.
"""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from activities.models import Activity
from agencies.models import user_field

from ..oversight.models import AnnualFiling, JointMeeting

__all__ = ["GoodPractice"]


class GoodPracticeQuerySet(models.QuerySet):
    def listed(self) -> GoodPracticeQuerySet:
        """The practices every list shows: not those of a deleted activity (the mark stays, should it be
        restored), newest mark first, with what their title, agency and date read."""
        return (
            self.filter(Q(activity__isnull=True) | Q(activity__deleted_at__isnull=True))
            .select_related("activity__agency", "report__agency", "meeting")
            .order_by("-marked_at", "-pk")
        )


class GoodPractice(models.Model):
    class Source(models.TextChoices):
        ACTIVITY = "activity", _("Activity")
        REPORT = "report", _("Year-end work report")
        MEETING = "meeting", _("Joint meeting")

    # One key per source a good practice can come from (the constraint below holds exactly one): declarations, not
    # logic.
    activity = models.OneToOneField(
        Activity,
        verbose_name=_("activity"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="good_practice",
    )
    report = models.OneToOneField(
        AnnualFiling,
        verbose_name=_("year-end work report"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="good_practice",
    )
    meeting = models.OneToOneField(
        JointMeeting,
        verbose_name=_("joint meeting"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="good_practice",
    )
    note = models.TextField(_("why it is a good practice"), max_length=1000)
    marked_by = user_field(_("marked by"))
    marked_at = models.DateTimeField(_("marked at"))

    objects = GoodPracticeQuerySet.as_manager()

    # Meta written out per model: its names, order and constraints are this table's own, not a shared shape.
    class Meta:
        verbose_name = _("good practice")
        verbose_name_plural = _("good practices")
        ordering = ["-marked_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(activity__isnull=False, report__isnull=True, meeting__isnull=True)
                | Q(activity__isnull=True, report__isnull=False, meeting__isnull=True)
                | Q(activity__isnull=True, report__isnull=True, meeting__isnull=False),
                name="goodpractice_exactly_one_source",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def source(self) -> str:
        if self.activity_id:
            return self.Source.ACTIVITY
        return self.Source.REPORT if self.report_id else self.Source.MEETING

    @property
    def source_pk(self) -> int:
        return self.activity_id or self.report_id or self.meeting_id

    def get_source_display(self) -> str:
        return str(self.Source(self.source).label)

    @property
    def title(self) -> str:
        if self.activity_id:
            return self.activity.title
        if self.report_id:
            return _("%(agency)s: %(year)s year-end work report") % {
                "agency": self.report.agency.display_name,
                "year": self.report.year,
            }
        return self.meeting.title

    @property
    def agency(self):
        """The agency whose practice it is; a joint meeting is the district's own (None)."""
        if self.activity_id:
            return self.activity.agency
        return self.report.agency if self.report_id else None

    @property
    def dated(self) -> dt.date:
        if self.activity_id:
            return self.activity.start_date
        if self.report_id:
            return timezone.localdate(self.report.filed_at)
        return self.meeting.held_on
