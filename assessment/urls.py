from django.urls import path

from . import views
from .reports import views as reports

app_name = "assessment"

# One path per page, written out: this list is the app's table of addresses, read at a glance and searched by name;
# only Django's path syntax is shared.
urlpatterns = [
    path("", views.index, name="index"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("dashboard/agencies/", views.dashboard_agencies, name="dashboard_agencies"),
    path("dashboard/export/<slug:table>/", views.dashboard_export, name="dashboard_export"),
    path("<int:year>/", views.overview, name="overview"),
    path("<int:year>/rubric/", views.rubric_edit, name="rubric_edit"),
    path("<int:year>/survey/", views.survey_import, name="survey_import"),
    path("<int:year>/survey/template/", views.survey_template, name="survey_template"),
    path("<int:year>/runs/", views.run_start, name="run_start"),
    path("<int:year>/runs/<int:pk>/", views.run_detail, name="run_detail"),
    path("<int:year>/publish/", views.publish, name="publish"),
    path("<int:year>/export/", views.results_export, name="results_export"),
    path("<int:year>/agencies/<int:agency_pk>/", views.breakdown, name="breakdown"),
    path("<int:year>/agencies/<int:agency_pk>/self/", views.self_assessment, name="self_assessment"),
    path(
        "<int:year>/agencies/<int:agency_pk>/self/<int:pk>/evidence/",
        views.self_assessment_evidence,
        name="self_assessment_evidence",
    ),
    path("<int:year>/agencies/<int:agency_pk>/report/", reports.report_draft, name="report_draft"),
    path("reports/<int:pk>/download/", reports.report_download, name="report_download"),
    path("<int:year>/district-report/", reports.district_document, {"kind": "report"}, name="district_report"),
    path("<int:year>/leader-brief/", reports.district_document, {"kind": "brief"}, name="leader_brief"),
    path(
        "district-documents/<int:pk>/download/",
        reports.district_document_download,
        name="district_document_download",
    ),
    path(
        "<int:year>/agencies/<int:agency_pk>/indicators/<int:indicator_pk>/",
        views.score_edit,
        name="score_edit",
    ),
]
