"""Schemathesis against the live schema (`/api/v1/schema/`), every check, every operation.

The database is seeded with dossiers in several states and with bearer tokens for an applicant, the officers
of each step and an inspector. Generated requests draw their dossier and procedure codes mostly from the seeded
ones, carry the dossier's current version and one of the tokens, so that the fuzzing reaches existing
dossiers and their actions (and moves them on), not only 404s. Examples are bounded so that the whole run stays
within a few minutes on a 2-core machine.
"""

from __future__ import annotations

import itertools
import os
import re
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.core import NOT_SET
from schemathesis.specs.openapi.checks import positive_data_acceptance

from motcua.accounts.services import api_token_issue
from motcua.catalog.models import FeeLine
from motcua.dossiers import services
from motcua.dossiers.models import Dossier
from motcua.feedback import services as feedback_services
from motcua.feedback.models import Feedback
from motcua.payments import services as payment_services
from tests.factories.accounts import CITIZEN_NAME
from tests.factories.dossiers import applicant_data, pdf_file, setup_procedure, submit_online
from tests.factories.feedback import file_feedback

pytestmark = pytest.mark.django_db

# Examples per operation and generation phase; MOTCUA_FUZZ_EXAMPLES=100 for a longer hunt.
MAX_EXAMPLES = int(os.environ.get("MOTCUA_FUZZ_EXAMPLES", "10"))
SEEDED_SHARE = 4  # out of 5 generated dossier codes are seeded ones


@dataclass
class Seed:
    dossier_codes: list[str] = field(default_factory=list)
    procedure_codes: list[str] = field(default_factory=list)
    tokens: list[str] = field(default_factory=list)
    feedback_ids: list[int] = field(default_factory=list)
    receipt: tuple[str, int] = ("", 0)  # a paid dossier's code and its successful payment


SEED = Seed()
TURNS = itertools.count()
REACHED: Counter = (
    Counter()
)  # (operation, status, error code) -> answers; MOTCUA_FUZZ_REPORT=<file> writes it out


def _seed() -> Seed:
    setup = setup_procedure(
        amount=20,
        steps=[
            ("centre", "receiving_officer", Decimal("1")),
            ("department", "specialist", Decimal("15")),
            ("department", "leader", Decimal("4")),
        ],
    )
    submitted = submit_online(setup)
    draft = submit_online(setup, draft=True)
    received = submit_online(setup)
    received = services.dossier_receive(code=received.code, actor=setup.officer, version=received.version)
    in_progress = services.dossier_complete_step(
        code=received.code, actor=setup.specialist, version=received.version
    )
    paused = submit_online(
        setup,
        applicant=applicant_data(name="Phạm Thị Dung"),
        on_behalf=services.OnBehalf(relationship="family_member", consent=True),
    )
    paused = services.dossier_receive(code=paused.code, actor=setup.officer, version=paused.version)
    paused = services.dossier_request_supplement(
        code=paused.code,
        actor=setup.specialist,
        version=paused.version,
        reason="Thiếu giấy tờ",
        items=["Bản sao giấy khai sinh"],
    )
    resolved = submit_online(setup)
    resolved = services.dossier_receive(code=resolved.code, actor=setup.officer, version=resolved.version)
    services.dossier_add_document(
        code=resolved.code,
        actor=setup.specialist,
        file=pdf_file(),
        component_code="",
        source="issued_result",
    )
    resolved = services.dossier_complete_step(
        code=resolved.code, actor=setup.specialist, version=resolved.version
    )
    resolved = services.dossier_resolve(
        code=resolved.code, actor=setup.leader, version=resolved.version, outcome="approved"
    )
    # Fees from now on: one dossier paid at the counter, whose receipt the receipt operation is aimed at.
    FeeLine.objects.create(version=setup.version, order=1, name="Lệ phí", amount=50_000)
    paid = submit_online(setup)
    payment = payment_services.payment_record_at_counter(
        code=paid.code, actor=setup.officer, version=paid.version
    )
    users = [setup.applicant, setup.officer, setup.specialist, setup.leader, setup.inspector]
    filed = file_feedback(setup.applicant, dossier_code=resolved.code)
    drafted = feedback_services.feedback_draft_answer(
        feedback_id=file_feedback(setup.applicant, agency_code=setup.department.code).pk,
        actor=setup.specialist,
        version=1,
        answer="Dự thảo trả lời",
    )
    return Seed(
        feedback_ids=[filed.pk, drafted.pk],
        dossier_codes=[d.code for d in (submitted, draft, received, in_progress, paused, resolved)],
        procedure_codes=[setup.version.procedure.code],
        tokens=[api_token_issue(user=user)[1] for user in users],
        receipt=(paid.code, payment.pk),
    )


