"""Agency and law catalogue pages. Function views: access check, form, save, message, redirect."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from . import access, logins, notifications, power_lists, selectors, years
from .filters import AgencyFilter, LawFilter
from .forms import AgencyForm, ContactFormSet, LawForm, LoginForm, PowerListForm
from .models import Agency, Law, User

PAGE_SIZE = 50


@login_required
def agency_list(request: HttpRequest) -> HttpResponse:
    agencies = selectors.agency_list(access.visible_agencies(request.user))
    agency_filter = AgencyFilter(request.GET, queryset=agencies)
    page = Paginator(agency_filter.qs.order_by("level", "name"), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "agencies/agency_list.html",
        {"filter": agency_filter, "page": page, "can_manage": access.can_manage(request.user)},
    )


@login_required
def agency_detail(request: HttpRequest, pk: int) -> HttpResponse:
    agency = selectors.agency_detail(access.visible_agencies(request.user), pk).first()
    if agency is None:
        raise Http404
    this_year = timezone.localdate().year
    return render(
        request,
        "agencies/agency_detail.html",
        {
            "agency": agency,
            "can_manage": access.can_manage(request.user),
            # The way to the agency's checklist and ledger (read only for a parent agency or a reviewer).
            "year": this_year if years.is_open(this_year) else None,
        },
    )


# Create and edit are two doors into one form view (_agency_form), as for laws below; each door checks its own access.
@login_required
def agency_create(request: HttpRequest) -> HttpResponse:
    access.require_manager(request.user)
    return _agency_form(request, Agency())


@login_required
def agency_edit(request: HttpRequest, pk: int) -> HttpResponse:
    agency = access.get_visible_agency(request.user, pk)
    access.require_manager(request.user)
    return _agency_form(request, agency)


def _agency_form(request: HttpRequest, agency: Agency) -> HttpResponse:
    creating = agency.pk is None
    initial = {} if not creating else {"subject_to_study_minimum": True}
    form = AgencyForm(request.POST or None, instance=agency, initial=initial)
    contacts = ContactFormSet(request.POST or None, instance=agency, prefix="contacts")
    if request.method == "POST" and form.is_valid() and contacts.is_valid():
        with transaction.atomic():
            agency = form.save()
            contacts.instance = agency
            contacts.save()
        # A form view ends as every one does (message, redirect, or the form again); what it saves above is its own.
        messages.success(request, _("Agency “%(name)s” saved.") % {"name": agency.name})
        return redirect(agency)
    return render(
        request,
        "agencies/agency_form.html",
        {"form": form, "contacts": contacts, "agency": agency, "creating": creating},
    )


@login_required
def law_list(request: HttpRequest) -> HttpResponse:
    law_filter = LawFilter(request.GET, queryset=selectors.law_list())
    page = Paginator(law_filter.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "agencies/law_list.html",
        {"filter": law_filter, "page": page, "can_manage": access.can_manage(request.user)},
    )


@login_required
def power_list_import(request: HttpRequest) -> HttpResponse:
    """The bureau replaces the listed agencies' enforced laws with those of a power-list spreadsheet."""
    access.require_manager(request.user)
    form = PowerListForm(request.POST or None, request.FILES or None)
    bad_rows: list[tuple[int, str]] = []
    if request.method == "POST" and form.is_valid():
        try:
            done = power_lists.enforced_laws_replace(upload=form.cleaned_data["file"], actor=request.user)
        except power_lists.PowerListRejected as rejected:
            bad_rows = rejected.rows
        except ValidationError as error:
            form.add_error("file", error)
        else:
            messages.success(
                request,
                _("The enforced laws of %(agencies)d agencies are replaced: %(laws)d laws on record for them.")
                % {"agencies": done.agencies, "laws": done.laws},
            )
            return redirect("agencies:law_list")
    return render(request, "agencies/power_list_import.html", {"form": form, "bad_rows": bad_rows})


@login_required
def power_list_template(request: HttpRequest) -> HttpResponse:
    access.require_manager(request.user)
    return power_lists.template()


# Create and edit are two doors into one form view (_law_form), as for agencies above; each door checks its own
# access.
@login_required
def law_create(request: HttpRequest) -> HttpResponse:
    access.require_manager(request.user)
    return _law_form(request, Law())


@login_required
def law_edit(request: HttpRequest, pk: int) -> HttpResponse:
    access.require_manager(request.user)
    return _law_form(request, get_object_or_404(Law, pk=pk))


