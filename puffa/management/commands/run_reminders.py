"""python manage.py run_reminders [--date YYYY-MM-DD] [--dry-run]: the daily reminder run, at once."""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from agencies import outbox
from puffa import reminders


def iso_date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(_("“%(value)s” is not a date: use YYYY-MM-DD.") % {"value": value}) from error


class Command(BaseCommand):
    help = "Send the reminders due on a day (default: today), the same run beat starts daily; print each one."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="The day to run for, YYYY-MM-DD (default: today, Asia/Shanghai).")
        parser.add_argument("--dry-run", action="store_true", help="Print what would be sent; send nothing.")

    def handle(self, *args, date: str | None = None, dry_run: bool = False, **options):
        day = iso_date(date) if date else timezone.localdate()
        sent = reminders.reminders_send(on=day, dry_run=dry_run)
        for item in sent:
            line = reminders.describe(item, day)
            self.stdout.write(_("Would send: %(line)s") % {"line": line} if dry_run else line)
        if dry_run:
            summary = _("%(day)s: %(count)s reminders would be sent (dry run, nothing sent).")
            self.stdout.write(self.style.SUCCESS(summary % {"day": day.isoformat(), "count": len(sent)}))
            return
        summary = _("%(day)s: %(count)s reminders sent.")
        self.stdout.write(self.style.SUCCESS(summary % {"day": day.isoformat(), "count": len(sent)}))
        # What the outbox still holds (emails, archives, scoring runs whose broker or worker failed) is run here.
        done = outbox.drain(here=True)
        if done:
            self.stdout.write(_("%(count)s waiting background jobs run.") % {"count": done})
        for email in reminders.reminder_emails_interrupted():
            self.stderr.write(
                _("Interrupted while sending, not sent again (check whether it arrived): “%(subject)s” to %(address)s")
                % {"subject": email.reminder.subject, "address": email.address}
            )
