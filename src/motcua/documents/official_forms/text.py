"""How the forms print moments, dates, places and names (UX.md: dd/mm/yyyy, "14 giờ 30", names in capitals)."""

from __future__ import annotations

from datetime import datetime

from motcua.core import clock
from motcua.organization.models import AdministrativeUnit, Agency

BLANK = "…………"  # printed where a form's field has no value, as on the paper forms


def clock_time(moment: datetime | None) -> str:
    """`14 giờ 30` (`09 giờ 05`), local time."""
    if moment is None:
        return BLANK
    local = clock.to_local(moment)
    return f"{local.hour:02d} giờ {local.minute:02d}"


def day(moment: datetime | None) -> str:
    """`05/12/2026`, the local date."""
    if moment is None:
        return BLANK
    return f"{clock.to_local(moment):%d/%m/%Y}"


def moment_text(moment: datetime | None) -> str:
    """`14 giờ 30, ngày 05/12/2026`: how a form prints an appointment or a moment."""
    if moment is None:
        return BLANK
    return f"{clock_time(moment)}, ngày {day(moment)}"


def short_moment(moment: datetime | None) -> str:
    """`14:30 05/12/2026`: a moment in a table cell."""
    if moment is None:
        return ""
    return f"{clock.to_local(moment):%H:%M %d/%m/%Y}"


def place_and_date(agency: Agency, moment: datetime) -> str:
    """`Hà Nội, ngày 05 tháng 12 năm 2026`: the line above a form's title, the place being the agency's province."""
    local = clock.to_local(moment)
    return f"{province_name(agency)}, ngày {local:%d} tháng {local:%m} năm {local:%Y}"


_PROVINCE_PREFIXES = ("Thành phố ", "Tỉnh ")


def province_name(agency: Agency) -> str:
    unit = agency.administrative_unit
    while unit.parent_id is not None and unit.level != AdministrativeUnit.Level.PROVINCE:
        unit = unit.parent
    name = unit.name
    for prefix in _PROVINCE_PREFIXES:
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


def capitals(text: str) -> str:
    """Names as the forms print them: `NGUYỄN VĂN AN` (str.upper knows Vietnamese letters: đ -> Đ)."""
    return (text or "").upper()


def dong(amount: int) -> str:
    """`1.500.000 đồng`: money as the forms print it, dot thousands."""
    return f"{int(amount):,}".replace(",", ".") + " đồng"
