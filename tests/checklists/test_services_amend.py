"""checklist_amend: a new revision of an approved checklist, reviewed the same way."""

import pytest
from django.core.exceptions import PermissionDenied

from checklists import selectors, services
from checklists.models import Checklist

from .conftest import item

Status = Checklist.Status


def test_an_amendment_copies_the_approved_items_with_their_keys(approved_a, staff_a, law):
    first = approved_a.items.order_by("position").first()
    amendment = services.checklist_amend(checklist=approved_a, actor=staff_a, reason="新增反诈宣传")
    assert (amendment.revision, amendment.status, amendment.based_on) == (2, Status.DRAFT, approved_a)
    assert amendment.amendment_reason == "新增反诈宣传"
    assert list(amendment.items.order_by("position").values_list("key", "content")) == list(
        approved_a.items.order_by("position").values_list("key", "content")
    )
    assert amendment.items.get(key=first.key).pk != first.pk
    assert amendment.transitions.get().comment == "新增反诈宣传"


def test_an_amendment_needs_a_reason(approved_a, staff_a):
    with pytest.raises(services.TransitionError):
        services.checklist_amend(checklist=approved_a, actor=staff_a, reason="  ")
    assert Checklist.objects.count() == 1


def test_only_an_approved_checklist_is_amended(submitted_a, staff_a):
    with pytest.raises(services.TransitionError):
        services.checklist_amend(checklist=submitted_a, actor=staff_a, reason="变更")


def test_one_amendment_at_a_time(approved_a, staff_a):
    services.checklist_amend(checklist=approved_a, actor=staff_a, reason="第一次变更")
    with pytest.raises(services.TransitionError):
        services.checklist_amend(checklist=approved_a, actor=staff_a, reason="第二次变更")
    assert Checklist.objects.count() == 2


def test_only_the_agencys_staff_amend(approved_a, staff_parent, bureau_reviewer):
    for who in (staff_parent, bureau_reviewer):
        with pytest.raises(PermissionDenied):
            services.checklist_amend(checklist=approved_a, actor=who, reason="变更")


def test_the_public_sees_the_old_revision_until_the_amendment_is_approved(approved_a, staff_a, bureau_reviewer):
    amendment = services.checklist_amend(checklist=approved_a, actor=staff_a, reason="调整")
    kept = amendment.items.order_by("position").first()
    services.checklist_items_save(
        checklist=amendment, actor=staff_a, items=[item(pk=kept.pk, content="调整后的事项"), item(content="新事项")]
    )
    year, agency = approved_a.year, approved_a.agency_id
    assert selectors.published_checklist(year, agency) == approved_a
    services.checklist_submit(checklist=amendment, actor=staff_a)
    assert selectors.published_checklist(year, agency) == approved_a
    services.checklist_return(checklist=amendment, actor=bureau_reviewer, comment="请说明理由")
    assert selectors.published_checklist(year, agency) == approved_a
    services.checklist_submit(checklist=amendment, actor=staff_a)
    services.checklist_approve(checklist=amendment, actor=bureau_reviewer)
    shown = selectors.published_checklist(year, agency)
    assert shown == amendment
    assert [i.content for i in shown.items.all()] == ["调整后的事项", "新事项"]
    assert shown.items.all()[0].key == kept.key  # activities linked by key keep counting
    approved_a.refresh_from_db()
    assert approved_a.status == Status.APPROVED  # the history keeps every revision


def test_an_earlier_revision_cannot_be_amended_once_a_later_one_exists(approved_a, staff_a, bureau_reviewer):
    amendment = services.checklist_amend(checklist=approved_a, actor=staff_a, reason="调整")
    services.checklist_submit(checklist=amendment, actor=staff_a)
    services.checklist_approve(checklist=amendment, actor=bureau_reviewer)
    with pytest.raises(services.TransitionError):
        services.checklist_amend(checklist=approved_a, actor=staff_a, reason="再改旧版")
    third = services.checklist_amend(checklist=amendment, actor=staff_a, reason="再次调整")
    assert third.revision == 3
