"""Replaying a legacy timeline: the dossier, its steps, pauses, rating and hash-chained events, in memory.

Each imported event is the action of workflow.py that produces it: the move must be one the state allows
(`workflow.state_allows`) and the dossier must pass the action's guards (`workflow.GUARDS`), exactly as the
services check them. What an action changes (status, moments, steps, pauses, due moments) follows the service
that takes it; actors are the legacy system's (named in the payload), so the events have no actor, and every
payload says `"imported": true`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from motcua.accounts.models import Role, User
from motcua.catalog.models import SupplementPolicy
from motcua.core.errors import ApplicationError
from motcua.core.hashchain import GENESIS_HASH, hashed_moment, plain_chain_hash
from motcua.deadlines import calendar as working_time
from motcua.deadlines import selectors as deadlines

from .. import guards, workflow
from ..models import RESULT_STATUSES, EventKind, Outcome, Rating, Status
from ..services.receipt import _amount, _plan_steps
from ..workflow import Action
from .errors import LineInvalid
from .lookups import Lookups
from .reading import Line, invalid, moment, text
from .records import DossierRecord, EventRecord, PauseRecord, RatingRecord, Related, StepRecord

ACTION_OF = {
    "received": Action.RECEIVE,
    "assigned": Action.ASSIGN,
    "forwarded": Action.FORWARD,
    "step_completed": Action.COMPLETE_STEP,
    "supplement_requested": Action.REQUEST_SUPPLEMENT,
    "supplemented": Action.SUPPLEMENT,
    "apologized": Action.APOLOGIZE,
    "resolved": Action.RESOLVE,
    "returned": Action.RETURN,
    "stopped": Action.STOP,
    "withdrawn": Action.WITHDRAW,
    "refused": Action.REFUSE,
}

# Read once: an enum's `values` makes a new list at each use.
OUTCOMES = frozenset(Outcome.values)
LEVELS = frozenset(Rating.Level.values)


@dataclass
class Ids:
    """Primary keys handed out before the rows are written (steps are referenced by the dossier's
    current step, and the guards compare steps by key), and the dossiers' lookup secrets, made together."""

    dossiers: list[int]
    steps: list[int]
    secrets: list[str]

    def secret(self) -> str:
        return self.secrets.pop()

    def dossier(self) -> int:
        return self.dossiers.pop()

    def step(self) -> int:
        return self.steps.pop()


@dataclass
class Built:
    dossier: DossierRecord
    steps: list[StepRecord]
    pauses: list[PauseRecord]
    events: list[EventRecord]
    rating: RatingRecord | None = None
    line: int = 0  # the line of the file it came from


def _iso(value: datetime | None) -> str | None:
    return hashed_moment(value) if value else None


