"""A decided proposal tells its proposer; a reply to a needs analysis tells the agency (library services)."""

from activities.library import services
from activities.models import NeedsAnalysis
from agencies.models import Notification, ReminderLog
from agencies.notices import NoticeKind


def test_accepting_a_proposal_tells_the_proposer_once(proposal_from_a, staff_a, staff_parent, bureau_admin):
    services.library_entry_accept(entry=proposal_from_a, user=bureau_admin)
    notice = Notification.objects.get(recipient=staff_a)
    assert notice.title == "您推荐的“钱小燕（区市场监管局12315中心）”已收入资源库"
    assert notice.url == f"/library/people/{proposal_from_a.pk}/"
    assert not Notification.objects.exclude(recipient=staff_a).exists()
    assert ReminderLog.objects.filter(kind=NoticeKind.PROPOSAL_DECIDED).count() == 1


def test_declining_tells_the_proposer_why(proposal_from_a, staff_a, bureau_admin):
    services.library_entry_decline(entry=proposal_from_a, user=bureau_admin, reason="该志愿者已在库中")
    notice = Notification.objects.get(recipient=staff_a)
    assert notice.title == "您推荐的“钱小燕（区市场监管局12315中心）”未被采纳"
    assert "该志愿者已在库中" in notice.body


def test_the_bureau_s_own_entries_tell_nobody(lecturer, bureau_admin):
    services.library_entry_retire(entry=lecturer, user=bureau_admin)
    assert not Notification.objects.exists()


def test_a_reply_to_a_needs_analysis_tells_the_agency_s_staff(agency_a, staff_a, staff_b, bureau_reviewer):
    analysis = NeedsAnalysis.objects.create(
        agency=agency_a,
        year=2026,
        period=NeedsAnalysis.Period.YEAR,
        created_by=staff_a,
        findings="企业需求",
        measures="开展培训",
    )
    services.needs_analysis_reply(analysis=analysis, user=bureau_reviewer, body="建议增加企业合规培训")
    services.needs_analysis_reply(analysis=analysis, user=bureau_reviewer, body="请在二季度落实")
    notices = Notification.objects.filter(recipient=staff_a).order_by("pk")
    assert [notice.body for notice in notices] == ["建议增加企业合规培训", "请在二季度落实"]
    assert notices[0].url == f"/library/needs/{analysis.pk}/"
    assert "bureau_reviewer回复了本单位的需求分析" in notices[0].title
    assert not Notification.objects.filter(recipient=staff_b).exists()
