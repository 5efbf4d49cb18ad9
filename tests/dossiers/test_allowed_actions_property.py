"""`allowed_actions` lists exactly the actions whose service accepts valid input (ARCHITECTURE.md, API contract).

For random dossiers (single, at a counter, received outside the boundary, a saved draft, an interconnected group
with its children), driven through random sequences of accepted actions, digitized uploads and passing time:
in every state reached and for every actor (the owner, another applicant, receiving officers here and
elsewhere, specialists and leaders of the agencies involved, an inspector), each action is tried through its
service with valid input inside a savepoint that is rolled back; the set that succeeds must equal
`allowed_actions` computed from the dossier as its detail loads it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from motcua.accounts.models import Role, User
from motcua.catalog.models import ProcedureGroup, ProcedureGroupMember, ProcedureVersion
from motcua.core.errors import ApplicationError
from motcua.dossiers import selectors, services
from motcua.dossiers.models import Dossier, Status
from motcua.dossiers.workflow import Action, allowed_actions, grants_of
from tests.factories.accounts import user_with_role
from tests.factories.catalog import ProcedureVersionFactory, ProcessStepFactory, RequiredDocumentFactory
from tests.factories.dossiers import applicant_data, pdf_file
from tests.factories.organization import AgencyFactory

HN = ZoneInfo("Asia/Ho_Chi_Minh")
MONDAY = datetime(2026, 3, 9, 9, 0, tzinfo=HN)
ACTIONS = list(Action.values)
KINDS = ["online", "counter", "outside_boundary", "draft", "group"]
INTAKE = (Status.SUBMITTED, Status.NEEDS_COMPLETION)
# Moves that close the dossier or send it back to the applicant before receipt: drawn less often, so that the
# sequences reach processing, the result and its return.
SETBACKS = (Action.REFUSE, Action.STOP, Action.WITHDRAW, Action.REQUEST_COMPLETION)


@dataclass
class World:
    centre: object
    far_centre: object
    users: dict[str, User]
    three_steps: ProcedureVersion  # centre receiving, department specialist, department leader
    four_steps: ProcedureVersion  # ... with a bureau's step in between; may be received outside the boundary
    group: ProcedureGroup  # three_steps and a procedure without steps


def build_world() -> World:
    centre = AgencyFactory(kind="service_centre")
    far_centre = AgencyFactory(
        kind="service_centre", administrative_unit__code="02", administrative_unit__name="Tỉnh khác"
    )
    department, bureau = AgencyFactory(), AgencyFactory()

    def version(steps, **fields):
        v = ProcedureVersionFactory(competent_agency=department, **fields)
        RequiredDocumentFactory(version=v, code="TK", name="Tờ khai", mandatory=True)
        for order, (agency, role, budget) in enumerate(steps, start=1):
            ProcessStepFactory(version=v, order=order, agency=agency, role=role, time_budget=Decimal(budget))
        return v

    three = version(
        [
            (centre, Role.RECEIVING_OFFICER, "0.5"),
            (department, Role.SPECIALIST, "3"),
            (department, Role.LEADER, "1.5"),
        ],
        processing_time_amount=5,
    )
    four = version(
        [
            (centre, Role.RECEIVING_OFFICER, "0.5"),
            (department, Role.SPECIALIST, "2"),
            (bureau, Role.SPECIALIST, "2"),
            (department, Role.LEADER, "1.5"),
        ],
        processing_time_amount=6,
        boundary_free=True,
        supplement_policy="restart",
    )
    stepless = version([], processing_time_amount=3)
    group = ProcedureGroup.objects.create(code="LTPROP", name="Nhóm liên thông thử", processing_time_amount=7)
    ProcedureGroupMember.objects.create(group=group, procedure=three.procedure, order=1)
    ProcedureGroupMember.objects.create(group=group, procedure=stepless.procedure, order=2)
    users = {
        "owner": user_with_role(Role.APPLICANT, None),
        "other_applicant": user_with_role(Role.APPLICANT, None),
        "officer_centre": user_with_role(Role.RECEIVING_OFFICER, centre),
        "officer_far": user_with_role(Role.RECEIVING_OFFICER, far_centre),
        "specialist_department": user_with_role(Role.SPECIALIST, department),
        "specialist_bureau": user_with_role(Role.SPECIALIST, bureau),
        "leader_department": user_with_role(Role.LEADER, department),
        "leader_bureau": user_with_role(Role.LEADER, bureau),
        "inspector": user_with_role(Role.INSPECTOR, None),
    }
    return World(centre, far_centre, users, three, four, group)


def new_dossier(world: World, kind: str) -> list[str]:
    """The codes of a new dossier (a group's parent first, then its children)."""
    owner, officer = world.users["owner"], world.users["officer_centre"]
    common = {"applicant": applicant_data()}
    if kind == "counter":
        dossier = services.dossier_submit(
            actor=officer,
            channel="counter",
            procedure_code=world.four_steps.procedure.code,
            on_behalf_consent=True,
            **common,
        )
    elif kind == "outside_boundary":
        dossier = services.dossier_submit(
            actor=owner,
            channel="online",
            procedure_code=world.four_steps.procedure.code,
            receiving_agency_code=world.far_centre.code,
            **common,
        )
        assert dossier.outside_boundary
    elif kind == "group":
        dossier = services.dossier_submit(
            actor=owner,
            channel="online",
            group_code=world.group.code,
            receiving_agency_code=world.centre.code,
            **common,
        )
    else:
        dossier = services.dossier_submit(
            actor=owner,
            channel="online",
            procedure_code=world.three_steps.procedure.code,
            receiving_agency_code=world.centre.code,
            draft=kind == "draft",
            **common,
        )
    return [dossier.code, *sorted(dossier.children.values_list("code", flat=True))]


def eligible_for_current_step(world: World, dossier: Dossier) -> str:
    """A user who can handle the current step (any user when there is none: the action is refused anyway)."""
    step = dossier.current_step
    if step is not None:
        for _name, user in sorted(world.users.items()):
            grants = grants_of(user)
            if any(grants.has(role, step.agency_id) for role in {step.role, Role.SPECIALIST, Role.LEADER}):
                return user.username
    return world.users["specialist_department"].username


def valid_input(world: World, action: str, dossier: Dossier) -> dict:
    reasons = "Không đủ điều kiện theo quy định"
    if action == Action.REQUEST_COMPLETION:
        return {"items": ["Bản sao giấy khai sinh"]}
    if action in (Action.REFUSE, Action.STOP, Action.WITHDRAW):
        return {"reasons": reasons}
    if action == Action.ASSIGN:
        return {"to_user": eligible_for_current_step(world, dossier)}
    if action == Action.REQUEST_SUPPLEMENT:
        return {"reason": "Thiếu giấy tờ", "items": ["Bản sao căn cước"]}
    if action == Action.REJECT_APOLOGY:
        return {"note": "Lý do chưa thuyết phục"}
    if action in (Action.APOLOGIZE, Action.PROPOSE_APOLOGY):
        due = dossier.due_at or MONDAY
        return {"reason": "Chờ xác minh", "new_due_at": due + timedelta(days=7)}
    if action == Action.RESOLVE:
        return {"outcome": "denied", "reasons": reasons}
    return {}


def service_accepts(world: World, dossier: Dossier, action: str, actor: User) -> bool:
    """Try the action through its service with valid input; whatever it did is rolled back."""
    with transaction.atomic():
        try:
            services.ACTIONS[action](
                code=dossier.code, actor=actor, version=dossier.version, **valid_input(world, action, dossier)
            )
            accepted = True
        except ApplicationError:
            accepted = False
        transaction.set_rollback(True)
    return accepted


def offers(world: World, codes: list[str]) -> dict[tuple[str, str], tuple[Dossier, Dossier, set[str]]]:
    """For each (code, actor): the dossier (for its version and valid input), the dossier as its detail loads it,
    and the actions offered to the actor."""
    answer = {}
    for code in codes:
        dossier = Dossier.objects.select_related("current_step").get(code=code)
        loaded = selectors.dossier_detail(pk=dossier.pk)
        for name, actor in sorted(world.users.items()):
            answer[(code, name)] = (dossier, loaded, set(allowed_actions(loaded, actor)))
    return answer


def check(world: World, code: str, name: str, dossier: Dossier, loaded: Dossier, offered: set[str]) -> None:
    accepted = {a for a in ACTIONS if service_accepts(world, dossier, a, world.users[name])}
    assert offered == accepted, (
        f"{code} ({loaded.status}) for {name}: offered but refused {sorted(offered - accepted)}, "
        f"accepted but not offered {sorted(accepted - offered)}"
    )


@pytest.mark.django_db
@pytest.mark.parametrize("kind", KINDS)
@settings(
    max_examples=2,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data(), length=st.integers(min_value=4, max_value=10))
def test_allowed_actions_are_the_actions_the_services_accept(data, kind, length):
    with time_machine.travel(MONDAY, tick=False) as traveller, transaction.atomic():
        world = build_world()
        codes = new_dossier(world, kind)
        for _ in range(length + 1):
            offered = offers(world, codes)
            # Checked against every service in this state: one (dossier, actor) pair with something offered,
            # and one drawn from all, so that actions offered to nobody are tried too.
            busy = sorted(pair for pair, (_d, _l, actions) in offered.items() if actions)
            checked = {data.draw(st.sampled_from(sorted(offered)))}
            if busy:
                checked.add(data.draw(st.sampled_from(busy)))
            for code, name in sorted(checked):
                check(world, code, name, *offered[(code, name)])
            # The next move, mostly one that moves the dossier on; an offered move the service refuses fails.
            moves: list[tuple] = [
                (code, action, name)
                for (code, name), (_d, _l, actions) in offered.items()
                for action in sorted(actions)
            ]
            if data.draw(st.integers(min_value=0, max_value=3)) > 0:
                moves = [move for move in moves if move[1] not in SETBACKS]
            moves.append(("time passes",))
            first = offered[(codes[0], "owner")][0]
            if first.outside_boundary and first.status in INTAKE and not first.documents.exists():
                moves.append(("digitize",))
            move = data.draw(st.sampled_from(moves))
            if move[0] == "time passes":
                traveller.shift(
                    timedelta(minutes=data.draw(st.integers(min_value=30, max_value=4 * 24 * 60)))
                )
            elif move[0] == "digitize":
                services.dossier_add_document(
                    code=codes[0],
                    actor=world.users["officer_far"],
                    file=pdf_file(),
                    component_code="TK",
                    source="digitized",
                )
            else:
                code, action, name = move
                dossier = Dossier.objects.select_related("current_step").get(code=code)
                services.ACTIONS[action](
                    code=code,
                    actor=world.users[name],
                    version=dossier.version,
                    **valid_input(world, action, dossier),
                )
        transaction.set_rollback(True)