class Replay:
    def __init__(self, line: Line, *, lookups: Lookups, ids: Ids, actor: User) -> None:
        self.line, self.lookups, self.ids, self.actor = line, lookups, ids, actor
        self.calendar = lookups.calendar(line.competent)
        self.last = line.submitted_at
        self.steps: list[StepRecord] = []
        self.pauses: list[PauseRecord] = []
        self.events: list[EventRecord] = []
        self.rating: RatingRecord | None = None
        self.previous_hash = GENESIS_HASH
        self.dossier = DossierRecord(
            id=ids.dossier(),
            code=line.code,
            procedure_version=line.version,
            receiving_agency=line.receiving,
            competent_agency=line.competent,
            applicant_name=line.applicant.name,
            applicant_personal_id=line.applicant.personal_id,
            applicant_phone=line.applicant.phone,
            applicant_email=line.applicant.email,
            address_street=line.applicant.address,
            channel=line.channel,
            status=Status.SUBMITTED,
            submitted_at=line.submitted_at,
            fee_total=line.fee_total,
            fee_status=line.fee_status,
            home_service=line.channel == "home",
            lookup_secret=ids.secret(),
            filed_by_id=actor.pk,
            created_at=line.submitted_at,
            current_agency_id=line.receiving.pk,
            steps=Related(self.steps),
            pauses=Related(self.pauses),
        )
        self._append(
            EventKind.SUBMITTED,
            at=line.submitted_at,
            before="",
            agency_id=line.receiving.pk,
            payload={"channel": line.channel, "procedure": line.version.procedure.code},
        )

    # --- the chain ----------------------------------------------------------------------------------------

    def _append(self, kind: str, *, at: datetime, before: str, agency_id: int | None, payload: dict) -> None:
        payload["imported"] = True
        seq, to_status, previous = len(self.events) + 1, self.dossier.status, self.previous_hash
        # The content Event.hashed_content() gives for this row, built here without a model instance.
        content = {
            "dossier": self.dossier.id,
            "seq": seq,
            "kind": kind,
            "actor": None,
            "agency": agency_id,
            "at": hashed_moment(at),
            "from": before,
            "to": to_status,
            "payload": payload,
        }
        self.previous_hash = plain_chain_hash(previous, content)
        self.events.append(
            EventRecord(
                self.dossier.id,
                seq,
                kind,
                agency_id,
                at,
                before,
                to_status,
                payload,
                previous,
                self.previous_hash,
            )
        )
        if kind not in (EventKind.SUBMITTED, EventKind.RATED):
            self.dossier.version += 1

    # --- replay -------------------------------------------------------------------------------------------

    def run(self) -> Built:
        for index, data in enumerate(self.line.events):
            field_prefix = f"events[{index}]"
            at = self._moment(data, index)
            kind = data["kind"]
            if kind == "rated":
                self._rated(data, at, field_prefix)
            else:
                self._check(ACTION_OF[kind], at, field_prefix, kind)
                getattr(self, f"_{kind}")(data, at, field_prefix)
            self.last = at
        if self.line.received_at is not None and self.dossier.received_at is None:
            raise invalid(
                "received_at",
                "not_received",
                "Có thời điểm tiếp nhận nhưng không có sự kiện received.",
                "A receipt moment is given but there is no received event.",
            )
        return Built(self.dossier, self.steps, self.pauses, self.events, self.rating, self.line.number)

    def _moment(self, data: dict, index: int) -> datetime:
        field = f"events[{index}].at"
        at = moment(data, "at", field, required=data["kind"] != "received")
        if data["kind"] == "received":
            given = self.line.received_at
            if at is None:
                at = given
            if at is None:
                raise invalid(
                    field, "required", "Thiếu thời điểm tiếp nhận.", "The receipt moment is missing."
                )
            if given is not None and given != at:
                raise invalid(
                    field,
                    "receipt_mismatch",
                    "Thời điểm tiếp nhận khác received_at của hồ sơ.",
                    "The receipt moment differs from the dossier's received_at.",
                )
        if at < self.last:
            raise invalid(
                field,
                "out_of_order",
                "Thời điểm sớm hơn sự kiện trước (hoặc thời điểm nộp).",
                "The moment is before the previous event (or the submission).",
            )
        return at

    def _check(self, action: str, at: datetime, prefix: str, kind: str) -> None:
        d = self.dossier
        if not workflow.state_allows(d, action):
            raise invalid(
                f"{prefix}.kind",
                "not_allowed_in_state",
                f"Không thể có sự kiện {kind} khi hồ sơ ở trạng thái {d.status}.",
                f"A {kind} event cannot happen while the dossier is {d.status}.",
            )
        error: ApplicationError | None = guards.first_refusal(workflow.GUARDS[action], d, at)
        if error is not None:
            raise LineInvalid.from_error(f"{prefix}.kind", error)

    def _current(self) -> StepRecord | None:
        return self.dossier.current_step

    def _officer(self, data: dict, prefix: str) -> str:
        return text(data, "officer", f"{prefix}.officer", required=False, max_length=150)

    # --- each kind, as its service does it ------------------------------------------------------------------

    def _received(self, data: dict, at: datetime, prefix: str) -> None:
        d, line = self.dossier, self.line
        version, before = line.version, d.status
        kind, amount = version.processing_time_kind, version.processing_time_amount
        d.received_at = at
        d.started_at = working_time.effective_start(self.calendar, at)
        d.time_kind, d.time_amount = kind, Decimal(amount)
        d.due_at = line.due_at or deadlines.due_moment(
            start=at, kind=kind, amount=_amount(amount, kind), calendar=self.calendar
        )
        if d.due_at <= at:
            raise invalid(
                "due_at",
                "due_before_receipt",
                "Hạn trả phải sau lúc tiếp nhận.",
                "The due moment must follow receipt.",
            )
        d.status = Status.RECEIVED
        for t in self.lookups.template(version):
            agency_id = t.agency_id or (
                d.receiving_agency_id if t.role == Role.RECEIVING_OFFICER else d.competent_agency_id
            )
            self.steps.append(
                StepRecord(
                    id=self.ids.step(),
                    dossier_id=d.id,
                    order=t.order,
                    name=t.name,
                    agency_id=agency_id,
                    role=t.role,
                    time_budget=t.time_budget,
                )
            )
        steps = self.steps
        _plan_steps(d, start=at, steps=steps, calendar=self.calendar)
        if steps:
            steps[0].started_at = at
            if steps[0].role == Role.RECEIVING_OFFICER and len(steps) > 1:
                steps[0].finished_at, steps[0].outcome = at, "received"
                steps[1].started_at = at
        current = next((s for s in steps if s.finished_at is None), None)
        d.current_step = current
        d.current_agency_id = current.agency_id if current else d.competent_agency_id
        self._append(
            EventKind.RECEIVED,
            at=at,
            before=before,
            agency_id=d.receiving_agency_id,
            payload={
                "due_at": _iso(d.due_at),
                "express": False,
                "home": d.home_service,
                "note": text(data, "note", f"{prefix}.note", required=False),
                "documents": line.documents,
                "officer": self._officer(data, prefix),
                # As the receipt service records them: every document digitized, any reused.
                "digitized": bool(line.documents) and all(doc["digitized"] for doc in line.documents),
                "reused": any(doc["reused"] for doc in line.documents),
            },
        )

    def _assigned(self, data: dict, at: datetime, prefix: str) -> None:
        d = self.dossier
        self._append(
            EventKind.ASSIGNED,
            at=at,
            before=d.status,
            agency_id=d.current_agency_id,
            payload={"step": d.current_step.order, "officer": self._officer(data, prefix)},
        )

    def _advance(self, kind: str, data: dict, at: datetime, prefix: str) -> None:
        d = self.dossier
        step, before = d.current_step, d.status
        following = next((s for s in self.steps if s.order > step.order), None)
        step.finished_at = at
        step.outcome = text(data, "outcome", f"{prefix}.outcome", required=False, max_length=300) or "done"
        if following is not None:
            following.started_at = at
            d.current_step, d.current_agency_id = following, following.agency_id
        else:
            d.current_step, d.current_agency_id = None, d.competent_agency_id
        d.status = Status.IN_PROGRESS
        self._append(
            kind,
            at=at,
            before=before,
            agency_id=step.agency_id,
            payload={
                "step": step.order,
                "step_name": step.name,
                "outcome": step.outcome,
                "from_agency": step.agency_id,
                "to_step": following.order if following else None,
                "to_agency": following.agency_id if following else None,
                "officer": self._officer(data, prefix),
            },
        )

    def _forwarded(self, data: dict, at: datetime, prefix: str) -> None:
        self._advance(EventKind.FORWARDED, data, at, prefix)

    def _step_completed(self, data: dict, at: datetime, prefix: str) -> None:
        self._advance(EventKind.STEP_COMPLETED, data, at, prefix)

    def _supplement_requested(self, data: dict, at: datetime, prefix: str) -> None:
        d = self.dossier
        reason = text(data, "reason", f"{prefix}.reason", max_length=2000)
        items = data.get("items")
        if (
            not isinstance(items, list)
            or not items
            or not all(isinstance(i, str) and i.strip() for i in items)
        ):
            raise invalid(
                f"{prefix}.items",
                "required",
                "Liệt kê đầy đủ giấy tờ cần bổ sung.",
                "List everything that is needed.",
            )
        before = d.status
        self.pauses.append(
            PauseRecord(
                dossier_id=d.id, agency_id=d.current_agency_id, started_at=at, reason=reason, items=items
            )
        )
        d.status, d.missing_items = Status.AWAITING_SUPPLEMENT, items
        self._append(
            EventKind.SUPPLEMENT_REQUESTED,
            at=at,
            before=before,
            agency_id=d.current_agency_id,
            payload={"reason": reason, "items": items},
        )

    def _shift(self, value: datetime | None, minutes: int) -> datetime | None:
        if value is None or minutes <= 0:
            return value
        return working_time.add_working_minutes(self.calendar, value, minutes)

    def _supplemented(self, data: dict, at: datetime, prefix: str) -> None:
        d, before = self.dossier, self.dossier.status
        pause = next(p for p in self.pauses if p.ended_at is None)
        pause.ended_at = at
        open_steps = [s for s in self.steps if s.finished_at is None]
        policy = self.line.version.supplement_policy
        given = self.line.due_at is not None  # the legacy system's due moment is final: kept as it is
        if policy == SupplementPolicy.RESTART:
            d.started_at = working_time.effective_start(self.calendar, at)
            if not given:
                d.due_at = deadlines.due_moment(
                    start=at,
                    kind=d.time_kind,
                    amount=_amount(d.time_amount, d.time_kind),
                    calendar=self.calendar,
                )
            _plan_steps(d, start=at, steps=open_steps, calendar=self.calendar)
            paused = None
        else:
            paused = working_time.working_minutes_between(
                self.calendar, pause.started_at, min(at, max(d.due_at, pause.started_at))
            )
            if not given:
                d.due_at = self._shift(d.due_at, paused)
            d.rescheduled_due_at = self._shift(d.rescheduled_due_at, paused)
            for step in open_steps:
                step.due_at = self._shift(step.due_at, paused)
        d.status, d.missing_items = Status.IN_PROGRESS, []
        self._append(
            EventKind.SUPPLEMENTED,
            at=at,
            before=before,
            agency_id=d.current_agency_id,
            payload={
                "policy": policy,
                "paused_working_minutes": paused,
                "due_at": _iso(d.due_at),
                "note": text(data, "note", f"{prefix}.note", required=False),
            },
        )

    def _apologized(self, data: dict, at: datetime, prefix: str) -> None:
        d = self.dossier
        reason = text(data, "reason", f"{prefix}.reason", max_length=2000)
        new_due_at = moment(data, "new_due_at", f"{prefix}.new_due_at")
        if new_due_at <= d.due_at:
            raise invalid(
                f"{prefix}.new_due_at",
                "invalid_new_due",
                "Ngày hẹn mới phải sau hạn trả kết quả hiện tại.",
                "The new appointment must come after the current due moment.",
            )
        d.rescheduled_due_at = new_due_at
        self._append(
            EventKind.APOLOGIZED,
            at=at,
            before=d.status,
            agency_id=d.current_agency_id,
            payload={"reason": reason, "new_due_at": _iso(new_due_at), "due_at": _iso(d.due_at)},
        )

    def _resolved(self, data: dict, at: datetime, prefix: str) -> None:
        d, before = self.dossier, self.dossier.status
        outcome = data.get("outcome")
        if outcome not in OUTCOMES:
            raise invalid(
                f"{prefix}.outcome",
                "invalid_outcome",
                "Kết quả là approved hoặc denied.",
                "The outcome is approved or denied.",
            )
        reasons = text(
            data, "reasons", f"{prefix}.reasons", required=outcome == Outcome.DENIED, max_length=4000
        )
        payload = {"outcome": outcome}
        if outcome == Outcome.APPROVED:
            electronic = data.get("electronic_result", False)
            if not isinstance(electronic, bool):
                raise invalid(
                    f"{prefix}.electronic_result",
                    "not_boolean",
                    "Giá trị là true/false.",
                    "The value is true/false.",
                )
            payload["electronic_result"] = electronic
        for step in self.steps:
            if step.started_at is not None and step.finished_at is None:
                step.finished_at, step.outcome = at, outcome
        d.status, d.outcome, d.reasons, d.resolved_at = Status.RESOLVED, outcome, reasons, at
        d.current_step, d.current_agency_id = None, d.receiving_agency_id
        self._append(
            EventKind.RESOLVED,
            at=at,
            before=before,
            agency_id=d.competent_agency_id,
            payload={**payload, "reasons": reasons},
        )

    def _returned(self, data: dict, at: datetime, prefix: str) -> None:
        d, before = self.dossier, self.dossier.status
        d.status, d.returned_at, d.closed_at = Status.RETURNED, at, at
        self._append(
            EventKind.RETURNED,
            at=at,
            before=before,
            agency_id=d.current_agency_id,
            payload={"note": text(data, "note", f"{prefix}.note", required=False), "home": d.home_service},
        )

    def _close(self, kind: str, status: str, data: dict, at: datetime, prefix: str) -> None:
        d, before = self.dossier, self.dossier.status
        reasons = text(data, "reasons", f"{prefix}.reasons", max_length=4000)
        d.status, d.reasons, d.closed_at = status, reasons, at
        for pause in self.pauses:
            pause.ended_at = pause.ended_at or at
        for step in self.steps:
            if step.started_at is not None and step.finished_at is None:
                step.finished_at, step.outcome = at, status
        if status != Status.REFUSED:
            d.current_step = None
        self._append(kind, at=at, before=before, agency_id=d.current_agency_id, payload={"reasons": reasons})

    def _stopped(self, data: dict, at: datetime, prefix: str) -> None:
        self._close(EventKind.STOPPED, Status.STOPPED, data, at, prefix)

    def _withdrawn(self, data: dict, at: datetime, prefix: str) -> None:
        self._close(EventKind.WITHDRAWN, Status.WITHDRAWN, data, at, prefix)

    def _refused(self, data: dict, at: datetime, prefix: str) -> None:
        self._close(EventKind.REFUSED, Status.REFUSED, data, at, prefix)

    def _rated(self, data: dict, at: datetime, prefix: str) -> None:
        """The rule of the rating service: after the result, once."""
        d = self.dossier
        if d.status not in RESULT_STATUSES or self.rating is not None:
            raise invalid(
                f"{prefix}.kind",
                "not_allowed_in_state",
                "Chỉ đánh giá được một lần, sau khi có kết quả.",
                "A rating is possible once, after the result.",
            )
        level = data.get("level")
        if level not in LEVELS:
            raise invalid(
                f"{prefix}.level",
                "invalid_level",
                f"Mức độ hài lòng là một trong {', '.join(Rating.Level.values)}.",
                f"The level is one of {', '.join(Rating.Level.values)}.",
            )
        comment = text(data, "comment", f"{prefix}.comment", required=False, max_length=4000)
        self.rating = RatingRecord(
            dossier_id=d.id, level=level, comment=comment, rated_by_id=self.actor.pk, rated_at=at
        )
        self._append(EventKind.RATED, at=at, before=d.status, agency_id=None, payload={"level": level})


def replay(line: Line, *, lookups: Lookups, ids: Ids, actor: User) -> Built:
    return Replay(line, lookups=lookups, ids=ids, actor=actor).run()
