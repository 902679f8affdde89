"""Writes of the annual report drafts: asking for one (the view) and building it (the worker, via the outbox)."""

from __future__ import annotations

import logging

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from agencies import outbox, years
from agencies.models import Agency, User

from .document import annual_report_docx
from .figures import annual_report_figures
from .models import ReportDraft

logger = logging.getLogger(__name__)


def report_draft_request(*, agency: Agency, year: int, requested_by: User) -> ReportDraft:
    """Ask for the year's report draft: the row (new, or the last draft reset) and its job commit together;
    a draft still being built is not asked for twice."""
    years.open_cycle(year)
    busy = ValidationError(_("The %(year)d report draft is already being built.") % {"year": year})
    with transaction.atomic():
        draft = ReportDraft.objects.select_for_update().filter(agency=agency, year=year).first()
        if draft is not None and draft.is_building:
            raise busy
        if draft is None:
            try:
                with transaction.atomic():
                    draft = ReportDraft.objects.create(agency=agency, year=year, requested_by=requested_by)
            except IntegrityError as exc:  # asked for at the same moment from another request
                raise busy from exc
        else:
            draft.status, draft.progress, draft.error = ReportDraft.Status.BUILDING, 0, ""
            draft.requested_by, draft.requested_at = requested_by, timezone.now()
            draft.save(update_fields=["status", "progress", "error", "requested_by", "requested_at"])
        outbox.enqueue(
            "assessment.reports.services.report_draft_build", key=f"report-draft:{draft.pk}", draft_id=draft.pk
        )
    return draft


def report_draft_build(*, draft_id: int) -> ReportDraft:
    """Write the draft's .docx from the year's figures. Safe to run twice: a built draft is left alone."""
    draft = ReportDraft.objects.select_related("agency").get(pk=draft_id)
    if draft.status != ReportDraft.Status.BUILDING:
        return draft
    try:
        cycle = years.open_cycle(draft.year)
        with translation.override("zh-hans"):  # the document's labels (statuses, types) are Chinese
            figures = annual_report_figures(draft.agency, cycle)
            ReportDraft.objects.filter(pk=draft.pk).update(progress=50)
            content = annual_report_docx(figures)
        draft.file.save(f"{draft.year}.docx", ContentFile(content), save=False)
    except Exception as exc:
        logger.exception("Building report draft %s failed", draft_id)
        ReportDraft.objects.filter(pk=draft_id).update(status=ReportDraft.Status.FAILED, error=str(exc)[:2000])
        draft.refresh_from_db()
        return draft
    draft.status, draft.progress, draft.error, draft.built_at = ReportDraft.Status.READY, 100, "", timezone.now()
    draft.save(update_fields=["file", "status", "progress", "error", "built_at"])
    return draft


def report_file_name(draft: ReportDraft) -> str:
    return f"{draft.year}年度普法工作情况报告（{draft.agency.display_name}）.docx"
