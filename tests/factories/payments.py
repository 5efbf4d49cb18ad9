"""Dossiers with fees, and the demo provider's signed answers, as a provider would send them."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlsplit

from motcua.catalog.models import FeeLine
from motcua.payments import services
from motcua.payments.models import Payment
from motcua.payments.providers import provider

from .dossiers import Setup, setup_procedure

FEE = 50_000
RETURN_URL = "http://testserver/thanh-toan/ket-qua/"


def setup_with_fee(*, amount: int = FEE, **kwargs) -> Setup:
    setup = setup_procedure(**kwargs)
    FeeLine.objects.create(version=setup.version, order=1, name="Lệ phí", name_en="Fee", amount=amount)
    return setup


def start(setup: Setup, code: str) -> Payment:
    payment, _address = services.payment_start(code=code, actor=setup.applicant, return_url=RETURN_URL)
    return payment


def answer(payment: Payment, result: str) -> dict[str, str]:
    """The demo provider's signed answer for `result` (success, failure, cancel), as its return carries it."""
    return dict(parse_qsl(urlsplit(provider().answer(payment=payment, result=result)).query))


def pay(setup: Setup, code: str, result: str = "success") -> Payment:
    return services.payment_complete(data=answer(start(setup, code), result))
