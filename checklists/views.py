"""Checklist pages: the annual cycle, an agency's checklist for a year, review, the filing overview.

Function views that read like the request: fetch through ``agencies.access`` (404 for outsiders, 403 for
those who may only read), bind a form, call ``checklists.services``, say what happened, redirect.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from agencies import access, import_jobs, years
from agencies.models import AnnualCycle, User
from agencies.pages import url_of_each
from agencies.spreadsheets import RowsRefused

from . import coverage, facts, selectors, services
from .compare import compare_revisions
from .exports import checklist_export, overview_export
from .forms import (
    AmendForm,
    AnnualCycleForm,
    DecisionForm,
    ImportForm,
    ItemFormSet,
    OverviewFilterForm,
    QueueFilterForm,
    StartForm,
    item_initial,
)
from .imports import import_template, parse_items
from .models import Checklist

NEW_ROWS_ON_AN_EMPTY_CHECKLIST = 3


# The filing overview shows this many agencies a page; its export has them all.
OVERVIEW_PAGE_SIZE = 100
# The review queue shows this many checklists a page, oldest submission first.
QUEUE_PAGE_SIZE = 50


def _visible_checklist(user: User, pk: int) -> Checklist:
    return get_object_or_404(access.scope(user, Checklist.objects.select_related("agency")), pk=pk)


def _changeable_checklist(user: User, pk: int) -> Checklist:
    """The checklist for a change by its agency's staff: 404 for outsiders, 403 for those who only read it."""
    checklist = _visible_checklist(user, pk)
    if not access.can_change(user, checklist.agency_id):
        raise PermissionDenied
    return checklist


def _refuse_unless_editable(request: HttpRequest, checklist: Checklist) -> HttpResponse | None:
    if checklist.is_editable:
        return None
    messages.error(
        request,
        _("This checklist is %(status)s; only a draft or a returned checklist can be changed.")
        % {"status": checklist.get_status_display()},
    )
    return redirect(checklist)


# --- the annual cycle (bureau administrators) ----------------------------------------------------------


@login_required
def cycle_list(request: HttpRequest) -> HttpResponse:
    access.require_manager(request.user)
    if request.GET.get("year", "").isdigit():
        return redirect("checklists:cycle_edit", year=years.parse_year(request.GET["year"]))
    cycles = list(selectors.annual_cycles())
    return render(
        request,
        "checklists/cycle_list.html",
        {"cycles": cycles, "openable": years.openable_years(), "first_year": years.FIRST_YEAR},
    )


@login_required
def cycle_edit(request: HttpRequest, year: int) -> HttpResponse:
    access.require_manager(request.user)
    form = AnnualCycleForm(request.POST or None, instance=years.open_cycle(year), year=year)
    if request.method == "POST" and form.is_valid():
        services.annual_cycle_save(
            actor=request.user,
            year=year,
            filing_deadline=form.cleaned_data["filing_deadline"],
            study_minimum=form.cleaned_data["study_minimum"],
        )
        messages.success(request, _("The settings for %(year)s are saved.") % {"year": year})
        return redirect("checklists:cycle_list")
    return render(request, "checklists/cycle_form.html", {"form": form, "year": year})


# --- an agency's checklist -----------------------------------------------------------------------------


@login_required
def my_checklist(request: HttpRequest) -> HttpResponse:
    user = request.user
    if user.is_agency_staff:
        return redirect("checklists:year", agency_id=user.agency_id, year=timezone.localdate().year)
    if access.reviews(user):
        return redirect("checklists:queue")
    return redirect("checklists:overview")


def _detail_context(request: HttpRequest, checklist: Checklist, cycle: AnnualCycle | None = None) -> dict:
    user = request.user
    revisions = selectors.revisions_of(checklist.agency, checklist.year)
    latest = revisions[0]
    cycle = cycle or selectors.cycle_for(checklist.year)
    can_change = access.can_change(user, checklist.agency_id)
    today = timezone.localdate()
    progress_url = selectors.attach_item_progress(checklist)
    return {
        "checklist": checklist,
        "agency": checklist.agency,
        "year": checklist.year,
        "progress_url": progress_url,
        "revisions": revisions,
        "public_revision": selectors.approved_revision(revisions),
        "is_latest": latest.pk == checklist.pk,
        "cycle": cycle,
        "days_left": (cycle.filing_deadline - today).days,
        "late": selectors.is_late(checklist, {checklist.year: cycle}),
        "filing": selectors.year_filing(checklist, revisions=revisions, cycle=cycle),
        "can_change": can_change,
        "can_edit": can_change and checklist.is_editable,
        "can_amend": can_change and services.amend_refusal(checklist, latest) is None,
        "can_review": checklist.status == Checklist.Status.SUBMITTED and access.can_review(user, checklist.agency_id),
    }


