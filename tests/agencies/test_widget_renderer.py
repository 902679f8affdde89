"""The form renderer writes inputs and selects in Python, and what it writes is what the templates would write:
the same string, character for character, for any value, attribute and choice (hypothesis), in Chinese and in
English."""

import datetime as dt

import pytest
from django import forms
from django.forms.renderers import TemplatesSetting
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy
from hypothesis import given, settings
from hypothesis import strategies as st

from agencies.widgets import WidgetRenderer

TEXT = st.text(alphabet=st.sampled_from("aZ9 <>&\"'“”中文\n-"), max_size=8)
ATTRIBUTE_NAMES = st.sampled_from(["class", "id", "placeholder", "data-x", "aria-describedby", "required", "min"])
ATTRIBUTE_VALUES = st.one_of(TEXT, st.booleans(), st.integers(-5, 5000), st.just(None), TEXT.map(mark_safe))
ATTRS = st.dictionaries(ATTRIBUTE_NAMES, ATTRIBUTE_VALUES, max_size=4)
LABELS = st.one_of(
    TEXT,
    st.just("---------"),
    st.just(gettext_lazy("All")),
    st.integers(0, 3000),
    TEXT.map(mark_safe),
)
OPTION_VALUES = st.one_of(TEXT, st.integers(0, 3000), st.just(""))
OPTIONS = st.lists(st.tuples(OPTION_VALUES, LABELS), max_size=5)
CHOICES = st.lists(st.one_of(st.tuples(OPTION_VALUES, LABELS), st.tuples(TEXT, OPTIONS)), max_size=5)

INPUTS = [
    forms.TextInput,
    forms.NumberInput,
    forms.EmailInput,
    forms.URLInput,
    forms.HiddenInput,
    forms.SearchInput,
    forms.TelInput,
    forms.ColorInput,
    forms.CheckboxInput,
    lambda: forms.PasswordInput(render_value=True),
    lambda: forms.DateInput(format="%Y-%m-%d"),
    forms.DateTimeInput,
    forms.TimeInput,
]
INPUT_VALUES = st.one_of(
    st.none(),
    TEXT,
    st.integers(-3, 3000),
    st.booleans(),
    st.dates(dt.date(2000, 1, 1), dt.date(2030, 12, 31)),
    TEXT.map(mark_safe),
)


def both(widget, name, value, attrs):
    python = widget.render(name, value, attrs, renderer=WidgetRenderer())
    templates = widget.render(name, value, attrs, renderer=TemplatesSetting())
    return python, templates


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@settings(max_examples=60, deadline=None)
@given(make=st.sampled_from(INPUTS), name=TEXT, value=INPUT_VALUES, attrs=ATTRS)
def test_an_input_is_written_as_its_template_writes_it(language, make, name, value, attrs):
    with translation.override(language):
        python, templates = both(make(), name, value, attrs)
    assert python == templates


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@settings(max_examples=60, deadline=None)
@given(
    multiple=st.booleans(),
    choices=CHOICES,
    name=TEXT,
    value=st.lists(OPTION_VALUES, max_size=3),
    attrs=ATTRS,
)
def test_a_select_is_written_as_its_template_writes_it(language, multiple, choices, name, value, attrs):
    widget = forms.SelectMultiple(choices=choices) if multiple else forms.Select(choices=choices)
    with translation.override(language):
        python, templates = both(widget, name, value if multiple else (value[:1] or [None])[0], attrs)
    assert python == templates


def test_the_python_path_reads_no_template(monkeypatch):
    """Otherwise the comparisons above could pass by rendering the templates twice."""

    def refuse(self, template_name):
        raise AssertionError(f"{template_name} was loaded")

    monkeypatch.setattr(TemplatesSetting, "get_template", refuse)
    with translation.override("zh-hans"):
        select = forms.Select(choices=[("", "---------"), ("1", "一")]).render("s", "1", renderer=WidgetRenderer())
        text = forms.TextInput().render("q", "水 & 电", {"id": "id_q"}, renderer=WidgetRenderer())
    options = '\n  <option value="">请选择</option>\n  <option value="1" selected>一</option>'
    assert select == f'<select name="s">{options}\n</select>'
    assert text == '<input type="text" name="q" value="水 &amp; 电" id="id_q">'


def test_other_widgets_still_render_through_their_templates():
    html = forms.Textarea().render("note", "一行", renderer=WidgetRenderer())
    assert html == '<textarea name="note" cols="40" rows="10">\n一行</textarea>'
