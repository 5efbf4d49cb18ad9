"""The counter intake pages: a receiving officer of the section enters a walk-in dossier for the applicant in
four steps, through the dossier services; nobody else may use them."""

from datetime import datetime

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from motcua.accounts.models import Role
from motcua.catalog.models import ExpressLane, Procedure
from motcua.catalog.services import procedure_refresh_search
from motcua.core import clock
from motcua.dossiers.models import Dossier, Event, EventKind, Status
from tests.factories.accounts import user_with_role
from tests.factories.catalog import RequiredDocumentFactory
from tests.factories.dossiers import PDF_BYTES, setup_procedure
from tests.factories.organization import AgencyFactory, ProvinceFactory

pytestmark = pytest.mark.django_db

# A Tuesday morning, in working hours.
TUESDAY = datetime(2026, 3, 10, 9, 0, tzinfo=clock.LOCAL_TZ)
APPLICANT = {
    "channel": "counter",
    "name": "Trần Thị Bình",
    "personal_id": "",
    "phone": "0912345678",
    "consent": "on",
}


@pytest.fixture(autouse=True)
def tuesday():
    with time_machine.travel(TUESDAY, tick=False):
        yield


@pytest.fixture
def setup():
    setup = setup_procedure()
    RequiredDocumentFactory(version=setup.version, code="GKS", name="Giấy khai sinh", mandatory=True)
    RequiredDocumentFactory(version=setup.version, code="AT", name="Ảnh thẻ", mandatory=False)
    return setup


def start_draft(client, setup, **fields) -> Dossier:
    client.force_login(setup.officer)
    response = client.post(
        f"/workspace/quay/thu-tuc/{setup.version.procedure.code}/", {**APPLICANT, **fields}
    )
    assert response.status_code == 302, response.content.decode()
    return Dossier.objects.get(filed_by=setup.officer, status=Status.DRAFT)


def tick(client, dossier, **choices) -> None:
    components = {c.code: c.pk for c in dossier.procedure_version.documents.all()}
    data = {f"component-{components[code]}": value for code, value in choices.items()}
    response = client.post(f"/workspace/quay/{dossier.code}/giay-to/", data)
    assert response.status_code == 302


def decide(client, dossier, **data):
    dossier.refresh_from_db()
    return client.post(f"/workspace/quay/{dossier.code}/quyet-dinh/", {"version": dossier.version, **data})


def test_search_ignores_diacritics_and_shows_the_express_lane_of_today(client, setup):
    procedure = Procedure.objects.get(pk=setup.version.procedure_id)
    procedure.name = "Cấp phiếu lý lịch tư pháp"
    procedure.save()
    procedure_refresh_search(procedure=procedure)

    ExpressLane.objects.create(
        procedure=setup.version.procedure, agency=setup.centre, weekdays=[1], working_minutes=60
    )
    client.force_login(setup.officer)

    html = client.get("/workspace/quay/", {"q": "ly lich tu phap"}).content.decode()

    assert f'data-procedure="{setup.version.procedure.code}"' in html
    assert "Làn xanh hôm nay: 60 phút làm việc" in html


def test_receiving_a_walk_in_makes_the_dossier_with_its_receipt(client, setup):
    dossier = start_draft(client, setup)
    tick(client, dossier, TK="original", GKS="copy")

    response = decide(client, dossier, decision="receive")

    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.status == Status.RECEIVED and dossier.channel == "counter"
    assert dossier.on_behalf_consent and dossier.applicant_id is None
    html = client.get(response["Location"]).content.decode()
    assert dossier.code in html and f"/api/v1/dossiers/{dossier.code}/forms/receipt.pdf" in html
    assert clock.to_local(dossier.due_at).strftime("%H:%M %d/%m/%Y") in html


def test_an_express_lane_gives_the_receipt_its_working_minute_deadline(client, setup):
    ExpressLane.objects.create(
        procedure=setup.version.procedure, agency=setup.centre, weekdays=[1], working_minutes=60
    )
    dossier = start_draft(client, setup)
    tick(client, dossier, TK="original", GKS="original")

    response = decide(client, dossier, decision="receive")

    dossier.refresh_from_db()
    assert dossier.is_express and clock.to_local(dossier.due_at) == TUESDAY.replace(hour=10)
    assert "Làn xanh: 60 phút làm việc" in client.get(response["Location"]).content.decode()
    client.force_login(setup.specialist)  # the dossier is at the department's step now
    queue = client.get("/workspace/ho-so/", {"queue": "agency"}).content.decode()
    assert "data-express-lane" in queue


def test_guidance_lists_every_unticked_mandatory_component(client, setup):
    dossier = start_draft(client, setup)
    tick(client, dossier, TK="original")  # the birth certificate is missing; the photo is optional

    page = client.get(f"/workspace/quay/{dossier.code}/quyet-dinh/").content.decode()
    assert "Giấy khai sinh" in page.split('id="unticked"')[1]
    response = decide(client, dossier, decision="guide", items="Bản sao sổ hộ khẩu")

    dossier.refresh_from_db()
    assert dossier.status == Status.NEEDS_COMPLETION
    assert dossier.missing_items == ["Bản sao sổ hộ khẩu", "Giấy khai sinh"]
    assert "completion.pdf" in client.get(response["Location"]).content.decode()


