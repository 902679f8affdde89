"""Evidence downloads and thumbnails go through the access rules, as attachments, never sniffed."""

from urllib.parse import quote

import pytest
from django.urls import reverse

from activities import services
from activities.evidence import inspect_evidence

from .conftest import image_bytes, upload


@pytest.fixture
def photo(activity, staff_a):
    return services.evidence_add(
        activity=activity,
        uploaded_by=staff_a,
        checked=inspect_evidence(upload("宪法宣传 现场.png", image_bytes("PNG"))),
    )


def download(client, evidence):
    return client.get(reverse("activities:evidence", args=[evidence.pk]))


def test_the_owner_downloads_the_file_as_an_attachment(login, staff_a, photo):
    response = download(login(staff_a), photo)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == photo.file.open("rb").read()
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment;")


@pytest.mark.parametrize("who", ["staff_parent", "bureau_reviewer", "bureau_admin", "leader"])
def test_those_who_may_see_the_agency_download_it(request, login, photo, who):
    assert download(login(request.getfixturevalue(who)), photo).status_code == 200


@pytest.mark.parametrize("who", ["staff_b", "town_reviewer", "staff_town"])
def test_outsiders_get_404(request, login, photo, who):
    assert download(login(request.getfixturevalue(who)), photo).status_code == 404
    thumbnail = login(request.getfixturevalue(who)).get(reverse("activities:thumbnail", args=[photo.pk]))
    assert thumbnail.status_code == 404


def test_anonymous_users_go_to_the_login_page(client, photo):
    response = download(client, photo)
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_a_chinese_name_with_a_space_and_a_quote_is_kept_exactly(login, staff_a, activity):
    name = '2026年"宪法宣传周" 现场.jpg'
    evidence = services.evidence_add(
        activity=activity, uploaded_by=staff_a, checked=inspect_evidence(upload(name, image_bytes("JPEG")))
    )
    response = download(login(staff_a), evidence)
    assert response["Content-Disposition"] == (
        "attachment; filename=\"2026 .jpg\"; filename*=UTF-8''"
        "2026%E5%B9%B4%22%E5%AE%AA%E6%B3%95%E5%AE%A3%E4%BC%A0%E5%91%A8%22%20%E7%8E%B0%E5%9C%BA.jpg"
    )
    assert quote(name, safe="") in response["Content-Disposition"]
    assert response["Content-Type"] == "image/jpeg"


def test_a_deleted_activitys_files_are_no_longer_served(login, staff_a, photo, activity):
    services.activity_delete(activity=activity, deleted_by=staff_a)
    assert download(login(staff_a), photo).status_code == 404


def test_the_thumbnail_is_a_small_jpeg_for_those_who_may_see(login, staff_parent, photo):
    response = login(staff_parent).get(reverse("activities:thumbnail", args=[photo.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg" and response.content.startswith(b"\xff\xd8\xff")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_pdf_has_no_thumbnail(login, staff_a, activity):
    pdf = services.evidence_add(activity=activity, uploaded_by=staff_a, checked=inspect_evidence(upload("签到表.pdf")))
    assert login(staff_a).get(reverse("activities:thumbnail", args=[pdf.pk])).status_code == 404


def test_the_activity_page_shows_thumbnails(login, staff_a, photo, activity):
    page = login(staff_a).get(activity.get_absolute_url()).text
    assert reverse("activities:thumbnail", args=[photo.pk]) in page


def test_media_urls_do_not_serve_evidence(client, login, staff_a, photo):
    assert login(staff_a).get(f"/media/{photo.file.name}").status_code == 404
