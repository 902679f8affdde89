"""The agency's annual report draft has a section on its new-media accounts, counted as the cluster counts."""

import datetime as dt
import io

from docx import Document

from activities.models import Activity, MediaAccount
from agencies.models import AnnualCycle
from assessment.reports.document import annual_report_docx
from assessment.reports.figures import annual_report_figures

YEAR = 2026


def report_text(agency) -> str:
    figures = annual_report_figures(agency, AnnualCycle.objects.get(year=YEAR), today=dt.date(YEAR, 12, 1))
    document = Document(io.BytesIO(annual_report_docx(figures)))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_the_report_lists_the_accounts_with_their_activities(agency_a, staff_a, wechat_a):
    for day in (3, 4):
        Activity.objects.create(
            agency=agency_a,
            created_by=staff_a,
            activity_type="new_media_post",
            title="推文",
            start_date=dt.date(YEAR, 5, day),
            media_account=wechat_a,
        )
    MediaAccount.objects.create(
        agency=agency_a,
        platform="weibo",
        name="停用的微博",
        url="https://weibo.com/x",
        created_by=staff_a,
        is_active=False,
    )
    text = report_text(agency_a)
    assert "新媒体普法情况" in text
    assert "纳入新媒体普法网络集群的账号1个，本年度通过账号开展新媒体普法活动2次。" in text
    assert "微信公众号\n新北市场监管\n2" in text and "停用的微博" not in text


def test_without_accounts_the_report_has_no_such_section(agency_a):
    assert "新媒体普法情况" not in report_text(agency_a)