def test_refusing_needs_reasons_and_keeps_the_draft(client, setup):
    dossier = start_draft(client, setup)

    response = decide(client, dossier, decision="refuse", note="ghi chú giữ lại")

    html = response.content.decode()
    assert response.status_code == 400
    assert "Nêu rõ lý do." in html and 'value="ghi chú giữ lại"' in html
    dossier.refresh_from_db()
    assert dossier.status == Status.DRAFT  # the submission rolled back with the refusal
    decide(client, dossier, decision="refuse", reasons="Không thuộc thẩm quyền")
    dossier.refresh_from_db()
    assert dossier.status == Status.REFUSED and dossier.reasons == "Không thuộc thẩm quyền"


def test_typed_values_are_kept_when_the_applicant_is_wrong(client, setup):
    client.force_login(setup.officer)
    response = client.post(
        f"/workspace/quay/thu-tuc/{setup.version.procedure.code}/",
        {**APPLICANT, "consent": "", "personal_id": "123"},
    )

    html = response.content.decode()
    assert response.status_code == 400
    assert 'value="Trần Thị Bình"' in html and "error-summary" in html
    assert not Dossier.objects.exists()


def test_the_officer_corrects_the_applicant_of_a_draft(client, setup):
    dossier = start_draft(client, setup)

    response = client.post(
        f"/workspace/quay/{dossier.code}/nguoi-nop/",
        {**APPLICANT, "name": "Trần Thị Bình An", "version": dossier.version},
    )

    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.applicant_name == "Trần Thị Bình An" and dossier.on_behalf_consent


def test_out_of_boundary_receipt_needs_the_scans(client, setup):
    setup.version.boundary_free = True
    setup.version.save()
    elsewhere = AgencyFactory(code="HCM.TT", administrative_unit=ProvinceFactory(code="79", name="TP HCM"))
    officer = user_with_role(Role.RECEIVING_OFFICER, elsewhere)
    client.force_login(officer)
    client.post(f"/workspace/quay/thu-tuc/{setup.version.procedure.code}/", APPLICANT)
    dossier = Dossier.objects.get(filed_by=officer)
    assert dossier.outside_boundary
    tick(client, dossier, TK="original", GKS="original")

    response = decide(client, dossier, decision="receive")

    html = response.content.decode()
    assert response.status_code == 409
    assert 'id="digitization-missing"' in html and "Giấy khai sinh" in html
    for code in ("TK", "GKS"):
        scan = SimpleUploadedFile(f"{code}.pdf", PDF_BYTES, content_type="application/pdf")
        client.post(
            f"/workspace/quay/{dossier.code}/giay-to/", {"component": code, "doc-" + code + "-file": scan}
        )
    assert dossier.documents.filter(digitized=True).count() == 2
    assert decide(client, dossier, decision="receive").status_code == 302
    dossier.refresh_from_db()
    assert dossier.status == Status.RECEIVED


def test_only_receiving_officers_of_the_section_use_the_counter(client, setup):
    dossier = start_draft(client, setup)
    other_section = user_with_role(Role.RECEIVING_OFFICER, AgencyFactory(code="UBXA.TT"))
    client.force_login(other_section)
    assert client.get("/workspace/quay/").status_code == 200  # their own counter
    assert client.get(f"/workspace/quay/{dossier.code}/giay-to/").status_code == 404
    assert decide(client, dossier, decision="receive").status_code == 404

    for user in (setup.applicant, setup.specialist):
        client.force_login(user)
        assert client.get("/workspace/quay/").status_code == 403
        assert client.get(f"/workspace/quay/thu-tuc/{setup.version.procedure.code}/").status_code == 403
    client.logout()
    assert client.get("/workspace/quay/").status_code == 302
    assert Event.objects.filter(dossier=dossier, kind=EventKind.RECEIVED).count() == 0


def test_the_counter_speaks_english_when_chosen(client, setup):
    client.force_login(setup.officer)
    client.cookies["django_language"] = "en"

    html = client.get("/workspace/quay/").content.decode()

    assert '<html lang="en">' in html and "Counter intake" in html and "Procedure name or code" in html


def test_postal_and_home_service_dossiers_are_entered_at_the_counter_too(client, setup):
    setup.version.home_service_eligible = True
    setup.version.save()

    postal = start_draft(client, setup, channel="postal")
    tick(client, postal, TK="original", GKS="original")
    decide(client, postal, decision="receive")
    home = start_draft(client, setup, channel="home")

    postal.refresh_from_db()
    assert postal.channel == "postal" and postal.status == Status.RECEIVED
    assert home.channel == "home" and home.home_service
    # A channel the procedure does not offer is not among the choices.
    setup.version.home_service_eligible = False
    setup.version.save()
    page = client.get(f"/workspace/quay/thu-tuc/{setup.version.procedure.code}/").content.decode()
    assert 'value="postal"' in page and 'value="home"' not in page
