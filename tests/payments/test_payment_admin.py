"""The admin lists payments read-only, and finds the duplicates to refund."""

import pytest
from django.urls import reverse

from motcua.payments import services
from tests.factories.dossiers import submit_online
from tests.factories.payments import answer, setup_with_fee, start

pytestmark = pytest.mark.django_db


def test_the_duplicates_to_refund_are_listed_and_nothing_is_editable(client, django_user_model):
    setup = setup_with_fee()
    dossier = submit_online(setup)
    one, two = start(setup, dossier.code), start(setup, dossier.code)
    services.payment_complete(data=answer(one, "success"))
    services.payment_complete(data=answer(two, "success"))
    client.force_login(django_user_model.objects.create_superuser("admin", "admin@example.vn", "pw-motcua"))
    listing = client.get(
        reverse("admin:payments_payment_changelist") + "?status__exact=duplicate"
    ).content.decode()
    assert two.reference in listing and one.reference not in listing
    page = client.get(reverse("admin:payments_payment_change", args=[two.pk])).content.decode()
    assert 'name="_save"' not in page
    assert client.get(reverse("admin:payments_payment_add")).status_code == 403
