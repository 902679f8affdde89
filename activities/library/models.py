"""The resource library (§3.3) and needs analysis (§3.2).

The library is shared by every agency: the people who teach (the lecturers' group 讲师团, the navigator
service team 普法领航服务团, volunteers 志愿者) and courseware and teaching materials. The bureau curates it;
an agency's staff *propose* an entry, which stays visible only to that agency and the bureau until the
bureau accepts it (or declines it, with a reason). Only ``activities.library.services`` changes a status.

A needs analysis is an agency's periodic look at what its audiences need to learn, with the measures it
proposes; reviewers in scope reply to it.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from agencies.documents import StoredDocument, server_file_name
from agencies.models import Agency, Law, user_field
from agencies.vocabulary import Audience

__all__ = [
    "LibraryStatus",
    "ResourcePerson",
    "Material",
    "NeedsAnalysis",
    "NeedsAnalysisReply",
]


# The library's own states, written out as stored values and words on screen; only the TextChoices syntax is shared.
class LibraryStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed, awaiting the bureau")
    ACTIVE = "active", _("In the library")
    DECLINED = "declined", _("Declined")
    RETIRED = "retired", _("Retired")


class LibraryEntry(models.Model):
    """What people and materials share: who proposed or added them, and the bureau's decision."""

    Status = LibraryStatus

    status = models.CharField(_("status"), max_length=16, choices=LibraryStatus.choices, default=LibraryStatus.ACTIVE)
    # Optional links written out like Activity's and Campaign's: each names its own target, label, deletion rule and
    # reverse name.
    proposed_by_agency = models.ForeignKey(
        Agency,
        verbose_name=_("proposed by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Empty when the bureau added the entry itself."),
    )
    created_by = user_field(_("added by"))
    created_at = models.DateTimeField(_("added at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    decided_by = user_field(_("decided by"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decline_reason = models.TextField(_("reason for declining"), blank=True)

    class Meta:
        abstract = True

    @property
    def is_proposal(self) -> bool:
        return self.status in {LibraryStatus.PROPOSED, LibraryStatus.DECLINED}

    @property
    def is_pending(self) -> bool:
        return self.status == LibraryStatus.PROPOSED


class ResourcePerson(LibraryEntry):
    """A lecturer, navigator or volunteer in the library (普法人才库)."""

    class Kind(models.TextChoices):
        LECTURER = "lecturer", _("Lecturers' group member")
        NAVIGATOR = "navigator", _("Navigator service team member")
        VOLUNTEER = "volunteer", _("Volunteer")

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    name = models.CharField(_("full name"), max_length=50)
    unit = models.CharField(_("unit"), max_length=100, help_text=_("Where the person works, e.g. a law firm or court."))
    field_of_law = models.CharField(
        _("field of law"), max_length=100, help_text=_("What they teach, e.g. labour law, food safety.")
    )
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("email"), blank=True)
    note = models.TextField(_("note"), blank=True)
    # Which agencies used the person and when: the activities they took part in (the activity form offers
    # ``library.selectors.people_for_choice()``).
    activities = models.ManyToManyField(
        "activities.Activity", verbose_name=_("activities"), related_name="lecturers", blank=True
    )

    class Meta:
        verbose_name = _("resource person")
        verbose_name_plural = _("resource people")
        ordering = ["kind", "name", "pk"]
        indexes = [models.Index(fields=["status", "kind"], name="resourceperson_status_kind_idx")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="declined") | ~Q(decline_reason=""), name="resourceperson_declined_has_reason"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.unit}）"

    def get_absolute_url(self) -> str:
        return reverse("library:person", args=[self.pk])


def material_upload_to(instance: Material, filename: str) -> str:
    return server_file_name("library/materials")