@pytest.fixture(autouse=True)
def _node_id_for_schemathesis(request):
    """Schemathesis 4.32 renames the test node per operation through `request.node._nodeid`, which pytest 9 no
    longer has (it keeps the id elsewhere): without this the test errors before the first operation. Loading the
    schema at collection instead (one test per operation) is no way out: under pytest 9 those tests all get the
    same node id, and pytest-xdist then runs the first operation over and over."""
    if not hasattr(request.node, "_nodeid"):
        request.node._nodeid = request.node.nodeid


def _served_schema():
    return schemathesis.openapi.from_wsgi("/api/v1/schema/", WSGIHandler())


@pytest.fixture
def api_schema(db, settings):
    """The schema as the running application serves it, called in process (WSGI) within the test's
    transaction: the per-request connection cleanup that would end that transaction is held back, as Django's
    own test client does. The token throttles are set out of reach (they have their own tests): the fuzzing
    sends many wrong tokens on purpose."""
    global SEED
    SEED = _seed()
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {
            **settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"],
            **dict.fromkeys(["token", "token_address", "token_failures"], "1000000/minute"),
        },
    }
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield _served_schema()
    finally:
        if os.environ.get("MOTCUA_FUZZ_REPORT"):
            with open(os.environ["MOTCUA_FUZZ_REPORT"], "w") as report:
                for (operation, status, code), count in sorted(REACHED.items()):
                    report.write(f"{operation} {status} {code} {count}\n")
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


# Index in Seed.tokens (applicant, receiving officer, specialist, leader, inspector) of who takes each action.
ACTOR_OF = {
    "submit": 0,
    "supplement": 0,
    "withdraw": 0,
    "receive": 1,
    "refuse": 1,
    "request_completion": 1,
    "return": 1,
    "assign": 2,
    "forward": 2,
    "complete_step": 2,
    "request_supplement": 2,
    "resolve": 3,
    "apologize": 3,
    "stop": 3,
    "feedback_draft_answer": 2,
    "feedback_approve": 3,
    "feedback_publish": 3,
    "feedback_rate": 0,
}


