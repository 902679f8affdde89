from django.urls import path

from . import views

app_name = "oversight"

# One path per page, written out: this list is the app's table of addresses, read at a glance and searched by name;
# only Django's path syntax is shared.
urlpatterns = [
    path("", views.index, name="index"),
    path("filings/", views.filing_status, name="filings"),
    path("filings/export/", views.filing_status_export, name="filings_export"),
    path("filings/agency/<int:agency_pk>/", views.agency_filings, name="agency_filings"),
    path("filings/agency/<int:agency_pk>/<int:year>/<str:kind>/", views.filing_form, name="filing_form"),
    path("filings/<int:pk>/download/", views.filing_download, name="filing_download"),
    path("meetings/", views.meeting_list, name="meetings"),
    path("meetings/export/", views.meeting_export, name="meetings_export"),
    path("meetings/new/", views.meeting_create, name="meeting_create"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting"),
    path("meetings/<int:pk>/edit/", views.meeting_edit, name="meeting_edit"),
    path("meetings/attachments/<int:pk>/", views.meeting_attachment, name="meeting_attachment"),
    path("inspections/", views.inspection_list, name="inspections"),
    path("inspections/export/", views.inspection_export, name="inspections_export"),
    path("inspections/new/", views.inspection_create, name="inspection_create"),
    path("inspections/<int:pk>/", views.inspection_detail, name="inspection"),
    path("inspections/<int:pk>/edit/", views.inspection_edit, name="inspection_edit"),
    path("inspections/<int:pk>/findings/", views.finding_create, name="finding_create"),
    path("rectifications/", views.rectification_list, name="rectifications"),
    path("rectifications/export/", views.rectification_export, name="rectifications_export"),
    path("rectifications/<int:pk>/", views.rectification_detail, name="rectification"),
    path("rectifications/<int:pk>/answer/", views.rectification_answer, name="rectification_answer"),
    path("rectifications/<int:pk>/decide/", views.rectification_decide, name="rectification_decide"),
    path("evidence/<int:pk>/", views.evidence_download, name="evidence_download"),
]
