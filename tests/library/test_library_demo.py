"""The demo library: people, courseware, a pending proposal, needs analyses with a reply."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from activities.models import LibraryStatus, Material, NeedsAnalysis, NeedsAnalysisReply, ResourcePerson
from agencies.models import User

# seed_demo opens the years it fills, as the bureau would: no year is open before it runs.
pytestmark = pytest.mark.opened_years()


@pytest.fixture
def demo(settings, db):
    settings.DEBUG = True
    call_command("seed_demo", stdout=io.StringIO())


def test_the_demo_library_is_believable(demo):
    people = ResourcePerson.objects.filter(status=LibraryStatus.ACTIVE)
    assert people.count() >= 10 and {p.kind for p in people} == {"lecturer", "navigator", "volunteer"}
    pending = ResourcePerson.objects.get(status=LibraryStatus.PROPOSED)
    assert pending.proposed_by_agency.short_name == "区人社局"
    assert Material.objects.filter(status=LibraryStatus.ACTIVE).count() >= 3
    assert NeedsAnalysis.objects.values("agency").distinct().count() >= 4
    assert NeedsAnalysisReply.objects.count() == 1


def test_demo_courseware_downloads_as_a_pdf(demo, client):
    client.force_login(User.objects.get(username="education"))
    material = Material.objects.first()
    response = client.get(reverse("library:material_download", args=[material.pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF-")
