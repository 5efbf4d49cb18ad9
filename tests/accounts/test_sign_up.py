"""Applicants sign up with a mobile number or an email, prove it with a code, then sign in with it."""

import datetime as dt

import pytest
import time_machine
from django.conf import settings
from django.core import mail

from motcua.accounts.code_senders import ConsoleCodeSender
from motcua.accounts.models import Membership, Role, User, VerificationCode
from motcua.accounts.services_applicants import applicant_sign_up, applicant_verify, verification_code_send
from motcua.core.errors import ApplicationError

pytestmark = pytest.mark.django_db(transaction=True)  # codes are sent after commit

PASSWORD = "mot-mat-khau-kho-doan-2026"


def last_code(to: str) -> str:
    text = next(m.text for m in reversed(ConsoleCodeSender.outbox) if m.to == to)
    return next(word for word in text.replace(".", " ").split() if word.isdigit() and len(word) == 6)


def sign_up(client, identifier, password=PASSWORD, **extra):
    return client.post("/accounts/sign-up/", {"identifier": identifier, "password": password, **extra})


def test_sign_up_by_phone_verify_then_sign_in_with_the_number_as_typed(client):
    response = sign_up(client, "0912 345 678", full_name="Nguyễn Văn An")
    assert response.status_code == 302 and response["Location"] == "/accounts/verify/"

    user = User.objects.get(username="+84912345678")
    assert not user.is_active and user.phone == "+84912345678" and user.full_name == "Nguyễn Văn An"
    assert Membership.objects.filter(user=user, role=Role.APPLICANT, agency=None).exists()
    code = last_code("+84912345678")
    stored = VerificationCode.objects.get(user=user)
    assert code not in stored.code_hash and len(stored.code_hash) == 64  # only a hash is kept

    # Not yet verified: the right password does not sign in.
    assert (
        client.post("/accounts/sign-in/", {"username": "0912345678", "password": PASSWORD}).status_code == 200
    )

    response = client.post("/accounts/verify/", {"code": code})
    assert response.status_code == 302 and response["Location"].startswith("/accounts/sign-in/")
    user.refresh_from_db()
    assert user.is_active and user.verified_at is not None

    response = client.post("/accounts/sign-in/", {"username": "+84 912 345 678", "password": PASSWORD})
    assert response.status_code == 302


def test_sign_up_by_email_sends_the_code_by_mail_and_signs_in_with_any_case(client, settings):
    settings.MOTCUA_VERIFICATION_EMAIL_SENDER = "motcua.accounts.code_senders.EmailCodeSender"
    sign_up(client, "An.Nguyen@Example.vn")
    assert mail.outbox[-1].to == ["an.nguyen@example.vn"]
    assert mail.outbox[-1].subject == "Mã xác minh tài khoản"
    code = next(w for w in mail.outbox[-1].body.replace(".", " ").split() if w.isdigit() and len(w) == 6)
    client.post("/accounts/verify/", {"code": code})
    response = client.post("/accounts/sign-in/", {"username": "AN.NGUYEN@example.VN", "password": PASSWORD})
    assert response.status_code == 302


@pytest.mark.parametrize(
    ("identifier", "password", "field_message"),
    [
        ("0212345678", PASSWORD, "Nhập số điện thoại di động gồm 10 chữ số"),  # a landline gets no SMS
        ("091234567", PASSWORD, "Nhập số điện thoại di động gồm 10 chữ số"),
        ("an@", PASSWORD, "Nhập địa chỉ thư điện tử đúng dạng"),
        ("0912345678", "12345678", "quá phổ biến"),
        ("", PASSWORD, "Nhập số điện thoại di động hoặc địa chỉ thư điện tử."),
    ],
)
def test_bad_sign_up_input_is_explained_beside_its_field_and_kept(
    client, identifier, password, field_message
):
    response = sign_up(client, identifier, password, full_name="Trần Thị Bình")
    html = response.content.decode()
    assert response.status_code == 400
    assert 'class="error-summary"' in html and field_message in html
    assert 'value="Trần Thị Bình"' in html
    assert PASSWORD not in html  # a password is never sent back
    assert not User.objects.exists()


def test_a_verified_number_cannot_be_signed_up_again_but_a_pending_one_can(client):
    first = applicant_sign_up(identifier="0987654321", password=PASSWORD)
    with time_machine.travel(dt.datetime.now(dt.UTC) + dt.timedelta(minutes=2)):
        again = applicant_sign_up(identifier="+84987654321", password=PASSWORD + "x")
        assert again.user.pk == first.user.pk
        applicant_verify(user_id=again.user.pk, code=last_code("+84987654321"), sign_up_key=again.key)
    response = sign_up(client, "0987654321")
    assert response.status_code == 400 and "Đã có tài khoản" in response.content.decode()


