from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentConfig(AppConfig):
    name = "assessment"
    verbose_name = _("Year-end assessment")

    def ready(self) -> None:
        from agencies import freshness

        freshness.watch(
            "assessment.Rubric",
            "assessment.Indicator",
            "assessment.Score",
            "assessment.Result",
            "assessment.SurveyResult",
            "assessment.Finding",
        )
