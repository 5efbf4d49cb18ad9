"""The dossier list: keyset pages (cursor), a capped count, filters, and the caller's scope."""

import pytest
from django.test import override_settings
from rest_framework.test import APIClient

from motcua.accounts.models import Role
from tests.factories.accounts import user_with_role
from tests.factories.dossiers import applicant_data, setup_procedure, submit_online
from tests.factories.organization import AgencyFactory

pytestmark = pytest.mark.django_db
URL = "/api/v1/dossiers/"


def client_for(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def codes(body) -> list[str]:
    return [row["code"] for row in body["results"]]


def follow(client, url, *, link="next") -> list[str]:
    seen = []
    while url:
        response = client.get(url)
        assert response.status_code == 200, response.json()
        seen += codes(response.json())
        url = response.json()[link]
    return seen


@pytest.fixture
def setup():
    return setup_procedure()


def test_cursor_pages_cover_every_dossier_exactly_once_while_new_ones_arrive(setup):
    before = [submit_online(setup).code for _ in range(7)]
    client = client_for(setup.officer)
    first = client.get(URL, {"page_size": 3}).json()
    assert codes(first) == before[::-1][:3]  # newest first
    assert first["previous"] is None
    arrived = [submit_online(setup).code for _ in range(2)]  # between two pages
    rest = follow(client, first["next"])
    assert codes(first) + rest == before[::-1]  # each once, none skipped, the new ones not mixed in
    again = client.get(URL, {"page_size": 3}).json()
    assert codes(again) == [arrived[1], arrived[0], before[-1]]
    assert again["count"] == 9 and again["count_capped"] is False


def test_previous_links_walk_back_over_the_same_pages(setup):
    made = [submit_online(setup).code for _ in range(5)]
    client = client_for(setup.inspector)
    pages, url = [], f"{URL}?page_size=2"
    while url:
        body = client.get(url).json()
        pages.append(codes(body))
        last, url = body, body["next"]
    assert pages == [made[::-1][0:2], made[::-1][2:4], made[::-1][4:]]
    back, url = [], last["previous"]
    while url:
        body = client.get(url).json()
        back.append(codes(body))
        url = body["previous"]
    assert back == pages[-2::-1]
    assert "page_size=2" in last["previous"]


@override_settings(MOTCUA_LIST_COUNT_CAP=4)
def test_the_count_is_exact_up_to_the_cap_and_says_when_it_stopped_there(setup):
    for _ in range(5):
        submit_online(setup)
    client = client_for(setup.officer)
    body = client.get(URL, {"page_size": 2}).json()
    assert (body["count"], body["count_capped"]) == (4, True)
    assert len(follow(client, f"{URL}?page_size=2")) == 5  # the pages still reach every dossier
    small = client.get(URL, {"status": "draft"}).json()
    assert (small["count"], small["count_capped"], small["results"]) == (0, False, [])
    submitted = client.get(URL, {"status": "submitted", "page_size": 100}).json()
    assert (submitted["count"], submitted["count_capped"], len(submitted["results"])) == (4, True, 5)


def test_scope_an_officer_elsewhere_finds_nothing_and_the_applicant_only_their_own(setup):
    mine = submit_online(setup).code
    theirs = submit_online(
        setup,
        actor=user_with_role(Role.APPLICANT, None, full_name="Lê Văn Cường"),
        applicant=applicant_data(name="Lê Văn Cường"),
    ).code
    stranger = user_with_role(Role.RECEIVING_OFFICER, AgencyFactory(code="UBY", name="UBND phường Y"))
    body = client_for(stranger).get(URL).json()
    assert (body["count"], body["results"]) == (0, [])
    assert client_for(stranger).get(f"{URL}{mine}/").status_code == 404
    assert codes(client_for(setup.applicant).get(URL).json()) == [mine]
    assert client_for(setup.applicant).get(f"{URL}{theirs}/").status_code == 404
    assert codes(client_for(setup.specialist).get(URL).json()) == [theirs, mine]  # competent agency


def test_filters_still_narrow_the_list(setup):
    first = submit_online(setup)
    client = client_for(setup.officer)
    received = client.post(f"{URL}{first.code}/actions/receive/", {"version": first.version}, format="json")
    assert received.status_code == 200, received.json()
    second = submit_online(setup).code
    assert codes(client.get(URL, {"status": "received,in_progress"}).json()) == [first.code]
    assert codes(client.get(URL, {"status": "submitted"}).json()) == [second]
    assert codes(client.get(URL, {"agency": "STP"}).json()) == [second, first.code]
    assert codes(client.get(URL, {"received_from": "2000-01-01T00:00:00Z"}).json()) == [first.code]
    assert codes(client.get(URL, {"procedure": setup.version.procedure.code}).json()) == [second, first.code]
    assert codes(client.get(URL, {"procedure": "0.000000"}).json()) == []


@pytest.mark.parametrize(
    ("params", "code"),
    [
        ({"page_size": 101}, "invalid_page_size"),
        ({"page_size": 0}, "invalid_page_size"),
        ({"page_size": "x"}, "invalid_page_size"),
        ({"cursor": "not-a-cursor"}, "invalid_cursor"),
        ({"cursor": "eDEy"}, "invalid_cursor"),  # base64 of "x12": no direction
    ],
)
def test_a_bad_page_size_or_cursor_answers_400_in_the_project_format(setup, params, code):
    response = client_for(setup.officer).get(URL, params, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert response.json()["code"] == code


def test_the_schema_documents_the_paginated_answer():
    client = APIClient()
    schema = client.get("/api/v1/schema/", {"format": "json"}).json()
    operation = schema["paths"]["/api/v1/dossiers/"]["get"]
    names = {p["name"] for p in operation["parameters"]}
    assert {"cursor", "page_size", "status", "agency"} <= names
    ref = operation["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
    component = schema["components"]["schemas"][ref.rsplit("/", 1)[1]]
    assert set(component["required"]) == {"count", "count_capped", "next", "previous", "results"}
    assert component["properties"]["results"]["type"] == "array"


@pytest.mark.parametrize("language", ["vi", "en"])
def test_list_rows_are_exactly_what_the_summary_serializer_gives(setup, language):
    from datetime import UTC, datetime

    from django.utils import translation

    from motcua.api.dossier_rows import rendered
    from motcua.api.dossier_serializers import DossierSummarySerializer
    from motcua.dossiers import selectors, services
    from motcua.dossiers.models import Dossier

    setup.version.name_en = "Birth registration"
    setup.version.save(update_fields=["name_en"])
    plain = submit_online(setup)
    received = submit_online(setup)
    services.dossier_receive(code=received.code, actor=setup.officer, version=received.version)
    finished = submit_online(setup)
    Dossier.objects.filter(pk=finished.pk).update(
        status="returned",
        received_at=datetime(2026, 3, 2, 1, 0, tzinfo=UTC),
        due_at=datetime(2026, 3, 9, 10, 0, tzinfo=UTC),
        rescheduled_due_at=datetime(2026, 3, 12, 3, 30, tzinfo=UTC),
        resolved_at=datetime(2026, 3, 11, 9, 59, 59, 123456, tzinfo=UTC),
        returned_at=datetime(2026, 3, 12, 0, 0, tzinfo=UTC),
        is_express=True,
    )
    parent_like = submit_online(setup)
    Dossier.objects.filter(pk=parent_like.pk).update(procedure_version=None)
    ids = [parent_like.pk, finished.pk, received.pk, plain.pk]
    with translation.override(language):
        fast = rendered(selectors.dossier_list_values(ids))
        slow = DossierSummarySerializer(selectors.dossiers_by_ids(ids), many=True).data
    assert fast == [dict(row) for row in slow]
    assert {row["status"] for row in fast} == {"submitted", "received", "returned"}


@override_settings(MOTCUA_LIST_COUNT_CAP=3)
def test_a_count_that_reached_the_cap_is_remembered_and_an_exact_one_is_not(setup):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(4):
        submit_online(setup)
    client = client_for(setup.officer)

    def listed(**params):
        with CaptureQueriesContext(connection) as captured:
            body = client.get(URL, params).json()
        counted = any("COUNT(" in query["sql"].upper() for query in captured.captured_queries)
        return body["count"], body["count_capped"], counted

    assert listed() == (3, True, True)
    assert listed() == (3, True, False)  # remembered: no counting again
    assert listed(status="submitted") == (3, True, True)  # another list: its own count
    colleague = user_with_role(Role.RECEIVING_OFFICER, setup.centre)
    body = client_for(colleague).get(URL).json()  # the same agency's list: the same dossiers
    assert (body["count"], body["count_capped"]) == (3, True)
    elsewhere = user_with_role(Role.RECEIVING_OFFICER, AgencyFactory(code="UBZ", name="UBND phường Z"))
    assert client_for(elsewhere).get(URL).json()["count"] == 0  # another scope is not told the other's count
    assert listed(status="draft") == (0, False, True)
    assert listed(status="draft") == (0, False, True)  # exact counts are counted each time


@override_settings(MOTCUA_LIST_COUNT_CAP=3, MOTCUA_LIST_CAPPED_COUNT_SECONDS=0)
def test_remembering_capped_counts_can_be_turned_off(setup):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(4):
        submit_online(setup)
    client = client_for(setup.officer)
    for _ in range(2):
        with CaptureQueriesContext(connection) as captured:
            body = client.get(URL).json()
        assert (body["count"], body["count_capped"]) == (3, True)
        assert any("COUNT(" in query["sql"].upper() for query in captured.captured_queries)
