"""Photos straight from a phone: HEIC/HEIF (the default camera format of iPhones) becomes a JPEG when it is
uploaded, so that every officer's browser and the PDF tools can open it; and an applicant's photo (JPEG, PNG, or
HEIC made JPEG) becomes a one-page A4 PDF, so that officers receive every document of a dossier as PDF. The
converted file then passes the same checks as any upload (documents.checks)."""

from __future__ import annotations

import io
import warnings
from pathlib import PurePath

import filetype
from django.conf import settings
from django.core.files.base import ContentFile, File
from PIL import Image, ImageOps

from .checks import MAX_IMAGE_PIXELS, image_unreadable
from .errors import UploadRejected

HEIC_TYPES = frozenset({"image/heic", "image/heif"})
PHOTO_TYPES = frozenset({"image/jpeg", "image/png"})
JPEG_QUALITY = 88

# A photo's PDF page: A4 (210 x 297 mm, portrait or landscape as the photo is) at 150 dots per inch, with a
# 10 mm white margin. 150 dpi keeps a photographed form legible when printed and the page near 200-600 KB.
PAGE_DPI = 150
A4_MM = (210, 297)
MARGIN_MM = 10
PAGE_JPEG_QUALITY = 85


def _dots(mm: float) -> int:
    return round(mm / 25.4 * PAGE_DPI)


def _heif_opener_registered() -> None:
    from pillow_heif import register_heif_opener  # loaded only when a HEIC photo arrives

    register_heif_opener()


def _unreadable() -> UploadRejected:
    return UploadRejected(
        "Tệp không phải là ảnh HEIC đọc được hoặc bị hỏng. Hãy chụp lại, hoặc lưu ảnh dưới dạng JPEG rồi tải lên.",
        "The file is not a readable HEIC photo or is damaged. Take it again, or save it as JPEG and upload it.",
        code="image_unreadable",
    )


def phone_photo_as_jpeg(file: File) -> File:
    """A HEIC/HEIF photo as a JPEG file (upright, as the phone showed it); any other file unchanged. A file over
    the upload limit is left as it is: the upload checks refuse it without decoding it."""
    size = getattr(file, "size", 0) or 0
    if size == 0 or size > settings.MOTCUA_MAX_UPLOAD_BYTES:
        return file
    file.seek(0)
    kind = filetype.guess(file.read(8192))
    file.seek(0)
    if kind is None or kind.mime not in HEIC_TYPES:
        return file
    _heif_opener_registered()
    out = io.BytesIO()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(file, formats=["HEIF"]) as image:
                width, height = image.size
                if width * height > MAX_IMAGE_PIXELS:
                    raise UploadRejected(
                        "Ảnh có quá nhiều điểm ảnh. Hãy giảm độ phân giải rồi tải lên.",
                        "The image has too many pixels. Reduce its resolution and upload it.",
                        code="image_too_large",
                        details={"max_pixels": MAX_IMAGE_PIXELS},
                    )
                ImageOps.exif_transpose(image).convert("RGB").save(out, format="JPEG", quality=JPEG_QUALITY)
    except UploadRejected:
        raise
    except (
        Image.DecompressionBombError,
        Image.DecompressionBombWarning,
        OSError,
        ValueError,
        SyntaxError,
    ) as exc:
        raise _unreadable() from exc
    finally:
        file.seek(0)
    return ContentFile(out.getvalue(), name=f"{_stem(file)}.jpg")


def _stem(file: File) -> str:
    return PurePath(getattr(file, "name", "") or "anh").stem or "anh"


def photo_as_pdf_page(file: File, *, content_type: str) -> File:
    """A photo (`content_type` JPEG or PNG, already through the upload checks: it decodes, within the pixel
    limit) as a one-page A4 PDF named like it: turned upright as the phone's EXIF orientation says, on a page
    of the photo's orientation, scaled down to fit inside the margins (never up), centred, transparency on
    white. Any other type is returned unchanged."""
    if content_type not in PHOTO_TYPES:
        return file
    file.seek(0)
    try:
        with Image.open(file, formats=["JPEG", "PNG"]) as image:
            photo = ImageOps.exif_transpose(image)
            landscape = photo.width > photo.height
            page_size = tuple(_dots(mm) for mm in (sorted(A4_MM, reverse=landscape)))
            margin = _dots(MARGIN_MM)
            photo.thumbnail((page_size[0] - 2 * margin, page_size[1] - 2 * margin), Image.Resampling.LANCZOS)
            page = Image.new("RGB", page_size, "white")
            at = ((page_size[0] - photo.width) // 2, (page_size[1] - photo.height) // 2)
            if photo.mode in ("RGBA", "LA") or (photo.mode == "P" and "transparency" in photo.info):
                photo = photo.convert("RGBA")
                page.paste(photo, at, photo)
            else:
                page.paste(photo.convert("RGB"), at)
    except (OSError, ValueError, SyntaxError) as exc:  # a damaged EXIF block, say
        raise image_unreadable(content_type) from exc
    finally:
        file.seek(0)
    out = io.BytesIO()
    page.save(out, format="PDF", resolution=PAGE_DPI, quality=PAGE_JPEG_QUALITY, title=_stem(file))
    return ContentFile(out.getvalue(), name=f"{_stem(file)}.pdf")
