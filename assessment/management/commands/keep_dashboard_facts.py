"""python manage.py keep_dashboard_facts [--year YYYY ...]: count the dashboard's kept facts again for every active
agency (``assessment.dashboard.kept``), after a bulk load: the night's run does the same for the open years."""

from django.core.management.base import BaseCommand

from assessment.dashboard import kept


class Command(BaseCommand):
    help = "Count the dashboard's kept facts of every active agency again (the open years, or the years given)."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, action="append", help="Only this year (may be repeated).")

    def handle(self, *args, year: list[int] | None = None, **options):
        self.stdout.write(self.style.SUCCESS(f"{kept.keep_all(year)} agencies' facts counted."))
