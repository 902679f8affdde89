"""The demo shows good practice: marks of every kind, a published photo and one kept back, a meeting citing them."""

import io

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from activities.models import Evidence
from assessment.models import GoodPractice, JointMeeting

pytestmark = pytest.mark.opened_years()


@pytest.fixture
def demo(settings, db, time_machine, tmp_path):
    settings.DEBUG = True
    settings.MEDIA_ROOT = tmp_path / "media"
    time_machine.move_to("2026-11-26 09:00 +0800", tick=False)
    call_command("seed_demo", stdout=io.StringIO())


def test_the_demo_has_good_practice_on_its_public_page(demo):
    marked = GoodPractice.objects.count()
    sources = {practice.source for practice in GoodPractice.objects.all()}
    assert sources == {"activity", "report", "meeting"}
    second = JointMeeting.objects.get(title="2026年区法治宣传教育领导小组第二次联席会议")
    assert second.cited_practices.count() == 2
    session = GoodPractice.objects.get(activity__title="党组理论学习中心组专题学习《食品安全法》").activity
    published, kept_back = (
        Evidence.objects.get(activity=session, original_name=f"中心组学习现场照片{n}.png") for n in (1, 2)
    )
    page = Client().get(reverse("public_practice:list")).content.decode()
    assert reverse("public_practice:photo", args=[published.pk]) in page
    assert reverse("public_practice:photo", args=[kept_back.pk]) not in page
    # Idempotent: a second run changes nothing.
    call_command("seed_demo", stdout=io.StringIO())
    assert GoodPractice.objects.count() == marked
