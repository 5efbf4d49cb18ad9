"""Scope rows: which agencies see a dossier, written where dossiers gain agencies, read by every scoped read."""

from decimal import Decimal

import pytest

from motcua.accounts.models import Membership, Role, User
from motcua.core.errors import NotFound
from motcua.dossiers import scope, selectors, services
from motcua.dossiers.models import Dossier, DossierAgency
from tests.factories.accounts import user_with_role
from tests.factories.catalog import ProcessStepFactory
from tests.factories.dossiers import applicant_data, setup_procedure, submit_online
from tests.factories.organization import AgencyFactory

pytestmark = pytest.mark.django_db


def agencies_of(dossier: Dossier) -> set[str]:
    return set(DossierAgency.objects.filter(dossier=dossier).values_list("agency__code", flat=True))


def rule(dossier: Dossier) -> set[str]:
    """The rule the rows stand for: receiving, competent, current, every step's agency."""
    dossier.refresh_from_db()
    codes = {dossier.receiving_agency.code, dossier.competent_agency.code, dossier.current_agency.code}
    return codes | {step.agency.code for step in dossier.steps.select_related("agency")}


@pytest.fixture
def setup():
    """Received at the centre, competent the department, and a last step at a third agency (the tax office)."""
    setup = setup_procedure()
    tax = AgencyFactory(code="CCT", name="Chi cục Thuế")
    ProcessStepFactory(
        version=setup.version, order=3, agency=tax, role=Role.SPECIALIST, time_budget=Decimal("1")
    )
    setup.others["tax"] = tax
    setup.others["tax_officer"] = user_with_role(Role.SPECIALIST, tax)
    return setup


def test_submission_gives_sight_to_the_receiving_and_the_competent_agency(setup):
    dossier = submit_online(setup)
    assert agencies_of(dossier) == {"TTHCC", "STP"} == rule(dossier)
    tax_officer = setup.others["tax_officer"]
    with pytest.raises(NotFound):
        selectors.dossier_for(user=tax_officer, code=dossier.code)  # no step there yet: not found


def test_receipt_gives_sight_to_every_steps_agency(setup):
    dossier = submit_online(setup)
    dossier = services.dossier_receive(code=dossier.code, actor=setup.officer, version=dossier.version)
    assert agencies_of(dossier) == {"TTHCC", "STP", "CCT"} == rule(dossier)
    tax_officer = setup.others["tax_officer"]
    assert selectors.dossier_for(user=tax_officer, code=dossier.code).pk == dossier.pk
    assert list(selectors.dossiers_search(user=tax_officer)) == [dossier]


def test_forwarding_to_another_agency_keeps_every_agency_that_had_a_hand(setup):
    dossier = submit_online(setup)
    dossier = services.dossier_receive(code=dossier.code, actor=setup.officer, version=dossier.version)
    # The centre's receiving step was done at the counter; the department forwards to the tax office.
    dossier = services.dossier_forward(code=dossier.code, actor=setup.specialist, version=dossier.version)
    assert dossier.current_agency.code == "CCT"
    assert agencies_of(dossier) == {"TTHCC", "STP", "CCT"} == rule(dossier)
    for officer in (setup.officer, setup.specialist, setup.others["tax_officer"]):
        assert selectors.dossier_for(user=officer, code=dossier.code).pk == dossier.pk


def test_a_current_agency_not_yet_in_scope_is_added_by_one_call(setup):
    dossier = submit_online(setup)
    elsewhere = AgencyFactory(code="UBX", name="UBND xã Khác")
    dossier.current_agency = elsewhere  # as a hand-over outside the planned steps would set it
    scope.include(dossiers=[dossier])
    scope.include(dossiers=[dossier])  # again: nothing doubles
    assert agencies_of(dossier) == {"TTHCC", "STP", "UBX"}
    assert DossierAgency.objects.filter(dossier=dossier).count() == 3


def test_an_officer_of_another_agency_does_not_find_it_and_the_applicant_sees_only_their_own(setup):
    mine = submit_online(setup)
    theirs = submit_online(
        setup,
        actor=user_with_role(Role.APPLICANT, None, full_name="Lê Văn Cường"),
        applicant=applicant_data(name="Lê Văn Cường"),
    )
    stranger = user_with_role(Role.RECEIVING_OFFICER, AgencyFactory(code="UBY", name="UBND phường Y"))
    with pytest.raises(NotFound):
        selectors.dossier_for(user=stranger, code=mine.code)
    assert list(selectors.dossiers_search(user=stranger)) == []
    assert list(selectors.dossiers_search(user=setup.applicant)) == [mine]
    with pytest.raises(NotFound):
        selectors.dossier_for(user=setup.applicant, code=theirs.code)
    assert list(selectors.dossiers_search(user=setup.inspector)) == [theirs, mine]  # newest first


def test_an_officer_who_is_also_an_applicant_sees_their_agencys_and_their_own(setup):
    # A citizen who filed online, then became an officer (staff do not file online: see test_filing).
    officer = user_with_role(Role.APPLICANT, None, full_name="Phạm Thị Dung")
    own = submit_online(setup, actor=officer, applicant=applicant_data(name="Phạm Thị Dung"))
    Membership.objects.create(user=officer, role=Role.RECEIVING_OFFICER, agency=AgencyFactory(code="UBZ"))
    officer = User.objects.get(pk=officer.pk)  # its roles read afresh
    other = submit_online(setup)
    assert list(selectors.dossiers_search(user=officer)) == [own]
    assert set(selectors.dossiers_search(user=setup.officer)) == {own, other}


def test_the_agency_filter_keeps_the_dossiers_that_agency_has_a_hand_in(setup):
    first = submit_online(setup)
    services.dossier_receive(code=first.code, actor=setup.officer, version=first.version)
    second = submit_online(setup)
    assert list(selectors.dossiers_search(user=setup.inspector, agency="CCT")) == [first]
    assert list(selectors.dossiers_search(user=setup.officer, agency="STP")) == [second, first]
    assert list(selectors.dossiers_search(user=setup.officer, agency="NOPE")) == []
    assert list(selectors.dossiers_search(user=setup.inspector, status="submitted")) == [second]
