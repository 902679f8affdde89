from django.urls import path

from . import views

app_name = "planning"

# One path per page, written out: this list is the app's table of addresses, read at a glance and searched by name;
# only Django's path syntax is shared.
urlpatterns = [
    path("", views.overview, name="overview"),
    path("export/", views.overview_export, name="overview_export"),
    path("agency/<int:agency_pk>/", views.agency_planning, name="agency"),
    path("agency/<int:agency_pk>/plan/", views.plan_form, name="plan_form"),
    path("agency/<int:agency_pk>/<int:year>/key-work/", views.key_work_form, name="key_work_form"),
    path("plans/<int:pk>/download/", views.plan_download, name="plan_download"),
]
