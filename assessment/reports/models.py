"""Documents built by a worker through the outbox: an agency's drafted annual report (one per agency and year,
downloaded, edited by the clerk and filed as the year-end report, ``AnnualFiling``), and the district's
documents of a year (the district report for the bureau, the leader's one-page brief)."""

from __future__ import annotations

import datetime as dt
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency, user_field

__all__ = ["DistrictDocument", "ReportDraft"]


def report_upload_to(instance: ReportDraft, filename: str) -> str:
    """A server-made name: the download is named from the agency and year, never from this."""
    return f"report-drafts/{instance.agency_id}/{instance.year}-{uuid.uuid4().hex}.docx"


class BuiltDocument(models.Model):
    """What every document built by a worker has: its status and progress, its file, who asked and when."""

    # A document's own states; a scoring run's differ (it is queued first), so the lists stay apart.
    class Status(models.TextChoices):
        BUILDING = "building", _("Building")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    year = models.PositiveSmallIntegerField(_("year"))
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.BUILDING)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    error = models.TextField(_("error"), blank=True)
    requested_by = user_field(_("requested by"))
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    built_at = models.DateTimeField(_("built at"), null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def is_stale(self) -> bool:
        """Still "building" long after it was asked for: nobody is building it, so it may be asked for again."""
        if self.status != self.Status.BUILDING:
            return False
        waited = timezone.now() - self.requested_at
        never_started = self.progress == 0 and waited > dt.timedelta(seconds=settings.PUFFA_QUEUED_STALE_SECONDS)
        return never_started or waited > dt.timedelta(seconds=settings.PUFFA_OUTBOX_STALE_SECONDS)

    @property
    def is_building(self) -> bool:
        return self.status == self.Status.BUILDING and not self.is_stale


class ReportDraft(BuiltDocument):
    """The draft of an agency's annual report for a year; drafting again replaces it."""

    agency = models.ForeignKey(Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="report_drafts")
    file = models.FileField(_("file"), upload_to=report_upload_to, max_length=200, blank=True)

    # Meta written out per model: its names, order and constraints are this table's own, not a shared shape.
    class Meta:
        verbose_name = _("annual report draft")
        verbose_name_plural = _("annual report drafts")
        ordering = ["-year", "agency"]
        constraints = [models.UniqueConstraint(fields=["agency", "year"], name="reportdraft_one_per_year")]

    def __str__(self) -> str:
        return f"{self.agency} {self.year}"


def district_upload_to(instance: DistrictDocument, filename: str) -> str:
    extension = "pdf" if instance.kind == DistrictDocument.Kind.BRIEF else "docx"
    return f"district-documents/{instance.year}-{instance.kind}-{uuid.uuid4().hex}.{extension}"


class DistrictDocument(BuiltDocument):
    """A document about the whole district for a year: the district report (全区普法责任制落实情况报告, .docx, for
    the bureau) or the leader's one-page brief (PDF, for leadership and the bureau). Asking again replaces it."""

    class Kind(models.TextChoices):
        REPORT = "report", _("District report")
        BRIEF = "brief", _("Leader's brief")

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    file = models.FileField(_("file"), upload_to=district_upload_to, max_length=200, blank=True)

    # Meta written out per model: its names, order and constraints are this table's own, not a shared shape.
    class Meta:
        verbose_name = _("district document")
        verbose_name_plural = _("district documents")
        ordering = ["-year", "kind"]
        constraints = [models.UniqueConstraint(fields=["kind", "year"], name="districtdocument_one_per_year")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.year}"
