"""Each agency's year facts as the leadership dashboard counts them, kept between counts.

A row holds what ``assessment.dashboard.members.with_facts`` and the activity summaries give one agency for one
year on one day: whether it meets the study minimum, its items counted and met, its enforced laws covered, its
part in the year's campaigns, and its activities by month and duty. The writes that change any of these move the
row's ``changes`` on in their own transaction (``assessment.dashboard.kept``), and a change to facts of agencies not
known moves ``KeptFactsEpoch`` on; a row is *fresh* while ``counted`` equals ``changes``, ``epoch`` is the current
one and ``day`` is today, since "held" moves with the calendar. The dashboard counts fresh rows
from here and every other agency from the raw facts, so a row that is not fresh is never read; only
``assessment.dashboard.kept`` writes them.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency
from agencies.vocabulary import Duty

__all__ = ["KeptFacts", "KeptFactsEpoch"]

MONTHS = range(1, 13)
# The figures the activity summaries give, each agency's one column here: activities per month and per duty,
# people reached per duty.
SUMMARY_FIGURES = (
    *(f"month:{m}" for m in MONTHS),
    *(f"duty:{d}" for d in Duty.values),
    *(f"people:{d}" for d in Duty.values),
)


class KeptFactsEpoch(models.Model):
    """One row: a number moved on by a change to facts of agencies not known (a bulk write, a year's study
    minimum, a campaign): a kept row counted under an older number is not fresh. One row updated, rather than
    every kept row, so such a write neither waits on nor locks the rows a worker is keeping."""

    number = models.PositiveBigIntegerField(_("number"), default=0)

    class Meta:
        verbose_name = _("kept facts' epoch")
        verbose_name_plural = _("kept facts' epoch")

    def __str__(self) -> str:
        return str(self.number)


class KeptFacts(models.Model):
    agency = models.ForeignKey(Agency, verbose_name=_("agency"), on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    changes = models.PositiveIntegerField(_("changes"), default=0)  # moved on by every write to these facts
    counted = models.IntegerField(_("changes counted"), default=-1)  # ``changes`` when the facts were counted
    epoch = models.PositiveBigIntegerField(_("epoch"), default=0)  # ``KeptFactsEpoch.number`` when counted
    day = models.DateField(_("counted for"), null=True)  # "held" is decided by this day
    # The same names as ``with_facts``'s annotations, so ``members.figure_q`` filters these rows as it does those.
    subject_to_study_minimum = models.BooleanField(_("subject to the study minimum"), default=False)
    study_met = models.BooleanField(_("study minimum met"), default=False)
    items_total = models.PositiveIntegerField(_("items counted"), default=0)
    items_met = models.PositiveIntegerField(_("items met"), default=0)
    laws_enforced = models.PositiveIntegerField(_("laws enforced"), default=0)
    laws_covered = models.PositiveIntegerField(_("enforced laws covered"), default=0)
    campaign_asked = models.BooleanField(_("asked in a campaign"), default=False)
    took_part = models.BooleanField(_("took part in a campaign"), default=False)

    class Meta:
        verbose_name = _("kept year facts")
        verbose_name_plural = _("kept year facts")
        constraints = [models.UniqueConstraint(fields=["agency", "year"], name="kept_facts_once_per_year")]
        indexes = [models.Index(fields=["year", "day"], name="kept_facts_year_day_idx")]

    def __str__(self) -> str:
        return f"{self.agency_id} {self.year}"


def summary_column(key: str) -> str:
    """The column of a summary figure (``month:4``, ``duty:study``, ``people:study``): ``month_4`` …"""
    return key.replace(":", "_")


# Twenty columns of one kind, added in a loop; the migration lists them one by one.
for _key in SUMMARY_FIGURES:
    KeptFacts.add_to_class(summary_column(_key), models.PositiveBigIntegerField(default=0))
del _key
