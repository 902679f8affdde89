"""The year-end assessment; beside it plans and reports, joint meetings and inspections (oversight.py)."""

from ..oversight.models import *  # noqa: F403
from .scoring import *  # noqa: F403
