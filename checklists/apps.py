from operator import attrgetter

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChecklistsConfig(AppConfig):
    name = "checklists"
    verbose_name = _("Responsibility checklists")

    def ready(self) -> None:
        # Here, not at the top: these modules import models, which are loaded only once apps are ready.
        from agencies import freshness

        from . import reminders  # noqa: F401 - registers this app's kinds of reminder

        freshness.watch(
            "agencies.AnnualCycle", "checklists.Checklist", "checklists.ChecklistItem", "checklists.ChecklistTransition"
        )
        # The ledger offers the approved checklist's items as a filter.
        freshness.watch_agency("checklists.Checklist", attrgetter("agency_id"))
        freshness.watch_agency("checklists.ChecklistItem", freshness.through("checklist"))
