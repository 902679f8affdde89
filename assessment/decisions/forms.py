"""Forms for commendations and accountability measures. The decision document is one of the library's
documents (``assessment.uploads.OVERSIGHT_DOCUMENTS``), checked by ``agencies.uploads``."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from agencies.documents import DocumentField
from agencies.forms import AgencyChoiceField, dates_in_order
from agencies.models import Agency

from ..followup import forms as followup
from ..uploads import OVERSIGHT_DOCUMENTS
from .models import Commendation, Measure

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DOCUMENT_HELP = followup.DOCUMENT_HELP


class _DecisionForm(followup.DocumentForm):
    """The decision document is required when recording, kept when left empty on a correction."""

    file = DocumentField(policy=OVERSIGHT_DOCUMENTS, label=_("Decision document"), help_text=DOCUMENT_HELP)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "agency" in self.fields:
            self.fields["agency"].queryset = Agency.objects.filter(is_active=True).order_by("level", "name")


class CommendationForm(_DecisionForm):
    class Meta:
        model = Commendation
        fields = ["agency", "person_name", "person_position", "decided_on", "reason", "file"]
        field_classes = {"agency": AgencyChoiceField}
        widgets = {"decided_on": DATE_INPUT, "reason": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"agency": _("The agency commended, or the agency of the person commended.")}

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("person_position", "").strip() and not cleaned.get("person_name", "").strip():
            self.add_error("person_name", _("Name the person whose position is given."))
        return cleaned


class MeasureForm(_DecisionForm):
    class Meta:
        model = Measure
        fields = ["agency", "kind", "decided_on", "deadline", "reason", "file"]
        field_classes = {"agency": AgencyChoiceField}
        widgets = {
            "decided_on": DATE_INPUT,
            "deadline": DATE_INPUT,
            "reason": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {"deadline": _("The agency answers by this day with what it did.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["agency"]  # the follow-up belongs to the agency it was decided against

    def clean(self):
        cleaned = super().clean()
        dates_in_order(self, "decided_on", "deadline", _("The deadline cannot be before the decision."))
        return cleaned


class AnswerForm(followup.AnswerForm):
    evidence = followup.evidence_field(_("Optional: documents or photos showing what was done."), required=False)


class DecisionForm(followup.DecisionForm):
    CLOSE_LABEL, REASON_REQUIRED = _("Close the measure"), _("Say why the answer is sent back.")
    SAID = {"close": _("The measure was closed."), "return": _("The answer was sent back to the agency.")}
