"""The result document an agency issues when no file was uploaded: a notice of the result of an administrative
procedure, rendered from the procedure's own template when it has one (official_forms/results/<procedure
code>.html), else from the default one, with WeasyPrint like the official forms."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.template.loader import render_to_string, select_template
from django.utils import translation

from motcua.organization.models import Agency

from .official_forms import text
from .official_forms.render import html_to_pdf

DEFAULT_TEMPLATE = "official_forms/results/default.html"


@dataclass(frozen=True)
class ResultContent:
    code: str
    applicant_name: str
    procedure_code: str
    procedure_name: str
    agency: Agency
    signer: str
    issued_at: datetime


def result_template_names(procedure_code: str) -> list[str]:
    return [f"official_forms/results/{procedure_code}.html", DEFAULT_TEMPLATE]


def render_result_pdf(content: ResultContent) -> bytes:
    """The notice as a PDF, in Vietnamese whatever the request's language (a legal document)."""
    agency = content.agency
    with translation.override("vi"):
        template = select_template(result_template_names(content.procedure_code))
        html = render_to_string(
            template.template.name,
            {
                "code": content.code,
                "applicant": text.capitals(content.applicant_name),
                "procedure": content.procedure_name,
                "agency": {
                    "name": agency.name,
                    "name_caps": text.capitals(agency.name),
                    "parent_caps": text.capitals(agency.parent.name) if agency.parent_id else "",
                },
                "place_and_date": text.place_and_date(agency, content.issued_at),
                "issued_on": text.day(content.issued_at),
                "signer": content.signer,
            },
        )
    return html_to_pdf(html)
