from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from agencies.models import Law
from agencies.submissions import OnceField
from agencies.vocabulary import Audience, SixPlaces, grouped_type_choices
from agencies.widgets import LawPicker
from checklists import selectors as checklist_selectors

from . import selectors, validators
from .campaigns import selectors as campaign_selectors
from .evidence import CheckedUpload, inspect_evidence, max_bytes, max_files
from .library import selectors as library_selectors
from .models import Activity, ResourcePerson
from .newmedia import selectors as newmedia_selectors

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class EvidenceField(forms.FileField):
    """Several evidence files in one input; each is inspected and comes back as a ``CheckedUpload``."""

    widget = MultipleFileInput

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None) -> list[CheckedUpload]:
        uploads = [upload for upload in (data if isinstance(data, list | tuple) else [data]) if upload]
        checked, errors = [], []
        for upload in uploads:
            try:
                checked.append(inspect_evidence(upload))
            except ValidationError as error:
                errors.extend(error.messages)
        if errors:
            raise ValidationError(errors)
        return checked


class ActivityForm(forms.ModelForm):
    """Log or edit an activity of ``agency`` in ``year`` (the ledger's year), with evidence files."""

    activity_type = forms.ChoiceField(label=_("Activity type"), choices=(("", "---------"), *grouped_type_choices()))
    audiences = forms.MultipleChoiceField(
        label=_("Audiences"), choices=Audience.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    # Written out like CampaignForm.chosen: a multiple choice of its own rows, label and help; a shared field class
    # would save only the widget's size.
    people = forms.ModelMultipleChoiceField(
        label=_("Lecturers, navigators or volunteers"),
        queryset=ResourcePerson.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_("From the resource library; hold Ctrl to choose several."),
    )
    evidence_files = EvidenceField(
        label=_("Evidence files"),
        help_text=_("Photos (JPEG, PNG, WebP), PDF, Word, Excel or PowerPoint; you may select several files at once."),
    )
    # A double-clicked "save" posts this twice: the activity is logged once (agencies.submissions).
    once = OnceField()

    class Meta:
        model = Activity
        fields = [
            "activity_type",
            "six_places_target",
            "title",
            "start_date",
            "end_date",
            "place",
            "audiences",
            "audience_note",
            "people_reached",
            "checklist_item",
            "campaign",
            "laws",
            "description",
            "links",
            "media_account",
        ]
        widgets = {
            "start_date": DATE_WIDGET,
            "end_date": DATE_WIDGET,
            "laws": LawPicker,
            "description": forms.Textarea(attrs={"rows": 4}),
            "links": forms.Textarea(attrs={"rows": 3, "placeholder": "https://"}),
        }
        labels = {"six_places_target": _("Six-places target"), "audience_note": _("Audience details")}
        help_texts = {
            "six_places_target": _("Only for “law into six places”: where the activity went."),
            "checklist_item": _("Items of this year's approved responsibility checklist."),
            "campaign": _("A campaign your agency was asked to take part in, running on the activity's date."),
            "media_account": _("Only for a new-media post: the agency's account it was posted on."),
        }

    def __init__(self, *args, agency, year: int, existing_files: int = 0, **kwargs):
        super().__init__(*args, **kwargs)
        self.agency, self.year, self.existing_files = agency, year, existing_files
        self.fields["six_places_target"].choices = [("", "---------"), *SixPlaces.choices]
        self.fields["checklist_item"].queryset = selectors.fulfillable_items(agency.pk, year)
        self.fields["checklist_item"].label_from_instance = lambda item: f"{item.position}. {item.content[:60]}"
        linked = self.instance.checklist_item if self.instance.pk else None
        if linked is not None and not self.is_bound:
            # Linked to an earlier revision of the checklist: offer the same item of the latest revision.
            same = self.fields["checklist_item"].queryset.filter(key=linked.key).first()
            self.initial["checklist_item"] = same.pk if same else None
        self.fields["campaign"].queryset = campaign_selectors.asked_in(agency.pk, year)
        self.fields["campaign"].label_from_instance = lambda campaign: (
            f"{campaign.title}（{campaign.start_date:%m-%d}–{campaign.end_date:%m-%d}）"
        )
        self.fields["laws"].queryset = Law.objects.order_by("kind", "title")
        self.fields["laws"].required = False
        self.fields["laws"].widget.choices = checklist_selectors.law_choices(agency)  # its own laws first
        self.fields["people"].queryset = library_selectors.people_for_choice()
        self.fields["media_account"].queryset = newmedia_selectors.accounts_for_choice(
            agency, keep=self.instance.media_account_id
        )
        self.fields["people"].label_from_instance = lambda person: (
            f"{person.name}（{person.get_kind_display()}，{person.unit}）"
        )
        if self.instance.pk and not self.is_bound:
            chosen = list(self.instance.lecturers.all())
            self.initial["people"] = [person.pk for person in chosen]
            # Someone retired from the library since stays on the activity and on the list.
            self.fields["people"].queryset = (
                self.fields["people"].queryset | ResourcePerson.objects.filter(pk__in=[p.pk for p in chosen])
            ).distinct()
        self.fields["evidence_files"].help_text = _(
            "Photos (JPEG, PNG, WebP), PDF, Word, Excel or PowerPoint; you may select several files at once. "
            "At most %(size)d MB each and %(count)d files per activity."
        ) % {"size": max_bytes() // (1024 * 1024), "count": max_files()}

    def clean_links(self) -> str:
        return validators.clean_links(self.cleaned_data.get("links", ""))

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start:
            try:
                validators.validate_dates(start, end, self.year)
            except ValidationError as error:
                self.add_error(None, error)
        campaign = cleaned.get("campaign")
        if start and campaign is not None and not campaign.runs_on(start):
            self.add_error(
                "campaign",
                _("“%(title)s” runs from %(start)s to %(end)s; the activity's date is outside it.")
                % {"title": campaign.title, "start": campaign.start_date, "end": campaign.end_date},
            )
        if "activity_type" in cleaned:
            try:
                cleaned["six_places_target"] = validators.six_places_target(
                    cleaned["activity_type"], cleaned.get("six_places_target", "")
                )
            except ValidationError as error:
                self.add_error(None, error)
        files = cleaned.get("evidence_files") or []
        if self.existing_files + len(files) > max_files():
            self.add_error(
                "evidence_files",
                _("An activity holds at most %(limit)d evidence files: it has %(existing)d and you selected %(count)d.")
                % {"limit": max_files(), "existing": self.existing_files, "count": len(files)},
            )
        return cleaned

    @property
    def refused_files(self) -> bool:
        return "evidence_files" in self.errors


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Spreadsheet (.xlsx)"), help_text=_("Fill in the template; the first row holds the headers.")
    )


class DeleteForm(forms.Form):
    """A confirmation: deleting needs no more than the button."""
