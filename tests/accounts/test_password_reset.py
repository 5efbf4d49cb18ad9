"""A forgotten password: a code to the account's email or phone, then a new password; nothing tells whether an
account exists, asking is throttled, codes expire and work once, and the account's sessions end."""

import datetime as dt
import re

import pytest
import time_machine
from django.contrib.auth import get_user
from django.core import mail
from django.test import Client

from motcua.accounts.code_senders import ConsoleCodeSender
from motcua.accounts.models import Membership, Role, User, VerificationCode
from motcua.accounts.services import api_token_authenticate, api_token_issue
from tests.accounts.test_sign_up import last_code
from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)  # codes are sent after commit

OLD = "mat-khau-cu-kho-doan-2026"
NEW = "mat-khau-moi-kho-doan-2027"
PHONE = "+84912345678"


@pytest.fixture
def applicant():
    user = UserFactory(username=PHONE, phone=PHONE, is_active=True)
    user.set_password(OLD)
    user.save()
    Membership.objects.create(user=user, role=Role.APPLICANT, agency=None)
    return user


def ask(client, identifier):
    return client.post("/accounts/password-reset/", {"identifier": identifier})


def reset(client, code, password=NEW):
    return client.post("/accounts/password-reset/new/", {"code": code, "password": password})


def signs_in(password, username="0912345678") -> bool:
    response = Client().post("/accounts/sign-in/", {"username": username, "password": password})
    return response.status_code == 302


def test_the_sign_in_page_links_to_the_reset_in_both_languages(client):
    assert 'href="/accounts/password-reset/"' in client.get("/accounts/sign-in/").content.decode()
    assert "Quên mật khẩu?" in client.get("/accounts/sign-in/").content.decode()
    client.cookies["django_language"] = "en"
    assert "Forgot your password?" in client.get("/accounts/sign-in/").content.decode()
    page = client.get("/accounts/password-reset/").content.decode()
    assert 'lang="en"' in page and "Forgotten password" in page


