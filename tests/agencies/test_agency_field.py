"""An agency is typed by name, with suggestions from the user's own scope: at a province's scale a select would
list ten thousand agencies on every form that names one."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from agencies.forms import AgencyChoiceField
from agencies.models import Agency

NAMES = reverse("agencies:names")
REMINDERS = reverse("reminders:list")


@pytest.fixture
def field(agency_a, agency_b):
    return AgencyChoiceField(queryset=Agency.objects.filter(pk=agency_a.pk))


@pytest.mark.django_db
def test_the_field_takes_the_full_name_the_code_or_the_id(field, agency_a):
    agency_a.code = "11320411MB1234567X"
    agency_a.save()
    assert field.clean(" 常州市新北区市场监督管理局 ") == agency_a
    assert field.clean("11320411mb1234567x") == agency_a
    assert field.clean(str(agency_a.pk)) == agency_a
    assert field.prepare_value(agency_a.pk) == agency_a.name  # shown by its name, never its id


@pytest.mark.django_db
def test_a_name_outside_the_choices_is_refused_in_words(field, agency_b):
    with pytest.raises(ValidationError) as refused:
        field.clean(agency_b.name)
    assert agency_b.name in str(refused.value)
    with pytest.raises(ValidationError):
        field.clean(str(agency_b.pk))


@pytest.mark.django_db
def test_suggestions_come_from_the_users_own_scope(login, staff_a, bureau_admin, agency_a, agency_b):
    everyone = set(Agency.objects.filter(name__contains="新北区").values_list("name", flat=True))
    assert len(everyone) >= 2 and set(login(bureau_admin).get(NAMES, {"q": "新北区"}).json()["names"]) == everyone
    mine = login(staff_a).get(NAMES, {"q": "教育"}).json()["names"]
    assert mine == []  # staff of agency A never learn of agency B
    assert login(staff_a).get(NAMES, {"q": "市场监管"}).json()["names"] == [agency_a.name]  # by its short name too
    assert login(bureau_admin).get(NAMES, {"q": "  "}).json()["names"] == []


@pytest.mark.django_db
def test_the_reminder_page_lists_no_agencies_and_filters_by_a_typed_name(login, bureau_admin, agency_a, agency_b):
    page = login(bureau_admin).get(REMINDERS).content.decode()
    assert agency_b.name not in page  # no select of every agency on the page
    assert 'data-agency-picker="/' in page
    answer = login(bureau_admin).get(REMINDERS, {"agency": "没有这个单位"})
    assert "没有这个单位" in answer.content.decode()  # what was typed stays, with the reason
