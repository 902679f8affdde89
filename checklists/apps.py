from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChecklistsConfig(AppConfig):
    name = "checklists"
    verbose_name = _("Responsibility checklists")

    def ready(self) -> None:
        from agencies import freshness

        freshness.watch("agencies.AnnualCycle", "checklists.Checklist", "checklists.ChecklistItem")
