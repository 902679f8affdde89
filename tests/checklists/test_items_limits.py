"""The items page holds a checklist of the largest allowed size; a request Django refuses is a Chinese page."""

from django.conf import settings

from agencies.vocabulary import ActivityType, Audience
from checklists.models import Checklist
from checklists.services import MAX_ITEMS

from .conftest import draft
from .test_items_view import formset_post, items_url, row


def test_a_checklist_of_the_largest_allowed_size_saves_from_its_page(login, staff_a, agency_a, law):
    checklist = draft(agency_a, staff_a, items=0)
    # Every audience and every form chosen on every row: the most fields a row posts, but for its laws.
    full = row(audiences=list(Audience.values), forms=list(ActivityType.values), laws=[str(law.pk)])
    rows = [{**full, "content": f"普法事项{n + 1}"} for n in range(MAX_ITEMS)]
    response = login(staff_a).post(items_url(checklist), formset_post(rows))
    assert response.status_code == 302
    assert Checklist.objects.get(pk=checklist.pk).items.count() == MAX_ITEMS


def test_too_many_fields_answer_a_chinese_page(login, staff_a, agency_a):
    checklist = draft(agency_a, staff_a, items=0)
    fields = {f"f{n}": "x" for n in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1)}
    response = login(staff_a).post(items_url(checklist), fields)
    assert response.status_code == 400
    assert "无法处理" in response.text and "Bad Request" not in response.text


def test_every_error_page_is_chinese(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404 and "未找到" in response.text