@login_required
def checklist_year(request: HttpRequest, agency_id: int, year: int) -> HttpResponse:
    """Our checklist for year Y: its latest revision, or the way to start it."""
    agency = access.get_visible_agency(request.user, agency_id)
    cycle = years.open_cycle(year)
    latest = Checklist.objects.filter(agency=agency, year=cycle.year).order_by("-revision").first()
    if latest is None:
        can_change = access.can_change(request.user, agency)
        previous = services.previous_approved(agency, year) if can_change else None
        return render(
            request,
            "checklists/start.html",
            {
                "agency": agency,
                "year": year,
                "cycle": cycle,
                "can_change": can_change,
                "previous": previous,
                "form": StartForm(previous=previous),
            },
        )
    checklist = selectors.checklist_detail(Checklist.objects.all(), latest.pk)
    return render(request, "checklists/checklist_detail.html", _detail_context(request, checklist, cycle))


@login_required
@require_POST
def checklist_start(request: HttpRequest, agency_id: int, year: int) -> HttpResponse:
    agency = access.get_changeable_agency(request.user, agency_id)
    form = StartForm(request.POST, previous=services.previous_approved(agency, years.open_cycle(year).year))
    if form.is_valid():
        try:
            checklist = services.checklist_start(
                agency=agency,
                year=year,
                actor=request.user,
                copy_previous=form.cleaned_data["how"] == StartForm.COPY,
            )
        except services.TransitionError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("The checklist for %(year)s is started; add its items.") % {"year": year})
            return redirect("checklists:items", pk=checklist.pk)
    return redirect("checklists:year", agency_id=agency.pk, year=year)


