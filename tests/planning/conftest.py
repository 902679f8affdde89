import pytest

from assessment.planning import services

from ..library.uploads import pdf_bytes, upload


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def plan_a(staff_a):
    return services.plan_file(
        agency=staff_a.agency,
        user=staff_a,
        first_year=2026,
        last_year=2030,
        file=upload("“十五五”普法规划.pdf", pdf_bytes()),
    )


@pytest.fixture
def key_work_a(staff_a):
    return services.key_work_file(
        agency=staff_a.agency, user=staff_a, year=2026, items=["食品安全法进餐饮企业", "宪法宣传周集中宣传"]
    )
