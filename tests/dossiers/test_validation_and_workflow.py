from datetime import date

import pytest

from motcua.core.errors import ActionNotAllowed, PermissionDenied, ValidationFailed
from motcua.dossiers.models import Dossier, Status
from motcua.dossiers.validation import normalize_phone, validate_personal_id
from motcua.dossiers.workflow import FROM_STATES, Action, allowed_actions, ensure_allowed
from tests.factories.dossiers import setup_procedure, submit_online


@pytest.mark.parametrize(
    ("value", "birth", "sex"),
    [
        ("001090012345", date(1990, 1, 1), "male"),
        ("079301012345", date(2001, 6, 1), "female"),
        ("001 0900 12345", None, None),
    ],
)
def test_valid_personal_ids(value, birth, sex):
    assert validate_personal_id(value, birth_date=birth, sex=sex) == value.replace(" ", "")


@pytest.mark.parametrize(
    ("value", "birth", "sex", "code"),
    [
        ("12345678", None, None, "invalid_personal_id"),  # the old 9-digit card
        ("003090012345", None, None, "invalid_personal_id"),  # 003 is no province code
        ("001090012345", date(1991, 1, 1), None, "personal_id_birth_year_mismatch"),
        ("001290012345", date(1990, 1, 1), None, "personal_id_birth_year_mismatch"),  # 2 = born in the 2000s
        ("001090012345", None, "female", "personal_id_sex_mismatch"),
    ],
)
def test_invalid_personal_ids(value, birth, sex, code):
    with pytest.raises(ValidationFailed) as failed:
        validate_personal_id(value, birth_date=birth, sex=sex)
    assert failed.value.code == code


@pytest.mark.parametrize(
    ("value", "e164"),
    [
        ("0912345678", "+84912345678"),
        ("+84 912 345 678", "+84912345678"),
        ("024.3825.1234", "+842438251234"),
        ("84388123456", "+84388123456"),
    ],
)
def test_phones_stored_in_e164(value, e164):
    assert normalize_phone(value) == e164


@pytest.mark.parametrize("value", ["0123456789", "091234567", "02438251", "+1 202 555 0100", "abc"])
def test_invalid_phones(value):
    with pytest.raises(ValidationFailed):
        normalize_phone(value)


def test_every_state_has_an_exit_or_is_terminal():
    reachable_from = {state for states in FROM_STATES.values() for state in states}
    terminal = set(Status.values) - reachable_from
    assert terminal == {Status.RETURNED, Status.REFUSED, Status.STOPPED, Status.WITHDRAWN}


@pytest.mark.django_db
def test_who_may_do_what_on_a_submitted_dossier():
    setup = setup_procedure()
    dossier = Dossier.objects.get(pk=submit_online(setup).pk)
    assert allowed_actions(dossier, setup.officer) == [
        Action.RECEIVE,
        Action.REQUEST_COMPLETION,
        Action.REFUSE,
    ]
    assert allowed_actions(dossier, setup.applicant) == [Action.WITHDRAW]
    assert allowed_actions(dossier, setup.specialist) == []
    assert allowed_actions(dossier, setup.inspector) == []
    with pytest.raises(PermissionDenied):
        ensure_allowed(dossier, Action.RESOLVE, setup.specialist)
    with pytest.raises(ActionNotAllowed):
        ensure_allowed(
            dossier, Action.RESOLVE, setup.leader
        )  # a leader may resolve, but not from "submitted"
