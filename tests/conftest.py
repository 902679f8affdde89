"""One cast for the whole suite (DOMAIN.md's roles):

- agency A (区市场监管局) with staff ``staff_a``; its parent P (区政府办) with staff ``staff_parent``;
- agency B (区教育局) with staff ``staff_b``: an outsider to A;
- a town agency T (薛家镇) filing with the town office, staff ``staff_town``;
- ``town_reviewer`` of 薛家镇司法所, ``bureau_reviewer`` and ``bureau_admin`` of the district bureau;
- ``leader`` (leadership, read only); and the anonymous ``client``.
"""

import pytest
from django.test import Client

from agencies.models import Agency, FilingOffice, Law, User

PASSWORD = "correct horse battery staple"


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
