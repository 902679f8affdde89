"""Writes of the annual report drafts: asking for one (the view) and building it (the worker, via the outbox)."""

from __future__ import annotations

import logging
from typing import NamedTuple, TypeVar

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from agencies import outbox, years
from agencies.models import Agency, User

from .brief import brief_title, leader_brief_pdf
from .district import BEHIND, district_figures
from .district_report import district_report_docx
from .district_report import report_title as district_report_title
from .document import annual_report_docx
from .figures import annual_report_figures
from .models import BuiltDocument, DistrictDocument, ReportDraft

logger = logging.getLogger(__name__)

REPORT_RANKING = 15  # the district report reads the ranking's first ten and last five whole

D = TypeVar("D", bound=BuiltDocument)


class BuildJob(NamedTuple):
    """The outbox job that builds a kind of document."""

    handler: str  # the function of this module the worker calls
    key: str  # the outbox key's prefix: one job per document at a time
    argument: str  # the keyword it takes the document's id by


REPORT_DRAFT_JOB = BuildJob("report_draft_build", "report-draft", "draft_id")
DISTRICT_DOCUMENT_JOB = BuildJob("district_document_build", "district-document", "document_id")


def _request_build(model: type[D], natural_key: dict, job: BuildJob, requested_by: User, busy: ValidationError) -> D:
    """The row (new, or the last one reset) and the job that builds it, committed together; a document still being
    built is refused with ``busy``."""
    with transaction.atomic():
        document = model.objects.select_for_update().filter(**natural_key).first()
        if document is not None and document.is_building:
            raise busy
        if document is None:
            try:
                with transaction.atomic():
                    document = model.objects.create(**natural_key, requested_by=requested_by)
            except IntegrityError as exc:  # asked for at the same moment from another request
                raise busy from exc
        else:
            document.status, document.progress, document.error = model.Status.BUILDING, 0, ""
            document.requested_by, document.requested_at = requested_by, timezone.now()
            document.save(update_fields=["status", "progress", "error", "requested_by", "requested_at"])
        outbox.enqueue(f"{__name__}.{job.handler}", key=f"{job.key}:{document.pk}", **{job.argument: document.pk})
    return document


def report_draft_request(*, agency: Agency, year: int, requested_by: User) -> ReportDraft:
    """Ask for the year's report draft: the row (new, or the last draft reset) and its job commit together;
    a draft still being built is not asked for twice."""
    years.open_cycle(year)
    busy = ValidationError(_("The %(year)d report draft is already being built.") % {"year": year})
    return _request_build(ReportDraft, {"agency": agency, "year": year}, REPORT_DRAFT_JOB, requested_by, busy)


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


# --- The district's documents: the district report and the leader's brief ----------------------------------------


def district_document_request(*, kind: str, year: int, requested_by: User) -> DistrictDocument:
    """Ask for the year's district report or leader's brief: the row (new, or the last one reset) and its job
    commit together; one being built is not asked for twice."""
    years.open_cycle(year)
    busy = ValidationError(_("This document is already being built."))
    return _request_build(DistrictDocument, {"kind": kind, "year": year}, DISTRICT_DOCUMENT_JOB, requested_by, busy)


def district_document_content(document: DistrictDocument) -> bytes:
    """The document's bytes, counted over the agencies its requester sees (the bureau and leadership see all),
    with the figures the dashboard shows them."""

    def progress(percent: int) -> None:
        DistrictDocument.objects.filter(pk=document.pk).update(progress=percent)

    with translation.override("zh-hans"):  # the figures' labels (statuses, grades, duties) are Chinese
        if document.kind == DistrictDocument.Kind.BRIEF:
            figures = district_figures(document.year, document.requested_by, ranking=BEHIND)
            progress(50)
            return leader_brief_pdf(figures)
        figures = district_figures(document.year, document.requested_by, ranking=REPORT_RANKING)
        progress(50)
        return district_report_docx(figures, progress=progress)


def district_document_build(*, document_id: int) -> DistrictDocument:
    """Write the document from the year's figures. Safe to run twice: a built document is left alone."""
    document = DistrictDocument.objects.select_related("requested_by").get(pk=document_id)
    if document.status != DistrictDocument.Status.BUILDING:
        return document
    try:
        years.open_cycle(document.year)
        content = district_document_content(document)
        extension = "pdf" if document.kind == DistrictDocument.Kind.BRIEF else "docx"
        document.file.save(f"{document.year}.{extension}", ContentFile(content), save=False)
    except Exception as exc:
        logger.exception("Building district document %s failed", document_id)
        DistrictDocument.objects.filter(pk=document_id).update(
            status=DistrictDocument.Status.FAILED, error=str(exc)[:2000]
        )
        document.refresh_from_db()
        return document
    document.status, document.progress, document.error = DistrictDocument.Status.READY, 100, ""
    document.built_at = timezone.now()
    document.save(update_fields=["file", "status", "progress", "error", "built_at"])
    return document


def district_file_name(document: DistrictDocument) -> str:
    if document.kind == DistrictDocument.Kind.BRIEF:
        return f"{brief_title(document.year)}.pdf"
    return f"{district_report_title(document.year)}.docx"
