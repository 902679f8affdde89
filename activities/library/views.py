"""Pages of the resource library (§3.3) and needs analysis (§3.2).

The library is read by every signed-in user and curated by the bureau; agencies' staff propose. Needs
analyses follow the agency access rules: 404 for outsiders, 403 for those who may only read.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from agencies import access
from agencies.documents import download_response
from agencies.filters import checked

from ..models import LibraryStatus, Material, NeedsAnalysis, ResourcePerson
from . import exports, selectors, services
from .forms import (
    DecisionForm,
    MaterialFilter,
    MaterialForm,
    NeedsAnalysisForm,
    NeedsFilter,
    PersonFilter,
    PersonForm,
    ReplyForm,
)

PAGE_SIZE = 50


def _page(request: HttpRequest, queryset, param: str = "page"):
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get(param))


def _in_library_by_default(request: HttpRequest):
    """Lists show what is in the library unless another status is asked for."""
    data = request.GET.copy()
    data.setdefault("status", LibraryStatus.ACTIVE)
    return data


# --- people ---------------------------------------------------------------------------------------


@login_required
def people_list(request: HttpRequest) -> HttpResponse:
    people = PersonFilter(_in_library_by_default(request), queryset=selectors.people_list(request.user))
    return render(
        request,
        "activities/library/people_list.html",
        {
            "filter": people,
            "page": _page(request, people.qs),
            "can_manage": access.can_manage(request.user),
            "may_add": access.may_add_to_library(request.user),
            "tab": "people",
        },
    )


@login_required
def people_export(request: HttpRequest) -> HttpResponse:
    people = PersonFilter(_in_library_by_default(request), queryset=selectors.people_list(request.user)).qs
    return exports.people_response(people)


@login_required
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_object_or_404(selectors.visible_people(request.user).select_related("proposed_by_agency"), pk=pk)
    return render(
        request,
        "activities/library/person_detail.html",
        {
            "person": person,
            "activities": selectors.person_activities(person),
            "can_manage": access.can_manage(request.user),
            "decision_form": DecisionForm(),
            "tab": "people",
        },
    )


@login_required
def person_create(request: HttpRequest) -> HttpResponse:
    if not access.may_add_to_library(request.user):
        raise PermissionDenied
    form = PersonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        person = services.person_add(user=request.user, **form.cleaned_data)
        if person.is_pending:
            messages.success(request, _("“%(name)s” was proposed to the bureau.") % {"name": person.name})
        else:
            messages.success(request, _("“%(name)s” was added to the library.") % {"name": person.name})
        return redirect(person)
    return render(request, "activities/library/person_form.html", {"form": form, "creating": True, "tab": "people"})


@login_required
def person_edit(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_object_or_404(selectors.visible_people(request.user), pk=pk)
    access.require_manager(request.user)
    form = PersonForm(request.POST or None, instance=person)
    if request.method == "POST" and form.is_valid():
        services.person_edit(person=person, user=request.user, **form.cleaned_data)
        messages.success(request, _("“%(name)s” saved.") % {"name": person.name})
        return redirect(person)
    return render(
        request,
        "activities/library/person_form.html",
        {"form": form, "person": person, "creating": False, "tab": "people"},
    )


# --- materials ------------------------------------------------------------------------------------


@login_required
def material_list(request: HttpRequest) -> HttpResponse:
    materials = MaterialFilter(_in_library_by_default(request), queryset=selectors.material_list(request.user))
    return render(
        request,
        "activities/library/material_list.html",
        {
            "filter": materials,
            "page": _page(request, materials.qs),
            "can_manage": access.can_manage(request.user),
            "may_add": access.may_add_to_library(request.user),
            "tab": "materials",
        },
    )


@login_required
def material_export(request: HttpRequest) -> HttpResponse:
    materials = MaterialFilter(_in_library_by_default(request), queryset=selectors.material_list(request.user)).qs
    return exports.materials_response(materials)


@login_required
def material_detail(request: HttpRequest, pk: int) -> HttpResponse:
    material = get_object_or_404(selectors.material_list(request.user), pk=pk)
    return render(
        request,
        "activities/library/material_detail.html",
        {
            "material": material,
            "can_manage": access.can_manage(request.user),
            "decision_form": DecisionForm(),
            "tab": "materials",
        },
    )


@login_required
def material_download(request: HttpRequest, pk: int) -> FileResponse:
    material = get_object_or_404(selectors.visible_materials(request.user), pk=pk)
    return download_response(material.file, material.original_name, material.content_type)


@login_required
def material_create(request: HttpRequest) -> HttpResponse:
    if not access.may_add_to_library(request.user):
        raise PermissionDenied
    form = MaterialForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        material = services.material_add(user=request.user, **form.cleaned_data)
        if material.is_pending:
            messages.success(request, _("“%(title)s” was proposed to the bureau.") % {"title": material.title})
        else:
            messages.success(request, _("“%(title)s” was added to the library.") % {"title": material.title})
        return redirect(material)
    return render(
        request, "activities/library/material_form.html", {"form": form, "creating": True, "tab": "materials"}
    )


@login_required
def material_edit(request: HttpRequest, pk: int) -> HttpResponse:
    material = get_object_or_404(selectors.visible_materials(request.user), pk=pk)
    access.require_manager(request.user)
    form = MaterialForm(request.POST or None, request.FILES or None, instance=material)
    if request.method == "POST" and form.is_valid():
        services.material_edit(material=material, user=request.user, **form.cleaned_data)
        messages.success(request, _("“%(title)s” saved.") % {"title": material.title})
        return redirect(material)
    return render(
        request,
        "activities/library/material_form.html",
        {"form": form, "material": material, "creating": False, "tab": "materials"},
    )


# --- the bureau's decisions -----------------------------------------------------------------------


def _entry(request: HttpRequest, kind: str, pk: int) -> ResourcePerson | Material:
    queryset = selectors.visible_people if kind == "person" else selectors.visible_materials
    entry = get_object_or_404(queryset(request.user), pk=pk)
    access.require_manager(request.user)
    return entry


@login_required
@require_POST
def entry_decide(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    entry = _entry(request, kind, pk)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(entry)
    try:
        if form.cleaned_data["decision"] == DecisionForm.ACCEPT:
            services.library_entry_accept(entry=entry, user=request.user)
            messages.success(request, _("Accepted into the library."))
        else:
            services.library_entry_decline(entry=entry, user=request.user, reason=form.cleaned_data["reason"])
            messages.success(request, _("The proposal was declined; the agency sees the reason."))
    except ValidationError as error:
        messages.error(request, error.messages[0])
    return redirect(entry)


@login_required
@require_POST
def entry_retire(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    entry = _entry(request, kind, pk)
    try:
        if entry.status == LibraryStatus.RETIRED:
            services.library_entry_restore(entry=entry, user=request.user)
            messages.success(request, _("Put back into the library."))
        else:
            services.library_entry_retire(entry=entry, user=request.user)
            messages.success(request, _("Retired: no longer offered, kept on past activities."))
    except ValidationError as error:
        messages.error(request, error.messages[0])
    return redirect(entry)


# --- proposals ------------------------------------------------------------------------------------


@login_required
def proposals(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    people, materials = selectors.proposal_people(request.user), selectors.proposal_materials(request.user)
    if status in {LibraryStatus.PROPOSED, LibraryStatus.DECLINED}:
        people, materials = people.filter(status=status), materials.filter(status=status)
    return render(
        request,
        "activities/library/proposals.html",
        {
            # Two lists on one page, each paged on its own number (the export has both whole).
            "people": _page(request, people, "people_page"),
            "materials": _page(request, materials, "materials_page"),
            "status": status,
            "status_choices": [
                (LibraryStatus.PROPOSED, LibraryStatus.PROPOSED.label),
                (LibraryStatus.DECLINED, LibraryStatus.DECLINED.label),
            ],
            "can_manage": access.can_manage(request.user),
            "tab": "proposals",
        },
    )


@login_required
def proposals_export(request: HttpRequest) -> HttpResponse:
    return exports.proposals_response(request.user)


# --- needs analysis ---------------------------------------------------------------------------------


@login_required
def needs_list(request: HttpRequest) -> HttpResponse:
    analyses = checked(NeedsFilter(request.GET, queryset=selectors.needs_list(request.user)))
    own_agency = request.user.agency if request.user.is_agency_staff else None
    return render(
        request,
        "activities/library/needs_list.html",
        {"filter": analyses, "page": _page(request, analyses.qs), "own_agency": own_agency, "tab": "needs"},
    )


@login_required
def needs_export(request: HttpRequest) -> HttpResponse:
    analyses = checked(NeedsFilter(request.GET, queryset=selectors.needs_list(request.user))).qs
    return exports.needs_response(analyses)


@login_required
def needs_create(request: HttpRequest, agency_pk: int) -> HttpResponse:
    agency = access.get_changeable_agency(request.user, agency_pk)
    form = NeedsAnalysisForm(
        request.POST or None, request.FILES or None, agency=agency, this_year=timezone.localdate().year
    )
    if request.method == "POST" and form.is_valid():
        analysis = services.needs_analysis_record(agency=agency, user=request.user, **form.cleaned_data)
        messages.success(request, _("The needs analysis was recorded."))
        return redirect(analysis)
    context = {"form": form, "agency": agency, "creating": True, "tab": "needs"}
    return render(request, "activities/library/needs_form.html", context)


def _visible_analysis(request: HttpRequest, pk: int) -> NeedsAnalysis:
    analysis = selectors.needs_detail(request.user, pk)
    if analysis is None:
        raise Http404
    return analysis


@login_required
def needs_detail(request: HttpRequest, pk: int) -> HttpResponse:
    analysis = _visible_analysis(request, pk)
    return render(
        request,
        "activities/library/needs_detail.html",
        {
            "analysis": analysis,
            "can_edit": access.can_change(request.user, analysis.agency_id),
            "can_reply": access.can_review(request.user, analysis.agency_id),
            "reply_form": ReplyForm(),
            "tab": "needs",
        },
    )


@login_required
def needs_edit(request: HttpRequest, pk: int) -> HttpResponse:
    analysis = _visible_analysis(request, pk)
    agency = access.get_changeable_agency(request.user, analysis.agency_id)
    form = NeedsAnalysisForm(
        request.POST or None,
        request.FILES or None,
        instance=analysis,
        agency=agency,
        this_year=timezone.localdate().year,
    )
    if request.method == "POST" and form.is_valid():
        services.needs_analysis_edit(analysis=analysis, user=request.user, **form.cleaned_data)
        messages.success(request, _("The needs analysis was saved."))
        return redirect(analysis)
    return render(
        request,
        "activities/library/needs_form.html",
        {"form": form, "agency": agency, "analysis": analysis, "creating": False, "tab": "needs"},
    )


@login_required
@require_POST
def needs_reply(request: HttpRequest, pk: int) -> HttpResponse:
    analysis = _visible_analysis(request, pk)
    access.get_reviewable_agency(request.user, analysis.agency_id)
    form = ReplyForm(request.POST)
    if form.is_valid():
        services.needs_analysis_reply(analysis=analysis, user=request.user, body=form.cleaned_data["body"])
        messages.success(request, _("Your reply was sent to the agency."))
        return redirect(analysis)
    return render(
        request,
        "activities/library/needs_detail.html",
        {"analysis": analysis, "can_edit": False, "can_reply": True, "reply_form": form, "tab": "needs"},
        status=200,
    )


@login_required
def needs_attachment(request: HttpRequest, pk: int) -> FileResponse:
    analysis = _visible_analysis(request, pk)
    if not analysis.attachment:
        raise Http404
    return download_response(analysis.attachment, analysis.attachment_name, analysis.attachment_type)