@login_required
def checklist_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One revision, as it was: its items, status and history."""
    checklist = selectors.checklist_detail(access.scope(request.user, Checklist.objects.all()), pk)
    if checklist is None:
        raise Http404
    return render(request, "checklists/checklist_detail.html", _detail_context(request, checklist))


def _formset(data=None, *, checklist: Checklist, initial=None):
    return ItemFormSet(
        data,
        initial=initial,
        prefix="items",
        form_kwargs={"year": checklist.year, "law_choices": selectors.law_choices(checklist.agency)},
    )


@login_required
def checklist_items(request: HttpRequest, pk: int) -> HttpResponse:
    """Add, edit, remove and reorder the items on one page; works without JavaScript."""
    # As the other editing views start: the checklist, then the page refusing an edit it does not allow.
    checklist = _changeable_checklist(request.user, pk)
    refused = _refuse_unless_editable(request, checklist)
    if refused:
        return refused
    if request.method == "POST":
        formset = _formset(request.POST, checklist=checklist)
        if "add_rows" in request.POST:
            # Show what was typed, unchecked, with one more empty row.
            kept = formset.raw_rows()
            untouched = len(formset.forms) - len(kept)
            formset = _formset(checklist=checklist, initial=kept)
            formset.extra = untouched + 1
        elif formset.is_valid():
            try:
                services.checklist_items_save(checklist=checklist, actor=request.user, items=formset.items())
            except services.TransitionError as error:
                messages.error(request, str(error))
            else:
                messages.success(request, _("The checklist's items are saved."))
                return redirect(checklist)
    else:
        items = selectors.checklist_items(checklist)
        formset = _formset(checklist=checklist, initial=[item_initial(item) for item in items])
        formset.extra = 0 if items else NEW_ROWS_ON_AN_EMPTY_CHECKLIST
    return render(
        request,
        "checklists/items_form.html",
        {
            "checklist": checklist,
            "formset": formset,
            "coverage": coverage.coverage(checklist.agency, revision=checklist),
        },
    )


@login_required
def checklist_submit(request: HttpRequest, pk: int) -> HttpResponse:
    checklist = _changeable_checklist(request.user, pk)
    if request.method == "POST":
        try:
            services.checklist_submit(checklist=checklist, actor=request.user)
        except services.TransitionError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request, _("Submitted to %(office)s for review.") % {"office": checklist.agency.filing_office}
            )
        return redirect(checklist)
    refused = _refuse_unless_editable(request, checklist)
    if refused:
        return refused
    cycle = selectors.cycle_for(checklist.year)
    return render(
        request,
        "checklists/submit_confirm.html",
        {
            "checklist": checklist,
            "agency": checklist.agency,
            "item_count": checklist.items.count(),
            "cycle": cycle,
            "would_be_late": checklist.revision == 1
            and checklist.first_submitted_at is None
            and facts.submitted_late(timezone.now(), cycle),
            "filing_office": checklist.agency.filing_office,
        },
    )


@login_required
def checklist_amend(request: HttpRequest, pk: int) -> HttpResponse:
    checklist = _changeable_checklist(request.user, pk)
    latest = selectors.latest_checklist(checklist.agency_id, checklist.year)
    refusal = services.amend_refusal(checklist, latest)
    if refusal and request.method == "POST":  # a page opened before another revision was started
        messages.error(request, refusal)
        return redirect(checklist)
    if refusal:  # said before any reason is typed: no form, the way to the revision that counts now
        return render(
            request, "checklists/amend_form.html", {"checklist": checklist, "refusal": refusal, "latest": latest}
        )
    form = AmendForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            amendment = services.checklist_amend(
                checklist=checklist, actor=request.user, reason=form.cleaned_data["reason"]
            )
        except services.TransitionError as error:
            messages.error(request, str(error))
            return redirect(checklist)
        messages.success(
            request,
            _(
                "Revision %(revision)s is started as a draft; "
                "the public keeps seeing the approved one until it is approved."
            )
            % {"revision": amendment.revision},
        )
        return redirect("checklists:items", pk=amendment.pk)
    return render(request, "checklists/amend_form.html", {"checklist": checklist, "form": form})


@login_required
def checklist_print(request: HttpRequest, pk: int) -> HttpResponse:
    """The 备案表: one revision on an A4 page, with none of the screen's navigation or buttons."""
    checklist = selectors.checklist_detail(access.scope(request.user, Checklist.objects.all()), pk)
    if checklist is None:
        raise Http404
    return render(
        request,
        "checklists/checklist_print.html",
        {"checklist": checklist, "agency": checklist.agency, "filing": selectors.year_filing(checklist)},
    )


@login_required
def checklist_download(request: HttpRequest, pk: int) -> HttpResponse:
    checklist = _visible_checklist(request.user, pk)
    return checklist_export(checklist, selectors.checklist_items(checklist))


@login_required
def items_template(request: HttpRequest) -> HttpResponse:
    return import_template()


@login_required
def checklist_import(request: HttpRequest, pk: int) -> HttpResponse:
    # As the other editing views start: the checklist, then the page refusing an edit it does not allow.
    checklist = _changeable_checklist(request.user, pk)
    refused = _refuse_unless_editable(request, checklist)
    if refused:
        return refused
    # The import page's steps as in activities.views.import_activities: each catches its own service's refusals and
    # says its own words, which one shared helper would take as parameters.
    form = ImportForm(request.POST or None, request.FILES or None)
    row_errors = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            queued = import_jobs.handed_to_worker(
                request,
                upload,
                handler="checklists.imports.items_import_stored",
                arguments={"checklist_id": checklist.pk, "user_id": request.user.pk},
                title=_("Import checklist items: %(agency)s, %(year)d")
                % {"agency": checklist.agency.name, "year": checklist.year},
                done_url=reverse("checklists:items", args=[checklist.pk]),
            )
            if queued:
                return queued
            items = parse_items(upload, checklist)
            count = services.checklist_items_import(checklist=checklist, actor=request.user, items=items)
        except ValidationError as error:
            form.add_error("file", error)
        except RowsRefused as rejected:
            row_errors = rejected.errors
        except services.TransitionError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("%(count)d items imported.") % {"count": count})
            return redirect("checklists:items", pk=checklist.pk)
    return render(
        request, "checklists/import_form.html", {"checklist": checklist, "form": form, "row_errors": row_errors}
    )


