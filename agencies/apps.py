from operator import attrgetter

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgenciesConfig(AppConfig):
    name = "agencies"
    verbose_name = _("Agencies")

    def ready(self) -> None:
        # Here, not at the top: these modules import models, which are loaded only once apps are ready.
        from . import freshness, notices, reminders  # noqa: F401 - notices and reminders register their kinds

        freshness.watch("agencies.Agency")
        freshness.watch_agency("agencies.Agency", attrgetter("pk"))
