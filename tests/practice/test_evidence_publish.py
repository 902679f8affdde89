"""The agency allows a photo to be published; default: not."""

from django.urls import reverse

from tests.library.uploads import pdf_bytes, upload


def test_a_photo_is_not_published_by_default(private_photo):
    assert private_photo.may_publish is False


def test_the_agency_allows_and_stops_publishing(login, staff_a, private_photo):
    client = login(staff_a)
    url = reverse("activities:evidence_publish", args=[private_photo.pk])
    assert client.post(url, {"may_publish": "1"}).status_code == 302
    private_photo.refresh_from_db()
    assert private_photo.may_publish
    client.post(url, {"may_publish": "0"})
    private_photo.refresh_from_db()
    assert not private_photo.may_publish


def test_others_cannot_change_it(login, staff_b, staff_parent, bureau_admin, private_photo):
    url = reverse("activities:evidence_publish", args=[private_photo.pk])
    assert login(staff_b).post(url, {"may_publish": "1"}).status_code == 404
    assert login(staff_parent).post(url, {"may_publish": "1"}).status_code == 403
    assert login(bureau_admin).post(url, {"may_publish": "1"}).status_code == 403
    private_photo.refresh_from_db()
    assert not private_photo.may_publish


def test_a_document_cannot_be_published(login, staff_a, activity):
    from activities import services as activity_services
    from activities.evidence import inspect_evidence

    document = activity_services.evidence_add(
        activity=activity, uploaded_by=staff_a, checked=inspect_evidence(upload("签到表.pdf", pdf_bytes()))
    )
    login(staff_a).post(reverse("activities:evidence_publish", args=[document.pk]), {"may_publish": "1"})
    document.refresh_from_db()
    assert not document.may_publish
