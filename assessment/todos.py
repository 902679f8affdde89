"""待办 from oversight and the assessment (see ``agencies.todos``): rectifications an agency owes, its plan
and report to file; the rectifications answered and waiting for the bureau, and the year's next assessment
step; for leadership, the rectifications overdue."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Min
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from agencies import access, years
from agencies.models import AnnualCycle, User
from agencies.todos import Todo, local_day

from . import selectors, services
from .models import AnnualFiling, Finding
from .oversight import selectors as oversight_selectors

# The clerk's 待办 names this many rectifications, soonest deadline first.
SHOWN_RECTIFICATIONS = 5


def _rectifications_due(user: User, today: dt.date) -> list[Todo]:
    """One query: the agency's rectifications waiting for its answer, soonest deadline first."""
    findings = (
        Finding.objects.filter(agency_id=user.agency_id, status__in=Finding.ANSWERABLE)
        .select_related("inspection")  # each to-do is waiting since its inspection's day
        .order_by("deadline", "pk")
    )
    return [
        Todo(
            text=_("Rectify and answer: %(finding)s") % {"finding": finding.description[:40]},
            url=reverse("oversight:rectification", args=[finding.pk]),
            detail=_("deadline %(date)s") % {"date": finding.deadline.isoformat()},
            since=finding.inspection.held_on,  # asked for on the day of the inspection
            late=finding.is_overdue(today),
            late_label=_("overdue"),
            order=50,
        )
        for finding in findings[:SHOWN_RECTIFICATIONS]
    ]


def _filings_due(user: User, year: int, today: dt.date) -> list[Todo]:
    """One query: the plan (all year) and the year-end report (once the year-end opens) not yet filed."""
    filed = set(AnnualFiling.objects.filter(agency_id=user.agency_id, year=year).values_list("kind", flat=True))
    due = []
    if AnnualFiling.Kind.PLAN not in filed:
        due.append((AnnualFiling.Kind.PLAN, _("File the %(year)d annual plan") % {"year": year}))
    if AnnualFiling.Kind.REPORT not in filed and years.year_end_open(year, today):
        due.append((AnnualFiling.Kind.REPORT, _("File the %(year)d year-end work report") % {"year": year}))
    return [
        Todo(text=text, url=reverse("oversight:filing_form", args=[user.agency_id, year, kind]), order=60)
        for kind, text in due
    ]


def _answered_rectifications(user: User) -> list[Todo]:
    """One query: rectifications answered by agencies, waiting for the bureau's decision."""
    answered = access.scope(user, Finding.objects.filter(status=Finding.Status.ANSWERED)).aggregate(
        count=Count("pk"), oldest=Min("updated_at")
    )
    if not answered["count"]:
        return []
    return [
        Todo(
            text=ngettext(
                "Decide %(count)d answered rectification", "Decide %(count)d answered rectifications", answered["count"]
            )
            % {"count": answered["count"]},
            url=f"{reverse('oversight:rectifications')}?status={Finding.Status.ANSWERED}",
            since=local_day(answered["oldest"]),
            order=45,
        )
    ]


def _next_assessment_step(today: dt.date) -> list[Todo]:
    """At most three queries, one shared with the scoring card: the latest unpublished year whose assessment is
    due (its year-end open: a past year, or this one from December), and its next step: import the survey, score
    (once the year has ended), or publish."""
    rubric = selectors.rubric_due(today)
    if rubric is None:
        return []
    year = rubric.year
    if not rubric.has_survey:
        text, url = (
            _("Import the %(year)d third-party survey results") % {"year": year},
            reverse("assessment:survey_import", args=[year]),
        )
    elif services.results_out_of_date(rubric, services.latest_done_run(rubric)):
        if not years.year_ended(year, today):
            return []  # scored on the whole year: until it ends the results page says so, and so does this list
        text, url = _("Score the %(year)d assessment") % {"year": year}, reverse("assessment:overview", args=[year])
    else:
        text, url = _("Publish the %(year)d results") % {"year": year}, reverse("assessment:publish", args=[year])
    return [Todo(text=text, url=url, detail=_("Next step of the year-end assessment"), order=70)]


def _overdue_rectifications(user: User) -> list[Todo]:
    """One query (shared with the oversight card): the rectifications overdue in the whole district."""
    overdue = oversight_selectors.overdue_count(user)
    if not overdue:
        return []
    return [
        Todo(
            text=ngettext("%(count)d rectification is overdue", "%(count)d rectifications are overdue", overdue)
            % {"count": overdue},
            url=f"{reverse('oversight:rectifications')}?overdue=on",
            late=True,
            late_label=_("overdue"),
            order=50,
        )
    ]


def todos(user: User, *, year: int, today: dt.date, cycle: AnnualCycle) -> list[Todo]:
    if user.is_agency_staff:
        return _rectifications_due(user, today) + _filings_due(user, year, today)
    if access.can_manage(user):
        return _answered_rectifications(user) + _next_assessment_step(today)
    if user.is_leadership:
        return _overdue_rectifications(user)
    return []
