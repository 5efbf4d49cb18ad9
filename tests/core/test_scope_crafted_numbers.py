"""Numbers typed by hand into the addresses and hidden fields of the newest pages and endpoints: digits that are
not ASCII (such as "²" or "١"), or thousands of digits (more than Python converts), answer the page's own
refusal (400 or 404), never a server error."""

import pytest
from django.test import Client

from motcua.accounts.models import Role
from tests.factories.accounts import api_client, user_with_role
from tests.factories.dossiers import awaiting_supplement, setup_procedure

pytestmark = pytest.mark.django_db

HUGE = "9" * 5000  # more digits than int() converts (ValueError), though str.isdigit() says yes


@pytest.fixture
def setup():
    return setup_procedure()


@pytest.mark.parametrize("path", ["/api/v1/feedback/", "/api/v1/personal-documents/"])
@pytest.mark.parametrize("size", [HUGE, "²", "0", "101"])
def test_a_crafted_page_size_is_a_400(setup, path, size):
    answer = api_client(setup.applicant).get(path, {"page_size": size})
    assert answer.status_code == 400
    assert answer.json()["details"] == {"page_size": [size]}


@pytest.mark.parametrize("item", ["²", HUGE, "-1", "2"])
def test_a_crafted_item_number_on_the_supplement_page_is_a_404(setup, item):
    dossier = awaiting_supplement(setup, items=["Tờ khai", "Bản sao"])
    client = Client()
    client.force_login(setup.applicant)
    answer = client.post(f"/ho-so-cua-toi/{dossier.code}/bo-sung/", {"item": item})
    assert answer.status_code == 404


@pytest.mark.parametrize("year", [HUGE, "²⁰²⁷"])
def test_a_crafted_year_on_the_calendar_page_shows_this_year(year):
    client = Client()
    client.force_login(user_with_role(Role.ADMINISTRATOR, None))
    answer = client.get("/workspace/lich-lam-viec/", {"year": year})
    assert answer.status_code == 200
