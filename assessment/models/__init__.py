"""The year-end assessment; beside it plans and reports, joint meetings and inspections (oversight/), good
practice (practice/) and the drafted annual reports (reports/)."""

from ..oversight.models import *  # noqa: F403
from ..practice.models import *  # noqa: F403
from ..reports.models import *  # noqa: F403
from .scoring import *  # noqa: F403
