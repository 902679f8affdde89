"""python manage.py rebuild_activity_summaries [--year YYYY ...]: count the activity summaries (and the item
summaries) again from the raw rows, after activities were loaded in bulk (the services keep them otherwise)."""

from django.core.management.base import BaseCommand

from activities import summaries
from agencies import freshness


class Command(BaseCommand):
    help = "Count the activity summaries again from the activities (every year, or the years given)."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, action="append", help="Only this year (may be repeated).")

    def handle(self, *args, year: list[int] | None = None, **options):
        cells = summaries.rebuild(year)
        freshness.bump()  # figures counted before the rebuild are out of date
        self.stdout.write(self.style.SUCCESS(f"{cells} activity summary rows."))
