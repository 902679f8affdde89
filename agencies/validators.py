"""Validators for agency data, each with a clear Chinese message (through the catalogue)."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# GB 32100-2015: the 31 characters a unified social credit code may use (no I, O, Z, S, V).
CREDIT_CODE_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_CODE_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def credit_code_check_character(first17: str) -> str:
    """The 18th character of a unified social credit code, from its first 17 (GB 32100 §4.4)."""
    total = sum(CREDIT_CODE_CHARSET.index(ch) * w for ch, w in zip(first17, CREDIT_CODE_WEIGHTS, strict=True))
    return CREDIT_CODE_CHARSET[(31 - total % 31) % 31]


def validate_credit_code(value: str) -> None:
    """统一社会信用代码: 18 characters from the GB 32100 set, the last one a correct check character."""
    if len(value) != 18:
        raise ValidationError(
            _("A unified social credit code has 18 characters; this one has %(length)d."),
            code="credit_code_length",
            params={"length": len(value)},
        )
    if value != value.upper():
        raise ValidationError(_("Write the unified social credit code in capital letters."), code="credit_code_case")
    bad = sorted({ch for ch in value if ch not in CREDIT_CODE_CHARSET})
    if bad:
        raise ValidationError(
            _("The unified social credit code cannot contain: %(chars)s."),
            code="credit_code_charset",
            params={"chars": " ".join(bad)},
        )
    if credit_code_check_character(value[:17]) != value[17]:
        raise ValidationError(
            _("The check character (the last one) of this unified social credit code is wrong; please check the code."),
            code="credit_code_check",
        )


# A phone number as agencies write it: 0519-85123456, 138 1234 5678, (0519)85123456转8001, two separated by 、.
PHONE = re.compile(r"[0-9０-９\s+\-－()（）转,，、/]+")


def validate_phone(value: str) -> None:
    """Digits with the usual separators, and at least one digit: \"电话abc\" is refused, not stored."""
    if value and not (PHONE.fullmatch(value) and any(character.isdigit() for character in value)):
        raise ValidationError(_("Enter a phone number: digits, with - ( ) + or 转 before an extension."), code="phone")


def joined_reasons(reasons) -> str:
    """Several messages in one line, "甲；乙。" in Chinese: each message ends with its own full stop, which
    would double up before the separator ("。；")."""
    stripped = [str(reason).rstrip("。.") for reason in reasons]
    return "；".join(stripped) + "。" if stripped else ""
