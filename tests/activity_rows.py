"""Activities written straight into the table, as a test's setting needs them, with the activity summaries kept as
``activities/services.py`` keeps them (the facts over many agencies read the summaries)."""

from activities import summaries
from activities.models import Activity


def logged_activity(**fields) -> Activity:
    activity = Activity.objects.create(**fields)
    summaries.follow(None, summaries.part_of(activity))
    return activity
