from decimal import Decimal

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from . import rules
from .models import Indicator, Rubric
from .services import UNSEEN, IndicatorData
from .uploads import validate_evidence

SCORE_FIELD = {"max_digits": 4, "decimal_places": 1, "validators": [MinValueValidator(Decimal(0))]}


class ThresholdsForm(forms.ModelForm):
    class Meta:
        model = Rubric
        fields = ["excellent_from", "good_from", "pass_from"]
        help_texts = {
            "excellent_from": _("A total at or above this is excellent."),
            "good_from": _("At or above this, and below excellent, is good."),
            "pass_from": _("At or above this, and below good, is a pass; below it is a fail."),
        }


def rule_choices() -> list[tuple[str, str]]:
    """The scoring rules a bureau administrator picks from, in words: reviewers score, or one of the rules
    in ``assessment.rules`` computes the indicator (its code is the rule's)."""
    names = {code: name for code, name, _weight, _method in rules.DEFAULT_INDICATORS}
    return (
        [("", _("Scored by reviewers"))]
        + [(code, _("Computed: %(rule)s") % {"rule": names[code]}) for code in rules.AUTOMATIC_CODES]
        + [(code, _("From the survey file: %(rule)s") % {"rule": names[code]}) for code in rules.IMPORTED_CODES]
    )


class IndicatorForm(forms.Form):
    pk = forms.IntegerField(widget=forms.HiddenInput, required=False)
    name = forms.CharField(label=_("name"), max_length=100)
    rule = forms.ChoiceField(label=_("scoring rule"), choices=rule_choices, required=False)
    weight = forms.DecimalField(
        label=_("weight"),
        max_digits=4,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("0.1")), MaxValueValidator(Decimal(100))],
    )
    code = forms.SlugField(
        label=_("code"),
        max_length=32,
        required=False,
        help_text=_("Letters, digits and underscores; only for an indicator scored by reviewers."),
    )

    @staticmethod
    def initial_for(indicator: Indicator) -> dict:
        rule = "" if indicator.method == Indicator.Method.MANUAL else indicator.code
        return {
            "pk": indicator.pk,
            "code": indicator.code,
            "name": indicator.name,
            "weight": indicator.weight,
            "rule": rule,
        }

    def clean(self):
        data = super().clean()
        if data.get("rule"):
            data["code"] = data["rule"]  # a computed indicator's code is its rule's
        elif not data.get("code") and "code" not in self.errors:
            self.add_error("code", _("Give an indicator scored by reviewers a code."))
        return data

    def indicator_data(self) -> IndicatorData:
        data = self.cleaned_data
        rule = data.get("rule")
        if rule in rules.AUTOMATIC_CODES:
            method = Indicator.Method.AUTOMATIC
        elif rule in rules.IMPORTED_CODES:
            method = Indicator.Method.IMPORTED
        else:
            method = Indicator.Method.MANUAL
        return IndicatorData(data.get("pk"), data["code"], data["name"], data["weight"], method)


IndicatorFormSet = forms.formset_factory(IndicatorForm, extra=1, can_delete=True)


class SelfAssessmentForm(forms.Form):
    score = forms.DecimalField(label=_("own score"), **SCORE_FIELD)
    account = forms.CharField(
        label=_("account"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What was done, briefly, and where the evidence is."),
    )
    evidence = forms.FileField(
        label=_("evidence"),
        required=False,
        validators=[validate_evidence],
        help_text=_("Optional: a PDF, image, Word, Excel or PowerPoint file of at most 20 MB."),
    )
    remove_evidence = forms.BooleanField(label=_("remove the attached file"), required=False)

    def __init__(self, *args, indicator: Indicator, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicator = indicator
        self.fields["score"].validators = [*self.fields["score"].validators, MaxValueValidator(indicator.weight)]
        self.fields["score"].help_text = _("From 0 to %(weight)s.") % {"weight": rules.plain(indicator.weight)}

    def has_input(self) -> bool:
        """An untouched row of an indicator never self-assessed is left alone."""
        return self.has_changed()


class ScoreForm(forms.Form):
    value = forms.DecimalField(label=_("reviewer's score"), required=False, **SCORE_FIELD)
    reason = forms.CharField(label=_("reason"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    # The reviewer's score the page showed ("" for none), for a change made meanwhile to be noticed.
    seen = forms.DecimalField(widget=forms.HiddenInput, required=False, **SCORE_FIELD)

    def seen_score(self):
        """What the page showed, or ``UNSEEN`` for a post that did not say (an older page, a script)."""
        return self.cleaned_data["seen"] if "seen" in self.data else UNSEEN

    def now_seen(self, adjusted: Decimal | None) -> None:
        """Show the score as it now is: saving again after a refused stale change replaces it knowingly."""
        self.data = self.data.copy()
        self.data["seen"] = "" if adjusted is None else str(adjusted)

    def __init__(self, *args, indicator: Indicator, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["value"].validators = [*self.fields["value"].validators, MaxValueValidator(indicator.weight)]
        if indicator.is_manual:
            self.fields["value"].help_text = _("From 0 to %(weight)s.") % {"weight": rules.plain(indicator.weight)}
        else:
            self.fields["value"].help_text = _(
                "From 0 to %(weight)s; it replaces the computed score. Leave it empty to withdraw an adjustment."
            ) % {"weight": rules.plain(indicator.weight)}
            self.fields["reason"].required = True
            self.fields["reason"].help_text = _("Required: say why the computed score is adjusted.")


class SurveyUploadForm(forms.Form):
    file = forms.FileField(
        label=_("survey results file"),
        help_text=_("An Excel .xlsx file, or a .csv file saved by Excel or WPS (UTF-8 or GB18030)."),
    )
