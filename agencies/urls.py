from django.urls import path

from . import views

app_name = "agencies"

# One path per page, written out: this list is the app's table of addresses, read at a glance and searched by name;
# only Django's path syntax is shared.
urlpatterns = [
    path("", views.agency_list, name="list"),
    path("new/", views.agency_create, name="create"),
    path("<int:pk>/", views.agency_detail, name="detail"),
    path("<int:pk>/edit/", views.agency_edit, name="edit"),
    path("names/", views.agency_names, name="names"),
    path("laws/", views.law_list, name="law_list"),
    path("laws/new/", views.law_create, name="law_create"),
    path("laws/<int:pk>/edit/", views.law_edit, name="law_edit"),
    path("laws/power-list/", views.power_list_import, name="power_list_import"),
    path("laws/power-list.xlsx", views.power_list_template, name="power_list_template"),
]

urlpatterns += [
    path("inbox/", views.inbox, name="inbox"),
    path("inbox/read-all/", views.inbox_read_all, name="inbox_read_all"),
    path("inbox/<int:pk>/open/", views.notification_open, name="notification_open"),
    path("inbox/<int:pk>/read/", views.notification_read, name="notification_read"),
]

urlpatterns += [
    path("imports/<int:pk>/", views.import_job, name="import_job"),
    path("logins/", views.login_list, name="login_list"),
    path("logins/new/", views.login_create, name="login_create"),
    path("logins/<int:pk>/", views.login_edit, name="login_edit"),
    path("logins/<int:pk>/active/", views.login_active, name="login_active"),
    path("logins/<int:pk>/reset/", views.login_reset, name="login_reset"),
]
