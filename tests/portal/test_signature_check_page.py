"""The public signature check page and `verify-pdf`: the same verdicts, for a good, a tampered and a foreign PDF."""

from __future__ import annotations

import pytest
from django.conf import settings as conf
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

from motcua.documents.signing import sign_pdf
from motcua.documents.signing_keys import create_signing_keys
from tests.factories.signing import SigningAuthority, plain_pdf

URL = "/kiem-tra-chu-ky/"
AGENCY = ("STP", "Sở Tư pháp")


@pytest.fixture
def signed_pdf() -> bytes:
    create_signing_keys(agencies=[AGENCY])
    return sign_pdf(pdf=plain_pdf(), agency_code=AGENCY[0], signer_name=AGENCY[1])


def tampered(data: bytes) -> bytes:
    at = data.index(b"/MediaBox")
    return data[:at] + data[at:].replace(b"595", b"596", 1)


def upload(client, data: bytes, **extra):
    return client.post(URL, {"file": SimpleUploadedFile("ket-qua.pdf", data)}, **extra)


def test_a_good_signature_shows_valid_with_the_signer(client, signed_pdf, tmp_path):
    response = upload(client, signed_pdf)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Hợp lệ" in page and "Không hợp lệ" not in page and "Sở Tư pháp" in page
    assert not list((tmp_path / "media").rglob("*"))  # nothing stored


def test_a_tampered_byte_shows_invalid_with_the_reason(client, signed_pdf):
    page = upload(client, tampered(signed_pdf)).content.decode()
    assert "Không hợp lệ" in page and "bị thay đổi sau khi ký" in page


def test_a_signature_from_an_unknown_ca_is_not_trusted_in_english(client, signed_pdf):
    foreign = SigningAuthority.create(root_name="Unknown Root").sign(plain_pdf())
    client.cookies[conf.LANGUAGE_COOKIE_NAME] = "en"
    page = upload(client, foreign).content.decode()
    assert 'lang="en"' in page and "Not valid" in page and "not issued by a trusted" in page


def test_csrf_is_checked():
    response = upload(Client(enforce_csrf_checks=True), b"%PDF-1.4")
    assert response.status_code == 403


def test_no_file_and_too_large_files_are_clear_errors(client, settings):
    response = client.post(URL, {})
    assert response.status_code == 400 and "Chọn tệp PDF" in response.content.decode()
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 100 * 1024
    response = upload(client, b"%PDF-1.4\n" + b"0" * 300 * 1024)
    assert response.status_code == 413 and "Tệp quá lớn: tối đa 0.1 MB" in response.content.decode()


def test_the_command_says_valid_or_invalid_with_exit_code_1(signed_pdf, tmp_path, capsys):
    good, bad = tmp_path / "good.pdf", tmp_path / "bad.pdf"
    good.write_bytes(signed_pdf)
    bad.write_bytes(tampered(signed_pdf))
    call_command("verify-pdf", str(good))
    out = capsys.readouterr().out
    assert "VALID" in out and "Sở Tư pháp" in out
    with pytest.raises(CommandError) as raised:
        call_command("verify-pdf", str(bad))
    assert raised.value.returncode == 1 and str(raised.value).startswith("INVALID")


def test_checks_beyond_the_rate_wait_with_retry_after(client, signed_pdf, monkeypatch):
    from rest_framework.throttling import ScopedRateThrottle

    monkeypatch.setattr(ScopedRateThrottle, "THROTTLE_RATES", {"signature_check": "2/minute"})
    assert upload(client, signed_pdf).status_code == 200
    assert upload(client, tampered(signed_pdf)).status_code == 200
    refused = upload(client, signed_pdf)
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert "Quá nhiều lượt kiểm tra chữ ký" in refused.content.decode()
    assert client.get(URL).status_code == 200  # reading the page is not a check
