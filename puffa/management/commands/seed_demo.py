"""python manage.py seed_demo: a believable demo district, with an account for every role."""

from importlib import import_module

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from activities import summaries
from agencies import freshness, notices
from assessment import services as assessment_services
from assessment.dashboard import kept

# The years the demo fills (2025 published, 2026 under way) and the next one, which the reminders demo looks
# at: a year exists only once opened (docs/domain.md), so the seed opens them first as the bureau would.
DEMO_YEARS = (2025, 2026, 2027)

# Each part of the demo district is a module of ``demo`` with a ``seed()``; they run in this order, and
# each returns the demo accounts it made (or nothing).
SEEDERS = [
    "demo.agencies",
    "demo.checklists",
    "demo.activities",
    "demo.campaigns",
    "demo.library",
    "demo.newmedia",
    "demo.assessment",
    "demo.oversight",
    "demo.practice",
    "demo.planning",
    "demo.decisions",
    "demo.reminders",  # last: it replays the reminder rules over everyone's demo data
]


class Command(BaseCommand):
    help = "Fill the database with a demo district (idempotent) and print the demo accounts."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Run even with DEBUG off.")

    def handle(self, *args, force: bool = False, **options):
        if not settings.DEBUG and not force:
            raise CommandError("DEBUG is off: this looks like production. Use --force to seed demo data anyway.")
        accounts = []
        for year in DEMO_YEARS:
            assessment_services.year_open(actor=None, year=year)
        with notices.without_emails():  # the steps the demo replays notify the inboxes, not real addresses
            for module in SEEDERS:
                accounts.extend(import_module(module).seed() or [])
                # Some demo activities are written directly, not through the services that keep the summaries:
                # counted again after each part, so the scoring and the reminders replayed by later parts read
                # the activities the earlier parts logged.
                summaries.rebuild()
        freshness.bump()  # some demo rows are written in bulk
        kept.keep_all()  # the dashboard's kept facts, as the night's run would count them
        self.stdout.write(self.style.SUCCESS(f"Demo district ready: {len(accounts)} accounts."))
        self.stdout.write("username\tpassword\trole\twho")
        for account in accounts:
            self.stdout.write(f"{account.username}\t{account.password}\t{account.role}\t{account.who}")
