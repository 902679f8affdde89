"""The 待办 are kept per user by data version (puffa/todos.py): a home opened again reads none of them, and
any change to what they show is on the very next page."""

import datetime as dt
import re

import pytest
import time_machine

from activities.models import LibraryStatus, ResourcePerson
from assessment.oversight import services as oversight_services
from checklists import services

from ..campaigns.conftest import announce
from ..checklists.conftest import draft
from ..decisions.conftest import record_measure
from ..library.uploads import pdf_bytes, upload
from ..oversight.conftest import file_plan
from .test_home_todos import HOME, at, finding_for, propose_person, todo_block


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _march():
    with time_machine.travel(at(3, 10)):
        yield


def test_a_submitted_checklist_leaves_the_clerk_s_todos_at_once(login, staff_a):
    checklist = draft(staff_a.agency, staff_a)
    client = login(staff_a)
    assert "继续填写2026年度普法责任清单并报送" in todo_block(client.get(HOME))
    services.checklist_submit(checklist=checklist, actor=staff_a)
    assert "继续填写2026年度普法责任清单并报送" not in todo_block(client.get(HOME))


def test_a_filed_plan_leaves_the_clerk_s_todos_at_once(login, staff_a):
    client = login(staff_a)
    assert "报送2026年度普法工作计划" in todo_block(client.get(HOME))
    file_plan(staff_a)
    assert "报送2026年度普法工作计划" not in todo_block(client.get(HOME))


def test_a_new_rectification_shows_at_once(login, staff_a, bureau_admin):
    client = login(staff_a)
    assert "整改并答复" not in todo_block(client.get(HOME))
    finding_for(staff_a.agency, bureau_admin, deadline=dt.date(2026, 4, 30))
    assert "整改并答复：未建立以案释法案例库" in todo_block(client.get(HOME))


def test_a_campaign_asking_the_agency_shows_at_once(login, staff_a, bureau_admin):
    client = login(staff_a)
    assert "参加集中宣传活动" not in todo_block(client.get(HOME))
    announce(
        bureau_admin,
        title="民法典宣传月",
        start_date=dt.date(2026, 3, 1),
        end_date=dt.date(2026, 3, 31),
        scope="chosen",
        chosen=[staff_a.agency],
    )
    assert "参加集中宣传活动“民法典宣传月”" in todo_block(client.get(HOME))


def test_a_proposal_shows_on_the_bureau_s_todos_at_once(login, staff_a, bureau_admin):
    client = login(bureau_admin)
    assert "资源库推荐" not in todo_block(client.get(HOME))
    propose_person(staff_a)
    assert "处理 1 条资源库推荐" in todo_block(client.get(HOME))


def library_card(response) -> str:
    page = response.content.decode()
    card = page[page.index('<div class="card-header">普法资源库</div>') :]
    return card[: card.index('class="card-link"')]


def test_the_library_card_counts_a_new_volunteer_at_once(login, staff_a, bureau_admin):
    client = login(staff_a)
    assert re.search(r"普法志愿者</dt><dd[^>]*>0</dd>", library_card(client.get(HOME)))
    ResourcePerson.objects.create(
        kind=ResourcePerson.Kind.VOLUNTEER, name="钱小燕", status=LibraryStatus.ACTIVE, created_by=bureau_admin
    )
    assert re.search(r"普法志愿者</dt><dd[^>]*>1</dd>", library_card(client.get(HOME)))


def test_the_clerk_s_own_proposal_shows_on_the_library_card_at_once(login, staff_a):
    client = login(staff_a)
    assert "条推荐待司法局审核" not in library_card(client.get(HOME))
    propose_person(staff_a)
    assert "本单位有 1 条推荐待司法局审核。" in library_card(client.get(HOME))


def test_an_answered_rectification_shows_on_the_bureau_s_todos_at_once(login, staff_a, bureau_admin):
    finding = finding_for(staff_a.agency, bureau_admin, deadline=dt.date(2026, 4, 30))
    client = login(bureau_admin)
    assert "已答复的整改" not in todo_block(client.get(HOME))
    oversight_services.rectification_answer(
        finding=finding, user=staff_a, description="已建立案例库", evidence=[upload("整改.pdf", pdf_bytes())]
    )
    assert "审核 1 条已答复的整改" in todo_block(client.get(HOME))


def test_a_new_measure_shows_at_once(login, staff_a, agency_a, bureau_admin):
    client = login(staff_a)
    assert "问责措施" not in todo_block(client.get(HOME))
    record_measure(bureau_admin, agency_a)
    assert "答复问责措施：约谈" in todo_block(client.get(HOME))


def test_a_returned_checklist_and_its_notice_show_at_once(login, staff_a, bureau_reviewer):
    checklist = services.checklist_submit(checklist=draft(staff_a.agency, staff_a), actor=staff_a)
    client = login(staff_a)
    assert "未读消息" not in todo_block(client.get(HOME))
    services.checklist_return(checklist=checklist, actor=bureau_reviewer, comment="第2项缺少量化目标")
    block = todo_block(client.get(HOME))
    assert "审核意见：第2项缺少量化目标" in block
    assert "阅读 1 条未读消息" in block


def test_the_todos_of_another_day_are_read_afresh(login, staff_a, bureau_admin):
    with time_machine.travel(at(2, 10)):  # before the filing deadline: nothing else is overdue
        finding_for(staff_a.agency, bureau_admin, deadline=dt.date(2026, 2, 10))
        client = login(staff_a)
        assert "已逾期" not in todo_block(client.get(HOME))
    with time_machine.travel(at(2, 11)):  # signed in again: the session has timed out overnight
        assert "已逾期" in todo_block(login(staff_a).get(HOME))  # past its deadline since midnight, no change
