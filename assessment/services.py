"""Every write of the year-end assessment: rubrics, self-assessments, scoring runs, reviewer scores, the survey
import and publishing. Once a year's results are published, each of these refuses to change anything.
"""

from __future__ import annotations

import json
import logging
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Sum, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from agencies import freshness, outbox, years
from agencies.models import Agency, User
from agencies.notices import NoticeKind, in_site_language, notice_send
from agencies.reminders import TO_AGENCY, Due
from agencies.selectors import agency_index

from . import facts as year_facts_module
from . import rules
from .models import Indicator, Result, Rubric, Score, ScoreChange, ScoringRun, SelfAssessment, SurveyResult
from .survey import parse_rate, survey_rows
from .uploads import inspect_evidence

logger = logging.getLogger(__name__)

# A run still "running" after this long is taken as lost (a worker died), so a new one may start.
STALE_RUN_AFTER = ScoringRun.RUNNING_STALE_AFTER


def _ensure_open(rubric: Rubric) -> None:
    if rubric.is_published:
        raise ValidationError(
            _("The results of %(year)d are published: nothing of that year's assessment can change any more.")
            % {"year": rubric.year},
            code="published",
        )


def _locked(rubric: Rubric) -> Rubric:
    """The rubric re-read under a row lock, so publishing and changes to scores never interleave."""
    return Rubric.objects.select_for_update().select_related("cycle").get(pk=rubric.pk)


# --- Rubric ---------------------------------------------------------------------------------------------


def rubric_for_year(*, year: int) -> Rubric:
    """The opened year's rubric; ``YearNotOpen`` (404) for a year not opened, or opened before rubrics were
    made with the year (the bureau's open page then adds it). A read: it never creates anything."""
    cycle = years.open_cycle(year)
    rubric = Rubric.objects.select_related("cycle").filter(cycle=cycle).first()
    if rubric is None:
        raise years.YearNotOpen(cycle.year)
    return rubric


def year_open(*, actor: User | None, year: int) -> Rubric:
    """Open a year (年度设置): its cycle with the defaults (``agencies.years.cycle_open``) and its rubric with
    the default indicators and thresholds (docs/domain.md). Opening an open year only adds what is missing.
    ``actor`` None is for seeds and fixtures."""
    with transaction.atomic():
        cycle = years.cycle_open(actor=actor, year=year)
        rubric, created = Rubric.objects.get_or_create(cycle=cycle, defaults=rules.DEFAULT_THRESHOLDS)
        if created:
            # Names are data the bureau may edit; store them in the district's language.
            with translation.override(settings.LANGUAGE_CODE):
                Indicator.objects.bulk_create(
                    Indicator(rubric=rubric, code=code, name=str(name), weight=weight, method=method, position=pos)
                    for pos, (code, name, weight, method) in enumerate(rules.DEFAULT_INDICATORS, start=1)
                )
    return Rubric.objects.select_related("cycle").get(pk=rubric.pk)


@dataclass(frozen=True)
class IndicatorData:
    """One indicator as the rubric form gives it; ``pk`` is None for a new one."""

    pk: int | None
    code: str
    name: str
    weight: Decimal
    method: str


