"""The leader's one-page brief as its page says it (the HTML that WeasyPrint lays out): the dashboard's figures,
written as the other pages write them, and the agencies furthest behind."""

import re

import pytest
from django.utils import translation

from assessment.reports.brief import leader_brief_html
from assessment.reports.district import BEHIND, district_figures

from .conftest import YEAR

pytestmark = pytest.mark.django_db


def brief(user) -> str:
    with translation.override("zh-hans"):  # as the worker writes it
        return leader_brief_html(district_figures(YEAR, user, ranking=BEHIND))


def heading_of_behind(page: str) -> str:
    return next(h for h in re.findall(r"<h2>(.*?)</h2>", page) if h.startswith("最需关注"))


def test_the_agencies_furthest_behind_are_provisional_until_published(leader, scored, bureau_admin):
    assert heading_of_behind(brief(leader)) == "最需关注的五家单位（考核总分最低）（初步结果，尚未公布）"


def test_published_the_agencies_furthest_behind_are_not_provisional(leader, published):
    assert heading_of_behind(brief(leader)) == "最需关注的五家单位（考核总分最低）"
