"""GET /api/v1/indicators/: scores from hand-computed figures, ranks, bands, the numbers behind each score."""

import json
from dataclasses import replace
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from rest_framework.test import APIClient

from motcua.accounts.models import Role
from motcua.api.indicator_serializers import ServiceIndexSerializer
from motcua.catalog.models import Procedure
from motcua.indicators.service_index import definition
from tests.factories.accounts import user_with_role
from tests.factories.catalog import ProcedureVersionFactory, ProcessStepFactory
from tests.factories.dossiers import setup_procedure
from tests.factories.organization import AgencyFactory

from .test_counting import MONDAY, receive_at, resolve_at

pytestmark = pytest.mark.django_db
HN = ZoneInfo("Asia/Ho_Chi_Minh")


def second_department(base):
    """Another department with its own procedure, received at the same centre."""
    department = AgencyFactory(code="SXD", name="Sở Xây dựng", kind="department")
    version = ProcedureVersionFactory(competent_agency=department, processing_time_amount=5)
    ProcessStepFactory(version=version, order=1, agency=base.centre, role="receiving_officer", time_budget=1)
    ProcessStepFactory(version=version, order=2, agency=department, role="specialist", time_budget=4)
    return replace(
        base,
        version=version,
        department=department,
        specialist=user_with_role(Role.SPECIALIST, department),
        leader=user_with_role(Role.LEADER, department),
    )


def test_the_definition_is_the_766_groups_and_their_weights():
    groups = {group["code"]: group["points"] for group in definition()["groups"]}
    assert groups == {
        "transparency": 18,
        "progress": 20,
        "digitization": 22,
        "online_services": 12,
        "online_payment": 10,
        "satisfaction": 18,
    }
    assert sum(groups.values()) == 100


def test_scores_ranks_and_bands_from_hand_computed_figures():
    good = setup_procedure()
    good.department.kind = "department"
    good.department.save()
    a = receive_at(good, MONDAY)
    receive_at(good, datetime(2026, 3, 16, 8, 30, tzinfo=HN))  # due 23 March
    resolve_at(good, a, datetime(2026, 3, 12, 10, 0, tzinfo=HN))  # early; the other open within time
    late = second_department(good)
    b = receive_at(late, MONDAY)
    receive_at(late, MONDAY)
    resolve_at(late, b, datetime(2026, 3, 17, 10, 0, tzinfo=HN))  # late; the other overdue by 17 March
    with time_machine.travel(datetime(2026, 3, 17, 11, 0, tzinfo=HN), tick=False):
        answer = APIClient().get("/api/v1/indicators/", {"period": "2026-03", "level": "department"})
    assert answer.status_code == 200, answer.content
    body = answer.json()
    first, second = body["results"]
    assert (first["rank"], first["agency"]["code"]) == (1, good.department.code)
    # progress 20 (2 of 2 on time) + online dossiers 6 (2 of 2 >= 80%) + satisfaction 14 (no overdue, no rating, no
    # complaint)
    # + online procedures 6 (its one procedure is full-process); nothing digitized (0 of 8 and 0 of 6 for the 2
    # received) and its procedure published without legal basis (0 of 18); no approval, no electronic result
    # to judge; feedback answered on time is not measured (no feedback fell due). 46 of 78.
    assert (first["total"], first["measured_points"], first["percent"]) == (46, 78, 58.97)
    assert first["band"]["code"] == "average"
    assert first["groups"]["progress"] == 20 and first["groups"]["transparency"] == 0
    assert first["items"]["on_time"] == {"numerator": 2, "denominator": 2, "value": 1.0, "score": 20}
    assert first["items"]["online_dossiers"] == {"numerator": 2, "denominator": 2, "value": 1.0, "score": 6}
    assert first["items"]["paid_online"] == {"numerator": 0, "denominator": 0, "value": None, "score": None}
    # The late one: progress 0 of 2 -> 0; online dossiers 6, online procedures 6; satisfaction 1 - 2/2 overdue
    # -> 0. 12 of 78.
    assert (second["rank"], second["agency"]["code"], second["total"]) == (2, "SXD", 12)
    assert second["band"]["code"] == "weak"
    # Every item is measured now, each with its basis.
    items = {i["code"]: i for g in body["index"]["groups"] for i in g["items"]}
    assert all(item["measured"] for item in items.values())
    assert "42/2022" in items["online_procedures"]["legal_basis"]
    assert Procedure.objects.count() == 2
    # The schema's serializer gives back exactly the answer: what is documented is what is sent.
    assert json.loads(json.dumps(ServiceIndexSerializer(body).data)) == body


@pytest.mark.parametrize("params", [{"period": "2026-03", "level": "city"}, {"period": "2026-Q5"}, {}])
def test_bad_parameters_answer_400(params):
    answer = APIClient().get("/api/v1/indicators/", params)
    assert answer.status_code == 400
    assert answer.json()["code"] in ("invalid_parameter", "invalid_period")
