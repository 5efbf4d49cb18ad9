"""Bar charts as geometry for server-rendered SVG: the template draws rectangles and text from these numbers.

No style attributes (the Content-Security-Policy forbids inline styles): positions and sizes are SVG geometry
attributes, colours are classes in the stylesheet. The drawing is in viewBox units; the SVG scales to its box.
Every chart has a text table beside it on the page: the chart repeats the table for the eye.
"""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class Datum:
    label: str
    value: float | None  # None: nothing to show (no bar; the value text says why)
    value_text: str
    css: str = ""
    sublabel: str = ""  # a second line under the label (the year under January)


@dataclass(frozen=True)
class Bar:
    label: str
    value_text: str
    css: str
    x: float
    y: float
    width: float
    height: float
    label_x: float
    label_y: float
    value_x: float
    value_y: float
    sublabel: str = ""
    sublabel_y: float = 0


@dataclass(frozen=True)
class Gridline:
    label: str
    x1: float
    y1: float
    x2: float
    y2: float
    label_x: float
    label_y: float


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    bars: list[Bar]
    grid: list[Gridline]
    horizontal: bool


def nice_ceiling(value: float) -> float:
    """The smallest of 1, 2, 2.5, 5 x 10^n at or above `value` (1 for nothing), so that axis labels are round."""
    if value <= 0:
        return 1
    power = 10 ** math.floor(math.log10(value))
    return next(step * power for step in (1, 2, 2.5, 5, 10) if step * power >= value)


WIDTH = 400


def column_chart(data: list[Datum], *, maximum: float, grid: list[tuple[float, str]]) -> Chart:
    """Vertical bars (months along the bottom); `grid` as (value, label) lines across."""
    height, left, top, bottom = 210, 40, 14, 170
    slot = (WIDTH - left - 4) / max(1, len(data))
    bar_width = slot * 0.64
    scale = (bottom - top) / (maximum or 1)
    bars = []
    for i, datum in enumerate(data):
        size = 0.0 if datum.value is None else min(datum.value, maximum) * scale
        x = left + i * slot + (slot - bar_width) / 2
        bars.append(
            Bar(
                label=datum.label,
                value_text=datum.value_text,
                css=datum.css,
                x=round(x, 1),
                y=round(bottom - size, 1),
                width=round(bar_width, 1),
                height=round(size, 1),
                label_x=round(x + bar_width / 2, 1),
                label_y=bottom + 16,
                value_x=round(x + bar_width / 2, 1),
                value_y=round(bottom - size - 3, 1),
                sublabel=datum.sublabel,
                sublabel_y=bottom + 32,
            )
        )
    lines = [
        Gridline(
            label=label,
            x1=left,
            y1=round(bottom - value * scale, 1),
            x2=WIDTH - 4,
            y2=round(bottom - value * scale, 1),
            label_x=left - 4,
            label_y=round(bottom - value * scale + 4, 1),
        )
        for value, label in grid
    ]
    return Chart(width=WIDTH, height=height, bars=bars, grid=lines, horizontal=False)


def row_chart(data: list[Datum], *, maximum: float, grid: list[tuple[float, str]]) -> Chart:
    """Horizontal bars, one row per datum (agencies down the side), `grid` as (value, label) lines down."""
    row, left, right, top = 26, 84, WIDTH - 52, 18
    height = top + row * len(data) + 4
    scale = (right - left) / (maximum or 1)
    bars = []
    for i, datum in enumerate(data):
        size = 0.0 if datum.value is None else min(datum.value, maximum) * scale
        y = top + i * row + 4
        bars.append(
            Bar(
                label=datum.label,
                value_text=datum.value_text,
                css=datum.css,
                x=left,
                y=y,
                width=round(size, 1),
                height=row - 8,
                label_x=left - 6,
                label_y=y + 13,
                value_x=round(left + size + 4, 1),
                value_y=y + 13,
            )
        )
    lines = [
        Gridline(
            label=label,
            x1=round(left + value * scale, 1),
            y1=top - 2,
            x2=round(left + value * scale, 1),
            y2=height - 4,
            label_x=round(left + value * scale, 1),
            label_y=top - 6,
        )
        for value, label in grid
    ]
    return Chart(width=WIDTH, height=height, bars=bars, grid=lines, horizontal=True)
