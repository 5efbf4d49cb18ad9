"""The client's address comes from a configured number of trusted proxies; a header the client writes itself does
not make it a new client to any throttle."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import RequestFactory
from rest_framework.request import Request
from rest_framework.test import APIClient
from rest_framework.throttling import BaseThrottle

from motcua.core.client_address import client_address

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


def request(remote="10.0.0.9", forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def trusting(settings, proxies: int) -> None:
    """As settings.py does: one setting, read by our function and by Django REST framework."""
    settings.MOTCUA_TRUSTED_PROXIES = proxies
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": proxies}


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, None, "10.0.0.9"),
        (0, "203.0.113.7", "10.0.0.9"),  # by default the header is the client's own words
        (1, None, "10.0.0.9"),
        (1, "198.51.100.1, 203.0.113.7", "203.0.113.7"),  # the one our proxy appended
        (2, "198.51.100.1, 203.0.113.7, 192.0.2.5", "203.0.113.7"),
        (2, "203.0.113.7", "203.0.113.7"),  # fewer entries than proxies: the leftmost
        (1, "2001:db8::1", "2001:db8::1"),
    ],
)
def test_the_address_counted_and_drf_agrees(settings, proxies, forwarded, expected):
    trusting(settings, proxies)
    req = request(forwarded=forwarded)
    assert client_address(req) == expected

    assert BaseThrottle().get_ident(Request(req)) == expected


def test_an_entry_that_is_no_address_counts_as_the_socket(settings):
    trusting(settings, 1)
    assert client_address(request(forwarded="1.2.3.4, not-an-address")) == "10.0.0.9"


def test_the_default_trusts_no_proxy(settings):
    from django.conf import settings as live

    assert live.MOTCUA_TRUSTED_PROXIES == 0
    assert live.REST_FRAMEWORK["NUM_PROXIES"] == 0


def test_a_new_forwarded_header_per_request_does_not_escape_the_lookup_throttle():
    """The penetration test guessed receipt secrets at full speed by sending a new X-Forwarded-For each time."""
    client = APIClient()
    answers = [
        client.get(
            "/api/v1/lookup/TTHCC-260101-0001/",
            {"secret": "x"},
            HTTP_X_FORWARDED_FOR=f"203.0.113.{n % 250}, {n}",
        ).status_code
        for n in range(125)
    ]
    assert 429 not in answers[:120]
    assert answers[120:] == [429] * 5
    throttled = client.get("/api/v1/lookup/TTHCC-260101-0001/", HTTP_X_FORWARDED_FOR="198.51.100.99")
    assert throttled.status_code == 429
    assert throttled.json()["code"] == "throttled"
    assert int(throttled["Retry-After"]) > 0
