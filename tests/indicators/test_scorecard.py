"""The officers' scorecard: hand-computed steps, lateness, supplement requests and ratings; who sees whose."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client

from motcua.accounts.models import Membership, Role
from motcua.dossiers import services
from motcua.indicators.periods import parse_period
from motcua.indicators.scorecard import officers_visible_to, scorecards
from tests.factories.accounts import user_with_role
from tests.factories.dossiers import setup_procedure
from tests.factories.organization import AgencyFactory

from .test_counting import MONDAY, receive_at

pytestmark = pytest.mark.django_db
HN = ZoneInfo("Asia/Ho_Chi_Minh")


def at(moment):
    return time_machine.travel(moment, tick=False)


@pytest.fixture
def month():
    """March 2026 at one department (5 working days from Monday 9 March: due Monday 16 March 09:00)."""
    setup = setup_procedure()
    on_time, paused, late = (receive_at(setup, MONDAY) for _ in range(3))
    with at(datetime(2026, 3, 10, 10, 0, tzinfo=HN)):
        d = services.dossier_complete_step(
            code=on_time.code, actor=setup.specialist, version=on_time.version, outcome="Đủ"
        )
        d = services.dossier_resolve(
            code=d.code, actor=setup.leader, version=d.version, outcome="denied", reasons="Không đủ"
        )
        d = services.dossier_return(code=d.code, actor=setup.officer, version=d.version)
        services.dossier_rate(code=d.code, actor=setup.applicant, level="not_satisfied")
        services.dossier_request_supplement(
            code=paused.code,
            actor=setup.specialist,
            version=paused.version,
            reason="Thiếu",
            items=["Tờ khai"],
        )
    with at(datetime(2026, 3, 17, 10, 0, tzinfo=HN)):
        services.dossier_complete_step(
            code=late.code, actor=setup.specialist, version=late.version, outcome="Đủ"
        )
    return setup


def test_the_specialists_card_from_hand_computed_figures(month):
    (card,) = scorecards(officers=[month.specialist], period=parse_period("2026-03"))
    # Two steps completed: one on 10 March, one on 17 March after its due moment (16 March 09:00).
    assert (card.steps_done, card.steps_on_time, card.steps_late) == (2, 1, 1)
    assert card.on_time_rate == 0.5
    assert card.supplement_requests == 1
    # The one rated dossier had a step of theirs; its rating was "not satisfied".
    assert (card.rated, card.ratings["not_satisfied"], card.satisfied_rate) == (1, 1, 0.0)
    # Another period: nothing.
    (empty,) = scorecards(officers=[month.specialist], period=parse_period("2026-02"))
    assert (empty.steps_done, empty.supplement_requests, empty.rated, empty.on_time_rate) == (0, 0, 0, None)


def test_officers_see_their_own_card_leaders_their_officers_nobody_else(month):
    elsewhere = user_with_role(Role.SPECIALIST, AgencyFactory(code="SXD", name="Sở Xây dựng"))
    assert officers_visible_to(month.specialist) == [month.specialist]
    assert set(officers_visible_to(month.leader)) == {month.leader, month.specialist}
    assert elsewhere not in officers_visible_to(month.leader)
    assert officers_visible_to(month.inspector) == [] and officers_visible_to(month.applicant) == []
    for user, status in ((month.leader, 200), (month.specialist, 200), (month.inspector, 404)):
        client = Client()
        client.force_login(user)
        answer = client.get("/workspace/chi-so/can-bo/", {"period": "2026-03"})
        assert answer.status_code == status
    page = Client()
    page.force_login(month.leader)
    html = page.get("/workspace/chi-so/can-bo/", {"period": "2026-03"}).content.decode()
    assert (
        f'data-officer="{month.specialist.username}"' in html
        and 'data-officer="' + elsewhere.username not in html
    )


def test_a_leader_reads_another_officers_work_at_the_agencies_they_lead_only(month):
    """The department's specialist also works at the centre's counter: the centre's leader sees their card, but
    not the department's figures; the specialist's own card has everything."""
    centre_leader = user_with_role(Role.LEADER, month.centre)
    Membership.objects.create(user=month.specialist, role=Role.RECEIVING_OFFICER, agency=month.centre)
    assert month.specialist in officers_visible_to(centre_leader)

    def figures(user) -> str:
        page = Client()
        page.force_login(user)
        html = page.get("/workspace/chi-so/can-bo/", {"period": "2026-03"}).content.decode()
        row = html.split(f'data-officer="{month.specialist.username}"')[1].split("</tr>")[0]
        return row.split('data-figure="steps_done">')[1].split("<")[0]

    assert figures(centre_leader) == "0"
    assert figures(month.specialist) == figures(month.leader) == "2"
    (card,) = scorecards(
        officers=[month.specialist], period=parse_period("2026-03"), agencies=[month.centre.pk]
    )
    assert (card.steps_done, card.supplement_requests, card.rated) == (0, 0, 0)
