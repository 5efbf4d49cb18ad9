"""Numbers as the pages print them, in the language of the request ("95,5%" in Vietnamese, "95.5%" in English)."""

from __future__ import annotations

from django.utils.formats import number_format
from django.utils.translation import get_language


def percent_text(share: float | None, *, empty: str = "—") -> str:
    """A share 0-1 as a percent with one decimal; `empty` for nothing to judge."""
    if share is None:
        return empty
    return f"{number_format(round(100 * share, 1), decimal_pos=1)}%"


def points_text(points: float | None, *, empty: str = "—") -> str:
    """Index points with up to two decimals, trailing zeros dropped."""
    if points is None:
        return empty
    text = number_format(round(points, 2), decimal_pos=2)
    return text.rstrip("0").rstrip(".,") if any(sep in text for sep in ".,") else text


def count_text(n: int) -> str:
    """Thousands grouped: "12.345" in Vietnamese, "12,345" in English."""
    text = f"{n:,}"
    return text if (get_language() or "vi")[:2] == "en" else text.replace(",", ".")


def localized_name(entry: dict | object | None, *, empty: str = "—") -> str:
    """The `name_en` of a definition entry (a band, a group) in English, else its `name_vi`."""
    if entry is None:
        return empty
    english = (get_language() or "vi")[:2] == "en"
    get = entry.get if isinstance(entry, dict) else lambda key: getattr(entry, key)
    return get("name_en") if english else get("name_vi")
