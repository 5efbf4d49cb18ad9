"""Wrong passwords are limited per account and per client address: the penetration test's 30 guesses in 12 s
followed by the right password no longer sign in."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.conf import settings
from django.core.cache import cache
from django.test import Client

from motcua.accounts.models import Role
from tests.factories.accounts import PASSWORD, UserFactory, user_with_role

pytestmark = pytest.mark.django_db
SIGN_IN = "/accounts/sign-in/"
START = dt.datetime(2026, 6, 1, 9, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def clock():
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


def sign_in(client, username, password, **extra):
    return client.post(SIGN_IN, {"username": username, "password": password}, **extra)


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_five_wrong_passwords_lock_the_account_even_for_the_right_one(client, clock):
    user = UserFactory()
    for _ in range(5):
        assert sign_in(client, user.username, "sai-mat-khau").status_code == 200
    response = sign_in(client, user.username, PASSWORD)
    assert response.status_code == 429
    assert response["Retry-After"] == "900"
    html = response.content.decode()
    assert "Đã nhập sai mật khẩu quá nhiều lần" in html and "15 phút" in html
    assert html.count('class="error-summary"') == 1
    assert not signed_in(client)

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = sign_in(client, user.username, PASSWORD)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "vi"
    assert "Too many wrong passwords" in english.content.decode()

    clock.shift(dt.timedelta(minutes=10))  # refused attempts do not lengthen the lock
    assert sign_in(client, user.username, PASSWORD)["Retry-After"] == "300"
    clock.shift(dt.timedelta(minutes=5, seconds=1))
    response = sign_in(client, user.username, PASSWORD)
    assert response.status_code == 302 and signed_in(client)


def test_the_lock_holds_for_every_spelling_and_every_client_of_the_account(clock):
    user = UserFactory(username="nguyenvanan")
    for n in range(5):
        sign_in(Client(REMOTE_ADDR=f"203.0.113.{n}"), "NguyenVanAn", "sai")
    elsewhere = Client(REMOTE_ADDR="198.51.100.7")
    assert sign_in(elsewhere, user.username, PASSWORD).status_code == 429
    assert not signed_in(elsewhere)


def test_a_success_before_the_limit_clears_the_account_count(client, clock):
    user = UserFactory()
    for _ in range(4):
        sign_in(client, user.username, "sai")
    assert sign_in(client, user.username, PASSWORD).status_code == 302
    client.logout()
    for _ in range(4):
        sign_in(client, user.username, "sai")
    assert sign_in(client, user.username, PASSWORD).status_code == 302


def test_twenty_failures_from_one_address_lock_that_address_for_every_account(clock):
    guesser = Client(REMOTE_ADDR="203.0.113.50")
    for n in range(20):
        # A new X-Forwarded-For each time changes nothing.
        sign_in(guesser, f"khong-co-{n}", "sai", HTTP_X_FORWARDED_FOR=f"10.0.0.{n}")
    victim = UserFactory()
    response = sign_in(guesser, victim.username, PASSWORD, HTTP_X_FORWARDED_FOR="10.9.9.9")
    assert response.status_code == 429 and not signed_in(guesser)
    # The account itself is not locked: its owner elsewhere signs in.
    owner = Client(REMOTE_ADDR="198.51.100.8")
    assert sign_in(owner, victim.username, PASSWORD).status_code == 302


def test_the_admin_sign_in_is_limited_too(clock):
    staff = user_with_role(Role.ADMINISTRATOR, None, is_staff=True, is_superuser=True)
    client = Client()
    for _ in range(5):
        client.post("/admin/login/", {"username": staff.username, "password": "sai", "next": "/admin/"})
    client.post("/admin/login/", {"username": staff.username, "password": PASSWORD, "next": "/admin/"})
    assert not signed_in(client)
    assert sign_in(client, staff.username, PASSWORD).status_code == 429


def test_limits_come_from_the_settings(client, clock, settings):
    settings.MOTCUA_SIGN_IN_ACCOUNT_FAILURES = 2
    settings.MOTCUA_SIGN_IN_WINDOW_SECONDS = 60
    user = UserFactory()
    sign_in(client, user.username, "sai")
    sign_in(client, user.username, "sai")
    response = sign_in(client, user.username, PASSWORD)
    assert response.status_code == 429 and response["Retry-After"] == "60"
    assert "1 phút" in response.content.decode()


def test_the_window_ends_by_this_clock_even_when_the_cache_keeps_the_keys_longer(client, clock):
    """A shared cache on another machine may expire keys late: the lock still ends with the window."""
    from motcua.accounts.throttle import _account_key

    user = UserFactory()
    for _ in range(5):
        sign_in(client, user.username, "sai-mat-khau")
    key = _account_key(user.username)
    started = cache.get(f"{key}:start")
    for name in (f"{key}:start", f"{key}:{started}"):
        cache.touch(name, 24 * 3600)  # kept a day
    clock.shift(dt.timedelta(minutes=14))
    assert sign_in(client, user.username, PASSWORD).status_code == 429
    clock.shift(dt.timedelta(minutes=2))
    assert sign_in(client, user.username, PASSWORD).status_code == 302 and signed_in(client)
