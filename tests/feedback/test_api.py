"""The feedback API: file, list (scoped, paginated), detail, the answer's actions, and the error shape."""

import pytest

from motcua.accounts.models import Role
from tests.factories.accounts import api_client, user_with_role
from tests.factories.dossiers import setup_procedure, submit_online

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup():
    return setup_procedure()


def _file(client, **body):
    body = {"kind": "complaint", "subject": "Chậm trả kết quả", "content": "Quá hẹn ba ngày.", **body}
    return client.post("/api/v1/feedback/", body, format="json")


def test_file_draft_approve_rate_through_the_api(setup):
    citizen = api_client(setup.applicant)
    dossier = submit_online(setup)
    answer = _file(citizen, dossier=dossier.code)
    assert answer.status_code == 201, answer.content
    body = answer.json()
    assert (body["agency"]["code"], body["dossier"], body["status"]) == ("STP", dossier.code, "received")
    assert body["allowed_actions"] == [] and body["history"][0]["kind"] == "submitted"
    pk = body["id"]

    specialist, leader = api_client(setup.specialist), api_client(setup.leader)
    drafted = specialist.post(
        f"/api/v1/feedback/{pk}/actions/draft_answer/", {"version": 1, "answer": "Dự thảo"}, format="json"
    )
    assert drafted.status_code == 200, drafted.content
    assert citizen.get(f"/api/v1/feedback/{pk}/").json()["answer"] == ""  # a draft stays with the agency
    stale = leader.post(f"/api/v1/feedback/{pk}/actions/approve/", {"version": 1}, format="json")
    assert (stale.status_code, stale.json()["code"]) == (409, "stale_version")
    refused = specialist.post(f"/api/v1/feedback/{pk}/actions/approve/", {"version": 2}, format="json")
    assert (refused.status_code, refused.json()["code"]) == (403, "permission_denied")
    approved = leader.post(
        f"/api/v1/feedback/{pk}/actions/approve/", {"version": 2, "publish": True}, format="json"
    )
    assert approved.status_code == 200, approved.content
    assert (approved.json()["status"], approved.json()["published"]) == ("answered", True)

    seen = citizen.get(f"/api/v1/feedback/{pk}/").json()
    assert (seen["answer"], seen["allowed_actions"], seen["answered_on_time"]) == ("Dự thảo", ["rate"], True)
    rated = citizen.post(f"/api/v1/feedback/{pk}/actions/rate/", {"rating": "satisfied"}, format="json")
    assert (rated.status_code, rated.json()["status"]) == (200, "closed")
    again = citizen.post(f"/api/v1/feedback/{pk}/actions/rate/", {"rating": "satisfied"}, format="json")
    assert (again.status_code, again.json()["code"]) == (409, "action_not_allowed")


def test_lists_and_details_are_scoped(setup):
    mine = _file(api_client(setup.applicant), agency="STP").json()["id"]
    stranger = user_with_role(Role.APPLICANT, None, full_name="Trần Thị Bình")
    other = api_client(stranger)
    assert other.get("/api/v1/feedback/").json()["count"] == 0
    missing = other.get(f"/api/v1/feedback/{mine}/")
    assert (missing.status_code, missing.json()["code"]) == (404, "feedback_not_found")
    assert api_client(setup.officer).get("/api/v1/feedback/").json()["count"] == 0  # another agency
    listed = api_client(setup.specialist).get("/api/v1/feedback/", {"status": "received"}).json()
    assert [row["id"] for row in listed["results"]] == [mine]
    assert listed["results"][0]["contact"]["name"] == setup.applicant.display_name
    inspected = api_client(setup.inspector).get(f"/api/v1/feedback/{mine}/").json()
    assert inspected["contact"] is None  # inspectors read, without the contact details


def test_a_dossier_of_someone_else_is_refused_with_the_field_named(setup):
    dossier = submit_online(setup)
    stranger = api_client(user_with_role(Role.APPLICANT, None, full_name="Trần Thị Bình"))
    answer = _file(stranger, dossier=dossier.code)
    assert answer.status_code == 400
    assert answer.json()["code"] == "dossier_not_found"
    assert list(answer.json()["details"]) == ["dossier"]
    assert _file(stranger).json()["code"] == "agency_required"
    anonymous = _file(api_client(setup.applicant).__class__())
    assert anonymous.status_code == 401
