"""Each agency's activities of a month, counted by duty: what province-wide figures add up (docs/domain.md,
"Activity summaries").

Kept by the writes in ``activities/services.py`` in the same transaction as the activity, rebuilt from the raw
rows by ``manage.py rebuild_activity_summaries`` after a bulk load. ``activities.summaries`` reads and writes
them; ``activities.facts`` says what they mean.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency
from agencies.vocabulary import Duty


class ActivitySummary(models.Model):
    """The live activities of one agency, month and duty: how many, how many of them ★ study sessions
    (``STUDY_MINIMUM_TYPES``) and the people they reached. Month-level, so "held" (``activities.facts.held_q``)
    is decided by month here and from the raw rows within the month containing today."""

    agency = models.ForeignKey(Agency, verbose_name=_("agency"), on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    month = models.PositiveSmallIntegerField(_("month"))
    duty = models.CharField(_("duty"), max_length=16, choices=Duty.choices)
    activities = models.PositiveIntegerField(_("activities"), default=0)
    sessions = models.PositiveIntegerField(_("study sessions"), default=0)
    people = models.PositiveBigIntegerField(_("people reached"), default=0)

    class Meta:
        verbose_name = _("activity summary")
        verbose_name_plural = _("activity summaries")
        constraints = [
            # Year first: every reader asks for one year of many agencies.
            models.UniqueConstraint(fields=["year", "agency", "month", "duty"], name="activitysummary_one_per_cell")
        ]
        indexes = [
            # The ★ sessions of a year's months for every agency at once (activities.facts.sessions_by_agency):
            # the cells with a session, read from the index alone rather than every cell of the year.
            models.Index(
                fields=["year", "month", "agency"],
                include=["sessions"],
                name="activitysummary_sessions_idx",
                condition=models.Q(sessions__gt=0),
            )
        ]

    def __str__(self) -> str:
        return f"{self.agency_id} {self.year}-{self.month:02d} {self.duty}"


class ItemSummary(models.Model):
    """The live activities of one month linked to one checklist item (by its key, which every revision of the item
    shares): how many, and the people they reached. What item progress (``activities.facts.item_met``) adds up
    over a province, month-level as ``ActivitySummary``: "held" is decided by month here and from the raw rows
    within the month containing today. Kept and rebuilt with ``ActivitySummary`` (``activities.summaries``)."""

    # The same cell columns as ActivitySummary's, declared again: two models read side by side, not worth an
    # abstract base that would move ActivitySummary's fields.
    agency = models.ForeignKey(Agency, verbose_name=_("agency"), on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    month = models.PositiveSmallIntegerField(_("month"))
    item_key = models.UUIDField(_("item key"))
    activities = models.PositiveIntegerField(_("activities"), default=0)
    people = models.PositiveBigIntegerField(_("people reached"), default=0)

    class Meta:
        verbose_name = _("item summary")
        verbose_name_plural = _("item summaries")
        # The cell is unique without covered columns: a database without covering indexes (SQLite) leaves out a
        # constraint that has them, and the services' upsert (ON CONFLICT) needs it there too.
        constraints = [models.UniqueConstraint(fields=["year", "item_key", "month"], name="itemsummary_one_per_cell")]
        indexes = [
            # An item's months of a year (one item's progress, per item of a page) read from the index alone, where
            # the database has covering indexes (PostgreSQL).
            models.Index(
                fields=["year", "item_key", "month"], include=["activities", "people"], name="itemsummary_cell_idx"
            )
        ]

    def __str__(self) -> str:
        return f"{self.item_key} {self.year}-{self.month:02d}"
