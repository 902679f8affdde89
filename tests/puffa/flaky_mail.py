"""A fake SMTP server for tests: it drops the connection ``failures`` times, then delivers like locmem."""

import smtplib

from django.core.mail.backends.locmem import EmailBackend


class FlakyEmailBackend(EmailBackend):
    """Drops the connection when it is opened (before any email is given to it) ``failures`` times."""

    failures = 0
    attempts = 0

    def open(self):
        type(self).attempts += 1
        if type(self).failures > 0:
            type(self).failures -= 1
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        return super().open()
