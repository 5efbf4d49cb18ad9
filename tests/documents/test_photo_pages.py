"""An applicant's photo (JPEG, PNG) becomes a one-page A4 PDF: upright as the phone's EXIF says, on a page of the
photo's orientation, scaled down to fit inside the margins and never up, transparency on white; the PDF passes
the same upload checks as any other. Officers' scans are kept as they are."""

from __future__ import annotations

import io

import pytest
from django.core.files.base import ContentFile
from PIL import Image
from pypdf import PdfReader

from motcua.documents import photos
from motcua.documents.services import check_upload

A4_POINTS = (595.28, 841.89)


def encoded(image: Image.Image, fmt: str, **options) -> bytes:
    out = io.BytesIO()
    image.save(out, fmt, **options)
    return out.getvalue()


def as_page(data: bytes, name: str, content_type: str):
    result = photos.photo_as_pdf_page(ContentFile(data, name=name), content_type=content_type)
    reader = PdfReader(io.BytesIO(result.read()))
    result.seek(0)
    (page,) = reader.pages
    size = (float(page.mediabox.width), float(page.mediabox.height))
    (picture,) = page.images
    return result, size, picture.image


def test_a_phone_photo_turned_by_exif_lands_upright_on_a_portrait_a4_page():
    # Stored 400 x 300 (landscape) with "rotate 90° clockwise to show": the phone showed it 300 x 400.
    stored = Image.new("RGB", (400, 300), "white")
    stored.paste((200, 0, 0), (0, 0, 400, 20))  # a red band along the stored top edge
    exif = Image.Exif()
    exif[0x0112] = 6
    result, size, picture = as_page(encoded(stored, "JPEG", exif=exif), "IMG_0001.jpg", "image/jpeg")
    assert result.name == "IMG_0001.pdf"
    assert size == pytest.approx(A4_POINTS, abs=1)
    margin = round(10 / 25.4 * photos.PAGE_DPI)
    # The photo sits centred on the page: the red band is now on the right-hand side, upright as shown.
    left = (picture.width - 300) // 2
    top = (picture.height - 400) // 2
    assert left >= margin and top >= margin
    red, green, _blue = picture.convert("RGB").getpixel((left + 300 - 5, top + 200))
    assert red > 150 and green < 80
    assert picture.convert("RGB").getpixel((left + 5, top + 200))[1] > 200  # the left side is white


def test_a_large_landscape_photo_is_scaled_down_to_fit_a_landscape_page():
    photo = Image.effect_noise((4032, 3024), 40).convert("RGB")
    result, size, picture = as_page(encoded(photo, "JPEG", quality=90), "anh.jpg", "image/jpeg")
    assert size == pytest.approx(tuple(reversed(A4_POINTS)), abs=1)
    # 150 dpi: an A4 landscape page is 1754 x 1240 dots; the photo fits inside its 10 mm margins.
    assert picture.size == (round(297 / 25.4 * 150), round(210 / 25.4 * 150))
    assert result.size < 1_500_000
    assert check_upload(file=result).content_type == "application/pdf"


def test_a_transparent_png_is_laid_on_white():
    logo = Image.new("RGBA", (200, 300), (0, 0, 0, 0))
    logo.paste((0, 0, 200, 255), (50, 50, 150, 250))
    _result, _size, picture = as_page(encoded(logo, "PNG"), "giay-to.png", "image/png")
    rgb = picture.convert("RGB")
    left, top = (rgb.width - 200) // 2, (rgb.height - 300) // 2
    assert min(rgb.getpixel((left + 10, top + 10))) > 240  # transparent: white, not black
    red, _green, blue = rgb.getpixel((left + 100, top + 150))
    assert blue > 150 and red < 60  # the blue stays blue


def test_a_pdf_is_not_touched():
    file = ContentFile(b"%PDF-1.4 ...", name="to-khai.pdf")
    assert photos.photo_as_pdf_page(file, content_type="application/pdf") is file
