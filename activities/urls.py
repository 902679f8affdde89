from django.urls import path

from . import views

app_name = "activities"

# One path per page, written out: this list is the app's table of addresses, read at a glance and searched by name;
# only Django's path syntax is shared.
urlpatterns = [
    path("", views.index, name="index"),
    path("overview/<int:year>/", views.overview, name="overview"),
    path("overview/<int:year>/export/", views.overview_export, name="overview_export"),
    path("import-template.xlsx", views.import_template, name="import_template"),
    path("agency/<int:agency_pk>/<int:year>/", views.ledger, name="ledger"),
    path("agency/<int:agency_pk>/<int:year>/export/", views.ledger_export, name="ledger_export"),
    path("agency/<int:agency_pk>/<int:year>/new/", views.activity_create, name="create"),
    path("agency/<int:agency_pk>/<int:year>/import/", views.import_activities, name="import"),
    path("agency/<int:agency_pk>/<int:year>/progress/", views.progress, name="progress"),
    path("agency/<int:agency_pk>/<int:year>/archive/", views.archive, name="archive"),
    path("archive/<int:pk>/download/", views.archive_download, name="archive_download"),
    path("<int:pk>/", views.activity_detail, name="detail"),
    path("<int:pk>/edit/", views.activity_edit, name="edit"),
    path("<int:pk>/delete/", views.activity_delete, name="delete"),
    path("evidence/<int:pk>/", views.evidence_download, name="evidence"),
    path("evidence/<int:pk>/thumbnail/", views.evidence_thumbnail, name="thumbnail"),
    path("evidence/<int:pk>/publish/", views.evidence_publish, name="evidence_publish"),
    path("evidence/<int:pk>/delete/", views.evidence_delete, name="evidence_delete"),
]