def test_codes_expire_after_ten_minutes_and_allow_five_wrong_attempts():
    pending = applicant_sign_up(identifier="0912345678", password=PASSWORD)
    user, key = pending.user, pending.key
    code = last_code("+84912345678")
    with time_machine.travel(dt.datetime.now(dt.UTC) + dt.timedelta(minutes=10, seconds=1)):
        with pytest.raises(ApplicationError) as expired:
            applicant_verify(user_id=user.pk, code=code, sign_up_key=key)
        assert expired.value.code == "verification_code_expired"

    with time_machine.travel(dt.datetime.now(dt.UTC) + dt.timedelta(minutes=11)):
        verification_code_send(user=user, sign_up_key=key)
        code = last_code("+84912345678")
        wrong = "000000" if code != "000000" else "111111"
        for left in (4, 3, 2, 1):
            with pytest.raises(ApplicationError) as caught:
                applicant_verify(user_id=user.pk, code=wrong, sign_up_key=key)
            assert caught.value.details["attempts_left"] == left
        with pytest.raises(ApplicationError):
            applicant_verify(user_id=user.pk, code=wrong, sign_up_key=key)
        with pytest.raises(ApplicationError) as used_up:
            applicant_verify(user_id=user.pk, code=code, sign_up_key=key)  # the right code, too late
        assert used_up.value.code == "verification_attempts_exhausted"
    user.refresh_from_db()
    assert not user.is_active


def test_resending_waits_a_minute_between_codes_and_allows_five_an_hour():
    start = dt.datetime(2026, 3, 2, 2, 0, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=False) as clock:
        pending = applicant_sign_up(identifier="0912345678", password=PASSWORD)
        user, key = pending.user, pending.key
        first = last_code("+84912345678")
        with pytest.raises(ApplicationError) as soon:
            verification_code_send(user=user, sign_up_key=key)
        assert soon.value.status_code == 429 and soon.value.details["retry_after"] == 60
        for _ in range(4):
            clock.shift(dt.timedelta(seconds=61))
            verification_code_send(user=user, sign_up_key=key)
        clock.shift(dt.timedelta(seconds=61))
        with pytest.raises(ApplicationError) as hourly:
            verification_code_send(user=user, sign_up_key=key)
        assert hourly.value.code == "verification_resend_limited"
        # Only the newest code works.
        with pytest.raises(ApplicationError):
            applicant_verify(
                user_id=user.pk, code=first if first != last_code("+84912345678") else "x", sign_up_key=key
            )
        applicant_verify(user_id=user.pk, code=last_code("+84912345678"), sign_up_key=key)


def test_the_verify_page_in_english(client):
    sign_up(client, "0912345678")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.post("/accounts/verify/", {"code": "abc"}).content.decode()
    assert "The verification code is wrong. You have 4 attempts left." in html
    assert "+84•••••678" in html


def test_username_sign_in_and_its_throttle_count_every_spelling_of_a_number_as_one_account(client, settings):
    settings.MOTCUA_SIGN_IN_ACCOUNT_FAILURES = 3
    pending = applicant_sign_up(identifier="0912345678", password=PASSWORD)
    applicant_verify(user_id=pending.user.pk, code=last_code("+84912345678"), sign_up_key=pending.key)
    for typed in ("0912345678", "+84912345678", "0912 345 678"):
        client.post("/accounts/sign-in/", {"username": typed, "password": "sai-mat-khau"})
    response = client.post("/accounts/sign-in/", {"username": "+84912345678", "password": PASSWORD})
    assert response.status_code == 429


def test_signing_up_again_with_someones_pending_number_cannot_slip_a_password_into_their_verification(client):
    """The owner signs up; someone else signs up with the same (unverified) number and their own password. The
    owner, who receives the new code, cannot activate the account with the other person's password: their
    browser's verification is void and they are told to sign up again, which takes the account back."""
    owner, other = client, client.__class__()
    sign_up(owner, "0912345678", password=PASSWORD)
    with time_machine.travel(dt.datetime.now(dt.UTC) + dt.timedelta(minutes=2)):
        sign_up(other, "0912345678", password="mat-khau-cua-nguoi-khac-99")
        response = owner.post("/accounts/verify/", {"code": last_code("+84912345678")})
        assert response.status_code == 400 and "Hãy đăng ký lại" in response.content.decode()
        assert not User.objects.get(username="+84912345678").is_active
        assert owner.post("/accounts/verify/resend/").status_code == 302  # refused, with a message
        assert "Hãy đăng ký lại" in owner.get("/accounts/verify/").content.decode()
    with time_machine.travel(dt.datetime.now(dt.UTC) + dt.timedelta(minutes=4)):
        sign_up(owner, "0912345678", password=PASSWORD)
        assert other.post("/accounts/verify/", {"code": last_code("+84912345678")}).status_code == 400
        owner.post("/accounts/verify/", {"code": last_code("+84912345678")})
    user = User.objects.get(username="+84912345678")
    assert user.is_active and user.check_password(PASSWORD)
