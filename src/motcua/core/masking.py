"""Personal data shown to those who do not need it: identification numbers, and the numbers a person typed into
free text that is published."""

from __future__ import annotations

import re


def masked_id(value: str) -> str:
    """An identification number shown to those who do not need it: only its last three digits (everywhere the
    same three, so two screens put together never show more)."""
    return "*" * max(len(value) - 3, 0) + value[-3:] if value else ""


# A run of 9 or more digits (an identification number, a phone number, with or without +84, spaces, dots or
# hyphens between the digits) standing on its own: not part of a code such as a dossier code (TTHCC-260309-0001)
# and not an amount of money ("150.000.000 đồng").
_NUMBER_IN_TEXT = re.compile(
    r"(?<![\w\-+])\+?\d(?:[ .\-]?\d){8,}(?![\w\-])(?!\s?(?:đ|VN[DĐ]))", re.IGNORECASE
)


def masked_numbers_in_text(text: str) -> str:
    """Free text made fit to publish: in every identification or phone number typed in it, each digit but the
    last three becomes "*" (the separators stay, so the text still reads as a number)."""

    def masked(match: re.Match) -> str:
        number = match.group()
        keep = len(number) - 3
        return "".join("*" if ch.isdigit() and i < keep else ch for i, ch in enumerate(number))

    return _NUMBER_IN_TEXT.sub(masked, text or "")
