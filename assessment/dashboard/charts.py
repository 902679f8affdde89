"""Charts drawn on the server as inline SVG: no script, no internet, readable on a projector.

Each bar carries its label and its number as text, and links to the agencies behind it. Every piece of text is
escaped here; the result is safe to put in a template as it is.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

FONT = "font-family=\"'Noto Sans CJK SC','Microsoft YaHei','PingFang SC',sans-serif\""
COLORS = {
    "blue": "#0d6efd",
    "green": "#198754",
    "yellow": "#e0a800",
    "red": "#dc3545",
    "grey": "#6c757d",
    "teal": "#0f8b8d",
}


@dataclass(frozen=True)
class Bar:
    label: str
    value: int | float
    url: str = ""
    color: str = "blue"


def _number(value) -> str:
    """As the pages write numbers (``intcomma``: the locale's grouping), a fraction to one place."""
    return (
        number_format(value, force_grouping=True)
        if isinstance(value, int)
        else number_format(round(value, 1), 1, force_grouping=True)
    )


def _text_width(text: str, font: int) -> float:
    """About how wide ``text`` is drawn: Chinese glyphs are square, Latin ones a little over half as wide."""
    return sum(font if unicodedata.east_asian_width(char) in "WF" else font * 0.6 for char in text)


def _fitted(text: str, room: float, font: int) -> str:
    """Attributes that squeeze a label into ``room`` when it would spill out of its place (and out of the chart)."""
    if _text_width(text, font) <= room:
        return ""
    return f' textLength="{room:.0f}" lengthAdjust="spacingAndGlyphs"'


def _link(url: str, body: str, title: str) -> str:
    titled = f"<title>{escape(title)}</title>{body}"
    return f'<a href="{escape(url)}" aria-label="{escape(title)}">{titled}</a>' if url else f"<g>{titled}</g>"


def _role(bars: Sequence[Bar]) -> str:
    """An image to screen readers, unless its bars link somewhere: an image's insides are hidden from them, so
    a chart of links is a group, each link named by its bar ("按时备案: 28") and reached with the Tab key."""
    return "group" if any(bar.url for bar in bars) else "img"


def _chart(
    bars: Sequence[Bar], bodies: Sequence[str], *, label: str, width: int, height: int, font: int, axis: str = ""
) -> SafeString:
    """The chart's ``<svg>``: an optional axis, then each bar's shapes (``bodies``) linked to its agencies."""
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" role="{_role(bars)}" '
        f'aria-label="{escape(label)}" class="chart" {FONT} font-size="{font}">{axis}'
    ]
    for bar, body in zip(bars, bodies, strict=True):
        parts.append(_link(bar.url, body, f"{bar.label}: {_number(bar.value)}"))
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every dynamic piece above is escaped


def _fill(bar: Bar) -> str:
    return f'fill="{COLORS.get(bar.color, COLORS["blue"])}"'


def _value(bar: Bar, x: str, y: float, anchor: str = "") -> str:
    """The bar's number, in bold."""
    return f'<text x="{x}" y="{y}"{anchor} font-weight="bold" fill="#212529">{escape(_number(bar.value))}</text>'


def bar_chart(bars: Sequence[Bar], *, label: str, width: int = 640, label_width: int = 250) -> SafeString:
    """Horizontal bars, one line each: the label on the left, the bar, its number at the bar's end."""
    row, font = 52, 24
    height = max(len(bars), 1) * row + 8
    # Long labels (领导干部和国家工作人员学法) take room from the bars, up to a little under half the chart.
    longest = max((_text_width(bar.label, font) for bar in bars), default=0)
    label_width = max(label_width, min(round(longest) + 12, width * 45 // 100))
    largest = max((bar.value for bar in bars), default=0) or 1
    room = width - label_width - 110
    bodies = []
    for index, bar in enumerate(bars):
        top = index * row + 6
        length = round(room * bar.value / largest) if bar.value else 0
        middle = top + row / 2 - 4
        bodies.append(
            f'<text x="{label_width - 12}" y="{middle + 8}" text-anchor="end" fill="#212529"'
            f"{_fitted(bar.label, label_width - 12, font)}>{escape(bar.label)}</text>"
            f'<rect x="{label_width}" y="{top + 4}" width="{max(length, 2)}" height="{row - 16}" rx="4" {_fill(bar)}>'
            "</rect>" + _value(bar, f"{label_width + max(length, 2) + 10}", middle + 8)
        )
    return _chart(bars, bodies, label=label, width=width, height=height, font=font)


def column_chart(bars: Sequence[Bar], *, label: str, width: int = 900, height: int = 380) -> SafeString:
    """Vertical columns (months of the year): the number above each column, the label below it."""
    font, bottom, top_room = 22, 44, 40
    count = max(len(bars), 1)
    slot = width / count
    room = height - bottom - top_room
    largest = max((bar.value for bar in bars), default=0) or 1
    axis = f'<line x1="0" y1="{height - bottom}" x2="{width}" y2="{height - bottom}" stroke="#adb5bd"></line>'
    bodies = []
    for index, bar in enumerate(bars):
        length = round(room * bar.value / largest) if bar.value else 0
        x = index * slot + slot * 0.15
        column_width = slot * 0.7
        y = height - bottom - length
        centre = x + column_width / 2
        bodies.append(
            f'<rect x="{x:.1f}" y="{y}" width="{column_width:.1f}" height="{max(length, 1)}" rx="3" {_fill(bar)}>'
            "</rect>"
            + _value(bar, f"{centre:.1f}", y - 8, ' text-anchor="middle"')
            + f'<text x="{centre:.1f}" y="{height - 12}" text-anchor="middle" fill="#212529"'
            f"{_fitted(bar.label, slot * 0.95, font)}>{escape(bar.label)}</text>"
        )
    return _chart(bars, bodies, label=label, width=width, height=height, font=font, axis=axis)
