"""Form helpers for templates: the error summary at the top of a form (every error of a form or formset, each
linking to its field) and a filter form's fields."""

from __future__ import annotations

from dataclasses import dataclass

from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field
from django import forms, template
from django.forms import BaseForm, BaseFormSet, BoundField
from django.forms.widgets import Input
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

register = template.Library()


@dataclass(frozen=True)
class ErrorLine:
    message: str
    label: str = ""
    target: str = ""  # the id of the field the line links to


def _form_lines(form: BaseForm, prefix: str = "") -> list[ErrorLine]:
    if not form.is_bound or not form.errors:
        return []
    lines = [ErrorLine(str(error), prefix) for error in form.non_field_errors()]
    for field in form:
        label = " · ".join(part for part in (prefix, str(field.label or "")) if part)
        target = "" if field.is_hidden else field.id_for_label or ""
        lines.extend(ErrorLine(str(error), label, target) for error in field.errors)
    return lines


def error_lines(*forms) -> list[ErrorLine]:
    """Every error of the forms and formsets given, in page order; a formset's rows are named "Item 2"."""
    lines: list[ErrorLine] = []
    for form in forms:
        if isinstance(form, BaseFormSet):
            if not form.is_bound:
                continue
            lines.extend(ErrorLine(str(error)) for error in form.non_form_errors())
            for number, row in enumerate(form.forms, start=1):
                lines.extend(_form_lines(row, _("Item %(number)s") % {"number": number}))
        elif isinstance(form, BaseForm):
            lines.extend(_form_lines(form))
    return lines


@register.inclusion_tag("_error_summary.html")
def error_summary(*forms) -> dict:
    """``{% error_summary form %}``: the summary, or nothing when the forms have no error."""
    return {"lines": error_lines(*forms)}


def _is_plain_input(field: BoundField) -> bool:
    """A text-like input or a select: what ``filter_field`` writes itself."""
    widget = field.field.widget
    plain = isinstance(widget, Input) and widget.input_type not in {"checkbox", "radio", "file"}
    return plain or (
        isinstance(widget, _SELECTS) and not isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple)
    )


# Bootstrap's class for each widget, as crispy gives it (its class name first, as crispy_field adds it).
_SELECTS = (forms.Select, forms.SelectMultiple)


def _bootstrap_widget(field: BoundField) -> str:
    """The field's widget with Bootstrap's classes (and ``is-invalid`` when it
    has errors), for ``filter_field``. Checkboxes, radios and files keep crispy's full layout."""
    widget = field.field.widget
    own = widget.__class__.__name__.lower()
    bootstrap = "form-select" if isinstance(widget, _SELECTS) else "form-control"
    classes = [c for c in (widget.attrs.get("class", ""), own, bootstrap) if c]
    if field.errors:
        classes.append("is-invalid")
    return field.as_widget(attrs={"class": " ".join(dict.fromkeys(" ".join(classes).split()))})


@register.simple_tag
def filter_field(field: BoundField) -> SafeString:
    """``{% filter_field field %}``: one field of a list page's filter form, the HTML crispy's ``as_crispy_field``
    writes for it, written here for text-like inputs and selects (crispy's per-field templates were the largest
    cost of a list page). Checkboxes, radios and files go through crispy itself; a hidden field is its widget."""
    if field.is_hidden:
        return field.as_widget()
    if not _is_plain_input(field):
        return as_crispy_field(field)
    auto_id, required = field.auto_id, field.field.required
    label = ""
    if field.label:
        label = format_html(
            '<label for="{}" class="form-label{}">{}{}</label>',
            field.id_for_label,
            " requiredField" if required else "",
            field.label,
            mark_safe('<span class="asteriskField">*</span>') if required else "",
        )
    errors = ""
    if field.errors:
        lines = format_html_join(
            "",
            '<p id="error_{}_{}"><strong>{}</strong></p>',
            ((number, auto_id, error) for number, error in enumerate(field.errors, start=1)),
        )
        errors = format_html('<div id="{}_error" class="invalid-feedback">{}</div>', auto_id, lines)
    help_text = ""
    if field.help_text:
        # Help texts are the project's own words, some with markup, as crispy writes them (``|safe``).
        help_text = format_html(
            '<div id="{}_helptext" class="form-text">{}</div>',
            auto_id,
            mark_safe(field.help_text),  # noqa: S308
        )
    return format_html(
        '<div id="div_{}" class="mb-3">{}{}{}{}</div>', auto_id, label, _bootstrap_widget(field), errors, help_text
    )
