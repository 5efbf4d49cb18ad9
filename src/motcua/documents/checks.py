"""What an uploaded file must be before it is kept: judged by its whole content, never by its first bytes alone.

- A PDF must parse (pypdf) and have at least one page; active content is refused: JavaScript (in names, open
  actions, additional actions, annotations or form fields), launch and import actions, embedded or attached
  files, XFA forms (they carry scripts), and encrypted files (their objects cannot be checked).
- An image must decode completely (Pillow) in the format its first bytes announce, within a pixel limit.
- No file may contain HTML markup a browser would run (a PDF/HTML or PNG/HTML polyglot).
- File names are normalised: NFC, no control, format or bidirectional-override characters, length capped.

Each refusal is an `UploadRejected` with its own code and a message in Vietnamese and English.
"""

from __future__ import annotations

import re
import unicodedata
import warnings
from typing import IO

from PIL import Image, UnidentifiedImageError
from pypdf import PdfReader
from pypdf.errors import PyPdfError
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

from .errors import UploadRejected

PDF = "application/pdf"
JPEG = "image/jpeg"
PNG = "image/png"
PILLOW_FORMATS = {JPEG: "JPEG", PNG: "PNG"}

# Objects visited in one PDF at most: a real dossier scan has a few thousand; a file built to exhaust the
# check is refused instead of walked for ever.
MAX_PDF_OBJECTS = 200_000
# A decoded image may hold this many pixels at most (a 50-megapixel photo is far beyond a document scan);
# a small file that decodes to gigabytes (a decompression bomb) is refused before it is decoded.
MAX_IMAGE_PIXELS = 50_000_000
MAX_NAME_LENGTH = 200

# What makes a browser treat bytes as a web page or run script in them, wherever it sits in the file (compared in
# lower case). Each tag is long enough that compressed data (a scan, a photo) practically never holds it by
# chance; the short tags that run script (`<svg onload=`, `<img onerror=`) count only with an event handler.
_HTML_TAGS = (
    b"<!doctype html",
    b"<html",
    b"<body",
    b"<script",
    b"<iframe",
    b"<object",
    b"<embed",
    b"<frameset",
)
_TAG_END = frozenset(b" \t\n\r\f/>")
_EVENT_HANDLER = re.compile(rb"on[a-z]{3,30}+\s*+=")  # possessive: no backtracking
_ATTRIBUTE_START = frozenset(b" \t\n\r\f/")
_HANDLER_TAG = re.compile(rb"<(?:svg|img|video|audio|details|input|math|body|marquee)[\s/]")
_HANDLER_REACH = 256  # bytes looked back from an event handler for the tag that holds it
_MARKER_OVERLAP = 512  # longer than any marker with its reach, so one split across two chunks is still seen
# More near-misses than any document holds: a file built to make the scan slow is refused as markup.
_MAX_NEAR_MISSES = 10_000
_CHUNK = 1024 * 1024

# Action types that run code or other programs, or pull data in from outside the file.
_ACTIVE_ACTIONS = {"/JavaScript", "/Launch", "/ImportData", "/RichMediaExecute"}
# Annotation kinds that carry files or players.
_ACTIVE_ANNOTATIONS = {"/FileAttachment", "/RichMedia", "/Movie", "/Sound", "/3D"}

# Cc (control), Cf (format: bidirectional overrides and isolates, zero-width characters), Cs, Co, Cn.
_REMOVED_CATEGORIES = {"Cc", "Cf", "Cs", "Co", "Cn"}


def _rejected(code: str, vi: str, en: str, **details) -> UploadRejected:
    return UploadRejected(vi, en, code=code, details=details or None)


def _has_markup(data: bytes) -> bool:
    """True if `data` (lower case) holds an HTML tag a browser would act on."""
    near_misses = 0
    for tag in _HTML_TAGS:
        at = data.find(tag)
        while at >= 0:
            after = at + len(tag)
            if after >= len(data) or data[after] in _TAG_END:
                return True
            near_misses += 1
            if near_misses > _MAX_NEAR_MISSES:
                return True
            at = data.find(tag, after)
    for match in _EVENT_HANDLER.finditer(data):
        if match.start() > 0 and data[match.start() - 1] in _ATTRIBUTE_START:
            window = data[max(0, match.start() - _HANDLER_REACH) : match.start() + 1]
            opening = window.rfind(b"<")
            if opening >= 0 and b">" not in window[opening:] and _HANDLER_TAG.match(window, opening):
                return True
        near_misses += 1
        if near_misses > _MAX_NEAR_MISSES:
            return True
    return False


def check_no_markup(file: IO[bytes]) -> None:
    """Refuse a file that contains HTML a browser would render or run, wherever it sits in the file."""
    file.seek(0)
    tail = b""
    for chunk in iter(lambda: file.read(_CHUNK), b""):
        lowered = (tail + chunk).lower()
        if _has_markup(lowered):
            file.seek(0)
            raise _rejected(
                "upload_markup",
                "Tệp chứa mã trang web (HTML) nên không được nhận. Hãy tải lên bản PDF hoặc ảnh được xuất "
                "trực tiếp từ phần mềm soạn thảo hoặc máy quét.",
                "The file contains web page markup (HTML) and is not accepted. Upload a PDF or image exported "
                "directly by a word processor or scanner.",
            )
        tail = lowered[-_MARKER_OVERLAP:]
    file.seek(0)


