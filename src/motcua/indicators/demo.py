"""A year of history for the demo, so that the indicator pages have something to show: dossiers generated over
the past year (motcua.dossiers.imports.history) and imported through the historical import, then the
end-of-day snapshots of the open dossiers backfilled for every day.

Idempotent: skipped when the history is there. `load_demo --history N` sets how many (0: none).
"""

from __future__ import annotations

import time

from motcua.accounts.models import Membership, Role
from motcua.catalog import selectors as catalog
from motcua.catalog.models import Procedure, ProcessingTimeKind, ProcessStep
from motcua.core.errors import ValidationFailed
from motcua.dossiers.imports import Lookups, import_dossiers
from motcua.dossiers.imports.history import Offer, history_lines
from motcua.dossiers.models import Dossier
from motcua.organization.models import Agency
from motcua.organization.selectors import one_stop_section_for

from .snapshots import backfill_snapshots

COUNT = 20_000
BATCH = 2_000
COMMUNES_PER_PROCEDURE = 4  # a procedure of every commune: its history at a few of them


def _working_days(kind: str, amount: int) -> float:
    return amount / 480 if kind == ProcessingTimeKind.WORKING_MINUTES else float(amount)


def offers() -> list[Offer]:
    """Every published sample procedure at its competent agency (or at a few agencies of its kind)."""
    found = []
    procedures = Procedure.objects.filter(is_sample=True, is_active=True, current_version__isnull=False)
    for procedure in procedures.select_related("current_version").order_by("code"):
        version = procedure.current_version
        if version.competent_agency_id:
            agencies = [version.competent_agency]
        else:
            agencies = list(
                Agency.objects.filter(kind=version.competent_agency_kind, is_active=True).order_by("code")[
                    :COMMUNES_PER_PROCEDURE
                ]
            )
        roles = list(
            ProcessStep.objects.filter(version=version).order_by("order").values_list("role", flat=True)
        )
        handling = len(roles) - (1 if len(roles) > 1 and roles[0] == Role.RECEIVING_OFFICER else 0)
        for agency in agencies:
            try:
                section = one_stop_section_for(agency)
            except ValidationFailed:
                continue
            found.append(
                Offer(
                    procedure=procedure.code,
                    receiving=section.code,
                    competent=agency.code,
                    channels=tuple(version.channels or ["online"]),
                    handling_steps=handling,
                    working_days=_working_days(version.processing_time_kind, version.processing_time_amount),
                    fee=catalog.fee_total(version=version),
                )
            )
    return found


def load(*, stdout, count: int = COUNT) -> None:
    if not count:
        return
    if Dossier.objects.filter(code__startswith="LS-").exists():
        stdout.write("Lịch sử một năm: đã có, bỏ qua.")
        return
    admin = Membership.objects.filter(role=Role.ADMINISTRATOR, is_active=True).select_related("user").first()
    available = offers()
    if admin is None or not available:
        stdout.write("Lịch sử một năm: chưa có thủ tục mẫu hoặc quản trị viên, bỏ qua.")
        return
    started = time.perf_counter()
    lookups, batch, imported = Lookups(), [], 0
    for number, line in enumerate(history_lines(available, count=count), start=1):
        batch.append((number, line))
        if len(batch) == BATCH:
            imported += import_dossiers(rows=batch, actor=admin.user, lookups=lookups).dossiers
            batch = []
    if batch:
        imported += import_dossiers(rows=batch, actor=admin.user, lookups=lookups).dossiers
    days = backfill_snapshots()
    stdout.write(
        f"Lịch sử một năm: {imported} hồ sơ nhập qua chức năng nhập hồ sơ, {days} ngày số liệu cuối ngày, "
        f"{time.perf_counter() - started:.0f} giây."
    )
