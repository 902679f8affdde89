"""A campaign (集中宣传活动) announced by the district bureau or a town judicial office (§2(二)).

During "法润新北", the National Constitution Day (12.4) and the like, agencies carry out law-education
activities as the district's or a town's legal-education office deploys them. A campaign says what is asked,
from when to when, and of which agencies. The agencies asked are resolved when it is announced and kept
(``CampaignAgency``): the figures count those rows, so an agency created, moved or closed afterwards does not
change who was asked. Only ``activities.campaigns.services`` writes a campaign.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency, FilingOffice, user_field

__all__ = ["Campaign", "CampaignAgency"]


class Campaign(models.Model):
    # Choices and fields declared one by one as on every model: they are this table's columns and words; a shared base
    # would hide the table's shape.
    class Scope(models.TextChoices):
        ALL = "all", _("Every agency in scope")
        TYPE = "type", _("Agencies of a type")
        OFFICE = "office", _("Agencies filing with an office")
        CHOSEN = "chosen", _("Chosen agencies")

    title = models.CharField(_("theme"), max_length=200)
    # The year of start_date, kept as a column so a year's campaigns filter on an index.
    year = models.PositiveSmallIntegerField(_("year"), editable=False)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    asks = models.TextField(_("what agencies are asked to do"))
    # The district bureau, or the town judicial office that announced it for its own agencies.
    office = models.ForeignKey(
        FilingOffice, verbose_name=_("announced by"), on_delete=models.PROTECT, related_name="campaigns"
    )
    scope = models.CharField(_("agencies asked"), max_length=16, choices=Scope.choices, default=Scope.ALL)
    # The rule as announced, shown on the page; who was asked is ``agencies``.
    agency_type = models.CharField(_("agency type"), max_length=16, choices=Agency.Type.choices, blank=True)
    # Optional links written out like Agency.parent and the others: each names its own target, label, deletion rule
    # and reverse name.
    filing_office = models.ForeignKey(
        FilingOffice,
        verbose_name=_("filing office"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    agencies = models.ManyToManyField(
        Agency, verbose_name=_("agencies asked"), through="CampaignAgency", related_name="campaigns"
    )
    # Who announced it and when, in this table's own column names: moving onto agencies.models.Recorded would rename
    # the columns.
    announced_by = user_field(_("announced by"))
    announced_at = models.DateTimeField(_("announced at"), auto_now_add=True)

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        ordering = ["-start_date", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(end_date__gte=models.F("start_date")), name="campaign_dates_ordered"),
        ]
        indexes = [models.Index(fields=["year", "start_date"], name="campaign_year_idx")]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        self.year = self.start_date.year
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("campaigns:detail", args=[self.pk])

    def runs_on(self, day) -> bool:
        return self.start_date <= day <= self.end_date


class CampaignAgency(models.Model):
    """An agency asked to take part, as resolved when the campaign was announced."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="asked")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="campaign_asks")

    class Meta:
        verbose_name = _("agency asked")
        verbose_name_plural = _("agencies asked")
        constraints = [models.UniqueConstraint(fields=["campaign", "agency"], name="campaign_agency_once")]

    def __str__(self) -> str:
        return f"{self.campaign_id}: {self.agency_id}"
