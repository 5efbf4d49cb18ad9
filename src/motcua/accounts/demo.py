"""Sample users for the demo: one per role and kind of agency, all with the same password (printed).

The applicants' personal identification numbers follow the real structure (Hanoi 001, century/sex digit,
year of birth) and their phones are E.164, but the people are invented. Idempotent: users are created or
updated by username, memberships by (user, role, agency).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps

from .models import Membership, Role, User

DEMO_PASSWORD = "motcua-demo"  # noqa: S105 - published on purpose: sample data only
DEMO_EMAIL_DOMAIN = "demo.motcua.vn"


@dataclass(frozen=True)
class DemoUser:
    username: str
    full_name: str
    role: str
    agency_code: str | None = None  # None: system-wide
    personal_id: str = ""
    phone: str = ""
    is_superuser: bool = False


# Agency codes are those of motcua.organization.demo.
DEMO_USERS = [
    DemoUser("congdan.an", "Nguyễn Văn An", Role.APPLICANT, personal_id="001085012345", phone="+84912345678"),
    DemoUser(
        "congdan.binh", "Trần Thị Bình", Role.APPLICANT, personal_id="001192034567", phone="+84987654321"
    ),
    DemoUser("tiepnhan.thanhpho", "Lê Thu Hà", Role.RECEIVING_OFFICER, "HN.TTPVHCC"),
    DemoUser("lanhdao.thanhpho", "Phạm Quốc Huy", Role.LEADER, "HN.TTPVHCC"),
    DemoUser("chuyenvien.tuphap", "Đỗ Minh Châu", Role.SPECIALIST, "HN.STP"),
    DemoUser("lanhdao.tuphap", "Vũ Đức Thắng", Role.LEADER, "HN.STP"),
    DemoUser("tiepnhan.hoaiduc", "Nguyễn Thị Lan", Role.RECEIVING_OFFICER, "HN.09832.TTPV"),
    DemoUser("chuyenvien.hoaiduc", "Bùi Văn Nam", Role.SPECIALIST, "HN.09832.UBND"),
    DemoUser("lanhdao.hoaiduc", "Hoàng Thị Mai", Role.LEADER, "HN.09832.UBND"),
    # Providers served by the city centre (Hanoi's one-stop pilots): they process what the centre receives.
    DemoUser("chuyenvien.vieclam", "Ngô Thị Thu", Role.SPECIALIST, "HN.TTDVVL"),
    DemoUser("lanhdao.vieclam", "Đặng Văn Khoa", Role.LEADER, "HN.TTDVVL"),
    DemoUser("chuyenvien.nuocsach", "Lý Minh Tuấn", Role.SPECIALIST, "HN.NSHN"),
    DemoUser("lanhdao.nuocsach", "Phan Thị Hồng", Role.LEADER, "HN.NSHN"),
    DemoUser("thanhtra", "Trịnh Văn Sơn", Role.INSPECTOR),
    DemoUser("quantri", "Quản trị hệ thống", Role.ADMINISTRATOR, is_superuser=True),
]


def _agencies() -> dict:
    # accounts sits below organization in the layers: reach the model through the app registry.
    agency_model = apps.get_model("organization", "Agency")
    return {a.code: a for a in agency_model.objects.filter(code__in={u.agency_code for u in DEMO_USERS})}


def _user(spec: DemoUser) -> User:
    user = User.objects.filter(username=spec.username).first() or User(username=spec.username)
    user.full_name = spec.full_name
    user.email = f"{spec.username}@{DEMO_EMAIL_DOMAIN}"
    user.personal_id = spec.personal_id
    user.phone = spec.phone
    user.is_staff = user.is_superuser = spec.is_superuser
    user.is_active = True
    if not user.pk or not user.check_password(DEMO_PASSWORD):
        user.set_password(DEMO_PASSWORD)
    user.save()
    return user


def load(*, stdout) -> None:
    agencies = _agencies()
    made = 0
    for spec in DEMO_USERS:
        if spec.agency_code and spec.agency_code not in agencies:
            stdout.write(f"  ! {spec.username}: không có cơ quan {spec.agency_code}, bỏ qua.")
            continue
        user = _user(spec)
        if spec.role != Role.APPLICANT:  # applicants hold no membership: it is every user's default role
            Membership.objects.update_or_create(
                user=user,
                role=spec.role,
                agency=agencies.get(spec.agency_code),
                defaults={"is_active": True},
            )
        made += 1
    stdout.write(f"Người dùng mẫu: {made} tài khoản.")


def summary(*, stdout) -> None:
    """The table of demo logins, printed once everything is loaded."""
    users = {u.username: u for u in User.objects.filter(username__in=[s.username for s in DEMO_USERS])}
    agencies = _agencies()
    rows = [("Tên đăng nhập / Username", "Vai trò / Role", "Cơ quan / Agency")]
    for spec in DEMO_USERS:
        if spec.username not in users:
            continue
        agency = agencies.get(spec.agency_code)
        if spec.role == Role.APPLICANT:
            where = "Công dân / citizen"
        else:
            where = f"{agency.name} ({agency.code})" if agency else "Toàn hệ thống / system-wide"
        rows.append((spec.username, f"{Role(spec.role).label} / {spec.role}", where))
    widths = [max(len(row[i]) for row in rows) for i in range(2)]
    stdout.write("")
    stdout.write(f"Tài khoản mẫu / Demo logins (mật khẩu / password: {DEMO_PASSWORD})")
    for index, (username, role, where) in enumerate(rows):
        stdout.write(f"  {username:<{widths[0]}}  {role:<{widths[1]}}  {where}")
        if index == 0:
            stdout.write("  " + "-" * (widths[0] + widths[1] + 40))
