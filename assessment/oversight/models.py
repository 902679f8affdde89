"""Annual plans and reports (§4.1), joint meetings (§4.2) and inspections with rectifications (§4.3).

Only ``assessment.oversight.services`` changes a rectification's status, and every step of it is kept
as a ``RectificationEvent``: who, when, what they said.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from agencies.documents import StoredDocument, UploadedDocument, server_file_name
from agencies.models import Agency, Filed, Recorded

from ..followup.models import FollowUp, FollowUpEvent, FollowUpEvidence, FollowUpResponse

__all__ = [
    "AnnualFiling",
    "JointMeeting",
    "JointMeetingAttachment",
    "Inspection",
    "Finding",
    "RectificationResponse",
    "RectificationEvidence",
    "RectificationEvent",
]


def filing_upload_to(instance: AnnualFiling, filename: str) -> str:
    return server_file_name(f"filings/{instance.agency_id}/{instance.year}")


class AnnualFiling(Filed, StoredDocument):
    """An agency's yearly plan or year-end work report (年度普法工作计划 / 年度工作总结), filed as a document."""

    class Kind(models.TextChoices):
        PLAN = "plan", _("Annual plan")
        REPORT = "report", _("Year-end work report")

    agency = models.ForeignKey(Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="filings")
    year = models.PositiveSmallIntegerField(_("year"))
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    head_responsible = models.CharField(
        _("head responsible"),
        max_length=50,
        help_text=_("The agency's principal leader, first responsible for legal education (一把手)."),
    )
    funding = models.DecimalField(
        _("budgeted legal-education funding (yuan)"), max_digits=12, decimal_places=2, default=0
    )
    file = models.FileField(_("document"), upload_to=filing_upload_to, max_length=200)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("annual plan or report")
        verbose_name_plural = _("annual plans and reports")
        ordering = ["-year", "agency", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "year", "kind"], name="annualfiling_one_per_kind_and_year"),
            models.CheckConstraint(condition=Q(funding__gte=0), name="annualfiling_funding_not_negative"),
        ]
        indexes = [models.Index(fields=["year", "kind"], name="annualfiling_year_kind_idx")]

    def __str__(self) -> str:
        return f"{self.agency} {self.year} {self.get_kind_display()}"


class JointMeeting(Recorded):
    """A meeting of the district's legal-education leading group (领导小组联席会议, §4.2)."""

    held_on = models.DateField(_("date"))
    title = models.CharField(_("title"), max_length=200)
    place = models.CharField(_("place"), max_length=200, blank=True)
    attendees = models.TextField(_("attendees"), help_text=_("Who attended: names and positions."))
    agencies = models.ManyToManyField(
        Agency, verbose_name=_("agencies taking part"), related_name="joint_meetings", blank=True
    )
    reporting_agencies = models.ManyToManyField(
        Agency, verbose_name=_("agencies that reported"), related_name="joint_meeting_reports", blank=True
    )
    minutes = models.TextField(_("minutes"))
    cited_practices = models.ManyToManyField(
        "assessment.GoodPractice",
        verbose_name=_("good practices cited"),
        related_name="cited_in",
        blank=True,
        help_text=_("Good practices presented or recommended at the meeting."),
    )

    # Meta written out per model: its names, order and constraints are this table's own, not a shared shape.
    class Meta:
        verbose_name = _("joint meeting")
        verbose_name_plural = _("joint meetings")
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("oversight:meeting", args=[self.pk])


def meeting_upload_to(instance: JointMeetingAttachment, filename: str) -> str:
    return server_file_name("meetings")


