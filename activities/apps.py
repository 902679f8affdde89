from operator import attrgetter

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActivitiesConfig(AppConfig):
    name = "activities"
    verbose_name = _("Activities")

    def ready(self) -> None:
        # Here, not at the top: these modules import models, which are loaded only once apps are ready.
        from agencies import freshness

        from . import reminders  # noqa: F401 - registers this app's kinds of reminder
        from .campaigns import reminders as campaign_reminders  # noqa: F401 - and the campaigns'

        # The home's 待办 are kept by data version too (puffa.todos): campaigns asking an agency and library
        # proposals are among what they read.
        freshness.watch(
            "activities.Activity",
            "activities.AnnualArchive",
            "activities.Campaign",
            "activities.CampaignAgency",
            "activities.ResourcePerson",
            "activities.Material",
        )
        # What an agency's ledger shows (activities.views.ledger keeps it by the agency's own number).
        freshness.watch_agency("activities.Activity", attrgetter("agency_id"))
        freshness.watch_agency("activities.Evidence", freshness.through("activity"))
        # A campaign's title shows in the rows of every agency that took part: a change moves every agency's number.
        freshness.watch_agency("activities.Campaign", lambda campaign: None)
