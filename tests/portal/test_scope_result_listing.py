"""A result attached before the leader decides is the handling officers' draft: the applicant and the inspector
do not download it (see test_my_dossier_actions) and do not see it listed either, in the API's detail, on the
applicant's dossier page or on the inspector's workspace page; the officers handling the dossier do."""

import pytest
from django.test import Client

from tests.factories.accounts import api_client
from tests.factories.dossiers import resolved_with_signed_result, setup_procedure, with_signed_result

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup():
    return setup_procedure()


def listed_sources(user, code: str) -> list[str]:
    return [d["source"] for d in api_client(user).get(f"/api/v1/dossiers/{code}/").json()["documents"]]


def page(user, path: str) -> str:
    client = Client()
    client.force_login(user)
    return client.get(path).content.decode()


def test_a_draft_result_is_not_listed_to_the_applicant_nor_the_inspector(setup):
    dossier = with_signed_result(setup)
    name = dossier.documents.get(source="issued_result").original_name
    for outsider in (setup.applicant, setup.inspector):
        assert "issued_result" not in listed_sources(outsider, dossier.code)
    assert name not in page(setup.applicant, f"/ho-so-cua-toi/{dossier.code}/")
    assert name not in page(setup.inspector, f"/workspace/ho-so/{dossier.code}/")
    # The officers handling it see it (so the test can fail), and everyone once the leader decided.
    assert "issued_result" in listed_sources(setup.leader, dossier.code)
    assert name in page(setup.leader, f"/workspace/ho-so/{dossier.code}/")


def test_the_result_is_listed_to_everyone_who_sees_the_dossier_once_decided(setup):
    dossier = resolved_with_signed_result(setup)
    for reader in (setup.applicant, setup.inspector, setup.leader):
        assert "issued_result" in listed_sources(reader, dossier.code)
