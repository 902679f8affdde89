"""Spreadsheets the way Puffa's users expect them: one home for exports and for reading uploads.

Exports: Chinese headers in bold, the header row frozen, sensible column widths, real date cells, and
any text that would start a formula (``=``, ``+``, ``-``, ``@``) stored as text with Excel's quote
prefix, so it is shown, never evaluated. Workbooks are written in write-only (streaming) mode so that
a 100,000-row ledger keeps memory bounded.

Imports: ``open_upload`` refuses what is not a real, reasonably sized .xlsx before openpyxl parses it
(defusedxml is installed, so openpyxl parses XML defensively), and opens it read-only; a sheet too large by
its dimensions (or, without them, by its XML) is refused before a row is read, and ``data_rows`` stops at
the first long run of empty rows. An import is bounded before it works, so one upload cannot hold a web
worker for long.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import tempfile
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from django.core.exceptions import ValidationError
from django.db.models import DateTimeField, Func
from django.http import FileResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from .validators import joined_reasons

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_PREFIXES = ("=", "+", "-", "@")
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 50 * 1024 * 1024
MAX_ROWS = 2000
# Puffa's imports have a dozen columns or so; a sheet claiming thousands would make every row a huge tuple.
MAX_COLUMNS = 200
# openpyxl learns a sheet's size from its dimension tag; without one it reads the whole sheet to find it, at
# about 5 s per million rows. A sheet with no dimensions is read only when its XML is small enough to be quick.
MAX_UNSIZED_SHEET_BYTES = 4 * 1024 * 1024
# Reading stops at this many empty rows in a row: what follows is formatting run down to row 1,048,576,
# not data (a workbook's own rows are counted against MAX_ROWS).
EMPTY_RUN = 50
_DIMENSION = re.compile(rb"<(?:\w+:)?dimension\b")
_SHEET_DATA = re.compile(rb"<(?:\w+:)?sheetData\b")

_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="F2F2F2")
_WRAP = Alignment(wrap_text=True, vertical="top")


# What a column holds, when its export says so: each column's way of writing its cells is then decided once,
# not by looking at every value. AUTO (the default) looks at each value, for exports of a few hundred rows.
AUTO, TEXT, NUMBER, DATE, DATETIME = "auto", "text", "number", "date", "datetime"


@dataclass(frozen=True)
class Column:
    header: str  # Chinese (or translated) header text
    width: int = 16  # in characters; a CJK character is about two
    kind: str = AUTO  # TEXT (str or None), NUMBER, DATE, DATETIME (aware or local), or AUTO


class LocalTime(Func):
    """A timestamp as the current time zone's wall-clock time (Beijing time), naive, as a spreadsheet cell
    wants it: PostgreSQL converts it (``AT TIME ZONE``), so a 100,000-row export converts no time in Python.
    Elsewhere (SQLite, in development) the aware time comes back and a DATETIME column converts it as it writes.
    """

    output_field = DateTimeField()
    arity = 1

    def as_sql(self, compiler, connection, **extra_context):
        return compiler.compile(self.source_expressions[0])

    def as_postgresql(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.source_expressions[0])
        return f"({sql} AT TIME ZONE %s)", (*params, timezone.get_current_timezone_name())


def content_disposition(filename: str, disposition: str = "attachment") -> str:
    """RFC 6266 header keeping a Chinese file name (``filename*``), with an ASCII fallback."""
    ascii_fallback = filename.encode("ascii", "ignore").decode().replace('"', "").replace("\\", "").strip()
    extension = filename.rsplit(".", 1)[-1] if "." in filename else ""
    if not ascii_fallback or ascii_fallback.startswith("."):
        ascii_fallback = f"download.{extension}" if extension else "download"
    return f"{disposition}; filename=\"{ascii_fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"


def _needs_cell(value, wrap_from: int | None) -> bool:
    if isinstance(value, str):
        return value.startswith(FORMULA_PREFIXES) or (wrap_from is not None and len(value) > wrap_from)
    return isinstance(value, dt.date)


def _cell(sheet, value, *, header: bool = False, wrap_from: int | None = None):
    """A value, or a styled cell where it needs one: headers, dates, would-be formulas, and text longer than
    ``wrap_from`` characters (wrapped within its column instead of spilling over the next ones)."""
    if not header and not _needs_cell(value, wrap_from):
        return value  # plain numbers and text: openpyxl writes them without a styled cell of their own (faster)
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        cell.data_type = "s"
        cell.quotePrefix = True
    if isinstance(value, dt.datetime):
        cell.number_format = "yyyy-mm-dd hh:mm"
    elif isinstance(value, dt.date):
        cell.number_format = "yyyy-mm-dd"
    if header:
        cell.font = _HEADER_FONT
        cell.fill = _HEADER_FILL
    if header or (isinstance(value, str) and wrap_from is not None and len(value) > wrap_from):
        cell.alignment = _WRAP
    return cell


def _column_writer(sheet, column: Column) -> Callable[[Any], Any]:
    """How one column's values become cells, decided once for the column. A styled cell is made once per
    column and given each value in turn: write-only sheets write a row out before the next is appended."""
    wrap_from = max(column.width // 2, 4)
    if column.kind == NUMBER:
        return _as_is
    if column.kind in (DATE, DATETIME):
        dated = WriteOnlyCell(sheet)
        dated.number_format = "yyyy-mm-dd hh:mm" if column.kind == DATETIME else "yyyy-mm-dd"
        zone = timezone.get_current_timezone()  # read once: the conversion is the same for every row

        def write_date(value):
            if value is None:
                return None
            if column.kind == DATETIME and value.tzinfo is not None:
                value = value.astimezone(zone).replace(tzinfo=None)
            dated.value = value
            return dated

        return write_date
    if column.kind == TEXT:
        wrapped = WriteOnlyCell(sheet)
        wrapped.alignment = _WRAP

        def write_text(value):
            if not value:
                return None
            if value.startswith(FORMULA_PREFIXES):
                return _cell(sheet, value, wrap_from=wrap_from)  # rare: a cell of its own, quoted
            if len(value) > wrap_from:
                wrapped.value = value
                return wrapped
            return value

        return write_text
    return lambda value: _cell(sheet, value, wrap_from=wrap_from)


def _as_is(value):
    return value


# What Excel refuses in a sheet's name (at most 31 characters): a title naming an office or a figure may hold it.
SHEET_TITLE_REFUSED = re.compile(r"[\\*?:/\[\]]")


def add_sheet(workbook: Workbook, title: str, columns: Sequence[Column], rows: Iterable[Sequence]) -> None:
    """Append a sheet to a write-only workbook; ``rows`` may be a generator (it is streamed). Its name is
    ``title`` as Excel takes it: the characters it refuses made dashes, the first 31 characters.

    Printed, every sheet comes out on A4 landscape, as wide as one page, with the header row on every page;
    text longer than its column wraps. (A CJK character is about two characters of width.)
    """
    sheet = workbook.create_sheet(title=SHEET_TITLE_REFUSED.sub("-", str(title))[:31])
    sheet.freeze_panes = "A2"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0  # as many pages down as it takes
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.print_title_rows = "1:1"
    for index, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.append([_cell(sheet, column.header, header=True) for column in columns])
    writers = [_column_writer(sheet, column) for column in columns]
    for row in rows:
        sheet.append([write(value) for write, value in zip(writers, row, strict=False)])


def new_workbook() -> Workbook:
    return Workbook(write_only=True)


def workbook_response(workbook: Workbook, filename: str) -> FileResponse:
    """Save the workbook to a temporary file and stream it: memory stays bounded whatever the rows."""
    handle = tempfile.TemporaryFile()  # closed (and so removed) by FileResponse once sent
    workbook.save(handle)
    handle.seek(0)
    response = FileResponse(handle, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition(filename)
    response["X-Content-Type-Options"] = "nosniff"
    return response


def export_response(
    filename: str, sheet_title: str, columns: Sequence[Column], rows: Iterable[Sequence]
) -> FileResponse:
    """One-sheet export in one call."""
    workbook = new_workbook()
    add_sheet(workbook, sheet_title, columns, rows)
    return workbook_response(workbook, filename)


def open_upload(upload, *, max_bytes: int = MAX_UPLOAD_BYTES, max_rows: int = MAX_ROWS):
    """The first worksheet of an uploaded .xlsx, opened read-only; ValidationError with a clear reason
    for anything else (not a zip, not a workbook, too large, a zip bomb, too many rows)."""
    if upload.size > max_bytes:
        raise ValidationError(
            _("The file is larger than %(limit)d MB.") % {"limit": max_bytes // (1024 * 1024)}, code="too_large"
        )
    data = upload.read()
    if not data.startswith(b"PK\x03\x04"):
        raise ValidationError(_("This is not an Excel .xlsx file."), code="not_xlsx")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "[Content_Types].xml" not in names or not any(n.startswith("xl/worksheets/") for n in names):
                raise ValidationError(_("This is not an Excel .xlsx file."), code="not_xlsx")
            if sum(info.file_size for info in archive.infolist()) > MAX_UNCOMPRESSED_BYTES:
                raise ValidationError(_("The file unpacks to too much data to be a real spreadsheet."), code="bomb")
            if archive.testzip() is not None:
                raise ValidationError(_("The file is damaged and cannot be read."), code="corrupt")
            _refuse_unsized_sheets(archive, max_rows)
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except ValidationError:
        raise
    except Exception as exc:  # noqa: BLE001 - any parse failure means the same thing to the user
        raise ValidationError(_("The file is damaged and cannot be read."), code="corrupt") from exc
    sheet = workbook.worksheets[0]
    if sheet.max_row is not None and sheet.max_row - 1 > max_rows:
        raise _too_many_rows(max_rows)
    if sheet.max_column is not None and sheet.max_column > MAX_COLUMNS:
        raise ValidationError(
            _("The file has more than %(limit)d columns; keep only the template's columns.") % {"limit": MAX_COLUMNS},
            code="too_many_columns",
        )
    return sheet


@dataclass(frozen=True)
class RefusedRow:
    """One bad row of an import: its spreadsheet row number and every reason it is wrong."""

    row: int
    reasons: Sequence[str]

    @property
    def reason(self) -> str:
        """The reasons in one line, as the import page and the import job show them."""
        return joined_reasons(self.reasons)


class RowsRefused(Exception):
    """An import refused whole, nothing imported; ``errors`` lists each bad row (``RefusedRow``)."""

    def __init__(self, errors: list[RefusedRow]):
        super().__init__(errors)
        self.errors = errors


def upload_rows(upload, *, max_rows: int = MAX_ROWS) -> int:
    """How many rows an upload holds under its header (as its dimensions say, or counted where it says none),
    refusing what ``open_upload`` refuses; the upload is read again from its start afterwards."""
    sheet = open_upload(upload, max_rows=max_rows)
    upload.seek(0)
    if sheet.max_row is not None:
        return max(sheet.max_row - 1, 0)
    return sum(1 for _ in data_rows(sheet, max_rows=max_rows))


def _too_many_rows(max_rows: int) -> ValidationError:
    return ValidationError(
        _("The file has more than %(limit)d rows; split it into smaller files.") % {"limit": max_rows},
        code="too_many_rows",
    )


def _refuse_unsized_sheets(archive: zipfile.ZipFile, max_rows: int) -> None:
    """Refuse, before openpyxl opens the workbook, a worksheet with no dimension tag and too much XML to read
    quickly: opening it read-only would parse every row just to learn its size."""
    for info in archive.infolist():
        if not (info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml")):
            continue
        if info.file_size <= MAX_UNSIZED_SHEET_BYTES:
            continue
        with archive.open(info) as part:
            head = part.read(64 * 1024)
        data_at = _SHEET_DATA.search(head)
        dimension_at = _DIMENSION.search(head)
        if dimension_at is None or (data_at is not None and data_at.start() < dimension_at.start()):
            raise _too_many_rows(max_rows)


def data_rows(sheet, *, max_rows: int = MAX_ROWS) -> Iterator[tuple[int, tuple]]:
    """(spreadsheet row number, values) for each non-empty row under the header. Stops with a
    ValidationError past ``max_rows``, whatever the file's own dimension tag claims, and stops reading at
    the first run of EMPTY_RUN empty rows."""
    count = empty = 0
    for number, values in enumerate(sheet.iter_rows(min_row=2, values_only=True), start=2):
        if all(text(value) == "" for value in values):
            empty += 1
            if empty >= EMPTY_RUN:
                return
            continue
        empty = 0
        count += 1
        if count > max_rows:
            raise _too_many_rows(max_rows)
        yield number, values


def text(value) -> str:
    """A cell's value as stripped text ('' for empty), for import checks."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()
