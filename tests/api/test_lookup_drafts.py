"""A draft is not on the public lookup: its code answers exactly as a code that does not exist (issue 9)."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from motcua.dossiers import services
from motcua.dossiers.models import EventKind
from tests.factories.dossiers import applicant_data, pdf_file, setup_procedure, submit_online

pytestmark = pytest.mark.django_db


def _lookup(code: str, **params) -> tuple[int, dict, int]:
    with CaptureQueriesContext(connection) as queries:
        answer = APIClient().get(f"/api/v1/lookup/{code}/", params)
    body = answer.json()
    body["details"] = {k: ("<code>" if v == code else v) for k, v in body.get("details", {}).items()}
    return answer.status_code, body, len(queries)


def test_a_draft_code_answers_like_an_unknown_code_with_or_without_its_secret():
    cache.clear()  # the lookup throttle's counts from other tests
    setup = setup_procedure()
    draft = submit_online(setup, draft=True)
    unknown = draft.code[:-4] + "9999"
    for params in ({}, {"secret": draft.lookup_secret}, {"secret": "WRONG23456"}):
        assert _lookup(draft.code, **params) == _lookup(unknown, **params)
        status, body, _queries = _lookup(draft.code, **params)
        assert status == 404 and body["code"] == "dossier_not_found"
    # Once sent, the same code is found, with its timeline for the secret.
    sent = submit_online(setup)
    assert _lookup(sent.code)[0] == 200
    status, body, _queries = _lookup(sent.code, secret=sent.lookup_secret)
    assert status == 200 and body["timeline"]


def test_the_timeline_starts_when_the_draft_was_sent():
    """Saving a draft again and again is the applicant's own work: the public timeline (and my dossier's) starts
    with the sending, not with every save."""
    cache.clear()
    setup = setup_procedure()
    draft = submit_online(setup, draft=True)
    for _ in range(2):
        draft = services.dossier_draft_applicant_set(
            code=draft.code, actor=setup.applicant, version=draft.version, applicant=applicant_data()
        )
    services.dossier_add_document(
        code=draft.code, actor=setup.applicant, file=pdf_file(), component_code="TK"
    )
    draft.refresh_from_db()
    draft = services.dossier_draft_result_delivery_set(
        code=draft.code, actor=setup.applicant, version=draft.version, delivery="centre"
    )
    assert draft.events.count() == 5
    sent = services.dossier_draft_send(code=draft.code, actor=setup.applicant, version=draft.version)
    status, body, _queries = _lookup(sent.code, secret=sent.lookup_secret)
    assert status == 200
    assert [row["kind"] for row in body["timeline"]] == [EventKind.SUBMITTED]


def test_a_code_typed_in_lower_case_is_found():
    cache.clear()
    sent = submit_online(setup_procedure())
    status, body, _queries = _lookup(sent.code.lower())
    assert status == 200 and body["code"] == sent.code
