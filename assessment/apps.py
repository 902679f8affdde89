from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentConfig(AppConfig):
    name = "assessment"
    verbose_name = _("Year-end assessment")

    def ready(self) -> None:
        # Here, not at the top: these modules import models, which are loaded only once apps are ready.
        from agencies import freshness

        from .dashboard import kept
        from .oversight import reminders  # noqa: F401 - registers this app's kinds of reminder

        kept.watch()

        freshness.watch(
            "assessment.Rubric",
            "assessment.Indicator",
            "assessment.Score",
            "assessment.Result",
            "assessment.SurveyResult",
            "assessment.Finding",
            # What the home's 待办 read besides (puffa.todos keeps them by data version): an inspection's day,
            # the plan and report filed, accountability measures, the scoring runs.
            "assessment.Inspection",
            "assessment.AnnualFiling",
            "assessment.Measure",
            "assessment.ScoringRun",
        )