def check_rubric(*, indicators: list[IndicatorData], excellent_from, good_from, pass_from) -> None:
    """The rubric's rules: weights add up to 100, codes once each, computed indicators have a rule,
    thresholds in order. ValidationError with every problem found."""
    errors = []
    total = sum((item.weight for item in indicators), Decimal(0))
    if total != rules.TOTAL_WEIGHT:
        errors.append(
            ValidationError(
                _("The weights add up to %(total)s; they must add up to exactly 100.") % {"total": rules.plain(total)},
                code="weights",
            )
        )
    codes = [item.code for item in indicators]
    for code in sorted({code for code in codes if codes.count(code) > 1}):
        errors.append(ValidationError(_("The code “%(code)s” is used twice.") % {"code": code}, code="code_twice"))
    for item in indicators:
        if item.method == Indicator.Method.AUTOMATIC and item.code not in rules.AUTOMATIC_CODES:
            errors.append(
                ValidationError(
                    _(
                        "“%(name)s” cannot be automatic: there is no rule for the code “%(code)s” "
                        "(automatic codes: %(codes)s)."
                    )
                    % {"name": item.name, "code": item.code, "codes": "、".join(rules.AUTOMATIC_CODES)},
                    code="no_rule",
                )
            )
        if item.method == Indicator.Method.IMPORTED and item.code not in rules.IMPORTED_CODES:
            errors.append(
                ValidationError(
                    _("“%(name)s” cannot be imported: only the code “%(code)s” comes from the survey file.")
                    % {"name": item.name, "code": rules.SURVEY},
                    code="no_import",
                )
            )
    if not (Decimal(0) <= pass_from <= good_from <= excellent_from <= rules.TOTAL_WEIGHT):
        errors.append(
            ValidationError(
                _("The grade thresholds must go up: pass ≤ good ≤ excellent, between 0 and 100."), code="thresholds"
            )
        )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def rubric_update(
    *,
    rubric: Rubric,
    indicators: list[IndicatorData],
    excellent_from: Decimal,
    good_from: Decimal,
    pass_from: Decimal,
    user: User,
) -> Rubric:
    """Replace the rubric's indicators and thresholds. Indicators left out are removed with their scores."""
    rubric = _locked(rubric)
    _ensure_open(rubric)
    check_rubric(indicators=indicators, excellent_from=excellent_from, good_from=good_from, pass_from=pass_from)
    existing = {indicator.pk: indicator for indicator in rubric.indicators.all()}
    kept = {item.pk for item in indicators if item.pk is not None}
    if kept - existing.keys():
        raise ValidationError(_("An indicator of another year was sent; reload the page."), code="foreign")
    new_weights = {item.pk: item.weight for item in indicators if item.pk is not None}
    adjusted = Score.objects.filter(indicator__rubric=rubric, adjusted__isnull=False).values_list(
        "indicator_id", "adjusted", "agency__name", "indicator__name"
    )
    for indicator_id, score, agency_name, name in adjusted:
        if indicator_id in new_weights and score > new_weights[indicator_id]:
            raise ValidationError(
                _(
                    "%(agency)s already has a reviewer's score of %(score)s on “%(name)s”, above the new weight; "
                    "change that score first."
                )
                % {"agency": agency_name, "score": score, "name": name},
                code="adjusted_above_weight",
            )
    Indicator.objects.filter(rubric=rubric).exclude(pk__in=kept).delete()
    for position, item in enumerate(indicators, start=1):
        fields = {"code": item.code, "name": item.name, "weight": item.weight, "method": item.method}
        if item.pk is None:
            Indicator.objects.create(rubric=rubric, position=position, **fields)
        else:
            Indicator.objects.filter(pk=item.pk).update(position=position, **fields)
    rubric.excellent_from, rubric.good_from, rubric.pass_from = excellent_from, good_from, pass_from
    rubric.changed_at = timezone.now()
    rubric.save(update_fields=["excellent_from", "good_from", "pass_from", "changed_at"])
    logger.info("rubric %s updated by %s", rubric.year, user.username)
    return rubric


# --- Self-assessment ------------------------------------------------------------------------------------


@transaction.atomic
def self_assessment_save(
    *,
    agency: Agency,
    indicator: Indicator,
    score: Decimal,
    account: str,
    evidence=None,
    remove_evidence: bool = False,
    user: User,
) -> SelfAssessment:
    """An agency's own score and account on one indicator (自查自评), with an optional evidence file."""
    rubric = _locked(indicator.rubric)
    _ensure_open(rubric)
    if not Decimal(0) <= score <= indicator.weight:
        raise ValidationError(
            _("The score must be between 0 and the weight %(weight)s.") % {"weight": rules.plain(indicator.weight)},
            code="score_range",
        )
    entry = SelfAssessment.objects.filter(agency=agency, indicator=indicator).first() or SelfAssessment(
        agency=agency, indicator=indicator
    )
    entry.score, entry.account, entry.updated_by = rules.one_decimal(score), account.strip(), user
    if evidence is not None:
        checked = inspect_evidence(evidence)
        if entry.evidence:
            entry.evidence.delete(save=False)
        entry.evidence.save("evidence", evidence, save=False)
        entry.evidence_name = checked.name
        entry.evidence_type = checked.content_type
        entry.evidence_size = checked.size
        entry.evidence_sha256 = checked.sha256
    elif remove_evidence and entry.evidence:
        entry.evidence.delete(save=False)
        entry.evidence_name, entry.evidence_type, entry.evidence_size, entry.evidence_sha256 = "", "", None, ""
    entry.full_clean(exclude=["evidence"])
    entry.save()
    return entry


