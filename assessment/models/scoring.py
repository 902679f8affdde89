"""Rubrics, indicators and scores for the year-end assessment (考核评价, §3.4, §4.3).

A year's ``Rubric`` hangs on its ``AnnualCycle``: the indicators with their weights, the grade thresholds,
and whether the year's results are published (then frozen). A ``ScoringRun`` computes the automatic and
imported indicators into ``Score`` rows; reviewers set manual scores and adjustments on the same rows, each
change kept as a ``ScoreChange``. ``Result`` is each agency's total, grade and ranks. Only
``assessment.services`` writes any of them.
"""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from agencies.models import Agency, AnnualCycle, user_field

__all__ = [
    "Grade",
    "Indicator",
    "Light",
    "Result",
    "Rubric",
    "Score",
    "ScoreChange",
    "ScoringRun",
    "SelfAssessment",
    "SurveyResult",
]

ONE_DECIMAL = {"max_digits": 4, "decimal_places": 1}


class Grade(models.TextChoices):
    EXCELLENT = "excellent", _("Excellent")
    GOOD = "good", _("Good")
    PASS = "pass", _("Pass")
    FAIL = "fail", _("Fail")


class Light(models.TextChoices):
    """The traffic light leadership reads at a glance."""

    GREEN = "green", _("Green")
    YELLOW = "yellow", _("Yellow")
    RED = "red", _("Red")


