"""Courseware and materials: shared, searchable, downloaded through a permission check."""

import io
from urllib.parse import quote

from django.urls import reverse
from openpyxl import load_workbook

from activities.models import LibraryStatus, Material

from .uploads import docx_bytes, html_renamed, pdf_bytes, upload


def _material_post(file, **overrides):
    data = {"title": "民法典婚姻家庭编讲义", "kind": "teaching", "audiences": ["public", "served"], "file": file}
    data.update(overrides)
    return data


def test_a_bureau_administrator_adds_courseware_stored_under_a_server_made_name(login, bureau_admin, law):
    response = login(bureau_admin).post(
        reverse("library:material_create"), _material_post(upload("讲义.docx", docx_bytes()), laws=[law.pk])
    )
    material = Material.objects.get()
    assert response.status_code == 302 and response.url == material.get_absolute_url()
    assert material.status == LibraryStatus.ACTIVE
    assert material.original_name == "讲义.docx" and "讲义" not in material.file.name
    assert material.file.name.startswith("library/materials/")
    assert list(material.laws.all()) == [law]


def test_a_renamed_html_page_is_refused_and_nothing_is_stored(login, bureau_admin):
    response = login(bureau_admin).post(reverse("library:material_create"), _material_post(html_renamed("讲义.pdf")))
    assert response.status_code == 200
    assert "“讲义.pdf”不是照片、PDF 或 Office 文档" in response.text and not Material.objects.exists()
    assert "民法典婚姻家庭编讲义" in response.text  # the title typed is kept


def test_any_signed_in_user_downloads_with_the_chinese_name_and_no_sniffing(login, staff_b, material):
    response = login(staff_b).get(reverse("library:material_download", args=[material.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].endswith("filename*=UTF-8''" + quote("食品安全法.pdf"))
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_anonymous_users_cannot_download(client, material):
    response = client.get(reverse("library:material_download", args=[material.pk]))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_an_agencys_shared_material_is_a_proposal_only_it_and_the_bureau_see(
    login, staff_a, staff_b, staff_parent, bureau_admin
):
    login(staff_a).post(reverse("library:material_create"), _material_post(upload("讲义.pdf", pdf_bytes())))
    material = Material.objects.get()
    assert material.status == LibraryStatus.PROPOSED and material.proposed_by_agency == staff_a.agency
    assert login(staff_b).get(reverse("library:material_download", args=[material.pk])).status_code == 404
    assert login(staff_b).get(reverse("library:material", args=[material.pk])).status_code == 404
    assert login(staff_parent).get(reverse("library:material", args=[material.pk])).status_code == 200
    assert login(bureau_admin).get(reverse("library:material_download", args=[material.pk])).status_code == 200


def test_the_list_searches_and_filters_by_audience(login, staff_a, material, bureau_admin):
    from activities.library.services import material_add

    material_add(
        user=bureau_admin,
        title="领导干部学法用法读本",
        kind="teaching",
        file=upload("读本.pdf", pdf_bytes()),
        audiences=["cadres"],
    )
    client = login(staff_a)
    public = client.get(reverse("library:materials"), {"audience": "public"}).text
    assert "食品安全法讲座课件" in public and "领导干部学法用法读本" not in public
    searched = client.get(reverse("library:materials"), {"q": "读本"}).text
    assert "领导干部学法用法读本" in searched and "食品安全法讲座课件" not in searched


def test_editing_without_a_new_file_keeps_the_file(login, bureau_admin, material):
    stored = material.file.name
    response = login(bureau_admin).post(
        reverse("library:material_edit", args=[material.pk]),
        {"title": "食品安全法讲座课件（2026版）", "kind": "courseware", "audiences": ["public"]},
    )
    assert response.status_code == 302
    material.refresh_from_db()
    assert material.title == "食品安全法讲座课件（2026版）" and material.file.name == stored


def test_staff_cannot_edit_a_material(login, staff_a, material):
    assert login(staff_a).get(reverse("library:material_edit", args=[material.pk])).status_code == 403


def test_the_list_query_count_does_not_grow_with_materials(
    login, staff_a, bureau_admin, law, django_assert_num_queries
):
    def add(count):
        for i in range(count):
            material = Material.objects.create(
                title=f"课件{i}",
                kind="courseware",
                file="library/materials/x",
                original_name="x.pdf",
                content_type="application/pdf",
                size=10,
                sha256="0" * 64,
                created_by=bureau_admin,
            )
            material.laws.add(law)

    client = login(staff_a)
    add(3)
    # 1. the session
    # 2. the user
    # 3. the user's subordinate units (visibility)
    # 4. the materials counted for the paginator
    # 5. the unread-notification count in the navigation bar
    # 6. the laws for the filter
    # 7. the page of materials with their proposing agency and author
    # 8. their laws
    with django_assert_num_queries(8):
        assert client.get(reverse("library:materials")).status_code == 200
    add(20)
    with django_assert_num_queries(8):  # the same eight for 23 materials
        assert client.get(reverse("library:materials")).status_code == 200


def test_the_export_lists_materials_with_their_laws(login, staff_a, material, law):
    material.laws.add(law)
    response = login(staff_a).get(reverse("library:materials_export"))
    rows = list(load_workbook(io.BytesIO(b"".join(response.streaming_content))).active.values)
    assert rows[1][0] == "食品安全法讲座课件" and rows[1][3] == "中华人民共和国食品安全法"