def _reviewable_checklist(user: User, pk: int) -> Checklist:
    """The checklist for a reviewer's decision: 404 for outsiders, 403 for those who may only read it."""
    checklist = selectors.checklist_detail(access.scope(user, Checklist.objects.all()), pk)
    if checklist is None:
        raise Http404
    if not access.can_review(user, checklist.agency_id):
        raise PermissionDenied  # they may read it, not decide it
    return checklist


def _decision_form(request: HttpRequest, checklist: Checklist, decision: str) -> DecisionForm:
    return DecisionForm(request.POST or None, decision=decision, initial=_shown(checklist))


def _shown(checklist: Checklist) -> dict[str, str]:
    """A decision form's record of the submission the page shows, for the decision to be refused if it changes."""
    return {"seen": checklist.submitted_at.isoformat() if checklist.submitted_at else ""}


# What the review page's 审核通过 carries to the approval's confirmation: the comment typed and the submission read.
CARRIED_TO_APPROVAL = ("comment", "seen")
# What the confirmation's 返回审核页面 carries back: the comment; the review page shows the submission as it is now.
CARRIED_TO_REVIEW = ("comment",)


def _carried_form(checklist: Checklist, decision: str, data, names: tuple[str, ...]) -> DecisionForm:
    """The other page's decision form, unbound, starting from the fields ``names`` the reviewer posted on this one:
    carried in the form rather than in an address, which a long comment would overflow. A ``seen`` that is no time
    is left out (the form then holds the submission shown now)."""
    carried = {name: data[name] for name in names if data.get(name)}
    if "seen" in carried:
        try:
            DecisionForm.base_fields["seen"].clean(carried["seen"])
        except ValidationError:
            del carried["seen"]
    return DecisionForm(decision=decision, initial={**_shown(checklist), **carried})


def _refused_decision(request: HttpRequest, decide, checklist: Checklist, form: DecisionForm) -> HttpResponse | None:
    """Decide with the form's comment; when the service refuses (decided meanwhile, or no longer submitted), say
    why and go back to the review page. None when the decision is made."""
    try:
        decide(
            checklist=checklist,
            actor=request.user,
            comment=form.cleaned_data["comment"],
            seen_submitted_at=form.cleaned_data["seen"],
        )
    except services.AlreadyDecided as error:
        messages.warning(request, str(error))
    except services.TransitionError as error:
        messages.error(request, str(error))
    else:
        return None
    return redirect("checklists:review", pk=checklist.pk)


# --- review --------------------------------------------------------------------------------------------


@login_required
def review_queue(request: HttpRequest) -> HttpResponse:
    access.require_reviewer(request.user)
    counts = selectors.queue_counts(request.user)
    form = QueueFilterForm(request.GET or None, counts=counts)
    filters = form.filters()
    paginator = Paginator(selectors.review_queue(request.user, counts, filters), QUEUE_PAGE_SIZE)
    paginator.count = counts.count(filters)  # already counted: no second COUNT query
    page = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "checklists/review_queue.html",
        {"queue": page, "page": page, "counts": counts, "form": form, "filtered": filters != selectors.QueueFilters()},
    )


@login_required
def checklist_review(request: HttpRequest, pk: int) -> HttpResponse:
    checklist = _reviewable_checklist(request.user, pk)
    decision = request.POST.get("decision", "")
    if request.method == "POST" and decision in {DecisionForm.ASK_APPROVAL, DecisionForm.APPROVE}:
        # Approving publishes, so it is decided on its confirmation (checklist_approve) and never here: 审核通过, or
        # a decision=approve posted from elsewhere, is answered with the confirmation, its form holding the comment
        # typed here and the submission read. Nothing is written yet.
        if checklist.status != Checklist.Status.SUBMITTED:
            return _nothing_to_decide(request, checklist)
        form = _carried_form(checklist, DecisionForm.APPROVE, request.POST, CARRIED_TO_APPROVAL)
        return _approval_confirmation(request, checklist, form)
    form = _decision_form(request, checklist, decision)
    if request.method == "POST" and form.is_valid():  # a return: the one decision this page makes
        refused = _refused_decision(request, services.checklist_return, checklist, form)
        if refused:
            return refused
        messages.success(request, _("%(agency)s's checklist is returned for changes.") % {"agency": checklist.agency})
        return redirect("checklists:queue")
    return _review_page(request, checklist, form)


