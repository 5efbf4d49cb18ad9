"""Sample dossiers in every state, made through the services (so each has a real, verifiable event chain).

Idempotent: nothing is added when sample dossiers exist. Skipped quietly when the catalog or the officers of the
organization demo are not there.

One demo citizen also has a dossier of their own, filed online and returned with a signed result, which the
resolution copied into their document store (ready for reuse in the online form).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from datetime import datetime, timedelta

from django.core.files.base import ContentFile
from django.db import transaction

from motcua.accounts.models import Membership, Role, User
from motcua.catalog.models import Channel, ProcedureVersion
from motcua.core import clock
from motcua.core.errors import ApplicationError
from motcua.documents.errors import SignatureNotTrusted, SigningKeyMissing

from . import services
from .models import Dossier, Status

DEMO_EMAIL_DOMAIN = "mau.motcua.vn"
COUNT = 30
NAMES = ["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Phạm Thị Dung", "Hoàng Văn Em", "Vũ Thị Phương"]
# What happens to each sample dossier after it is submitted (actions in order).
SCENARIOS = [
    [],
    ["request_completion"],
    ["receive"],
    ["receive", "complete_step"],
    ["receive", "request_supplement"],
    ["receive", "request_supplement", "supplement"],
    ["receive", "complete_step", "resolve"],
    ["receive", "complete_step", "resolve", "return"],
    ["receive", "apologize"],
    ["refuse"],
    ["receive", "withdraw"],
    ["receive", "stop"],
]
# A one-page PDF (uploads are checked by content: it must parse and have a page).
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\nxref\n0 4\n0000000000 65535 f \n"
    b"0000000009 00000 n \n0000000052 00000 n \n0000000101 00000 n \ntrailer<</Size 4/Root 1 0 R>>\n"
    b"startxref\n164\n%%EOF\n"
)


@contextlib.contextmanager
def as_of(moment: datetime) -> Iterator[None]:
    """Let the services believe it is `moment` (sample data spread over the past weeks)."""
    original = clock.now
    clock.now = lambda: moment
    try:
        yield
    finally:
        clock.now = original


def _member(role: str, agency_id: int) -> User | None:
    found = Membership.objects.filter(role=role, agency_id=agency_id, is_active=True).select_related("user")
    first = found.first()
    return first.user if first else None


def _cast(version: ProcedureVersion) -> dict[str, User] | None:
    competent = version.competent_agency_id
    officer_membership = (
        Membership.objects.filter(role=Role.RECEIVING_OFFICER, is_active=True, agency__receives_dossiers=True)
        .filter(agency_id=competent)
        .first()
    ) or Membership.objects.filter(
        role=Role.RECEIVING_OFFICER, is_active=True, agency__receives_dossiers=True
    ).first()
    if officer_membership is None or competent is None:
        return None
    cast = {
        "officer": officer_membership.user,
        "specialist": _member(Role.SPECIALIST, competent),
        "leader": _member(Role.LEADER, competent),
    }
    if any(user is None for user in cast.values()):
        return None
    cast["agency_code"] = officer_membership.agency.code
    return cast


def _attach_result(dossier: Dossier, leader: User) -> None:
    """The result signed with the agency's demo certificate; an unsigned one where the agency has no key or its
    certificate is not trusted here (real trust roots configured)."""
    try:
        services.dossier_issue_result(code=dossier.code, actor=leader)
    except (SigningKeyMissing, SignatureNotTrusted):
        services.dossier_add_document(
            code=dossier.code, actor=leader, file=ContentFile(PDF, name="ket-qua.pdf"), source="issued_result"
        )


def _step(dossier: Dossier, action: str, cast: dict, moment: datetime) -> Dossier:
    actor = {
        "receive": cast["officer"],
        "request_completion": cast["officer"],
        "refuse": cast["officer"],
        "return": cast["officer"],
        "supplement": cast["officer"],
        "withdraw": cast["officer"],
    }.get(action, cast["specialist"] if action in ("complete_step", "request_supplement") else cast["leader"])
    kwargs = {
        "request_completion": {"items": ["Bản sao giấy tờ tùy thân"]},
        "refuse": {"reasons": "Hồ sơ không thuộc thẩm quyền giải quyết."},
        "request_supplement": {"reason": "Thiếu giấy tờ chứng minh.", "items": ["Bản sao có chứng thực"]},
        "apologize": {
            "reason": "Cần xác minh thêm.",
            "new_due_at": (dossier.due_at or moment) + timedelta(days=7),
        },
        "resolve": {"outcome": "approved"},
        "withdraw": {"reasons": "Người nộp không còn nhu cầu."},
        "stop": {"reasons": "Người nộp đề nghị dừng."},
    }.get(action, {})
    if action == "resolve":
        _attach_result(dossier, actor)
    return services.ACTIONS[action](code=dossier.code, actor=actor, version=dossier.version, **kwargs)


# The demo citizen with a resolved dossier of their own, and its procedure (received at the city's centre,
# decided and signed by the Department of Justice).
CITIZEN_WITH_RESULT = ("congdan.an", "2.000488")
CITIZEN_ACTIONS = ["receive", "complete_step", "resolve", "return"]


def _citizen_result(*, stdout) -> None:
    """The demo citizen's own dossier, filed online two weeks ago and returned with a signed result."""
    username, procedure_code = CITIZEN_WITH_RESULT
    citizen = User.objects.filter(username=username).first()
    # Once: a draft the visitor of the demo started as this citizen does not count.
    done = Dossier.objects.filter(
        applicant=citizen, procedure_version__procedure__code=procedure_code, status=Status.RETURNED
    )
    if citizen is None or done.exists():
        return
    moment = clock.now() - timedelta(days=14)
    try:
        with transaction.atomic(), as_of(moment):
            dossier = services.dossier_submit(
                actor=citizen,
                applicant=services.ApplicantData.of_user(citizen),
                channel=Channel.ONLINE,
                procedure_code=procedure_code,
            )
        cast = {
            "officer": _member(Role.RECEIVING_OFFICER, dossier.receiving_agency_id),
            "specialist": _member(Role.SPECIALIST, dossier.competent_agency_id),
            "leader": _member(Role.LEADER, dossier.competent_agency_id),
        }
        if any(user is None for user in cast.values()):
            return
        for day, action in enumerate(CITIZEN_ACTIONS, start=1):
            with transaction.atomic(), as_of(moment + timedelta(days=day)):
                dossier = _step(dossier, action, cast, moment)
    except ApplicationError as exc:
        stdout.write(f"Hồ sơ của {username}: {exc.message('vi')}")
        return
    stdout.write(f"Hồ sơ của {username}: {dossier.code}, đã trả kết quả có chữ ký số (trong kho giấy tờ).")


