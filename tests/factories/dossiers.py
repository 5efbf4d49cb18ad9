"""Dossier scenarios built through the services, so every test dossier has a real event chain."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from motcua.accounts.models import Role, User
from motcua.catalog.models import ProcedureVersion
from motcua.dossiers import services
from motcua.dossiers.models import Dossier
from motcua.organization.models import Agency

from .accounts import CITIZEN_NAME, user_with_role
from .catalog import ProcedureVersionFactory, ProcessStepFactory, RequiredDocumentFactory
from .organization import AgencyFactory

# A one-page PDF and a 1x1 PNG that pass the upload checks (they parse and decode).
PDF_BYTES = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\nxref\n0 4\n0000000000 65535 f \n"
    b"0000000009 00000 n \n0000000052 00000 n \n0000000101 00000 n \ntrailer<</Size 4/Root 1 0 R>>\n"
    b"startxref\n164\n%%EOF\n"
)
PNG_BYTES = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de0000000c49444154789c63f8ffff3f0005fe02fe0def"
    "46b80000000049454e44ae426082"
)


def pdf_file(name: str = "ket-qua.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


@dataclass
class Setup:
    """A procedure at a centre (receiving) and a department (competent), with one officer of each role."""

    centre: Agency
    department: Agency
    version: ProcedureVersion
    officer: User
    specialist: User
    leader: User
    applicant: User
    inspector: User
    others: dict[str, User] = field(default_factory=dict)


def setup_procedure(
    *,
    amount: int = 5,
    kind: str = "working_days",
    steps: list[tuple[str, str, Decimal]] | None = None,
    supplement_policy: str = "resume",
    **version_fields,
) -> Setup:
    """`steps` as (agency: "centre"|"department", role, budget)."""
    centre = AgencyFactory(code="TTHCC", name="Trung tâm Phục vụ hành chính công")
    department = AgencyFactory(code="STP", name="Sở Tư pháp")
    version = ProcedureVersionFactory(
        competent_agency=department,
        processing_time_amount=amount,
        processing_time_kind=kind,
        supplement_policy=supplement_policy,
        **version_fields,
    )
    RequiredDocumentFactory(version=version, code="TK", name="Tờ khai", mandatory=True)
    places = {"centre": centre, "department": department}
    for order, (place, role, budget) in enumerate(
        steps
        or [("centre", "receiving_officer", Decimal("0.5")), ("department", "specialist", Decimal("4.5"))],
        start=1,
    ):
        ProcessStepFactory(version=version, order=order, agency=places[place], role=role, time_budget=budget)
    return Setup(
        centre=centre,
        department=department,
        version=version,
        officer=user_with_role(Role.RECEIVING_OFFICER, centre),
        specialist=user_with_role(Role.SPECIALIST, department),
        leader=user_with_role(Role.LEADER, department),
        applicant=user_with_role(Role.APPLICANT, None),
        inspector=user_with_role(Role.INSPECTOR, None),
    )


def applicant_data(**fields) -> services.ApplicantData:
    base = {"name": CITIZEN_NAME, "phone": "0912345678", "email": "an@example.vn"}
    base.update(fields)
    return services.ApplicantData(**base)


def submit_online(setup: Setup, **kwargs) -> Dossier:
    return services.dossier_submit(
        actor=kwargs.pop("actor", setup.applicant),
        applicant=kwargs.pop("applicant", applicant_data()),
        channel="online",
        procedure_code=setup.version.procedure.code,
        receiving_agency_code=kwargs.pop("receiving_agency_code", setup.centre.code),
        **kwargs,
    )


def received(setup: Setup) -> Dossier:
    dossier = submit_online(setup)
    return services.dossier_receive(code=dossier.code, actor=setup.officer, version=dossier.version)


def received_at(setup: Setup, moment) -> Dossier:
    """A dossier received at `moment` (the clock moved there)."""
    with time_machine.travel(moment, tick=False):
        return received(setup)


def apology_proposed(setup: Setup, dossier: Dossier, *, new_due_at, reason: str = "Chờ xác minh", actor=None):
    """The dossier's specialist (or `actor`) proposes an apology with this new appointment."""
    dossier.refresh_from_db()
    return services.dossier_propose_apology(
        code=dossier.code,
        actor=actor or setup.specialist,
        version=dossier.version,
        reason=reason,
        new_due_at=new_due_at,
    )


def awaiting_supplement(
    setup: Setup, *, items: list[str], reason: str = "Cần bổ sung để thẩm định"
) -> Dossier:
    """Received, then the department's specialist asks for `items` (the clock pauses)."""
    dossier = received(setup)
    return services.dossier_request_supplement(
        code=dossier.code, actor=setup.specialist, version=dossier.version, reason=reason, items=items
    )


def with_signed_result(setup: Setup, dossier: Dossier | None = None) -> Dossier:
    """Received (or `dossier`, being processed), its step done, and the result generated and signed with the
    department's key (created here): ready for the leader's approval."""
    from motcua.documents.signing_keys import agencies_that_resolve, create_signing_keys

    create_signing_keys(agencies=agencies_that_resolve())
    dossier = dossier or received(setup)
    dossier = services.dossier_complete_step(
        code=dossier.code, actor=setup.specialist, version=dossier.version, outcome="Đủ điều kiện"
    )
    services.dossier_issue_result(code=dossier.code, actor=setup.leader)
    return dossier


def resolved_with_signed_result(setup: Setup, dossier: Dossier | None = None) -> Dossier:
    """`with_signed_result`, then approved by the leader."""
    dossier = with_signed_result(setup, dossier)
    return services.dossier_resolve(
        code=dossier.code, actor=setup.leader, version=dossier.version, outcome="approved"
    )


def with_another_agency(setup: Setup) -> Setup:
    """Who attacks `setup`'s dossiers: a leader and a specialist of another department (Sở Xây dựng), and another
    citizen (in `setup.others`)."""
    other = AgencyFactory(code="SXD", name="Sở Xây dựng")
    setup.others["other_leader"] = user_with_role(Role.LEADER, other)
    setup.others["other_specialist"] = user_with_role(Role.SPECIALIST, other, full_name="Lê Văn Cường")
    setup.others["stranger"] = user_with_role(Role.APPLICANT, None, full_name="Trần Thị Bình")
    return setup
