"""Search is insensitive to Vietnamese diacritics and case, and ranks name matches first.

These tests run on whichever database is configured (SQLite by default, PostgreSQL with DATABASE_URL).
"""

import unicodedata

import pytest
from django.db import connection

from motcua.catalog.selectors import procedures_search
from motcua.catalog.services import procedure_publish_content
from tests.factories.catalog import SectorFactory, version_content
from tests.factories.organization import AgencyFactory

pytestmark = pytest.mark.django_db


def _publish(code, name, name_en="", sector=None, **fields):
    sector = sector or SectorFactory(code="HT", name="Hộ tịch", name_en="Civil status")
    procedure, _ = procedure_publish_content(
        code=code, sector=sector, content=version_content(name=name, name_en=name_en, **fields)
    )
    return procedure


@pytest.fixture
def civil_status_catalog():
    # Created in an order that would put birth registration last if ranking did nothing.
    _publish("1.001", "Đăng ký khai sinh có yếu tố nước ngoài", "Birth registration with a foreign element")
    _publish("1.002", "Đăng ký lại khai sinh", "Re-registration of a birth")
    _publish("1.003", "Đăng ký khai sinh kết hợp nhận cha, mẹ, con", "Birth registration with recognition")
    _publish(
        "1.004",
        "Cấp bản sao trích lục hộ tịch",
        "Copy of a civil status extract",
        description="Bản sao giấy khai sinh",
    )
    _publish("1.005", "Đăng ký kết hôn", "Marriage registration")
    _publish("1.006", "Đăng ký khai tử", "Death registration")
    _publish(
        "2.001",
        "Đăng ký thường trú",
        "Permanent residence registration",
        sector=SectorFactory(code="CT", name="Đăng ký, quản lý cư trú", name_en="Residence"),
    )
    return _publish("1.000", "Đăng ký khai sinh", "Birth registration")


def _codes(query, **filters):
    return [p.code for p in procedures_search(query=query, **filters)]


@pytest.mark.parametrize(
    "query",
    ["dang ky khai sinh", "ĐĂNG KÝ KHAI SINH", "khai sinh", "  Đăng   ký Khai sinh ", "Birth registration"],
)
def test_birth_registration_comes_first(civil_status_catalog, query):
    found = _codes(query)
    assert found[0] == civil_status_catalog.code, found
    assert "1.005" not in found and "2.001" not in found


def test_decomposed_unicode_input_is_folded_too(civil_status_catalog):
    # Some keyboards send decomposed Vietnamese (NFD).
    assert _codes(unicodedata.normalize("NFD", "Đăng ký khai sinh"))[0] == civil_status_catalog.code


def test_name_matches_rank_before_sector_matches(civil_status_catalog):
    # "ho tich" is the sector of everything above but the name of only one procedure.
    found = _codes("ho tich")
    assert found[0] == "1.004"
    assert set(found) >= {"1.000", "1.005", "1.006"}
    assert "2.001" not in found


def test_every_word_must_match_somewhere(civil_status_catalog):
    assert _codes("khai sinh xay dung") == []
    found = _codes("ket hon")
    # PostgreSQL may add close spellings ("ket hop") after the exact match.
    assert found[0] == "1.005"
    assert found == ["1.005"] or connection.vendor == "postgresql"


def test_filters_combine_with_the_query(civil_status_catalog):
    assert _codes("", sector="CT") == ["2.001"]
    assert _codes("dang ky", sector="CT") == ["2.001"]
    assert _codes("", level="province") == []
    assert len(_codes("", level="commune")) == 8


def test_online_filter(civil_status_catalog):
    _publish("3.001", "Cấp phép xây dựng", channels=["counter"], online_level="none")
    assert _codes("", online="none") == ["3.001"]
    assert "3.001" not in _codes("", online="yes")
    assert "3.001" not in _codes("", online="full")


def test_agency_filter_covers_named_agency_and_agency_kind(civil_status_catalog):
    department = AgencyFactory(kind="department")
    _publish(
        "4.001",
        "Cấp giấy phép lái xe",
        competent_agency=department,
        competent_agency_kind="",
        authority_level="province",
    )
    assert _codes("", agency=department) == ["4.001"]
    commune = AgencyFactory(kind="commune_committee")
    assert "1.000" in _codes("", agency=commune) and "4.001" not in _codes("", agency=commune)


def test_agency_name_is_searchable(civil_status_catalog):
    department = AgencyFactory(kind="department", name="Sở Xây dựng", name_en="Department of Construction")
    _publish("4.002", "Cấp giấy phép xây dựng", competent_agency=department, competent_agency_kind="")
    assert _codes("so xay dung") == ["4.002"]


def test_close_spellings_on_postgresql_only(civil_status_catalog):
    found = _codes("dang ki khai sinh")
    if connection.vendor == "postgresql":
        # pg_trgm word similarity: found, but after every exact match.
        assert civil_status_catalog.code in found
        assert _codes("dang ky khai sinh")[0] == civil_status_catalog.code
    else:
        assert found == []
