"""The official forms, rendered for dossiers that went through the life cycle: the PDF's own text carries the
key fields (code, names with diacritics, dates, appointment, reasons), page 1 renders to an A4 PNG that is not
blank, and the font embedded is the vendored Liberation Serif 2 (which has every Vietnamese letter)."""

from __future__ import annotations

import io
from datetime import datetime

import pytest
import segno
from django.utils import translation
from fontTools.ttLib import TTFont
from PIL import ImageFile
from pypdf import PdfReader

from motcua.catalog.models import ProcedureGroup, ProcedureGroupMember
from motcua.documents.official_forms import render
from motcua.documents.official_forms.errors import FormNotAvailable, UnknownForm
from motcua.documents.official_forms.selectors import timing_label
from motcua.dossiers import services
from motcua.dossiers.models import Dossier
from tests.factories import forms as lc
from tests.factories.accounts import user_with_role
from tests.factories.catalog import ProcedureVersionFactory, RequiredDocumentFactory
from tests.factories.dossiers import applicant_data, setup_procedure

pytestmark = pytest.mark.django_db
NAME = "NGUYỄN THỊ ÁNH TUYẾT"


@pytest.fixture
def cycle():
    return lc.life_cycle()


def pdf_text(dossier: Dossier, form: str, user) -> str:
    rendered = render.render_form(dossier=dossier, form_key=form, user=user)
    reader = PdfReader(io.BytesIO(rendered.content))
    # Text of every page, with line breaks made spaces: a table cell may wrap anywhere.
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def test_receipt_prints_the_code_applicant_documents_times_officer_and_lookup(cycle, settings):
    settings.MOTCUA_PUBLIC_BASE_URL = "https://dichvucong.hanoi.gov.vn"
    d, setup = cycle.returned, cycle.setup
    text = pdf_text(d, "receipt", setup.applicant)
    assert "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" in text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "Độc lập - Tự do - Hạnh phúc" in text
    assert "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG" in text  # the receiving agency, in capitals
    assert f"Mã hồ sơ: {d.code}" in text
    assert f"Ông/Bà: {NAME}" in text
    assert "Số định danh cá nhân: 001190012345" in text
    assert setup.version.name in text
    assert "Tờ khai" in text and "Tệp điện tử" in text  # the component the applicant uploaded
    assert "Thời gian nhận hồ sơ: 14 giờ 30, ngày 09/03/2026" in text
    # Five working days from Monday 14:30; the receipt keeps the appointment it gave, whatever came later.
    assert "Thời gian trả kết quả giải quyết hồ sơ: 14 giờ 30, ngày 16/03/2026" in text
    assert "Hà Nội, ngày 09 tháng 03 năm 2026" in text
    assert setup.officer.full_name in text
    assert f"https://dichvucong.hanoi.gov.vn/tra-cuu/{d.code}/" in text.replace(" ", "")
    assert d.lookup_secret in text