def _review_page(request: HttpRequest, checklist: Checklist, form: DecisionForm) -> HttpResponse:
    changes = None
    if checklist.based_on_id:
        changes = compare_revisions(selectors.checklist_with_items(checklist.based_on_id), checklist)
    cycle = selectors.cycle_for(checklist.year)
    return render(
        request,
        "checklists/review.html",
        {
            "checklist": checklist,
            "agency": checklist.agency,
            "form": form,
            "changes": changes,
            "cycle": cycle,
            "late": selectors.is_late(checklist, {checklist.year: cycle}),
            "coverage": coverage.coverage(checklist.agency, revision=checklist),
        },
    )


@login_required
def checklist_approve(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the confirmation, with what is still open (writes nothing); POST: approve, or go back to the review page
    with the comment. Approving publishes the checklist on the public pages, so it is not one click from the review
    page, which answers its 审核通过 with this confirmation."""
    checklist = _reviewable_checklist(request.user, pk)
    if checklist.status != Checklist.Status.SUBMITTED:
        return _nothing_to_decide(request, checklist)
    if request.method == "POST" and "back" in request.POST:
        # 返回审核页面: the review page in answer, with the comment as typed here, to reconsider or return; nothing is
        # written.
        return _review_page(request, checklist, _carried_form(checklist, "", request.POST, CARRIED_TO_REVIEW))
    form = _decision_form(request, checklist, DecisionForm.APPROVE)
    if request.method == "POST" and form.is_valid():
        refused = _refused_decision(request, services.checklist_approve, checklist, form)
        if refused:
            return refused
        messages.success(request, _("%(agency)s's checklist is approved and published.") % {"agency": checklist.agency})
        return redirect("checklists:queue")
    return _approval_confirmation(request, checklist, form)


def _approval_confirmation(request: HttpRequest, checklist: Checklist, form: DecisionForm) -> HttpResponse:
    return render(
        request,
        "checklists/approve_confirm.html",
        {
            "checklist": checklist,
            "agency": checklist.agency,
            "form": form,
            "check": selectors.approval_check(checklist),
        },
    )


def _nothing_to_decide(request: HttpRequest, checklist: Checklist) -> HttpResponse:
    messages.info(
        request,
        _("This checklist is %(status)s: there is nothing to decide.") % {"status": checklist.get_status_display()},
    )
    return redirect("checklists:review", pk=checklist.pk)


def _overview_cycle(request: HttpRequest) -> AnnualCycle:
    return years.open_cycle(request.GET.get("year", timezone.localdate().year))


@login_required
def filing_overview(request: HttpRequest) -> HttpResponse:
    access.require_overseer(request.user)
    cycle = _overview_cycle(request)
    year = cycle.year
    form = OverviewFilterForm(request.GET or None, year=year, this_year=timezone.localdate().year)
    rows = selectors.filing_overview(request.user, year, form.filters(), cycle=cycle)
    counts = selectors.status_counts(rows)
    paginator = Paginator(rows, OVERVIEW_PAGE_SIZE)
    paginator.count = sum(counts.values())  # already counted: no second COUNT query
    page = paginator.get_page(request.GET.get("page"))
    page.object_list = selectors.with_labels(page.object_list)
    checklist_url = url_of_each("checklists:year", year)
    for row in page.object_list:
        row.url = checklist_url(row.pk)
    query = request.GET.copy()
    query["year"] = year
    return render(
        request,
        "checklists/overview.html",
        {
            "year": year,
            "form": form,
            "rows": page,
            "page": page,
            "counts": [(label, counts[status]) for status, label in selectors.FILING_STATUS_CHOICES],
            "cycle": cycle,
            "export_url": f"{reverse('checklists:overview_export')}?{query.urlencode()}",
        },
    )


@login_required
def filing_overview_export(request: HttpRequest) -> HttpResponse:
    access.require_overseer(request.user)
    cycle = _overview_cycle(request)
    year = cycle.year
    form = OverviewFilterForm(request.GET or None, year=year, this_year=timezone.localdate().year)
    rows = selectors.filing_overview(request.user, year, form.filters(), cycle=cycle)
    return overview_export(year, selectors.with_labels(rows))
