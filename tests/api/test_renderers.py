"""The API's orjson renderer writes the same bytes as DRF's JSONRenderer."""

import datetime as dt
import uuid
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.utils.translation import gettext_lazy, override
from rest_framework.renderers import JSONRenderer as DRFJSONRenderer
from rest_framework.test import APIClient
from rest_framework.utils.serializer_helpers import ReturnDict, ReturnList

from motcua.api.renderers import JSONRenderer
from tests.factories.dossiers import received, setup_procedure, submit_online

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")

PAYLOADS = [
    {},
    [],
    {"count": 10000, "count_capped": True, "next": None, "results": []},
    {
        "fee": Decimal("150000.50"),
        "whole": Decimal("20000"),
        "tiny": Decimal("0.000001"),
        "ratio": 0.1,
        "negative": -3,
        "big": 2**62,
    },
    {
        "utc": dt.datetime(2026, 3, 11, 9, 59, 59, 123456, tzinfo=dt.UTC),
        "utc_whole_second": dt.datetime(2026, 3, 11, 2, 0, tzinfo=dt.UTC),
        "hanoi": dt.datetime(2026, 3, 11, 16, 59, 59, 120000, tzinfo=HANOI),
        "naive": dt.datetime(2026, 1, 1, 8, 0),
        "day": dt.date(2026, 4, 30),
        "clock": dt.time(17, 0),
        "clock_fraction": dt.time(8, 0, 0, 5),
        "span": dt.timedelta(hours=1, minutes=30),
    },
    {"id": uuid.UUID("12345678-1234-5678-1234-567812345678"), "ids": (1, 2, 3), "set": frozenset({7})},
    {
        "name": "Đăng ký khai sinh",
        "quote": 'He said "xin chào"\n\tand left \\ ',
        "control": "\x00\x1f\x7f",
        "separators": "line\u2028paragraph\u2029end",
        "emoji": "hồ sơ 📄",
        "lazy": gettext_lazy("Mã truy cập không hợp lệ hoặc đã bị thu hồi."),
    },
    {1: "an integer key", "nested": {"list": [{"a": [None, True, False]}, [[]], ""]}},
    ReturnDict(
        {"code": "TTHCC-260311-0001", "steps": ReturnList([{"order": 1}], serializer=None)}, serializer=None
    ),
    ReturnList([{"code": "A"}, {"code": "B"}], serializer=None),
    "a plain string",
    12,
    {"huge": 2**70},  # beyond orjson's integers: left to DRF's renderer
]


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize("payload", PAYLOADS, ids=range(len(PAYLOADS)))
def test_the_same_bytes_as_drf(payload, language):
    with override(language):
        assert JSONRenderer().render(payload) == DRFJSONRenderer().render(payload)


def test_nothing_renders_as_an_empty_body_and_indentation_as_drf_does():
    assert JSONRenderer().render(None) == b""
    payload = {"a": [1, {"b": "c"}]}
    media_type = "application/json; indent=4"
    assert JSONRenderer().render(payload, media_type, {}) == DRFJSONRenderer().render(payload, media_type, {})
    assert b"\n    " in JSONRenderer().render(payload, media_type, {})


def test_an_unknown_type_fails_as_with_drf():
    with pytest.raises(TypeError):
        DRFJSONRenderer().render({"x": object()})
    with pytest.raises(TypeError):
        JSONRenderer().render({"x": object()})


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["vi", "en"])
def test_api_answers_are_drfs_bytes(language):
    setup = setup_procedure()
    received(setup)
    submitted = submit_online(setup)
    client = APIClient()
    client.force_authenticate(setup.officer)
    headers = {"HTTP_ACCEPT_LANGUAGE": language}
    for url in (
        "/api/v1/dossiers/",
        f"/api/v1/dossiers/{submitted.code}/",
        f"/api/v1/dossiers/{submitted.code}/events/",
        "/api/v1/procedures/",
        "/api/v1/dossiers/NOPE/",  # an error answer
    ):
        response = client.get(url, **headers)
        assert response["Content-Type"] == "application/json", url
        assert isinstance(response.accepted_renderer, JSONRenderer), url
        with override(language):
            assert response.content == DRFJSONRenderer().render(response.data), url
