"""Large spreadsheet imports run by a worker, the uploader watching a progress page.

A file of ``PUFFA_IMPORT_IN_WORKER_FROM`` rows or more (``belongs_to_worker``) is checked as every upload is
(a hostile or oversized file is refused in the request), stored, and handed to the worker through the outbox
in one transaction (``import_job_start``). The worker calls the import's own service on the stored file
(``import_job_run``): all rows or none, exactly as in the request, and the job's outcome is written in the
same transaction as the rows, so a job run twice (redelivered, or taken again after its worker died) imports
once. A job nobody runs turns stale (``ImportJob.is_stale``) and the page offers the upload again; uploading
again withdraws the stale job, so it imports nothing should a worker reach it after all.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.module_loading import import_string

from . import outbox, spreadsheets
from .models import ImportJob, User
from .validators import joined_reasons

Status = ImportJob.Status


def belongs_to_worker(upload) -> bool:
    """Whether the upload is large enough for a worker; ValidationError for a file no import would read."""
    return spreadsheets.upload_rows(upload) >= settings.PUFFA_IMPORT_IN_WORKER_FROM


def import_job_start(
    *, handler: str, arguments: dict, upload, title: str, done_url: str, form_url: str, user: User
) -> ImportJob:
    """Store the upload and queue its import; the worker is asked once this commits."""
    rows = spreadsheets.upload_rows(upload)
    now = timezone.now()
    with transaction.atomic():
        for earlier in ImportJob.objects.select_for_update().filter(
            requested_by=user, form_url=form_url, status=Status.WAITING
        ):
            if earlier.is_stale:
                earlier.status, earlier.finished_at = Status.FAILED, now
                earlier.error = "withdrawn: uploaded again"
                earlier.save(update_fields=["status", "finished_at", "error"])
                transaction.on_commit(lambda name=earlier.file.name: default_storage.delete(name))
        # One keyword per column, as rows are created everywhere: the likeness to other creates is the ORM's call, not
        # a shared rule.
        job = ImportJob(
            handler=handler,
            arguments=arguments,
            title=title,
            done_url=done_url,
            form_url=form_url,
            rows=rows,
            requested_by=user,
            requested_at=now,
        )
        job.file.save("import.xlsx", upload, save=False)
        job.save()
        outbox.enqueue("agencies.import_jobs.import_job_run", key=f"import:{job.pk}", job_id=job.pk)
    return job


def handed_to_worker(request: HttpRequest, upload, **job: str | dict) -> HttpResponse | None:
    """For an import page: a large upload is stored and queued (``job``: its handler, arguments, title and
    done_url, as ``import_job_start`` takes them) and the uploader sent to its job's page, the redirect returned;
    None for a file the request imports itself. ValidationError for a file no import would read."""
    if not belongs_to_worker(upload):
        return None
    started = import_job_start(upload=upload, form_url=request.path, user=request.user, **job)
    return redirect("agencies:import_job", started.pk)


def import_job_run(*, job_id: int) -> None:
    """The outbox's handler: import the stored file and record the outcome, in one transaction."""
    ImportJob.objects.filter(pk=job_id, started_at__isnull=True).update(started_at=timezone.now())
    with transaction.atomic():
        job = ImportJob.objects.select_for_update().filter(pk=job_id).first()
        if job is None or job.status != Status.WAITING:
            return  # done by an earlier run, or withdrawn
        try:
            with job.file.open("rb") as upload, transaction.atomic():
                job.imported = import_string(job.handler)(upload=upload, **job.arguments)
        except spreadsheets.RowsRefused as refused:
            job.status = Status.REFUSED
            job.row_errors = [[error.row, error.reason] for error in refused.errors]
        except ValidationError as error:
            job.status, job.error = Status.REFUSED, joined_reasons(error.messages)
        else:
            job.status = Status.DONE
        job.finished_at = timezone.now()
        job.save(update_fields=["status", "imported", "row_errors", "error", "finished_at"])
        name = job.file.name
        transaction.on_commit(lambda: default_storage.delete(name))
