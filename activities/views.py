"""Activity pages: the ledger, logging and editing, evidence, progress, import and the annual archive.

Function views: fetch through ``agencies.access`` (404 for outsiders, 403 for read-only), bind a form,
call a service, message, redirect.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from agencies import access, freshness, import_jobs, spreadsheets, submissions, years
from agencies.documents import download_response
from agencies.models import Agency, AnnualCycle
from agencies.pages import attempt
from agencies.vocabulary import ActivityType, Audience, SixPlaces

from . import exports, imports, selectors, services
from .filters import LedgerFilter
from .forms import ActivityForm, DeleteForm, ImportForm
from .models import Activity, AnnualArchive, Evidence

PAGE_SIZE = 50
# 履职情况总览 shows this many agencies a page (as the filing overview does); its export has them all.
OVERVIEW_PAGE_SIZE = 100


def _check_year(year: int) -> AnnualCycle:
    """The opened year's cycle, or 404 (``agencies.years``)."""
    return years.open_cycle(year)


def _visible_activity(request: HttpRequest, pk: int) -> Activity:
    activity = selectors.activity_detail(access.scope(request.user, Activity.objects.live()), pk)
    if activity is None:
        raise Http404
    return activity


def _attachment(response: HttpResponse, filename: str, disposition: str = "attachment") -> HttpResponse:
    response["Content-Disposition"] = spreadsheets.content_disposition(filename, disposition)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def index(request: HttpRequest) -> HttpResponse:
    year = timezone.localdate().year
    if request.user.is_agency_staff:
        return redirect("activities:ledger", request.user.agency_id, year)
    return redirect("activities:overview", year)


@login_required
def ledger(request: HttpRequest, agency_pk: int, year: int) -> HttpResponse:
    """The page's content is kept until the agency's own data changes (``freshness.kept_for_agency``): a clerk paging
    back and forth, or a reviewer going through agencies, reads it from the cache, whatever the rest of the district
    writes meanwhile. The key holds everything else the content depends on: the year's cycle, the years, whether
    the reader may change it, the language and the filters."""
    agency = access.get_visible_agency(request.user, agency_pk)
    cycle = _check_year(year)
    can_change = access.can_change(request.user, agency)
    opened = years.open_years()
    content = freshness.kept_for_agency(
        "ledger",
        agency.pk,
        year,
        cycle.study_minimum,
        opened,
        can_change,
        translation.get_language(),
        request.GET.urlencode(),
        compute=lambda: _ledger_content(request, agency, year, cycle, can_change, opened),
    )
    return render(request, "activities/ledger.html", {"content": content})