# --- Scoring runs -----------------------------------------------------------------------------------------


def active_run(rubric: Rubric) -> ScoringRun | None:
    """The run in progress, unless nobody is running it any more (``ScoringRun.live``)."""
    return rubric.runs.filter(ScoringRun.live()).order_by("-created_at").first()


@transaction.atomic
def scoring_run_start(*, rubric: Rubric, user: User) -> ScoringRun:
    """Queue a scoring run for the year; a worker starts it once this transaction commits (through the
    outbox: a broker that is down delays the run but never loses it)."""
    run = _new_run(rubric, user)
    outbox.enqueue("assessment.services.scoring_run_execute", key=f"scoring:{run.pk}", run_id=run.pk)
    return run


def scoring_run_now(*, rubric: Rubric, user: User) -> ScoringRun:
    """Score the year in this process, without the queue (the demo data and the shell use it)."""
    with transaction.atomic():
        run = _new_run(rubric, user)
    return scoring_run_execute(run_id=run.pk)


def _new_run(rubric: Rubric, user: User) -> ScoringRun:
    """A queued run for an open year with none in progress; the caller holds the transaction (the rubric stays
    locked until it commits, so two starts cannot both pass the check)."""
    rubric = _locked(rubric)
    _ensure_open(rubric)
    if active_run(rubric) is not None:
        raise ValidationError(_("A scoring run for this year is already in progress."), code="running")
    _give_up_lost_runs(rubric)
    return ScoringRun.objects.create(rubric=rubric, started_by=user)


def _give_up_lost_runs(rubric: Rubric) -> None:
    """Runs left queued or running past ``STALE_RUN_AFTER`` lost their worker: say so instead of spinning."""
    rubric.runs.filter(status__in=ScoringRun.ACTIVE_STATUSES).update(
        status=ScoringRun.Status.FAILED, error=_("The worker stopped before this run finished; run the scoring again.")
    )


def _progress(run: ScoringRun, percent: int, **fields) -> None:
    ScoringRun.objects.filter(pk=run.pk).update(progress=percent, **fields)


def scoring_run_execute(*, run_id: int) -> ScoringRun:
    """Compute every automatic and imported indicator for every active agency, then the results.

    Set-based: ``assessment.facts`` counts the year for all agencies in a fixed number of queries, the scores
    are written with one upsert that never touches reviewers' scores, and the results with another.
    """
    run = ScoringRun.objects.select_related("rubric__cycle").get(pk=run_id)
    if not run.is_active:
        return run  # a redelivered task for a run already finished
    _progress(run, 5, status=ScoringRun.Status.RUNNING, started_at=timezone.now())
    try:
        agency_count = _score_year(run)
    except ValidationError as exc:
        _progress(run, run.progress, status=ScoringRun.Status.FAILED, error=" ".join(exc.messages))
    except Exception as exc:
        logger.exception("scoring run %s failed", run.pk)
        _progress(run, run.progress, status=ScoringRun.Status.FAILED, error=str(exc)[:500])
    else:
        _progress(run, 100, status=ScoringRun.Status.DONE, agency_count=agency_count, finished_at=timezone.now())
    freshness.bump()  # scores and results were written in bulk, without signals
    run.refresh_from_db()
    return run


