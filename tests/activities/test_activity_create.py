"""Logging an activity with its evidence, through the form a staff member fills in."""

import pytest
from django.urls import reverse

from activities.models import Activity, Evidence

from .conftest import FILES, YEAR, image_bytes, upload

HTML = b"<html><body><script>alert(1)</script></body></html>"


def url(agency, year=YEAR):
    return reverse("activities:create", args=[agency.pk, year])


def post_data(**overrides):
    data = {
        "activity_type": "party_group_study",
        "title": "党组理论学习中心组学习《食品安全法》",
        "start_date": f"{YEAR}-04-10",
        "end_date": "",
        "place": "局机关三楼会议室",
        "audiences": ["cadres"],
        "audience_note": "局党组成员、各科室负责人",
        "people_reached": "24",
        "description": "邀请市局法规处讲解食品安全法修订要点。",
        "links": "https://www.example.gov.cn/news/1.html\n\nhttps://mp.weixin.qq.com/s/abc",
    }
    data.update(overrides)
    return data


def test_staff_log_a_study_session_with_two_photos_and_a_pdf_linked_to_an_item(
    login, staff_a, agency_a, approved_checklist, law
):
    item = approved_checklist.items.get(position=2)
    files = [upload("现场照片.jpg"), upload("合影.png"), upload("签到表.pdf")]
    response = login(staff_a).post(
        url(agency_a), post_data(checklist_item=item.pk, laws=[law.pk], evidence_files=files)
    )
    activity = Activity.objects.get()
    assert response.status_code == 302 and response.url == activity.get_absolute_url()
    assert activity.agency == agency_a and activity.created_by == staff_a and activity.year == YEAR
    assert activity.checklist_item == item and list(activity.laws.all()) == [law]
    assert activity.links == "https://www.example.gov.cn/news/1.html\nhttps://mp.weixin.qq.com/s/abc"
    assert sorted(activity.evidence.values_list("content_type", flat=True)) == [
        "application/pdf",
        "image/jpeg",
        "image/png",
    ]
    stored = activity.evidence.get(original_name="现场照片.jpg")
    assert "现场照片" not in stored.file.name and stored.file.name.startswith(f"evidence/{agency_a.pk}/")


def test_the_form_groups_types_by_duty_and_marks_study_sessions(login, staff_a, agency_a):
    page = login(staff_a).get(url(agency_a)).text
    assert '<optgroup label="领导干部和国家工作人员学法">' in page
    assert "★ 党委（党组）中心组学法" in page


def test_a_six_places_activity_needs_its_target(login, staff_a, agency_a):
    response = login(staff_a).post(url(agency_a), post_data(activity_type="six_places", six_places_target=""))
    assert response.status_code == 200
    assert not Activity.objects.exists()
    response = login(staff_a).post(url(agency_a), post_data(activity_type="six_places", six_places_target="schools"))
    assert response.status_code == 302
    assert Activity.objects.get().six_places_target == "schools"


def test_another_type_keeps_no_six_places_target(login, staff_a, agency_a):
    login(staff_a).post(url(agency_a), post_data(activity_type="law_lecture", six_places_target="schools"))
    assert Activity.objects.get().six_places_target == ""


@pytest.mark.parametrize(
    "dates",
    [
        {"start_date": f"{YEAR - 1}-12-31"},  # not in the ledger's year
        {"start_date": f"{YEAR}-12-30", "end_date": f"{YEAR + 1}-01-02"},  # across the year's end
        {"start_date": f"{YEAR}-05-02", "end_date": f"{YEAR}-05-01"},  # ends before it starts
    ],
)
def test_dates_stay_inside_the_year(login, staff_a, agency_a, dates):
    response = login(staff_a).post(url(agency_a), post_data(**dates))
    assert response.status_code == 200
    assert not Activity.objects.exists()


def test_an_item_of_another_agencys_checklist_cannot_be_chosen(login, staff_b, agency_b, approved_checklist):
    foreign = approved_checklist.items.first()
    response = login(staff_b).post(url(agency_b), post_data(checklist_item=foreign.pk))
    assert response.status_code == 200
    assert not Activity.objects.exists()


