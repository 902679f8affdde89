"""Activities (履职活动) and their evidence; beside them the resource library and needs analysis."""

from ..campaigns.models import Campaign, CampaignAgency
from ..library.models import *  # noqa: F403 - the resource library and needs analysis (library.py)
from ..newmedia.models import MEDIA_ACCOUNT_TYPES, MediaAccount  # noqa: F401 - the new-media cluster
from .activity import Activity, AnnualArchive, Evidence
from .summary import ActivitySummary, ItemSummary

__all__ = ["Activity", "ActivitySummary", "AnnualArchive", "Campaign", "CampaignAgency", "Evidence", "ItemSummary"]
