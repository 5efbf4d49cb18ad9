"""What a citizen does on their own dossier's pages after sending it: upload a file for each item asked (the
wizard's form and checks; a photo becomes a PDF page) and send the dossier back, withdraw it with a reason, rate
it once after the result, and download the forms and the signed result. Another citizen gets "not found"; a page
left open while an officer acted gets a "reload" message instead of acting."""

from __future__ import annotations

import io
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from motcua.accounts.models import Role
from motcua.core.errors import ValidationFailed
from motcua.dossiers import services
from motcua.dossiers.models import Event, EventKind, Rating, Status
from tests.factories.accounts import user_with_role
from tests.factories.dossiers import (
    PDF_BYTES,
    awaiting_supplement,
    received,
    resolved_with_signed_result,
    setup_procedure,
    submit_online,
    with_signed_result,
)

pytestmark = pytest.mark.django_db
HN = ZoneInfo("Asia/Ho_Chi_Minh")

ITEMS = ["Bản sao giấy khai sinh", "Tờ khai"]  # the officer's wording, and a component's name


@pytest.fixture
def setup():
    return setup_procedure()


@pytest.fixture
def asked(client, setup):
    dossier = awaiting_supplement(setup, items=ITEMS)
    client.force_login(setup.applicant)
    return dossier


def page(code: str, part: str = "") -> str:
    return f"/ho-so-cua-toi/{code}/{part}"


def photo_bytes() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (300, 400), (200, 180, 150)).save(out, "JPEG")
    return out.getvalue()


def upload(client, dossier, index: int, name: str, content: bytes):
    return client.post(
        page(dossier.code, "bo-sung/"),
        {"item": index, f"item-{index}-file": SimpleUploadedFile(name, content)},
    )


# -- what is asked ----------------------------------------------------------------------------------------------


def test_the_detail_lists_every_item_and_leads_to_the_upload_page(client, asked):
    html = client.get(page(asked.code)).content.decode()
    assert "Bạn cần bổ sung giấy tờ" in html and "Cần bổ sung để thẩm định" in html
    assert all(f"<li>{item}</li>" in html for item in ITEMS)
    assert f'href="/ho-so-cua-toi/{asked.code}/bo-sung/"' in html
    html = client.get(page(asked.code, "bo-sung/")).content.decode()
    assert 'id="id_item-0-file"' in html and 'id="id_item-1-file"' in html
    assert "Đã tải lên tệp cho 0 trên 2 mục." in html


def test_a_phone_photo_for_an_item_is_kept_as_a_pdf_and_recorded_against_that_item(client, setup, asked):
    response = upload(client, asked, 0, "IMG_0815.jpg", photo_bytes())
    assert response.status_code == 302 and response["Location"].endswith("/bo-sung/#item-0")
    upload(client, asked, 1, "to-khai.pdf", PDF_BYTES)
    photo, form = asked.documents.order_by("pk")
    assert (photo.original_name, photo.content_type, photo.component_code) == (
        "IMG_0815.pdf",
        "application/pdf",
        "",
    )
    assert form.component_code == "TK"  # the item names the procedure's component: filed under it
    items = list(
        Event.objects.filter(dossier=asked, kind=EventKind.DOCUMENT_ADDED).values_list(
            "payload__item", flat=True
        )
    )
    assert items == ITEMS
    html = client.get(page(asked.code, "bo-sung/")).content.decode()
    assert "IMG_0815.pdf" in html and "Đã tải lên tệp cho 2 trên 2 mục." in html


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "Tệp tải lên bị rỗng."),
        (b"just some text, not a document", "Chỉ nhận tệp PDF, JPEG hoặc PNG"),
    ],
    ids=["empty", "unreadable"],
)
def test_an_empty_or_unreadable_file_is_refused_at_once_with_the_reason(client, asked, content, message):
    response = upload(client, asked, 1, "anh.jpg", content)
    html = response.content.decode()
    assert response.status_code == 400
    assert "error-summary" in html and message in html and 'href="#id_item-1-file"' in html
    assert not asked.documents.exists()


def test_an_upload_may_answer_only_an_item_asked(client, setup, asked):
    assert upload(client, asked, len(ITEMS), "x.pdf", PDF_BYTES).status_code == 404
    with pytest.raises(ValidationFailed) as refused:
        services.dossier_add_document(
            code=asked.code,
            actor=setup.applicant,
            file=SimpleUploadedFile("x.pdf", PDF_BYTES),
            for_item="Sổ hộ khẩu",
        )
    assert refused.value.code == "invalid_item"


