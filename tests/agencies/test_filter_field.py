"""``{% filter_field %}`` writes a filter form's field as crispy-forms' ``as_crispy_field`` would: a text box, a
date and a select in Python, with their label, required mark, errors and help text; other widgets through crispy."""

from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field
from django import forms
from django.test.html import parse_html
from django.utils import translation

from agencies.templatetags.puffa_forms import filter_field


class Filters(forms.Form):
    q = forms.CharField(label="搜索", required=False, help_text="名称或<b>编号</b>")
    kind = forms.ChoiceField(label="类型", choices=[("", "---------"), ("a", "甲 & 乙")])
    day = forms.DateField(label="日期", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    late = forms.BooleanField(label="只看逾期", required=False)
    token = forms.CharField(required=False, widget=forms.HiddenInput)


def test_every_field_reads_as_crispy_writes_it_with_and_without_errors():
    with translation.override("zh-hans"):
        for form in (Filters(), Filters({"q": "<水>", "kind": "b", "day": "三月", "late": "on"})):
            form.is_valid()
            for field in form:
                assert parse_html(filter_field(field)) == parse_html(as_crispy_field(field)), field.name


def test_errors_are_said_beside_the_field_and_a_checkbox_stays_a_checkbox():
    with translation.override("zh-hans"):
        form = Filters({"kind": "b", "day": "三月"})
        form.is_valid()
        day, kind, late = filter_field(form["day"]), filter_field(form["kind"]), filter_field(Filters()["late"])
    assert "is-invalid" in day and "<strong>输入一个有效的日期。</strong>" in day
    assert '<option value="">请选择</option>' in kind and "requiredField" in kind
    assert 'type="checkbox"' in late and "form-check-input" in late and "form-control" not in late
