"""Vietnamese identity and contact data (UX.md "Vietnamese conventions"), for dossiers and accounts alike.

Errors name the field they concern (`field`, in `details`), so each form shows them beside its own field."""

from __future__ import annotations

import re
from datetime import date

from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.core.errors import ValidationFailed


class Sex(models.TextChoices):
    MALE = "male", _("Nam")
    FEMALE = "female", _("Nữ")


# Province codes of birth registration used in personal identification numbers (Circular 59/2021/TT-BCA).
PROVINCE_CODES = frozenset(
    [
        "001",
        "002",
        "004",
        "006",
        "008",
        "010",
        "011",
        "012",
        "014",
        "015",
        "017",
        "019",
        "020",
        "022",
        "024",
        "025",
        "026",
        "027",
        "030",
        "031",
        "033",
        "034",
        "035",
        "036",
        "037",
        "038",
        "040",
        "042",
        "044",
        "045",
        "046",
        "048",
        "049",
        "051",
        "052",
        "054",
        "056",
        "058",
        "060",
        "062",
        "064",
        "066",
        "067",
        "068",
        "070",
        "072",
        "074",
        "075",
        "077",
        "079",
        "080",
        "082",
        "083",
        "084",
        "086",
        "087",
        "089",
        "091",
        "092",
        "093",
        "094",
        "095",
        "096",
    ]
)
# The century digit: 0/1 = 1900s male/female, 2/3 = 2000s, 4/5 = 2100s, 6/7 = 2200s, 8/9 = 1800s.
_CENTURY = {0: 1900, 1: 1900, 2: 2000, 3: 2000, 4: 2100, 5: 2100, 6: 2200, 7: 2200, 8: 1800, 9: 1800}


def _fail(field: str, vi: str, en: str, code: str) -> ValidationFailed:
    return ValidationFailed(vi, en, code=code, details={field: [vi]})


def validate_personal_id(
    value: str,
    *,
    birth_date: date | None = None,
    sex: str | None = None,
    field: str = "applicant_personal_id",
) -> str:
    """The 12-digit personal identification number, checked against the date of birth and sex when given."""
    digits = (value or "").strip().replace(" ", "")
    if not re.fullmatch(r"\d{12}", digits):
        raise _fail(
            field,
            "Nhập số định danh cá nhân gồm 12 chữ số.",
            "Enter the 12-digit personal identification number.",
            "invalid_personal_id",
        )
    if digits[:3] not in PROVINCE_CODES:
        raise _fail(
            field,
            "Ba chữ số đầu của số định danh cá nhân không phải mã tỉnh, thành phố nơi đăng ký khai sinh.",
            "The first three digits are not a province code of birth registration.",
            "invalid_personal_id",
        )
    marker = int(digits[3])
    year = _CENTURY[marker] + int(digits[4:6])
    if birth_date is not None and birth_date.year != year:
        raise _fail(
            field,
            "Số định danh cá nhân không khớp với năm sinh.",
            "The personal identification number does not match the year of birth.",
            "personal_id_birth_year_mismatch",
        )
    if sex and ("female" if marker % 2 else "male") != sex:
        raise _fail(
            field,
            "Số định danh cá nhân không khớp với giới tính.",
            "The personal identification number does not match the sex.",
            "personal_id_sex_mismatch",
        )
    return digits


_MOBILE = re.compile(r"0[35789]\d{8}")
_LANDLINE = re.compile(r"02\d{9}")


def normalize_phone(value: str, *, field: str = "applicant_phone", mobile_only: bool = False) -> str:
    """A Vietnamese mobile (10 digits, 03/05/07/08/09) or landline (11 digits, 02), in E.164 (+84...);
    `mobile_only` refuses landlines (a number that must receive text messages)."""
    raw = re.sub(r"[\s.\-()]", "", value or "")
    national = (
        "0" + raw[3:]
        if raw.startswith("+84")
        else ("0" + raw[2:] if raw.startswith("84") and len(raw) in (11, 12) else raw)
    )
    if mobile_only and not _MOBILE.fullmatch(national):
        raise _fail(
            field,
            "Nhập số điện thoại di động gồm 10 chữ số, bắt đầu bằng 03, 05, 07, 08 hoặc 09 (hoặc +84 và 9 chữ số).",
            "Enter a 10-digit mobile number starting 03, 05, 07, 08 or 09 (or +84 and 9 digits).",
            "invalid_mobile",
        )
    if not (_MOBILE.fullmatch(national) or _LANDLINE.fullmatch(national)):
        raise _fail(
            field,
            "Nhập số điện thoại di động 10 chữ số (bắt đầu bằng 03, 05, 07, 08, 09) hoặc số cố định 11 chữ số "
            "(bắt đầu bằng 02).",
            "Enter a 10-digit mobile number (starting 03, 05, 07, 08 or 09) or an 11-digit landline (starting 02).",
            "invalid_phone",
        )
    # Both patterns are national numbers with the trunk 0: E.164 replaces it with the country code.
    return "+84" + national[1:]
