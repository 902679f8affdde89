import axes.apps
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop


class PuffaConfig(AppConfig):
    default = True  # of the two configurations below
    name = "puffa"
    verbose_name = "Puffa"


class AxesConfig(axes.apps.AppConfig):
    """django-axes with a name in the admin's language: it ships no Chinese, and its app is called "Axes"."""

    default = False
    verbose_name = _("Login attempts")


# django-axes's own words in the admin, for the root catalogue (LOCALE_PATHS is read before the app's).
AXES_WORDS = [
    gettext_noop("access attempt"),
    gettext_noop("access attempts"),
    gettext_noop("access failure"),
    gettext_noop("access failures"),
    gettext_noop("access attempt expiration"),
    gettext_noop("access attempt expirations"),
    gettext_noop("access log"),
    gettext_noop("access logs"),
    gettext_noop("User Agent"),
    gettext_noop("IP Address"),
    gettext_noop("HTTP Accept"),
    gettext_noop("Path"),
    gettext_noop("Attempt Time"),
    gettext_noop("Access lock out"),
    gettext_noop("GET Data"),
    gettext_noop("POST Data"),
    gettext_noop("Failed Logins"),
    gettext_noop("Access Attempt"),
    gettext_noop("Expires At"),
    gettext_noop("Logout Time"),
    gettext_noop("Locked Out"),
    gettext_noop("Form Data"),
    gettext_noop("Meta Data"),
    gettext_noop("Clean up expired attempts"),
    gettext_noop("Not set"),
]
