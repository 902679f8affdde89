"""Plans beyond the year (§4.1 "工作规划、年度计划、重点工作").

Besides the annual plan and the year-end report (``AnnualFiling``), an agency files its multi-year plan (工作规划,
a document covering a period of years, e.g. 2026–2030) and each year's key work items (年度重点工作, a short list).
"""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from agencies.documents import StoredDocument, server_file_name
from agencies.models import Agency, Filed

__all__ = ["MultiYearPlan", "KeyWork", "KeyWorkItem"]

# A plan covers two to ten years: a five-year plan (十四五, 十五五) is the usual one.
PLAN_MIN_YEARS, PLAN_MAX_YEARS = 2, 10
KEY_WORK_MAX_ITEMS, KEY_WORK_ITEM_LENGTH = 20, 200


def plan_upload_to(instance: MultiYearPlan, filename: str) -> str:
    return server_file_name(f"plans/{instance.agency_id}")


class MultiYearPlan(Filed, StoredDocument):
    """An agency's legal-education plan for a period of years (普法工作规划), filed as a document."""

    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="multi_year_plans"
    )
    first_year = models.PositiveSmallIntegerField(_("first year"))
    last_year = models.PositiveSmallIntegerField(_("last year"))
    file = models.FileField(_("document"), upload_to=plan_upload_to, max_length=200)

    # Meta written out per model: its names, order and constraints are this table's own, not a shared shape.
    class Meta:
        verbose_name = _("multi-year plan")
        verbose_name_plural = _("multi-year plans")
        ordering = ["agency", "-first_year"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "first_year"], name="multiyearplan_one_per_start"),
            models.CheckConstraint(
                condition=Q(last_year__gte=F("first_year") + PLAN_MIN_YEARS - 1)
                & Q(last_year__lte=F("first_year") + PLAN_MAX_YEARS - 1),
                name="multiyearplan_period_sane",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agency} {self.period}"

    @property
    def period(self) -> str:
        return f"{self.first_year}–{self.last_year}"

    @staticmethod
    def covering_q(year: int, prefix: str = "") -> Q:
        """Plans whose period includes the year."""
        return Q(**{f"{prefix}first_year__lte": year, f"{prefix}last_year__gte": year})


class KeyWork(Filed):
    """An agency's key work items for a year (年度重点工作): filing again replaces the list."""

    agency = models.ForeignKey(Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="key_work")
    year = models.PositiveSmallIntegerField(_("year"))

    # Meta written out per model: its names, order and constraints are this table's own, not a shared shape.
    class Meta:
        verbose_name = _("key work of the year")
        verbose_name_plural = _("key work of the year")
        ordering = ["agency", "-year"]
        constraints = [models.UniqueConstraint(fields=["agency", "year"], name="keywork_one_per_year")]

    def __str__(self) -> str:
        return f"{self.agency} {self.year}"


class KeyWorkItem(models.Model):
    key_work = models.ForeignKey(KeyWork, verbose_name=_("key work"), on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField(_("number"))
    content = models.CharField(_("key work item"), max_length=KEY_WORK_ITEM_LENGTH)

    # Meta written out per model: its names, order and constraints are this table's own, not a shared shape.
    class Meta:
        verbose_name = _("key work item")
        verbose_name_plural = _("key work items")
        ordering = ["key_work", "position"]
        constraints = [models.UniqueConstraint(fields=["key_work", "position"], name="keyworkitem_one_per_position")]

    def __str__(self) -> str:
        return self.content
