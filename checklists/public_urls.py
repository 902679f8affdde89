"""The public pages under /public/: no login, approved checklists only."""

from django.urls import path

from . import public_views

app_name = "public"

urlpatterns = [
    path("", public_views.published_list, name="list"),
    path("<int:year>/<int:agency_id>/", public_views.published_checklist, name="detail"),
    path("<int:year>/list.xlsx", public_views.published_download, name="download"),
]
