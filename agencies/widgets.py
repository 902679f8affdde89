"""Form widgets of the base app, for every app's pages."""

from __future__ import annotations

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString


class LongSelect(forms.Select):
    """A select of hundreds of options (every filing office of a province) written out in Python straight
    from its choices: the stock widget builds a dictionary and renders a template per option, which cost a
    filtered list page most of its time."""

    def __init__(self, attrs=None, choices=()):
        # Bootstrap's class, which crispy-forms gives the stock Select by its name but not to this one.
        super().__init__({"class": "form-select", **(attrs or {})}, choices)

    def render(self, name, value, attrs=None, renderer=None) -> SafeString:
        chosen = {str(v) for v in self.format_value(value)}

        def options(choices) -> SafeString:
            return format_html_join(
                "",
                "<option{}>{}</option>",
                (
                    (flatatt({"value": str(option), "selected": str(option) in chosen}), label)
                    for option, label in choices
                ),
            )

        parts = []
        for option, label in self.choices:
            if isinstance(label, (list, tuple)):  # a group of options
                parts.append(format_html('<optgroup label="{}">{}</optgroup>', option, options(label)))
            else:
                parts.append(options([(option, label)]))
        attributes = flatatt({"name": name, **self.build_attrs(self.attrs, attrs)})
        return format_html("<select{}>{}</select>", attributes, format_html_join("", "{}", ((p,) for p in parts)))
