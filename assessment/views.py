"""Views of the year-end assessment and the leadership dashboard.

Function views: fetch through ``agencies.access`` (404 outsiders, 403 read-only), bind the form, call a service,
message, redirect. Before a year's results are published its scores are for the bureau, reviewers and leadership
only; agency staff see them, their own and their subordinate units', once published.
"""

from __future__ import annotations

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from agencies import access, years
from agencies.documents import download_response
from agencies.pages import url_of_each

from . import exports, rules, selectors, services, survey
from .dashboard import charts
from .dashboard import exports as dashboard_exports
from .dashboard import members as dashboard_members
from .dashboard import selectors as dashboards
from .decisions import selectors as decisions
from .forms import IndicatorForm, IndicatorFormSet, ScoreForm, SelfAssessmentForm, SurveyUploadForm, ThresholdsForm
from .models import Indicator, Rubric, Score, ScoringRun, SelfAssessment

PAGE_SIZE = 100
OFFICE_LINES = 20  # filing offices shown on the dashboard
DRILL_PAGE_SIZE = 50  # agencies on a drill-down page, each with its year counted afresh
OVERVIEW_DECISIONS = 10  # commendations and measures shown on the year's page (the decisions page has them all)
COUNTING_REFRESH_SECONDS = 5  # how often the "counting" page asks again while a worker counts a province


def _year(year: int | str) -> int:
    """A year the bureau has opened; any other answers 404 (``agencies.years``)."""
    return years.open_cycle(year).year


def _rubric(year: int) -> Rubric:
    return services.rubric_for_year(year=year)


# --- The year's page: status, actions, results -------------------------------------------------------------


@login_required
def index(request: HttpRequest) -> HttpResponse:
    return redirect("assessment:overview", year=timezone.localdate().year)


@login_required
def overview(request: HttpRequest, year: int) -> HttpResponse:
    user = request.user
    rubric = _rubric(year)
    indicators = list(rubric.indicators.all())
    context = {
        "rubric": rubric,
        "year": year,
        "years": selectors.years(),
        "indicators": indicators,
        "explanations": rules.explanations(),
        "can_manage": access.can_manage(user),
        "reads_scores": access.oversees(user),
        "own_agency": user.agency if user.is_agency_staff else None,
        "year_ended": years.year_ended(year),
        "last_day": years.last_day(year),
    }
    if access.oversees(user):
        context["status"] = selectors.scoring_status(rubric, indicators, access.active_agencies(user))
    if access.oversees(user) or rubric.is_published:
        agencies = access.active_agencies(user)
        show = request.GET.get("show", "")
        show = show if show in selectors.RESULT_FILTERS else ""
        counts = selectors.result_counts(rubric, agencies)
        paginator = Paginator(selectors.results(rubric, agencies, show), PAGE_SIZE)
        paginator.count = counts[show or "all"]  # already counted with the filters' counts: no second COUNT
        context["page"] = paginator.get_page(request.GET.get("page"))
        breakdown_url = url_of_each("assessment:breakdown", before=(year,))
        for result in context["page"]:
            result.breakdown_url = breakdown_url(result.agency_id)
        context["show"] = show
        context["counts"] = counts
    # What was decided on the results (结果运用), as far as the user sees: editable after publication.
    context["commendations"] = list(decisions.year_commendations(user, year)[:OVERVIEW_DECISIONS])
    context["measures"] = list(decisions.year_measures(user, year, today=timezone.localdate())[:OVERVIEW_DECISIONS])
    return render(request, "assessment/overview.html", context)


