"""The report's one chart: each checklist item's progress as a bar, drawn with Pillow into a PNG.

The picture holds only digits (Pillow's built-in font has no Chinese, and the server needs no CJK font); the
Chinese caption under it in the document says what the bars are. The percentages are ``ItemProgress``'s own
(``activity_percent``, ``people_percent``), so the chart says what the progress page says.
"""

from __future__ import annotations

import io

from PIL import Image, ImageDraw, ImageFont

from activities.selectors import ItemProgress

MET_COLOUR = (46, 125, 50)
SHORT_COLOUR = (230, 124, 0)
AXIS_COLOUR = (90, 90, 90)
SCALE = 2  # drawn at twice the size: sharp when printed


def item_progress_png(items: list[ItemProgress]) -> bytes:
    """One bar per item (numbered as in the report): the lower of its activity and people percentages, green
    when the item is met, orange when not."""
    width, height = 900 * SCALE, 360 * SCALE
    left, right, top, bottom = 70 * SCALE, 20 * SCALE, 32 * SCALE, 50 * SCALE
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=14 * SCALE)
    plot_height = height - top - bottom
    for percent in (0, 50, 100):
        y = top + plot_height * (100 - percent) / 100
        draw.line([(left, y), (width - right, y)], fill=(220, 220, 220), width=SCALE)
        draw.text((left - 8 * SCALE, y), f"{percent}%", fill=AXIS_COLOUR, font=font, anchor="rm")
    draw.line([(left, top), (left, top + plot_height)], fill=AXIS_COLOUR, width=SCALE)
    slot = (width - left - right) / max(1, len(items))
    bar = min(slot * 0.6, 80 * SCALE)
    for index, progress in enumerate(items):
        percent = min(progress.activity_percent, progress.people_percent)
        x = left + slot * index + (slot - bar) / 2
        y = top + plot_height * (100 - percent) / 100
        colour = MET_COLOUR if progress.met else SHORT_COLOUR
        if percent:
            draw.rectangle([(x, y), (x + bar, top + plot_height)], fill=colour)
        draw.text((x + bar / 2, y - 4 * SCALE), f"{percent}%", fill=AXIS_COLOUR, font=font, anchor="md")
        draw.text(
            (x + bar / 2, top + plot_height + 8 * SCALE), str(index + 1), fill=AXIS_COLOUR, font=font, anchor="ma"
        )
    output = io.BytesIO()
    image.save(output, "PNG", optimize=True)
    return output.getvalue()