def load(*, stdout) -> None:
    _citizen_result(stdout=stdout)
    if Dossier.objects.filter(applicant_email__endswith="@" + DEMO_EMAIL_DOMAIN).exists():
        stdout.write("Hồ sơ mẫu: đã có, bỏ qua.")
        return
    versions = ProcedureVersion.objects.filter(
        status=ProcedureVersion.Status.PUBLISHED, procedure__is_sample=True, competent_agency__isnull=False
    ).select_related("procedure")
    casts = [(v, c) for v in versions if Channel.COUNTER in (v.channels or []) for c in [_cast(v)] if c]
    if not casts:
        stdout.write("Hồ sơ mẫu: chưa có thủ tục hoặc cán bộ mẫu, bỏ qua.")
        return
    made = 0
    start = clock.now() - timedelta(days=21)
    for index in range(COUNT):
        version, cast = casts[index % len(casts)]
        moment = start + timedelta(days=index * 20 / COUNT, hours=index % 5)
        scenario = SCENARIOS[index % len(SCENARIOS)]
        try:
            with transaction.atomic(), as_of(moment):
                dossier = services.dossier_submit(
                    actor=cast["officer"],
                    applicant=services.ApplicantData(
                        name=NAMES[index % len(NAMES)], email=f"mau.{index}@{DEMO_EMAIL_DOMAIN}"
                    ),
                    channel=Channel.COUNTER,
                    procedure_code=version.procedure.code,
                    receiving_agency_code=cast["agency_code"],
                    on_behalf_consent=True,
                )
            for step_index, action in enumerate(scenario, start=1):
                with transaction.atomic(), as_of(moment + timedelta(hours=3 * step_index)):
                    dossier = _step(dossier, action, cast, moment)
        except ApplicationError as exc:
            stdout.write(f"Hồ sơ mẫu {index}: {exc.message('vi')}")
            continue
        made += 1
    stdout.write(f"Hồ sơ mẫu: {made} hồ sơ ở các trạng thái khác nhau.")
