"""Activities (履职活动) and their evidence; beside them the resource library and needs analysis."""

from .activity import Activity, AnnualArchive, Evidence
from .library import *  # noqa: F403 - the resource library and needs analysis (library.py)

__all__ = ["Activity", "AnnualArchive", "Evidence"]
