"""API tokens expire (90 days by default, `create_api_token --days`) and record their last use, written at most
once a minute per token."""

from __future__ import annotations

import datetime as dt
import io

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from motcua.accounts.models import ApiToken
from motcua.accounts.services import api_token_issue
from motcua.core.errors import ValidationFailed
from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db
START = dt.datetime(2026, 6, 1, 2, 0, tzinfo=dt.UTC)
LIST = "/api/v1/dossiers/"


def bearer(key: str, **headers) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}", **headers)
    return client


def token_writes(queries) -> list[str]:
    table = ApiToken._meta.db_table
    return [q["sql"] for q in queries if q["sql"].startswith("UPDATE") and table in q["sql"]]


def test_a_token_expires_after_ninety_days_by_default_and_then_answers_401():
    with time_machine.travel(START, tick=False) as clock:
        token, key = api_token_issue(user=UserFactory())
        assert token.expires_at == START + dt.timedelta(days=90)
        assert bearer(key).get(LIST).status_code == 200
        clock.move_to(START + dt.timedelta(days=90, seconds=-1))
        assert bearer(key).get(LIST).status_code == 200
        clock.move_to(START + dt.timedelta(days=90))
        response = bearer(key).get(LIST)
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Bearer"
    assert response.json() == {
        "code": "token_expired",
        "message": "Mã truy cập đã hết hạn. Hãy xin cấp mã mới.",
        "details": None,
    }
    with time_machine.travel(START + dt.timedelta(days=91)):
        english = bearer(key, HTTP_ACCEPT_LANGUAGE="en").get(LIST).json()
    assert english["message"] == "The access token has expired. Ask for a new one."


def test_the_lifetime_is_configurable(settings):
    settings.MOTCUA_API_TOKEN_DAYS = 7
    with time_machine.travel(START, tick=False):
        token, _key = api_token_issue(user=UserFactory())
        assert token.expires_at == START + dt.timedelta(days=7)
        token, _key = api_token_issue(user=UserFactory(), days=1)
        assert token.expires_at == START + dt.timedelta(days=1)
    with pytest.raises(ValidationFailed) as refused:
        api_token_issue(user=UserFactory(), days=0)
    assert refused.value.code == "invalid_token_days"


def test_last_use_is_recorded_at_most_once_a_minute():
    with time_machine.travel(START, tick=False) as clock:
        token, key = api_token_issue(user=UserFactory())
        assert token.last_used_at is None
        client = bearer(key)
        with CaptureQueriesContext(connection) as first:
            assert client.get(LIST).status_code == 200
        assert len(token_writes(first)) == 1
        token.refresh_from_db()
        assert token.last_used_at == START

        clock.shift(dt.timedelta(seconds=59))
        with CaptureQueriesContext(connection) as again:
            assert client.get(LIST).status_code == 200
        assert token_writes(again) == []  # the hot path stays one read
        token.refresh_from_db()
        assert token.last_used_at == START

        clock.shift(dt.timedelta(seconds=1))
        client.get(LIST)
        token.refresh_from_db()
        assert token.last_used_at == START + dt.timedelta(minutes=1)


def test_create_api_token_takes_days():
    user = UserFactory(username="tich-hop")
    out, err = io.StringIO(), io.StringIO()
    with time_machine.travel(START, tick=False):
        call_command("create_api_token", "tich-hop", "--days", "30", stdout=out, stderr=err)
    key = out.getvalue().strip()
    token = ApiToken.objects.get(user=user)
    assert token.key_hash == ApiToken.hash_key(key)
    assert token.expires_at == START + dt.timedelta(days=30)
    assert "2026-07-01T02:00:00+00:00" in err.getvalue()
    with pytest.raises(CommandError, match="--days"):
        call_command("create_api_token", "tich-hop", "--days", "0", stdout=io.StringIO())
