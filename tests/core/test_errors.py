import pytest
from django.utils import translation

from motcua.core.errors import (
    ActionNotAllowed,
    ApplicationError,
    Conflict,
    NotAuthenticated,
    NotFound,
    PermissionDenied,
    StaleVersion,
    ValidationFailed,
)


@pytest.mark.parametrize(
    ("error", "status", "code"),
    [
        (ValidationFailed, 400, "validation_failed"),
        (NotAuthenticated, 401, "not_authenticated"),
        (PermissionDenied, 403, "permission_denied"),
        (NotFound, 404, "not_found"),
        (Conflict, 409, "conflict"),
        (ActionNotAllowed, 409, "action_not_allowed"),
        (StaleVersion, 409, "stale_version"),
    ],
)
def test_each_error_has_its_status_code_and_messages_in_both_languages(error, status, code):
    exc = error()
    assert (exc.status_code, exc.code) == (status, code)
    assert exc.message("vi") == error.default_message_vi
    assert exc.message("en") == error.default_message_en
    assert exc.message_vi != exc.message_en


def test_the_message_follows_the_active_language():
    exc = StaleVersion()
    with translation.override("en"):
        assert exc.as_dict() == {
            "code": "stale_version",
            "message": "The dossier was just changed by someone else. Reload and try again.",
            "details": None,
        }
    with translation.override("vi"):
        assert exc.as_dict()["message"].startswith("Hồ sơ vừa được người khác cập nhật")
    assert exc.message("en-gb") == exc.message_en


def test_a_specific_error_carries_its_own_code_messages_and_details():
    exc = ValidationFailed(
        "Nhập số định danh cá nhân gồm 12 chữ số.",
        "Enter the 12-digit personal identification number.",
        code="invalid_personal_id",
        details={"field": "personal_id"},
    )
    assert exc.as_dict("vi") == {
        "code": "invalid_personal_id",
        "message": "Nhập số định danh cá nhân gồm 12 chữ số.",
        "details": {"field": "personal_id"},
    }
    assert exc.as_dict("en")["message"] == "Enter the 12-digit personal identification number."
    assert isinstance(exc, ApplicationError) and str(exc) == exc.message_en


def test_a_message_given_only_in_vietnamese_is_not_replaced_by_an_unrelated_english_default():
    exc = Conflict("Quầy này đã đóng.")
    assert exc.message("en") == "Quầy này đã đóng."
