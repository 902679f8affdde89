"""One cast for the whole suite (docs/domain.md's roles):

- agency A (区市场监管局) with staff ``staff_a``; its parent P (区政府办) with staff ``staff_parent``;
- agency B (区教育局) with staff ``staff_b``: an outsider to A;
- a town agency T (薛家镇) filing with the town office, staff ``staff_town``;
- ``town_reviewer`` of 薛家镇司法所, ``bureau_reviewer`` and ``bureau_admin`` of the district bureau;
- ``leader`` (leadership, read only); and the anonymous ``client``.

A year exists only once the bureau opens it (``agencies.years``). Every test that uses the database starts with
``OPENED_YEARS`` open, each with its cycle and default rubric, as ``seed_demo`` opens its years; a test that
needs other years says so with ``@pytest.mark.opened_years(2017, ...)`` (``opened_years()`` for none).
"""

import pytest
from django.test import Client

from agencies.models import Agency, FilingOffice, Law, User

PASSWORD = "correct horse battery staple"
OPENED_YEARS = (2024, 2025, 2026, 2027)


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _empty_cache(settings):
    """Each test has its own empty in-memory cache: cached figures of another test's (or the development
    database's) rows are not this test's."""
    from django.core.cache import cache

    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "tests"}}
    cache.clear()


def _open_years(request) -> None:
    from assessment.services import year_open

    chosen = request.node.get_closest_marker("opened_years")
    for year in chosen.args if chosen else OPENED_YEARS:
        year_open(actor=None, year=year)


@pytest.fixture
def db(db, request):
    """pytest-django's ``db`` with ``OPENED_YEARS`` (or the test's ``opened_years`` marker) open."""
    _open_years(request)


@pytest.fixture
def transactional_db(transactional_db, request):
    """pytest-django's ``transactional_db`` with the years open, as ``db``."""
    _open_years(request)


@pytest.fixture(autouse=True)
def _opened_years_when_marked(request):
    """A test marked ``django_db`` that asks for no database fixture gets the years open all the same."""
    marker = request.node.get_closest_marker("django_db")
    if marker is not None and not {"db", "transactional_db"} & set(request.fixturenames):
        request.getfixturevalue("transactional_db" if marker.kwargs.get("transaction") else "db")


@pytest.fixture
def celery_eager():
    """Tasks run in the test's process when queued (the real worker is tested in test_celery_worker.py)."""
    from puffa.celery import app as celery_app

    saved = celery_app.conf.task_always_eager, celery_app.conf.task_eager_propagates
    celery_app.conf.task_always_eager, celery_app.conf.task_eager_propagates = True, False
    yield celery_app
    celery_app.conf.task_always_eager, celery_app.conf.task_eager_propagates = saved


@pytest.fixture
def bureau_office(db):
    return FilingOffice.objects.create(name="新北区委政法委（司法局）", kind=FilingOffice.Kind.DISTRICT_BUREAU)


@pytest.fixture
def town_office(db):
    return FilingOffice.objects.create(name="薛家镇司法所", kind=FilingOffice.Kind.TOWN_OFFICE, sort_order=1)


@pytest.fixture
def law(db):
    return Law.objects.create(
        title="中华人民共和国食品安全法", kind=Law.Kind.LAW, issuing_body="全国人民代表大会常务委员会"
    )


@pytest.fixture
def agency_parent(bureau_office):
    return Agency.objects.create(
        name="常州市新北区人民政府办公室",
        short_name="区政府办",
        agency_type=Agency.Type.GOVERNMENT,
        filing_office=bureau_office,
    )


@pytest.fixture
def agency_a(bureau_office, agency_parent):
    return Agency.objects.create(
        name="常州市新北区市场监督管理局",
        short_name="区市场监管局",
        agency_type=Agency.Type.GOVERNMENT,
        filing_office=bureau_office,
        parent=agency_parent,
    )


@pytest.fixture
def agency_b(bureau_office):
    return Agency.objects.create(
        name="常州市新北区教育局",
        short_name="区教育局",
        agency_type=Agency.Type.GOVERNMENT,
        filing_office=bureau_office,
    )


@pytest.fixture
def agency_town(town_office):
    return Agency.objects.create(
        name="常州市新北区薛家镇人民政府",
        short_name="薛家镇",
        agency_type=Agency.Type.GOVERNMENT,
        level=Agency.Level.TOWN,
        filing_office=town_office,
    )


def _user(username, **fields):
    user = User(username=username, name=username, **fields)
    user.set_password(PASSWORD)
    user.save()
    return user


@pytest.fixture
def staff_a(agency_a):
    return _user("staff_a", role=User.Role.STAFF, agency=agency_a, email="a@puffa.example")


@pytest.fixture
def staff_b(agency_b):
    return _user("staff_b", role=User.Role.STAFF, agency=agency_b, email="b@puffa.example")


@pytest.fixture
def staff_parent(agency_parent, agency_a):
    return _user("staff_parent", role=User.Role.STAFF, agency=agency_parent)


@pytest.fixture
def staff_town(agency_town):
    return _user("staff_town", role=User.Role.STAFF, agency=agency_town)


@pytest.fixture
def town_reviewer(town_office, agency_town):
    return _user("town_reviewer", role=User.Role.REVIEWER, filing_office=town_office)


@pytest.fixture
def bureau_reviewer(bureau_office):
    return _user("bureau_reviewer", role=User.Role.REVIEWER, filing_office=bureau_office)


@pytest.fixture
def bureau_admin(bureau_office):
    return _user("bureau_admin", role=User.Role.BUREAU_ADMIN, filing_office=bureau_office)


@pytest.fixture
def leader(db):
    return _user("leader", role=User.Role.LEADERSHIP)


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def login():
    """``login(user)`` gives a test client signed in as that user."""
    return client_for
