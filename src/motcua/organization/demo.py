"""Sample organization for the demo: Hanoi after the 1 July 2025 reorganisation (city + 126 communes/wards).

Administrative unit codes are the official ones: the city is "01" and the commune/ward codes come from the
list of new commune-level units published by the General Statistics Office (Official Letter
1027/CTK-CSCL of 25 June 2025, the list later issued with Decision 19/2025/QĐ-TTg). Twenty of the 126 units
are loaded; the agency names are the real ones; addresses and phones are left empty (not invented).

Agency codes (they start every dossier code, `<agency code>-<YYMMDD>-<NNNN>`) follow one readable scheme,
upper-case letters, digits and dots, never a hyphen:
- city level: `HN.<abbreviation>`, e.g. `HN.TTPVHCC` (service centre), `HN.STP` (Sở Tư pháp);
- commune level: `HN.<unit code>.<UBND|TTPV>`, e.g. `HN.00070.TTPV` (service centre of Phường Hoàn Kiếm).
Real deployments may use the national codes (e.g. "000.00.04.H26"); the scheme is data, not code.

Every agency names the one-stop section that receives its dossiers (DOMAIN.md §3.3): the city's departments,
vertical agencies and the two public-service providers of Hanoi's one-stop pilots (a public service unit and a
state enterprise) are served by the city centre HN.TTPVHCC, each commune People's Committee by its commune's
centre; a centre serves itself.

Idempotent: everything is created or updated by its code.
"""

from __future__ import annotations

from .models import AdministrativeUnit, Agency, Counter

CITY_CODE = "01"
CITY_NAME = "Thành phố Hà Nội"
PREFIX = "HN"

CITY_COMMITTEE = ("HN.UBND", "Ủy ban nhân dân thành phố Hà Nội", "Hanoi People's Committee")
CITY_CENTRE = (
    "HN.TTPVHCC",
    "Trung tâm Phục vụ hành chính công thành phố Hà Nội",
    "Hanoi Public Administration Service Centre",
)
DEPARTMENTS = [
    ("HN.STP", "Sở Tư pháp", "Department of Justice"),
    ("HN.SXD", "Sở Xây dựng", "Department of Construction"),
    ("HN.SNNMT", "Sở Nông nghiệp và Môi trường", "Department of Agriculture and Environment"),
    ("HN.STC", "Sở Tài chính", "Department of Finance"),
    ("HN.SNV", "Sở Nội vụ", "Department of Home Affairs"),
    ("HN.SYT", "Sở Y tế", "Department of Health"),
    ("HN.SGDDT", "Sở Giáo dục và Đào tạo", "Department of Education and Training"),
    ("HN.SCT", "Sở Công Thương", "Department of Industry and Trade"),
    ("HN.SKHCN", "Sở Khoa học và Công nghệ", "Department of Science and Technology"),
    ("HN.SVHTT", "Sở Văn hóa và Thể thao", "Department of Culture and Sports"),
]
VERTICAL_AGENCIES = [
    ("HN.CATP", "Công an thành phố Hà Nội", "Hanoi City Police"),
    ("HN.BHXH", "Bảo hiểm xã hội thành phố Hà Nội", "Hanoi Social Insurance"),
]
# Public services delivered through the same one-stop mechanism: (code, name, English name, kind, parent code).
PROVIDERS = [
    (
        "HN.TTDVVL",
        "Trung tâm Dịch vụ việc làm Hà Nội",
        "Hanoi Employment Service Centre",
        Agency.Kind.PUBLIC_SERVICE_UNIT,
        "HN.SNV",
    ),
    (
        "HN.NSHN",
        "Công ty TNHH MTV Nước sạch Hà Nội",
        "Hanoi Clean Water Company",
        Agency.Kind.STATE_ENTERPRISE,
        "HN.UBND",
    ),
]
# (official code, name, level): 20 of the 126 communes and wards in force since 1 July 2025.
COMMUNES = [
    ("00070", "Phường Hoàn Kiếm", AdministrativeUnit.Level.WARD),
    ("00082", "Phường Cửa Nam", AdministrativeUnit.Level.WARD),
    ("00004", "Phường Ba Đình", AdministrativeUnit.Level.WARD),
    ("00008", "Phường Ngọc Hà", AdministrativeUnit.Level.WARD),
    ("00025", "Phường Giảng Võ", AdministrativeUnit.Level.WARD),
    ("00256", "Phường Hai Bà Trưng", AdministrativeUnit.Level.WARD),
    ("00235", "Phường Đống Đa", AdministrativeUnit.Level.WARD),
    ("00226", "Phường Văn Miếu - Quốc Tử Giám", AdministrativeUnit.Level.WARD),
    ("00097", "Phường Hồng Hà", AdministrativeUnit.Level.WARD),
    ("00166", "Phường Cầu Giấy", AdministrativeUnit.Level.WARD),
    ("00103", "Phường Tây Hồ", AdministrativeUnit.Level.WARD),
    ("00367", "Phường Thanh Xuân", AdministrativeUnit.Level.WARD),
    ("00145", "Phường Long Biên", AdministrativeUnit.Level.WARD),
    ("09556", "Phường Hà Đông", AdministrativeUnit.Level.WARD),
    ("09574", "Phường Sơn Tây", AdministrativeUnit.Level.WARD),
    ("09832", "Xã Hoài Đức", AdministrativeUnit.Level.COMMUNE),
    ("00565", "Xã Gia Lâm", AdministrativeUnit.Level.COMMUNE),
    ("00577", "Xã Bát Tràng", AdministrativeUnit.Level.COMMUNE),
    ("00454", "Xã Đông Anh", AdministrativeUnit.Level.COMMUNE),
    ("00376", "Xã Sóc Sơn", AdministrativeUnit.Level.COMMUNE),
]
CITY_COUNTERS = [
    ("Q01", "Quầy 1 - Tư pháp, hộ tịch, quốc tịch", False),
    ("Q02", "Quầy 2 - Đất đai, xây dựng, môi trường", False),
    ("Q03", "Quầy ưu tiên - người cao tuổi, người khuyết tật, phụ nữ mang thai", True),
]
COMMUNE_COUNTERS = [
    ("Q01", "Quầy 1 - Hộ tịch, chứng thực", False),
    ("Q02", "Quầy 2 - Đất đai, xây dựng, kinh doanh", False),
    ("Q03", "Quầy ưu tiên", True),
]