def _law_form(request: HttpRequest, law: Law) -> HttpResponse:
    creating = law.pk is None
    form = LawForm(request.POST or None, instance=law)
    if request.method == "POST" and form.is_valid():
        law = form.save()
        messages.success(request, _("“%(title)s” saved.") % {"title": law.title})
        return redirect("agencies:law_list")
    return render(request, "agencies/law_form.html", {"form": form, "law": law, "creating": creating})


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    """The user's own notifications; nobody sees anyone else's."""
    page = Paginator(selectors.inbox(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "agencies/inbox.html", {"page": page})


@login_required
@require_POST
def notification_open(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark the notification read and go to what it is about."""
    notification = notifications.notification_mark_read(user=request.user, notification_id=pk)
    target = notification.url or "/"
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "/"
    return redirect(target)


@login_required
@require_POST
def notification_read(request: HttpRequest, pk: int) -> HttpResponse:
    notifications.notification_mark_read(user=request.user, notification_id=pk)
    messages.success(request, _("Notification marked as read."))
    return redirect("agencies:inbox")


@login_required
@require_POST
def inbox_read_all(request: HttpRequest) -> HttpResponse:
    count = notifications.notifications_mark_all_read(user=request.user)
    messages.success(request, _("%(count)s notifications marked as read.") % {"count": count})
    return redirect("agencies:inbox")


# --- logins: the bureau manages who may sign in (agencies.logins) ---------------------------------------


@login_required
@require_safe
def import_job(request: HttpRequest, pk: int) -> HttpResponse:
    """A large import's progress, then its outcome: how many rows were imported, or every bad row."""
    job = access.get_import_job(request.user, pk)
    return render(request, "agencies/import_job.html", {"job": job})


@login_required
def login_list(request: HttpRequest) -> HttpResponse:
    access.require_manager(request.user)
    q = request.GET.get("q", "").strip()
    try:
        agency_id = int(request.GET.get("agency") or 0) or None
    except ValueError:
        agency_id = None
    page = Paginator(selectors.login_list(agency_id=agency_id, q=q), PAGE_SIZE).get_page(request.GET.get("page"))
    agency = Agency.objects.filter(pk=agency_id).first() if agency_id else None
    return render(request, "agencies/login_list.html", {"page": page, "q": q, "agency": agency})


def _password_shown_once(request: HttpRequest, login: User, password: str, *, created: bool) -> HttpResponse:
    """The password, on a page that is neither stored by the browser nor kept anywhere else."""
    response = render(
        request, "agencies/login_password.html", {"login": login, "password": password, "created": created}
    )
    add_never_cache_headers(response)
    return response


@login_required
def login_create(request: HttpRequest) -> HttpResponse:
    access.require_manager(request.user)
    initial = {}
    if request.GET.get("agency", "").isdigit():
        initial = {"agency": request.GET["agency"], "role": User.Role.STAFF}
    form = LoginForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            login, password = logins.login_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return _password_shown_once(request, login, password, created=True)
    return render(request, "agencies/login_form.html", {"form": form, "creating": True})


@login_required
def login_edit(request: HttpRequest, pk: int) -> HttpResponse:
    login = access.get_managed_login(request.user, pk)
    form = LoginForm(request.POST or None, instance=login)
    if request.method == "POST" and form.is_valid():
        fields = {name: value for name, value in form.cleaned_data.items() if name != "username"}
        try:
            logins.login_update(actor=request.user, login=login, **fields)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Login “%(username)s” saved.") % {"username": login.username})
            return redirect("agencies:login_list")
    return render(request, "agencies/login_form.html", {"form": form, "creating": False, "login": login})


@login_required
@require_POST
def login_active(request: HttpRequest, pk: int) -> HttpResponse:
    login = access.get_managed_login(request.user, pk)
    active = request.POST.get("active") == "1"
    try:
        logins.login_set_active(actor=request.user, login=login, active=active)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if active:
            messages.success(request, _("Login “%(username)s” can sign in again.") % {"username": login.username})
        else:
            messages.success(
                request,
                _("Login “%(username)s” is deactivated: it can no longer sign in; its history is kept.")
                % {"username": login.username},
            )
    return redirect("agencies:login_edit", pk=login.pk)


@login_required
def login_reset(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the confirmation (writes nothing); POST: a new password, shown once."""
    login = access.get_managed_login(request.user, pk)
    if request.method == "POST":
        password = logins.login_reset_password(actor=request.user, login=login)
        return _password_shown_once(request, login, password, created=False)
    return render(request, "agencies/login_reset.html", {"login": login})


# How many names an agency field suggests at once: enough to pick from, few enough to read on a phone.
AGENCY_SUGGESTIONS = 20


@login_required
@require_safe
def agency_names(request: HttpRequest) -> JsonResponse:
    """The names of the agencies in the user's scope that contain what was typed (``?q=``), for an agency
    field's suggestions (``agencies.forms.AgencyChoiceField``): nobody learns of an agency they may not see."""
    typed = " ".join(request.GET.get("q", "").split())
    names: list[str] = []
    if typed:
        found = access.active_agencies(request.user).filter(Q(name__icontains=typed) | Q(short_name__icontains=typed))
        names = list(found.order_by("level", "name").values_list("name", flat=True)[:AGENCY_SUGGESTIONS])
    response = JsonResponse({"names": names})
    add_never_cache_headers(response)
    return response
