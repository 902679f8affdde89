"""Writes of the activities app: activities, their evidence, imports and the annual archive.

Views, the import, the demo and the archive task all come here; each rule has its home in this file
(or in ``validators`` / ``evidence``, which these functions call).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import re
import shutil
import tempfile
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from agencies import outbox, spreadsheets, years
from agencies.models import Agency, Law, User
from checklists.models import ChecklistItem

from . import exports, selectors, summaries, validators
from .campaigns.services import check_link as check_campaign_link
from .evidence import CheckedUpload, max_files, thumbnail_bytes
from .imports import RowParser
from .library.services import activity_people_set
from .models import Activity, AnnualArchive, Campaign, Evidence, MediaAccount
from .newmedia.services import activity_account

logger = logging.getLogger(__name__)


@dataclass
class ActivityFields:
    """What a person fills in for an activity (everything but the agency, the evidence and who did it)."""

    activity_type: str
    title: str
    start_date: dt.date
    end_date: dt.date | None = None
    six_places_target: str = ""
    place: str = ""
    audiences: Sequence[str] = ()
    audience_note: str = ""
    people_reached: int = 0
    checklist_item: ChecklistItem | None = None
    campaign: Campaign | None = None
    laws: Iterable[Law] = ()
    description: str = ""
    links: str = ""
    # Lecturers, navigators or volunteers from the resource library; None leaves them as they are.
    people: Iterable | None = None
    # Only for a new-media activity: the agency's account it was posted on (activities.newmedia).
    media_account: MediaAccount | None = None

    @classmethod
    def from_cleaned(cls, cleaned: dict) -> ActivityFields:
        names = cls.__dataclass_fields__
        return cls(**{name: value for name, value in cleaned.items() if name in names and value is not None})


def _check(agency: Agency, fields: ActivityFields, year: int, current_account_id: int | None = None) -> None:
    validators.validate_dates(fields.start_date, fields.end_date, year)
    fields.media_account = activity_account(
        agency=agency, activity_type=fields.activity_type, account=fields.media_account, current_id=current_account_id
    )
    fields.six_places_target = validators.six_places_target(fields.activity_type, fields.six_places_target)
    fields.links = validators.clean_links(fields.links)
    item = fields.checklist_item
    if item is not None and not selectors.fulfillable_items(agency.pk, year).filter(pk=item.pk).exists():
        raise ValidationError(
            {"checklist_item": _("Choose an item of this agency's approved checklist for %(year)d.") % {"year": year}}
        )
    check_campaign_link(agency=agency, campaign=fields.campaign, start=fields.start_date, end=fields.end_date)


def _save(activity: Activity, fields: ActivityFields, files: Sequence[CheckedUpload], by: User) -> Activity:
    """The activity with the fields, saved with its laws and people, and the new evidence ``by`` uploaded; its share
    of the summaries moves with it (from what the stored row counted, for a change)."""
    before = _counted_before(activity) if activity.pk else None
    for name in (
        "activity_type",
        "title",
        "start_date",
        "end_date",
        "six_places_target",
        "place",
        "audience_note",
        "people_reached",
        "checklist_item",
        "campaign",
        "description",
        "links",
        "media_account",
    ):
        setattr(activity, name, getattr(fields, name))
    activity.audiences = list(fields.audiences)
    activity.save()
    summaries.follow(before, summaries.part_of(activity))
    activity.laws.set(list(fields.laws))
    if fields.people is not None:
        activity_people_set(activity=activity, people=fields.people)
    for checked in files:
        evidence_add(activity=activity, uploaded_by=by, checked=checked)
    return activity


@transaction.atomic
def activity_create(
    *, agency: Agency, created_by: User, fields: ActivityFields, files: Sequence[CheckedUpload] = ()
) -> Activity:
    _check(agency, fields, fields.start_date.year)
    activity = Activity(agency=agency, created_by=created_by)
    return _save(activity, fields, files, by=created_by)


@transaction.atomic
def activity_update(
    *, activity: Activity, updated_by: User, fields: ActivityFields, files: Sequence[CheckedUpload] = ()
) -> Activity:
    if activity.deleted_at is not None:
        raise ValidationError(_("This activity has been deleted."))
    _check(activity.agency, fields, activity.year, current_account_id=activity.media_account_id)
    return _save(activity, fields, files, by=updated_by)


@transaction.atomic
def activity_delete(*, activity: Activity, deleted_by: User) -> Activity:
    """Soft delete: the record stays for the audit trail; the ledger and every count stop seeing it."""
    before = _counted_before(activity)
    if before is not None:
        activity.deleted_at = timezone.now()
        activity.deleted_by = deleted_by
        activity.save(update_fields=["deleted_at", "deleted_by", "updated_at"])
        summaries.follow(before, None)
    return activity


def _counted_before(activity: Activity) -> summaries.Part | None:
    """What the stored activity counts in the summaries, read under a row lock: two changes of one activity at
    once then move its share one after the other, from what the other left."""
    stored = (
        Activity.objects.select_for_update(of=("self",))
        .select_related("checklist_item")
        .only("agency_id", "start_date", "activity_type", "people_reached", "deleted_at", "checklist_item__key")
        .get(pk=activity.pk)
    )
    return summaries.part_of(stored)


def thumbnail_name(evidence: Evidence) -> str:
    return f"{evidence.file.name}.thumb.jpg"


@transaction.atomic
def evidence_add(*, activity: Activity, uploaded_by: User, checked: CheckedUpload) -> Evidence:
    # Lock the activity so two uploads at once cannot both pass the count.
    Activity.objects.select_for_update().filter(pk=activity.pk).first()
    if activity.evidence.count() >= max_files():
        raise ValidationError(
            _("An activity holds at most %(limit)d evidence files.") % {"limit": max_files()}, code="too_many"
        )
    evidence = Evidence(
        activity=activity,
        original_name=checked.name,
        content_type=checked.content_type,
        size=checked.size,
        sha256=checked.sha256,
        uploaded_by=uploaded_by,
    )
    checked.upload.seek(0)
    evidence.file.save("evidence", checked.upload, save=False)
    evidence.save()
    if checked.is_image:
        checked.upload.seek(0)
        default_storage.save(thumbnail_name(evidence), ContentFile(thumbnail_bytes(checked.upload.read())))
    return evidence


def evidence_thumbnail(*, evidence: Evidence) -> bytes:
    """The stored thumbnail of an image, made again if it went missing."""
    name = thumbnail_name(evidence)
    if not default_storage.exists(name):
        with evidence.file.open("rb") as handle:
            default_storage.save(name, ContentFile(thumbnail_bytes(handle.read())))
    with default_storage.open(name, "rb") as handle:
        return handle.read()


def evidence_publish_set(*, evidence: Evidence, may_publish: bool) -> Evidence:
    """The agency allows (or stops allowing) a photo on the public good-practice page; only photos may be."""
    if may_publish and not evidence.is_image:
        raise ValidationError(_("Only a photo can be published."), code="not_image")
    evidence.may_publish = may_publish
    evidence.save(update_fields=["may_publish"])
    return evidence


def evidence_delete(*, evidence: Evidence) -> None:
    """Remove a file from a live activity (a filed archive keeps its own copy)."""
    if evidence.activity.deleted_at is not None:
        raise ValidationError(_("This activity has been deleted."))
    name, thumbnail = evidence.file.name, thumbnail_name(evidence)
    evidence.delete()
    transaction.on_commit(lambda: (default_storage.delete(name), default_storage.delete(thumbnail)))


# --- Bulk import ------------------------------------------------------------------------------------


@transaction.atomic
def activities_import(*, agency: Agency, year: int, created_by: User, upload) -> int:
    """Create an activity for every row of the template, or none: a hostile file or any bad row refuses
    the whole file (ValidationError, or RowsRefused listing each bad row with its reasons)."""
    sheet = spreadsheets.open_upload(upload)
    parser = RowParser(list(selectors.fulfillable_items(agency.pk, year)))
    errors: list[spreadsheets.RefusedRow] = []
    rows: list[ActivityFields] = []
    for number, values in spreadsheets.data_rows(sheet):
        fields, reasons = parser.parse(values)
        if fields is not None:
            try:
                _check(agency, fields, year)
            except ValidationError as error:
                reasons = error.messages
        if reasons:
            errors.append(spreadsheets.RefusedRow(number, reasons))
        else:
            rows.append(fields)
    if errors:
        raise spreadsheets.RowsRefused(errors)
    if not rows:
        raise ValidationError(_("The file has no activity to import."))
    for fields in rows:
        activity_create(agency=agency, created_by=created_by, fields=fields)
    return len(rows)


def activities_import_stored(*, upload, agency_id: int, year: int, user_id: int) -> int:
    """A large import run by a worker (agencies.import_jobs): the same import, from the stored file."""
    agency, created_by = Agency.objects.get(pk=agency_id), User.objects.get(pk=user_id)
    return activities_import(agency=agency, year=year, created_by=created_by, upload=upload)


# --- The annual electronic archive ------------------------------------------------------------------


def archive_file(*, agency: Agency, year: int, requested_by: User) -> AnnualArchive:
    """File the year's archive: refused a second time; the zip is built by a worker once this commits (the
    job is in the outbox with the archive, so a broker that is down delays the build but never loses it)."""
    years.open_cycle(year)
    years.require_year_end(year, _("annual archive"))
    if selectors.latest_approved_checklist(agency.pk, year) is None:
        raise ValidationError(
            _("The %(year)d checklist has not been approved yet; the archive must include it.") % {"year": year}
        )
    already_filed = ValidationError(_("The %(year)d archive has already been filed.") % {"year": year})
    with transaction.atomic():
        archive = AnnualArchive.objects.select_for_update().filter(agency=agency, year=year).first()
        if archive is not None and not archive.may_file_again:
            raise already_filed
        if archive is None:
            try:
                with transaction.atomic():
                    archive = AnnualArchive.objects.create(agency=agency, year=year, requested_by=requested_by)
            except IntegrityError as exc:  # filed at the same moment from another request
                raise already_filed from exc
        else:  # a failed build, or one nobody has built for too long, may be filed again
            archive.status, archive.progress, archive.error = AnnualArchive.Status.BUILDING, 0, ""
            archive.requested_by, archive.requested_at = requested_by, timezone.now()
            archive.save(update_fields=["status", "progress", "error", "requested_by", "requested_at"])
        outbox.enqueue("activities.services.archive_build", key=f"archive:{archive.pk}", archive_id=archive.pk)
    return archive


UNSAFE_NAME = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]+')


def safe_name(text: str, limit: int = 60) -> str:
    """Text usable as a file or folder name on any system."""
    cleaned = UNSAFE_NAME.sub("_", text).strip(" ._")
    return cleaned[:limit].rstrip(" ._") or "_"


def _unique(name: str, taken: set[str]) -> str:
    candidate, number = name, 2
    stem, dot, extension = name.rpartition(".")
    while candidate in taken:
        candidate = f"{stem} ({number}).{extension}" if dot and stem else f"{name} ({number})"
        number += 1
    taken.add(candidate)
    return candidate


class _HashingWriter:
    """Counts and hashes what is written into a zip entry."""

    def __init__(self, target):
        self.target, self.size, self.digest = target, 0, hashlib.sha256()

    def write(self, chunk: bytes) -> int:
        self.size += len(chunk)
        self.digest.update(chunk)
        return self.target.write(chunk)


def archive_build(*, archive_id: int) -> AnnualArchive:
    """Build the archive's zip: the approved checklist and the ledger as .xlsx, every evidence file in a
    folder per activity, and manifest.json with each file's size and SHA-256; then freeze it."""
    archive = AnnualArchive.objects.select_related("agency").get(pk=archive_id)
    if archive.status != AnnualArchive.Status.BUILDING:
        return archive  # already built (a task delivered twice) or failed
    try:
        _build_zip(archive)
    except Exception as exc:
        logger.exception("Building archive %s failed", archive_id)
        AnnualArchive.objects.filter(pk=archive_id).update(status=AnnualArchive.Status.FAILED, error=str(exc)[:2000])
        archive.refresh_from_db()
    return archive


