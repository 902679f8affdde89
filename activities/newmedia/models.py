"""An agency's new-media accounts (§3(三) 新媒体普法网络集群).

Each agency registers the accounts it teaches the law on: a WeChat official account, a Weibo account, a column on
its website, a short-video account. The district's accounts together are the cluster. An activity of a new-media
type (``MEDIA_ACCOUNT_TYPES``) may name the account it was posted on; only ``activities.newmedia.services``
writes an account, and ``activities.services`` checks the link.
"""

from __future__ import annotations

from django.core.validators import URLValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency, user_field
from agencies.vocabulary import ActivityType

__all__ = ["MediaAccount", "MEDIA_ACCOUNT_TYPES", "validate_web_address"]

# The activity types posted on an account: only these may name one.
MEDIA_ACCOUNT_TYPES = frozenset({ActivityType.NEW_MEDIA_POST})


# A link people can open in a browser: javascript:, ftp: or a bare word is refused.
WEB_ADDRESS_MESSAGE = _("Enter a web address starting with http:// or https://.")
validate_web_address = URLValidator(schemes=["http", "https"], message=WEB_ADDRESS_MESSAGE)


class MediaAccount(models.Model):
    # This table's own choice list and columns, written out as on every model; only the TextChoices and field syntax
    # is shared.
    class Platform(models.TextChoices):
        WECHAT = "wechat", _("WeChat official account")
        WEIBO = "weibo", _("Weibo")
        WEBSITE = "website", _("Website column")
        SHORT_VIDEO = "short_video", _("Short-video account (Douyin, WeChat Channels…)")
        OTHER = "other", _("Other")

    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="media_accounts"
    )
    platform = models.CharField(_("platform"), max_length=16, choices=Platform.choices)
    name = models.CharField(_("account name"), max_length=100)
    url = models.URLField(
        _("link"),
        max_length=500,
        validators=[validate_web_address],
        help_text=_("The account's address, starting with http:// or https://."),
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    created_by = user_field(_("registered by"))
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("new-media account")
        verbose_name_plural = _("new-media accounts")
        ordering = ["agency", "platform", "name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "platform", "name"],
                name="mediaaccount_unique_per_agency",
                violation_error_message=_("The agency already has an account of this platform with this name."),
            ),
        ]
        indexes = [models.Index(fields=["platform", "is_active"], name="mediaaccount_platform_idx")]

    def __str__(self) -> str:
        # A separator, not brackets: names often end in brackets of their own (新北市场监管（抖音）).
        return f"{self.name} · {self.get_platform_display()}"

    def get_absolute_url(self) -> str:
        return reverse("newmedia:agency", args=[self.agency_id])
