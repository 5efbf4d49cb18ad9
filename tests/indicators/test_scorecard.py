"""The officers' scorecard: hand-computed steps, lateness, supplement requests and ratings; who sees whose."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client
from rest_framework.test import APIClient

from motcua.accounts.models import Membership, Role
from motcua.dossiers import services
from motcua.indicators.periods import parse_period
from motcua.indicators.scorecard import officers_visible_to, scorecards
from tests.api.test_dossier_api import client_for
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


API = "/api/v1/indicators/officers/"


def test_the_api_gives_the_pages_cards_to_the_same_people(month):
    elsewhere = user_with_role(Role.SPECIALIST, AgencyFactory(code="SXD", name="Sở Xây dựng"))
    leader = client_for(month.leader).get(API, {"period": "2026-03"})
    assert leader.status_code == 200, leader.content
    body = leader.json()
    assert body["count"] == 2
    cards = {card["officer"]["username"]: card for card in body["results"]}
    assert set(cards) == {month.leader.username, month.specialist.username}
    assert [c["officer"]["username"] for c in body["results"]] == [
        o.username for o in officers_visible_to(month.leader)
    ]
    card = cards[month.specialist.username]
    assert card["officer"]["name"] == month.specialist.display_name
    assert (card["steps_done"], card["steps_on_time"], card["steps_late"], card["on_time_rate"]) == (
        2,
        1,
        1,
        0.5,
    )
    assert card["supplement_requests"] == 1
    assert card["ratings"] == {"total": 1, "very_satisfied": 0, "satisfied": 0, "not_satisfied": 1}
    assert card["satisfied_rate"] == 0.0
    # An officer: their own card only; at another agency's officer, theirs only.
    (own,) = client_for(month.specialist).get(API, {"period": "2026-03"}).json()["results"]
    assert own["officer"]["username"] == month.specialist.username and own["steps_done"] == 2
    (theirs,) = client_for(elsewhere).get(API, {"period": "2026-03"}).json()["results"]
    assert theirs["officer"]["username"] == elsewhere.username and theirs["steps_done"] == 0


def test_the_api_refuses_whoever_the_page_refuses(month):
    # Inspectors and applicants have no card to see (the page answers 404 to them): 403; anonymous: 401.
    for user in (month.inspector, month.applicant):
        answer = client_for(user).get(API, {"period": "2026-03"})
        assert answer.status_code == 403 and answer.json()["code"] == "permission_denied"
    assert APIClient().get(API, {"period": "2026-03"}).status_code == 401


def test_the_api_narrows_to_one_of_the_callers_agencies_and_pages(month):
    other = AgencyFactory(code="SXD", name="Sở Xây dựng")
    user_with_role(Role.SPECIALIST, other)
    client = client_for(month.leader)
    narrowed = client.get(API, {"period": "2026-03", "agency": month.department.code}).json()
    assert narrowed["count"] == 2
    # Another agency, existing or not, answers the same 400: nothing about it is told.
    for code in (other.code, "KHONG-CO"):
        answer = client.get(API, {"period": "2026-03", "agency": code})
        assert answer.status_code == 400 and answer.json()["details"] == {"agency": [code]}
    first = client.get(API, {"period": "2026-03", "page_size": 1}).json()
    assert first["count"] == 2 and len(first["results"]) == 1 and first["next"]
    second = client.get(API, {"period": "2026-03", "page_size": 1, "page": 2}).json()
    assert {first["results"][0]["officer"]["username"], second["results"][0]["officer"]["username"]} == {
        month.leader.username,
        month.specialist.username,
    }
    assert client.get(API, {"period": "2026-03", "page_size": 0}).status_code == 400
    assert client.get(API, {"period": "2026-13"}).status_code == 400
    assert client.get(API).status_code == 400


def test_the_api_is_in_the_schema_as_a_paginated_list():
    schema = APIClient().get("/api/v1/schema/", {"format": "json"}).json()
    operation = schema["paths"]["/api/v1/indicators/officers/"]["get"]
    assert operation["operationId"] == "indicators_officer_scorecards"
    assert {p["name"] for p in operation["parameters"]} >= {"period", "agency", "page", "page_size"}
    assert {"200", "400", "401", "403"} <= set(operation["responses"])
    ok = operation["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
    paginated = schema["components"]["schemas"][ok.rsplit("/", 1)[1]]
    assert {"count", "next", "previous", "results"} <= set(paginated["properties"])


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
    # The API reads the cards the same way.
    api = client_for(centre_leader).get(API, {"period": "2026-03"}).json()["results"]
    assert {c["officer"]["username"]: c["steps_done"] for c in api}[month.specialist.username] == 0