def test_the_receipt_qr_code_encodes_the_public_lookup_page(cycle, settings):
    settings.MOTCUA_PUBLIC_BASE_URL = "https://dichvucong.hanoi.gov.vn"
    d = cycle.returned
    content = render.render_form(dossier=d, form_key="receipt", user=cycle.setup.applicant).content
    (image,) = PdfReader(io.BytesIO(content)).pages[0].images
    picture = image.image.convert("L")
    # The same content gives the same QR matrix: module by module, the picture is the lookup page's code
    # (the secret is printed under it, never put in the link).
    matrix = segno.make(f"https://dichvucong.hanoi.gov.vn/tra-cuu/{d.code}/", error="m").matrix
    scale = picture.width // len(matrix)
    assert picture.width == picture.height == scale * len(matrix)
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            assert (picture.getpixel((x * scale + scale // 2, y * scale + scale // 2)) < 128) == bool(dark)


def test_receipt_prints_the_lookup_secret_only_for_the_applicant_and_the_receiving_officers(cycle):
    d, setup = cycle.returned, cycle.setup
    counter_colleague = user_with_role("receiving_officer", setup.centre)
    assert d.lookup_secret in pdf_text(d, "receipt", counter_colleague)
    for reader in (setup.specialist, setup.leader, setup.inspector):
        text = pdf_text(d, "receipt", reader)
        assert d.lookup_secret not in text
        assert "Mã tra cứu in trên bản giao người nộp hồ sơ." in text


def test_readers_without_access_to_personal_data_get_the_name_only(cycle):
    text = pdf_text(cycle.returned, "receipt", cycle.setup.inspector)
    assert NAME in text
    assert "001190012345" not in text and "0912345678" not in text and "an@example.vn" not in text


def test_completion_lists_every_item_of_the_latest_request(cycle):
    setup = cycle.setup
    intake = pdf_text(cycle.needs_completion, "completion", setup.officer)
    assert "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ" in intake
    assert lc.MISSING_ITEM in intake and lc.GUIDANCE_NOTE in intake
    assert NAME in intake and setup.officer.full_name in intake

    # The returned dossier had the intake guidance, then the department's supplement request: the latter.
    text = pdf_text(cycle.returned, "completion", setup.specialist)
    for item in lc.SUPPLEMENT_ITEMS:
        assert item in text
    assert lc.SUPPLEMENT_REASON in text
    assert lc.MISSING_ITEM not in text
    assert "SỞ TƯ PHÁP" in text  # the agency that asked
    assert "Lúc 09 giờ 00, ngày 10/03/2026, Sở Tư pháp đang giải quyết hồ sơ của" in text
    assert setup.specialist.full_name in text


def test_refusal_prints_the_reasons(cycle):
    d = cycle.refused
    text = pdf_text(d, "refusal", cycle.setup.applicant)
    assert "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ" in text
    assert d.code in text and NAME in text
    assert lc.REFUSAL_REASON in text
    assert "11 giờ 00, ngày 09/03/2026" in text


def test_apology_prints_the_reason_the_new_appointment_and_the_leader(cycle):
    setup = cycle.setup
    text = pdf_text(cycle.returned, "apology", setup.applicant)
    assert "VĂN BẢN XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ" in text
    assert lc.APOLOGY_REASON in text
    # The due moment it cannot keep: the receipt's 16/03 14:30, moved by the 450 working minutes the dossier
    # waited for the supplement.
    assert "thời hạn trả kết quả 14 giờ 00, ngày 17/03/2026" in text
    assert "14 giờ 30, ngày 20/03/2026" in text  # the new appointment
    assert setup.leader.full_name in text
    assert "Hà Nội, ngày 11 tháng 03 năm 2026" in text


def test_stop_prints_the_reasons_and_the_competent_agency(cycle):
    text = pdf_text(cycle.stopped, "stop", cycle.setup.applicant)
    assert "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ" in text
    assert lc.STOP_REASON in text
    assert "SỞ TƯ PHÁP" in text and cycle.setup.leader.full_name in text


def test_control_slip_has_a_row_per_hand_over_with_times_due_and_result(cycle):
    setup, d = cycle.setup, cycle.returned
    reader = PdfReader(
        io.BytesIO(render.render_form(dossier=d, form_key="control", user=setup.officer).content)
    )
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ" in text
    # receipt, supplement request, supplement, apology, step completed, result, return: in that order
    moments = [
        "14:30 09/03/2026",
        "09:00 10/03/2026",
        "08:30 11/03/2026",
        "15:00 11/03/2026",
        "10:00 12/03/2026",
        "09:00 13/03/2026",
    ]
    positions = [text.index(m) for m in moments]
    assert positions == sorted(positions)
    assert text.count("Trước hạn") >= 3  # the step, the result and the return, all before their due days
    assert "Xin lỗi, hẹn lại 14:30 20/03/2026" in text
    assert "Hẹn lại (sau văn bản xin lỗi): 14 giờ 30, ngày 20/03/2026" in text


def test_timing_label_follows_the_timing_classes():
    due = datetime(2026, 3, 16, 9, 30, tzinfo=lc.HN)
    assert timing_label(datetime(2026, 3, 13, 16, 0, tzinfo=lc.HN), due) == "Trước hạn"
    assert timing_label(datetime(2026, 3, 16, 9, 30, tzinfo=lc.HN), due) == "Đúng hạn"
    assert timing_label(datetime(2026, 3, 16, 8, 0, tzinfo=lc.HN), due) == "Đúng hạn"
    assert timing_label(datetime(2026, 3, 16, 9, 31, tzinfo=lc.HN), due) == "Quá hạn"
    assert timing_label(datetime(2026, 3, 16, 9, 31, tzinfo=lc.HN), None) == ""


@pytest.mark.parametrize(
    ("which", "form"),
    [
        ("received", "refusal"),
        ("received", "apology"),
        ("received", "stop"),
        ("received", "completion"),
        ("submitted", "receipt"),
        ("submitted", "control"),
        ("refused", "receipt"),
    ],
)
def test_a_form_the_dossier_has_not_reached_is_not_available(cycle, which, form):
    with pytest.raises(FormNotAvailable) as raised:
        render.render_form(dossier=getattr(cycle, which), form_key=form, user=cycle.setup.officer)
    assert raised.value.status_code == 409
    assert raised.value.code == "form_not_available"


def test_an_unknown_form_is_not_found(cycle):
    with pytest.raises(UnknownForm):
        render.render_form(dossier=cycle.returned, form_key="tracking", user=cycle.setup.officer)


def test_forms_are_vietnamese_whatever_the_language_of_the_request(cycle):
    with translation.override("en"):
        text = pdf_text(cycle.returned, "control", cycle.setup.officer)
    assert "PHIẾU KIỂM SOÁT" in text
    assert "Tiếp nhận" in text and "Trả kết quả" in text  # event kinds, in their Vietnamese labels
    assert "Receive" not in text


def test_page_one_renders_to_a_non_blank_a4_png(cycle, tmp_path):
    content = render.render_form(
        dossier=cycle.returned, form_key="receipt", user=cycle.setup.applicant
    ).content
    image = lc.page_one_image(content, tmp_path)
    # A4 is 210 x 297 mm: 413.4 x 584.6 pixels at 50 dpi.
    assert abs(image.width - 413) <= 1 and abs(image.height - 585) <= 1
    assert lc.dark_share(image) > 0.01  # text, table and QR code, not an empty page
    # The left margin (30 mm, about 59 pixels) stays white.
    assert all(value > 200 for value in image.crop((0, 0, 50, image.height)).get_flattened_data())


def _embedded_fonts(content: bytes) -> list[tuple[str, TTFont]]:
    fonts = []
    for page in PdfReader(io.BytesIO(content)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is None:  # a composite font: the descriptor is its descendant's
                descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            data = descriptor.get_object()["/FontFile2"].get_object().get_data()
            fonts.append((str(font["/BaseFont"]), TTFont(io.BytesIO(data))))
    return fonts


def test_the_embedded_font_is_the_vendored_liberation_serif_2(cycle):
    content = render.render_form(
        dossier=cycle.returned, form_key="receipt", user=cycle.setup.applicant
    ).content
    fonts = _embedded_fonts(content)
    assert fonts
    vendored = TTFont(render.FONT_DIR / "LiberationSerif-Regular.ttf")["name"].getDebugName(5)
    assert vendored == "Version 2.1.5"
    for base_font, font in fonts:
        assert base_font.split("+", 1)[1].startswith("Motcua-Serif")  # subset tag + the @font-face family
        assert font["name"].getDebugName(5) == vendored  # not the system's Liberation 1.07, nor DejaVu
    # "ị" (in THỊ) is drawn with a glyph of the embedded font: Liberation 1.07 has none.
    assert any(0x1ECB in font.getBestCmap() for _, font in fonts)


def test_rendering_fetches_nothing_but_the_vendored_fonts():
    fetcher = render._FontsOnly()
    with pytest.raises(ValueError):
        fetcher.fetch("file:///etc/passwd")
    with pytest.raises(ValueError):
        fetcher.fetch("https://example.com/font.ttf")
    assert fetcher.fetch((render.FONT_DIR / "LiberationSerif-Bold.ttf").as_uri()).status in (None, 200)


def test_a_group_receipt_names_the_group_and_lists_every_members_components():

    setup = setup_procedure()
    second = ProcedureVersionFactory(competent_agency=setup.centre, processing_time_amount=3)
    RequiredDocumentFactory(version=second, code="DON", name="Đơn đề nghị cấp thẻ bảo hiểm y tế", copies=2)
    group = ProcedureGroup.objects.create(
        code="LT01", name="Khai sinh, thường trú, BHYT", processing_time_amount=7
    )
    ProcedureGroupMember.objects.create(group=group, procedure=setup.version.procedure, order=1)
    ProcedureGroupMember.objects.create(group=group, procedure=second.procedure, order=2)
    with lc.at(9, 9, 0):
        parent = services.dossier_submit(
            actor=setup.applicant,
            applicant=applicant_data(),
            channel="online",
            group_code="LT01",
            receiving_agency_code=setup.centre.code,
        )
        parent = services.dossier_receive(code=parent.code, actor=setup.officer, version=parent.version)
    text = pdf_text(parent, "receipt", setup.applicant)
    assert "Khai sinh, thường trú, BHYT" in text
    assert "Tờ khai" in text and "Đơn đề nghị cấp thẻ bảo hiểm y tế" in text
    assert "09 giờ 00, ngày 18/03/2026" in text  # the group's 7 working days


def test_a_walk_in_receipt_carries_the_secret_for_the_counter_officer():

    setup = setup_procedure()
    with lc.at(9, 9, 0):
        d = services.dossier_submit(
            actor=setup.officer,
            applicant=applicant_data(name="Lê Văn Đức"),
            channel="counter",
            procedure_code=setup.version.procedure.code,
            on_behalf_consent=True,
            receive_now=True,
        )
    text = pdf_text(d, "receipt", setup.officer)
    assert "LÊ VĂN ĐỨC" in text and d.lookup_secret in text
    assert "Trực tiếp tại Bộ phận Một cửa" in text
    assert "Bản giấy" in text  # the paper handed over at the counter, not digitized


def test_rendering_leaves_pillow_refusing_truncated_images(cycle):
    """WeasyPrint switches Pillow's LOAD_TRUNCATED_IMAGES on when imported; the upload checks rely on it off."""
    render.render_form(dossier=cycle.returned, form_key="receipt", user=cycle.setup.applicant)
    assert ImageFile.LOAD_TRUNCATED_IMAGES is False
