"""Form widgets of the base app, for every app's pages."""

from __future__ import annotations

from django import forms
from django.forms.renderers import TemplatesSetting
from django.forms.utils import flatatt
from django.template.defaultfilters import stringformat
from django.urls import reverse
from django.utils.formats import localize
from django.utils.html import conditional_escape, escape, format_html, format_html_join
from django.utils.safestring import SafeData, SafeString
from django.utils.timezone import template_localtime
from django.utils.translation import gettext as _


class LawPicker(forms.SelectMultiple):
    """Laws chosen with checkboxes instead of a Ctrl-click list: the chosen ones first, then the groups of the
    choices (the agency's own laws before the rest of the catalogue), and a search box that
    ``static/js/law_picker.js`` shows and wires up. Without script it is a list of plain checkboxes.

    Written out in Python: an items page holds the whole catalogue once per item row.
    """

    use_fieldset = True  # a legend names the group of checkboxes

    def id_for_label(self, id_, index=None):
        return f"{id_}_0" if id_ else ""  # the first checkbox: where an error summary's link lands

    def render(self, name, value, attrs=None, renderer=None) -> SafeString:
        attrs = self.build_attrs(self.attrs, attrs)
        base_id = attrs.get("id") or f"id_{name}"
        chosen = {str(v) for v in self.format_value(value)}
        groups: list[tuple[str, list[tuple[str, str]]]] = []
        for option, label in self.choices:
            if isinstance(label, (list, tuple)):  # a group of options
                groups.append((str(option), [(str(v), str(text)) for v, text in label]))
            else:
                if not groups or groups[-1][0]:
                    groups.append(("", []))
                groups[-1][1].append((str(option), str(label)))
        picked = [(v, text) for _group, options in groups for v, text in options if v in chosen]
        if picked:
            groups = [(_("Chosen"), picked)] + [
                (group, [(v, text) for v, text in options if v not in chosen]) for group, options in groups
            ]
        counter = iter(range(100_000))

        def checkbox(option: str, label: str) -> SafeString:
            box_id = f"{base_id}_{next(counter)}"
            return format_html(
                '<div class="form-check"><input class="form-check-input" type="checkbox"{}>'
                '<label class="form-check-label" for="{}">{}</label></div>',
                flatatt({"name": name, "value": option, "id": box_id, "checked": option in chosen}),
                box_id,
                label,
            )

        parts = []
        for group, options in groups:
            if not options:
                continue
            boxes = format_html_join("", "{}", ((checkbox(option, label),) for option, label in options))
            heading = format_html('<div class="law-picker-group small fw-semibold text-body-secondary">{}</div>', group)
            parts.append(format_html('<div class="law-picker-section">{}{}</div>', heading if group else "", boxes))
        search = format_html(
            '<input type="search" class="form-control form-control-sm mb-2 law-search" data-law-search '
            'placeholder="{}" aria-label="{}" aria-controls="{}_options">',
            _("Search the laws by name"),
            _("Search the laws by name"),
            base_id,
        )
        invalid = " is-invalid" if "is-invalid" in attrs.get("class", "") else ""
        return format_html(
            '<div class="law-picker{}" data-law-picker id="{}">{}'
            '<div class="law-picker-options border rounded px-2 py-1" id="{}_options">{}</div></div>',
            invalid,
            base_id,
            search,
            base_id,
            format_html_join("", "{}", ((part,) for part in parts)),
        )


class AgencyInput(forms.TextInput):
    """An agency typed by its name, with suggestions: ``static/js/agency_picker.js`` fills the datalist from
    ``agencies:names`` as the user types (agencies in their scope only). Without script the full name is typed
    and the field checks it. A select of a province's agencies would be ten thousand options on every page."""

    def __init__(self, attrs=None):
        super().__init__({"class": "form-control", "autocomplete": "off", "spellcheck": "false", **(attrs or {})})

    def render(self, name, value, attrs=None, renderer=None) -> SafeString:
        attrs = self.build_attrs(self.attrs, attrs)
        suggestions = f"{attrs.get('id') or 'id_' + name}_suggestions"
        attrs.update(
            {
                "list": suggestions,
                "placeholder": _("Type a few characters of the agency's name"),
                "data-agency-picker": reverse("agencies:names"),
            }
        )
        value = "" if value is None else str(value)
        return format_html(
            '<input type="text" name="{}"{}{}><datalist id="{}"></datalist>',
            name,
            format_html(' value="{}"', value) if value else "",
            flatatt(attrs),
            suggestions,
        )


class WidgetRenderer(TemplatesSetting):
    """The project's form renderer (``FORM_RENDERER``): templates as ``TemplatesSetting`` finds them, except the
    widgets every form and filter writes many times, text-like inputs and selects, whose templates are written out
    here in Python with the same output to the character (tests/agencies/test_widget_renderer.py compares the two
    for every such template). The template engine's per-variable and per-include work was the largest part of a
    list page's filter form: the ledger's six filters took longer to write than its fifty rows."""

    def render(self, template_name: str, context: dict, request=None) -> str:
        widget = context.get("widget")
        if template_name in INPUT_TEMPLATES:
            return _input(widget)
        if template_name == SELECT_TEMPLATE and all(
            option["template_name"] == OPTION_TEMPLATE
            for _group, options, _index in widget["optgroups"]
            for option in options
        ):
            return _select(widget)
        return super().render(template_name, context, request)


# The stock templates that are only ``{% include "django/forms/widgets/input.html" %}``, and that one.
INPUT_TEMPLATES = frozenset(
    f"django/forms/widgets/{name}.html"
    for name in (
        "input",
        "text",
        "number",
        "email",
        "url",
        "password",
        "hidden",
        "date",
        "datetime",
        "time",
        "search",
        "tel",
        "color",
        "checkbox",
    )
)
# The project's select (templates/django/forms/widgets/select.html): Django's, "---------" in words.
SELECT_TEMPLATE = "django/forms/widgets/select.html"
OPTION_TEMPLATE = "django/forms/widgets/select_option.html"


def _text(value) -> str:
    """``{{ value }}`` in a template: local time, localized, escaped unless marked safe."""
    value = localize(template_localtime(value))
    return conditional_escape(value if isinstance(value, str) else str(value))


def _formatted(value) -> str:
    """``{{ value|stringformat:'s' }}``: the value as a string, escaped unless it was marked safe."""
    return conditional_escape(value) if isinstance(value, SafeData) else escape(stringformat(value, "s"))


def _attrs(attrs: dict) -> str:
    """django/forms/widgets/attrs.html: each attribute but False ones, True ones by their name alone."""
    return "".join(
        f" {_text(name)}" if value is True else f' {_text(name)}="{_formatted(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


def _input(widget: dict) -> str:
    value = "" if widget["value"] is None else f' value="{_formatted(widget["value"])}"'
    return f'<input type="{_text(widget["type"])}" name="{_text(widget["name"])}"{value}{_attrs(widget["attrs"])}>'


def _select(widget: dict) -> str:
    parts = [f'<select name="{_text(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{_text(group_name)}">')
        for option in options:
            label = _text(_("Choose…")) if option["label"] == "---------" else _text(option["label"])
            parts.append(f'\n  <option value="{_formatted(option["value"])}"{_attrs(option["attrs"])}>{label}</option>')
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)
