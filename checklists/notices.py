"""The notices a checklist's workflow sends (docs/domain.md, "Checklists"), built for
``agencies.notices.notice_send`` by ``checklists.services`` inside the step's transaction.

Each notice is keyed by the transition it tells about, so a step notifies once.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from agencies.notices import NoticeKind, in_site_language
from agencies.reminders import TO_AGENCY, TO_OFFICE, Due

from .models import Checklist, ChecklistTransition

Kind = NoticeKind


def _what(checklist: Checklist) -> str:
    if checklist.revision > 1:
        return _("the amendment (revision %(revision)d) to the %(year)d checklist") % {
            "revision": checklist.revision,
            "year": checklist.year,
        }
    return _("the %(year)d checklist") % {"year": checklist.year}


def submitted(checklist: Checklist, transition: ChecklistTransition) -> Due:
    """To the reviewers of the office the agency files with: a checklist waits for them."""
    agency = checklist.agency
    with in_site_language():
        # A notice is one call to Due with its own kind, period, stage and words, as every notice is: nothing in it is
        # another notice's rule.
        return Due(
            kind=Kind.CHECKLIST_SUBMITTED,
            period=str(checklist.year),
            stage=f"t{transition.pk}",
            due_on=timezone.localdate(transition.at),
            subject=_("%(agency)s submitted %(what)s for review")
            % {"agency": agency.display_name, "what": _what(checklist)},
            body=_("It waits in your review queue."),
            url=reverse("checklists:review", args=[checklist.pk]),
            audience=TO_OFFICE,
            agency_id=agency.pk,
            office_id=agency.filing_office_id,
            target=agency.display_name,
        )


def decided(checklist: Checklist, transition: ChecklistTransition) -> Due:
    """To the agency's staff: their checklist was returned (with what to change) or approved."""
    agency = checklist.agency
    returned = checklist.status == Checklist.Status.RETURNED
    with in_site_language():
        if returned:
            subject = _("%(what)s was returned: please change it and submit it again") % {"what": _what(checklist)}
            body = _("The reviewer said: %(comment)s") % {"comment": transition.comment}
        else:
            subject = _("%(what)s was approved") % {"what": _what(checklist)}
            body = _("The reviewer said: %(comment)s") % {"comment": transition.comment} if transition.comment else ""
        return Due(
            kind=Kind.CHECKLIST_RETURNED if returned else Kind.CHECKLIST_APPROVED,
            period=str(checklist.year),
            stage=f"t{transition.pk}",
            due_on=timezone.localdate(transition.at),
            subject=subject[:1].upper() + subject[1:],
            body=body,
            url=reverse("checklists:detail", args=[checklist.pk]),
            audience=TO_AGENCY,
            agency_id=agency.pk,
            target=agency.display_name,
        )
