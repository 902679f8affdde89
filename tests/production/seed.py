"""The district the production tests work in, made in the deployment's own database through the services.

Run as ``python -m tests.production.seed`` with a role's environment; prints the accounts as JSON. Agency A's
staff file a checklist and log activities through the web pages; agency B files nothing, so the daily run
reminds its staff that the deadline (tomorrow) is near.
"""

import datetime as dt
import json
import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "puffa.settings")
django.setup()

from django.contrib.auth.hashers import make_password  # noqa: E402
from django.db import transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from agencies.models import Agency, FilingOffice, Law, User  # noqa: E402
from assessment.services import year_open  # noqa: E402
from checklists import services  # noqa: E402

PASSWORD = "puffa-production-2026"


def seed() -> dict:
    today = timezone.localdate()
    hashed = make_password(PASSWORD)
    with transaction.atomic():
        bureau = FilingOffice.objects.create(name="新北区委政法委（司法局）", kind=FilingOffice.Kind.DISTRICT_BUREAU)
        law = Law.objects.create(
            title="中华人民共和国食品安全法", kind=Law.Kind.LAW, issuing_body="全国人民代表大会常务委员会"
        )
        agency_a = Agency.objects.create(
            name="常州市新北区市场监督管理局",
            short_name="区市场监管局",
            agency_type=Agency.Type.GOVERNMENT,
            filing_office=bureau,
        )
        agency_a.laws.set([law])
        agency_b = Agency.objects.create(
            name="常州市新北区教育局", short_name="区教育局", agency_type=Agency.Type.GOVERNMENT, filing_office=bureau
        )

        def user(username, **fields):
            return User.objects.create(username=username, name=username, password=hashed, **fields)

        admin = user("prod-admin", role=User.Role.BUREAU_ADMIN, filing_office=bureau)
        user("prod-reviewer", role=User.Role.REVIEWER, filing_office=bureau)
        user("prod-leader", role=User.Role.LEADERSHIP)
        user("prod-staff-a", role=User.Role.STAFF, agency=agency_a, email="a@puffa.example")
        user("prod-staff-b", role=User.Role.STAFF, agency=agency_b, email="b@puffa.example")
        deadline = today + dt.timedelta(days=1)
        if deadline.year != today.year:  # the last day of a year: a deadline reminded a day ahead cannot be in it
            deadline = today
        year_open(actor=admin, year=today.year)  # as the bureau does at 年度设置: nothing opens a year by itself
        services.annual_cycle_save(actor=admin, year=today.year, filing_deadline=deadline, study_minimum=2)
    return {
        "password": PASSWORD,
        "year": today.year,
        "agency_a": agency_a.pk,
        "agency_b": agency_b.pk,
        "law": law.pk,
        "staff_a": "prod-staff-a",
        "reviewer": "prod-reviewer",
        "leader": "prod-leader",
        "reminded": "b@puffa.example",
    }


if __name__ == "__main__":
    print(json.dumps(seed()))
