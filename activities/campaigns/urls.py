from django.urls import path

from . import views

app_name = "campaigns"

# One path per page, written out: this list is the app's table of addresses, read at a glance and searched by name;
# only Django's path syntax is shared.
urlpatterns = [
    path("", views.campaign_list, name="list"),
    path("export/", views.campaign_list_export, name="list_export"),
    path("new/", views.campaign_create, name="create"),
    path("<int:pk>/", views.campaign_detail, name="detail"),
    path("<int:pk>/edit/", views.campaign_edit, name="edit"),
    path("<int:pk>/export/", views.campaign_export, name="export"),
]
