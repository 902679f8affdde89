"""An activity an agency did, with evidence (docs/domain.md, "Activities")."""

from __future__ import annotations

import datetime as dt
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from agencies.documents import UploadedDocument
from agencies.models import Agency, Law, user_field
from agencies.vocabulary import DUTY_OF, STUDY_MINIMUM_TYPES, ActivityType, SixPlaces
from checklists.models import ChecklistItem


class ActivityQuerySet(models.QuerySet):
    def live(self) -> ActivityQuerySet:
        """Not deleted: what the ledger and every count see."""
        return self.filter(deleted_at__isnull=True)

    def of_year(self, year: int) -> ActivityQuerySet:
        return self.filter(year=year)


class Activity(models.Model):
    agency = models.ForeignKey(Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="activities")
    # The year of start_date, kept as a column so ledgers and counts filter on an index.
    year = models.PositiveSmallIntegerField(_("year"), editable=False)
    # "type" alone is already the agency's type (单位类型) in the merged catalogue.
    activity_type = models.CharField(pgettext_lazy("activity", "type"), max_length=32, choices=ActivityType.choices)
    six_places_target = models.CharField(_("six-places target"), max_length=16, choices=SixPlaces.choices, blank=True)
    title = models.CharField(_("title"), max_length=200)
    start_date = models.DateField(_("date"))
    end_date = models.DateField(
        _("end date"), null=True, blank=True, help_text=_("Only for an activity over several days.")
    )
    place = models.CharField(_("place"), max_length=200, blank=True)
    audiences = models.JSONField(_("audiences"), default=list, blank=True)
    audience_note = models.CharField(_("audience"), max_length=200, blank=True)
    people_reached = models.PositiveIntegerField(_("people reached"), default=0)
    # The optional links below are declared one by one: each names its own target, label, deletion rule and reverse
    # name, which a helper would only move into arguments.
    checklist_item = models.ForeignKey(
        ChecklistItem,
        verbose_name=_("checklist item fulfilled"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="activities",
    )
    # The campaign (集中宣传活动) this activity was part of: one the agency was asked in, running on its date.
    campaign = models.ForeignKey(
        "activities.Campaign",
        verbose_name=_("campaign"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="activities",
    )
    laws = models.ManyToManyField(Law, verbose_name=_("laws covered"), blank=True, related_name="activities")
    description = models.TextField(_("description"), blank=True)
    links = models.TextField(_("links"), blank=True, help_text=_("One address per line: news reports, posts."))
    # Only for a new-media activity: the agency's account it was posted on (activities.newmedia).
    media_account = models.ForeignKey(
        "activities.MediaAccount",
        verbose_name=_("new-media account"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="activities",
    )
    created_by = user_field(_("logged by"))
    created_at = models.DateTimeField(_("logged at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    deleted_at = models.DateTimeField(_("deleted at"), null=True, blank=True)
    deleted_by = user_field(_("deleted by"), null=True, blank=True)

    objects = ActivityQuerySet.as_manager()

    # Meta written out as on every model: this table's own names, order, constraints and indexes.
    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["-start_date", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="activity_dates_ordered",
            ),
        ]
        indexes = [
            models.Index(fields=["agency", "year", "start_date"], name="activity_ledger_idx"),
            models.Index(fields=["year", "activity_type"], name="activity_year_type_idx"),
            # This month's ★ sessions of every agency (activities.facts.held_this_month with session_counted_q,
            # read by 履职情况总览's counts and the home card): a range of a few days per type, read from the
            # index alone, not every ★ activity of the year (1 s at 10,000 agencies without it).
            models.Index(
                fields=["year", "activity_type", "start_date"],
                include=["agency"],
                name="activity_type_day_idx",
                condition=Q(deleted_at__isnull=True),
            ),
            # "Took part in a campaign" (activities.campaigns.facts.took_part_q) asks, for each agency asked,
            # whether it has an activity linked to the campaign: one index lookup each, not a scan of the
            # campaign's activities per agency (4 s for a district campaign of 10,000 agencies without it).
            models.Index(
                fields=["campaign", "agency"], name="activity_campaign_agency_idx", condition=Q(campaign__isnull=False)
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        self.year = self.start_date.year
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("activities:detail", args=[self.pk])

    @property
    def duty(self) -> str:
        return DUTY_OF[self.activity_type]

    @property
    def counts_for_study_minimum(self) -> bool:
        return self.activity_type in STUDY_MINIMUM_TYPES


def evidence_upload_to(instance: Evidence, filename: str) -> str:
    """A server-made name: the uploaded name is kept in ``original_name``, never used on disk."""
    return f"evidence/{instance.activity.agency_id}/{uuid.uuid4().hex}"


class Evidence(UploadedDocument):
    activity = models.ForeignKey(
        Activity, verbose_name=_("activity"), on_delete=models.CASCADE, related_name="evidence"
    )
    file = models.FileField(_("file"), upload_to=evidence_upload_to, max_length=200)
    # Fields declared one by one with their own words; the stored-file columns Evidence shares come from
    # agencies.documents.UploadedDocument.
    may_publish = models.BooleanField(
        _("may be published"),
        default=False,
        help_text=_("The agency allows this photo on the public good-practice page."),
    )

    # Meta written out as on every model: this table's own names and order.
    class Meta:
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")
        ordering = ["activity", "pk"]

    def __str__(self) -> str:
        return self.original_name


# Each stored file names its own path (its folder says what it is); what it shares with the others is only Django's
# upload_to.
def archive_upload_to(instance: AnnualArchive, filename: str) -> str:
    return f"archives/{instance.agency_id}/{instance.year}/{uuid.uuid4().hex}.zip"


class AnnualArchive(models.Model):
    """An agency's annual electronic archive (普法电子档案, §3.3): one zip, built by a task, then frozen."""

    class Status(models.TextChoices):
        BUILDING = "building", _("Building")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    agency = models.ForeignKey(Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="archives")
    year = models.PositiveSmallIntegerField(_("year"))
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.BUILDING)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    file = models.FileField(_("file"), upload_to=archive_upload_to, max_length=200, blank=True)
    size = models.PositiveBigIntegerField(_("size"), null=True, blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    error = models.TextField(_("error"), blank=True)
    requested_by = user_field(_("filed by"))
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    filed_at = models.DateTimeField(_("filed at"), null=True, blank=True)

    # Meta written out as on every model: this table's own names, order and constraint.
    class Meta:
        verbose_name = _("annual archive")
        verbose_name_plural = _("annual archives")
        ordering = ["-year", "agency"]
        constraints = [models.UniqueConstraint(fields=["agency", "year"], name="annualarchive_one_per_year")]

    def __str__(self) -> str:
        return f"{self.agency} {self.year}"

    @property
    def is_stale(self) -> bool:
        """Still "building" long after it was filed: nobody is building it (agencies.outbox retries meanwhile),
        so the page stops saying "in progress" and offers to file it again."""
        if self.status != self.Status.BUILDING or self.requested_at is None:
            return False
        waited = timezone.now() - self.requested_at
        never_started = self.progress == 0 and waited > dt.timedelta(seconds=settings.PUFFA_QUEUED_STALE_SECONDS)
        return never_started or waited > dt.timedelta(seconds=settings.PUFFA_OUTBOX_STALE_SECONDS)

    @property
    def may_file_again(self) -> bool:
        return self.status == self.Status.FAILED or self.is_stale
