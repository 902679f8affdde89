"""The archive's zip, built by the service: checklist and ledger as .xlsx, evidence by activity, checksums."""

import datetime as dt
import hashlib
import io
import json
import zipfile

import pytest
from openpyxl import load_workbook

from activities import services
from activities.evidence import inspect_evidence
from activities.models import AnnualArchive

from .conftest import YEAR, image_bytes, make_activity, upload


@pytest.fixture
def filed_year(agency_a, staff_a, item):
    session = make_activity(
        agency_a,
        staff_a,
        title="党组中心组学习: 食品安全法/修订要点",
        activity_type="party_group_study",
        start_date=dt.date(YEAR, 4, 10),
        checklist_item=item,
    )
    for name, data in [
        ("现场.jpg", image_bytes("JPEG")),
        ("现场.jpg", image_bytes("JPEG", color="blue")),
        ("签到表.pdf", None),
    ]:
        services.evidence_add(activity=session, uploaded_by=staff_a, checked=inspect_evidence(upload(name, data)))
    gone = make_activity(agency_a, staff_a, title="已删除的活动")
    services.evidence_add(activity=gone, uploaded_by=staff_a, checked=inspect_evidence(upload("合影.png")))
    services.activity_delete(activity=gone, deleted_by=staff_a)
    return session


def build(agency, user):
    archive = AnnualArchive.objects.create(agency=agency, year=YEAR, requested_by=user)
    return services.archive_build(archive_id=archive.pk)


def test_the_zip_holds_every_file_with_checksums_matching_the_manifest(agency_a, staff_a, filed_year):
    archive = build(agency_a, staff_a)
    assert archive.status == AnnualArchive.Status.READY and archive.progress == 100 and archive.filed_at
    data = archive.file.open("rb").read()
    assert archive.size == len(data) and archive.sha256 == hashlib.sha256(data).hexdigest()
    with zipfile.ZipFile(io.BytesIO(data)) as bundle:
        manifest = json.loads(bundle.read("manifest.json"))
        assert manifest["agency"] == agency_a.name and manifest["year"] == YEAR
        listed = {entry["path"]: entry for entry in manifest["files"]}
        assert set(listed) == set(bundle.namelist()) - {"manifest.json"}
        for path, entry in listed.items():
            content = bundle.read(path)
            assert len(content) == entry["size"]
            assert hashlib.sha256(content).hexdigest() == entry["sha256"]
        folder = f"佐证材料/{YEAR}-04-10 党组中心组学习_ 食品安全法_修订要点"
        assert {f"{folder}/现场.jpg", f"{folder}/现场 (2).jpg", f"{folder}/签到表.pdf"} <= set(listed)
        assert not any("已删除" in path for path in listed)
        stored = filed_year.evidence.get(original_name="签到表.pdf")
        assert bundle.read(f"{folder}/签到表.pdf") == stored.file.open("rb").read()
        checklist = load_workbook(io.BytesIO(bundle.read(f"{YEAR}年度普法责任清单.xlsx")), read_only=True)
        checklist_rows = list(checklist.worksheets[0].iter_rows(values_only=True))
        assert checklist_rows[1][1] == "面向食品经营者开展食品安全法宣传" and len(checklist_rows) == 3
        ledger = load_workbook(io.BytesIO(bundle.read(f"{YEAR}年度履职活动台账.xlsx")), read_only=True)
        titles = [row[6] for row in ledger.worksheets[0].iter_rows(min_row=2, values_only=True)]
        assert titles == ["党组中心组学习: 食品安全法/修订要点"]


def test_a_second_delivery_of_the_task_changes_nothing(agency_a, staff_a, filed_year):
    archive = build(agency_a, staff_a)
    again = services.archive_build(archive_id=archive.pk)
    assert (again.sha256, again.file.name, again.filed_at) == (archive.sha256, archive.file.name, archive.filed_at)


def test_a_missing_evidence_file_fails_the_build_with_a_reason(agency_a, staff_a, filed_year):
    evidence = filed_year.evidence.first()
    evidence.file.storage.delete(evidence.file.name)
    archive = build(agency_a, staff_a)
    assert archive.status == AnnualArchive.Status.FAILED and archive.error and not archive.file


def test_later_changes_do_not_touch_the_filed_zip(agency_a, staff_a, filed_year):
    archive = build(agency_a, staff_a)
    make_activity(agency_a, staff_a, title="归档后新增的活动")
    archive.refresh_from_db()
    with zipfile.ZipFile(archive.file.open("rb")) as bundle:
        ledger = load_workbook(io.BytesIO(bundle.read(f"{YEAR}年度履职活动台账.xlsx")), read_only=True)
        titles = [row[6] for row in ledger.worksheets[0].iter_rows(min_row=2, values_only=True)]
    assert "归档后新增的活动" not in titles


@pytest.mark.parametrize(
    "text, expected",
    [('a/b\\c:d*e?f"g<h>i|j', "a_b_c_d_e_f_g_h_i_j"), ("  ..隐藏.. ", "隐藏"), ("", "_"), ("第一\n第二", "第一_第二")],
)
def test_names_are_made_safe_for_any_system(text, expected):
    assert services.safe_name(text) == expected