class Rubric(models.Model):
    """The year's assessment: indicators, grade thresholds, and whether the results are published."""

    cycle = models.OneToOneField(
        AnnualCycle, verbose_name=_("annual cycle"), on_delete=models.PROTECT, related_name="rubric"
    )
    excellent_from = models.DecimalField(_("excellent from"), default=Decimal(90), **ONE_DECIMAL)
    good_from = models.DecimalField(_("good from"), default=Decimal(75), **ONE_DECIMAL)
    pass_from = models.DecimalField(_("pass from"), default=Decimal(60), **ONE_DECIMAL)
    # When the indicators or thresholds last changed: results computed before then are out of date.
    changed_at = models.DateTimeField(_("changed at"), auto_now_add=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    published_by = user_field(_("published by"), null=True, blank=True)

    class Meta:
        verbose_name = _("assessment rubric")
        verbose_name_plural = _("assessment rubrics")
        ordering = ["-cycle__year"]
        constraints = [
            models.CheckConstraint(
                condition=Q(pass_from__gte=0)
                & Q(good_from__gte=F("pass_from"))
                & Q(excellent_from__gte=F("good_from"))
                & Q(excellent_from__lte=100),
                name="rubric_thresholds_ordered",
            ),
        ]

    def __str__(self) -> str:
        return str(self.cycle)

    @property
    def year(self) -> int:
        return self.cycle.year

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class Indicator(models.Model):
    """One line of the rubric. Automatic and imported indicators are computed by the rule named by ``code``."""

    class Method(models.TextChoices):
        AUTOMATIC = "automatic", _("Automatic")
        IMPORTED = "imported", _("Imported")
        MANUAL = "manual", _("Reviewer's score")

    rubric = models.ForeignKey(Rubric, verbose_name=_("rubric"), on_delete=models.CASCADE, related_name="indicators")
    code = models.SlugField(_("code"), max_length=32)
    name = models.CharField(_("name"), max_length=100)
    weight = models.DecimalField(_("weight"), **ONE_DECIMAL)
    method = models.CharField(_("method"), max_length=16, choices=Method.choices)
    # In context: a bare "position" is a contact's job title (职务) in the merged catalogue.
    position = models.PositiveSmallIntegerField(pgettext_lazy("order", "position"), default=0)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["rubric", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["rubric", "code"], name="indicator_code_once_per_rubric"),
            models.CheckConstraint(condition=Q(weight__gt=0) & Q(weight__lte=100), name="indicator_weight_range"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_manual(self) -> bool:
        return self.method == self.Method.MANUAL


def self_assessment_upload_to(instance: SelfAssessment, filename: str) -> str:
    """A server-made name: the uploaded name is kept in ``evidence_name``, never used on disk."""
    return f"self-assessment/{instance.agency_id}/{uuid.uuid4().hex}"


class SelfAssessment(models.Model):
    """An agency's own score and account for one indicator (自查自评), with optional evidence."""

    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="self_assessments"
    )
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="self_assessments"
    )
    score = models.DecimalField(_("own score"), **ONE_DECIMAL)
    account = models.TextField(_("account"), max_length=1000)
    evidence = models.FileField(_("evidence"), upload_to=self_assessment_upload_to, max_length=200, blank=True)
    evidence_name = models.CharField(_("file name"), max_length=255, blank=True)
    evidence_type = models.CharField(_("content type"), max_length=100, blank=True)
    evidence_size = models.PositiveBigIntegerField(_("size"), null=True, blank=True)
    evidence_sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    updated_by = user_field(_("filled in by"))
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    # Meta written out per model: its names, order and constraints are this table's own, not a shared shape.
    class Meta:
        verbose_name = _("self-assessment")
        verbose_name_plural = _("self-assessments")
        ordering = ["agency", "indicator"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "indicator"], name="selfassessment_once_per_indicator"),
            models.CheckConstraint(condition=Q(score__gte=0), name="selfassessment_score_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.agency} · {self.indicator}"


class ScoringRun(models.Model):
    """One computation of a year's automatic and imported indicators, run by a Celery task."""

    # A run's own states (queued, running, done, failed); a built document's differ, so the lists stay apart.
    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    ACTIVE_STATUSES = frozenset({Status.QUEUED, Status.RUNNING})

    rubric = models.ForeignKey(Rubric, verbose_name=_("rubric"), on_delete=models.CASCADE, related_name="runs")
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    agency_count = models.PositiveIntegerField(_("agencies scored"), default=0)
    error = models.TextField(_("error"), blank=True)
    started_by = user_field(_("started by"))
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("scoring run")
        verbose_name_plural = _("scoring runs")
        ordering = ["-created_at", "-pk"]
        constraints = [models.CheckConstraint(condition=Q(progress__lte=100), name="scoringrun_progress_percent")]

    def __str__(self) -> str:
        return f"{self.rubric} #{self.pk}"

    @property
    def is_active(self) -> bool:
        return self.status in self.ACTIVE_STATUSES

    # A run still running after this long lost its worker.
    RUNNING_STALE_AFTER = dt.timedelta(hours=1)

    @classmethod
    def live(cls) -> Q:
        """Runs someone is still running: running for less than RUNNING_STALE_AFTER, or queued for less than
        PUFFA_QUEUED_STALE_SECONDS (a worker starts a run within seconds; one still queued waits on a broker
        that was down, and the outbox runs it later, when it finds itself given up)."""
        now = timezone.now()
        queued_for = min(dt.timedelta(seconds=settings.PUFFA_QUEUED_STALE_SECONDS), cls.RUNNING_STALE_AFTER)
        return Q(status=cls.Status.RUNNING, created_at__gte=now - cls.RUNNING_STALE_AFTER) | Q(
            status=cls.Status.QUEUED, created_at__gte=now - queued_for
        )

    @property
    def is_stale(self) -> bool:
        """Queued or running, but nobody is running it (``live``): the page stops saying it is in progress."""
        if not self.is_active:
            return False
        now = timezone.now()
        queued_for = min(dt.timedelta(seconds=settings.PUFFA_QUEUED_STALE_SECONDS), self.RUNNING_STALE_AFTER)
        limit = queued_for if self.status == self.Status.QUEUED else self.RUNNING_STALE_AFTER
        return self.created_at < now - limit


class Score(models.Model):
    """An agency's score on one indicator: the computed figure, and the reviewer's score over it."""

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="scores"
    )
    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="assessment_scores"
    )
    # Written by a scoring run (automatic and imported indicators); empty for manual ones.
    computed = models.DecimalField(_("computed score"), null=True, blank=True, **ONE_DECIMAL)
    detail = models.JSONField(_("basis"), default=dict, blank=True)
    # Written only by reviewers: a manual score, or an adjustment that replaces the computed one.
    # A scoring run never touches these, so they survive a re-run.
    adjusted = models.DecimalField(_("reviewer's score"), null=True, blank=True, **ONE_DECIMAL)
    reason = models.TextField(_("reason"), blank=True)
    adjusted_by = user_field(_("scored by"), null=True, blank=True)
    adjusted_at = models.DateTimeField(_("scored at"), null=True, blank=True)

    # Meta written out per model: its names, order and constraints are this table's own, not a shared shape.
    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        ordering = ["agency", "indicator"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "indicator"], name="score_once_per_indicator"),
        ]

    def __str__(self) -> str:
        return f"{self.agency} · {self.indicator}: {self.final}"

    @property
    def final(self) -> Decimal:
        if self.adjusted is not None:
            return self.adjusted
        return self.computed if self.computed is not None else Decimal("0.0")

    @property
    def is_adjusted(self) -> bool:
        return self.adjusted is not None


