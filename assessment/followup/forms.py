"""The two forms of a follow-up's page: the agency's answer, the bureau's decision. Each feature subclasses
them with its own words; evidence follows ``assessment.uploads.OVERSIGHT_DOCUMENTS``."""

from __future__ import annotations

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from agencies.documents import DocumentField, MultipleDocumentField, new_upload

from ..uploads import OVERSIGHT_DOCUMENTS

DOCUMENT_HELP = _("PDF, JPEG or PNG image, Word (.docx), Excel (.xlsx) or PowerPoint (.pptx), at most 20 MB each.")


class DocumentForm(forms.ModelForm):
    """A row with one stored ``file`` (plans, reports, decisions): required when recording, kept when left empty
    on a correction."""

    file = DocumentField(policy=OVERSIGHT_DOCUMENTS, label=_("Document"), help_text=DOCUMENT_HELP)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["file"].required = False
            self.fields["file"].help_text = _("Leave empty to keep “%(name)s”.") % {"name": self.instance.original_name}

    def clean_file(self):
        return new_upload(self.cleaned_data.get("file"))


class AnswerForm(forms.Form):
    """What the agency did; the feature adds ``evidence`` (``evidence_field``)."""

    description = forms.CharField(
        label=_("What was done"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("The measures taken and their results."),
    )


def evidence_field(help_text: str, *, required: bool = True) -> MultipleDocumentField:
    """The answer's evidence: ``help_text`` says what shows the work, followed by what files are taken."""
    return MultipleDocumentField(
        policy=OVERSIGHT_DOCUMENTS,
        label=_("Evidence"),
        required=required,
        help_text=format_lazy("{} {}", help_text, DOCUMENT_HELP),
    )


class DecisionForm(forms.Form):
    """Close the follow-up (the feature's ``CLOSE`` value and label) or send it back, which needs a reason
    (the feature's ``REASON_REQUIRED``). ``SAID`` is what the user is told after each decision."""

    CLOSE, RETURN = "close", "return"
    CLOSE_LABEL: str
    REASON_REQUIRED: str
    SAID: dict[str, str]

    decision = forms.ChoiceField(label=_("Decision"))
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when sending it back: say what is still missing."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision"].choices = [(self.CLOSE, self.CLOSE_LABEL), (self.RETURN, _("Send it back"))]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == self.RETURN and not cleaned.get("comment", "").strip():
            self.add_error("comment", self.REASON_REQUIRED)
        return cleaned
