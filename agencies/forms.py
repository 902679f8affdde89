from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from . import validators
from .models import Agency, AgencyContact, Law, User
from .widgets import AgencyInput


class AgencyChoiceField(forms.ModelChoiceField):
    """One agency of ``queryset``, typed by its full name or its unified social credit code (the field's
    suggestions come from ``agencies:names``); an agency's id is taken too, as links such as a reminder's
    "this agency" give it. Shown as the agency's name, never as an id."""

    widget = AgencyInput
    default_error_messages = {
        "invalid_choice": _("No agency you may choose is called “%(value)s”: type its full name or pick a suggestion."),
    }

    def prepare_value(self, value):
        if isinstance(value, Agency):
            return value.name
        if isinstance(value, int) or (isinstance(value, str) and value.isdigit()):
            return self.queryset.filter(pk=int(value)).values_list("name", flat=True).first() or value
        return value

    def to_python(self, value):
        value = " ".join(str(value or "").split())
        if not value:
            return None
        match = Q(name=value) | Q(code=value.upper())
        if value.isdigit():
            match |= Q(pk=int(value))
        found = self.queryset.filter(match).first()
        if found is None:
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value}
            )
        return found


def dates_in_order(form: forms.Form, earlier: str, later: str, message: str) -> None:
    """Where both dates are given, the ``later`` field's may not come before the ``earlier`` one's: the error, in
    the form's own words, goes on the later field."""
    first, then = form.cleaned_data.get(earlier), form.cleaned_data.get(later)
    if first and then and then < first:
        form.add_error(later, message)


class AgencyForm(forms.ModelForm):
    class Meta:
        model = Agency
        fields = [
            "name",
            "short_name",
            "code",
            "agency_type",
            "level",
            "parent",
            "filing_office",
            "subject_to_study_minimum",
            "laws",
            "address",
            "is_active",
        ]
        widgets = {"laws": forms.SelectMultiple(attrs={"size": 12})}
        field_classes = {"parent": AgencyChoiceField}
        help_texts = {
            "subject_to_study_minimum": _(
                "By default yes for government departments and judicial organs (at least two sessions a year)."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = Agency.objects.order_by("name")
        if self.instance.pk:
            self.fields["parent"].queryset = self.fields["parent"].queryset.exclude(pk=self.instance.pk)
        self.fields["laws"].queryset = Law.objects.order_by("kind", "title")
        self.fields["laws"].required = False

    def clean_code(self) -> str:
        # People paste codes in lower case or with spaces; store the canonical form, then validate it.
        # The model's GB 32100 validator then checks the canonical form.
        return "".join(self.cleaned_data.get("code", "").split()).upper()


class ContactForm(forms.ModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["phone"].validators.append(validators.validate_phone)


ContactFormSet = forms.inlineformset_factory(
    Agency,
    AgencyContact,
    form=ContactForm,
    fields=["name", "position", "phone", "email", "is_primary"],
    extra=1,
    can_delete=True,
)


class LawForm(forms.ModelForm):
    class Meta:
        model = Law
        fields = ["title", "kind", "issuing_body", "promulgated_on", "effective_on"]
        widgets = {
            "promulgated_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "effective_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def clean(self):
        cleaned = super().clean()
        dates_in_order(self, "promulgated_on", "effective_on", _("A law cannot take effect before it is promulgated."))
        return cleaned


class LoginForm(forms.ModelForm):
    """A login as the bureau sees it: who, their role, and the agency or office it belongs to."""

    class Meta:
        model = User
        fields = ["username", "name", "email", "phone", "role", "agency", "filing_office"]
        help_texts = {
            "username": _("What the person types to sign in: letters, digits and @/./+/-/_ only."),
            "agency": _("For agency staff: the agency they file for."),
            "filing_office": _("For reviewers (and the bureau's administrators): their filing office."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].required = True
        self.fields["agency"].queryset = Agency.objects.filter(is_active=True).order_by("level", "name")
        if self.instance.pk:
            self.fields["username"].disabled = True

    def _post_clean(self):
        # The role decides which of agency and office is kept (agencies.logins); validate it that way.
        role = self.cleaned_data.get("role")
        if role and role != User.Role.STAFF:
            self.cleaned_data["agency"] = None
        if role and role not in (User.Role.REVIEWER, User.Role.BUREAU_ADMIN):
            self.cleaned_data["filing_office"] = None
        super()._post_clean()


class PowerListForm(forms.Form):
    file = forms.FileField(
        label=_("Spreadsheet (.xlsx)"),
        help_text=_("Every row is checked first: if any row is wrong, nothing is imported."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
    )
