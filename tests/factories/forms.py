"""Dossiers that went through the life cycle (through the services, so their events are real), for the forms."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import time_machine
from PIL import Image

from motcua.dossiers import services
from motcua.dossiers.models import Dossier

from .dossiers import Setup, applicant_data, pdf_file, setup_procedure

HN = ZoneInfo("Asia/Ho_Chi_Minh")
APPLICANT_NAME = "Nguyễn Thị Ánh Tuyết"  # "ị" and "ế": letters Liberation 1.x fonts do not have
PERSONAL_ID = "001190012345"  # Hanoi, a woman born in 1990
MISSING_ITEM = "Bản sao Giấy khai sinh có chứng thực"
GUIDANCE_NOTE = "Nộp bản sao có chứng thực tại Ủy ban nhân dân phường"
SUPPLEMENT_ITEMS = ["Bản chính Giấy xác nhận tình trạng hôn nhân", "Ảnh chân dung 4x6 cm"]
SUPPLEMENT_REASON = "Thông tin trong tờ khai chưa khớp với cơ sở dữ liệu quốc gia về dân cư"
APOLOGY_REASON = "Phải xác minh thông tin với Ủy ban nhân dân phường Hoàn Kiếm"
REFUSAL_REASON = "Thủ tục không thuộc thẩm quyền giải quyết của Sở Tư pháp"
STOP_REASON = "Người nộp đề nghị dừng để bổ sung giấy tờ ở cơ quan khác"
NEW_APPOINTMENT = datetime(2026, 3, 20, 14, 30, tzinfo=HN)


def _applicant():
    return applicant_data(
        name=APPLICANT_NAME, personal_id=PERSONAL_ID, birth_date=date(1990, 5, 1), sex="female"
    )


def at(day: int, hour: int, minute: int = 0):
    """A moment in March 2026, Hanoi time (Monday 9 March is the first working day used)."""
    return time_machine.travel(datetime(2026, 3, day, hour, minute, tzinfo=HN), tick=False)


@dataclass
class LifeCycle:
    setup: Setup
    returned: Dossier  # guidance, resubmission, receipt, supplement, apology, forward, result, return
    refused: Dossier
    stopped: Dossier
    received: Dossier  # received only: no refusal, apology or stop (yet)
    submitted: Dossier  # not received yet
    needs_completion: Dossier  # the intake guidance only


def life_cycle() -> LifeCycle:
    setup = setup_procedure()
    officer, specialist, leader, applicant = setup.officer, setup.specialist, setup.leader, setup.applicant
    # The applicant files for herself: her account's profile names her (filing rules).
    applicant.full_name, applicant.personal_id = APPLICANT_NAME, PERSONAL_ID
    applicant.save(update_fields=["full_name", "personal_id"])

    def submit() -> Dossier:
        return services.dossier_submit(
            actor=applicant,
            applicant=_applicant(),
            channel="online",
            procedure_code=setup.version.procedure.code,
            receiving_agency_code=setup.centre.code,
        )

    with at(9, 9, 30):  # Monday
        d = submit()
        d = services.dossier_request_completion(
            code=d.code,
            actor=officer,
            version=d.version,
            items=[MISSING_ITEM],
            note="Nộp bản sao có chứng thực",
        )
    with at(9, 10, 15):
        services.dossier_add_document(
            code=d.code, actor=applicant, file=pdf_file("to-khai.pdf"), component_code="TK"
        )
        d = Dossier.objects.get(pk=d.pk)
        d = services.dossier_resubmit(code=d.code, actor=applicant, version=d.version)
    with at(9, 14, 30):
        d = services.dossier_receive(code=d.code, actor=officer, version=d.version)
    with at(10, 9, 0):
        d = services.dossier_request_supplement(
            code=d.code, actor=specialist, version=d.version, reason=SUPPLEMENT_REASON, items=SUPPLEMENT_ITEMS
        )
    with at(11, 8, 30):
        d = services.dossier_supplement(code=d.code, actor=applicant, version=d.version)
    with at(11, 15, 0):
        d = services.dossier_apologize(
            code=d.code, actor=leader, version=d.version, reason=APOLOGY_REASON, new_due_at=NEW_APPOINTMENT
        )
    with at(12, 10, 0):
        d = services.dossier_complete_step(
            code=d.code, actor=specialist, version=d.version, outcome="Đủ điều kiện"
        )
        services.dossier_add_document(code=d.code, actor=specialist, file=pdf_file(), source="issued_result")
        d = Dossier.objects.get(pk=d.pk)
        d = services.dossier_resolve(code=d.code, actor=leader, version=d.version, outcome="approved")
    with at(13, 9, 0):
        returned = services.dossier_return(code=d.code, actor=officer, version=d.version)

    with at(9, 11, 0):
        r = submit()
        refused = services.dossier_refuse(
            code=r.code, actor=officer, version=r.version, reasons=REFUSAL_REASON
        )
        s = submit()
        s = services.dossier_receive(code=s.code, actor=officer, version=s.version)
        received_only = submit()
        received_only = services.dossier_receive(
            code=received_only.code, actor=officer, version=received_only.version
        )
        submitted = submit()
        guided = submit()
        guided = services.dossier_request_completion(
            code=guided.code, actor=officer, version=guided.version, items=[MISSING_ITEM], note=GUIDANCE_NOTE
        )
    with at(10, 11, 0):
        stopped = services.dossier_stop(code=s.code, actor=leader, version=s.version, reasons=STOP_REASON)
    return LifeCycle(
        setup=setup,
        returned=returned,
        refused=refused,
        stopped=stopped,
        received=received_only,
        submitted=submitted,
        needs_completion=guided,
    )


def page_one_image(content: bytes, folder: Path) -> Image.Image:
    """Page 1 of a PDF rendered by pdftoppm at 50 dpi, in grey levels (an A4 page: 413 x 585 pixels)."""
    pdf = folder / "form.pdf"
    pdf.write_bytes(content)
    subprocess.run(  # noqa: S603 - fixed arguments
        [
            "/usr/bin/pdftoppm",
            "-r",
            "50",
            "-png",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            str(pdf),
            str(folder / "p1"),
        ],
        check=True,
        timeout=60,
    )
    return Image.open(folder / "p1.png").convert("L")


def dark_share(image: Image.Image) -> float:
    """The share of the image's pixels that are dark (text, lines)."""
    return sum(1 for value in image.get_flattened_data() if value < 128) / (image.width * image.height)
