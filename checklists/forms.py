"""Forms of the checklist pages. Forms clean (with Chinese messages); ``checklists.services`` persists."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from agencies import validators
from agencies.forms import dates_in_order
from agencies.models import Agency, AnnualCycle, FilingOffice
from agencies.vocabulary import Audience, grouped_type_choices
from agencies.widgets import LawPicker
from agencies.years import open_years

from .models import ChecklistItem
from .selectors import FILING_STATUS_CHOICES, TIMING_CHOICES, OverviewFilters, QueueCounts, QueueFilters
from .services import MAX_ITEMS, ItemData

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def validate_within_year(day: dt.date, year: int) -> None:
    if day.year != year:
        raise ValidationError(_("Choose a date in %(year)s.") % {"year": year}, code="outside_year")


class AnnualCycleForm(forms.ModelForm):
    """A year's deadline and study minimum; the year itself comes from the page's address."""

    class Meta:
        model = AnnualCycle
        fields = ["filing_deadline", "study_minimum"]
        widgets = {"filing_deadline": DATE_INPUT}

    def __init__(self, *args, year: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.year = year
        self.fields["study_minimum"].widget.attrs["min"] = 0

    def clean_filing_deadline(self):
        deadline = self.cleaned_data["filing_deadline"]
        if deadline.year != self.year:
            raise ValidationError(_("The filing deadline must fall within %(year)s.") % {"year": self.year})
        return deadline


class StartForm(forms.Form):
    EMPTY, COPY = "empty", "copy"
    how = forms.ChoiceField(
        label=_("Start"),
        choices=[(EMPTY, _("Start an empty checklist")), (COPY, _("Copy last year's approved items"))],
        widget=forms.RadioSelect,
        initial=EMPTY,
    )

    def __init__(self, *args, previous=None, **kwargs):
        super().__init__(*args, **kwargs)
        if previous is None:
            self.fields["how"].choices = self.fields["how"].choices[:1]
            self.fields["how"].help_text = _("There is no approved checklist of last year to copy.")
        else:
            self.fields["how"].help_text = _("Last year's items are copied with their dates moved to this year.")


class ItemForm(forms.Form):
    """One item's row on the items page (and one row of an import, through the same checks)."""

    id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    position = forms.IntegerField(
        label=_("Order"),
        min_value=1,
        max_value=999,
        required=False,
        help_text=_("Items are listed by this number; leave empty to put it last."),
    )
    content = forms.CharField(label=_("Content"), widget=forms.Textarea(attrs={"rows": 2}))
    laws = forms.MultipleChoiceField(
        label=_("Laws covered"),
        required=False,
        widget=LawPicker,
        help_text=_("Tick every law the item teaches; the agency's own laws come first."),
    )
    responsible_office = forms.CharField(label=_("Responsible office"), max_length=100)
    contact_person = forms.CharField(label=_("Contact person"), max_length=50)
    contact_phone = forms.CharField(
        label=_("Contact phone"), max_length=30, required=False, validators=[validators.validate_phone]
    )
    audiences = forms.MultipleChoiceField(
        label=_("Audiences"), choices=Audience.choices, widget=forms.CheckboxSelectMultiple
    )
    audience_group = forms.CharField(
        label=_("Named group"),
        max_length=100,
        required=False,
        help_text=_("Optional: students, enterprises, migrant workers …"),
    )
    start_date = forms.DateField(label=_("Start date"), widget=DATE_INPUT)
    end_date = forms.DateField(label=_("End date"), widget=DATE_INPUT)
    goal = forms.CharField(label=_("Goal"), widget=forms.Textarea(attrs={"rows": 2}))
    target_activities = forms.IntegerField(label=_("Planned activities"), min_value=0, max_value=100000, initial=0)
    target_people = forms.IntegerField(label=_("Planned people reached"), min_value=0, max_value=10**8, initial=0)
    # Named like the model field, and declared last: below it, ``forms`` in this class body is the field.
    forms = forms.MultipleChoiceField(
        label=_("Forms"),
        choices=grouped_type_choices,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_("Hold Ctrl (⌘ on a Mac) to choose several; ★ counts towards the study minimum."),
    )

    def __init__(self, *args, year: int, law_choices: list[tuple[int, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.year = year
        self.fields["laws"].choices = law_choices

    def clean_start_date(self):
        day = self.cleaned_data["start_date"]
        validate_within_year(day, self.year)
        return day

    def clean_end_date(self):
        day = self.cleaned_data["end_date"]
        validate_within_year(day, self.year)
        return day

    def clean(self):
        cleaned = super().clean()
        dates_in_order(self, "start_date", "end_date", _("The end date cannot be before the start date."))
        return cleaned

    def item_data(self) -> ItemData:
        data = self.cleaned_data
        return ItemData(
            pk=data.get("id"),
            law_ids=[int(pk) for pk in data["laws"]],
            **{name: data[name] for name in ItemData.FIELDS},
        )


def item_initial(item: ChecklistItem) -> dict:
    return {
        "id": item.pk,
        "position": item.position,
        "laws": [str(law.pk) for law in item.laws.all()],
        **{name: getattr(item, name) for name in ItemData.FIELDS},
    }


class BaseItemFormSet(forms.BaseFormSet):
    def clean(self):
        super().clean()
        ids = [form.cleaned_data.get("id") for form in self.kept_forms()]
        ids = [pk for pk in ids if pk is not None]
        if len(ids) != len(set(ids)):
            raise ValidationError(_("The same item appears twice; reload the page and try again."))
        if not self.kept_forms():
            raise ValidationError(_("Keep at least one item; a checklist cannot be emptied."))

    def kept_forms(self) -> list[ItemForm]:
        return [
            form
            for form in self.forms
            if form.cleaned_data and not (self.can_delete and self._should_delete_form(form))
        ]

    def items(self) -> list[ItemData]:
        """The kept rows in the order their position numbers give (ties keep the page's order)."""
        kept = list(enumerate(self.kept_forms()))
        kept.sort(key=lambda pair: (pair[1].cleaned_data.get("position") or 10_000, pair[0]))
        return [form.item_data() for _index, form in kept]

    def raw_rows(self) -> list[dict]:
        """What was typed in each row, to show again unchecked (when the user only asked for more rows).

        Rows still as they were offered are left out: shown again as new rows, they stay optional instead of
        becoming items that must be filled in or deleted.
        """
        rows = []
        for form in self.forms:
            if not form["id"].value() and not form.has_changed():
                continue
            row = {name: form[name].value() for name in form.fields}
            if self.can_delete:
                row["DELETE"] = bool(form["DELETE"].value())
            rows.append(row)
        return rows


ItemFormSet = forms.formset_factory(
    ItemForm,
    formset=BaseItemFormSet,
    extra=0,
    can_delete=True,
    max_num=MAX_ITEMS,
    validate_max=True,
    absolute_max=MAX_ITEMS,
)


class AmendForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for the amendment"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What changes and why; the filing office reads this with the changed items."),
    )


class QueueFilterForm(forms.Form):
    """The review queue's filters: a year the queue holds (with how many wait and how many are late), and
    only the late ones."""

    year = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False, empty_value=None)
    late = forms.BooleanField(label=_("Only those filed late"), required=False)

    def __init__(self, *args, counts: QueueCounts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [
            ("", _("All years")),
            *(
                (year, _("%(year)s (%(waiting)s waiting, %(late)s late)") % {"year": year, "waiting": n, "late": late})
                for year, n, late in counts.years
            ),
        ]

    def filters(self) -> QueueFilters:
        """No filter if the form is invalid (a year the queue no longer holds, say)."""
        if not self.is_valid():
            return QueueFilters()
        return QueueFilters(year=self.cleaned_data["year"], late_only=self.cleaned_data["late"])


class DecisionForm(forms.Form):
    """A reviewer's decision; which one comes from the button pressed (``decision``)."""

    APPROVE, RETURN = "approve", "return"
    # The review page's 审核通过: not a decision yet, it opens the approval's confirmation with the comment typed.
    ASK_APPROVAL = "ask_approval"
    comment = forms.CharField(
        label=_("Review comments"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when returning: say what the agency should change."),
    )
    # When the submission the reviewer read was made: a newer submission is not decided unseen.
    seen = forms.DateTimeField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, decision: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.decision = decision
        if decision == self.APPROVE:  # the approval's confirmation, with no return to require a comment for
            self.fields["comment"].help_text = _("Optional: the agency reads it with the approval.")

    def clean(self):
        cleaned = super().clean()
        if self.decision not in {self.APPROVE, self.RETURN}:
            raise ValidationError(_("Choose to approve or to return the checklist."))
        if self.decision == self.RETURN and not cleaned.get("comment", "").strip():
            self.add_error("comment", _("Say what the agency should change: a comment is required to return it."))
        return cleaned


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Spreadsheet (.xlsx)"),
        help_text=_("Fill in the template; every row is checked and either all rows are added or none."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
    )


class OverviewFilterForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False)
    q = forms.CharField(label=_("Search"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("All")), *FILING_STATUS_CHOICES])
    timing = forms.ChoiceField(label=_("On time or late"), required=False, choices=[("", _("All")), *TIMING_CHOICES])
    level = forms.ChoiceField(label=_("Level"), required=False, choices=[("", _("All")), *Agency.Level.choices])
    agency_type = forms.ChoiceField(label=_("Type"), required=False, choices=[("", _("All")), *Agency.Type.choices])
    filing_office = forms.ModelChoiceField(
        label=_("Filing office"),
        required=False,
        empty_label=_("All"),
        queryset=FilingOffice.objects.order_by("sort_order", "name"),
    )

    def __init__(self, *args, year: int, this_year: int, **kwargs):
        super().__init__(*args, **kwargs)
        # The opened years (agencies.years): a year not opened has no overview to show.
        years = sorted({year, *open_years()}, reverse=True)
        self.fields["year"].choices = [(option, option) for option in years]
        self.fields["year"].initial = year

    def filters(self) -> OverviewFilters:
        if not self.is_valid():
            return OverviewFilters()
        data = self.cleaned_data
        office = data.get("filing_office")
        return OverviewFilters(
            q=data["q"].strip(),
            status=data["status"],
            timing=data["timing"],
            level=data["level"],
            agency_type=data["agency_type"],
            filing_office=office.pk if office else None,
        )


class PublicFilterForm(forms.Form):
    q = forms.CharField(label=_("Agency"), required=False)
    agency_type = forms.ChoiceField(
        label=_("Type"), required=False, choices=[("", _("All types")), *Agency.Type.choices]
    )
    level = forms.ChoiceField(label=_("Level"), required=False, choices=[("", _("All levels")), *Agency.Level.choices])
