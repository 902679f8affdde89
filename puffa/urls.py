from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from . import views

admin.site.site_header = _("Puffa administration")
admin.site.site_title = _("Puffa")

# One path per page and one include per app or sub-package, written out: this list is the site's table of addresses,
# read at a glance; only Django's path syntax is shared.
urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("years/<int:year>/open/", views.year_open, name="year_open"),
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("agencies/", include("agencies.urls")),
    path("checklists/", include("checklists.urls")),
    path("activities/", include("activities.urls")),
    path("library/", include("activities.library.urls")),
    path("campaigns/", include("activities.campaigns.urls")),
    path("newmedia/", include("activities.newmedia.urls")),
    path("assessment/", include("assessment.urls")),
    path("oversight/plans/", include("assessment.planning.urls")),
    path("oversight/", include("assessment.oversight.urls")),
    path("practice/", include("assessment.practice.urls")),
    path("public/practice/", include("assessment.practice.public_urls")),
    path("decisions/", include("assessment.decisions.urls")),
    path("public/", include("checklists.public_urls")),
    path("reminders/", include("puffa.reminder_urls")),
    path("admin/", admin.site.urls),
]

handler400 = "puffa.views.bad_request"