@login_required
def rubric_edit(request: HttpRequest, year: int) -> HttpResponse:
    access.require_manager(request.user)
    rubric = _rubric(year)
    if rubric.is_published:
        messages.error(
            request, _("The results of %(year)d are published: the rubric can no longer change.") % {"year": year}
        )
        return redirect("assessment:overview", year=year)
    initial = [IndicatorForm.initial_for(indicator) for indicator in rubric.indicators.all()]
    data = request.POST if request.method == "POST" else None
    thresholds = ThresholdsForm(data, instance=rubric)
    formset = IndicatorFormSet(data, initial=initial, prefix="indicators")
    problems: list[str] = []
    if request.method == "POST" and thresholds.is_valid() and formset.is_valid():
        indicators = [
            form.indicator_data() for form in formset.forms if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        try:
            services.rubric_update(
                rubric=rubric,
                indicators=indicators,
                excellent_from=thresholds.cleaned_data["excellent_from"],
                good_from=thresholds.cleaned_data["good_from"],
                pass_from=thresholds.cleaned_data["pass_from"],
                user=request.user,
            )
        except ValidationError as exc:
            problems = exc.messages
        else:
            messages.success(
                request, _("The rubric of %(year)d is saved. Run the scoring again to apply it.") % {"year": year}
            )
            return redirect("assessment:overview", year=year)
    return render(
        request,
        "assessment/rubric_form.html",
        {"rubric": rubric, "year": year, "thresholds": thresholds, "formset": formset, "problems": problems},
    )


# --- Self-assessment ------------------------------------------------------------------------------------------


@login_required
def self_assessment(request: HttpRequest, year: int, agency_pk: int) -> HttpResponse:
    if request.method == "POST":
        agency = access.get_changeable_agency(request.user, agency_pk)
    else:
        agency = access.get_visible_agency(request.user, agency_pk)
    rubric = _rubric(year)
    can_edit = access.can_change(request.user, agency) and not rubric.is_published
    if request.method == "POST" and not can_edit:
        messages.error(
            request, _("The results of %(year)d are published: the self-assessment is closed.") % {"year": year}
        )
        return redirect("assessment:self_assessment", year=year, agency_pk=agency.pk)
    indicators = list(rubric.indicators.all())
    own = {e.indicator_id: e for e in SelfAssessment.objects.filter(indicator__rubric=rubric, agency=agency)}
    rows = []
    for indicator in indicators:
        entry = own.get(indicator.pk)
        form = SelfAssessmentForm(
            request.POST if request.method == "POST" else None,
            request.FILES if request.method == "POST" else None,
            prefix=f"i{indicator.pk}",
            indicator=indicator,
            initial={"score": entry.score, "account": entry.account} if entry else {},
            empty_permitted=entry is None,
            use_required_attribute=False,
        )
        rows.append((indicator, entry, form))
    if request.method == "POST" and all(form.is_valid() for _i, _e, form in rows):
        try:
            with transaction.atomic():
                saved = 0
                for indicator, entry, form in rows:
                    if entry is None and not form.has_changed():
                        continue
                    services.self_assessment_save(
                        agency=agency,
                        indicator=indicator,
                        score=form.cleaned_data["score"],
                        account=form.cleaned_data["account"],
                        evidence=form.cleaned_data.get("evidence"),
                        remove_evidence=form.cleaned_data.get("remove_evidence", False),
                        user=request.user,
                    )
                    saved += 1
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Self-assessment saved (%(count)d indicators).") % {"count": saved})
            return redirect("assessment:self_assessment", year=year, agency_pk=agency.pk)
    return render(
        request,
        "assessment/self_assessment.html",
        {"rubric": rubric, "year": year, "agency": agency, "rows": rows, "can_edit": can_edit},
    )


@login_required
def self_assessment_evidence(request: HttpRequest, year: int, agency_pk: int, pk: int) -> FileResponse:
    agency = access.get_visible_agency(request.user, agency_pk)
    entry = get_object_or_404(SelfAssessment, pk=pk, agency=agency, indicator__rubric__cycle__year=year)
    return download_response(entry.evidence, entry.evidence_name, entry.evidence_type)


# --- An agency's breakdown and reviewer scoring -----------------------------------------------------------------


@login_required
def breakdown(request: HttpRequest, year: int, agency_pk: int) -> HttpResponse:
    user = request.user
    agency = access.get_visible_agency(user, agency_pk)
    rubric = _rubric(year)
    context = {
        "rubric": rubric,
        "year": year,
        "agency": agency,
        "visible": access.oversees(user) or rubric.is_published,
    }
    if context["visible"]:
        context["lines"] = selectors.breakdown(rubric, agency)
        context["result"] = selectors.result_of(rubric, agency)
        context["changes"] = selectors.score_changes(rubric, agency)
        context["can_score"] = not rubric.is_published and access.can_review(user, agency)
    return render(request, "assessment/breakdown.html", context)


@login_required
def score_edit(request: HttpRequest, year: int, agency_pk: int, indicator_pk: int) -> HttpResponse:
    agency = access.get_reviewable_agency(request.user, agency_pk)
    rubric = _rubric(year)
    indicator = get_object_or_404(Indicator, pk=indicator_pk, rubric=rubric)
    if rubric.is_published:
        messages.error(
            request, _("The results of %(year)d are published: scores can no longer change.") % {"year": year}
        )
        return redirect("assessment:breakdown", year=year, agency_pk=agency.pk)
    score = Score.objects.filter(agency=agency, indicator=indicator).first()
    own = SelfAssessment.objects.filter(agency=agency, indicator=indicator).first()
    initial = {"value": score.adjusted, "seen": score.adjusted} if score else {}
    form = ScoreForm(request.POST or None, indicator=indicator, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            # Form data handed to the service by keyword, as every view here does: a call, not a repeated rule.
            services.score_set(
                agency=agency,
                indicator=indicator,
                value=form.cleaned_data["value"],
                reason=form.cleaned_data["reason"],
                user=request.user,
                seen=form.seen_score(),
            )
        except ValidationError as exc:
            form.add_error(None, exc)
            if exc.code == "stale_score":
                score = Score.objects.get(agency=agency, indicator=indicator)
                form.now_seen(score.adjusted)
        else:
            messages.success(
                request,
                _("Score of “%(indicator)s” for %(agency)s saved.")
                % {"indicator": indicator.name, "agency": agency.name},
            )
            return redirect("assessment:breakdown", year=year, agency_pk=agency.pk)
    basis = rules.describe(indicator.code, score.detail) if score and score.computed is not None else ""
    return render(
        request,
        "assessment/score_form.html",
        {
            "rubric": rubric,
            "year": year,
            "agency": agency,
            "indicator": indicator,
            "score": score,
            "basis": basis,
            "own": own,
            "form": form,
            "changes": selectors.score_changes(rubric, agency, indicator),
        },
    )


# --- Survey import, scoring runs, publishing, export (the bureau) --------------------------------------------------


@login_required
def survey_import(request: HttpRequest, year: int) -> HttpResponse:
    access.require_manager(request.user)
    rubric = _rubric(year)
    form = SurveyUploadForm(request.POST or None, request.FILES or None)
    bad_rows: list[tuple[int, str]] = []
    if request.method == "POST" and form.is_valid():
        try:
            outcome = services.survey_import(rubric=rubric, upload=form.cleaned_data["file"], user=request.user)
        except services.SurveyImportError as exc:
            bad_rows = exc.rows
            form.add_error(None, exc.messages[0])
        except ValidationError as exc:
            form.add_error("file", exc)
        else:
            text = _("%(count)d agencies' survey results imported.") % {"count": outcome.imported}
            if outcome.skipped:
                text += " " + _("%(count)d rows without figures were skipped.") % {"count": outcome.skipped}
            messages.success(request, text + " " + _("Run the scoring to use them."))
            return redirect("assessment:overview", year=year)
    return render(
        request, "assessment/survey_import.html", {"rubric": rubric, "year": year, "form": form, "bad_rows": bad_rows}
    )


@login_required
def survey_template(request: HttpRequest, year: int) -> FileResponse:
    access.require_manager(request.user)
    _year(year)
    return survey.template_response(year)


@login_required
@require_POST
def run_start(request: HttpRequest, year: int) -> HttpResponse:
    access.require_manager(request.user)
    rubric = _rubric(year)
    try:
        run = services.scoring_run_start(rubric=rubric, user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("assessment:overview", year=year)
    messages.success(request, _("Scoring of %(year)d started.") % {"year": year})
    return redirect("assessment:run_detail", year=year, pk=run.pk)


@login_required
def run_detail(request: HttpRequest, year: int, pk: int) -> HttpResponse:
    access.require_overseer(request.user)
    run = get_object_or_404(
        ScoringRun.objects.select_related("rubric__cycle", "started_by"), pk=pk, rubric__cycle__year=year
    )
    return render(request, "assessment/run_detail.html", {"run": run, "year": year, "rubric": run.rubric})


@login_required
def publish(request: HttpRequest, year: int) -> HttpResponse:
    """GET: what is still open, and the button (writes nothing); POST: publish and freeze the year."""
    access.require_manager(request.user)
    rubric = _rubric(year)
    if rubric.is_published:
        messages.info(request, _("The results of %(year)d are already published.") % {"year": year})
        return redirect("assessment:overview", year=year)
    if request.method != "POST":
        check = selectors.publish_check(rubric, access.active_agencies(request.user))
        return render(request, "assessment/publish_confirm.html", {"year": year, "rubric": rubric, "check": check})
    try:
        services.results_publish(rubric=rubric, user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The results of %(year)d are published and frozen.") % {"year": year})
    return redirect("assessment:overview", year=year)


@login_required
def results_export(request: HttpRequest, year: int) -> FileResponse:
    rubric = _rubric(year)
    if not (access.oversees(request.user) or rubric.is_published):
        raise PermissionDenied
    agencies = access.active_agencies(request.user)
    return exports.results_response(rubric, agencies, year)


# --- The leadership dashboard -------------------------------------------------------------------------------------


def _dashboard_year(request: HttpRequest) -> int:
    return _year(request.GET.get("year", timezone.localdate().year))


def _board(request: HttpRequest) -> dashboards.Dashboard:
    access.require_overseer(request.user)
    return dashboards.for_user(_dashboard_year(request), request.user)


def _bars(board, figures, drill: str) -> list[charts.Bar]:
    """Each figure a bar linking to its drill-down (``drill``: the drill-down's address, reversed once a page)."""
    return [
        charts.Bar(f.label, f.value, f"{drill}?{urlencode({'year': board.year, 'figure': f.key})}", f.color)
        for f in figures
    ]


def _counting(request: HttpRequest, board: dashboards.Dashboard) -> HttpResponse:
    """What every page reading the board answers while a worker counts a province's figures for the first time:
    "counting", since when, and the page asking again by itself. An export answers so too rather than a file
    of empty figures, and its file downloads once counted."""
    return render(
        request,
        "assessment/dashboard_counting.html",
        {
            "board": board,
            "year": board.year,
            "seconds": int((timezone.now() - board.counting_since).total_seconds()),
            "progress": board.progress(timezone.now()),
            "refresh": COUNTING_REFRESH_SECONDS,
        },
    )


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    board = _board(request)
    if board.counting:
        return _counting(request, board)
    return render(
        request,
        "assessment/dashboard.html",
        {
            "board": board,
            "year": board.year,
            "years": selectors.years(),
            "drill": reverse("assessment:dashboard_agencies"),
            "sections": dashboards.kept_render(board, request.user, partial(_dashboard_sections, board)),
            "may_brief": access.may_read_leader_brief(request.user),
            "may_report": access.may_read_district_report(request.user),
            "decisions": decisions.decision_counts(request.user, board.year, today=timezone.localdate()),
        },
    )


def _office_lines(board: dashboards.Dashboard) -> list[dashboards.OfficeLine]:
    """A district's few filing offices in their order; of a province's hundreds, those furthest behind (the
    export holds them all)."""
    if len(board.offices) <= OFFICE_LINES:
        return list(board.offices)
    return board.offices.furthest_behind(OFFICE_LINES)


def _dashboard_sections(board: dashboards.Dashboard) -> str:
    """The dashboard below its cards (the charts, the offices, the assessment): the same for every reader of the
    scope, so rendered once per board (``dashboards.kept_render``)."""
    drill = reverse("assessment:dashboard_agencies")  # once: a figure's link each (a hundred a page)
    bars = partial(_bars, board, drill=drill)
    svg = {
        "filing_status": charts.bar_chart(bars(board.filing_status), label=_("Filing progress by status")),
        "filing_timing": charts.bar_chart(bars(board.filing_timing), label=_("On time or late")),
        "study": charts.bar_chart(bars(board.study), label=_("Study-minimum compliance")),
        "months": charts.column_chart(bars(board.months), label=_("Activities by month")),
        "duties": charts.bar_chart(bars(board.duties), label=_("Activities by duty")),
        "people": charts.bar_chart(bars(board.people), label=_("People reached by duty")),
        "items": charts.bar_chart(bars(board.items), label=_("Checklist completion")),
        "grades": charts.bar_chart(bars(board.grades), label=_("Grade distribution")),
    }
    context = {"board": board, "year": board.year, "svg": svg, "drill": drill, "top": board.top}
    return render_to_string("assessment/_dashboard_sections.html", context | {"office_lines": _office_lines(board)})


@login_required
def dashboard_agencies(request: HttpRequest) -> HttpResponse:
    """One figure's agencies, a page at a time: the page's agencies asked of the database, then their facts."""
    board = _board(request)
    if board.counting:
        return _counting(request, board)
    figure, found = _figure_members(request, board)
    paginator = Paginator(found.lines(), DRILL_PAGE_SIZE)
    if not figure.measure:
        paginator.count = figure.value  # the board's number: no count of a province's agencies per page
    page = paginator.get_page(request.GET.get("page"))
    parts = dict(page.object_list)
    rows = dashboards.rows_of(board, access.active_agencies(request.user), list(parts))
    lines = [(row, parts[row.agency.pk]) for row in rows]
    return render(
        request,
        "assessment/dashboard_agencies.html",
        {
            "board": board,
            "year": board.year,
            "figure": figure,
            "provisional": board.provisional([figure]),
            "count": paginator.count,
            "page": page,
            "lines": lines,
        },
    )


def _figure_members(request: HttpRequest, board: dashboards.Dashboard, key: str | None = None):
    """One of the board's figures and that figure's agencies (``assessment.dashboard.members``), or 404."""
    key = request.GET.get("figure", "") if key is None else key
    figure = board.figure(key)
    found = None
    if figure is not None:
        found = dashboard_members.of_figure(
            board.year, access.active_agencies(request.user), key, rubric_id=board.rubric_id
        )
    if found is None:
        raise Http404
    return figure, found


@login_required
def dashboard_export(request: HttpRequest, table: str) -> FileResponse | HttpResponse:
    if table not in dashboard_exports.TABLES:
        raise Http404
    board = _board(request)
    if board.counting:
        return _counting(request, board)
    if table in {"ranking", "agencies"}:
        figure, found = _figure_members(request, board, "ranking" if table == "ranking" else None)
        lines = list(found.lines())
        rows = dashboards.rows_of(board, access.active_agencies(request.user), [pk for pk, _part in lines])
        return dashboard_exports.agencies_response(board, figure, dict(lines), rows)
    return dashboard_exports.table_response(board, table)
