"""Photos straight from a phone: HEIC/HEIF (the default camera format of iPhones) becomes a JPEG when it is
uploaded, so that every officer's browser and the PDF tools can open it. The JPEG then passes the same checks as
any upload (documents.checks)."""

from __future__ import annotations

import io
import warnings
from pathlib import PurePath

import filetype
from django.conf import settings
from django.core.files.base import ContentFile, File
from PIL import Image, ImageOps

from .checks import MAX_IMAGE_PIXELS
from .errors import UploadRejected

HEIC_TYPES = frozenset({"image/heic", "image/heif"})
JPEG_QUALITY = 88


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
    name = PurePath(getattr(file, "name", "") or "anh").stem or "anh"
    return ContentFile(out.getvalue(), name=f"{name}.jpg")