def _score_year(run: ScoringRun) -> int:
    rubric = run.rubric
    _ensure_open(rubric)
    indicators = list(rubric.indicators.all())
    agencies = Agency.objects.filter(is_active=True)
    found = year_facts_module.year_facts(
        rubric.year, agencies, cycle=rubric.cycle, survey_rubric=rubric, by_month=False
    )
    _progress(run, 60)
    scores = []
    for entry in found:
        for indicator in indicators:
            rule = None if indicator.is_manual else rules.RULES.get(indicator.code)
            computed, basis = rule(entry, indicator.weight) if rule else (None, {})
            scores.append((indicator.pk, entry.agency.pk, computed, basis))
    _progress(run, 80)
    with transaction.atomic():
        rubric = _locked(rubric)
        _ensure_open(rubric)
        _upsert_computed(scores)
        # Agencies closed since the last run leave the year's ranking.
        Score.objects.filter(indicator__rubric=rubric).exclude(agency__in=agencies.values("pk")).delete()
        _write_results(rubric, has_checklist={entry.agency.pk: entry.has_checklist for entry in found})
    return len(found)


def _upsert_computed(scores: list[tuple[int, int, Decimal | None, dict]]) -> None:
    """Write a run's computed scores (indicator, agency, score, basis) in one statement; reviewers' scores on the
    same rows are never touched, so they survive every re-run."""
    if connection.vendor == "postgresql":
        # One INSERT … SELECT FROM unnest(arrays): for 10,000 agencies Django's bulk_create spends most of the
        # run building model instances and preparing each value; four arrays go to the server instead.
        indicator_ids, agency_ids, computed, details = zip(*scores, strict=True) if scores else ((), (), (), ())
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {Score._meta.db_table} (indicator_id, agency_id, computed, detail, reason) "  # noqa: S608
                "SELECT i, a, c, d::jsonb, '' FROM unnest(%s::bigint[], %s::bigint[], %s::numeric[], %s::text[]) "
                "AS t(i, a, c, d) "
                "ON CONFLICT (agency_id, indicator_id) "
                "DO UPDATE SET computed = EXCLUDED.computed, detail = EXCLUDED.detail",
                [list(indicator_ids), list(agency_ids), list(computed), [json.dumps(d) for d in details]],
            )
        return
    Score.objects.bulk_create(
        [Score(indicator_id=i, agency_id=a, computed=c, detail=d) for i, a, c, d in scores],
        update_conflicts=True,
        unique_fields=["agency", "indicator"],
        update_fields=["computed", "detail"],
    )


def _write_results(rubric: Rubric, *, has_checklist: dict[int, bool] | None = None) -> None:
    """Totals, grades, ranks, lights and candidates for every scored agency, from the final scores.

    ``has_checklist`` comes from a scoring run; after a reviewer's change the run's answer is kept.
    """
    totals = {
        row["agency_id"]: rules.one_decimal(row["total"])
        for row in Score.objects.filter(indicator__rubric=rubric)
        .values("agency_id")
        .annotate(total=Sum(Coalesce("adjusted", "computed", Value(Decimal(0)))))
    }
    if has_checklist is None:
        has_checklist = dict(rubric.results.values_list("agency_id", "has_checklist"))
    scored = Score.objects.filter(indicator__rubric=rubric).values("agency")
    types = dict(Agency.objects.filter(pk__in=scored).values_list("pk", "agency_type"))
    by_type: dict[str, dict[int, Decimal]] = defaultdict(dict)
    for agency_id, total in totals.items():
        by_type[types.get(agency_id, "")][agency_id] = total
    rank_in_type = {}
    for group in by_type.values():
        rank_in_type.update(rules.competition_ranks(group))
    rank_district = rules.competition_ranks(totals)
    cutoff = rules.commendation_cutoff(len(totals))
    thresholds = {"excellent_from": rubric.excellent_from, "good_from": rubric.good_from, "pass_from": rubric.pass_from}
    rows = []
    for agency_id, total in totals.items():
        grade = rules.grade_for(total, **thresholds)
        filed = has_checklist.get(agency_id, False)
        rows.append(
            Result(
                rubric=rubric,
                agency_id=agency_id,
                total=total,
                grade=grade,
                rank_district=rank_district[agency_id],
                rank_in_type=rank_in_type[agency_id],
                has_checklist=filed,
                light=rules.light_for(grade, has_checklist=filed),
                commendation=grade == rules.Grade.EXCELLENT and rank_district[agency_id] <= cutoff,
                accountability=grade == rules.Grade.FAIL or not filed,
            )
        )
    rubric.results.exclude(agency__in=scored).delete()
    Result.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["rubric", "agency"],
        update_fields=[
            "total",
            "grade",
            "rank_district",
            "rank_in_type",
            "has_checklist",
            "light",
            "commendation",
            "accountability",
        ],
    )


