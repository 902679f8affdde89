"""The base of Puffa: filing offices, responsible agencies, the law catalogue and users (docs/domain.md)."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import ClassVar
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .validators import validate_credit_code


def user_field(verbose_name: str, **options) -> models.ForeignKey:
    """The user who did something to a row (recorded, uploaded, decided it). An account that did something is never
    deleted under the record of it (PROTECT), and a user has no reverse accessor for it (``related_name="+"``)."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=verbose_name, on_delete=models.PROTECT, related_name="+", **options
    )


class Recorded(models.Model):
    """A row someone keeps a record of (记录): who recorded it, when, and when it last changed."""

    recorded_by = user_field(_("recorded by"))
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True


class Filed(models.Model):
    """A document or list an agency reports (报送) to the bureau: who reported it and when."""

    filed_by = user_field(_("reported by"))
    filed_at = models.DateTimeField(_("reported at"))

    class Meta:
        abstract = True


class FilingOffice(models.Model):
    """Where checklists are filed (§3.1): the district bureau, or a town/street judicial office."""

    class Kind(models.TextChoices):
        DISTRICT_BUREAU = "district", _("District legal-education department")
        TOWN_OFFICE = "town", _("Town/street judicial office")

    name = models.CharField(_("name"), max_length=100, unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        # Meta written out as on every model: this table's own names, order and constraints.
        verbose_name = _("filing office")
        verbose_name_plural = _("filing offices")
        ordering = ["sort_order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind"], condition=Q(kind="district"), name="filingoffice_one_district_bureau"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_district_bureau(self) -> bool:
        return self.kind == self.Kind.DISTRICT_BUREAU


class Law(models.Model):
    """An entry of the law catalogue (法律法规); its dates drive anniversary campaigns (§2.2)."""

    # This table's own choice list, written out: the stored values and the words on screen; only the TextChoices
    # syntax is shared.
    class Kind(models.TextChoices):
        LAW = "law", _("Law")
        ADMINISTRATIVE_REGULATION = "admin_regulation", _("Administrative regulation")
        LOCAL_REGULATION = "local_regulation", _("Local regulation")
        RULE = "rule", _("Rule")
        OTHER = "other", _("Other")

    title = models.CharField(_("title"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.LAW)
    issuing_body = models.CharField(_("issuing body"), max_length=100, blank=True)
    promulgated_on = models.DateField(_("promulgation date"), null=True, blank=True)
    effective_on = models.DateField(_("effective date"), null=True, blank=True)

    class Meta:
        verbose_name = _("law or regulation")
        verbose_name_plural = _("laws and regulations")
        ordering = ["kind", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(effective_on__isnull=True)
                | Q(promulgated_on__isnull=True)
                | Q(effective_on__gte=models.F("promulgated_on")),
                name="law_effective_not_before_promulgation",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("agencies:law_edit", args=[self.pk])


class Agency(models.Model):
    """A responsible agency (责任主体, §1.3)."""

    # This table's own choice lists, written out: the stored values and the words on screen; only the TextChoices
    # syntax is shared.
    class Type(models.TextChoices):
        GOVERNMENT = "government", _("Government or government department")
        JUDICIAL = "judicial", _("Judicial organ")
        AUTHORIZED = "authorized", _("Organisation with enforcement powers granted by law")
        PARTY = "party", _("Party department")
        PEOPLES_ORGANISATION = "people_org", _("People's organisation")
        ENTERPRISE = "enterprise", _("Enterprise or public institution")
        SOCIAL_ORGANISATION = "social_org", _("Social organisation")

    class Level(models.TextChoices):
        DISTRICT = "district", _("District level")
        TOWN = "town", _("Town/street level")

    # Types whose party group or executive meeting must hold the yearly study minimum by default (§2.1).
    STUDY_MINIMUM_TYPES = frozenset({Type.GOVERNMENT, Type.JUDICIAL})

    name = models.CharField(_("name"), max_length=100, unique=True)
    short_name = models.CharField(_("short name"), max_length=30, blank=True)
    code = models.CharField(
        _("unified social credit code"),
        max_length=18,
        blank=True,
        validators=[validate_credit_code],
        help_text=_("18 characters (GB 32100); leave empty if not known."),
    )
    agency_type = models.CharField(_("type"), max_length=16, choices=Type.choices)
    level = models.CharField(_("level"), max_length=16, choices=Level.choices, default=Level.DISTRICT)
    # Links declared one by one: each names its own target, label, deletion rule and reverse name, which a helper
    # would only move into arguments.
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent agency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="subordinates",
    )
    filing_office = models.ForeignKey(
        FilingOffice, verbose_name=_("filing office"), on_delete=models.PROTECT, related_name="agencies"
    )
    subject_to_study_minimum = models.BooleanField(
        _("subject to the study minimum"),
        default=True,
        help_text=_("Whether its party group or executive meeting must hold the yearly minimum of study sessions."),
    )
    laws = models.ManyToManyField(Law, verbose_name=_("laws enforced"), blank=True, related_name="agencies")
    address = models.CharField(_("address"), max_length=200, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        ordering = ["level", "name"]
        constraints = [
            models.UniqueConstraint(fields=["code"], condition=~Q(code=""), name="agency_code_unique"),
            models.CheckConstraint(condition=~Q(parent=models.F("pk")), name="agency_not_own_parent"),
        ]
        indexes = [
            models.Index(fields=["filing_office", "level"], name="agency_office_level_idx"),
            # The list's order: a page of agencies is read from the index, not sorted out of all of them.
            models.Index(fields=["level", "name"], name="agency_level_name_idx"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("agencies:detail", args=[self.pk])

    @property
    def display_name(self) -> str:
        return self.short_name or self.name

    @classmethod
    def default_study_minimum(cls, agency_type: str) -> bool:
        return agency_type in cls.STUDY_MINIMUM_TYPES

    def clean(self) -> None:
        errors = {}
        if self.filing_office_id and self.level:
            office = self.filing_office
            if self.level == self.Level.DISTRICT and not office.is_district_bureau:
                errors["filing_office"] = _("A district-level agency files with the district bureau.")
            if self.level == self.Level.TOWN and office.is_district_bureau:
                errors["filing_office"] = _("A town/street-level agency files with its town or street judicial office.")
        if self.parent_id and self.pk:
            ancestor, seen = self.parent, set()
            while ancestor is not None and ancestor.pk not in seen:
                if ancestor.pk == self.pk:
                    errors["parent"] = _("An agency cannot be placed under itself or one of its own units.")
                    break
                seen.add(ancestor.pk)
                ancestor = ancestor.parent
        if errors:
            raise ValidationError(errors)


class AgencyContact(models.Model):
    """A person reminders and notices for an agency are sent to."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="contacts", verbose_name=_("agency"))
    name = models.CharField(_("name"), max_length=50)
    position = models.CharField(_("position"), max_length=50, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("email"), blank=True)
    is_primary = models.BooleanField(_("primary contact"), default=False)

    class Meta:
        # Meta written out as on every model: this table's own names and order.
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["-is_primary", "name"]

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    """A Puffa account. What it may see and change follows from its role (see ``agencies.access``)."""

    # This table's own choice list, written out; only the TextChoices syntax is shared with the others.
    class Role(models.TextChoices):
        STAFF = "staff", _("Agency staff")
        REVIEWER = "reviewer", _("Filing office reviewer")
        BUREAU_ADMIN = "bureau_admin", _("Bureau administrator")
        LEADERSHIP = "leadership", _("Leadership")

    name = models.CharField(_("full name"), max_length=50, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.STAFF)
    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), null=True, blank=True, on_delete=models.PROTECT, related_name="staff"
    )
    filing_office = models.ForeignKey(
        FilingOffice,
        verbose_name=_("filing office"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reviewers",
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.CheckConstraint(
                condition=~Q(role="staff") | Q(agency__isnull=False) | Q(is_superuser=True),
                name="user_staff_has_agency",
            ),
            models.CheckConstraint(
                condition=~Q(role="reviewer") | Q(filing_office__isnull=False),
                name="user_reviewer_has_office",
            ),
        ]

    def __str__(self) -> str:
        return self.name or self.username

    def clean(self) -> None:
        """The role's constraints as form errors (the admin's and the bureau's forms), never an IntegrityError."""
        super().clean()
        errors = {}
        if self.role == self.Role.STAFF and not self.agency_id and not self.is_superuser:
            errors["agency"] = _("Agency staff must belong to an agency.")
        if self.role == self.Role.REVIEWER and not self.filing_office_id:
            errors["filing_office"] = _("A reviewer must belong to a filing office.")
        if errors:
            raise ValidationError(errors)

    @property
    def display_name(self) -> str:
        return self.name or self.username

    @property
    def is_agency_staff(self) -> bool:
        return self.role == self.Role.STAFF and self.agency_id is not None

    @property
    def is_reviewer(self) -> bool:
        return self.role == self.Role.REVIEWER

    @property
    def is_bureau_admin(self) -> bool:
        return self.role == self.Role.BUREAU_ADMIN or self.is_superuser

    @property
    def is_leadership(self) -> bool:
        return self.role == self.Role.LEADERSHIP and not self.is_superuser


class ReminderLog(models.Model):
    """One reminder or workflow notice sent (docs/domain.md, "Reminders"): to an agency, or a digest to an
    office's reviewers or the bureau.

    The database keeps each (agency, kind, period, stage) once, so a repeated or redelivered daily run
    sends nothing twice. The rules that decide what is due live in the apps that own their facts
    (``checklists.reminders``, ``activities.reminders``, ``agencies.reminders``); ``puffa.reminders``
    runs them and writes these rows.
    """

    # Each app names its own kinds in its reminders module (a ``TextChoices`` under ``register_kinds``, imported
    # by its AppConfig.ready), so a kind added by a later app needs no migration here: value → label.
    kinds: ClassVar[dict[str, str]] = {}

    # Declared field by field like Notification's: each link says its own deletion rule, reverse name and help; a
    # shared base would hide the table's shape.
    agency = models.ForeignKey(
        Agency,
        verbose_name=_("agency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reminders",
        help_text=_("Empty for a digest to reviewers or to the bureau."),
    )
    filing_office = models.ForeignKey(
        FilingOffice,
        verbose_name=_("filing office"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="digests",
        help_text=_("The office whose reviewers a digest went to."),
    )
    kind = models.CharField(_("kind"), max_length=24)
    # In context: a bare "period" is a needs analysis's part of the year (时段) in the merged catalogue.
    period = models.CharField(
        pgettext_lazy("reminder", "period"), max_length=16, help_text=_("The year the reminder is about.")
    )
    stage = models.CharField(_("stage"), max_length=32)
    due_on = models.DateField(_("due on"), help_text=_("The day the stage was due to go out."))
    sent_on = models.DateField(_("sent on"))
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("text"), blank=True)
    url = models.CharField(_("link"), max_length=300, blank=True)
    notified = models.PositiveIntegerField(_("in-app recipients"), default=0)
    emailed = models.PositiveIntegerField(_("email recipients"), default=0)
    sent_by = user_field(
        _("sent by"), null=True, blank=True, help_text=_("Who reminded the agency by hand; empty for the daily run.")
    )
    # The run that wrote the row: when two runs race, each notifies only for the rows it inserted.
    batch = models.UUIDField(_("batch"), editable=False)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")
        ordering = ["-sent_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "kind", "period", "stage"],
                condition=Q(agency__isnull=False),
                name="reminderlog_once_per_agency_stage",
            ),
            models.UniqueConstraint(
                fields=["filing_office", "kind", "period", "stage"],
                condition=Q(agency__isnull=True),
                name="reminderlog_once_per_office_stage",
            ),
            models.CheckConstraint(
                condition=Q(agency__isnull=False) | Q(filing_office__isnull=False),
                name="reminderlog_has_agency_or_office",
            ),
        ]
        indexes = [
            models.Index(fields=["period", "kind", "stage"], name="reminderlog_stage_idx"),
            models.Index(fields=["batch"], name="reminderlog_batch_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.period} {self.stage}"

    def get_kind_display(self) -> str:
        return self.kinds.get(self.kind, self.kind)

    @classmethod
    def register_kinds(cls, kinds: type[models.TextChoices]) -> type[models.TextChoices]:
        """A class decorator for an app's ``Kind``: its values and labels become kinds of reminder."""
        cls.kinds.update(kinds.choices)
        return kinds


class Notification(models.Model):
    """A message in one user's inbox; it links to what it is about."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    # Declared field by field like ReminderLog's: each link says its own deletion rule, reverse name and help; a
    # shared base would hide the table's shape.
    agency = models.ForeignKey(
        Agency,
        verbose_name=_("agency"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("The agency it is about, if any."),
    )
    reminder = models.ForeignKey(
        ReminderLog,
        verbose_name=_("reminder"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"), blank=True)
    url = models.CharField(_("link"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "reminder"],
                condition=Q(reminder__isnull=False),
                name="notification_once_per_reminder",
            ),
        ]
        indexes = [
            models.Index(fields=["recipient", "read_at"], name="notification_unread_idx"),
            models.Index(fields=["recipient", "-created_at"], name="notification_inbox_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


DEFAULT_STUDY_MINIMUM = 2


def default_filing_deadline(year: int) -> dt.date:
    """The last day of February: checklists are filed "before March" (§3.1 每年三月份前)."""
    return dt.date(year, 3, 1) - dt.timedelta(days=1)


class AnnualCycle(models.Model):
    """A year the bureau has opened (年度设置) and what it set for it: the filing deadline and the study
    minimum (the rubric hangs on it in ``assessment``). A year exists only once opened: see ``agencies.years``."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    filing_deadline = models.DateField(
        _("filing deadline"),
        help_text=_(
            "The last day on which a checklist is filed on time (Asia/Shanghai). Default: the last day of February."
        ),
    )
    # Fields declared one by one with their own words; the likeness to other models' fields is Django's field syntax,
    # not a shared rule.
    study_minimum = models.PositiveSmallIntegerField(
        _("study minimum"),
        default=DEFAULT_STUDY_MINIMUM,
        help_text=_("Concentrated study sessions an agency subject to the minimum must hold in the year."),
    )

    class Meta:
        verbose_name = _("annual cycle")
        verbose_name_plural = _("annual cycles")
        ordering = ["-year"]
        constraints = [
            models.CheckConstraint(condition=Q(study_minimum__gte=0), name="annualcycle_study_minimum_not_negative"),
        ]

    def __str__(self) -> str:
        return str(self.year)

    @property
    def late_from(self) -> dt.datetime:
        """The first instant at which a submission is late: 00:00 the day after the deadline, Asia/Shanghai."""
        next_day = self.filing_deadline + dt.timedelta(days=1)
        return dt.datetime.combine(next_day, dt.time.min, tzinfo=ZoneInfo(settings.TIME_ZONE))


class FormSubmission(models.Model):
    """A create form's one-time token, claimed in the transaction that creates (agencies.submissions).

    A double click posts the same token twice: the second post finds the first's record and is sent to what
    it created instead of creating it again.
    """

    token = models.UUIDField(_("token"), unique=True)
    user = models.ForeignKey(User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    result_url = models.CharField(_("result"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("form submission")
        verbose_name_plural = _("form submissions")

    def __str__(self) -> str:
        return str(self.token)


class OutboxJob(models.Model):
    """Work that must happen after a change commits (build an archive, score a year, send an email), written in
    the change's own transaction and run by a worker (agencies.outbox): lost neither to a broker that was down
    when the change committed, nor to a worker that died while running it."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        RUNNING = "running", pgettext_lazy("background job", "Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    handler = models.CharField(_("handler"), max_length=120)
    arguments = models.JSONField(_("arguments"), default=dict)
    # At most one waiting or running job per key: filing an archive again does not build it twice at once.
    key = models.CharField(_("key"), max_length=120, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    run_after = models.DateTimeField(_("run after"), default=timezone.now)
    dispatched_at = models.DateTimeField(_("sent to the worker at"), null=True, blank=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")
        indexes = [models.Index(fields=["status", "run_after"], name="outboxjob_due_idx")]

    def __str__(self) -> str:
        return f"{self.handler} #{self.pk} ({self.status})"


class ReminderEmail(models.Model):
    """One reminder's email to one address: marked "sending" before the mail server is spoken to and "sent" once
    it accepts, so a redelivered job never sends it twice (puffa.reminders.reminder_email_send)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        # This table's own states, written out; only the TextChoices syntax is shared with OutboxJob's and
        # ImportJob's.
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        UNCERTAIN = "uncertain", _("Interrupted while sending; not sent again")

    reminder = models.ForeignKey(
        ReminderLog, verbose_name=_("reminder"), on_delete=models.CASCADE, related_name="emails"
    )
    address = models.EmailField(_("address"))
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PENDING)
    changed_at = models.DateTimeField(_("changed at"), default=timezone.now)

    class Meta:
        verbose_name = _("reminder email")
        verbose_name_plural = _("reminder emails")
        constraints = [
            models.UniqueConstraint(fields=["reminder", "address"], name="reminderemail_once_per_address"),
        ]

    def __str__(self) -> str:
        return f"{self.address}: {self.status}"


def import_upload_to(instance: ImportJob, filename: str) -> str:
    """A server-made name: the uploaded file's own name is never used as a path."""
    return f"imports/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.xlsx"


class ImportJob(models.Model):
    """A large spreadsheet import handed to a worker (agencies.import_jobs): the stored file, what imports it,
    and its outcome, shown to the uploader on a progress page. All rows are imported or none."""

    class Status(models.TextChoices):
        WAITING = "waiting", _("Waiting")
        DONE = "done", pgettext_lazy("spreadsheet import", "Imported")
        REFUSED = "refused", pgettext_lazy("spreadsheet import", "Refused")
        FAILED = "failed", _("Failed")

    # The service that imports the file: a dotted path called with ``upload`` and ``arguments``.
    handler = models.CharField(_("handler"), max_length=120)
    arguments = models.JSONField(_("arguments"), default=dict)
    file = models.FileField(_("file"), upload_to=import_upload_to, max_length=200)
    title = models.CharField(_("title"), max_length=200)
    done_url = models.CharField(_("page after the import"), max_length=200)
    form_url = models.CharField(_("import page"), max_length=200)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.WAITING)
    rows = models.PositiveIntegerField(_("rows in the file"), default=0)
    imported = models.PositiveIntegerField(_("rows imported"), default=0)
    # Each bad row as [row number, reason]; with any, nothing was imported.
    row_errors = models.JSONField(_("bad rows"), default=list, blank=True)
    error = models.TextField(_("error"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), on_delete=models.CASCADE, related_name="+"
    )
    requested_at = models.DateTimeField(_("uploaded at"), default=timezone.now)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("spreadsheet import")
        verbose_name_plural = _("spreadsheet imports")

    def __str__(self) -> str:
        return self.title

    @property
    def is_stale(self) -> bool:
        """Still waiting long after the upload: no worker is running it, so the page stops saying "in progress"
        and offers the upload again (which withdraws this one, agencies.import_jobs)."""
        if self.status != self.Status.WAITING:
            return False
        waited = timezone.now() - self.requested_at
        never_started = self.started_at is None and waited > dt.timedelta(seconds=settings.PUFFA_QUEUED_STALE_SECONDS)
        return never_started or waited > dt.timedelta(seconds=settings.PUFFA_OUTBOX_STALE_SECONDS)

    @property
    def in_progress(self) -> bool:
        return self.status == self.Status.WAITING and not self.is_stale
