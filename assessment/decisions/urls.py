from django.urls import path

from . import views

app_name = "decisions"

# One path per page, written out: this list is the app's table of addresses, read at a glance and searched by name;
# only Django's path syntax is shared.
urlpatterns = [
    path("", views.index, name="index"),
    path("<int:year>/", views.year_list, name="year"),
    path("<int:year>/export/", views.year_export, name="export"),
    path("<int:year>/commendations/new/", views.commendation_create, name="commendation_create"),
    path("<int:year>/measures/new/", views.measure_create, name="measure_create"),
    path("agency/<int:agency_pk>/", views.agency_decisions, name="agency"),
    path("commendations/<int:pk>/edit/", views.commendation_edit, name="commendation_edit"),
    path("commendations/<int:pk>/document/", views.commendation_document, name="commendation_document"),
    path("measures/<int:pk>/", views.measure_detail, name="measure"),
    path("measures/<int:pk>/edit/", views.measure_edit, name="measure_edit"),
    path("measures/<int:pk>/document/", views.measure_document, name="measure_document"),
    path("measures/<int:pk>/answer/", views.measure_answer, name="measure_answer"),
    path("measures/<int:pk>/decide/", views.measure_decide, name="measure_decide"),
    path("evidence/<int:pk>/", views.evidence_download, name="evidence_download"),
]
