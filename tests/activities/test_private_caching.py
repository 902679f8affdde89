"""What a signed-in user sees, and every private download, is never kept by a browser or proxy cache;
the public pages stay cacheable."""

import pytest
from django.urls import reverse

from activities import services
from activities.evidence import inspect_evidence

from .conftest import YEAR, image_bytes, upload


def _private(response) -> bool:
    directives = {part.strip() for part in response.get("Cache-Control", "").split(",")}
    return {"private", "no-store"} <= directives


@pytest.fixture
def photo(activity, staff_a):
    return services.evidence_add(
        activity=activity, uploaded_by=staff_a, checked=inspect_evidence(upload("现场.png", image_bytes("PNG")))
    )


def test_signed_in_pages_are_private_and_not_stored(login, staff_a, agency_a):
    client = login(staff_a)
    for url in [reverse("home"), reverse("activities:ledger", args=[agency_a.pk, YEAR]), reverse("public:list")]:
        response = client.get(url)
        assert response.status_code == 200 and _private(response), url


def test_a_private_download_is_not_stored(login, staff_a, photo):
    response = login(staff_a).get(reverse("activities:evidence", args=[photo.pk]))
    assert response.status_code == 200 and _private(response)


@pytest.mark.django_db
def test_public_pages_stay_cacheable_for_visitors(client):
    response = client.get(reverse("public:list"))
    assert response.status_code == 200 and "no-store" not in response.get("Cache-Control", "")
