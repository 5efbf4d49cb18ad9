"""Who may file (issue 9): applicants for themselves or with recorded on-behalf consent, staff only through the
counter intake, the inspector never writes; the account that filed is always recorded."""

import re
from datetime import timedelta

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from rest_framework.test import APIClient

from motcua.accounts.models import Role
from motcua.dossiers.models import Dossier, Event, Rating
from motcua.feedback.services import feedback_submit
from tests.factories.accounts import CITIZEN_NAME, user_with_role
from tests.factories.dossiers import pdf_file, received, setup_procedure, submit_online

pytestmark = pytest.mark.django_db

URL = "/api/v1/dossiers/"


def client_for(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def body(setup, *, name=CITIZEN_NAME, personal_id="", **extra) -> dict:
    answer = {
        "procedure": setup.version.procedure.code,
        "channel": "online",
        "receiving_agency": setup.centre.code,
        "applicant": {"name": name, "personal_id": personal_id, "phone": "0912345678"},
    }
    answer.update(extra)
    return answer


@pytest.fixture
def setup():
    return setup_procedure()


def test_a_citizen_filing_for_themselves_is_recorded_as_the_filer(setup):
    # Names compare without case and extra spaces (as typed on a phone).
    created = client_for(setup.applicant).post(URL, body(setup, name="  nguyễn  văn AN "), format="json")
    assert created.status_code == 201, created.json()
    dossier = Dossier.objects.get(code=created.json()["code"])
    assert dossier.filed_by == setup.applicant and dossier.applicant == setup.applicant
    assert not dossier.on_behalf_consent and dossier.on_behalf_consent_at is None
    assert created.json()["filed_by"] == setup.applicant.username
    assert created.json()["on_behalf"] is None
    event = Event.objects.get(dossier=dossier, seq=1)
    assert event.payload["filed_by"] == setup.applicant.pk and event.payload["on_behalf"] is None


def test_filing_under_another_persons_name_without_consent_is_a_400_naming_the_field(setup):
    client = client_for(setup.applicant)
    refused = client.post(URL, body(setup, name="Trần Thị Bình"), format="json")
    assert refused.status_code == 400
    assert refused.json()["code"] == "on_behalf_consent_required"
    assert "consent" in refused.json()["details"]["on_behalf"]
    assert "đồng ý" in refused.json()["message"]
    english = client.post(URL, body(setup, name="Trần Thị Bình"), format="json", HTTP_ACCEPT_LANGUAGE="en")
    assert "consent" in english.json()["message"]
    assert Dossier.objects.count() == 0


def test_another_persons_id_number_under_ones_own_name_is_refused_too(setup):
    setup.applicant.personal_id = "001085012345"
    setup.applicant.save(update_fields=["personal_id"])
    client = client_for(setup.applicant)
    own = client.post(URL, body(setup, personal_id="001 085 012 345"), format="json")
    assert own.status_code == 201, own.json()
    other = client.post(URL, body(setup, personal_id="001192034567"), format="json")
    assert other.status_code == 400 and other.json()["code"] == "on_behalf_consent_required"


@pytest.mark.parametrize(
    ("on_behalf", "code", "field"),
    [
        ({"relationship": "family_member", "consent": False}, "on_behalf_consent_required", "consent"),
        ({"relationship": "family_member"}, "validation_failed", "consent"),
        ({"relationship": "neighbour", "consent": True}, "validation_failed", "relationship"),
    ],
)
def test_on_behalf_without_consent_or_a_known_relationship_is_a_400(setup, on_behalf, code, field):
    refused = client_for(setup.applicant).post(
        URL, body(setup, name="Trần Thị Bình", on_behalf=on_behalf), format="json", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert refused.status_code == 400, refused.json()
    assert refused.json()["code"] == code
    assert field in refused.json()["details"]["on_behalf"]
    assert Dossier.objects.count() == 0


def test_on_behalf_with_consent_is_recorded_and_shown_to_the_handling_officers_only(setup):
    on_behalf = {"relationship": "authorised_person", "consent": True, "consent_note": "Giấy ủy quyền số 12"}
    created = client_for(setup.applicant).post(
        URL, body(setup, name="Trần Thị Bình", on_behalf=on_behalf), format="json"
    )
    assert created.status_code == 201, created.json()
    code = created.json()["code"]
    dossier = Dossier.objects.get(code=code)
    assert dossier.filed_by == setup.applicant and dossier.applicant_name == "Trần Thị Bình"
    assert dossier.on_behalf_relationship == "authorised_person" and dossier.on_behalf_consent
    assert dossier.on_behalf_consent_at == dossier.submitted_at
    assert Event.objects.get(dossier=dossier, seq=1).payload["on_behalf"] == {
        "relationship": "authorised_person",
        "consent_at": dossier.on_behalf_consent_at.isoformat(),
        "note": "Giấy ủy quyền số 12",
    }

    officer_view = client_for(setup.officer).get(f"{URL}{code}/", HTTP_ACCEPT_LANGUAGE="en").json()
    assert officer_view["filed_by"] == setup.applicant.username
    assert officer_view["on_behalf"]["relationship"] == "authorised_person"
    assert officer_view["on_behalf"]["relationship_display"] == "Authorised person"
    assert officer_view["on_behalf"]["consent"] is True and officer_view["on_behalf"]["consent_at"]
    assert officer_view["on_behalf"]["consent_note"] == "Giấy ủy quyền số 12"
    inspector_view = client_for(setup.inspector).get(f"{URL}{code}/").json()
    assert inspector_view["filed_by"] is None and inspector_view["on_behalf"] is None


@pytest.mark.parametrize("role", [Role.RECEIVING_OFFICER, Role.SPECIALIST, Role.LEADER, Role.ADMINISTRATOR])
def test_staff_do_not_file_online_but_through_the_counter_intake(setup, role):
    staff = {
        Role.RECEIVING_OFFICER: setup.officer,
        Role.SPECIALIST: setup.specialist,
        Role.LEADER: setup.leader,
        Role.ADMINISTRATOR: user_with_role(Role.ADMINISTRATOR, None),
    }[role]
    staff.full_name = CITIZEN_NAME  # even for "themselves"
    staff.save(update_fields=["full_name"])
    refused = client_for(staff).post(URL, body(setup), format="json", HTTP_ACCEPT_LANGUAGE="en")
    assert refused.status_code == 403
    assert refused.json()["code"] == "use_counter_intake"
    assert "counter intake" in refused.json()["message"]
    assert Dossier.objects.count() == 0


def test_the_counter_intake_records_the_officer_and_the_applicants_consent(setup):
    created = client_for(setup.officer).post(
        URL, body(setup, name="Trần Thị Bình", channel="counter", on_behalf_consent=True), format="json"
    )
    assert created.status_code == 201, created.json()
    dossier = Dossier.objects.get(code=created.json()["code"])
    assert dossier.filed_by == setup.officer and dossier.applicant is None
    assert dossier.on_behalf_consent and dossier.on_behalf_consent_at == dossier.submitted_at
    assert created.json()["filed_by"] == setup.officer.username


@pytest.mark.parametrize("channel", ["online", "counter"])
def test_the_inspector_files_nothing(setup, channel):
    refused = client_for(setup.inspector).post(
        URL, body(setup, channel=channel, on_behalf_consent=True), format="json"
    )
    assert refused.status_code == 403
    assert refused.json()["code"] == "read_only_role"
    assert Dossier.objects.count() == 0


def _write_routes() -> list[tuple[str, str]]:
    """(route, method) of every API operation that changes something, read from the URL configuration."""
    found = []

    def walk(patterns, prefix):
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, route)
            elif isinstance(pattern, URLPattern):
                view = getattr(pattern.callback, "cls", None)
                for method in ("post", "put", "patch", "delete"):
                    if view is not None and hasattr(view, method):
                        found.append((route, method))

    walk(get_resolver().url_patterns, "/")
    return [(route, method) for route, method in found if route.startswith("/api/v1/")]


def test_the_inspector_is_refused_every_write_operation_of_the_api():
    setup = setup_procedure()
    dossier = received(setup)
    routes = _write_routes()
    assert ("/api/v1/dossiers/", "post") in routes
    assert any("documents" in route for route, _ in routes) and any("rating" in r for r, _ in routes)
    assert len([r for r, _ in routes if "/actions/" in r]) >= 14
    # One body valid for every operation (each reads its own fields): a refusal is the role's, not the input's.
    valid = {
        **body(setup, on_behalf_consent=True),
        "version": dossier.version,
        "reasons": "Lý do",
        "reason": "Lý do",
        "items": ["Tờ khai"],
        "to_user": setup.specialist.username,
        "outcome": "approved",
        "new_due_at": (dossier.due_at + timedelta(days=1)).isoformat(),
        "level": Rating.Level.values[0],
        "note": "Ghi chú",
        "kind": "complaint",
        "subject": "Chậm trả kết quả",
        "content": "Nội dung",
        "dossier": dossier.code,
        "answer": "Trả lời",
        "rating": "satisfied",
    }
    feedback = feedback_submit(
        author=setup.applicant,
        kind="complaint",
        subject="Chậm",
        content="Nội dung",
        dossier_code=dossier.code,
    )
    inspector = client_for(setup.inspector)
    answers = {}
    for route, method in routes:
        url = re.sub(r"<str:action>", "withdraw", route.replace("<str:code>", dossier.code))
        url = url.replace("<int:document_id>", "1").replace("<int:id>", str(feedback.pk))
        if route.endswith("/reuse/"):
            answer = getattr(inspector, method)(
                url, {"component_code": "TK", "personal_document": 1}, format="json"
            )
        elif "documents" in route:
            answer = getattr(inspector, method)(url, {"file": pdf_file(), "component_code": "TK"})
        else:
            answer = getattr(inspector, method)(url, valid, format="json")
        answers[url] = answer.status_code
    assert set(answers.values()) == {403}, {url: code for url, code in answers.items() if code != 403}
    dossier.refresh_from_db()
    assert dossier.version == 2 and Event.objects.filter(dossier=dossier).count() == 2


def test_a_citizens_draft_is_filed_by_the_same_rules(setup):
    refused = client_for(setup.applicant).post(
        URL, body(setup, name="Trần Thị Bình", draft=True), format="json"
    )
    assert refused.status_code == 400 and refused.json()["code"] == "on_behalf_consent_required"
    draft = submit_online(setup, draft=True)
    assert draft.filed_by == setup.applicant
