import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from hypothesis import given, settings
from hypothesis import strategies as st

from motcua.organization.models import AdministrativeUnit, Agency
from tests.factories.organization import AgencyFactory, CounterFactory, ProvinceFactory


def agency(**fields) -> Agency:
    """An unsaved agency with valid defaults (clean() needs no database)."""
    values = {"code": "HN.STP", "name": "Sở Tư pháp", "kind": Agency.Kind.DEPARTMENT}
    return Agency(**{**values, **fields})


def test_the_default_working_hours_are_8_to_12_and_13_to_17_monday_to_friday():
    a = agency()
    a.clean()
    assert [(s.isoformat("minutes"), e.isoformat("minutes")) for s, e in a.working_period_times()] == [
        ("08:00", "12:00"),
        ("13:00", "17:00"),
    ]
    assert a.working_weekdays == [0, 1, 2, 3, 4]


@pytest.mark.parametrize(
    "periods",
    [
        [["08:00", "12:00"], ["11:30", "17:00"]],  # overlapping
        [["13:00", "17:00"], ["08:00", "12:00"]],  # out of order
        [["12:00", "08:00"]],  # ends before it starts
        [["08:00", "08:00"]],  # empty
        [],
        [["8h", "12h"]],
        [["08:00"]],
        "08:00-17:00",
    ],
)
def test_invalid_working_periods_are_refused_with_a_message_on_the_field(periods):
    with pytest.raises(ValidationError) as raised:
        agency(working_periods=periods).clean()
    assert "working_periods" in raised.value.message_dict


def test_a_saturday_morning_shift_is_accepted():
    agency(working_periods=[["07:30", "11:30"]], working_weekdays=[5]).clean()


@pytest.mark.parametrize("weekdays", [[7], [-1], ["Mon"], "0,1,2"])
def test_working_weekdays_must_be_0_to_6(weekdays):
    with pytest.raises(ValidationError) as raised:
        agency(working_weekdays=weekdays).clean()
    assert "working_weekdays" in raised.value.message_dict


@settings(max_examples=150)
@given(
    st.lists(st.tuples(st.integers(0, 23 * 60 + 59), st.integers(0, 23 * 60 + 59)), min_size=1, max_size=4)
)
def test_working_periods_are_accepted_exactly_when_increasing_and_disjoint(minute_pairs):
    periods = [[f"{s // 60:02d}:{s % 60:02d}", f"{e // 60:02d}:{e % 60:02d}"] for s, e in minute_pairs]
    valid = all(s < e for s, e in minute_pairs) and all(
        minute_pairs[i][1] <= minute_pairs[i + 1][0] for i in range(len(minute_pairs) - 1)
    )
    if valid:
        agency(working_periods=periods).clean()
    else:
        with pytest.raises(ValidationError):
            agency(working_periods=periods).clean()


@pytest.mark.parametrize("code", ["HN.STP", "000.00.04.H26", "HN.00070.TTPV"])
def test_agency_codes_fit_into_dossier_codes(code):
    agency(code=code).full_clean(exclude=["administrative_unit"], validate_unique=False)


@pytest.mark.parametrize("code", ["HN-STP", "hn.stp", ".STP", "HN STP", "A" * 31])
def test_agency_codes_with_hyphens_lower_case_or_spaces_are_refused(code):
    with pytest.raises(ValidationError) as raised:
        agency(code=code).full_clean(exclude=["administrative_unit"], validate_unique=False)
    assert "code" in raised.value.message_dict


def test_a_province_has_no_parent_and_a_commune_must_have_one():
    hanoi = AdministrativeUnit(code="01", name="Thành phố Hà Nội", level=AdministrativeUnit.Level.PROVINCE)
    hanoi.clean()
    with pytest.raises(ValidationError):
        AdministrativeUnit(code="00070", name="Phường Hoàn Kiếm", level=AdministrativeUnit.Level.WARD).clean()
    hanoi.pk = 1
    AdministrativeUnit(
        code="00070", name="Phường Hoàn Kiếm", level=AdministrativeUnit.Level.WARD, parent=hanoi
    ).clean()
    with pytest.raises(ValidationError):
        AdministrativeUnit(
            code="02", name="Tỉnh khác", level=AdministrativeUnit.Level.PROVINCE, parent=hanoi
        ).clean()


@pytest.mark.django_db
def test_counter_numbers_are_unique_within_an_agency_only():
    first, second = AgencyFactory(), AgencyFactory()
    CounterFactory(agency=first, code="Q01")
    CounterFactory(agency=second, code="Q01")
    with pytest.raises(IntegrityError):
        CounterFactory(agency=first, code="Q01")


@pytest.mark.django_db
def test_agency_shows_its_english_name_in_english():
    from django.utils import translation

    a = AgencyFactory(
        name="Sở Tư pháp", name_en="Department of Justice", administrative_unit=ProvinceFactory()
    )
    with translation.override("en"):
        assert str(a) == "Department of Justice"
    with translation.override("vi"):
        assert str(a) == "Sở Tư pháp"
