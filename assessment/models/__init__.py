"""The year-end assessment; beside it plans and reports, joint meetings and inspections (oversight/),
multi-year plans and key work (planning/), good practice (practice/) and the drafted annual reports (reports/)."""

from ..decisions.models import *  # noqa: F403
from ..oversight.models import *  # noqa: F403
from ..planning.models import *  # noqa: F403
from ..practice.models import *  # noqa: F403
from ..reports.models import *  # noqa: F403
from .kept import *  # noqa: F403
from .scoring import *  # noqa: F403