def test_i_have_supplemented_resumes_the_dossier(client, asked):
    upload(client, asked, 0, "ban-sao.pdf", PDF_BYTES)
    response = client.post(page(asked.code, "bo-sung/gui/"), {"version": asked.version, "note": "Đã đủ"})
    assert response.status_code == 302 and response["Location"] == page(asked.code)
    asked.refresh_from_db()
    assert asked.status == Status.IN_PROGRESS and asked.missing_items == []
    html = client.get(page(asked.code)).content.decode()
    assert "Đã gửi giấy tờ bổ sung." in html and "Bạn cần bổ sung" not in html
    # Nothing is asked any more: the upload page leads back to the dossier.
    assert client.get(page(asked.code, "bo-sung/"))["Location"] == page(asked.code)


def test_a_stale_page_gets_a_reload_message_instead_of_acting(client, setup, asked):
    stale = asked.version - 1
    response = client.post(page(asked.code, "bo-sung/gui/"), {"version": stale})
    html = response.content.decode()
    assert response.status_code == 409
    assert "Hồ sơ vừa được người khác cập nhật. Vui lòng tải lại và thử lại." in html
    assert 'id="reload-link"' in html
    asked.refresh_from_db()
    assert asked.status == Status.AWAITING_SUPPLEMENT


def test_completion_guidance_is_answered_by_sending_the_dossier_again(client, setup):
    draft = submit_online(setup)
    dossier = services.dossier_request_completion(
        code=draft.code, actor=setup.officer, version=draft.version, items=["Bản sao giấy khai sinh"]
    )
    client.force_login(setup.applicant)
    html = client.get(page(dossier.code, "bo-sung/")).content.decode()
    assert "Bổ sung, hoàn thiện hồ sơ" in html and "Tờ khai" in html  # the missing component is listed too
    items = dossier.missing_items
    upload(client, dossier, items.index("Tờ khai"), "to-khai.pdf", PDF_BYTES)
    response = client.post(page(dossier.code, "bo-sung/gui/"), {"version": dossier.version})
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.status == Status.SUBMITTED
    assert dossier.documents.get().component_code == "TK"


def test_another_citizen_gets_not_found_on_every_page(client, setup, asked):
    client.force_login(user_with_role(Role.APPLICANT))
    for part in ("", "bo-sung/", "rut-ho-so/", "danh-gia/"):
        assert client.get(page(asked.code, part)).status_code == 404
    assert upload(client, asked, 0, "x.pdf", PDF_BYTES).status_code == 404
    assert client.post(page(asked.code, "bo-sung/gui/"), {"version": asked.version}).status_code == 404
    response = client.post(page(asked.code, "rut-ho-so/"), {"version": asked.version, "reasons": "x"})
    assert response.status_code == 404
    asked.refresh_from_db()
    assert asked.status == Status.AWAITING_SUPPLEMENT and not asked.documents.exists()


# -- withdraw ---------------------------------------------------------------------------------------------------


def test_withdrawing_needs_a_reason_then_closes_the_dossier(client, setup):
    dossier = received(setup)
    client.force_login(setup.applicant)
    assert (
        f'href="/ho-so-cua-toi/{dossier.code}/rut-ho-so/"' in client.get(page(dossier.code)).content.decode()
    )
    response = client.post(page(dossier.code, "rut-ho-so/"), {"version": dossier.version, "reasons": "  "})
    assert response.status_code == 400 and "Nhập lý do rút hồ sơ." in response.content.decode()
    response = client.post(
        page(dossier.code, "rut-ho-so/"), {"version": dossier.version, "reasons": "Không còn nhu cầu"}
    )
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.status == Status.WITHDRAWN and dossier.reasons == "Không còn nhu cầu"
    html = client.get(page(dossier.code)).content.decode()
    assert "Đã rút hồ sơ." in html and "rut-ho-so/" not in html
    # Nothing more to withdraw: the page leads back to the dossier.
    assert client.get(page(dossier.code, "rut-ho-so/"))["Location"] == page(dossier.code)


def test_withdrawing_from_a_stale_page_is_refused_with_the_reason_kept(client, setup):
    dossier = received(setup)
    client.force_login(setup.applicant)
    response = client.post(
        page(dossier.code, "rut-ho-so/"), {"version": dossier.version + 1, "reasons": "Không còn nhu cầu"}
    )
    html = response.content.decode()
    assert (
        response.status_code == 409 and "Vui lòng tải lại" in html and "Không còn nhu cầu</textarea>" in html
    )
    dossier.refresh_from_db()
    assert dossier.status == Status.RECEIVED


# -- result, forms and rating -----------------------------------------------------------------------------------


