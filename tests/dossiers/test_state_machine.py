"""Random action sequences by random actors, against an independent model of the rules (DOMAIN.md §3.3).

After every step: only the moves the model allows succeed (others fail with the right error), the database
agrees with the model, paused time never counts, the timing class matches the moments, every event chain
verifies, and no dossier is lost.
"""

from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import transaction
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test

from motcua.accounts.models import Role
from motcua.core import clock
from motcua.core.errors import ActionNotAllowed, PermissionDenied, StaleVersion
from motcua.deadlines.selectors import working_minutes_elapsed
from motcua.dossiers import services
from motcua.dossiers.audit import chain_break
from motcua.dossiers.models import Dossier, Event
from motcua.dossiers.selectors import Timing, timing_class
from tests.factories.accounts import user_with_role
from tests.factories.catalog import ProcedureVersionFactory, ProcessStepFactory
from tests.factories.dossiers import applicant_data
from tests.factories.organization import AgencyFactory

HN = ZoneInfo("Asia/Ho_Chi_Minh")
LEGAL_MINUTES = 5 * 480

ACTORS = ["officer", "specialist", "leader", "applicant", "inspector", "stranger"]
# Who may take each action in this procedure (receiving at the centre, 2 more steps at the department).
WHO = {
    "submit": {"applicant"},
    "receive": {"officer"},
    "request_completion": {"officer"},
    "refuse": {"officer"},
    "return": {"officer"},
    "assign": {"specialist", "leader"},
    "forward": {"specialist", "leader"},
    "complete_step": {"specialist", "leader"},
    "request_supplement": {"specialist", "leader"},
    "supplement": {"applicant"},
    "withdraw": {"applicant"},
    "apologize": {"leader"},
    "resolve": {"leader"},
    "stop": {"leader"},
}
RUNNING = {"received", "in_progress"}
HANDLING = RUNNING | {"awaiting_supplement"}


# Step work belongs to the agency where the dossier sits: the department from receipt until the result goes back to
# the receiving centre (a dossier stopped or withdrawn there stays there: step work on it is then a 409, not a 403).
AT_CURRENT_AGENCY = {"assign", "forward", "complete_step", "request_supplement"}


def permitted(action: str, actor: str, model: "Model") -> bool:
    if actor not in WHO[action]:
        return False
    return not (action in AT_CURRENT_AGENCY and not model.at_department)


class Model:
    """What the rules say about one dossier, kept independently of the code under test."""

    def __init__(self):
        self.status = "submitted"
        self.step = None  # 2 or 3 while processing; None when all steps are done
        self.supplemented = False
        self.apologized = False
        self.events = 1
        self.paused_elapsed = None
        self.at_department = False

    def allows(self, action: str, now: datetime, dossier: Dossier) -> bool:
        s = self.status
        if action == "submit":
            return s == "needs_completion"
        if action in ("receive", "request_completion"):
            return s == "submitted"
        if action == "refuse":
            return s in ("submitted", "needs_completion")
        if action in ("assign", "complete_step"):
            return s in RUNNING and self.step is not None
        if action == "forward":
            return s in RUNNING and self.step == 2
        if action == "request_supplement":
            return s in RUNNING and not self.supplemented
        if action == "supplement":
            return s == "awaiting_supplement"
        if action == "apologize":
            if s not in HANDLING or self.apologized:
                return False
            return working_minutes_elapsed(start=now, end=dossier.due_at) >= 480
        if action == "resolve":
            # Decided at the last step: not while the specialist's step (2) is followed by the leader's (3).
            return s in RUNNING and self.step != 2
        if action == "return":
            return s == "resolved"
        if action == "stop":
            return s in HANDLING
        if action == "withdraw":
            return s in {"submitted", "needs_completion"} | HANDLING
        raise AssertionError(action)

    def apply(self, action: str) -> None:
        self.events += 1
        if action == "submit":
            self.status = "submitted"
        elif action == "receive":
            self.status, self.step, self.at_department = "received", 2, True
        elif action == "request_completion":
            self.status = "needs_completion"
        elif action in ("forward", "complete_step"):
            self.status, self.step = "in_progress", (3 if self.step == 2 else None)
        elif action == "request_supplement":
            self.status, self.supplemented = "awaiting_supplement", True
        elif action == "supplement":
            self.status = "in_progress"
        elif action == "apologize":
            self.apologized = True
        else:
            if action == "resolve":
                self.at_department = False
            self.status = {
                "refuse": "refused",
                "resolve": "resolved",
                "return": "returned",
                "stop": "stopped",
                "withdraw": "withdrawn",
            }.get(action, self.status)


def arguments(action: str, specialist_username: str, due_at: datetime | None) -> dict:
    return {
        "request_completion": {"items": ["Tờ khai"]},
        "refuse": {"reasons": "Không thuộc thẩm quyền"},
        "assign": {"to_user": specialist_username},
        "request_supplement": {"reason": "Thiếu", "items": ["Bản sao"]},
        "apologize": {"reason": "Chậm", "new_due_at": (due_at or clock.now()) + timedelta(days=7)},
        "resolve": {"outcome": "denied", "reasons": "Không đủ điều kiện"},
        "stop": {"reasons": "Dừng"},
        "withdraw": {"reasons": "Rút"},
    }.get(action, {})


