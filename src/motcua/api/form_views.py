"""Official forms as PDF (motcua.documents.official_forms): `GET dossiers/{code}/forms/{form}.pdf`, a dossier's
forms, and `GET agencies/{code}/tracking-book.pdf?from=&to=`, an agency's tracking book.

The answer is the PDF whatever the client accepts (`Accept: application/pdf` included: no 406); errors stay in
the API's JSON error shape.
"""

from __future__ import annotations

from datetime import date

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import permissions, renderers
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.views import APIView

from motcua.core.errors import NotFound, ValidationFailed
from motcua.documents.official_forms import tracking_book
from motcua.documents.official_forms.kinds import FORMS
from motcua.documents.official_forms.render import render_form
from motcua.dossiers import selectors
from motcua.organization.selectors import agency_by_code

from .schema import ERROR, MotcuaAutoSchema

PDF = "application/pdf"


class PDFRenderer(renderers.BaseRenderer):
    """The success answer's media type; the view answers the PDF bytes itself."""

    media_type = PDF
    format = "pdf"
    charset = None
    render_style = "binary"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return data


class PDFOnly(BaseContentNegotiation):
    """The answer is the PDF whatever `Accept` (or `?format=`) says: never 406; errors switch to JSON (see
    `DossierFormView.handle_exception`)."""

    def select_parser(self, request, parsers):
        return parsers[0] if parsers else None

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


class PDFAnswerSchema(MotcuaAutoSchema):
    """The success answer is a PDF; every error answer is the JSON `Error`."""

    def _get_response_for_code(self, serializer, status_code, media_types=None, direction="response"):
        if str(status_code) >= "400":
            media_types = ["application/json"]
        return super()._get_response_for_code(serializer, status_code, media_types, direction)


FORM_TITLES = "; ".join(f"`{form.key}`: Mẫu số {form.number}, {form.title}" for form in FORMS.values())


class PDFAnswerView(APIView):
    """A GET that answers a PDF, and its errors in the API's JSON error shape."""

    permission_classes = [permissions.IsAuthenticated]
    renderer_classes = [PDFRenderer]
    content_negotiation_class = PDFOnly
    schema = PDFAnswerSchema()

    def handle_exception(self, exc):
        """Errors are answered in JSON even to a client that asked for the PDF only."""
        response = super().handle_exception(exc)
        self.request.accepted_renderer = renderers.JSONRenderer()
        self.request.accepted_media_type = renderers.JSONRenderer.media_type
        return response


class DossierFormView(PDFAnswerView):
    @extend_schema(
        operation_id="dossiers_form",
        summary="An official form of the dossier, as PDF",
        description=(
            "The standard forms of Circular 03/2025/TT-VPCP, from the dossier's data and events, in Vietnamese "
            f"whatever `Accept-Language` says: {FORM_TITLES}. Scoped like the dossier's detail (outside the "
            "caller's scope: 404). A form the dossier has not reached yet (a refusal of a received dossier) "
            "answers 409 `form_not_available`. The receipt prints the lookup secret only for the applicant and "
            "the receiving agency's officers."
        ),
        parameters=[
            OpenApiParameter("form", OpenApiTypes.STR, OpenApiParameter.PATH, enum=list(FORMS)),
        ],
        responses={
            (200, PDF): OpenApiResponse(
                OpenApiTypes.BINARY,
                description="The PDF (A4), with `Content-Disposition: inline; filename=<code>-<form>.pdf`",
            ),
            404: OpenApiResponse(
                ERROR.response,
                description="No such dossier in the caller's scope (`dossier_not_found`), or no such form",
            ),
            409: OpenApiResponse(ERROR.response, description="`form_not_available`: not issued yet"),
        },
    )
    def get(self, request, code: str, form: str):
        dossier = selectors.dossier_for(user=request.user, code=code)
        rendered = render_form(dossier=dossier, form_key=form, user=request.user)
        return rendered.http_response()


def _date_parameter(request, name: str) -> date:
    raw = request.query_params.get(name, "")
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise ValidationFailed(
            "Nhập ngày theo dạng YYYY-MM-DD.",
            "Give the date as YYYY-MM-DD.",
            details={name: ["invalid_date"]},
        ) from None


class AgencyTrackingBookView(PDFAnswerView):
    @extend_schema(
        operation_id="agencies_tracking_book",
        summary="The agency's tracking book for a date range, as PDF",
        description=(
            f"Mẫu số {tracking_book.NUMBER}, {tracking_book.TITLE}: one row per dossier the agency received or is "
            "competent for, received between `from` and `to` (local dates, both included), in the order "
            "received: code, applicant, procedure, competent agency, received, due, handed over for processing, "
            "result, returned, notes. A4 landscape, in Vietnamese. For the agency's officers, inspectors and "
            f"administrators (403 otherwise). At most {tracking_book.MAX_DAYS} days (400 `range_too_long`) and "
            f"{tracking_book.MAX_ROWS} dossiers (400 `tracking_book_too_large`: choose a shorter range)."
        ),
        parameters=[
            OpenApiParameter("from", OpenApiTypes.DATE, OpenApiParameter.QUERY, required=True),
            OpenApiParameter("to", OpenApiTypes.DATE, OpenApiParameter.QUERY, required=True),
        ],
        responses={
            (200, PDF): OpenApiResponse(
                OpenApiTypes.BINARY,
                description="The PDF, with `Content-Disposition: inline; filename=<agency>-so-theo-doi-<dates>.pdf`",
            ),
            400: OpenApiResponse(
                ERROR.response,
                description="A date missing or not YYYY-MM-DD, `to` before `from`, the range too long, or too "
                "many dossiers in it",
            ),
            403: OpenApiResponse(
                ERROR.response, description="Not an officer of the agency, inspector or administrator"
            ),
            404: OpenApiResponse(ERROR.response, description="No such agency (`agency_not_found`)"),
        },
    )
    def get(self, request, code: str):
        agency = agency_by_code(code)
        if agency is None:
            raise NotFound("Không tìm thấy cơ quan.", "No such agency.", code="agency_not_found")
        rendered = tracking_book.render_tracking_book(
            agency=agency,
            first=_date_parameter(request, "from"),
            last=_date_parameter(request, "to"),
            user=request.user,
        )
        return rendered.http_response()