def _aim(case) -> dict[str, str]:
    """Sign the request in as one of the seeded users and, for a valid (positive) case, point it at a seeded
    dossier or procedure with the dossier's current version; users and dossiers rotate so that every pair
    comes up. Negative cases keep their generated (invalid) parts, and cases about the credentials their own.
    Returns the headers to send."""
    turn = next(TURNS)
    meta = case.meta
    data = getattr(getattr(meta, "phase", None), "data", None)
    about = str(getattr(data, "parameter", "") or "")
    if about.lower() == "authorization":  # a case about the credentials themselves (missing, malformed)
        return {}
    # Credentials generated from the security scheme are random; the seeded users' tokens replace them.
    case.headers = {k: v for k, v in (case.headers or {}).items() if k.lower() != "authorization"}
    token = SEED.tokens[turn % len(SEED.tokens)]
    action = case.operation.definition.raw.get("operationId", "").removeprefix("dossiers_action_")
    if action in ACTOR_OF and turn % 2:  # half the time, the user whose role takes that action
        token = SEED.tokens[ACTOR_OF[action]]
    headers = {"Authorization": f"Bearer {token}"}
    negative = meta is not None and not meta.generation.mode.is_positive
    components = getattr(meta, "components", None) or {}
    path_negated = any(
        getattr(where, "name", "").lower() == "path" and part.mode.is_negative
        for where, part in components.items()
    )
    seeded = turn % (SEEDED_SHARE + 1) != 0
    operation, params = case.operation.definition.raw.get("operationId"), case.path_parameters or {}
    if negative:
        # An invalid body or query sent to a seeded dossier, so that it is judged rather than not found.
        if seeded and "code" in params and not path_negated and not operation.startswith("procedures_"):
            case.path_parameters = {**params, "code": SEED.dossier_codes[turn % len(SEED.dossier_codes)]}
        return headers
    if seeded and "code" in params:
        codes = SEED.procedure_codes if operation.startswith("procedures_") else SEED.dossier_codes
        case.path_parameters = {**params, "code": codes[(turn // len(SEED.tokens)) % len(codes)]}
    if seeded and "id" in params and operation.startswith("feedback_"):
        case.path_parameters = {**params, "id": SEED.feedback_ids[turn % len(SEED.feedback_ids)]}
    if seeded and operation == "dossiers_payment_receipt":
        case.path_parameters = {**params, "code": SEED.receipt[0], "payment_id": SEED.receipt[1]}
    if seeded and operation == "dossiers_submit":
        _submittable(case.body)
    if seeded and operation == "feedback_submit" and isinstance(case.body, dict):
        case.body.update(dossier="", procedure="", agency="STP")
    body = case.body
    if isinstance(body, dict) and isinstance(body.get("version"), int) and "code" in params:
        current = Dossier.objects.filter(code=case.path_parameters["code"]).values_list("version", flat=True)
        if current:
            body["version"] = current[0]
    if isinstance(body, dict) and isinstance(body.get("version"), int) and "id" in params:
        current = Feedback.objects.filter(pk=case.path_parameters["id"]).values_list("version", flat=True)
        if current:
            body["version"] = current[0]
    return headers


_CENTURY_DIGIT = {18: 8, 19: 0, 20: 2, 21: 4, 22: 6}


def _submittable(body) -> None:
    """A generated submission made to pass the rules a schema cannot state: the seeded procedure and its
    usual receiving agency, a personal ID that agrees with the date of birth and sex, a Vietnamese mobile
    number, no unknown commune, and the seeded applicant's own name (filing for oneself)."""
    if not isinstance(body, dict) or not isinstance(body.get("applicant"), dict):
        return
    body["procedure"], body["group"], body["receiving_agency"] = SEED.procedure_codes[0], "", ""
    applicant = body["applicant"]
    if applicant.get("personal_id"):
        born = applicant.get("birth_date")
        year = int(born[:4]) if isinstance(born, str) and born[:4].isdigit() else 1990
        if year // 100 not in _CENTURY_DIGIT:
            applicant["birth_date"], year = None, 1990
        digit = _CENTURY_DIGIT[year // 100] + (1 if applicant.get("sex") == "female" else 0)
        applicant["personal_id"] = f"001{digit}{year % 100:02d}012345"
    if applicant.get("phone"):
        applicant["phone"] = "0912345678"
    applicant["address_unit"] = ""
    applicant["name"] = CITIZEN_NAME


# What the content checks refuse in an uploaded file (its real type, size and content).
UPLOAD_CHECKS = {
    "upload_type_not_allowed",
    "upload_too_large",
    "upload_markup",
    "pdf_unreadable",
    "pdf_no_pages",
    "pdf_active_content",
    "pdf_encrypted",
    "image_unreadable",
    "image_too_large",
}

# Rules that a request schema cannot state, each answered 400 with its own code: a schema-valid request may
# break them. Any other 400 for a schema-valid request is a finding.
RULES_BEYOND_THE_SCHEMA = {
    # Exactly one of working_days, working_minutes, calendar_days (three optional query parameters).
    "calendar_due": {"invalid_parameter"},
    # A filter naming an agency that does not exist.
    "procedures_list": {"validation_failed"},
    # A period or date range that is not in the calendar (2026-13, week 54), an agency outside the caller's.
    "reports_progress": {"invalid_period", "invalid_parameter"},
    "indicators_service_index": {"invalid_period", "invalid_parameter"},
    "indicators_officer_scorecards": {"invalid_period", "invalid_parameter"},
    # A cursor is opaque: only the ones the API handed out in `next` / `previous` are valid.
    "dossiers_list": {"invalid_cursor"},
    # The personal ID agrees with the date of birth, sex and a province code; phones are Vietnamese numbers;
    # the procedure group and the receiving agency named exist; the procedure offers the channel.
    "dossiers_submit": {
        "group_not_found",
        "invalid_receiving_agency",
        "receiving_agency_required",
        "boundary_not_allowed",
        "channel_not_allowed",
        "home_service_not_available",
        "invalid_personal_id",
        "personal_id_birth_year_mismatch",
        "personal_id_sex_mismatch",
        "invalid_phone",
        "invalid_address_unit",
        # Online, the applicant is the account's own person unless filed on behalf with consent; staff file
        # through the counter intake (403, not a 400).
        "on_behalf_consent_required",
    },
    # The historical import: every dossier's procedure, agencies, codes, identity data and timeline are checked
    # against the catalog, the database and the life cycle (all or nothing: one code for the whole batch).
    "dossiers_import": {"import_invalid"},
    # The officer named exists and may handle the step.
    "dossiers_action_assign": {"user_not_found", "assignee_not_eligible"},
    "dossiers_action_forward": {"user_not_found", "assignee_not_eligible"},
    "dossiers_action_complete_step": {"user_not_found", "assignee_not_eligible"},
    # The new appointment comes after the current due moment and within the procedure's maximum extension.
    "dossiers_action_apologize": {"invalid_new_due", "new_appointment_too_late"},
    "dossiers_action_propose_apology": {"invalid_new_due", "new_appointment_too_late"},
    # Approving needs the result document in the dossier; denying needs reasons.
    "dossiers_action_resolve": {"result_document_required", "required"},
    # The file's content (not its name) is a PDF, JPEG or PNG; the component is one of the procedure's; an
    # applicant's "reused" names a stored document (through documents/reuse/).
    "dossiers_document_upload": UPLOAD_CHECKS | {"invalid_component", "personal_document_required"},
    # The stored document is the caller's own, of a kind the component accepts.
    "dossiers_document_reuse": {"invalid_component", "personal_document_not_found", "reuse_not_allowed"},
    # The kind is one the catalog names; the dates are in order and not in the future.
    "personal_documents_upload": UPLOAD_CHECKS | {"invalid_kind", "invalid_dates"},
    # Feedback names a dossier of the caller's, a procedure or an agency that exist (an agency when the
    # procedure has no fixed competent agency); a phone is a Vietnamese number.
    "feedback_submit": {
        "dossier_not_found",
        "procedure_not_found",
        "agency_required",
        "agency_not_found",
        "invalid_phone",
    },
}

schema = schemathesis.pytest.from_fixture("api_schema")


def _positive_data_acceptance(ctx, response, case):
    allowed = RULES_BEYOND_THE_SCHEMA.get(case.operation.definition.raw.get("operationId"), set())
    if response.status_code == 400 and response.json().get("code") in allowed:
        return None
    body_required = (case.operation.definition.raw.get("requestBody") or {}).get("required", False)
    if response.status_code == 400 and body_required and case.body is NOT_SET:
        return (
            None  # the request left out the body the schema requires: not schema-valid, whatever it is called
        )
    return positive_data_acceptance(ctx, response, case)


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
def test_every_operation_conforms_to_the_schema(case):
    response = case.call_and_validate(
        headers=_aim(case) or None,
        excluded_checks=[positive_data_acceptance],
        additional_checks=[_positive_data_acceptance],
    )
    # Schemathesis' not_a_server_error check (enabled by default, not excluded above) has already judged it;
    # said again here so that no configuration can turn it off.
    assert response.status_code < 500, response.text[:500]
    try:
        answer = response.json()
    except ValueError:
        answer = {}
    code = answer.get("code", "") if isinstance(answer, dict) and response.status_code >= 400 else ""
    REACHED[case.operation.definition.raw.get("operationId"), response.status_code, code] += 1


def _api_operations_in_the_url_conf() -> set[tuple[str, str]]:
    """(method, path) of every REST framework view under /api/v1/ but the schema and its docs page: what the
    schema must describe."""
    from django.urls import URLPattern, URLResolver, get_resolver
    from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
    from rest_framework.views import APIView

    found: set[tuple[str, str]] = set()

    def walk(patterns, prefix: str) -> None:
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, route)
                continue
            assert isinstance(pattern, URLPattern)
            view = getattr(pattern.callback, "cls", None)
            if not route.startswith("api/v1/") or view is None or not issubclass(view, APIView):
                continue
            if issubclass(view, SpectacularAPIView | SpectacularSwaggerSplitView):
                continue
            path = "/" + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", route)
            methods = {m for m in view.http_method_names if hasattr(view, m)} - {"options", "head"}
            found.update((method.upper(), path) for method in methods)

    walk(get_resolver().url_patterns, "")
    return found


def _operations():
    return [result.ok() for result in _served_schema().get_all_operations()]


def test_the_schema_and_so_the_fuzzing_cover_every_operation_of_the_url_conf(db):
    """`schema.parametrize()` fuzzes every operation of the served schema; that schema must hold every view."""
    operations = _operations()
    in_schema = {(op.method.upper(), op.path) for op in operations}
    expected = _api_operations_in_the_url_conf()
    assert len(expected) >= 25  # the walk finds the API (25 operations when this was written)
    assert in_schema == expected
    assert len(operations) == len(expected)


# Answers that say nothing about the dossier or procedure named: not reached, refused before, or another method.
NOT_REACHED = {401, 403, 404, 405, 415, 429}


def test_the_fuzzing_reached_every_operation_and_the_seeded_dossiers(db):
    """Runs after the fuzzing test of this module (pytest keeps the order in a file, and `--dist loadfile` keeps
    a file on one worker): each operation was called, and each that names a dossier or procedure in its path
    was judged on a seeded one at least once (an answer other than not found, not allowed or throttled)."""
    if not REACHED:
        pytest.skip("the fuzzing test of this module did not run in this process")
    operations = _operations()
    reached = {operation for operation, _status, _code in REACHED}
    assert reached == {op.definition.raw["operationId"] for op in operations}
    named = {op.definition.raw["operationId"] for op in operations if "{code}" in op.path}
    judged = {operation for operation, status, _code in REACHED if status not in NOT_REACHED}
    assert named - judged == set()