# --- Reviewer scoring ------------------------------------------------------------------------------------


class _Unseen:
    """``score_set(seen=UNSEEN)``: the caller showed no score first (a script, the demo), so none is compared."""


UNSEEN = _Unseen()


@transaction.atomic
def score_set(
    *,
    agency: Agency,
    indicator: Indicator,
    value: Decimal | None,
    reason: str,
    user: User,
    seen: Decimal | None | _Unseen = UNSEEN,
) -> ScoreChange | None:
    """A reviewer's score: the score of a manual indicator, or an adjustment replacing a computed one
    (``value=None`` withdraws it). Adjustments need a written reason. Every change is recorded.

    ``seen`` is the reviewer's score the page showed: if another reviewer changed it meanwhile, the change is
    refused rather than silently replacing theirs. Saving what is already there (a double click) records
    nothing and returns ``None``.
    """
    rubric = _locked(indicator.rubric)
    _ensure_open(rubric)
    reason = reason.strip()
    if value is not None:
        if not Decimal(0) <= value <= indicator.weight:
            raise ValidationError(
                _("The score must be between 0 and the weight %(weight)s.") % {"weight": rules.plain(indicator.weight)},
                code="score_range",
            )
        value = rules.one_decimal(value)
    if not reason and not (indicator.is_manual and value is not None):
        raise ValidationError(_("Write the reason for this change."), code="reason_required")
    score, _created = Score.objects.select_for_update().get_or_create(agency=agency, indicator=indicator)
    if value is not None and (value, reason) == (score.adjusted, score.reason):
        return None
    if seen is not UNSEEN and seen != score.adjusted:
        raise ValidationError(
            _(
                "Someone changed this score while you were looking at it: it is now %(now)s. "
                "Look at the change and save again if yours still applies."
            )
            % {"now": rules.plain(score.adjusted) if score.adjusted is not None else _("no reviewer's score")},
            code="stale_score",
        )
    if value is None and score.adjusted is None:
        raise ValidationError(_("There is no reviewer's score to withdraw."), code="nothing_to_withdraw")
    before = score.final if (score.computed is not None or score.adjusted is not None) else None
    now = timezone.now()
    score.adjusted, score.reason = value, reason
    score.adjusted_by, score.adjusted_at = (user, now) if value is not None else (None, None)
    score.save(update_fields=["adjusted", "reason", "adjusted_by", "adjusted_at"])
    after = score.final if (score.computed is not None or score.adjusted is not None) else None
    change = ScoreChange.objects.create(
        score=score, changed_by=user, changed_at=now, before=before, after=after, reason=reason
    )
    if rubric.results.exists():
        _write_results(rubric)
    return change


# --- Third-party survey -------------------------------------------------------------------------------------


class SurveyImportError(ValidationError):
    """The file was read but some rows are wrong: ``rows`` lists (row number, reason); nothing was imported."""

    def __init__(self, rows: list[tuple[int, str]]):
        self.rows = rows
        super().__init__(_("Nothing was imported: %(count)d rows are wrong.") % {"count": len(rows)}, code="rows")


@dataclass(frozen=True)
class SurveyImportOutcome:
    imported: int
    skipped: int  # rows naming an agency but giving no figures


