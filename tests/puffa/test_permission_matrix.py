"""Every URL pattern of the project against every role.

The table below says, for each URL name, how to fill its arguments from a small world (objects owned by
agency A) and what each role gets. A new view that is not in the table fails
``test_every_url_is_in_the_table``; a view that leaks fails its row. Codes: 200 (or any 2xx), 302 to the
login page ("login"), 403, 404, 405, or "ok" for "any answer but 403/404/500 and not the login page".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import SimpleNamespace

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from ..activity_rows import logged_activity

ROLES = [
    "anonymous",
    "staff_a",
    "staff_b",
    "staff_parent",
    "town_reviewer",
    "bureau_reviewer",
    "bureau_admin",
    "leader",
]
LOGIN = "login"
OK = "ok"

# Not Puffa's own pages: Django's admin (guarded by is_staff), static files, the language switch.
EXEMPT_NAMESPACES = {"admin"}
EXEMPT_NAMES = {"set_language"}


@dataclass
class Route:
    get: dict[str, object]
    post: dict[str, object] = field(default_factory=dict)
    kwargs: object = None  # a function of the world giving the URL's kwargs


def everyone(code, **overrides):
    table = {role: code for role in ROLES}
    table.update(overrides)
    return table


SIGNED_IN = everyone(OK, anonymous=LOGIN)
# Read for everyone signed in; a change for bureau administrators only.
MANAGE_ONLY = everyone(403, anonymous=LOGIN, bureau_admin=OK)
# Leadership's POSTs are refused everywhere by the read-only middleware.
WRITE_DENIED = {"anonymous": LOGIN, "leader": 403}


def on_agency_a(world):
    return {"pk": world.agency_a.pk}


def on_checklist(world):
    return {"pk": world.checklist.pk}


def on_agency_year(world):
    return {"agency_id": world.agency_a.pk, "year": 2026}


def on_agency_pk_year(world):
    return {"agency_pk": world.agency_a.pk, "year": 2026}


# A change to agency A's own filing: its staff only; readers in scope 403, outsiders 404.
CHANGE_A = everyone(403, anonymous=LOGIN, staff_a=OK, staff_b=404, town_reviewer=404)
# Reading agency A's data: everyone in scope.
READ_A = everyone(OK, anonymous=LOGIN, staff_b=404, town_reviewer=404)
# A review decision on agency A: the district bureau's reviewers and administrators.
REVIEW_A = everyone(403, anonymous=LOGIN, staff_b=404, town_reviewer=404, bureau_reviewer=OK, bureau_admin=OK)
REVIEWERS = everyone(403, anonymous=LOGIN, town_reviewer=OK, bureau_reviewer=OK, bureau_admin=OK)
# The bureau's change to something about agency A: outsiders do not even see it.
MANAGE_A = everyone(403, anonymous=LOGIN, staff_b=404, town_reviewer=404, bureau_admin=OK)
# The library: the bureau adds directly, agencies' staff propose; reviewers and leadership only read.
PROPOSERS = everyone(403, anonymous=LOGIN, staff_a=OK, staff_b=OK, staff_parent=OK, bureau_admin=OK)
# Scores before publishing: the bureau, reviewers and leadership.
SCORE_READERS = everyone(OK, anonymous=LOGIN, staff_a=403, staff_b=403, staff_parent=403)
# The drill-down page without a figure answers 404 to those who may read it.
SCORE_READERS_404 = everyone(404, anonymous=LOGIN, staff_a=403, staff_b=403, staff_parent=403)
# The district's documents (assessment/reports): the district bureau's people, and leadership for the brief.
DISTRICT_BUREAU = everyone(404, anonymous=LOGIN, bureau_reviewer=OK, bureau_admin=OK)
BRIEF_READERS = {**DISTRICT_BUREAU, "leader": OK}
PUBLIC = everyone(200)
PUBLIC_POST = everyone(405, leader=403)


MATRIX: dict[str, Route] = {
    "home": Route(get=SIGNED_IN, post=WRITE_DENIED),
    "healthz": Route(get=everyone(200), post=everyone(405, leader=403)),
    "login": Route(get=everyone(OK)),
    "logout": Route(get=everyone(405), post=everyone(302)),
    "agencies:list": Route(get=SIGNED_IN, post=WRITE_DENIED),
    "agencies:detail": Route(
        kwargs=on_agency_a,
        get=everyone(OK, anonymous=LOGIN, staff_b=404, town_reviewer=404),
        post=WRITE_DENIED,
    ),
    "agencies:create": Route(get=MANAGE_ONLY, post=everyone(403, anonymous=LOGIN, bureau_admin=OK)),
    "agencies:edit": Route(
        kwargs=on_agency_a,
        get=everyone(403, anonymous=LOGIN, staff_b=404, town_reviewer=404, bureau_admin=OK),
        post=everyone(403, anonymous=LOGIN, staff_b=404, town_reviewer=404, bureau_admin=OK),
    ),
    "agencies:law_list": Route(get=SIGNED_IN, post=WRITE_DENIED),
    # An agency field's suggestions: everyone signed in, each from their own scope (test_agency_field.py).
    "agencies:names": Route(get=SIGNED_IN, post=everyone(405, anonymous=LOGIN, leader=403)),
    # Logins: the bureau's administrators; a login of agency A is not even seen by outsiders to A.
    # A large import's progress page: its uploader (staff_a) and the bureau's administrators; reading only.
    "agencies:import_job": Route(
        kwargs=lambda w: {"pk": w.import_job.pk},
        get=everyone(404, anonymous=LOGIN, staff_a=OK, bureau_admin=OK),
        post=everyone(405, anonymous=LOGIN, leader=403),
    ),
    "agencies:login_list": Route(get=MANAGE_ONLY, post=MANAGE_ONLY),
    "agencies:login_create": Route(get=MANAGE_ONLY, post=MANAGE_ONLY),
    "agencies:login_edit": Route(kwargs=lambda w: {"pk": w.staff_a.pk}, get=MANAGE_A, post=MANAGE_A),
    "agencies:login_active": Route(
        kwargs=lambda w: {"pk": w.staff_a.pk}, get=everyone(405, anonymous=LOGIN), post=MANAGE_A
    ),
    "agencies:login_reset": Route(kwargs=lambda w: {"pk": w.staff_a.pk}, get=MANAGE_A, post=MANAGE_A),
    "agencies:law_create": Route(get=MANAGE_ONLY, post=MANAGE_ONLY),
    "agencies:law_edit": Route(kwargs=lambda w: {"pk": w.law.pk}, get=MANAGE_ONLY, post=MANAGE_ONLY),
    "agencies:power_list_import": Route(get=MANAGE_ONLY, post=MANAGE_ONLY),
    "agencies:power_list_template": Route(get=MANAGE_ONLY, post=MANAGE_ONLY),
    # The inbox: one's own notifications only (the world's notification is staff_a's).
    "agencies:inbox": Route(get=SIGNED_IN, post=WRITE_DENIED),
    "agencies:inbox_read_all": Route(
        get=everyone(405, anonymous=LOGIN), post=everyone(302, anonymous=LOGIN, leader=403)
    ),
    "agencies:notification_open": Route(
        kwargs=lambda w: {"pk": w.notification.pk},
        get=everyone(405, anonymous=LOGIN),
        post=everyone(404, anonymous=LOGIN, staff_a=302, leader=403),
    ),
    "agencies:notification_read": Route(
        kwargs=lambda w: {"pk": w.notification.pk},
        get=everyone(405, anonymous=LOGIN),
        post=everyone(404, anonymous=LOGIN, staff_a=302, leader=403),
    ),
    # Checklists (agency A's draft for 2026; its approved 2025 list is public).
    "checklists:mine": Route(get=SIGNED_IN, post=WRITE_DENIED),
    # Opening a year (年度设置): the bureau's administrators only; 2020 is in the range and not open.
    "year_open": Route(kwargs=lambda w: {"year": 2020}, get=everyone(405, anonymous=LOGIN), post=MANAGE_ONLY),
    "checklists:cycle_list": Route(get=MANAGE_ONLY, post=MANAGE_ONLY),
    "checklists:cycle_edit": Route(kwargs=lambda w: {"year": 2026}, get=MANAGE_ONLY, post=MANAGE_ONLY),
    "checklists:year": Route(kwargs=on_agency_year, get=READ_A, post=WRITE_DENIED),
    "checklists:start": Route(kwargs=on_agency_year, get=everyone(405, anonymous=LOGIN), post=CHANGE_A),
    "checklists:detail": Route(kwargs=on_checklist, get=READ_A, post=WRITE_DENIED),
    "checklists:items": Route(kwargs=on_checklist, get=CHANGE_A, post=CHANGE_A),
    "checklists:submit": Route(kwargs=on_checklist, get=CHANGE_A, post=CHANGE_A),
    "checklists:amend": Route(kwargs=on_checklist, get=CHANGE_A, post=CHANGE_A),
    "checklists:import": Route(kwargs=on_checklist, get=CHANGE_A, post=CHANGE_A),
    "checklists:download": Route(kwargs=on_checklist, get=READ_A, post=WRITE_DENIED),
    "checklists:print": Route(kwargs=on_checklist, get=READ_A, post=WRITE_DENIED),
    "checklists:template": Route(get=SIGNED_IN, post=WRITE_DENIED),
    "checklists:review": Route(kwargs=on_checklist, get=REVIEW_A, post=REVIEW_A),
    "checklists:approve": Route(kwargs=on_checklist, get=REVIEW_A, post=REVIEW_A),
    "checklists:queue": Route(get=REVIEWERS, post=WRITE_DENIED),
    "checklists:overview": Route(
        get=everyone(OK, anonymous=LOGIN, staff_a=403, staff_b=403, staff_parent=403), post=WRITE_DENIED
    ),
    "checklists:overview_export": Route(
        get=everyone(OK, anonymous=LOGIN, staff_a=403, staff_b=403, staff_parent=403), post=WRITE_DENIED
    ),
    "public:list": Route(get=PUBLIC, post=PUBLIC_POST),
    "public:detail": Route(kwargs=lambda w: {"year": 2025, "agency_id": w.agency_a.pk}, get=PUBLIC, post=PUBLIC_POST),
    "public:download": Route(kwargs=lambda w: {"year": 2025}, get=PUBLIC, post=PUBLIC_POST),
    # Activities: agency A's 2026 activity with a photo; its approved 2025 checklist's archive.
    "activities:index": Route(get=SIGNED_IN, post=WRITE_DENIED),
    "activities:overview": Route(kwargs=lambda w: {"year": 2026}, get=SIGNED_IN, post=WRITE_DENIED),
    "activities:overview_export": Route(kwargs=lambda w: {"year": 2026}, get=SIGNED_IN, post=WRITE_DENIED),
    "activities:import_template": Route(get=SIGNED_IN, post=WRITE_DENIED),
    "activities:ledger": Route(kwargs=on_agency_pk_year, get=READ_A, post=WRITE_DENIED),
    "activities:ledger_export": Route(kwargs=on_agency_pk_year, get=READ_A, post=WRITE_DENIED),
    "activities:create": Route(kwargs=on_agency_pk_year, get=CHANGE_A, post=CHANGE_A),
    "activities:import": Route(kwargs=on_agency_pk_year, get=CHANGE_A, post=CHANGE_A),
    "activities:progress": Route(kwargs=on_agency_pk_year, get=READ_A, post=WRITE_DENIED),
    "activities:archive": Route(kwargs=lambda w: {"agency_pk": w.agency_a.pk, "year": 2025}, get=READ_A, post=CHANGE_A),
    "activities:archive_download": Route(kwargs=lambda w: {"pk": w.archive.pk}, get=READ_A, post=WRITE_DENIED),
    "activities:detail": Route(kwargs=lambda w: {"pk": w.activity.pk}, get=READ_A, post=WRITE_DENIED),
    "activities:edit": Route(kwargs=lambda w: {"pk": w.activity.pk}, get=CHANGE_A, post=CHANGE_A),
    "activities:delete": Route(kwargs=lambda w: {"pk": w.activity.pk}, get=CHANGE_A, post=CHANGE_A),
    "activities:evidence": Route(kwargs=lambda w: {"pk": w.evidence.pk}, get=READ_A, post=WRITE_DENIED),
    "activities:thumbnail": Route(kwargs=lambda w: {"pk": w.evidence.pk}, get=READ_A, post=WRITE_DENIED),
    "activities:evidence_publish": Route(
        kwargs=lambda w: {"pk": w.evidence.pk}, get=everyone(405, anonymous=LOGIN), post=CHANGE_A
    ),
    "activities:evidence_delete": Route(
        kwargs=lambda w: {"pk": w.evidence.pk}, get=everyone(405, anonymous=LOGIN), post=CHANGE_A
    ),
    # The resource library: every signed-in user reads; the bureau curates; agencies' staff propose.
    "library:people": Route(get=SIGNED_IN, post=WRITE_DENIED),
    "library:people_export": Route(get=SIGNED_IN, post=WRITE_DENIED),
    "library:person_create": Route(get=PROPOSERS, post=PROPOSERS),
    "library:person": Route(kwargs=lambda w: {"pk": w.person.pk}, get=SIGNED_IN, post=WRITE_DENIED),
    "library:person_edit": Route(kwargs=lambda w: {"pk": w.person.pk}, get=MANAGE_ONLY, post=MANAGE_ONLY),
    "library:person_decide": Route(
        kwargs=lambda w: {"pk": w.person.pk}, get=everyone(405, anonymous=LOGIN), post=MANAGE_ONLY
    ),
    "library:person_retire": Route(
        kwargs=lambda w: {"pk": w.person.pk}, get=everyone(405, anonymous=LOGIN), post=MANAGE_ONLY
    ),
    "library:materials": Route(get=SIGNED_IN, post=WRITE_DENIED),
    "library:materials_export": Route(get=SIGNED_IN, post=WRITE_DENIED),
    "library:material_create": Route(get=PROPOSERS, post=PROPOSERS),
    "library:material": Route(kwargs=lambda w: {"pk": w.material.pk}, get=SIGNED_IN, post=WRITE_DENIED),
    "library:material_edit": Route(kwargs=lambda w: {"pk": w.material.pk}, get=MANAGE_ONLY, post=MANAGE_ONLY),
    "library:material_download": Route(kwargs=lambda w: {"pk": w.material.pk}, get=SIGNED_IN, post=WRITE_DENIED),
    "library:material_decide": Route(
        kwargs=lambda w: {"pk": w.material.pk}, get=everyone(405, anonymous=LOGIN), post=MANAGE_ONLY
    ),
    "library:material_retire": Route(
        kwargs=lambda w: {"pk": w.material.pk}, get=everyone(405, anonymous=LOGIN), post=MANAGE_ONLY
    ),
    "library:proposals": Route(get=SIGNED_IN, post=WRITE_DENIED),
    "library:proposals_export": Route(get=SIGNED_IN, post=WRITE_DENIED),
    # Needs analysis: agency A's own analysis.
    # Campaigns: announced by the bureau or a town office (reviewers); read by those in scope of the agencies asked.
    "campaigns:list": Route(get=SIGNED_IN, post=WRITE_DENIED),
    "campaigns:list_export": Route(get=SIGNED_IN, post=WRITE_DENIED),
    "campaigns:create": Route(get=REVIEWERS, post=REVIEWERS),
    "campaigns:detail": Route(kwargs=lambda w: {"pk": w.campaign.pk}, get=READ_A, post=WRITE_DENIED),
    "campaigns:edit": Route(kwargs=lambda w: {"pk": w.campaign.pk}, get=REVIEW_A, post=REVIEW_A),
    "campaigns:export": Route(kwargs=lambda w: {"pk": w.campaign.pk}, get=READ_A, post=WRITE_DENIED),
    "library:needs": Route(get=SIGNED_IN, post=WRITE_DENIED),
    "library:needs_export": Route(get=SIGNED_IN, post=WRITE_DENIED),
    "library:needs_create": Route(kwargs=lambda w: {"agency_pk": w.agency_a.pk}, get=CHANGE_A, post=CHANGE_A),
    "library:needs_detail": Route(kwargs=lambda w: {"pk": w.needs.pk}, get=READ_A, post=WRITE_DENIED),
    "library:needs_edit": Route(kwargs=lambda w: {"pk": w.needs.pk}, get=CHANGE_A, post=CHANGE_A),
    "library:needs_reply": Route(
        kwargs=lambda w: {"pk": w.needs.pk}, get=everyone(405, anonymous=LOGIN), post=REVIEW_A
    ),
    "library:needs_attachment": Route(kwargs=lambda w: {"pk": w.needs.pk}, get=READ_A, post=WRITE_DENIED),
    # The new-media cluster: those who oversee read it; agency A's staff manage A's accounts.
    "newmedia:index": Route(get=SIGNED_IN, post=WRITE_DENIED),
    "newmedia:cluster": Route(kwargs=lambda w: {"year": 2026}, get=SCORE_READERS, post=WRITE_DENIED),
    "newmedia:cluster_export": Route(kwargs=lambda w: {"year": 2026}, get=SCORE_READERS, post=WRITE_DENIED),
    "newmedia:agency": Route(kwargs=lambda w: {"agency_pk": w.agency_a.pk}, get=READ_A, post=WRITE_DENIED),
    "newmedia:create": Route(kwargs=lambda w: {"agency_pk": w.agency_a.pk}, get=CHANGE_A, post=CHANGE_A),
    "newmedia:edit": Route(kwargs=lambda w: {"pk": w.media_account.pk}, get=CHANGE_A, post=CHANGE_A),
    "newmedia:deactivate": Route(
        kwargs=lambda w: {"pk": w.media_account.pk}, get=everyone(405, anonymous=LOGIN), post=CHANGE_A
    ),
    "newmedia:reactivate": Route(
        kwargs=lambda w: {"pk": w.media_account.pk}, get=everyone(405, anonymous=LOGIN), post=CHANGE_A
    ),
    # Oversight: plans and reports, joint meetings (A reported), inspections with A's finding.
    "oversight:index": Route(get=SIGNED_IN, post=WRITE_DENIED),
    "oversight:filings": Route(get=SIGNED_IN, post=WRITE_DENIED),
    "oversight:filings_export": Route(get=SIGNED_IN, post=WRITE_DENIED),
    "oversight:agency_filings": Route(kwargs=lambda w: {"agency_pk": w.agency_a.pk}, get=READ_A, post=WRITE_DENIED),
    "oversight:filing_form": Route(
        kwargs=lambda w: {"agency_pk": w.agency_a.pk, "year": 2026, "kind": "report"}, get=CHANGE_A, post=CHANGE_A
    ),
    "oversight:filing_download": Route(kwargs=lambda w: {"pk": w.filing.pk}, get=READ_A, post=WRITE_DENIED),
    "oversight:meetings": Route(get=SIGNED_IN, post=WRITE_DENIED),
    "oversight:meetings_export": Route(get=SIGNED_IN, post=WRITE_DENIED),
    "oversight:meeting_create": Route(get=MANAGE_ONLY, post=MANAGE_ONLY),
    "oversight:meeting": Route(kwargs=lambda w: {"pk": w.meeting.pk}, get=READ_A, post=WRITE_DENIED),
    "oversight:meeting_edit": Route(kwargs=lambda w: {"pk": w.meeting.pk}, get=MANAGE_A, post=MANAGE_A),
    "oversight:meeting_attachment": Route(
        kwargs=lambda w: {"pk": w.meeting_attachment.pk}, get=READ_A, post=WRITE_DENIED
    ),
    "oversight:inspections": Route(get=SIGNED_IN, post=WRITE_DENIED),
    "oversight:inspections_export": Route(get=SIGNED_IN, post=WRITE_DENIED),
    "oversight:inspection_create": Route(get=MANAGE_ONLY, post=MANAGE_ONLY),
    "oversight:inspection": Route(kwargs=lambda w: {"pk": w.inspection.pk}, get=READ_A, post=WRITE_DENIED),
    "oversight:inspection_edit": Route(kwargs=lambda w: {"pk": w.inspection.pk}, get=MANAGE_A, post=MANAGE_A),
    "oversight:finding_create": Route(
        kwargs=lambda w: {"pk": w.inspection.pk}, get=everyone(405, anonymous=LOGIN), post=MANAGE_A
    ),
    "oversight:rectifications": Route(get=SIGNED_IN, post=WRITE_DENIED),
    "oversight:rectifications_export": Route(get=SIGNED_IN, post=WRITE_DENIED),
    "oversight:rectification": Route(kwargs=lambda w: {"pk": w.finding.pk}, get=READ_A, post=WRITE_DENIED),
    "oversight:rectification_answer": Route(
        kwargs=lambda w: {"pk": w.finding.pk}, get=everyone(405, anonymous=LOGIN), post=CHANGE_A
    ),
    "oversight:rectification_decide": Route(
        kwargs=lambda w: {"pk": w.finding.pk}, get=everyone(405, anonymous=LOGIN), post=MANAGE_A
    ),
    "oversight:evidence_download": Route(
        kwargs=lambda w: {"pk": w.rectification_evidence.pk}, get=READ_A, post=WRITE_DENIED
    ),
    # Multi-year plans and key work: A's 2026–2030 plan and 2026 key work.
    "planning:overview": Route(get=SIGNED_IN, post=WRITE_DENIED),
    "planning:overview_export": Route(get=SIGNED_IN, post=WRITE_DENIED),
    "planning:agency": Route(kwargs=lambda w: {"agency_pk": w.agency_a.pk}, get=READ_A, post=WRITE_DENIED),
    "planning:plan_form": Route(kwargs=lambda w: {"agency_pk": w.agency_a.pk}, get=CHANGE_A, post=CHANGE_A),
    "planning:key_work_form": Route(kwargs=on_agency_pk_year, get=CHANGE_A, post=CHANGE_A),
    "planning:plan_download": Route(kwargs=lambda w: {"pk": w.multi_year_plan.pk}, get=READ_A, post=WRITE_DENIED),
    # Good practice (A's activity, marked): everyone signed in reads; the bureau marks; the public page is open.
    "practice:list": Route(get=SIGNED_IN, post=WRITE_DENIED),
    "practice:export": Route(get=SIGNED_IN, post=WRITE_DENIED),
    "practice:mark": Route(kwargs=lambda w: {"source": "activity", "pk": w.activity.pk}, get=MANAGE_A, post=MANAGE_A),
    "practice:unmark": Route(
        kwargs=lambda w: {"pk": w.practice.pk}, get=everyone(405, anonymous=LOGIN), post=MANAGE_ONLY
    ),
    "public_practice:list": Route(get=PUBLIC, post=PUBLIC_POST),
    "public_practice:photo": Route(kwargs=lambda w: {"pk": w.evidence.pk}, get=PUBLIC, post=PUBLIC_POST),
    # The year-end assessment (2026, not published): scores are read by the bureau, reviewers (their scope) and
    # leadership; staff see their self-assessment, and their results only once published.
    "assessment:index": Route(get=SIGNED_IN, post=WRITE_DENIED),
    "assessment:overview": Route(kwargs=lambda w: {"year": 2026}, get=SIGNED_IN, post=WRITE_DENIED),
    "assessment:rubric_edit": Route(kwargs=lambda w: {"year": 2026}, get=MANAGE_ONLY, post=MANAGE_ONLY),
    "assessment:survey_import": Route(kwargs=lambda w: {"year": 2026}, get=MANAGE_ONLY, post=MANAGE_ONLY),
    "assessment:survey_template": Route(kwargs=lambda w: {"year": 2026}, get=MANAGE_ONLY, post=MANAGE_ONLY),
    "assessment:run_start": Route(
        kwargs=lambda w: {"year": 2026}, get=everyone(405, anonymous=LOGIN), post=MANAGE_ONLY
    ),
    "assessment:run_detail": Route(
        kwargs=lambda w: {"year": 2026, "pk": w.run.pk}, get=SCORE_READERS, post=WRITE_DENIED
    ),
    "assessment:publish": Route(kwargs=lambda w: {"year": 2026}, get=MANAGE_ONLY, post=MANAGE_ONLY),
    "assessment:results_export": Route(kwargs=lambda w: {"year": 2026}, get=SCORE_READERS, post=WRITE_DENIED),
    "assessment:breakdown": Route(
        kwargs=lambda w: {"year": 2026, "agency_pk": w.agency_a.pk}, get=READ_A, post=WRITE_DENIED
    ),
    "assessment:self_assessment": Route(
        kwargs=lambda w: {"year": 2026, "agency_pk": w.agency_a.pk}, get=READ_A, post=CHANGE_A
    ),
    "assessment:self_assessment_evidence": Route(
        kwargs=lambda w: {"year": 2026, "agency_pk": w.agency_a.pk, "pk": w.self_assessment.pk},
        get=READ_A,
        post=WRITE_DENIED,
    ),
    # The annual report draft: agency A's clerk asks for it; everyone who may read A follows and downloads it.
    "assessment:report_draft": Route(
        kwargs=lambda w: {"year": 2026, "agency_pk": w.agency_a.pk}, get=READ_A, post=CHANGE_A
    ),
    "assessment:report_download": Route(kwargs=lambda w: {"pk": w.report_draft.pk}, get=READ_A, post=WRITE_DENIED),
    # The district report is the bureau's; the leader's brief also leadership's, who may ask for it (it changes no
    # data). Everyone else: 404. The download row is of a brief.
    "assessment:district_report": Route(
        kwargs=lambda w: {"year": 2026}, get=DISTRICT_BUREAU, post={**DISTRICT_BUREAU, "leader": 403}
    ),
    "assessment:leader_brief": Route(kwargs=lambda w: {"year": 2026}, get=BRIEF_READERS, post=BRIEF_READERS),
    "assessment:district_document_download": Route(
        kwargs=lambda w: {"pk": w.brief.pk}, get=BRIEF_READERS, post=WRITE_DENIED
    ),
    "assessment:score_edit": Route(
        kwargs=lambda w: {"year": 2026, "agency_pk": w.agency_a.pk, "indicator_pk": w.indicator.pk},
        get=REVIEW_A,
        post=REVIEW_A,
    ),
    "assessment:dashboard": Route(get=SCORE_READERS, post=WRITE_DENIED),
    "assessment:dashboard_agencies": Route(kwargs=None, get=SCORE_READERS_404, post=WRITE_DENIED),
    "assessment:dashboard_export": Route(
        kwargs=lambda w: {"table": "filing_status"}, get=SCORE_READERS, post=WRITE_DENIED
    ),
    # Results use: everyone reads what their scope holds; the bureau records; agency A's staff answer its measure.
    "decisions:index": Route(get=SIGNED_IN, post=WRITE_DENIED),
    "decisions:year": Route(kwargs=lambda w: {"year": 2026}, get=SIGNED_IN, post=WRITE_DENIED),
    "decisions:export": Route(kwargs=lambda w: {"year": 2026}, get=SIGNED_IN, post=WRITE_DENIED),
    "decisions:commendation_create": Route(kwargs=lambda w: {"year": 2026}, get=MANAGE_ONLY, post=MANAGE_ONLY),
    "decisions:measure_create": Route(kwargs=lambda w: {"year": 2026}, get=MANAGE_ONLY, post=MANAGE_ONLY),
    "decisions:agency": Route(kwargs=lambda w: {"agency_pk": w.agency_a.pk}, get=READ_A, post=WRITE_DENIED),
    "decisions:commendation_edit": Route(kwargs=lambda w: {"pk": w.commendation.pk}, get=MANAGE_A, post=MANAGE_A),
    "decisions:commendation_document": Route(kwargs=lambda w: {"pk": w.commendation.pk}, get=READ_A, post=WRITE_DENIED),
    "decisions:measure": Route(kwargs=lambda w: {"pk": w.measure.pk}, get=READ_A, post=WRITE_DENIED),
    "decisions:measure_edit": Route(kwargs=lambda w: {"pk": w.measure.pk}, get=MANAGE_A, post=MANAGE_A),
    "decisions:measure_document": Route(kwargs=lambda w: {"pk": w.measure.pk}, get=READ_A, post=WRITE_DENIED),
    "decisions:measure_answer": Route(
        kwargs=lambda w: {"pk": w.measure.pk}, get=everyone(405, anonymous=LOGIN), post=CHANGE_A
    ),
    "decisions:measure_decide": Route(
        kwargs=lambda w: {"pk": w.measure.pk}, get=everyone(405, anonymous=LOGIN), post=MANAGE_A
    ),
    "decisions:evidence_download": Route(kwargs=lambda w: {"pk": w.measure_evidence.pk}, get=READ_A, post=WRITE_DENIED),
    # Reminders sent: the bureau, reviewers (their scope) and leadership read; only administrators remind.
    "reminders:list": Route(
        get=everyone(OK, anonymous=LOGIN, staff_a=403, staff_b=403, staff_parent=403), post=WRITE_DENIED
    ),
    "reminders:remind": Route(get=everyone(405, anonymous=LOGIN), post=everyone(403, anonymous=LOGIN, bureau_admin=OK)),
}


def url_names(patterns=None, namespace=""):
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            if pattern.namespace in EXEMPT_NAMESPACES:
                continue
            yield from url_names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}"


def test_every_url_is_in_the_table():
    missing = sorted(set(url_names()) - set(MATRIX) - EXEMPT_NAMES)
    assert missing == [], f"Add these views to the permission matrix: {missing}"


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def world(
    agency_a,
    agency_b,
    agency_town,
    law,
    staff_a,
    staff_b,
    staff_parent,
    town_reviewer,
    bureau_reviewer,
    bureau_admin,
    leader,
):
    """One object of each kind, owned by agency A (or by staff_a), for the URLs' arguments."""
    import datetime as dt

    from agencies.models import ImportJob, Notification
    from checklists.models import Checklist, ChecklistItem

    def checklist(year, status):
        made = Checklist.objects.create(agency=agency_a, year=year, status=status, created_by=staff_a)
        ChecklistItem.objects.create(
            checklist=made,
            content="食品安全法进企业",
            responsible_office="法规科",
            contact_person="王芳",
            contact_phone="0519-85000000",
            audiences=["managed"],
            start_date=dt.date(year, 3, 1),
            end_date=dt.date(year, 12, 31),
            goal="覆盖辖区餐饮单位",
            target_activities=4,
            target_people=200,
        )
        return made

    from decimal import Decimal

    from activities.library import services as library_services
    from activities.models import Material, ResourcePerson
    from assessment.models import Inspection
    from assessment.oversight import services as oversight
    from tests.library.uploads import pdf_bytes, png_bytes, upload

    meeting = oversight.meeting_record(
        user=bureau_admin,
        held_on=dt.date(2026, 4, 8),
        title="领导小组第一次联席会议",
        attendees="区司法局等",
        minutes="听取各单位汇报",
        agencies=[agency_a],
        reporting_agencies=[agency_a],
        new_attachments=[upload("会议纪要.pdf", pdf_bytes())],
    )
    inspection = oversight.inspection_record(
        user=bureau_admin,
        held_on=dt.date(2026, 9, 10),
        kind=Inspection.Kind.DEPUTIES,
        title="人大代表视察",
        inspectors="区人大代表",
        agencies=[agency_a],
    )
    finding = oversight.finding_add(
        inspection=inspection,
        user=bureau_admin,
        agency=agency_a,
        description="台账不完整",
        requires_rectification=True,
        deadline=dt.date(2026, 9, 30),
    )
    response = oversight.rectification_answer(
        finding=finding, user=staff_a, description="已补齐台账", evidence=[upload("整改照片.png", png_bytes())]
    )
    oversight.rectification_return(finding=finding, user=bureau_admin, reason="请补充影像资料")
    from assessment import services as assessment

    rubric = assessment.rubric_for_year(year=2026)
    indicator = rubric.indicators.order_by("pk").first()
    self_assessment = assessment.self_assessment_save(
        agency=agency_a,
        indicator=indicator,
        score=indicator.weight,
        account="已按时报送",
        user=staff_a,
        evidence=upload("自查材料.pdf", pdf_bytes()),
    )
    from activities import services as activity_services
    from activities.evidence import inspect_evidence
    from activities.models import AnnualArchive, MediaAccount

    approved = checklist(2025, Checklist.Status.APPROVED)
    activity = logged_activity(
        agency=agency_a,
        created_by=staff_a,
        activity_type="law_lecture",
        title="食品安全法专题讲座",
        start_date=dt.date(2026, 3, 15),
        people_reached=50,
    )
    evidence = activity_services.evidence_add(
        activity=activity, uploaded_by=staff_a, checked=inspect_evidence(upload("合影.png", png_bytes()))
    )
    archive = AnnualArchive.objects.create(agency=agency_a, year=2025, requested_by=staff_a)
    from assessment.models import DistrictDocument, ReportDraft
    from assessment.planning import services as planning
    from assessment.practice import services as practice_services

    activity_services.evidence_publish_set(evidence=evidence, may_publish=True)
    practice = practice_services.practice_mark(user=bureau_admin, source=activity, note="以案释法")
    from assessment.reports import services as reports

    report_draft = ReportDraft.objects.create(agency=agency_a, year=2026, requested_by=staff_a)
    from activities.campaigns import services as campaign_services

    campaign = campaign_services.campaign_announce(
        user=bureau_admin,
        title="2026年“12·4”国家宪法日集中宣传活动",
        start_date=dt.date(2026, 11, 20),
        end_date=dt.date(2026, 12, 10),
        asks="开展宪法宣传",
        scope="chosen",
        chosen=[agency_a],
    )
    from assessment.decisions import services as decisions

    measure = decisions.measure_record(
        user=bureau_admin,
        year=2026,
        agency=agency_a,
        kind="interview",
        decided_on=dt.date(2026, 3, 1),
        deadline=dt.date(2026, 4, 1),
        reason="考核不合格",
        file=upload("约谈通知.pdf", pdf_bytes()),
    )
    measure_response = decisions.measure_answer(
        measure=measure, user=staff_a, description="已整改", evidence=[upload("整改报告.pdf", pdf_bytes())]
    )
    decisions.measure_return(measure=measure, user=bureau_admin, reason="请补充材料")
    return SimpleNamespace(
        campaign=campaign,
        staff_a=staff_a,
        approved=approved,
        activity=activity,
        evidence=evidence,
        practice=practice,
        archive=activity_services.archive_build(archive_id=archive.pk),
        run=assessment.scoring_run_start(rubric=rubric, user=bureau_admin),
        indicator=indicator,
        self_assessment=self_assessment,
        report_draft=reports.report_draft_build(draft_id=report_draft.pk),
        brief=DistrictDocument.objects.create(
            kind=DistrictDocument.Kind.BRIEF,
            year=2026,
            requested_by=bureau_admin,
            status=DistrictDocument.Status.READY,
            file=upload("brief.pdf", pdf_bytes()),
        ),
        commendation=decisions.commendation_record(
            user=bureau_admin,
            year=2026,
            agency=agency_a,
            decided_on=dt.date(2026, 3, 1),
            reason="普法工作成绩突出",
            file=upload("表彰决定.pdf", pdf_bytes()),
        ),
        measure=measure,
        measure_evidence=measure_response.evidence.get(),
        person=ResourcePerson.objects.create(
            kind=ResourcePerson.Kind.LECTURER,
            name="刘建华",
            unit="律师事务所",
            field_of_law="劳动法",
            created_by=bureau_admin,
        ),
        material=library_services.material_add(
            user=bureau_admin,
            title="课件",
            kind=Material.Kind.COURSEWARE,
            file=upload("课件.pdf", pdf_bytes()),
            audiences=["public"],
        ),
        needs=library_services.needs_analysis_record(
            agency=agency_a,
            user=staff_a,
            year=2026,
            period="year",
            audiences=["managed"],
            findings="需求",
            measures="措施",
            attachment=upload("调研报告.pdf", pdf_bytes()),
        ),
        filing=oversight.filing_file(
            agency=agency_a,
            user=staff_a,
            year=2026,
            kind="plan",
            head_responsible="张卫国",
            funding=Decimal("80000.00"),
            file=upload("计划.pdf", pdf_bytes()),
        ),
        meeting=meeting,
        multi_year_plan=planning.plan_file(
            agency=agency_a, user=staff_a, first_year=2026, last_year=2030, file=upload("规划.pdf", pdf_bytes())
        ),
        meeting_attachment=meeting.attachments.get(),
        inspection=inspection,
        finding=finding,
        rectification_evidence=response.evidence.get(),
        checklist=checklist(2026, Checklist.Status.DRAFT),
        agency_a=agency_a,
        law=law,
        media_account=MediaAccount.objects.create(
            agency=agency_a, platform="wechat", name="新北市场监管", url="https://mp.weixin.qq.com/", created_by=staff_a
        ),
        notification=Notification.objects.create(recipient=staff_a, agency=agency_a, title="备案提醒", url="/"),
        import_job=ImportJob.objects.create(
            handler="activities.services.activities_import_stored",
            title="导入履职活动",
            file="imports/activities.xlsx",
            done_url="/",
            form_url="/",
            requested_by=staff_a,
        ),
    )


def check(response, expected, what):
    status = response.status_code
    if expected == LOGIN:
        assert status == 302 and reverse("login") in response.url, f"{what}: {status}"
    elif expected == OK:
        assert status not in (403, 404, 405) and status < 500, f"{what}: {status}"
        if status == 302:
            assert reverse("login") not in response.url, f"{what}: sent to log in"
    else:
        assert status == expected, f"{what}: {status}, expected {expected}"


CASES = [
    (name, method, role)
    for name, route in MATRIX.items()
    for method in ("get", "post")
    for role in (route.get if method == "get" else route.post)
]


@pytest.mark.parametrize("name,method,role", CASES, ids=[f"{n}-{m}-{r}" for n, m, r in CASES])
def test_the_role_gets_what_the_table_says(name, method, role, world, client, login, django_user_model):
    route = MATRIX[name]
    url = reverse(name, kwargs=route.kwargs(world) if route.kwargs else None)
    http = client if role == "anonymous" else login(django_user_model.objects.get(username=role))
    expected = (route.get if method == "get" else route.post)[role]
    check(getattr(http, method)(url), expected, f"{role} {method.upper()} {url}")