def _set_progress(archive: AnnualArchive, percent: int) -> None:
    if percent != archive.progress:
        archive.progress = percent
        AnnualArchive.objects.filter(pk=archive.pk).update(progress=percent)


def _build_zip(archive: AnnualArchive) -> None:
    agency, year = archive.agency, archive.year
    checklist = selectors.latest_approved_checklist(agency.pk, year)
    evidence = list(selectors.archive_evidence(agency.pk, year))
    steps, done = 2 + len(evidence), 0
    manifest_files: list[dict] = []
    taken: set[str] = set()

    with tempfile.TemporaryFile() as output:
        with zipfile.ZipFile(output, "w", compression=zipfile.ZIP_DEFLATED) as bundle:

            def add(path: str, source) -> None:
                with bundle.open(path, "w", force_zip64=True) as entry:
                    writer = _HashingWriter(entry)
                    shutil.copyfileobj(source, writer, length=1024 * 1024)
                manifest_files.append({"path": path, "size": writer.size, "sha256": writer.digest.hexdigest()})

            with tempfile.TemporaryFile() as sheet:
                workbook = spreadsheets.new_workbook()
                if checklist is not None:
                    spreadsheets.add_sheet(
                        workbook,
                        _("Checklist %(year)d") % {"year": year},
                        exports.checklist_columns(),
                        exports.checklist_rows(selectors.archive_checklist_items(checklist)),
                    )
                workbook.save(sheet)
                sheet.seek(0)
                add(_unique(_("%(year)d responsibility checklist.xlsx") % {"year": year}, taken), sheet)
            done += 1
            _set_progress(archive, done * 90 // steps)

            with tempfile.TemporaryFile() as sheet:
                exports.ledger_workbook(selectors.ledger(agency.pk, year), year).save(sheet)
                sheet.seek(0)
                add(_unique(_("%(year)d activity ledger.xlsx") % {"year": year}, taken), sheet)
            done += 1
            _set_progress(archive, done * 90 // steps)

            folders: dict[int, str] = {}
            evidence_root = _("Evidence")
            for item in evidence:
                activity = item.activity
                if activity.pk not in folders:
                    folder = safe_name(f"{activity.start_date:%Y-%m-%d} {activity.title}")
                    folders[activity.pk] = _unique(f"{evidence_root}/{folder}", taken)
                path = _unique(f"{folders[activity.pk]}/{safe_name(item.original_name, 120)}", taken)
                with item.file.open("rb") as source:
                    add(path, source)
                done += 1
                _set_progress(archive, done * 90 // steps)

            manifest = {
                "agency": agency.name,
                "year": year,
                "checklist_revision": checklist.revision if checklist else None,
                "created_at": timezone.localtime().isoformat(timespec="seconds"),
                "files": manifest_files,
            }
            bundle.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2))

        output.seek(0)
        digest, size = hashlib.sha256(), 0
        for chunk in iter(lambda: output.read(1024 * 1024), b""):
            digest.update(chunk)
            size += len(chunk)
        output.seek(0)
        archive.file.save(f"{agency.pk}-{year}.zip", File(output), save=False)

    archive.size, archive.sha256 = size, digest.hexdigest()
    archive.status, archive.progress, archive.error = AnnualArchive.Status.READY, 100, ""
    archive.filed_at = timezone.now()
    archive.save(update_fields=["file", "size", "sha256", "status", "progress", "error", "filed_at"])
