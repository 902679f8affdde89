"""The third-party survey file (知晓率、满意度测评结果, §3.4): its template, and reading it back, .xlsx or .csv as
WPS and Excel save it.

A Chinese Excel or WPS saves "CSV" in GB18030 (GBK) unless told otherwise, and "CSV UTF-8" with a BOM; both are
read. Each data row is (spreadsheet row number, cell values); checking the values is the service's job.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agencies.models import Agency
from agencies.spreadsheets import MAX_ROWS, MAX_UPLOAD_BYTES, Column, data_rows, export_response, open_upload, text

TEMPLATE_HEADERS = (
    gettext_lazy("Agency (unified social credit code or name)"),
    gettext_lazy("Awareness rate (0–100)"),
    gettext_lazy("Satisfaction (0–100)"),
)
UTF8_BOM = b"\xef\xbb\xbf"


def survey_rows(upload) -> Iterator[tuple[int, tuple]]:
    """Rows under the header of an uploaded .xlsx or .csv; ValidationError for a file that cannot be read."""
    name = (upload.name or "").lower()
    if name.endswith(".csv"):
        return _csv_rows(upload)
    if name.endswith(".xlsx"):
        return data_rows(open_upload(upload))
    raise ValidationError(_("Upload an Excel .xlsx file or a .csv file."), code="file_type")


def _decode(data: bytes) -> str:
    if data.startswith(UTF8_BOM):
        return data[len(UTF8_BOM) :].decode("utf-8")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError as exc:
        raise ValidationError(
            _("The .csv file is neither UTF-8 nor GB18030 text; save it again as CSV from Excel or WPS."),
            code="encoding",
        ) from exc


def _csv_rows(upload) -> Iterator[tuple[int, tuple]]:
    if upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            _("The file is larger than %(limit)d MB.") % {"limit": MAX_UPLOAD_BYTES // (1024 * 1024)},
            code="too_large",
        )
    content = _decode(upload.read())
    if "\x00" in content:
        raise ValidationError(_("This is not a .csv text file."), code="not_csv")
    rows = list(csv.reader(io.StringIO(content, newline="")))
    found = []
    for number, values in enumerate(rows[1:], start=2):
        if all(text(value) == "" for value in values):
            continue
        found.append((number, tuple(values)))
        if len(found) > MAX_ROWS:
            raise ValidationError(
                _("The file has more than %(limit)d rows; split it into smaller files.") % {"limit": MAX_ROWS},
                code="too_many_rows",
            )
    return iter(found)


def parse_rate(value) -> Decimal:
    """A rate from 0 to 100 with at most one decimal ("85", "85.5", "85.5%"); ValueError with the reason."""
    raw = text(value)
    if raw == "":
        raise ValueError(_("is empty"))
    if raw.endswith(("%", "％")):
        raw = raw[:-1].strip()
    try:
        number = Decimal(raw)
    except InvalidOperation:
        raise ValueError(_("“%(value)s” is not a number") % {"value": text(value)}) from None
    if not number.is_finite() or number < 0 or number > 100:
        raise ValueError(_("%(value)s is not between 0 and 100") % {"value": text(value)})
    if number != number.quantize(Decimal("0.1")):
        raise ValueError(
            _("%(value)s has more than one decimal: write rates from 0 to 100, such as 85 or 85.5")
            % {"value": text(value)}
        )
    return number.quantize(Decimal("0.1"))


def template_response(year: int) -> FileResponse:
    """The survey results template: every active agency listed, its figures left to fill in."""
    agencies = Agency.objects.filter(is_active=True).order_by("level", "name").values_list("name", flat=True)
    columns = [
        Column(str(TEMPLATE_HEADERS[0]), 44),
        Column(str(TEMPLATE_HEADERS[1]), 18),
        Column(str(TEMPLATE_HEADERS[2]), 18),
    ]
    return export_response(
        _("Survey results template %(year)d.xlsx") % {"year": year},
        _("Survey results"),
        columns,
        ((name, None, None) for name in agencies),
    )
