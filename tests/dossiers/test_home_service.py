"""Home service (DOMAIN.md §3.4): an eligible citizen asks for a visit for a procedure that offers it; the request
goes to the one-stop section the online routing picks for the address's commune; that section's officer
schedules the visit and records the dossier received at home (channel home service, owned by the requester);
the citizen or the officer may cancel while it is open. Other people and other sections see nothing of it."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from motcua.accounts.models import Role
from motcua.catalog.models import Channel
from motcua.core.errors import ActionNotAllowed, StaleVersion, ValidationFailed
from motcua.dossiers import services
from motcua.dossiers.errors import HomeServiceRequestNotFound
from motcua.dossiers.models import HomeServiceStatus, Status
from motcua.dossiers.selectors_home import (
    home_request_for_officer,
    home_request_of_applicant,
    home_requests_at,
)
from motcua.organization.models import Agency
from tests.factories.accounts import user_with_role
from tests.factories.catalog import ProcedureVersionFactory, ProcessStepFactory
from tests.factories.organization import AgencyFactory, CommuneCommitteeFactory, CommuneFactory

pytestmark = pytest.mark.django_db
HN = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = datetime(2026, 3, 9, 9, 30, tzinfo=HN)  # a Monday


class Area:
    def __init__(self, name: str):
        self.commune = CommuneFactory(name=name)
        self.committee = CommuneCommitteeFactory(administrative_unit=self.commune, receives_dossiers=False)
        self.centre = AgencyFactory(kind=Agency.Kind.SERVICE_CENTRE, administrative_unit=self.commune)
        self.officer = user_with_role(Role.RECEIVING_OFFICER, self.centre)


@pytest.fixture
def world():
    version = ProcedureVersionFactory(
        competent_agency=None,
        competent_agency_kind=Agency.Kind.COMMUNE_COMMITTEE,
        authority_level="commune",
        home_service_eligible=True,
    )
    ProcessStepFactory(version=version, order=1, role="receiving_officer")
    plain = ProcedureVersionFactory(
        competent_agency=None, competent_agency_kind=Agency.Kind.COMMUNE_COMMITTEE
    )
    citizen = user_with_role(Role.APPLICANT, None, email="an@example.vn")
    return {
        "version": version,
        "plain": plain,
        "a": Area("Phường Ba Đình"),
        "b": Area("Phường Tây Hồ"),
        "citizen": citizen,
    }


def visit(world, **changes) -> services.VisitRequest:
    base = {
        "procedure_code": world["version"].procedure.code,
        "eligibility": "elderly",
        "reason": "Tôi 82 tuổi, đi lại khó khăn.",
        "name": "Nguyễn Văn An",
        "phone": "0912 345 678",
        "address_street": "12 phố Hàng Bạc",
        "address_unit_code": world["a"].commune.code,
        "address_province": "Hà Nội",
        "preferred_date": date(2026, 3, 11),
        "preferred_window": "morning",
    }
    base.update(changes)
    return services.VisitRequest(**base)


@time_machine.travel(NOW, tick=False)
def test_a_request_goes_to_the_section_serving_the_address_and_is_seen_only_there(world):
    request = services.home_service_request(actor=world["citizen"], data=visit(world))
    assert request.receiving_agency == world["a"].centre
    assert request.status == HomeServiceStatus.REQUESTED and request.phone == "+84912345678"
    assert list(home_requests_at(user=world["a"].officer)) == [request]
    assert not home_requests_at(user=world["b"].officer).exists()
    with pytest.raises(HomeServiceRequestNotFound):
        home_request_for_officer(user=world["b"].officer, request_id=request.pk)
    other = user_with_role(Role.APPLICANT, None)
    with pytest.raises(HomeServiceRequestNotFound):
        home_request_of_applicant(user=other, request_id=request.pk)
    with pytest.raises(HomeServiceRequestNotFound):
        services.home_service_schedule(
            request_id=request.pk, actor=world["b"].officer, version=1, visit_at=NOW + timedelta(days=2)
        )
    elsewhere = services.home_service_request(
        actor=world["citizen"], data=visit(world, address_unit_code=world["b"].commune.code)
    )
    assert elsewhere.receiving_agency == world["b"].centre


@time_machine.travel(NOW, tick=False)
def test_the_request_is_checked(world):
    def refused(**changes):
        with pytest.raises(ValidationFailed) as error:
            services.home_service_request(actor=world["citizen"], data=visit(world, **changes))
        return error.value

    assert refused(procedure_code=world["plain"].procedure.code).code == "home_service_not_available"
    assert refused(eligibility="rich").details == {"eligibility": ["invalid"]}
    assert refused(reason=" ").details["reason"]
    assert refused(preferred_date=date(2026, 3, 9)).details == {"preferred_date": ["invalid"]}  # not today
    assert refused(preferred_date=date(2026, 6, 1)).details == {"preferred_date": ["invalid"]}
    assert refused(address_unit_code=world["a"].commune.parent.code).details == {"address_unit": ["invalid"]}
    assert refused(phone="12345").code == "invalid_phone"


@time_machine.travel(NOW, tick=False)
def test_scheduled_then_received_at_home_as_a_home_service_dossier_of_the_requester(world):
    officer = world["a"].officer
    request = services.home_service_request(actor=world["citizen"], data=visit(world))
    with pytest.raises(ActionNotAllowed):  # nothing to receive before a visit is set
        services.home_service_receive(request_id=request.pk, actor=officer, version=request.version)
    visit_at = datetime(2026, 3, 11, 9, 0, tzinfo=HN)
    request = services.home_service_schedule(
        request_id=request.pk,
        actor=officer,
        version=request.version,
        visit_at=visit_at,
        note="Mang theo máy quét",
    )
    assert request.status == HomeServiceStatus.SCHEDULED and request.visit_at == visit_at
    with pytest.raises(StaleVersion):
        services.home_service_receive(request_id=request.pk, actor=officer, version=1)

    request = services.home_service_receive(request_id=request.pk, actor=officer, version=request.version)
    dossier = request.dossier
    assert request.status == HomeServiceStatus.DONE
    assert dossier.channel == Channel.HOME and dossier.home_service and dossier.status == Status.RECEIVED
    assert dossier.receiving_agency == world["a"].centre and dossier.competent_agency == world["a"].committee
    assert dossier.applicant == world["citizen"] and dossier.filed_by == officer
    assert dossier.address_unit == world["a"].commune and dossier.on_behalf_consent
    with pytest.raises(ActionNotAllowed):
        services.home_service_cancel(
            request_id=request.pk, actor=officer, version=request.version, reason="x"
        )


@time_machine.travel(NOW, tick=False)
def test_the_citizen_cancels_their_own_open_request_with_a_reason(world):
    request = services.home_service_request(actor=world["citizen"], data=visit(world))
    stranger = user_with_role(Role.APPLICANT, None)
    with pytest.raises(HomeServiceRequestNotFound):
        services.home_service_cancel(request_id=request.pk, actor=stranger, version=1, reason="x")
    with pytest.raises(ValidationFailed):
        services.home_service_cancel(request_id=request.pk, actor=world["citizen"], version=1, reason=" ")
    request = services.home_service_cancel(
        request_id=request.pk, actor=world["citizen"], version=1, reason="Con tôi đã nộp giúp."
    )
    assert request.status == HomeServiceStatus.CANCELLED and request.cancel_reason == "Con tôi đã nộp giúp."


@time_machine.travel(NOW, tick=False)
def test_the_pages_from_request_to_reception_at_home(client, world):
    code = world["version"].procedure.code
    client.force_login(world["citizen"])
    assert 'id="home-service"' in client.get(f"/thu-tuc/{code}/").content.decode()
    assert client.get(f"/phuc-vu-tai-nha/de-nghi/{world['plain'].procedure.code}/").status_code == 404
    form = {
        "eligibility": "disabled",
        "reason": "Tôi ngồi xe lăn.",
        "name": "Nguyễn Văn An",
        "phone": "0912345678",
        "address_street": "12 phố Hàng Bạc",
        "address_unit": world["a"].commune.code,
        "address_province": "Hà Nội",
        "preferred_date": "09/03/2026",  # today: too soon
        "preferred_window": "afternoon",
    }
    refused = client.post(f"/phuc-vu-tai-nha/de-nghi/{code}/", form)
    assert refused.status_code == 400
    page = refused.content.decode()
    assert 'href="#id_preferred_date"' in page and "Tôi ngồi xe lăn." in page
    sent = client.post(f"/phuc-vu-tai-nha/de-nghi/{code}/", {**form, "preferred_date": "12/03/2026"})
    assert sent.status_code == 302
    row = home_requests_at(user=world["a"].officer).get()
    assert "Đã gửi yêu cầu" in client.get(sent["Location"]).content.decode()

    client.force_login(world["b"].officer)
    assert client.get(f"/workspace/phuc-vu-tai-nha/{row.pk}/").status_code == 404
    client.force_login(world["a"].officer)
    assert "Nguyễn Văn An" in client.get("/workspace/phuc-vu-tai-nha/").content.decode()
    page = f"/workspace/phuc-vu-tai-nha/{row.pk}/"
    stale = client.post(
        page, {"action": "schedule", "version": 7, "visit_date": "12/03/2026", "visit_time": "14:30"}
    )
    assert stale.status_code == 400 and "Người khác vừa thay đổi" in stale.content.decode()
    scheduled = client.post(
        page, {"action": "schedule", "version": 1, "visit_date": "12/03/2026", "visit_time": "14:30"}
    )
    assert scheduled.status_code == 302
    row.refresh_from_db()
    assert row.visit_at == datetime(2026, 3, 12, 14, 30, tzinfo=HN)
    received = client.post(page, {"action": "receive", "version": row.version})
    row.refresh_from_db()
    assert received["Location"] == f"/workspace/ho-so/{row.dossier.code}/"

    client.force_login(world["citizen"])
    mine = client.get(f"/phuc-vu-tai-nha/{row.pk}/").content.decode()
    assert row.dossier.code in mine and "Đã tiếp nhận tại nhà" in mine


@time_machine.travel(NOW, tick=False)
def test_an_outsider_learns_nothing_from_a_guessed_version(world):
    """Another section's officer, another citizen or an inspector naming any version of someone else's request
    gets 'not found', never 'changed meanwhile' (which would tell the request exists, and its version)."""
    request = services.home_service_request(actor=world["citizen"], data=visit(world))
    outsiders = [
        world["b"].officer,
        user_with_role(Role.APPLICANT, None),
        user_with_role(Role.INSPECTOR, None),
    ]
    for outsider in outsiders:
        for version in (None, 0, 7):
            with pytest.raises(HomeServiceRequestNotFound):
                services.home_service_cancel(
                    request_id=request.pk, actor=outsider, version=version, reason="Hủy"
                )
            with pytest.raises(HomeServiceRequestNotFound):
                services.home_service_schedule(
                    request_id=request.pk, actor=outsider, version=version, visit_at=NOW + timedelta(days=2)
                )
    # Those it concerns still get "changed meanwhile" for a stale version (so the test can fail).
    with pytest.raises(StaleVersion):
        services.home_service_cancel(request_id=request.pk, actor=world["citizen"], version=7, reason="Hủy")
    with pytest.raises(StaleVersion):
        services.home_service_schedule(
            request_id=request.pk, actor=world["a"].officer, version=7, visit_at=NOW + timedelta(days=2)
        )