def _ledger_content(
    request: HttpRequest, agency: Agency, year: int, cycle: AnnualCycle, can_change: bool, opened: list[int]
) -> str:
    items = selectors.fulfillable_items(agency.pk, year)
    ledger_filter = LedgerFilter(request.GET, queryset=selectors.ledger(agency.pk, year), items=items)
    page = Paginator(ledger_filter.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    _label_rows(page)
    return render_to_string(
        "activities/_ledger.html",
        {
            "agency": agency,
            "year": year,
            "filter": ledger_filter,
            "page": page,
            "can_change": can_change,
            "study": selectors.study_minimum(agency, year, minimum=cycle.study_minimum),
            "years": opened,
        },
        request,
    )


def _label_rows(activities) -> None:
    """Each row's type and six-places words from lookups built once per page: ``get_FOO_display`` rebuilds its
    field's choices on every call, which was the largest cost of the ledger's 50 rows."""
    types = {value: str(label) for value, label in ActivityType.choices}
    places = {value: str(label) for value, label in SixPlaces.choices}
    for activity in activities:
        activity.type_label = types.get(activity.activity_type, activity.activity_type)
        activity.six_places_label = places.get(activity.six_places_target, activity.six_places_target)


@login_required
def ledger_export(request: HttpRequest, agency_pk: int, year: int) -> FileResponse:
    agency = access.get_visible_agency(request.user, agency_pk)
    _check_year(year)
    items = selectors.fulfillable_items(agency.pk, year)
    ledger_filter = LedgerFilter(request.GET, queryset=selectors.ledger(agency.pk, year), items=items)
    workbook = exports.ledger_workbook(ledger_filter.qs, year)
    filename = _("%(agency)s %(year)d activity ledger.xlsx") % {"agency": agency.display_name, "year": year}
    return spreadsheets.workbook_response(workbook, filename)


@login_required
def activity_create(request: HttpRequest, agency_pk: int, year: int) -> HttpResponse:
    agency = access.get_changeable_agency(request.user, agency_pk)
    _check_year(year)
    # "Log an activity for this campaign" on a campaign's page comes with it chosen.
    initial = {"campaign": request.GET["campaign"]} if request.GET.get("campaign", "").isdigit() else {}
    form = ActivityForm(request.POST or None, request.FILES or None, agency=agency, year=year, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                submission = submissions.submission_claim(token=form.cleaned_data["once"], user=request.user)
                activity = services.activity_create(
                    agency=agency,
                    created_by=request.user,
                    fields=services.ActivityFields.from_cleaned(form.cleaned_data),
                    files=form.cleaned_data["evidence_files"],
                )
                submissions.submission_done(submission=submission, url=activity.get_absolute_url())
        except submissions.AlreadySubmitted as earlier:
            messages.info(request, _("This activity was already saved; it was not logged a second time."))
            return redirect(earlier.url or reverse("activities:ledger", args=[agency.pk, year]))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            # A form view ends as every one does (message, redirect, or the form again); the service it calls above is
            # its own.
            messages.success(request, _("Activity “%(title)s” logged.") % {"title": activity.title})
            return redirect(activity)
    return render(
        request,
        "activities/activity_form.html",
        {"form": form, "agency": agency, "year": year, "creating": True},
    )


# A detail view reads as every one does (fetch through access, render); only the template and its context are its own.
@login_required
def activity_detail(request: HttpRequest, pk: int) -> HttpResponse:
    activity = _visible_activity(request, pk)
    return render(
        request,
        "activities/activity_detail.html",
        {
            "activity": activity,
            "audience_labels": [Audience(value).label for value in activity.audiences if value in Audience.values],
            "links": [link for link in activity.links.splitlines() if link.strip()],
            "can_change": access.can_change(request.user, activity.agency_id),
            "can_mark_practice": access.marks_good_practice(request.user),
        },
    )


@login_required
def activity_edit(request: HttpRequest, pk: int) -> HttpResponse:
    activity = _visible_activity(request, pk)
    agency = access.get_changeable_agency(request.user, activity.agency_id)
    existing = list(activity.evidence.all())
    form = ActivityForm(
        request.POST or None,
        request.FILES or None,
        instance=activity,
        agency=agency,
        year=activity.year,
        existing_files=len(existing),
    )
    if request.method == "POST" and form.is_valid():
        try:
            activity = services.activity_update(
                activity=activity,
                updated_by=request.user,
                fields=services.ActivityFields.from_cleaned(form.cleaned_data),
                files=form.cleaned_data["evidence_files"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            # Ends as the create view above does (message, redirect, or the form again); the service it calls is its
            # own.
            messages.success(request, _("Activity “%(title)s” saved.") % {"title": activity.title})
            return redirect(activity)
    return render(
        request,
        "activities/activity_form.html",
        {"form": form, "agency": agency, "year": activity.year, "activity": activity, "evidence": existing},
    )


@login_required
def activity_delete(request: HttpRequest, pk: int) -> HttpResponse:
    activity = _visible_activity(request, pk)
    access.get_changeable_agency(request.user, activity.agency_id)
    if request.method == "POST":
        services.activity_delete(activity=activity, deleted_by=request.user)
        messages.success(request, _("Activity “%(title)s” deleted.") % {"title": activity.title})
        return redirect("activities:ledger", activity.agency_id, activity.year)
    return render(request, "activities/activity_delete.html", {"activity": activity, "form": DeleteForm()})


def _visible_evidence(request: HttpRequest, pk: int) -> Evidence:
    activities = access.scope(request.user, Activity.objects.live())
    return get_object_or_404(Evidence.objects.filter(activity__in=activities).select_related("activity"), pk=pk)


@login_required
def evidence_download(request: HttpRequest, pk: int) -> FileResponse:
    evidence = _visible_evidence(request, pk)
    return download_response(evidence.file, evidence.original_name, evidence.content_type)


@login_required
def evidence_thumbnail(request: HttpRequest, pk: int) -> HttpResponse:
    evidence = _visible_evidence(request, pk)
    if not evidence.is_image:
        raise Http404
    response = HttpResponse(services.evidence_thumbnail(evidence=evidence), content_type="image/jpeg")
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, max-age=3600"
    return response


@login_required
@require_POST
def evidence_publish(request: HttpRequest, pk: int) -> HttpResponse:
    evidence = _visible_evidence(request, pk)
    access.get_changeable_agency(request.user, evidence.activity.agency_id)
    may_publish = request.POST.get("may_publish") == "1"
    try:
        services.evidence_publish_set(evidence=evidence, may_publish=may_publish)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        done = _("“%(name)s” may be published.") if may_publish else _("“%(name)s” will not be published.")
        messages.success(request, done % {"name": evidence.original_name})
    return redirect("activities:detail", evidence.activity_id)


@login_required
@require_POST
def evidence_delete(request: HttpRequest, pk: int) -> HttpResponse:
    evidence = _visible_evidence(request, pk)
    access.get_changeable_agency(request.user, evidence.activity.agency_id)
    services.evidence_delete(evidence=evidence)
    messages.success(request, _("File “%(name)s” removed.") % {"name": evidence.original_name})
    return redirect("activities:edit", evidence.activity_id)


@login_required
def progress(request: HttpRequest, agency_pk: int, year: int) -> HttpResponse:
    agency = access.get_visible_agency(request.user, agency_pk)
    cycle = _check_year(year)
    return render(
        request,
        "activities/progress.html",
        {
            "agency": agency,
            "year": year,
            "report": selectors.item_progress(agency.pk, year),
            "study": selectors.study_minimum(agency, year, minimum=cycle.study_minimum),
            "can_change": access.can_change(request.user, agency),
        },
    )


@login_required
def overview(request: HttpRequest, year: int) -> HttpResponse:
    """履职情况总览: agencies in scope, a page at a time, with ★ sessions against the minimum, activities, people
    reached and archive filed; the full list is the export."""
    minimum = _check_year(year).study_minimum
    agencies = access.active_agencies(request.user)
    show = _overview_tab(request)
    counts = _overview_counts(request, agencies, year, minimum=minimum)
    paginator = Paginator(selectors.year_overview(agencies, year, minimum=minimum, show=show), OVERVIEW_PAGE_SIZE)
    paginator.count = counts[show]  # already counted: no second COUNT query
    page = paginator.get_page(request.GET.get("page"))
    query = f"?show={show}" if show else ""
    return render(
        request,
        "activities/overview.html",
        {
            "year": year,
            "rows": page,
            "page": page,
            "count_all": counts[selectors.OVERVIEW_ALL],
            "count_below": counts[selectors.OVERVIEW_BELOW],
            "count_unfiled": counts[selectors.OVERVIEW_UNFILED],
            "minimum": minimum,
            "show": show,
            "export_url": reverse("activities:overview_export", args=[year]) + query,
        },
    )


@login_required
def overview_export(request: HttpRequest, year: int) -> FileResponse:
    """履职情况总览 as a spreadsheet: every agency of the tab, not one page."""
    minimum = _check_year(year).study_minimum
    agencies = access.active_agencies(request.user)
    show = _overview_tab(request)
    rows = selectors.year_overview(agencies, year, minimum=minimum, show=show)
    return exports.overview_response(rows, year, minimum=minimum, show=show)


def _overview_counts(request: HttpRequest, agencies: QuerySet[Agency], year: int, *, minimum: int) -> dict[str, int]:
    """The tabs' counts, kept until the data next changes (every write they read bumps the data version: an
    activity, an archive, an agency, the year's cycle) or the day does (a session logged ahead counts from its
    date): they read every agency in scope, a page's rows only its own."""
    return freshness.kept(
        "overview-counts",
        f"{timezone.localdate():%Y%m%d}",
        year,
        minimum,
        access.scope_key(request.user),
        compute=lambda: selectors.year_overview_counts(agencies, year, minimum=minimum),
    )


def _overview_tab(request: HttpRequest) -> str:
    show = request.GET.get("show", selectors.OVERVIEW_ALL)
    return show if show in (selectors.OVERVIEW_BELOW, selectors.OVERVIEW_UNFILED) else selectors.OVERVIEW_ALL


@login_required
def import_template(request: HttpRequest) -> FileResponse:
    return imports.template_response()


@login_required
def import_activities(request: HttpRequest, agency_pk: int, year: int) -> HttpResponse:
    agency = access.get_changeable_agency(request.user, agency_pk)
    _check_year(year)
    # The import page's steps as in checklists.views.checklist_import: each catches its own service's refusals and
    # says its own words, which one shared helper would take as parameters.
    form = ImportForm(request.POST or None, request.FILES or None)
    row_errors = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            queued = import_jobs.handed_to_worker(
                request,
                upload,
                handler="activities.services.activities_import_stored",
                arguments={"agency_id": agency.pk, "year": year, "user_id": request.user.pk},
                title=_("Import activities: %(agency)s, %(year)d") % {"agency": agency.name, "year": year},
                done_url=reverse("activities:ledger", args=[agency.pk, year]),
            )
            if queued:
                return queued
            count = services.activities_import(agency=agency, year=year, created_by=request.user, upload=upload)
        except spreadsheets.RowsRefused as refused:
            row_errors = refused.errors
            form.add_error("file", _("Nothing was imported: correct the rows below and upload the file again."))
        except ValidationError as error:
            form.add_error("file", error)
        else:
            messages.success(request, _("%(count)d activities imported.") % {"count": count})
            return redirect("activities:ledger", agency.pk, year)
    return render(
        request,
        "activities/import.html",
        {"form": form, "agency": agency, "year": year, "row_errors": row_errors},
    )


# Read by all who may see the agency, built on request only by those who may change it, as the report draft's page
# is (assessment.reports.views); each asks its own service for its own file.
@login_required
def archive(request: HttpRequest, agency_pk: int, year: int) -> HttpResponse:
    agency = access.get_visible_agency(request.user, agency_pk)
    _check_year(year)
    if request.method == "POST":
        access.get_changeable_agency(request.user, agency.pk)
        attempt(
            request,
            lambda: services.archive_file(agency=agency, year=year, requested_by=request.user),
            _("The %(year)d archive is being built.") % {"year": year},
        )
        return redirect("activities:archive", agency.pk, year)
    current = selectors.archive_for(agency.pk, year)
    return render(
        request,
        "activities/archive.html",
        {
            "agency": agency,
            "year": year,
            "archive": current,
            "building": current is not None
            and current.status == AnnualArchive.Status.BUILDING
            and not current.is_stale,
            "can_change": access.can_change(request.user, agency),
            "has_checklist": selectors.latest_approved_checklist(agency.pk, year) is not None,
        },
    )


@login_required
def archive_download(request: HttpRequest, pk: int) -> FileResponse:
    filed = access.get_visible_ready(request.user, AnnualArchive, pk)
    name = _("%(agency)s %(year)d legal-education archive.zip") % {
        "agency": filed.agency.display_name,
        "year": filed.year,
    }
    return download_response(filed.file, name, "application/zip")
