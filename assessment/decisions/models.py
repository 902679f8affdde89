"""What was decided after the year-end assessment (结果运用, §3(四), §4(三)): commendations of agencies and
people, and accountability measures against agencies.

Scoring ends with candidate lists (``assessment.selectors.RESULT_FILTERS``); these rows record what the
bureau decided, with its decision document. Unlike the published results they can be added and corrected
after publication. Only ``assessment.decisions.services`` changes a measure's status, and every step of it is
kept as a ``MeasureEvent``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from agencies.documents import StoredDocument, server_file_name
from agencies.models import Agency, Recorded, ReminderLog

from ..followup.models import FollowUp, FollowUpEvent, FollowUpEvidence, FollowUpResponse

__all__ = ["Commendation", "Measure", "MeasureResponse", "MeasureEvidence", "MeasureEvent", "DecisionNoticeKind"]


@ReminderLog.register_kinds
class DecisionNoticeKind(models.TextChoices):
    """Workflow notices of the decisions (see ``agencies.notices``): sent by the service that records the step."""

    MEASURE_RECORDED = "measure_recorded", _("Accountability measure recorded")
    MEASURE_ANSWERED = "measure_answered", _("Accountability measure answered (to the bureau)")


def decision_upload_to(instance: Commendation | Measure, filename: str) -> str:
    return server_file_name(f"decisions/{instance.agency_id}/{instance.year}")


class Commendation(Recorded, StoredDocument):
    """表彰: an agency, or a named person of an agency, commended for a year's legal-education work."""

    year = models.PositiveSmallIntegerField(_("year"))
    agency = models.ForeignKey(Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="commendations")
    person_name = models.CharField(
        _("person commended"),
        max_length=50,
        blank=True,
        help_text=_("Leave empty when the agency itself is commended."),
    )
    person_position = models.CharField(_("position"), max_length=100, blank=True)
    decided_on = models.DateField(_("decision date"))
    file = models.FileField(_("decision document"), upload_to=decision_upload_to, max_length=200)
    reason = models.TextField(_("reason"))

    class Meta:
        verbose_name = _("commendation")
        verbose_name_plural = _("commendations")
        ordering = ["-year", "-decided_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(person_name="") | Q(person_position=""), name="commendation_position_needs_person"
            ),
        ]
        indexes = [models.Index(fields=["year", "agency"], name="commendation_year_agency_idx")]

    def __str__(self) -> str:
        return f"{self.year} {self.person_name or self.agency}"

    @property
    def of_person(self) -> bool:
        return bool(self.person_name)


class Measure(FollowUp, StoredDocument):
    """问责措施: an accountability measure against an agency, followed up like a rectification: the agency
    answers by the deadline, the bureau closes it or sends it back."""

    class Kind(models.TextChoices):
        INTERVIEW = "interview", _("Admonitory talk")  # 约谈
        CIRCULAR = "circular", _("Circulated criticism")  # 通报
        RECTIFY = "rectify", _("Rectification within a time limit")  # 限期整改
        ACCOUNTABILITY = "accountability", _("Holding to account")  # 责任追究
        NO_HONOURS = "no_honours", _("Barred from commendations")  # 取消评先评优资格

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting the agency's answer")
        ANSWERED = "answered", _("Answered, awaiting review")
        RETURNED = "returned", _("Sent back")
        CLOSED = "closed", _("Closed")

    year = models.PositiveSmallIntegerField(_("year"))
    agency = models.ForeignKey(Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="measures")
    kind = models.CharField(_("measure"), max_length=16, choices=Kind.choices)
    decided_on = models.DateField(_("decision date"))
    deadline = models.DateField(_("answer deadline"))
    file = models.FileField(_("decision document"), upload_to=decision_upload_to, max_length=200)
    reason = models.TextField(_("reason"))
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PENDING)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("accountability measure")
        verbose_name_plural = _("accountability measures")
        ordering = ["-year", "-decided_on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(deadline__gte=F("decided_on")), name="measure_deadline_after_decision"),
        ]
        indexes = [
            models.Index(fields=["year", "agency"], name="measure_year_agency_idx"),
            models.Index(fields=["status", "deadline"], name="measure_status_deadline_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.agency} · {self.get_kind_display()}"

    def get_absolute_url(self) -> str:
        return reverse("decisions:measure", args=[self.pk])


# The steps and fields are shared in assessment.followup.models; the key to the follow-up and the names cannot be
# (Django names a foreign key per concrete model), so these rows stay written out.
class MeasureResponse(FollowUpResponse):
    measure = models.ForeignKey(
        Measure, verbose_name=_("accountability measure"), on_delete=models.CASCADE, related_name="responses"
    )

    class Meta:
        verbose_name = _("answer to a measure")
        verbose_name_plural = _("answers to measures")
        ordering = ["measure", "submitted_at", "pk"]

    def __str__(self) -> str:
        return f"{self.measure} · {self.submitted_at:%Y-%m-%d}"


def measure_evidence_upload_to(instance: MeasureEvidence, filename: str) -> str:
    return server_file_name(f"decisions/{instance.response.measure.agency_id}/answers")


class MeasureEvidence(FollowUpEvidence):
    response = models.ForeignKey(
        MeasureResponse, verbose_name=_("answer"), on_delete=models.CASCADE, related_name="evidence"
    )
    file = models.FileField(_("file"), upload_to=measure_evidence_upload_to, max_length=200)

    class Meta(FollowUpEvidence.Meta):
        verbose_name = _("evidence of an answer")
        verbose_name_plural = _("evidence of answers")


class MeasureEvent(FollowUpEvent):
    """The history of a measure: recorded, answered, sent back, closed."""

    class Action(models.TextChoices):
        RECORDED = "recorded", _("Measure recorded")
        ANSWERED = "answered", _("Answered")
        RETURNED = "returned", _("Sent back")
        CLOSED = "closed", _("Closed")

    measure = models.ForeignKey(
        Measure, verbose_name=_("accountability measure"), on_delete=models.CASCADE, related_name="events"
    )
    action = models.CharField(_("action"), max_length=16, choices=Action.choices)

    class Meta(FollowUpEvent.Meta):
        verbose_name = _("step of a measure")
        verbose_name_plural = _("steps of measures")
        ordering = ["measure", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.measure} · {self.get_action_display()}"