@transaction.atomic
def survey_import(*, rubric: Rubric, upload, user: User) -> SurveyImportOutcome:
    """Import the year's survey results: every row checked first, then all rows or none.

    A row replaces that agency's earlier figures for the year; agencies not in the file keep theirs.
    """
    rubric = _locked(rubric)
    _ensure_open(rubric)
    index = agency_index()
    bad: list[tuple[int, str]] = []
    found: dict[int, tuple[Decimal, Decimal]] = {}
    first_row: dict[int, int] = {}
    skipped = 0
    for number, values in survey_rows(upload):
        cells = (tuple(values) + ("", "", ""))[:3]
        name = "".join(str(cells[0] or "").split()) if cells[0] is not None else ""
        if not name:
            bad.append((number, _("the agency is missing")))
            continue
        agency = index.get(name.upper()) or index.get(name)
        if agency is None:
            bad.append((number, _("no active agency has the code or name “%(name)s”") % {"name": name}))
            continue
        if all(str(cell or "").strip() == "" for cell in cells[1:]):
            skipped += 1
            continue
        reasons = []
        rates = []
        for label, cell in ((_("awareness rate"), cells[1]), (_("satisfaction"), cells[2])):
            try:
                rates.append(parse_rate(cell))
            except ValueError as exc:
                reasons.append(f"{label} {exc}")
        if agency.pk in first_row:
            reasons.append(
                _("%(name)s already appears in row %(row)d") % {"name": agency.name, "row": first_row[agency.pk]}
            )
        if reasons:
            bad.append((number, "；".join(reasons)))
            continue
        first_row[agency.pk] = number
        found[agency.pk] = (rates[0], rates[1])
    if bad:
        raise SurveyImportError(bad)
    if not found:
        raise ValidationError(_("The file has no rows with figures."), code="empty")
    now = timezone.now()
    # One keyword per column, as rows are created everywhere: the likeness to other creates is the ORM's call, not a
    # shared rule.
    SurveyResult.objects.bulk_create(
        [
            SurveyResult(
                rubric=rubric,
                agency_id=agency_id,
                awareness=awareness,
                satisfaction=satisfaction,
                imported_by=user,
                imported_at=now,
            )
            for agency_id, (awareness, satisfaction) in found.items()
        ],
        update_conflicts=True,
        unique_fields=["rubric", "agency"],
        update_fields=["awareness", "satisfaction", "imported_by", "imported_at"],
    )
    freshness.bump()
    return SurveyImportOutcome(imported=len(found), skipped=skipped)


# --- Publishing -----------------------------------------------------------------------------------------------


def latest_done_run(rubric: Rubric) -> ScoringRun | None:
    return rubric.runs.filter(status=ScoringRun.Status.DONE).order_by("-finished_at").first()


def results_out_of_date(rubric: Rubric, run: ScoringRun | None) -> bool:
    """The rubric changed after the last finished run: its results use old weights or thresholds."""
    return run is None or run.finished_at is None or run.finished_at < rubric.changed_at


@transaction.atomic
def results_publish(*, rubric: Rubric, user: User) -> Rubric:
    """Publish the year's results: each agency then sees its breakdown, and the year is frozen for good."""
    rubric = _locked(rubric)
    _ensure_open(rubric)
    if active_run(rubric) is not None:
        raise ValidationError(_("Wait for the scoring run in progress to finish."), code="running")
    if results_out_of_date(rubric, latest_done_run(rubric)):
        raise ValidationError(
            _("Run the scoring first: there are no results computed with the current rubric."), code="no_results"
        )
    rubric.published_at, rubric.published_by = timezone.now(), user
    rubric.save(update_fields=["published_at", "published_by"])
    notice_send(_published_notices(rubric), by=user)
    return rubric


def _published_notices(rubric: Rubric) -> list[Due]:
    """To every active agency: its results for the year are out, with its own breakdown."""
    today = timezone.localdate()
    with in_site_language():
        subject = _("The %(year)d assessment results are published") % {"year": rubric.year}
        body = _("See your agency's score, grade and the breakdown by indicator.")
        return [
            Due(
                kind=NoticeKind.RESULTS_PUBLISHED,
                period=str(rubric.year),
                stage="published",
                due_on=today,
                subject=subject,
                body=body,
                url=reverse("assessment:breakdown", args=[rubric.year, agency_id]),
                audience=TO_AGENCY,
                agency_id=agency_id,
            )
            for agency_id in Agency.objects.filter(is_active=True).order_by("pk").values_list("pk", flat=True)
        ]
