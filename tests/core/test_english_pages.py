"""The newest pages in English: once English is chosen, no Vietnamese is left in what the page itself says (the
data shown, such as names of people, agencies and procedures, stays as typed). Each page is read as the person
who uses it."""

from __future__ import annotations

import re
from html import unescape

import pytest
from django.test import Client

from motcua.accounts.models import Role
from tests.factories.accounts import user_with_role
from tests.factories.dossiers import setup_procedure
from tests.factories.feedback import file_feedback

pytestmark = pytest.mark.django_db

# Letters only Vietnamese uses (English never carries these diacritics).
VIETNAMESE = re.compile(r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹáàãéèíìóòõúùý]", re.I)


def vietnamese_left(html: str, data: list[str]) -> list[str]:
    """The page's visible text (and its labels for assistive technology) that is still Vietnamese, `data`
    removed."""
    body = html.split("<main", 1)[-1].split("</main>", 1)[0]
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", body, flags=re.S)
    labels = " \n ".join(re.findall(r'(?:aria-label|title|placeholder|alt)="([^"]*)"', body))
    text = unescape(re.sub(r"<[^>]+>", "\n", body) + "\n" + labels)
    for value in sorted(data, key=len, reverse=True):
        text = text.replace(value, " ")
    return [line.strip() for line in text.splitlines() if VIETNAMESE.search(line)]


def left_on(client: Client, paths: list[str], data: list[str]) -> dict[str, list[str]]:
    """Per page read by `client`, the Vietnamese still shown (none: not listed)."""
    left = {}
    for path in paths:
        answer = client.get(path)
        assert answer.status_code == 200, path
        found = vietnamese_left(answer.content.decode(), data)
        if found:
            left[path] = found
    return left


@pytest.fixture
def setup():
    return setup_procedure()


def english(user, settings) -> Client:
    client = Client()
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def test_the_officers_and_leaders_newest_pages_say_nothing_in_vietnamese(setup, settings):
    feedback = file_feedback(setup.applicant, agency_code=setup.department.code)
    data = [
        setup.centre.name,
        setup.department.name,
        setup.version.procedure.name,
        feedback.subject,
        feedback.content,
        *(user.display_name for user in (setup.applicant, setup.officer, setup.specialist, setup.leader)),
    ]
    pages = {
        setup.leader: [
            "/workspace/lanh-dao/",
            "/workspace/lanh-dao/phe-duyet/",
            "/workspace/lanh-dao/thoi-han/",
            "/workspace/lanh-dao/so-theo-doi/",
            "/workspace/phan-anh-kien-nghi/",
            f"/workspace/phan-anh-kien-nghi/{feedback.pk}/",
            "/workspace/chi-so/can-bo/",
        ],
        setup.officer: ["/workspace/quay/", "/workspace/phuc-vu-tai-nha/"],
        user_with_role(Role.ADMINISTRATOR, None): ["/workspace/lich-lam-viec/"],
    }
    left = {}
    for user, paths in pages.items():
        left.update(left_on(english(user, settings), paths, data))
    assert not left, left


def test_the_citizens_newest_pages_say_nothing_in_vietnamese(setup, settings):
    feedback = file_feedback(setup.applicant, agency_code=setup.department.code)
    data = [setup.department.name, setup.applicant.display_name, feedback.subject, feedback.content]
    paths = [
        "/phan-anh-kien-nghi/",
        "/phan-anh-kien-nghi/gui/",
        "/phan-anh-kien-nghi-cua-toi/",
        f"/phan-anh-kien-nghi-cua-toi/{feedback.pk}/",
        "/kho-giay-to/",
        "/kho-giay-to/them/",
        "/phuc-vu-tai-nha/",
    ]
    left = left_on(english(setup.applicant, settings), paths, data)
    assert not left, left
