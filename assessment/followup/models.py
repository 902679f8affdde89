"""The shape of a follow-up (跟进): abstract models each feature's rows take their fields and states from.

A follow-up moves pending → answered (待审核, the bureau's turn) → closed, or answered → returned (the agency's turn
again). Each feature names its first and last states in its own ``Status``; the three in between are these.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agencies.documents import StoredDocument

PENDING, ANSWERED, RETURNED = "pending", "answered", "returned"


class FollowUp(models.Model):
    """Something an agency answers by ``deadline`` and the bureau then decides on; ``status`` holds its turn."""

    # The agency may answer in these states; the bureau decides in ANSWERED.
    ANSWERABLE = frozenset({PENDING, RETURNED})
    OPEN = frozenset({PENDING, ANSWERED, RETURNED})

    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True

    @property
    def is_answerable(self) -> bool:
        return self.status in self.ANSWERABLE

    @property
    def is_awaiting_decision(self) -> bool:
        return self.status == ANSWERED

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN

    @classmethod
    def overdue_q(cls, today: dt.date) -> Q:
        """Overdue (docs/domain.md): still the agency's turn (pending or sent back) and past the deadline; the
        deadline day itself is in time. An answer waiting for the bureau's review (待审核) is not overdue; sent back
        after the deadline, it is overdue again. (A finding that requires no rectification is never in an
        answerable state: ``finding_rectification_has_deadline``.)"""
        return Q(status__in=cls.ANSWERABLE, deadline__lt=today)

    def is_overdue(self, today: dt.date) -> bool:
        """``overdue_q`` for one follow-up."""
        return self.status in self.ANSWERABLE and self.deadline < today

    @property
    def overdue(self) -> bool:
        """Overdue today (Asia/Shanghai)."""
        return self.is_overdue(timezone.localdate())


class FollowUpResponse(models.Model):
    """One answer from the agency: what it did. Each answer is kept, also the ones sent back. The feature adds the
    key to its follow-up, with ``related_name="responses"``."""

    description = models.TextField(_("what was done"))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("answered by"), on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(_("answered at"))

    class Meta:
        abstract = True


class FollowUpEvidence(StoredDocument):
    """A file attached to an answer; the feature adds ``response`` (``related_name="evidence"``) and ``file``."""

    class Meta:
        abstract = True
        ordering = ["response", "pk"]

    def __str__(self) -> str:
        return self.original_name


class FollowUpEvent(models.Model):
    """One step of a follow-up: who, when, what they said. The feature adds the key to its follow-up
    (``related_name="events"``) and ``action``; sending back always says why."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(_("at"))
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(condition=~Q(action=RETURNED) | ~Q(comment=""), name="%(class)s_return_has_reason"),
        ]