def test_the_signed_result_and_the_forms_are_offered_once_resolved(client, setup):
    dossier = resolved_with_signed_result(setup)
    client.force_login(setup.applicant)
    html = client.get(page(dossier.code)).content.decode()
    result = dossier.documents.get(source="issued_result")
    link = f"/api/v1/dossiers/{dossier.code}/documents/{result.pk}/file/"
    assert f'href="{link}"' in html
    assert f'href="/api/v1/dossiers/{dossier.code}/forms/receipt.pdf"' in html
    assert "forms/control.pdf" not in html and "forms/apology.pdf" not in html
    assert "rut-ho-so/" not in html  # no withdrawing once there is a result
    response = client.get(link)
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")
    client.force_login(user_with_role(Role.APPLICANT))
    assert client.get(link).status_code == 404


def test_no_result_link_before_the_dossier_is_resolved(client, setup):
    dossier = with_signed_result(setup)  # attached and signed, not approved yet
    client.force_login(setup.applicant)
    html = client.get(page(dossier.code)).content.decode()
    assert dossier.documents.filter(source="issued_result").exists()
    assert "Kết quả giải quyết (bản điện tử có chữ ký số)" not in html
    # Nor through the file view: until the leader decides, the draft result is the officers' own.
    result = dossier.documents.get(source="issued_result")
    file_url = f"/api/v1/dossiers/{dossier.code}/documents/{result.pk}/file/"
    answer = client.get(file_url)
    assert answer.status_code == 404 and answer.json()["code"] == "document_not_found"
    client.force_login(setup.leader)
    assert client.get(file_url).status_code == 200


def test_the_apology_letter_is_offered_when_one_was_issued(client, setup):
    with time_machine.travel(datetime(2026, 3, 9, 9, 30, tzinfo=HN), tick=False):
        dossier = received(setup)
        assert "/forms/apology.pdf" not in page_of(client, setup, dossier)
        services.dossier_apologize(
            code=dossier.code,
            actor=setup.leader,
            version=dossier.version,
            reason="Cần xác minh thêm",
            new_due_at=dossier.due_at + timedelta(days=2),
        )
        assert f'href="/api/v1/dossiers/{dossier.code}/forms/apology.pdf"' in page_of(client, setup, dossier)


def page_of(client, setup, dossier) -> str:
    client.force_login(setup.applicant)
    return client.get(page(dossier.code)).content.decode()


def test_rating_once_after_the_result(client, setup):
    dossier = resolved_with_signed_result(setup)
    client.force_login(setup.applicant)
    assert (
        f'href="/ho-so-cua-toi/{dossier.code}/danh-gia/"' in client.get(page(dossier.code)).content.decode()
    )
    response = client.post(page(dossier.code, "danh-gia/"), {"comment": "Nhanh"})
    html = response.content.decode()
    assert (
        response.status_code == 400 and "Chọn mức độ hài lòng của bạn." in html and "Nhanh</textarea>" in html
    )
    response = client.post(page(dossier.code, "danh-gia/"), {"level": "very_satisfied", "comment": "Nhanh"})
    assert response.status_code == 302 and response["Location"].endswith("#rating")
    html = client.get(page(dossier.code)).content.decode()
    assert "Đánh giá của bạn" in html and "Rất hài lòng" in html and "Nhanh" in html
    assert "danh-gia/" not in html
    # Twice: refused, the first rating kept.
    assert client.get(page(dossier.code, "danh-gia/"))["Location"] == page(dossier.code)
    response = client.post(page(dossier.code, "danh-gia/"), {"level": "not_satisfied"})
    assert response.status_code == 409 and "Hồ sơ đã được đánh giá." in response.content.decode()
    assert Rating.objects.get(dossier=dossier).level == "very_satisfied"


def test_no_rating_before_the_result(client, setup):
    dossier = received(setup)
    client.force_login(setup.applicant)
    assert "danh-gia/" not in client.get(page(dossier.code)).content.decode()
    assert client.get(page(dossier.code, "danh-gia/"))["Location"] == page(dossier.code)
    response = client.post(page(dossier.code, "danh-gia/"), {"level": "satisfied"})
    assert (
        response.status_code == 409 and "Chỉ đánh giá được sau khi có kết quả." in response.content.decode()
    )


def test_the_action_pages_in_english(client, setup, asked):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(page(asked.code, "bo-sung/")).content.decode()
    assert '<html lang="en">' in html and "I have supplemented" in html
    html = client.get(page(asked.code, "rut-ho-so/")).content.decode()
    assert "Reason for withdrawing" in html


def test_the_list_is_paginated_newest_first(client, setup):
    first = received(setup)
    for _ in range(20):
        submit_online(setup)
    client.force_login(setup.applicant)
    html = client.get("/ho-so-cua-toi/").content.decode()
    assert html.count('class="status-text"') == 20 and first.code not in html
    assert first.code in client.get("/ho-so-cua-toi/?page=2").content.decode()
