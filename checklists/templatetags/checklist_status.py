"""``status|status_badge``: a checklist status's badge class, as ``checklists.selectors.status_badge`` has it."""

from django import template

from checklists.selectors import status_badge as badge_of

register = template.Library()


@register.filter
def status_badge(status: str) -> str:
    return badge_of(status)
