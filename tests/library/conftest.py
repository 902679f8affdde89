"""Files and library rows for the library tests; uploads go to a temporary media folder."""

import datetime as dt

import pytest

from activities.models import Activity, LibraryStatus, Material, ResourcePerson

from .uploads import pdf_bytes, upload


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def lecturer(bureau_admin):
    return ResourcePerson.objects.create(
        kind=ResourcePerson.Kind.LECTURER,
        name="刘建华",
        unit="江苏常新律师事务所",
        field_of_law="劳动法",
        phone="13900000001",
        email="liujh@lawfirm.example",
        created_by=bureau_admin,
    )


def propose_volunteer(staff, name: str, **fields) -> ResourcePerson:
    """A volunteer proposed by the staff member's agency, waiting for the bureau's answer."""
    values = {"unit": "单位", "field_of_law": "民法", "phone": "1", **fields}
    return ResourcePerson.objects.create(
        kind=ResourcePerson.Kind.VOLUNTEER,
        name=name,
        status=LibraryStatus.PROPOSED,
        proposed_by_agency=staff.agency,
        created_by=staff,
        **values,
    )


@pytest.fixture
def proposal_from_a(staff_a):
    return propose_volunteer(
        staff_a, "钱小燕", unit="区市场监管局12315中心", field_of_law="消费者权益保护", phone="13900000002"
    )


@pytest.fixture
def material(bureau_admin):
    from activities.library.services import material_add

    return material_add(
        user=bureau_admin,
        title="食品安全法讲座课件",
        kind=Material.Kind.COURSEWARE,
        file=upload("食品安全法.pdf", pdf_bytes()),
        audiences=["public"],
    )


@pytest.fixture
def make_activity():
    def make(agency, user, *, title="劳动法进企业讲座", day=dt.date(2026, 5, 12), deleted=False):
        return Activity.objects.create(
            agency=agency,
            activity_type="law_lecture",
            title=title,
            start_date=day,
            created_by=user,
            deleted_at=dt.datetime(2026, 6, 1, tzinfo=dt.UTC) if deleted else None,
        )

    return make
