"""An answered rectification tells the bureau, once (assessment/oversight/services.py)."""

from agencies.models import Notification, ReminderLog
from agencies.notices import NoticeKind
from assessment.oversight import services

from ..library.uploads import pdf_bytes, upload


def answer(finding, staff, text="已补录现场释法影像资料"):
    return services.rectification_answer(
        finding=finding, user=staff, description=text, evidence=[upload("整改.pdf", pdf_bytes())]
    )


def test_an_answer_tells_the_bureau_and_nobody_else(
    finding_a, staff_a, staff_b, bureau_admin, bureau_reviewer, town_reviewer, leader
):
    answer(finding_a, staff_a)
    for user in (bureau_admin, bureau_reviewer):
        notice = Notification.objects.get(recipient=user)
        assert notice.title == "区市场监管局已答复整改，请审核"
        assert notice.url == f"/oversight/rectifications/{finding_a.pk}/"
        assert "已补录现场释法影像资料" in notice.body
    for user in (staff_a, staff_b, town_reviewer, leader):
        assert not Notification.objects.filter(recipient=user).exists()


def test_each_answer_is_told_once(finding_a, staff_a, bureau_admin):
    answer(finding_a, staff_a)
    services.rectification_return(finding=finding_a, user=bureau_admin, reason="影像资料不清晰")
    answer(finding_a, staff_a, "已重新上传")
    assert Notification.objects.filter(recipient=bureau_admin).count() == 2
    assert ReminderLog.objects.filter(kind=NoticeKind.RECTIFICATION_ANSWERED).count() == 2
