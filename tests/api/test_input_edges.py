"""Input at the edges answers 400 in the error shape, never 500."""

import pytest
from rest_framework.test import APIClient

from motcua.accounts.models import Role
from tests.factories.accounts import user_with_role
from tests.factories.dossiers import received, setup_procedure, submit_online

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "start",
    ["9999-12-31T23:59:59-12:00", "0001-01-01T00:00:00+14:00", "1999-12-31T23:00:00+07:00"],
)
def test_a_start_at_the_ends_of_the_calendar_is_a_400(start):
    response = APIClient().get("/api/v1/calendar/due/", {"start": start, "working_days": 1})
    assert response.status_code == 400, response.content
    assert response.json()["code"] == "invalid_parameter"
    assert response.json()["details"] == {"parameter": "start"}


def test_json_nested_a_thousand_deep_is_a_parse_error():
    client = APIClient()
    client.force_authenticate(user_with_role(Role.APPLICANT, None))
    response = client.post("/api/v1/dossiers/", "[" * 1000 + "]" * 1000, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["code"] == "parse_error"


def test_the_public_lookup_knows_no_drafts_and_secrets_are_long():
    setup = setup_procedure()
    draft = submit_online(setup, draft=True)
    sent = submit_online(setup)
    assert APIClient().get(f"/api/v1/lookup/{draft.code}/").status_code == 404
    assert APIClient().get(f"/api/v1/lookup/{sent.code}/").status_code == 200
    assert len(sent.lookup_secret) == 10 and not set(sent.lookup_secret) & set("01OIL")


@pytest.mark.parametrize("to_user", ["²", "٣", "99999999999999999999999"])
def test_an_assignee_that_only_looks_like_a_number_is_not_found(to_user):
    setup = setup_procedure()
    dossier = received(setup)
    client = APIClient()
    client.force_authenticate(setup.specialist)
    response = client.post(
        f"/api/v1/dossiers/{dossier.code}/actions/assign/",
        {"version": dossier.version, "to_user": to_user},
        format="json",
    )
    assert response.status_code == 400, response.content
    assert response.json()["code"] == "user_not_found"