class JointMeetingAttachment(UploadedDocument):
    meeting = models.ForeignKey(
        JointMeeting, verbose_name=_("joint meeting"), on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(_("file"), upload_to=meeting_upload_to, max_length=200)

    class Meta:
        verbose_name = _("meeting attachment")
        verbose_name_plural = _("meeting attachments")
        ordering = ["meeting", "pk"]

    def __str__(self) -> str:
        return self.original_name


class Inspection(Recorded):
    """A supervision of how agencies carry out the system (§4.3): by deputies, CPPCC members, media, or on site."""

    class Kind(models.TextChoices):
        DEPUTIES = "deputies", _("People's congress deputies")
        CPPCC = "cppcc", _("CPPCC members")
        MEDIA = "media", _("News media")
        ON_SITE = "on_site", _("On-site review")

    held_on = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    inspectors = models.CharField(_("inspectors"), max_length=200, blank=True, help_text=_("Who inspected."))
    agencies = models.ManyToManyField(Agency, verbose_name=_("agencies inspected"), related_name="inspections")
    summary = models.TextField(_("overall situation"), blank=True)

    # Meta written out per model: its names, order and constraints are this table's own, not a shared shape.
    class Meta:
        verbose_name = _("inspection")
        verbose_name_plural = _("inspections")
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("oversight:inspection", args=[self.pk])


class Finding(FollowUp):
    """What an inspection found at one agency; it may require rectification (整改) by a deadline."""

    class Status(models.TextChoices):
        NONE = "none", _("No rectification required")
        PENDING = "pending", _("Awaiting rectification")
        ANSWERED = "answered", _("Answered, awaiting review")
        RETURNED = "returned", _("Sent back")
        ACCEPTED = "accepted", _("Rectification accepted")

    inspection = models.ForeignKey(
        Inspection, verbose_name=_("inspection"), on_delete=models.CASCADE, related_name="findings"
    )
    agency = models.ForeignKey(Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="findings")
    description = models.TextField(_("finding"))
    requires_rectification = models.BooleanField(_("requires rectification"), default=False)
    deadline = models.DateField(_("rectification deadline"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.NONE)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )

    # Meta written out per model: its names, order and constraints are this table's own, not a shared shape.
    class Meta:
        verbose_name = _("finding")
        verbose_name_plural = _("findings")
        ordering = ["inspection", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(requires_rectification=False, deadline__isnull=True, status="none")
                | (Q(requires_rectification=True, deadline__isnull=False) & ~Q(status="none")),
                name="finding_rectification_has_deadline",
            ),
        ]
        indexes = [models.Index(fields=["status", "deadline"], name="finding_status_deadline_idx")]

    def __str__(self) -> str:
        return f"{self.agency} · {self.description[:30]}"

    def get_absolute_url(self) -> str:
        return reverse("oversight:rectification", args=[self.pk])


# The steps and fields are shared in assessment.followup.models; the key to the follow-up and the names cannot be
# (Django names a foreign key per concrete model), so these rows stay written out.
class RectificationResponse(FollowUpResponse):
    finding = models.ForeignKey(Finding, verbose_name=_("finding"), on_delete=models.CASCADE, related_name="responses")

    class Meta:
        verbose_name = _("rectification answer")
        verbose_name_plural = _("rectification answers")
        ordering = ["finding", "submitted_at", "pk"]

    def __str__(self) -> str:
        return f"{self.finding} · {self.submitted_at:%Y-%m-%d}"


def rectification_upload_to(instance: RectificationEvidence, filename: str) -> str:
    return server_file_name(f"rectifications/{instance.response.finding.agency_id}")


class RectificationEvidence(FollowUpEvidence):
    response = models.ForeignKey(
        RectificationResponse, verbose_name=_("answer"), on_delete=models.CASCADE, related_name="evidence"
    )
    file = models.FileField(_("file"), upload_to=rectification_upload_to, max_length=200)

    class Meta(FollowUpEvidence.Meta):
        verbose_name = _("rectification evidence")
        verbose_name_plural = _("rectification evidence")


class RectificationEvent(FollowUpEvent):
    """The history of a rectification: required, answered, sent back, accepted."""

    class Action(models.TextChoices):
        REQUIRED = "required", _("Rectification required")
        ANSWERED = "answered", _("Answered")
        RETURNED = "returned", _("Sent back")
        ACCEPTED = "accepted", _("Accepted")

    finding = models.ForeignKey(Finding, verbose_name=_("finding"), on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("action"), max_length=16, choices=Action.choices)

    class Meta(FollowUpEvent.Meta):
        verbose_name = _("rectification step")
        verbose_name_plural = _("rectification steps")
        ordering = ["finding", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.finding} · {self.get_action_display()}"
