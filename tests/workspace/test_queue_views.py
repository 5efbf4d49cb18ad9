"""The officers' queues: each officer sees the rows of their own agency's queues, sorted by due moment, with
the timing shown as text, filters and search kept in the URL, the ID masked, and keyset pages."""

from decimal import Decimal

import pytest

from motcua.accounts.models import Role
from motcua.dossiers import services
from tests.factories.accounts import user_with_role
from tests.factories.dossiers import applicant_data, received, setup_procedure, submit_online
from tests.factories.organization import AgencyFactory

pytestmark = pytest.mark.django_db

URL = "/workspace/ho-so/"


@pytest.fixture
def setup():
    return setup_procedure()


def codes(response) -> list[str]:
    html = response.content.decode()
    return [part.split('"', 1)[0] for part in html.split('<tr data-code="')[1:]]


def test_signing_in_is_needed(client):
    assert client.get(URL)["Location"].startswith("/accounts/sign-in/")


def test_the_to_receive_queue_lists_the_centres_submitted_dossiers_oldest_first(client, setup):
    first = submit_online(setup)
    second = submit_online(setup)
    received(setup)  # received: no longer waiting
    client.force_login(setup.officer)

    response = client.get(URL, {"queue": "to_receive"})

    assert response.status_code == 200
    assert codes(response) == [first.code, second.code]
    assert 'Chờ tiếp nhận <span class="queue-count">(2)</span>' in response.content.decode()


def test_another_agencys_officer_sees_none_of_them(client, setup):
    submit_online(setup)
    received(setup)
    stranger = user_with_role(Role.RECEIVING_OFFICER, AgencyFactory(code="UBXA", name="UBND xã"))
    client.force_login(stranger)

    for queue in ("mine", "agency", "to_receive", "to_return"):
        assert codes(client.get(URL, {"queue": queue})) == []


def test_the_agency_queue_follows_the_dossier_from_the_centre_to_the_department(client):
    setup = setup_procedure(
        steps=[("centre", "specialist", Decimal("1")), ("department", "specialist", Decimal("4"))]
    )
    dossier = received(setup)
    client.force_login(setup.officer)
    assert codes(client.get(URL, {"queue": "agency"})) == [dossier.code]
    client.force_login(setup.specialist)
    assert codes(client.get(URL, {"queue": "agency"})) == []

    centre_specialist = user_with_role(Role.SPECIALIST, setup.centre)
    services.dossier_forward(code=dossier.code, actor=centre_specialist, version=dossier.version, outcome="")
    assert codes(client.get(URL, {"queue": "agency"})) == [dossier.code]
    client.force_login(setup.officer)
    assert codes(client.get(URL, {"queue": "agency"})) == []


def test_mine_holds_the_dossiers_assigned_to_me(client, setup):
    dossier = received(setup)
    received(setup)
    services.dossier_assign(
        code=dossier.code, actor=setup.leader, version=dossier.version, to_user=setup.specialist.username
    )
    client.force_login(setup.specialist)

    assert codes(client.get(URL, {"queue": "mine"})) == [dossier.code]
    assert len(codes(client.get(URL, {"queue": "agency"}))) == 2


def test_rows_are_sorted_by_due_moment_and_show_the_timing_as_text(client, setup, time_machine):
    time_machine.move_to("2026-03-02 09:00 +07:00")  # a Monday
    early = received(setup)
    time_machine.move_to("2026-03-03 09:00 +07:00")
    late = received(setup)
    client.force_login(setup.specialist)

    response = client.get(URL, {"queue": "agency"})
    assert codes(response) == [early.code, late.code]
    assert "Trong hạn" in response.content.decode()

    time_machine.move_to("2026-03-20 09:00 +07:00")  # past both due moments
    client.force_login(setup.specialist)  # the earlier session has expired by then
    html = client.get(URL, {"queue": "agency", "timing": "overdue"}).content.decode()
    assert 'class="tag timing-overdue">Quá hạn<' in html
    assert codes(client.get(URL, {"queue": "agency", "timing": "within_time"})) == []


def test_search_by_name_code_and_id_number_with_the_id_masked(client, setup):
    an = submit_online(setup, applicant=applicant_data(name="Nguyễn Văn An", personal_id="001099012345"))
    binh = submit_online(
        setup,
        actor=user_with_role(Role.APPLICANT, None, full_name="Trần Thị Bình"),
        applicant=applicant_data(name="Trần Thị Bình"),
    )
    client.force_login(setup.officer)

    assert codes(client.get(URL, {"queue": "to_receive", "q": "bình"})) == [binh.code]
    assert codes(client.get(URL, {"queue": "to_receive", "q": an.code})) == [an.code]
    assert codes(client.get(URL, {"queue": "to_receive", "q": f" {an.code.lower()} "})) == [an.code]
    response = client.get(URL, {"queue": "to_receive", "q": "001099012345"})
    assert codes(response) == [an.code]
    html = response.content.decode()
    assert "*********345" in html
    assert "001099012345</" not in html.split("<table", 1)[1]


def test_keyset_pages_follow_each_other_without_gaps(client, setup, monkeypatch):
    from motcua.dossiers import queues

    monkeypatch.setattr(queues, "PAGE_SIZE", 2)
    made = [submit_online(setup).code for _ in range(5)]
    client.force_login(setup.officer)

    seen, query = [], "queue=to_receive"
    for _ in range(4):
        response = client.get(f"{URL}?{query}")
        seen += codes(response)
        html = response.content.decode()
        if 'rel="next"' not in html:
            break
        query = html.rsplit('rel="next"', 1)[0].rsplit('href="?', 1)[1].split('"', 1)[0].replace("&amp;", "&")
    assert seen == made


def test_bad_filters_answer_400_with_the_error_named(client, setup):
    client.force_login(setup.officer)

    response = client.get(URL, {"queue": "agency", "timing": "soon-ish"})
    assert response.status_code == 400
    assert "error-summary" in response.content.decode()
    assert client.get(URL, {"queue": "agency", "after": "not-a-cursor"}).status_code == 400


def test_a_page_of_rows_costs_the_same_few_queries_however_long(client, setup, django_assert_max_num_queries):
    for _ in range(3):
        dossier = received(setup)
        services.dossier_assign(
            code=dossier.code, actor=setup.leader, version=dossier.version, to_user=setup.specialist.username
        )
    client.force_login(setup.specialist)
    client.get(URL)  # the session and the calendar are read once

    # session, user, roles, own dossiers, four counts, the agency's calendar, one page of rows
    with django_assert_max_num_queries(12):
        response = client.get(URL, {"queue": "agency"})
    assert len(codes(response)) == 3
    assert setup.specialist.display_name in response.content.decode()
