"""The online submission pages: start from the procedure page, a draft that is saved and resumable, each step's
validation with the typed values kept, upload refusals with the checks' reasons, and sending the draft."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from motcua.accounts.models import Role
from motcua.catalog.models import Channel
from motcua.dossiers.models import Dossier, Event, EventKind, Status
from tests.factories.accounts import user_with_role
from tests.factories.catalog import RequiredDocumentFactory
from tests.factories.dossiers import PDF_BYTES, PNG_BYTES, setup_procedure

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup():
    s = setup_procedure()
    s.department.one_stop_section = s.centre
    s.department.save(update_fields=["one_stop_section"])
    RequiredDocumentFactory(version=s.version, code="ANH", name="Ảnh chân dung", mandatory=True, copies=1)
    RequiredDocumentFactory(version=s.version, code="KHAC", name="Giấy tờ khác", mandatory=False)
    return s


@pytest.fixture
def draft(client, setup):
    client.force_login(setup.applicant)
    response = client.post(f"/nop-ho-so/{setup.version.procedure.code}/")
    assert response.status_code == 302
    return Dossier.objects.get(applicant=setup.applicant, status=Status.DRAFT)


def base(draft):
    return f"/nop-ho-so/ho-so/{draft.code}"


def applicant_post(draft, **fields):
    data = {
        "version": draft.version,
        "filing_for": "self",
        "name": "Nguyễn Văn An",
        "phone": "0912345678",
        "email": "an@example.vn",
        "address_street": "12 Hàng Bông",
        "address_commune": "Phường Hoàn Kiếm",
        "address_province": "Hà Nội",
    }
    data.update(fields)
    return data


def upload(client, draft, component, name, content, **extra):
    return client.post(
        base(draft) + "/giay-to/",
        {"component": component, f"doc-{component}-file": SimpleUploadedFile(name, content), **extra},
    )


def test_the_procedure_page_offers_online_submission_signed_in_or_not(client, setup):
    code = setup.version.procedure.code
    html = client.get(f"/thu-tuc/{code}/").content.decode()
    assert f"/accounts/sign-in/?next=/nop-ho-so/{code}/" in html
    assert "Đăng nhập để nộp hồ sơ trực tuyến" in html
    assert client.get(f"/nop-ho-so/{code}/")["Location"].startswith("/accounts/sign-in/")
    client.force_login(setup.applicant)
    html = client.get(f"/thu-tuc/{code}/").content.decode()
    assert f'href="/nop-ho-so/{code}/"' in html and "Nộp hồ sơ trực tuyến" in html


def test_no_online_button_nor_start_for_a_procedure_not_offered_online(client, setup):
    setup.version.channels = [Channel.COUNTER]
    setup.version.save(update_fields=["channels"])
    client.force_login(setup.applicant)
    code = setup.version.procedure.code
    assert 'id="submit-online"' not in client.get(f"/thu-tuc/{code}/").content.decode()
    assert client.post(f"/nop-ho-so/{code}/").status_code == 404
    assert not Dossier.objects.exists()


def test_starting_creates_a_draft_prefilled_from_the_profile_and_shows_the_task_list(client, setup, draft):
    assert draft.applicant_name == "Nguyễn Văn An" and draft.channel == Channel.ONLINE
    assert draft.receiving_agency == setup.centre
    assert list(draft.events.values_list("kind", flat=True)) == [EventKind.DRAFTED]
    html = client.get(base(draft) + "/").content.decode()
    assert "Thông tin người nộp" in html and "Chưa xác nhận" in html
    assert "0 trên 2 giấy tờ bắt buộc" in html


def test_a_draft_is_resumable_from_my_dossiers_and_the_start_page(client, setup, draft):
    html = client.get("/ho-so-cua-toi/").content.decode()
    assert f'href="/nop-ho-so/ho-so/{draft.code}/"' in html and "Tiếp tục nộp hồ sơ" in html
    html = client.get(f"/nop-ho-so/{setup.version.procedure.code}/").content.decode()
    assert f"Tiếp tục hồ sơ nháp {draft.code}" in html


def test_someone_else_cannot_open_my_draft(client, setup, draft):
    client.force_login(user_with_role(Role.APPLICANT))
    assert client.get(base(draft) + "/").status_code == 404
    assert client.post(base(draft) + "/nguoi-nop/", applicant_post(draft)).status_code == 404


def test_applicant_step_saves_and_marks_the_task_done(client, draft):
    response = client.post(base(draft) + "/nguoi-nop/", applicant_post(draft))
    assert response.status_code == 302 and response["Location"] == base(draft) + "/"
    draft.refresh_from_db()
    assert draft.applicant_phone == "+84912345678" and draft.address_unit_text == "Phường Hoàn Kiếm"
    assert "Đã hoàn thành" in client.get(base(draft) + "/").content.decode()


def test_applicant_errors_keep_what_was_typed_and_say_what_to_do(client, draft):
    response = client.post(
        base(draft) + "/nguoi-nop/", applicant_post(draft, personal_id="12345", address_street="7 Phố Huế")
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "error-summary" in html and "Nhập số định danh cá nhân gồm 12 chữ số." in html
    assert 'value="7 Phố Huế"' in html and 'value="12345"' in html
    assert 'aria-invalid="true"' in html


def test_filing_for_someone_else_needs_relationship_and_consent(client, draft):
    response = client.post(
        base(draft) + "/nguoi-nop/", applicant_post(draft, filing_for="other", name="Trần Thị Bình")
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "Chọn quan hệ của bạn với người nộp hồ sơ." in html
    assert "Xác nhận người nộp hồ sơ đã đồng ý để bạn nộp thay." in html
    assert 'value="Trần Thị Bình"' in html
    # Someone else's name while filing "for myself" is refused by the filing rules.
    response = client.post(base(draft) + "/nguoi-nop/", applicant_post(draft, name="Trần Thị Bình"))
    assert response.status_code == 400 and "Người nộp không phải chủ tài khoản" in response.content.decode()
    response = client.post(
        base(draft) + "/nguoi-nop/",
        applicant_post(
            draft, filing_for="other", name="Trần Thị Bình", relationship="family_member", consent="on"
        ),
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.on_behalf_consent and draft.on_behalf_relationship == "family_member"


def test_applicant_errors_in_english(client, draft):
    client.cookies["django_language"] = "en"
    html = client.post(
        base(draft) + "/nguoi-nop/", applicant_post(draft, personal_id="12345")
    ).content.decode()
    assert "Enter the 12-digit personal identification number." in html


def test_a_stale_version_is_refused_with_a_reload_message(client, draft):
    response = client.post(base(draft) + "/nguoi-nop/", applicant_post(draft, version=draft.version + 5))
    assert response.status_code == 400
    assert "Hãy tải lại trang rồi thử lại." in response.content.decode()


def test_uploads_a_phone_photo_and_a_pdf_and_shows_the_size_limit(client, draft):
    html = client.get(base(draft) + "/giay-to/").content.decode()
    assert "tối đa 10 MB" in html and "1 bản sao" in html and "Bắt buộc" in html
    assert upload(client, draft, "ANH", "IMG_2041.png", PNG_BYTES).status_code == 302
    assert upload(client, draft, "TK", "to-khai.pdf", PDF_BYTES).status_code == 302
    assert sorted(draft.documents.values_list("component_code", flat=True)) == ["ANH", "TK"]
    html = client.get(base(draft) + "/giay-to/").content.decode()
    assert "IMG_2041.pdf" in html and "to-khai.pdf" in html  # the photo is kept as a PDF page
    assert "2 trên 2 giấy tờ bắt buộc" in client.get(base(draft) + "/").content.decode()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "Tệp tải lên bị rỗng."),
        (PNG_BYTES[:40], "Tệp không phải là ảnh PNG đọc được hoặc bị hỏng."),
        (b"just some text, not a document", "Chỉ nhận tệp PDF, JPEG hoặc PNG"),
    ],
    ids=["empty", "truncated-photo", "not-a-document"],
)
def test_an_empty_or_unreadable_file_is_refused_at_once_with_the_reason(client, draft, content, message):
    response = upload(client, draft, "ANH", "anh.png", content)
    html = response.content.decode()
    assert response.status_code == 400
    assert "error-summary" in html and message in html
    assert 'href="#id_doc-ANH-file"' in html
    assert not draft.documents.exists()


def test_upload_refusal_in_english(client, draft):
    client.cookies["django_language"] = "en"
    html = upload(client, draft, "ANH", "anh.png", b"").content.decode()
    assert "The uploaded file is empty." in html


def test_result_delivery_offers_what_the_procedure_allows(client, setup, draft):
    html = client.get(base(draft) + "/nhan-ket-qua/").content.decode()
    assert "Nhận trực tuyến" in html and "Nhận qua bưu chính công ích" in html and "Nhận trực tiếp" in html
    response = client.post(base(draft) + "/nhan-ket-qua/", {"version": draft.version})
    assert response.status_code == 400 and "Chọn cách nhận kết quả." in response.content.decode()
    setup.version.result_form = "paper"
    setup.version.channels = [Channel.ONLINE, Channel.COUNTER]
    setup.version.save(update_fields=["result_form", "channels"])
    response = client.post(base(draft) + "/nhan-ket-qua/", {"version": draft.version, "delivery": "online"})
    assert response.status_code == 400
    response = client.post(base(draft) + "/nhan-ket-qua/", {"version": draft.version, "delivery": "centre"})
    assert response.status_code == 302 and response["Location"] == base(draft) + "/kiem-tra/"
    draft.refresh_from_db()
    assert draft.result_delivery == "centre"


def test_sending_an_incomplete_draft_lists_every_gap_and_keeps_the_draft(client, draft):
    response = client.post(base(draft) + "/kiem-tra/", {"version": draft.version})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Hồ sơ chưa đủ để gửi" in html
    assert "Xác nhận thông tin người nộp." in html and "Tải lên: Tờ khai." in html
    assert "Tải lên: Ảnh chân dung." in html and "Chọn cách nhận kết quả." in html
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_check_answers_then_send_submits_and_confirms_with_the_code(client, setup, draft):
    client.post(base(draft) + "/nguoi-nop/", applicant_post(draft))
    upload(client, draft, "ANH", "anh.png", PNG_BYTES)
    upload(client, draft, "TK", "to-khai.pdf", PDF_BYTES)
    draft.refresh_from_db()
    client.post(base(draft) + "/nhan-ket-qua/", {"version": draft.version, "delivery": "online"})
    draft.refresh_from_db()

    html = client.get(base(draft) + "/kiem-tra/").content.decode()
    assert "12 Hàng Bông" in html and "anh.pdf" in html and "Nhận trực tuyến" in html
    assert base(draft) + "/nguoi-nop/?next=check" in html  # change links
    assert "Hồ sơ còn thiếu" not in html

    response = client.post(base(draft) + "/kiem-tra/", {"version": draft.version})
    assert response.status_code == 302 and response["Location"] == base(draft) + "/da-nop/"
    draft.refresh_from_db()
    assert draft.status == Status.SUBMITTED and draft.submitted_at is not None
    assert Event.objects.filter(dossier=draft, kind=EventKind.SUBMITTED).exists()

    html = client.get(base(draft) + "/da-nop/").content.decode()
    assert re.search(rf'class="big-code[^"]*"[^>]*>{re.escape(draft.code)}<', html)
    assert f'href="/ho-so-cua-toi/{draft.code}/"' in html and 'href="/tra-cuu/"' in html
    # A sent dossier is no longer a draft: its steps lead to the confirmation.
    assert client.get(base(draft) + "/nguoi-nop/")["Location"] == base(draft) + "/da-nop/"
    assert (
        client.post(base(draft) + "/kiem-tra/", {"version": draft.version})["Location"]
        == base(draft) + "/da-nop/"
    )


def test_the_pages_speak_english_when_chosen(client, draft):
    client.cookies["django_language"] = "en"
    html = client.get(base(draft) + "/").content.decode()
    assert "Applicant&#x27;s details" in html or "Applicant's details" in html
    assert "0 of 2 required documents" in html
    html = client.get(base(draft) + "/nhan-ket-qua/").content.decode()
    assert "By public postal service" in html and "How do you want to receive the result?" in html


def test_an_iphone_heic_photo_is_kept_as_a_pdf_page(client, draft):
    import io

    from PIL import Image
    from pillow_heif import register_heif_opener
    from pypdf import PdfReader

    register_heif_opener()
    photo = io.BytesIO()
    Image.new("RGB", (120, 90), (200, 180, 150)).save(photo, format="HEIF")
    assert upload(client, draft, "ANH", "IMG_0042.HEIC", photo.getvalue()).status_code == 302
    document = draft.documents.get()
    assert document.content_type == "application/pdf" and document.original_name == "IMG_0042.pdf"
    with document.file.open("rb") as stored:
        (page,) = PdfReader(io.BytesIO(stored.read())).pages
    assert round(float(page.mediabox.width)) == 842  # A4 landscape, as the photo
    sheet = page.images[0].image.convert("RGB")
    middle = (sheet.width // 2, sheet.height // 2)
    assert all(abs(a - b) < 20 for a, b in zip(sheet.getpixel(middle), (200, 180, 150), strict=True))
    # A small photo is never blown up: 60 dots from its centre is already the white page.
    assert min(sheet.getpixel((middle[0] + 70, middle[1]))) > 240


def test_a_damaged_heic_photo_is_refused_with_the_reason(client, draft):
    import io

    from PIL import Image
    from pillow_heif import register_heif_opener

    register_heif_opener()
    photo = io.BytesIO()
    Image.new("RGB", (120, 90)).save(photo, format="HEIF")
    response = upload(client, draft, "ANH", "IMG_0043.HEIC", photo.getvalue()[:200])
    assert response.status_code == 400
    assert "Tệp không phải là ảnh HEIC đọc được hoặc bị hỏng." in response.content.decode()
    assert not draft.documents.exists()