def test_a_code_by_sms_then_a_new_password_ends_the_old_sessions(client, applicant):
    signed_in = Client()
    signed_in.force_login(applicant)
    _token, key = api_token_issue(user=applicant)
    assert api_token_authenticate(key=key) == applicant
    response = ask(client, "0912 345 678")
    assert response.status_code == 302 and response["Location"] == "/accounts/password-reset/new/"
    code = last_code(PHONE)
    assert VerificationCode.objects.get(user=applicant).purpose == "password_reset"
    assert "đặt lại mật khẩu" in ConsoleCodeSender.outbox[-1].text

    weak = reset(client, code, password="12345678")
    assert weak.status_code == 400 and "quá phổ biến" in weak.content.decode()  # Django's validators
    response = reset(client, code)
    assert response.status_code == 302 and response["Location"] == "/accounts/sign-in/"
    assert signs_in(NEW) and not signs_in(OLD)
    # The session signed in before the reset is signed out.
    signed_in.get("/")
    assert not get_user(signed_in).is_authenticated
    # So is the API token issued before it.
    assert api_token_authenticate(key=key) is None
    assert Client().get("/api/v1/dossiers/", HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 401
    # The code works once, also in a new request's browser session.
    with time_machine.travel(dt.datetime.now(dt.UTC) + dt.timedelta(minutes=2), tick=False):
        assert ask(client, PHONE).status_code == 302
        assert reset(client, code, password="lai-mot-mat-khau-khac-9").status_code == 400


def test_by_email_the_code_goes_by_mail(client, settings):
    settings.MOTCUA_VERIFICATION_EMAIL_SENDER = "motcua.accounts.code_senders.EmailCodeSender"
    user = UserFactory(username="an@example.vn", email="an@example.vn", is_active=True)
    user.set_password(OLD)
    user.save()
    Membership.objects.create(user=user, role=Role.APPLICANT, agency=None)
    ask(client, "An@Example.VN")
    assert mail.outbox[-1].to == ["an@example.vn"]
    assert mail.outbox[-1].subject == "Mã đặt lại mật khẩu"  # not the sign-up's "Mã xác minh tài khoản"
    code = next(w for w in mail.outbox[-1].body.replace(".", " ").split() if w.isdigit() and len(w) == 6)
    assert reset(client, code).status_code == 302
    assert signs_in(NEW, username="an@example.vn")


def _page(response, identifier: str) -> str:
    """The page without what differs by browser (the form's token) or names the number typed."""
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", response.content.decode())
    return html.replace(identifier[-3:], "***")


def test_the_answer_is_the_same_whether_or_not_an_account_exists(applicant):
    staff = UserFactory(username="+84987654321", is_active=True, is_staff=True)  # an administrator
    staff.set_password(OLD)
    staff.save()
    Membership.objects.create(user=staff, role=Role.APPLICANT, agency=None)
    ConsoleCodeSender.outbox.clear()
    answers = []
    for identifier in (PHONE, "+84911111111", staff.username):
        client = Client()
        response = ask(client, identifier)
        followed = client.get(response["Location"])
        refused = reset(client, "000000")
        answers.append(
            (
                response.status_code,
                response["Location"],
                _page(followed, identifier),
                refused.status_code,
                _page(refused, identifier),
            )
        )
    assert answers[0] == answers[1] == answers[2]
    assert "Mã không đúng hoặc đã hết hạn" in answers[0][4]
    assert [m.to for m in ConsoleCodeSender.outbox].count(PHONE) == 1  # only the applicant gets a code
    assert staff.username not in [m.to for m in ConsoleCodeSender.outbox]


def test_asking_is_throttled_for_any_number_as_for_a_sign_up(client, applicant):
    for identifier in (PHONE, "+84911111111"):
        assert ask(client, identifier).status_code == 302
        again = ask(client, identifier)
        assert again.status_code == 429 and int(again["Retry-After"]) <= 60
        assert "Vui lòng chờ" in again.content.decode()
    start = dt.datetime.now(dt.UTC)
    for minute in range(1, 5):
        with time_machine.travel(start + dt.timedelta(minutes=2 * minute), tick=False):
            assert ask(client, "+84911111111").status_code == 302
    with time_machine.travel(start + dt.timedelta(minutes=12), tick=False):
        assert ask(client, "+84911111111").status_code == 429  # 5 an hour


def test_the_interval_ends_by_this_clock_even_when_the_cache_keeps_the_key_longer(client, applicant):
    """A shared cache on another machine may expire keys late: a new code may still be asked after a minute."""
    from django.core.cache import cache

    from motcua.accounts.services_applicants import contact_from
    from motcua.accounts.services_password_reset import _PREFIX, _key_hash

    start = dt.datetime.now(dt.UTC)
    with time_machine.travel(start, tick=False):
        assert ask(client, PHONE).status_code == 302
    cache.touch(f"{_PREFIX}:identifier:{_key_hash(contact_from(PHONE).value)}:last", 24 * 3600)  # kept a day
    with time_machine.travel(start + dt.timedelta(seconds=30), tick=False):
        assert ask(client, PHONE).status_code == 429
    with time_machine.travel(start + dt.timedelta(seconds=61), tick=False):
        assert ask(client, PHONE).status_code == 302


def test_a_code_expires_and_allows_a_few_wrong_entries(client, applicant):
    start = dt.datetime.now(dt.UTC)
    with time_machine.travel(start, tick=False):
        ask(client, PHONE)
    code = last_code(PHONE)
    with time_machine.travel(start + dt.timedelta(minutes=11), tick=False):
        assert reset(client, code).status_code == 400
    with time_machine.travel(start + dt.timedelta(minutes=12), tick=False):
        ask(client, PHONE)
        code = last_code(PHONE)
        wrong = "000000" if code != "000000" else "111111"
        for _ in range(VerificationCode.MAX_ATTEMPTS):
            assert reset(client, wrong).status_code == 400
        assert reset(client, code).status_code == 400  # used up by wrong entries
    assert signs_in(OLD)


def test_the_code_works_only_in_the_browser_that_asked(client, applicant):
    ask(client, PHONE)
    code = last_code(PHONE)
    other = Client()
    assert other.get("/accounts/password-reset/new/")["Location"] == "/accounts/password-reset/"
    ask(other, "+84911111111")  # another browser with some other reset under way
    session = other.session
    session["motcua_password_reset"] = {"identifier": PHONE, "key": "guessed"}
    session.save()
    assert reset(other, code).status_code == 400
    assert reset(client, code).status_code == 302


def test_the_new_password_page_resends_a_code(client, applicant):
    ask(client, PHONE)
    first = last_code(PHONE)
    with time_machine.travel(dt.datetime.now(dt.UTC) + dt.timedelta(minutes=2), tick=False):
        response = client.post("/accounts/password-reset/resend/")
        assert response.status_code == 302
        second = last_code(PHONE)
        assert VerificationCode.objects.filter(user=applicant).count() == 2
        if second != first:
            assert reset(client, first).status_code == 400  # the older code stops working
        assert reset(client, second).status_code == 302
    assert User.objects.get(pk=applicant.pk).check_password(NEW)


def test_the_reset_email_has_its_own_subject_in_the_language_of_the_request(client, settings):
    settings.MOTCUA_VERIFICATION_EMAIL_SENDER = "motcua.accounts.code_senders.EmailCodeSender"
    user = UserFactory(username="binh@example.vn", email="binh@example.vn", is_active=True)
    Membership.objects.create(user=user, role=Role.APPLICANT, agency=None)
    client.cookies["django_language"] = "en"
    ask(client, "binh@example.vn")
    assert mail.outbox[-1].subject == "Password reset code"
    assert "reset" in mail.outbox[-1].body.lower()


def test_an_sms_code_sender_is_given_the_text_only(client, applicant, settings):
    """An SMS gateway's sender takes `to` and `text`: the email's subject is not passed to it."""
    settings.MOTCUA_VERIFICATION_SMS_SENDER = "tests.accounts.test_password_reset.TextOnlySender"
    TextOnlySender.sent.clear()
    ask(client, "0912345678")
    assert [to for to, _text in TextOnlySender.sent] == [PHONE]


class TextOnlySender:
    sent: list[tuple[str, str]] = []

    def send(self, *, to: str, text: str) -> None:
        self.sent.append((to, text))
