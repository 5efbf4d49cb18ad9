"""Official forms as PDF: the form's HTML template rendered with WeasyPrint, its font embedded.

The font is the vendored Liberation Serif (Times New Roman's metrics, every Vietnamese letter), loaded with
@font-face from its file: the PDF is the same whatever fonts the server has. Rendering reads nothing but that
font folder and `data:` URLs (the QR code): a form never reaches the network.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

import segno
import weasyprint.images  # noqa: F401 - imported for its side effect on Pillow, undone below
from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import translation
from PIL import ImageFile
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher

from motcua.accounts.models import User
from motcua.dossiers.models import Dossier

from .kinds import form_named
from .selectors import form_context, viewer_of

# Importing WeasyPrint's image module sets Pillow's process-wide LOAD_TRUNCATED_IMAGES, which would let a
# truncated upload pass the document checks (motcua.documents.checks). The forms hold no image but the QR code
# rendered here, whole: Pillow's default is put back.
ImageFile.LOAD_TRUNCATED_IMAGES = False

FONT_DIR = Path(settings.BASE_DIR) / "static" / "vendor" / "fonts" / "liberation-serif-2.1.5"
FONT_FAMILY = "Motcua Serif"  # a name of our own: no system font can stand in for it
FONT_FILES = {
    ("normal", "normal"): "LiberationSerif-Regular.ttf",
    ("bold", "normal"): "LiberationSerif-Bold.ttf",
    ("normal", "italic"): "LiberationSerif-Italic.ttf",
    ("bold", "italic"): "LiberationSerif-BoldItalic.ttf",
}


@dataclass(frozen=True)
class RenderedForm:
    filename: str  # e.g. HN.09832.TTPV-261203-0001-bien-nhan.pdf
    content: bytes

    def http_response(self) -> HttpResponse:
        """The PDF as an answer: shown in the browser, named, never cached (personal data)."""
        response = HttpResponse(self.content, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="{self.filename}"'
        response["Cache-Control"] = "private, no-store"
        return response


class _FontsOnly(URLFetcher):
    """Fetches the vendored font files and `data:` URLs, nothing else; a failure stops the rendering (a form
    must never come out in a fallback font)."""

    def __init__(self) -> None:
        super().__init__(allowed_protocols={"file", "data"}, fail_on_errors=True)

    def fetch(self, url, headers=None):
        if url.startswith("file:"):
            path = Path(url.removeprefix("file://")).resolve()
            if path.parent != FONT_DIR.resolve():
                raise ValueError(f"not a vendored font: {url}")
        return super().fetch(url, headers)


def font_faces() -> list[dict[str, str]]:
    return [
        {"weight": weight, "style": style, "url": (FONT_DIR / name).as_uri()}
        for (weight, style), name in FONT_FILES.items()
    ]


def qr_data_uri(content: str) -> str:
    """A QR code as a PNG `data:` URL, 8 pixels a module (printed 30 mm wide: over 200 dpi, drawn without
    smoothing). A PNG lays out about 50 ms faster than the same code as SVG."""
    return segno.make(content, error="m").png_data_uri(scale=8, border=0)


_parsed = threading.local()


def _stylesheet() -> tuple[CSS, FontConfiguration]:
    """The forms' stylesheet and the fonts it loads, parsed once per thread: loading the four font files is
    most of what a short form costs otherwise."""
    cached = getattr(_parsed, "stylesheet", None)
    if cached is None:
        font_config = FontConfiguration()
        source = render_to_string(
            "official_forms/forms.css", {"font_family": FONT_FAMILY, "font_faces": font_faces()}
        )
        cached = (CSS(string=source, font_config=font_config, url_fetcher=_FontsOnly()), font_config)
        _parsed.stylesheet = cached
    return cached


def html_to_pdf(html: str) -> bytes:
    stylesheet, font_config = _stylesheet()
    document = HTML(string=html, url_fetcher=_FontsOnly())
    return document.write_pdf(stylesheets=[stylesheet], font_config=font_config)


def form_html(*, dossier: Dossier, form_key: str, user: User) -> str:
    """The form's HTML, in Vietnamese whatever the request's language (the forms are legal documents)."""
    form = form_named(form_key)
    with translation.override("vi"):
        context = form_context(dossier=dossier, form=form, viewer=viewer_of(dossier, user))
        if context.get("lookup_url"):
            context["qr"] = qr_data_uri(context["lookup_url"])
        return render_to_string(form.template, context)


def render_form(*, dossier: Dossier, form_key: str, user: User) -> RenderedForm:
    """One official form of a dossier the user may see (see dossiers.selectors.dossier_for), as a PDF."""
    form = form_named(form_key)
    html = form_html(dossier=dossier, form_key=form_key, user=user)
    return RenderedForm(filename=f"{dossier.code}-{form.slug}.pdf", content=html_to_pdf(html))
