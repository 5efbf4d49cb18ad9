"""The receipt of a successful payment (biên lai thu phí, lệ phí) as a PDF, printed like the official forms
(WeasyPrint, the vendored Vietnamese font, A4), in Vietnamese whatever the reader's language."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import translation

from motcua.documents.official_forms import text
from motcua.documents.official_forms.render import RenderedForm, html_to_pdf
from motcua.documents.official_forms.selectors import agency_block

from .models import Payment, PaymentMethod

TITLE = "Biên lai thu phí, lệ phí"


def receipt_html(*, payment: Payment) -> str:
    dossier = payment.dossier
    version = dossier.procedure_version
    agency = dossier.receiving_agency
    online = payment.method == PaymentMethod.ONLINE
    with translation.override("vi"):
        context = {
            "title": TITLE,
            "agency": agency_block(agency),
            "place_and_date": text.place_and_date(agency, payment.completed_at),
            "number": payment.receipt_number,
            "code": dossier.code,
            "payer": text.capitals(dossier.applicant_name),
            "procedure": version.name if version else (dossier.group.name if dossier.group_id else ""),
            "lines": [
                {"name": line.name, "amount": text.dong(line.amount)}
                for line in (version.fees.all() if version else [])
            ],
            "amount": text.dong(payment.amount),
            "method": "Trực tuyến" if online else "Tiền mặt tại bộ phận một cửa",
            "provider": payment.provider if online else "",
            "provider_reference": payment.provider_reference,
            "paid_at": text.moment_text(payment.completed_at),
            "collector": "" if online else (payment.started_by.display_name if payment.started_by_id else ""),
        }
        return render_to_string("payments/receipt.html", context)


def render_payment_receipt(*, payment: Payment) -> RenderedForm:
    """The receipt of a successful payment (the caller has checked who may read it, see selectors)."""
    return RenderedForm(
        filename=f"{payment.dossier.code}-bien-lai-{payment.receipt_number}.pdf",
        content=html_to_pdf(receipt_html(payment=payment)),
    )