class ScoreChange(models.Model):
    """Every change a person made to a score: who, when, before, after, why."""

    score = models.ForeignKey(Score, verbose_name=_("score"), on_delete=models.CASCADE, related_name="changes")
    changed_by = user_field(_("changed by"))
    changed_at = models.DateTimeField(_("changed at"))
    before = models.DecimalField(_("before"), null=True, blank=True, **ONE_DECIMAL)
    after = models.DecimalField(_("after"), null=True, blank=True, **ONE_DECIMAL)
    reason = models.TextField(_("reason"), blank=True)

    # Meta written out per model: its names, order and constraints are this table's own, not a shared shape.
    class Meta:
        verbose_name = _("score change")
        verbose_name_plural = _("score changes")
        ordering = ["score", "-changed_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.score}: {self.before} → {self.after}"


class SurveyResult(models.Model):
    """The third-party survey's figures for an agency in a year (知晓率, 满意度; §3.4)."""

    rubric = models.ForeignKey(
        Rubric, verbose_name=_("rubric"), on_delete=models.CASCADE, related_name="survey_results"
    )
    agency = models.ForeignKey(Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="+")
    awareness = models.DecimalField(_("awareness rate"), **ONE_DECIMAL)
    satisfaction = models.DecimalField(_("satisfaction"), **ONE_DECIMAL)
    imported_by = user_field(_("imported by"))
    imported_at = models.DateTimeField(_("imported at"))

    # Meta written out per model: its names, order and constraints are this table's own, not a shared shape.
    class Meta:
        verbose_name = _("survey result")
        verbose_name_plural = _("survey results")
        ordering = ["rubric", "agency"]
        constraints = [
            models.UniqueConstraint(fields=["rubric", "agency"], name="surveyresult_once_per_year"),
            models.CheckConstraint(
                condition=Q(awareness__gte=0)
                & Q(awareness__lte=100)
                & Q(satisfaction__gte=0)
                & Q(satisfaction__lte=100),
                name="surveyresult_percentages",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agency} {self.awareness}/{self.satisfaction}"


class Result(models.Model):
    """An agency's total for the year, its grade, ranks and traffic light; rewritten after every change."""

    rubric = models.ForeignKey(Rubric, verbose_name=_("rubric"), on_delete=models.CASCADE, related_name="results")
    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="assessment_results"
    )
    total = models.DecimalField(_("total"), **ONE_DECIMAL)
    grade = models.CharField(_("grade"), max_length=16, choices=Grade.choices)
    rank_district = models.PositiveIntegerField(_("rank in the district"))
    rank_in_type = models.PositiveIntegerField(_("rank within type"))
    has_checklist = models.BooleanField(_("checklist filed"))
    light = models.CharField(_("traffic light"), max_length=8, choices=Light.choices)
    commendation = models.BooleanField(_("candidate for commendation"), default=False)
    accountability = models.BooleanField(_("candidate for accountability"), default=False)

    class Meta:
        verbose_name = _("assessment result")
        verbose_name_plural = _("assessment results")
        ordering = ["rubric", "rank_district", "agency__name"]
        constraints = [models.UniqueConstraint(fields=["rubric", "agency"], name="result_once_per_year")]
        indexes = [models.Index(fields=["rubric", "rank_district"], name="result_ranking_idx")]

    def __str__(self) -> str:
        return f"{self.agency} {self.total}"