class DossierLifeCycle(RuleBasedStateMachine):
    def __init__(self):
        super().__init__()
        self._atomic = transaction.atomic()
        self._atomic.__enter__()
        self._travel = time_machine.travel(datetime(2026, 3, 9, 9, 0, tzinfo=HN), tick=False)
        self._clock = self._travel.start()
        centre, department = AgencyFactory(), AgencyFactory()
        self.version = ProcedureVersionFactory(competent_agency=department, processing_time_amount=5)
        for order, (agency, role, budget) in enumerate(
            [
                (centre, Role.RECEIVING_OFFICER, "0.5"),
                (department, Role.SPECIALIST, "3"),
                (department, Role.LEADER, "1.5"),
            ],
            start=1,
        ):
            ProcessStepFactory(
                version=self.version, order=order, agency=agency, role=role, time_budget=Decimal(budget)
            )
        self.centre = centre
        self.users = {
            "officer": user_with_role(Role.RECEIVING_OFFICER, centre),
            "specialist": user_with_role(Role.SPECIALIST, department),
            "leader": user_with_role(Role.LEADER, department),
            "applicant": user_with_role(Role.APPLICANT, None),
            "inspector": user_with_role(Role.INSPECTOR, None),
            "stranger": user_with_role(Role.RECEIVING_OFFICER, AgencyFactory()),
        }
        self.models: dict[str, Model] = {}
        self.moves = 0

    def teardown(self):
        self._travel.stop()
        transaction.set_rollback(True)
        self._atomic.__exit__(None, None, None)

    @rule()
    def submit(self):
        dossier = services.dossier_submit(
            actor=self.users["applicant"],
            applicant=applicant_data(),
            channel="online",
            procedure_code=self.version.procedure.code,
            receiving_agency_code=self.centre.code,
        )
        self.models[dossier.code] = Model()

    @rule(minutes=st.integers(min_value=1, max_value=3 * 24 * 60))
    def time_passes(self, minutes):
        self._clock.shift(timedelta(minutes=minutes))

    def _attempt(self, code: str, action: str, actor: str, stale: bool) -> None:
        model = self.models[code]
        dossier = Dossier.objects.get(code=code)
        version = dossier.version - 1 if stale else dossier.version
        if not permitted(action, actor, model):
            expected = PermissionDenied
        elif not model.allows(action, clock.now(), dossier):
            expected = ActionNotAllowed
        elif stale:
            expected = StaleVersion
        else:
            expected = None
        call = services.ACTIONS[action]
        kwargs = arguments(action, self.users["specialist"].username, dossier.due_at)
        if expected is None:
            call(code=code, actor=self.users[actor], version=version, **kwargs)
            model.apply(action)
            self.moves += 1
            if action == "request_supplement":
                model.paused_elapsed = self.elapsed(Dossier.objects.get(code=code))
        else:
            with pytest.raises(expected):
                call(code=code, actor=self.users[actor], version=version, **kwargs)

    @rule(
        data=st.data(),
        action=st.sampled_from(sorted(WHO)),
        actor=st.sampled_from(ACTORS),
        stale=st.booleans(),
    )
    def anyone_tries_anything(self, data, action, actor, stale):
        if self.models:
            self._attempt(data.draw(st.sampled_from(sorted(self.models))), action, actor, stale)

    @rule(data=st.data())
    def someone_entitled_makes_an_allowed_move(self, data):
        now = clock.now()
        options = []
        for code, model in sorted(self.models.items()):
            dossier = Dossier.objects.get(code=code)
            options += [(code, action) for action in sorted(WHO) if model.allows(action, now, dossier)]
        if options:
            code, action = data.draw(st.sampled_from(options))
            actor = data.draw(
                st.sampled_from([a for a in sorted(WHO[action]) if permitted(action, a, self.models[code])])
            )
            self._attempt(code, action, actor, stale=False)

    def elapsed(self, dossier: Dossier) -> int:
        pauses = list(dossier.pauses.values_list("started_at", "ended_at"))
        return working_minutes_elapsed(start=dossier.received_at, end=clock.now(), pauses=pauses)

    @invariant()
    def no_dossier_is_lost_and_the_database_agrees_with_the_model(self):
        stored = dict(Dossier.objects.filter(code__in=list(self.models)).values_list("code", "status"))
        assert stored == {code: m.status for code, m in self.models.items()}

    @invariant()
    def chains_verify_and_hold_one_event_per_change(self):
        for dossier in Dossier.objects.filter(code__in=list(self.models)):
            assert chain_break(dossier_id=dossier.pk) is None
            assert Event.objects.filter(dossier=dossier).count() == self.models[dossier.code].events

    @invariant()
    def paused_time_never_counts_and_timing_matches_the_moments(self):
        now = clock.now()
        for dossier in Dossier.objects.filter(code__in=list(self.models)):
            model = self.models[dossier.code]
            timing = timing_class(dossier, as_of=now)
            if model.status == "awaiting_supplement":
                assert timing == Timing.PAUSED
                assert self.elapsed(dossier) == model.paused_elapsed
            elif model.status in RUNNING:
                assert timing == (
                    Timing.IN_PROGRESS_OVERDUE if now > dossier.due_at else Timing.IN_PROGRESS_WITHIN_TIME
                )
                pauses = list(dossier.pauses.values_list("started_at", "ended_at"))
                if all(start < dossier.due_at for start, _ in pauses):
                    # Resumed after a pause: the legal time, minus nothing, still ends at the due moment.
                    assert (
                        working_minutes_elapsed(start=dossier.received_at, end=dossier.due_at, pauses=pauses)
                        == LEGAL_MINUTES
                    )
            elif model.status in ("resolved", "returned"):
                expected_late = dossier.resolved_at > dossier.due_at
                assert (timing == Timing.RESOLVED_LATE) == expected_late
            else:
                assert timing is None


@pytest.mark.django_db
def test_dossier_life_cycle_state_machine():
    run_state_machine_as_test(
        DossierLifeCycle,
        settings=settings(
            max_examples=30,
            stateful_step_count=30,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
        ),
    )
