"""The dashboard's SVG charts as PNG pictures for a .docx (Word and WPS take no SVG), converted with CairoSVG.

CairoSVG draws text with the first family of ``font-family`` only, and the dashboard names fonts a browser may
have (Noto Sans CJK SC, Microsoft YaHei …): the picture is drawn with the server's CJK font instead
(``settings.PUFFA_CJK_FONT``), which must be installed, or the Chinese labels come out as empty boxes.
"""

from __future__ import annotations

from django.conf import settings

from ..dashboard.charts import FONT

WIDTH = 1600  # pixels: sharp at 150 mm wide when printed


def chart_png(svg: str) -> bytes:
    import cairosvg  # loads libcairo: only the worker that writes a district report needs it, not `make dev`'s pages

    font = f'font-family="{settings.PUFFA_CJK_FONT}"'
    return cairosvg.svg2png(bytestring=svg.replace(FONT, font).encode(), output_width=WIDTH, unsafe=False)
