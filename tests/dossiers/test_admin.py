"""The admin shows dossiers read-only, with the account that filed them and the on-behalf consent."""

import pytest
from django.urls import reverse

from motcua.dossiers import services
from tests.factories.dossiers import applicant_data, setup_procedure, submit_online

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("admin", "admin@example.vn", "pw-motcua"))
    return client


def test_the_dossier_pages_show_who_filed_and_the_consent_and_allow_no_edit(admin_client):
    setup = setup_procedure()
    dossier = submit_online(
        setup,
        applicant=applicant_data(name="Trần Thị Bình"),
        on_behalf=services.OnBehalf(
            relationship="legal_representative", consent=True, note="Con chưa thành niên"
        ),
    )
    listing = admin_client.get(reverse("admin:dossiers_dossier_changelist"), HTTP_ACCEPT_LANGUAGE="vi")
    assert listing.status_code == 200
    assert dossier.code in listing.content.decode() and setup.applicant.full_name in listing.content.decode()
    page = admin_client.get(
        reverse("admin:dossiers_dossier_change", args=[dossier.pk]), HTTP_ACCEPT_LANGUAGE="vi"
    )
    html = page.content.decode()
    assert page.status_code == 200
    assert "Người đại diện theo pháp luật" in html and "Con chưa thành niên" in html
    assert 'name="applicant_name"' not in html  # read-only
    assert admin_client.get(reverse("admin:dossiers_dossier_add")).status_code == 403