def test_only_items_of_the_latest_approved_checklist_are_offered(login, staff_a, agency_a, approved_checklist):
    from checklists.models import Checklist

    draft = Checklist.objects.create(agency=agency_a, year=YEAR, revision=2, status=Checklist.Status.DRAFT)
    draft_item = draft.items.create(
        content="草稿中的事项",
        responsible_office="办公室",
        contact_person="华伟",
        start_date=f"{YEAR}-01-01",
        end_date=f"{YEAR}-12-31",
        goal="-",
    )
    form = login(staff_a).get(url(agency_a)).context["form"]
    offered = set(form.fields["checklist_item"].queryset)
    assert offered == set(approved_checklist.items.all()) and draft_item not in offered


def test_bad_links_are_refused(login, staff_a, agency_a):
    response = login(staff_a).post(url(agency_a), post_data(links="javascript:alert(1)\nwww.no-scheme.cn"))
    assert response.status_code == 200
    assert "javascript:alert(1)" in response.context["form"].errors["links"][0]
    assert not Activity.objects.exists()


def test_a_refused_file_keeps_what_was_typed_and_asks_for_the_files_again(login, staff_a, agency_a):
    files = [upload("合影.png"), upload("照片.jpg", HTML)]
    response = login(staff_a).post(url(agency_a), post_data(evidence_files=files))
    assert response.status_code == 200
    assert not Activity.objects.exists() and not Evidence.objects.exists()
    assert "“照片.jpg”" in response.text
    assert "党组理论学习中心组学习《食品安全法》" in response.text  # the title typed is still there
    assert "重新选择" in response.text


def test_a_png_glued_to_html_is_refused_in_the_form(login, staff_a, agency_a):
    files = [upload("合影.png", image_bytes("PNG") + HTML)]
    response = login(staff_a).post(url(agency_a), post_data(evidence_files=files))
    assert response.status_code == 200 and not Activity.objects.exists()


def test_an_oversized_file_is_refused(login, staff_a, agency_a, settings):
    settings.PUFFA_EVIDENCE_MAX_BYTES = 2 * 1024 * 1024
    big = image_bytes("PNG") + b"\x00" * (2 * 1024 * 1024)
    response = login(staff_a).post(url(agency_a), post_data(evidence_files=[upload("大照片.png", big)]))
    assert response.status_code == 200 and not Activity.objects.exists()
    assert "2 MB" in response.text


def test_eleven_files_are_refused(login, staff_a, agency_a):
    files = [upload(f"照片{i}.png", image_bytes("PNG", color=(i, 0, 0))) for i in range(11)]
    response = login(staff_a).post(url(agency_a), post_data(evidence_files=files))
    assert response.status_code == 200
    assert not Activity.objects.exists() and not Evidence.objects.exists()
    assert "10" in str(response.context["form"].errors["evidence_files"])


def test_ten_files_are_accepted(login, staff_a, agency_a):
    files = [upload(f"照片{i}.png", image_bytes("PNG", color=(i, 0, 0))) for i in range(10)]
    assert login(staff_a).post(url(agency_a), post_data(evidence_files=files)).status_code == 302
    assert Evidence.objects.count() == 10


@pytest.mark.parametrize("name", list(FILES))
def test_each_allowed_kind_uploads_through_the_form(login, staff_a, agency_a, name):
    response = login(staff_a).post(url(agency_a), post_data(evidence_files=[upload(name)]))
    assert response.status_code == 302
    evidence = Evidence.objects.get()
    assert (evidence.original_name, evidence.content_type) == (name, FILES[name][1])


def test_a_spoofed_extension_is_refused_in_the_form_which_keeps_what_was_typed(login, staff_a, agency_a):
    response = login(staff_a).post(url(agency_a), post_data(evidence_files=[upload("讲稿.docx", HTML)]))
    assert response.status_code == 200 and not Evidence.objects.exists() and not Activity.objects.exists()
    assert "“讲稿.docx”不是照片、PDF 或 Office 文档" in response.text
    assert "党组理论学习中心组学习《食品安全法》" in response.text and "局机关三楼会议室" in response.text


def test_a_photo_whose_name_says_pdf_is_refused_in_the_form(login, staff_a, agency_a):
    response = login(staff_a).post(url(agency_a), post_data(evidence_files=[upload("签到表.pdf", image_bytes("PNG"))]))
    assert response.status_code == 200 and not Evidence.objects.exists()
    assert "“签到表.pdf”的内容是PNG 图片，与扩展名 .pdf 不符" in response.text
