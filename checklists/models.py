"""Responsibility checklists (普法责任清单, §3.1) and the annual cycle they are filed in.

A checklist is one *revision* of an agency's list for a year: revision 1 is the yearly filing, each
amendment is a new revision. Only ``checklists.services`` changes a checklist's status.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from agencies.models import Agency, Law, user_field
from agencies.vocabulary import ActivityType, Audience


class Checklist(models.Model):
    """One revision of an agency's responsibility checklist for a year."""

    # This table's own states and columns, declared one by one as on every model; a shared base would hide the table's
    # shape.
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        RETURNED = "returned", _("Returned")
        APPROVED = "approved", _("Approved")

    EDITABLE_STATUSES = frozenset({Status.DRAFT, Status.RETURNED})

    agency = models.ForeignKey(Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="checklists")
    year = models.PositiveSmallIntegerField(_("year"))
    revision = models.PositiveSmallIntegerField(_("revision"), default=1)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.DRAFT)
    # Links declared one by one: each names its own target, label, deletion rule and reverse name.
    based_on = models.ForeignKey(
        "self",
        verbose_name=_("amends"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="amendments",
        help_text=_("The approved revision this amendment changes."),
    )
    amendment_reason = models.TextField(_("reason for the amendment"), blank=True)
    first_submitted_at = models.DateTimeField(_("first submitted at"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = user_field(_("decided by"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), null=True, on_delete=models.PROTECT, related_name="+"
    )
    # Created and updated in this table's own column names: moving onto agencies.models.Recorded would rename the
    # columns.
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    # Meta written out as on every model: this table's own names, constraints and the indexes its pages read through.
    class Meta:
        verbose_name = _("responsibility checklist")
        verbose_name_plural = _("responsibility checklists")
        ordering = ["agency", "-year", "-revision"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "year", "revision"], name="checklist_one_per_revision"),
            models.CheckConstraint(condition=Q(revision__gte=1), name="checklist_revision_positive"),
            # Revision 1 is approved before an amendment can start, and an amendment is approved before the
            # next one: so at most one revision of a year is ever open, even when two requests race.
            models.UniqueConstraint(
                fields=["agency", "year"], condition=~Q(status="approved"), name="checklist_one_open_revision"
            ),
        ]
        indexes = [
            models.Index(fields=["year", "status"], name="checklist_year_status_idx"),
            models.Index(fields=["status", "submitted_at"], name="checklist_queue_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.agency} {self.year}（{self.revision}）"

    def get_absolute_url(self) -> str:
        return reverse("checklists:detail", args=[self.pk])

    @property
    def is_editable(self) -> bool:
        return self.status in self.EDITABLE_STATUSES

    @property
    def is_amendment(self) -> bool:
        return self.revision > 1


class ChecklistItem(models.Model):
    """One line of a checklist: what is taught, by whom, to whom, when, to what goal, how (§3.1)."""

    checklist = models.ForeignKey(
        Checklist, verbose_name=_("checklist"), on_delete=models.CASCADE, related_name="items"
    )
    # The same item across revisions: an amendment copies the key, so activities linked to an item keep
    # counting towards it after the amendment is approved.
    key = models.UUIDField(_("item key"), default=uuid.uuid4, editable=False)
    # In context: a bare "position" is a contact's job title (职务) in the merged catalogue.
    position = models.PositiveSmallIntegerField(pgettext_lazy("order", "position"), default=0)
    content = models.TextField(_("content"))
    laws = models.ManyToManyField(Law, verbose_name=_("laws covered"), blank=True, related_name="checklist_items")
    responsible_office = models.CharField(_("responsible office"), max_length=100)
    contact_person = models.CharField(_("contact person"), max_length=50)
    contact_phone = models.CharField(_("contact phone"), max_length=30, blank=True)
    audiences = models.JSONField(_("audiences"), default=list, help_text=_("Values of agencies.vocabulary.Audience."))
    audience_group = models.CharField(_("named group"), max_length=100, blank=True)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    goal = models.TextField(_("goal"))
    target_activities = models.PositiveIntegerField(_("planned activities"), default=0)
    target_people = models.PositiveIntegerField(_("planned people reached"), default=0)
    forms = models.JSONField(_("forms"), default=list, help_text=_("Values of agencies.vocabulary.ActivityType."))

    class Meta:
        verbose_name = _("checklist item")
        verbose_name_plural = _("checklist items")
        ordering = ["checklist", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["checklist", "key"], name="checklistitem_key_once_per_revision"),
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")), name="checklistitem_dates_ordered"
            ),
        ]
        indexes = [models.Index(fields=["key"], name="checklistitem_key_idx")]

    def __str__(self) -> str:
        return self.content[:40]

    @property
    def audience_labels(self) -> list[str]:
        return [str(Audience(value).label) for value in self.audiences if value in Audience.values]

    @property
    def form_labels(self) -> list[str]:
        return [str(ActivityType(value).label) for value in self.forms if value in ActivityType.values]


class ChecklistTransition(models.Model):
    """Every change of a checklist's status: who, when, from, to, and the comment."""

    checklist = models.ForeignKey(
        Checklist, verbose_name=_("checklist"), on_delete=models.CASCADE, related_name="transitions"
    )
    from_status = models.CharField(_("from"), max_length=16, choices=Checklist.Status.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=16, choices=Checklist.Status.choices)
    actor = user_field(_("by"))
    at = models.DateTimeField(_("at"))
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("checklist transition")
        verbose_name_plural = _("checklist transitions")
        ordering = ["checklist", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.checklist}: {self.from_status} → {self.to_status}"