class Material(LibraryEntry, StoredDocument):
    """Courseware or teaching material (课件、教材) anyone signed in may download."""

    class Kind(models.TextChoices):
        COURSEWARE = "courseware", _("Courseware")
        TEACHING_MATERIAL = "teaching", _("Teaching material")
        PUBLICITY = "publicity", _("Publicity material")

    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.COURSEWARE)
    laws = models.ManyToManyField(Law, verbose_name=_("laws covered"), blank=True, related_name="materials")
    audiences = models.JSONField(_("audiences"), default=list, blank=True)
    description = models.TextField(_("description"), blank=True)
    file = models.FileField(_("file"), upload_to=material_upload_to, max_length=200)

    class Meta:
        verbose_name = _("teaching material")
        verbose_name_plural = _("teaching materials")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "kind"], name="material_status_kind_idx")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="declined") | ~Q(decline_reason=""), name="material_declined_has_reason"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("library:material", args=[self.pk])

    def audience_labels(self) -> list[str]:
        return [str(Audience(value).label) for value in self.audiences if value in Audience.values]


def needs_upload_to(instance: NeedsAnalysis, filename: str) -> str:
    return server_file_name(f"needs/{instance.agency_id}")


class NeedsAnalysis(models.Model):
    """An agency's analysis of its audiences' legal needs for a period, and the measures it proposes (§3.2)."""

    # Choices and fields declared one by one as on every model: the parts of the year and the columns are this table's
    # own; a shared base would hide its shape.
    class Period(models.TextChoices):
        YEAR = "year", _("Whole year")
        H1 = "h1", _("First half")
        H2 = "h2", _("Second half")
        Q1 = "q1", _("First quarter")
        Q2 = "q2", _("Second quarter")
        Q3 = "q3", _("Third quarter")
        Q4 = "q4", _("Fourth quarter")

    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="needs_analyses"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    period = models.CharField(_("period"), max_length=8, choices=Period.choices, default=Period.YEAR)
    audiences = models.JSONField(_("audiences"), default=list)
    findings = models.TextField(_("needs found"), help_text=_("What the audiences need to know, and how it was found."))
    measures = models.TextField(_("proposed measures"))
    attachment = models.FileField(_("attachment"), upload_to=needs_upload_to, max_length=200, blank=True)
    attachment_name = models.CharField(_("attachment name"), max_length=255, blank=True)
    attachment_type = models.CharField(_("attachment type"), max_length=100, blank=True)
    attachment_size = models.PositiveBigIntegerField(_("attachment size"), null=True, blank=True)
    attachment_sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    # Who recorded it and when, in this table's own column names (created_by): moving onto agencies.models.Recorded
    # would rename the columns.
    created_by = user_field(_("recorded by"))
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("needs analysis")
        verbose_name_plural = _("needs analyses")
        ordering = ["-year", "agency", "period"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "year", "period"], name="needsanalysis_one_per_period"),
        ]
        indexes = [models.Index(fields=["year", "period"], name="needsanalysis_year_period_idx")]

    def __str__(self) -> str:
        return f"{self.agency} {self.year} {self.get_period_display()}"

    def get_absolute_url(self) -> str:
        return reverse("library:needs_detail", args=[self.pk])

    def audience_labels(self) -> list[str]:
        return [str(Audience(value).label) for value in self.audiences if value in Audience.values]


class NeedsAnalysisReply(models.Model):
    """A reviewer's reply to an analysis; the agency reads it on the analysis page."""

    analysis = models.ForeignKey(
        NeedsAnalysis, verbose_name=_("needs analysis"), on_delete=models.CASCADE, related_name="replies"
    )
    body = models.TextField(_("reply"))
    # Who replied and when, and the Meta below, declared as every model declares its own: the words are this table's.
    author = user_field(_("replied by"))
    created_at = models.DateTimeField(_("replied at"), auto_now_add=True)

    class Meta:
        verbose_name = _("reply to a needs analysis")
        verbose_name_plural = _("replies to needs analyses")
        ordering = ["analysis", "created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.analysis} · {self.author}"
