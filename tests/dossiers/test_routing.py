"""Routing (DOMAIN.md §3.3): every dossier is received by a one-stop section.

An online dossier that names no receiving agency goes to the section serving the competent agency: the commune's
public administration service centre for a commune procedure, the city centre for a department's procedure and
for the providers the city centre hosts, never to an agency without receiving officers.
"""

import io
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from rest_framework.test import APIClient

from motcua.accounts import demo as accounts_demo
from motcua.accounts.models import Role, User
from motcua.catalog import demo as catalog_demo
from motcua.core.errors import ValidationFailed
from motcua.dossiers import services
from motcua.dossiers.errors import BoundaryNotAllowed
from motcua.dossiers.models import Status
from motcua.organization import demo as organization_demo
from motcua.organization.models import AdministrativeUnit, Agency
from tests.factories.accounts import user_with_role
from tests.factories.catalog import ProcedureVersionFactory, ProcessStepFactory
from tests.factories.dossiers import applicant_data, pdf_file
from tests.factories.organization import AgencyFactory, CommuneFactory, ProvinceFactory

pytestmark = pytest.mark.django_db
HN = ZoneInfo("Asia/Ho_Chi_Minh")
URL = "/api/v1/dossiers/"
MONDAY = datetime(2026, 3, 9, 9, 30, tzinfo=HN)


@pytest.fixture
def demo():
    """The demo's organization, users and catalog, loaded as `make demo` loads them."""
    out = io.StringIO()
    organization_demo.load(stdout=out)
    accounts_demo.load(stdout=out)
    catalog_demo.load(stdout=out)


def user(username: str) -> User:
    return User.objects.get(username=username)


def client_for(username: str) -> APIClient:
    client = APIClient()
    client.force_authenticate(user(username))
    return client


def submit_online(procedure: str, *, unit: str | None = None) -> dict:
    applicant = {"name": "Nguyễn Văn An", "phone": "0912345678"}
    if unit:
        applicant["address_unit"] = unit
    answer = client_for("congdan.an").post(
        URL, {"procedure": procedure, "channel": "online", "applicant": applicant}, format="json"
    )
    assert answer.status_code == 201, answer.json()
    return answer.json()


def receive(username: str, code: str) -> dict:
    client = client_for(username)
    detail = client.get(f"{URL}{code}/")
    assert detail.status_code == 200, detail.json()
    answer = client.post(
        f"{URL}{code}/actions/receive/", {"version": detail.json()["version"]}, format="json"
    )
    assert answer.status_code == 200, answer.json()
    return answer.json()


@time_machine.travel(MONDAY, tick=False)
def test_a_commune_procedure_online_lands_at_the_communes_centre_whose_officer_receives_it(demo):
    body = submit_online("1.001193", unit="09832")  # birth registration, applicant living in Hoài Đức
    assert body["receiving_agency"] == "HN.09832.TTPV"
    assert body["code"].startswith("HN.09832.TTPV-260309-")

    received = receive("tiepnhan.hoaiduc", body["code"])
    assert received["status"] == Status.RECEIVED
    dossier = services.Dossier.objects.get(code=body["code"])
    assert dossier.competent_agency.code == "HN.09832.UBND"
    assert not dossier.outside_boundary  # its own commune's section: no digitization demanded
    # Another commune's officer and the city's do not see it.
    assert client_for("tiepnhan.thanhpho").get(f"{URL}{body['code']}/").status_code == 404


@time_machine.travel(MONDAY, tick=False)
def test_a_department_procedure_online_lands_at_the_city_centre(demo):
    body = submit_online("2.000488")  # judicial record certificate, Department of Justice
    assert body["receiving_agency"] == "HN.TTPVHCC"
    received = receive("tiepnhan.thanhpho", body["code"])
    assert received["status"] == Status.RECEIVED
    dossier = services.Dossier.objects.get(code=body["code"])
    assert (dossier.competent_agency.code, dossier.current_agency.code) == ("HN.STP", "HN.STP")
    assert not dossier.outside_boundary


