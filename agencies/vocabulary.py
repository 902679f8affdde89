"""The domain's shared words: audiences and activity types (docs/domain.md, "Activities").

They live in the base app because checklist items (their audiences and forms) and activities both use
them, and a lower app never imports a higher one.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


# The choice lists below are written out: the stored values and the words on screen are the domain's own; only the
# TextChoices syntax is shared.
class Audience(models.TextChoices):
    """Who is taught (§2, §3.1 对象)."""

    # The measures' own words (§2) as stored values and labels; a vocabulary is its list, written out.
    CADRES = "cadres", _("Cadres and state employees")
    MANAGED = "managed", _("Managed parties")
    SERVED = "served", _("Served parties")
    ENFORCEMENT_TARGETS = "targets", _("Enforcement targets")
    PUBLIC = "public", _("The public")


class Duty(models.TextChoices):
    """The duties of §2 (and the resources of §3.3) that group the activity types."""

    # The measures' own words (§2) as stored values and labels; a vocabulary is its list, written out.
    STUDY = "study", _("Cadres and staff study the law")
    PUBLIC = "public", _("Teaching the public")
    ENFORCEMENT = "enforcement", _("Teaching during enforcement and justice")
    MEDIA = "media", _("Resources and media")


class SixPlaces(models.TextChoices):
    """ "Law into six places" (法律六进): where such an activity went."""

    # The measures' own words (§2) as stored values and labels; a vocabulary is its list, written out.
    AGENCIES = "agencies", pgettext_lazy("six places", "Agencies")
    VILLAGES = "villages", _("Villages")
    COMMUNITIES = "communities", _("Communities")
    SCHOOLS = "schools", _("Schools")
    ENTERPRISES = "enterprises", _("Enterprises")
    UNITS = "units", _("Units")


class ActivityType(models.TextChoices):
    """Every kind of activity an agency logs. See ``DUTY_OF``, ``STUDY_MINIMUM_TYPES``."""

    # §2.1 cadres and staff study the law
    PARTY_GROUP_STUDY = "party_group_study", _("Party group central-group study")
    EXECUTIVE_MEETING_STUDY = "executive_meeting_study", _("Executive-meeting study")
    PRE_DECISION_STUDY = "pre_decision_study", _("Study before a major decision")
    LAW_LECTURE = "law_lecture", _("Law lecture")
    ONLINE_STUDY = "online_study", _("Online study")
    PRE_APPOINTMENT_EXAM = "pre_appointment_exam", _("Pre-appointment law exam")
    ANNUAL_LAW_REPORT = "annual_law_report", _("Annual report on the law")
    TRAINING_LAW_COURSE = "training_law_course", _("Law course in induction and job training")
    # §2.2 teaching the public
    OPEN_DAY = "open_day", _("Open day")
    HEARING_ATTENDANCE = "hearing_attendance", _("Court-hearing attendance or enforcement observation")
    SIX_PLACES = "six_places", _("Law into six places")
    LAW_ANNIVERSARY = "law_anniversary", _("Law-anniversary campaign")
    CONSTITUTION_DAY = "constitution_day", _("National Constitution Day (4 December)")
    DISTRICT_CAMPAIGN = "district_campaign", _("District campaign “法润新北”")
    THEMED_ACTIVITY = "themed_activity", _("Other themed activity")
    # §2.3 teaching during enforcement and justice
    ENFORCEMENT_PUBLICITY = "enforcement_publicity", _("Publicity of enforcement")
    ON_SITE_EXPLANATION = "on_site_explanation", _("Explaining the law on site")
    CASE_EXPLANATION = "case_explanation", _("Case-based or after-hearing explanation")
    DOCUMENT_REASONING = "document_reasoning", _("Reasoning in legal documents")
    DOCUMENT_PUBLICATION = "document_publication", _("Publishing effective legal documents")
    # §3.3 resources and media
    NEW_MEDIA_POST = "new_media_post", _("New-media post")
    MEDIA_SUPPLY = "media_supply", _("Material or public-service ads supplied to media")
    LECTURER_VOLUNTEER = "lecturer_volunteer", _("Lecturer or volunteer activity")


_T = ActivityType
DUTY_OF: dict[str, str] = {
    **dict.fromkeys(
        [
            _T.PARTY_GROUP_STUDY,
            _T.EXECUTIVE_MEETING_STUDY,
            _T.PRE_DECISION_STUDY,
            _T.LAW_LECTURE,
            _T.ONLINE_STUDY,
            _T.PRE_APPOINTMENT_EXAM,
            _T.ANNUAL_LAW_REPORT,
            _T.TRAINING_LAW_COURSE,
        ],
        Duty.STUDY,
    ),
    **dict.fromkeys(
        [
            _T.OPEN_DAY,
            _T.HEARING_ATTENDANCE,
            _T.SIX_PLACES,
            _T.LAW_ANNIVERSARY,
            _T.CONSTITUTION_DAY,
            _T.DISTRICT_CAMPAIGN,
            _T.THEMED_ACTIVITY,
        ],
        Duty.PUBLIC,
    ),
    **dict.fromkeys(
        [
            _T.ENFORCEMENT_PUBLICITY,
            _T.ON_SITE_EXPLANATION,
            _T.CASE_EXPLANATION,
            _T.DOCUMENT_REASONING,
            _T.DOCUMENT_PUBLICATION,
        ],
        Duty.ENFORCEMENT,
    ),
    **dict.fromkeys([_T.NEW_MEDIA_POST, _T.MEDIA_SUPPLY, _T.LECTURER_VOLUNTEER], Duty.MEDIA),
}

# ★ Sessions that count towards the yearly study minimum (§2.1 不少于2次).
STUDY_MINIMUM_TYPES = frozenset({_T.PARTY_GROUP_STUDY, _T.EXECUTIVE_MEETING_STUDY})

# Types for which the six-places target is recorded.
SIX_PLACES_TYPES = frozenset({_T.SIX_PLACES})


def types_of_duty(duty: str) -> list[str]:
    return [value for value, of in DUTY_OF.items() if of == duty]


def grouped_type_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """Choices grouped by duty, for a <select> with <optgroup>s; ★ marks the study-minimum sessions."""
    groups = []
    for duty in Duty:
        options = []
        for value in types_of_duty(duty):
            label = ActivityType(value).label
            options.append((value, f"★ {label}" if value in STUDY_MINIMUM_TYPES else label))
        groups.append((duty.label, options))
    return groups
