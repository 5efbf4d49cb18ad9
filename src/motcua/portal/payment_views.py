"""Paying a dossier's fees online: starting a payment (from the online form's fee step or from "my dossier"),
the demo provider's own page, and the page the provider sends the payer back to.

Plain forms and redirects: everything works without JavaScript. The rules are motcua.payments'.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from motcua.core.errors import ApplicationError
from motcua.dossiers.models import Status
from motcua.payments import providers, selectors, services
from motcua.payments.errors import PaymentNotFound
from motcua.payments.models import PaymentStatus


def start_online_payment(request, code: str):
    """Start a payment of the dossier's fees and send the payer to the provider; on a refusal, back to the
    page the payment was asked from, with the reason."""
    try:
        _payment, address = services.payment_start(
            code=code, actor=request.user, return_url=request.build_absolute_uri(reverse("payment_return"))
        )
    except ApplicationError as error:
        if error.status_code in (403, 404):  # the owner's own pages: anyone else finds nothing here
            raise Http404(error.message()) from error
        messages.error(request, error.message())
        return None
    return redirect(address)


def page_after_payment(dossier) -> str:
    """Where the payer goes once the payment has ended: the online form's fee step for a draft, else the
    dossier's page."""
    if dossier.status == Status.DRAFT:
        return reverse("submission_fee", kwargs={"code": dossier.code})
    return reverse("my_dossier_detail", kwargs={"code": dossier.code}) + "#fees"


@login_required
@require_POST
def my_dossier_pay(request, code: str):
    return start_online_payment(request, code) or redirect(
        reverse("my_dossier_detail", kwargs={"code": code}) + "#fees"
    )


OUTCOME_MESSAGES = {
    PaymentStatus.FAILED: (
        messages.ERROR,
        gettext_lazy(
            "Thanh toán không thành công và bạn chưa bị trừ tiền. Bạn có thể thử lại, hoặc nộp phí tại quầy."
        ),
    ),
    PaymentStatus.CANCELLED: (
        messages.WARNING,
        gettext_lazy(
            "Bạn đã hủy thanh toán; phí, lệ phí chưa được nộp. Bạn có thể thử lại, hoặc nộp phí tại quầy."
        ),
    ),
    PaymentStatus.DUPLICATE: (
        messages.WARNING,
        gettext_lazy(
            "Hồ sơ đã được nộp phí trước đó: khoản thanh toán này là nộp trùng và sẽ được hoàn trả cho bạn."
        ),
    ),
    PaymentStatus.CLOSED: (
        messages.WARNING,
        gettext_lazy(
            "Hồ sơ đã kết thúc (rút, dừng giải quyết hoặc từ chối tiếp nhận) nên không còn phải nộp phí: khoản "
            "thanh toán này sẽ được hoàn trả cho bạn."
        ),
    ),
}


def payment_return(request):
    """The provider sends the payer back here with its signed answer: apply it (the same as its callback;
    applying it twice changes nothing) and show the outcome where the payment was asked from."""
    try:
        payment = services.payment_complete(data=request.GET)
    except ApplicationError as error:
        context = {"message": error.message()}
        return render(request, "portal/payment/problem.html", context, status=error.status_code)
    if payment.status == PaymentStatus.SUCCEEDED:
        messages.success(
            request,
            _("Đã nộp phí, lệ phí trực tuyến. Số biên lai: %(number)s.") % {"number": payment.receipt_number},
        )
    elif payment.status in OUTCOME_MESSAGES:
        level, text = OUTCOME_MESSAGES[payment.status]
        messages.add_message(request, level, str(text))
    return redirect(page_after_payment(payment.dossier))


def payment_demo(request, reference: str):
    """The demo provider's page: the amount and the dossier, and three buttons (pay, fail, cancel)."""
    chosen = providers.provider()
    if not isinstance(chosen, providers.DemoProvider):
        raise Http404
    try:
        payment = selectors.payment_by_reference(reference=reference)
    except PaymentNotFound as error:
        raise Http404(error.message()) from error
    if request.method == "POST":
        result = request.POST.get("result", "")
        if result in providers.STATUS_OF_RESULT:
            return redirect(chosen.answer(payment=payment, result=result))
    context = {"payment": payment, "ended": payment.status != PaymentStatus.PENDING}
    return render(request, "portal/payment/demo.html", context)