@time_machine.travel(MONDAY, tick=False)
@pytest.mark.parametrize(
    ("procedure", "provider", "specialist", "leader"),
    [
        ("1.000401", "HN.TTDVVL", "chuyenvien.vieclam", "lanhdao.vieclam"),  # unemployment benefit
        ("DV.NSHN.001", "HN.NSHN", "chuyenvien.nuocsach", "lanhdao.nuocsach"),  # new water connection
    ],
)
def test_the_new_providers_dossiers_are_received_at_the_city_centre_and_processed_at_the_provider(
    demo, procedure, provider, specialist, leader
):
    body = submit_online(procedure)
    assert body["receiving_agency"] == "HN.TTPVHCC"
    receive("tiepnhan.thanhpho", body["code"])

    dossier = services.Dossier.objects.get(code=body["code"])
    assert dossier.competent_agency.code == provider
    assert dossier.current_agency.code == provider
    steps = list(dossier.steps.order_by("order").values_list("agency__code", "role"))
    assert steps == [
        ("HN.TTPVHCC", Role.RECEIVING_OFFICER),
        (provider, Role.SPECIALIST),
        (provider, Role.LEADER),
    ]
    dossier = services.dossier_complete_step(
        code=dossier.code, actor=user(specialist), version=dossier.version, outcome="Đủ điều kiện"
    )
    dossier = services.dossier_complete_step(
        code=dossier.code, actor=user(leader), version=dossier.version, outcome="Đồng ý"
    )
    services.dossier_add_document(
        code=dossier.code, actor=user(leader), file=pdf_file(), source="issued_result"
    )
    dossier = services.dossier_resolve(
        code=dossier.code, actor=user(leader), version=dossier.version, outcome="approved"
    )
    assert dossier.status == Status.RESOLVED


@time_machine.travel(MONDAY, tick=False)
def test_the_counter_flow_still_receives_at_the_officers_own_section(demo):
    dossier = services.dossier_submit(
        actor=user("tiepnhan.hoaiduc"),
        applicant=applicant_data(address_unit=AdministrativeUnit.objects.get(code="09832")),
        channel="counter",
        procedure_code="1.001193",
        on_behalf_consent=True,
        receive_now=True,
    )
    assert dossier.receiving_agency.code == "HN.09832.TTPV"
    assert dossier.competent_agency.code == "HN.09832.UBND"
    assert dossier.status == Status.RECEIVED and not dossier.outside_boundary


def _procedure_at(agency: Agency, *, boundary_free: bool = False):
    version = ProcedureVersionFactory(
        competent_agency=agency, authority_level="commune", boundary_free=boundary_free
    )
    ProcessStepFactory(version=version, order=1, agency=None, role="specialist")
    return version.procedure.code


def test_an_agency_whose_data_names_no_section_and_whose_area_has_none_gives_a_clear_error():
    ward = CommuneFactory(parent=ProvinceFactory(code="98"))
    committee = AgencyFactory(
        code="HN.99999.UBND",
        name="Ủy ban nhân dân xã Không Có",
        kind=Agency.Kind.COMMUNE_COMMITTEE,
        administrative_unit=ward,
        receives_dossiers=False,
    )
    code = _procedure_at(committee)
    applicant = user_with_role(Role.APPLICANT, None)
    with pytest.raises(ValidationFailed) as caught:
        services.dossier_submit(
            actor=applicant, applicant=applicant_data(), channel="online", procedure_code=code
        )
    assert caught.value.code == "one_stop_section_not_found"
    assert "Ủy ban nhân dân xã Không Có (HN.99999.UBND)" in caught.value.message("vi")

    client = APIClient()
    client.force_authenticate(applicant)
    answer = client.post(
        URL,
        {"procedure": code, "channel": "online", "applicant": {"name": "Nguyễn Văn An"}},
        format="json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert answer.status_code == 400
    assert answer.json()["code"] == "one_stop_section_not_found"
    assert "HN.99999.UBND" in answer.json()["message"]


@time_machine.travel(MONDAY, tick=False)
def test_the_section_serving_the_competent_agency_is_inside_the_boundary():
    """A commune without its own centre, served by a neighbour's: not 'regardless of boundary'."""
    city = ProvinceFactory()
    served = CommuneFactory(parent=city)
    neighbour = CommuneFactory(parent=city)
    section = AgencyFactory(kind=Agency.Kind.SERVICE_CENTRE, administrative_unit=neighbour)
    other_centre = AgencyFactory(
        kind=Agency.Kind.SERVICE_CENTRE, administrative_unit=CommuneFactory(parent=city)
    )
    committee = AgencyFactory(
        kind=Agency.Kind.COMMUNE_COMMITTEE,
        administrative_unit=served,
        receives_dossiers=False,
        one_stop_section=section,
    )
    code = _procedure_at(committee, boundary_free=False)
    applicant = user_with_role(Role.APPLICANT, None)

    routed = services.dossier_submit(
        actor=applicant, applicant=applicant_data(), channel="online", procedure_code=code
    )
    assert routed.receiving_agency == section and not routed.outside_boundary
    named = services.dossier_submit(
        actor=applicant,
        applicant=applicant_data(),
        channel="online",
        procedure_code=code,
        receiving_agency_code=section.code,
    )
    assert not named.outside_boundary
    with pytest.raises(BoundaryNotAllowed):
        services.dossier_submit(
            actor=applicant,
            applicant=applicant_data(),
            channel="online",
            procedure_code=code,
            receiving_agency_code=other_centre.code,
        )