def commune_committee_code(unit_code: str) -> str:
    return f"{PREFIX}.{unit_code}.UBND"


def commune_centre_code(unit_code: str) -> str:
    return f"{PREFIX}.{unit_code}.TTPV"


def _in_running_text(unit_name: str) -> str:
    """'Phường Hoàn Kiếm' -> 'phường Hoàn Kiếm': the unit's kind is lower case inside an agency's name."""
    kind, _, rest = unit_name.partition(" ")
    return f"{kind.lower()} {rest}"


def _english(unit_name: str) -> str:
    kind, _, rest = unit_name.partition(" ")
    return f"{rest} {'Ward' if kind == 'Phường' else 'Commune'}"


def _agency(
    code: str, name: str, name_en: str, kind: str, unit, *, parent=None, receives=False, section=None
) -> Agency:
    agency, _created = Agency.objects.update_or_create(
        code=code,
        defaults={
            "name": name,
            "name_en": name_en,
            "kind": kind,
            "administrative_unit": unit,
            "parent": parent,
            "receives_dossiers": receives,
            "one_stop_section": section,
            "is_active": True,
        },
    )
    return agency


def _served_by(agency: Agency, section: Agency) -> None:
    if agency.one_stop_section_id != section.pk:
        Agency.objects.filter(pk=agency.pk).update(one_stop_section=section)


def _counters(agency: Agency, counters: list[tuple[str, str, bool]]) -> None:
    for code, name, priority in counters:
        Counter.objects.update_or_create(
            agency=agency, code=code, defaults={"name": name, "is_priority": priority, "is_active": True}
        )


def load(*, stdout) -> None:
    city, _ = AdministrativeUnit.objects.update_or_create(
        code=CITY_CODE,
        defaults={"name": CITY_NAME, "level": AdministrativeUnit.Level.PROVINCE, "parent": None},
    )
    committee = Agency.objects.filter(code=CITY_COMMITTEE[0]).first()
    centre = _agency(*CITY_CENTRE, Agency.Kind.SERVICE_CENTRE, city, parent=committee, receives=True)
    committee = _agency(*CITY_COMMITTEE, Agency.Kind.PROVINCIAL_COMMITTEE, city, section=centre)
    if centre.parent_id != committee.pk:  # first load: the committee did not exist yet
        Agency.objects.filter(pk=centre.pk).update(parent=committee)
    _counters(centre, CITY_COUNTERS)
    departments = {}
    for code, name, name_en in DEPARTMENTS:
        departments[code] = _agency(
            code, name, name_en, Agency.Kind.DEPARTMENT, city, parent=committee, section=centre
        )
    for code, name, name_en in VERTICAL_AGENCIES:
        _agency(code, name, name_en, Agency.Kind.VERTICAL_AGENCY, city, section=centre)
    parents = {**departments, committee.code: committee}
    for code, name, name_en, kind, parent_code in PROVIDERS:
        _agency(code, name, name_en, kind, city, parent=parents[parent_code], section=centre)

    for unit_code, unit_name, level in COMMUNES:
        unit, _ = AdministrativeUnit.objects.update_or_create(
            code=unit_code, defaults={"name": unit_name, "level": level, "parent": city}
        )
        where, where_en = _in_running_text(unit_name), _english(unit_name)
        commune_committee = _agency(
            commune_committee_code(unit_code),
            f"Ủy ban nhân dân {where}",
            f"People's Committee of {where_en}",
            Agency.Kind.COMMUNE_COMMITTEE,
            unit,
            section=Agency.objects.filter(code=commune_centre_code(unit_code)).first(),
        )
        commune_centre = _agency(
            commune_centre_code(unit_code),
            f"Trung tâm Phục vụ hành chính công {where}",
            f"Public Administration Service Centre of {where_en}",
            Agency.Kind.SERVICE_CENTRE,
            unit,
            parent=commune_committee,
            receives=True,
        )
        _served_by(commune_committee, commune_centre)
        _counters(commune_centre, COMMUNE_COUNTERS)

    stdout.write(
        f"Tổ chức mẫu: {CITY_NAME}, {len(DEPARTMENTS)} sở, {len(VERTICAL_AGENCIES)} cơ quan ngành dọc, "
        f"{len(PROVIDERS)} đơn vị cung cấp dịch vụ công qua Trung tâm thành phố, "
        f"{len(COMMUNES)} xã/phường (mỗi nơi có UBND và Trung tâm Phục vụ hành chính công), "
        f"{Counter.objects.count()} quầy tiếp nhận."
    )