def _active_content(reader: PdfReader) -> str | None:
    """The first kind of active content found by walking every object reachable from the trailer."""
    seen: set[tuple[int, int]] = set()
    stack: list = [reader.trailer]
    visited = 0
    while stack:
        item = stack.pop()
        if isinstance(item, IndirectObject):
            ref = (item.idnum, item.generation)
            if ref in seen:
                continue
            seen.add(ref)
            item = item.get_object()
        visited += 1
        if visited > MAX_PDF_OBJECTS:
            return "too_complex"
        if isinstance(item, DictionaryObject):
            if "/JS" in item or "/JavaScript" in item:
                return "javascript"
            if item.get("/S") in _ACTIVE_ACTIONS:
                return str(item["/S"]).lstrip("/").lower()
            if "/EmbeddedFiles" in item or "/EF" in item or item.get("/Type") == "/EmbeddedFile":
                return "embedded_file"
            if item.get("/Subtype") in _ACTIVE_ANNOTATIONS:
                return "embedded_file"
            if "/XFA" in item:
                return "xfa"
            stack.extend(item.values())
        elif isinstance(item, ArrayObject):
            stack.extend(item)
    return None


def check_pdf(file: IO[bytes]) -> None:
    """A PDF that parses, has pages and holds no active content."""
    file.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # pypdf warns about every repaired defect; a refusal says enough
            reader = PdfReader(file, strict=False)
            if reader.is_encrypted:
                raise _rejected(
                    "pdf_encrypted",
                    "Tệp PDF được đặt mật khẩu hoặc mã hóa. Hãy tải lên bản không khóa.",
                    "The PDF is password-protected or encrypted. Upload an unlocked copy.",
                )
            pages = len(reader.pages)
            for page in reader.pages:
                page.mediabox  # noqa: B018 (reading it checks the page's own dictionary)
            active = _active_content(reader) if pages else None
    except UploadRejected:
        raise
    except (PyPdfError, ValueError, TypeError, KeyError, AttributeError, IndexError, RecursionError, OSError):
        raise _rejected(
            "pdf_unreadable",
            "Tệp không phải là PDF hợp lệ hoặc bị hỏng. Hãy xuất lại tệp PDF rồi tải lên.",
            "The file is not a valid PDF or is damaged. Export the PDF again and upload it.",
        ) from None
    finally:
        file.seek(0)
    if pages == 0:
        raise _rejected("pdf_no_pages", "Tệp PDF không có trang nào.", "The PDF has no pages.")
    if active == "too_complex":
        raise _rejected(
            "pdf_too_complex",
            "Tệp PDF có cấu trúc quá phức tạp để kiểm tra. Hãy in lại ra PDF rồi tải lên.",
            "The PDF is too complex to check. Print it to PDF again and upload it.",
        )
    if active:
        raise _rejected(
            "pdf_active_content",
            "Tệp PDF chứa nội dung chủ động (mã JavaScript, lệnh chạy chương trình, tệp đính kèm hoặc biểu "
            "mẫu XFA) nên không được nhận. Hãy in lại ra PDF (chỉ gồm nội dung trang) rồi tải lên.",
            "The PDF contains active content (JavaScript, a launch action, an attached file or an XFA form) "
            "and is not accepted. Print it to PDF again (page content only) and upload it.",
            found=active,
        )


def check_image(file: IO[bytes], *, content_type: str) -> None:
    """An image that decodes completely, in the format its first bytes announce."""
    expected = PILLOW_FORMATS[content_type]
    file.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(file, formats=[expected]) as image:
                width, height = image.size
                if width * height > MAX_IMAGE_PIXELS:
                    raise _image_too_large()
                image.load()  # decodes every pixel: a truncated or forged body fails here
                if image.format != expected:
                    raise ValueError(image.format)
    except UploadRejected:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise _image_too_large() from exc
    except (
        UnidentifiedImageError,
        OSError,
        ValueError,
        SyntaxError,
        TypeError,
        EOFError,
        MemoryError,
    ) as exc:
        raise image_unreadable(content_type) from exc
    finally:
        file.seek(0)


def _image_too_large() -> UploadRejected:
    return _rejected(
        "image_too_large",
        "Ảnh có quá nhiều điểm ảnh. Hãy giảm độ phân giải rồi tải lên.",
        "The image has too many pixels. Reduce its resolution and upload it.",
        max_pixels=MAX_IMAGE_PIXELS,
    )


def image_unreadable(content_type: str) -> UploadRejected:
    name = PILLOW_FORMATS[content_type]
    return _rejected(
        "image_unreadable",
        f"Tệp không phải là ảnh {name} đọc được hoặc bị hỏng. Hãy chụp hoặc quét lại rồi tải lên.",
        f"The file is not a readable {name} image or is damaged. Take or scan it again and upload it.",
    )


def check_content(file: IO[bytes], *, content_type: str) -> None:
    """Every check that applies to a file whose first bytes say `content_type`."""
    check_no_markup(file)
    if content_type == PDF:
        check_pdf(file)
    else:
        check_image(file, content_type=content_type)


def clean_file_name(name: str, *, max_length: int = MAX_NAME_LENGTH) -> str:
    """The name as shown to people: its last path part, NFC, without control, format (bidirectional override,
    zero-width) or private-use characters, spaces collapsed, at most `max_length` characters with the
    extension kept."""
    name = unicodedata.normalize("NFC", str(name or ""))
    name = re.split(r"[\\/]", name)[-1]
    name = "".join(" " if ch in "\t\r\n" else ch for ch in name)
    name = "".join(ch for ch in name if unicodedata.category(ch) not in _REMOVED_CATEGORIES)
    name = " ".join(name.split()).strip(" .")
    if len(name) > max_length:
        stem, dot, ext = name.rpartition(".")
        if dot and 0 < len(ext) <= 10 and stem:
            name = stem[: max_length - len(ext) - 1].rstrip() + "." + ext
        else:
            name = name[:max_length].rstrip()
    return name
