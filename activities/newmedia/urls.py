from django.urls import path

from . import views

app_name = "newmedia"

# One path per page, written out: this list is the app's table of addresses, read at a glance and searched by name;
# only Django's path syntax is shared.
urlpatterns = [
    path("", views.index, name="index"),
    path("<int:year>/", views.cluster, name="cluster"),
    path("<int:year>/export/", views.cluster_export, name="cluster_export"),
    path("agency/<int:agency_pk>/", views.agency_accounts, name="agency"),
    path("agency/<int:agency_pk>/new/", views.account_create, name="create"),
    path("accounts/<int:pk>/edit/", views.account_edit, name="edit"),
    path("accounts/<int:pk>/deactivate/", views.account_set_active, {"active": False}, name="deactivate"),
    path("accounts/<int:pk>/reactivate/", views.account_set_active, {"active": True}, name="reactivate"),
]
