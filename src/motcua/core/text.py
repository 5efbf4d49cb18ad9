"""Vietnamese text helpers: NFC normalisation and a diacritics-free search key."""

import unicodedata

_SPECIAL = str.maketrans({"đ": "d", "Đ": "d"})


def nfc(value: str) -> str:
    """Text as stored: NFC (some keyboards send decomposed Vietnamese), surrounding space removed."""
    if value.isascii():  # ASCII is its own NFC (and most codes, names of officers and notes are)
        return value.strip()
    return unicodedata.normalize("NFC", value).strip()


def search_key(value: str) -> str:
    """Lower case, without diacritics, single-spaced: 'Đăng  ký Khai sinh' -> 'dang ky khai sinh'."""
    decomposed = unicodedata.normalize("NFD", value.translate(_SPECIAL))
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return " ".join(stripped.lower().split())


def small_number(value: str | None, *, digits: int = 9) -> int | None:
    """A whole number typed into an address or a hidden field: ASCII digits only (str.isdigit() also accepts
    "²" and "١", which int() refuses or reads), at most `digits` of them (int() refuses thousands); else None."""
    if not value or len(value) > digits or not (value.isascii() and value.isdigit()):
        return None
    return int(value)
