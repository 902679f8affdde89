"""Pages of the resource library (§3.3) and needs analysis (§3.2).

The library is read by every signed-in user and curated by the bureau; agencies' staff propose. Needs
analyses follow the agency access rules: 404 for outsiders, 403 for those who may only read.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from agencies import access
from agencies.documents import download_response, stored_download
from agencies.filters import checked
from agencies.pages import form_page, found, list_page, page_of

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

# The proposals page pages its two lists apart, each by this many.
PROPOSALS_PAGE_SIZE = 50


def _in_library_by_default(request: HttpRequest):
    """Lists show what is in the library unless another status is asked for."""
    data = request.GET.copy()
    data.setdefault("status", LibraryStatus.ACTIVE)
    return data


def _people(request: HttpRequest) -> PersonFilter:
    """The people list as filtered: the page and its export show the same rows."""
    return PersonFilter(_in_library_by_default(request), queryset=selectors.people_list(request.user))


def _materials(request: HttpRequest) -> MaterialFilter:
    """The materials list as filtered: the page and its export show the same rows."""
    return MaterialFilter(_in_library_by_default(request), queryset=selectors.material_list(request.user))


def _library_list(request: HttpRequest, template: str, filterset, *, tab: str) -> HttpResponse:
    return list_page(
        request,
        template,
        filterset,
        can_manage=access.can_manage(request.user),
        may_add=access.may_add_to_library(request.user),
        tab=tab,
    )


def _may_add(request: HttpRequest) -> None:
    if not access.may_add_to_library(request.user):
        raise PermissionDenied


def _added(entry: ResourcePerson | Material, name: str) -> str:
    """What the user is told of an entry just added: in the library, or proposed to the bureau."""
    if entry.is_pending:
        return _("“%(name)s” was proposed to the bureau.") % {"name": name}
    return _("“%(name)s” was added to the library.") % {"name": name}


# --- people ---------------------------------------------------------------------------------------


# A list page and its export, two short views on one filter (_people); the materials' pair below has the same shape
# over its own filter, template and tab.
@login_required
def people_list(request: HttpRequest) -> HttpResponse:
    return _library_list(
        request,
        "activities/library/people_list.html",
        _people(request),
        tab="people",
    )


@login_required
def people_export(request: HttpRequest) -> HttpResponse:
    return exports.people_response(_people(request).qs)


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
    _may_add(request)
    return form_page(
        request,
        PersonForm(request.POST or None),
        "activities/library/person_form.html",
        {"creating": True, "tab": "people"},
        save=lambda data: services.person_add(user=request.user, **data),
        said=lambda person: _added(person, person.name),
    )


@login_required
def person_edit(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_object_or_404(selectors.visible_people(request.user), pk=pk)
    access.require_manager(request.user)
    return form_page(
        request,
        PersonForm(request.POST or None, instance=person),
        "activities/library/person_form.html",
        {"person": person, "creating": False, "tab": "people"},
        save=lambda data: services.person_edit(person=person, user=request.user, **data),
        said=lambda edited: _("“%(name)s” saved.") % {"name": edited.name},
    )


# --- materials ------------------------------------------------------------------------------------


# The same two short views as the people's above, over the materials' filter, template and tab.
@login_required
def material_list(request: HttpRequest) -> HttpResponse:
    return _library_list(
        request,
        "activities/library/material_list.html",
        _materials(request),
        tab="materials",
    )


@login_required
def material_export(request: HttpRequest) -> HttpResponse:
    return exports.materials_response(_materials(request).qs)


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


# A download is one call to agencies.documents' stored_download over the rows the user may see, as every stored file's
# download view is.
@login_required
def material_download(request: HttpRequest, pk: int) -> FileResponse:
    return stored_download(selectors.visible_materials(request.user), pk)


@login_required
def material_create(request: HttpRequest) -> HttpResponse:
    _may_add(request)
    return form_page(
        request,
        MaterialForm(request.POST or None, request.FILES or None),
        "activities/library/material_form.html",
        {"creating": True, "tab": "materials"},
        save=lambda data: services.material_add(user=request.user, **data),
        said=lambda material: _added(material, material.title),
    )


@login_required
def material_edit(request: HttpRequest, pk: int) -> HttpResponse:
    material = get_object_or_404(selectors.visible_materials(request.user), pk=pk)
    access.require_manager(request.user)
    return form_page(
        request,
        MaterialForm(request.POST or None, request.FILES or None, instance=material),
        "activities/library/material_form.html",
        {"material": material, "creating": False, "tab": "materials"},
        save=lambda data: services.material_edit(material=material, user=request.user, **data),
        said=lambda edited: _("“%(title)s” saved.") % {"title": edited.title},
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
            "people": page_of(request, people, PROPOSALS_PAGE_SIZE, param="people_page"),
            "materials": page_of(request, materials, PROPOSALS_PAGE_SIZE, param="materials_page"),
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
    return list_page(
        request,
        "activities/library/needs_list.html",
        checked(NeedsFilter(request.GET, queryset=selectors.needs_list(request.user))),
        own_agency=request.user.agency if request.user.is_agency_staff else None,
        tab="needs",
    )


@login_required
def needs_export(request: HttpRequest) -> HttpResponse:
    analyses = checked(NeedsFilter(request.GET, queryset=selectors.needs_list(request.user))).qs
    return exports.needs_response(analyses)


@login_required
def needs_create(request: HttpRequest, agency_pk: int) -> HttpResponse:
    agency = access.get_changeable_agency(request.user, agency_pk)
    return form_page(
        request,
        NeedsAnalysisForm(
            request.POST or None, request.FILES or None, agency=agency, this_year=timezone.localdate().year
        ),
        "activities/library/needs_form.html",
        {"agency": agency, "creating": True, "tab": "needs"},
        save=lambda data: services.needs_analysis_record(agency=agency, user=request.user, **data),
        said=_("The needs analysis was recorded."),
    )


def _visible_analysis(request: HttpRequest, pk: int) -> NeedsAnalysis:
    return found(selectors.needs_detail(request.user, pk))


# A detail view reads as every one does (fetch through access, render); only the template and its context are its own.
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
    return form_page(
        request,
        NeedsAnalysisForm(
            request.POST or None,
            request.FILES or None,
            instance=analysis,
            agency=agency,
            this_year=timezone.localdate().year,
        ),
        "activities/library/needs_form.html",
        {"agency": agency, "analysis": analysis, "creating": False, "tab": "needs"},
        save=lambda data: services.needs_analysis_edit(analysis=analysis, user=request.user, **data),
        said=_("The needs analysis was saved."),
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
