"""Requests signed in with an API token are limited per token and per client address, and wrong tokens lock the
client address out, so that tokens cannot be guessed: 429 with `Retry-After` in the API's error format."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from rest_framework.test import APIClient

from motcua.accounts.services import api_token_issue, api_token_revoke
from tests.factories.dossiers import setup_procedure, submit_online

pytestmark = pytest.mark.django_db

# 30 seconds into a minute: the window (a minute, starting on the minute) ends 30 seconds later.
MID_MINUTE = datetime(2026, 3, 9, 2, 0, 30, tzinfo=UTC)


@pytest.fixture
def dossier():
    setup = setup_procedure()
    return setup, submit_online(setup)


def rates(settings, **changed: str) -> None:
    current = settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {**current, **changed}}


def get(path: str, key: str, address: str = "127.0.0.1", **extra):
    return APIClient().get(path, HTTP_AUTHORIZATION=f"Bearer {key}", REMOTE_ADDR=address, **extra)


def assert_throttled(response, code: str, retry_after: int) -> None:
    assert response.status_code == 429, response.content
    assert response["Retry-After"] == str(retry_after)
    assert response.json()["code"] == code
    assert response.json()["details"] == {"retry_after": retry_after}


@time_machine.travel(MID_MINUTE, tick=False)
def test_the_601st_request_of_a_token_in_a_minute_is_429_and_another_token_is_not_affected(dossier, settings):
    assert (
        settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["token"] == "600/minute"
    )  # the documented default
    setup, submitted = dossier
    path = f"/api/v1/dossiers/{submitted.code}/"
    _token, key = api_token_issue(user=setup.applicant)
    _other, other_key = api_token_issue(user=setup.applicant, name="second")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    # Any answer counts, a 404 as much as a 200 (and it is quicker to make).
    answers = [client.get("/api/v1/dossiers/NONE-000000-0001/").status_code for _ in range(599)]
    assert answers == [404] * 599
    assert client.get(path).status_code == 200
    refused = client.get(path, HTTP_ACCEPT_LANGUAGE="en")
    assert_throttled(refused, "throttled", 30)
    assert refused.json()["message"] == "Too many requests; try again later."
    assert get(path, other_key).status_code == 200
    with time_machine.travel(MID_MINUTE + timedelta(seconds=30), tick=False):
        assert client.get(path).status_code == 200  # a new window


@time_machine.travel(MID_MINUTE, tick=False)
def test_token_requests_are_limited_per_client_address_across_tokens(dossier, settings):
    rates(settings, token_address="5/minute")
    setup, submitted = dossier
    path = f"/api/v1/dossiers/{submitted.code}/"
    keys = [api_token_issue(user=setup.applicant, name=str(n))[1] for n in range(3)]
    assert [get(path, key).status_code for key in keys * 2] == [200] * 5 + [429]
    assert get(path, keys[0], address="10.0.0.2").status_code == 200
    # Behind one trusted proxy the address it appended counts, not the socket's nor what the client wrote.
    settings.MOTCUA_TRUSTED_PROXIES = 1
    forwarded = [
        get(
            path, keys[1], address="10.9.9.9", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}, 203.0.113.7"
        ).status_code
        for n in range(6)
    ]
    assert forwarded == [200] * 5 + [429]


@time_machine.travel(MID_MINUTE, tick=False)
def test_wrong_tokens_lock_the_address_out_and_a_right_guess_answers_as_a_wrong_one(dossier):
    setup, submitted = dossier
    path = f"/api/v1/dossiers/{submitted.code}/"
    revoked, revoked_key = api_token_issue(user=setup.applicant, name="old")
    api_token_revoke(token=revoked)
    _token, key = api_token_issue(user=setup.applicant)
    guesses = [get(path, f"mct_guess{n:04d}").status_code for n in range(29)] + [
        get(path, revoked_key).status_code
    ]
    assert guesses == [401] * 30
    right, wrong = get(path, key), get(path, "mct_guess9999")
    assert_throttled(right, "too_many_token_failures", 30)
    assert (right.status_code, right.json(), right["Retry-After"]) == (
        wrong.status_code,
        wrong.json(),
        wrong["Retry-After"],
    )
    assert (
        right.json()["message"]
        == "Có quá nhiều lần dùng mã truy cập sai từ địa chỉ này; vui lòng thử lại sau."
    )
    assert get(path, key, address="10.0.0.2").status_code == 200  # another address is not locked out
    with time_machine.travel(MID_MINUTE + timedelta(seconds=30), tick=False):
        assert get(path, key).status_code == 200


@time_machine.travel(MID_MINUTE, tick=False)
def test_an_expired_or_malformed_token_counts_as_a_failure(dossier, settings):
    rates(settings, token_failures="2/minute")
    setup, submitted = dossier
    path = f"/api/v1/dossiers/{submitted.code}/"
    _expired, expired_key = api_token_issue(user=setup.applicant, days=1)
    _token, key = api_token_issue(user=setup.applicant)
    with time_machine.travel(MID_MINUTE + timedelta(days=2), tick=False):
        assert get(path, expired_key).json()["code"] == "token_expired"
        assert APIClient().get(path, HTTP_AUTHORIZATION="Bearer two parts").status_code == 401
        assert get(path, key).status_code == 429


@time_machine.travel(MID_MINUTE, tick=False)
def test_the_browser_session_and_anonymous_requests_are_not_counted_as_token_use(dossier, settings):
    rates(settings, token="2/minute", token_address="2/minute")
    setup, submitted = dossier
    path = f"/api/v1/dossiers/{submitted.code}/"
    session = APIClient()
    session.force_login(setup.applicant)
    assert [session.get(path).status_code for _ in range(4)] == [200] * 4
    assert [APIClient().get("/api/v1/procedures/").status_code for _ in range(4)] == [200] * 4


def test_the_schema_documents_429_where_a_token_or_the_lookup_can_be_throttled():
    paths = APIClient().get("/api/v1/schema/", HTTP_ACCEPT="application/json").json()["paths"]
    assert "429" in paths["/api/v1/dossiers/{code}/"]["get"]["responses"]
    assert "429" in paths["/api/v1/dossiers/{code}/actions/receive/"]["post"]["responses"]
    assert "429" in paths["/api/v1/lookup/{code}/"]["get"]["responses"]
    assert "429" not in paths["/api/v1/procedures/"]["get"]["responses"]  # takes no token, counts nothing


def test_a_rate_not_of_the_documented_form_stops_the_settings_from_loading():
    from tests.core.test_settings_env import settings_of

    shown = settings_of(env={"MOTCUA_TOKEN_RATE": "600 per minute"}, drop=())
    assert shown.returncode != 0
    assert "ImproperlyConfigured" in shown.stderr and "600 per minute" in shown.stderr
    assert settings_of(env={"MOTCUA_TOKEN_RATE": "10/hour"}, drop=()).returncode == 0
