"""Form widgets of the base app, for every app's pages."""

from __future__ import annotations

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString


class LongSelect(forms.Select):
    """A select of hundreds of options (every filing office of a province) written out in Python: the
    stock widget renders a template per option, which cost a filtered list page most of its time."""

    def render(self, name, value, attrs=None, renderer=None) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        groups = []
        for group, options, _index in widget["optgroups"]:
            rendered = format_html_join(
                "",
                "<option{}>{}</option>",
                ((flatatt({"value": option["value"], **option["attrs"]}), option["label"]) for option in options),
            )
            groups.append(format_html('<optgroup label="{}">{}</optgroup>', group, rendered) if group else rendered)
        attrs = flatatt({"name": widget["name"], **widget["attrs"]})
        return format_html("<select{}>{}</select>", attrs, format_html_join("", "{}", ((part,) for part in groups)))
