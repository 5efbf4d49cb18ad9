from datetime import UTC, datetime
from decimal import Decimal

import pytest
import time_machine

from motcua.catalog.errors import PublishValidationFailed, VersionNotDraft
from motcua.catalog.models import FeeLine, ProcedureVersion
from motcua.catalog.selectors import procedure_version_in_force
from motcua.catalog.services import (
    VersionContent,
    procedure_publish_content,
    version_create_draft,
    version_problems,
    version_publish,
    version_update_draft,
)
from tests.factories.catalog import SectorFactory, version_content

pytestmark = pytest.mark.django_db


def _publish(code="1.000001", **fields):
    procedure, _ = procedure_publish_content(
        code=code, sector=SectorFactory(), content=version_content(**fields)
    )
    return procedure


def test_first_publication_creates_version_one_and_mirrors_it():
    with time_machine.travel("2026-11-20 09:00 +0700", tick=False):
        procedure = _publish(name="Đăng ký khai sinh", name_en="Birth registration")
    version = procedure.current_version
    assert (version.number, version.status) == (1, ProcedureVersion.Status.PUBLISHED)
    assert version.published_at == datetime(2026, 11, 20, 2, 0, tzinfo=UTC)
    assert procedure.name == "Đăng ký khai sinh"
    assert procedure.search_name == "dang ky khai sinh"
    assert "birth registration" in procedure.search_text


def test_draft_copies_documents_fees_and_steps_and_publishing_supersedes():
    procedure = _publish(name="Chứng thực bản sao", fees=[])
    v1 = procedure.current_version
    FeeLine.objects.create(version=v1, name="Phí chứng thực", amount=2000)
    draft = version_create_draft(procedure=procedure)
    assert draft.number == 2 and draft.status == ProcedureVersion.Status.DRAFT
    assert [d.code for d in draft.documents.all()] == ["TK"]
    assert [f.amount for f in draft.fees.all()] == [2000]
    assert [s.order for s in draft.steps.all()] == [1, 2]
    assert version_create_draft(procedure=procedure) == draft  # one draft at a time

    draft.name = "Chứng thực bản sao từ bản chính"
    draft.save()
    version_publish(version=draft)
    v1.refresh_from_db()
    procedure.refresh_from_db()
    assert v1.status == ProcedureVersion.Status.SUPERSEDED
    assert procedure.current_version == draft
    assert procedure.name == "Chứng thực bản sao từ bản chính"
    assert procedure.search_name == "chung thuc ban sao tu ban chinh"
    assert procedure_version_in_force(procedure_code=procedure.code) == draft
    # The old version, which older dossiers point at, keeps its content.
    assert v1.name == "Chứng thực bản sao" and v1.fees.get().amount == 2000


def test_published_version_cannot_be_changed_or_republished():
    procedure = _publish()
    with pytest.raises(VersionNotDraft):
        version_publish(version=procedure.current_version)
    with pytest.raises(VersionNotDraft) as raised:
        version_update_draft(version=procedure.current_version, content=version_content())
    assert "bản nháp" in raised.value.message("vi")


def test_unchanged_content_publishes_nothing_new():
    procedure = _publish()
    again, changed = procedure_publish_content(
        code=procedure.code, sector=procedure.sector, content=version_content()
    )
    assert not changed and again.current_version.number == 1
    _, changed = procedure_publish_content(
        code=procedure.code, sector=procedure.sector, content=version_content(processing_time_amount=7)
    )
    procedure.refresh_from_db()
    assert changed and procedure.current_version.number == 2
    assert procedure.versions.filter(status="published").count() == 1


def _fields(problems, lang="en"):
    return {p["field"]: p[f"message_{lang}"] for p in problems}


def test_step_budgets_must_fit_in_the_legal_time():
    content = version_content(processing_time_amount=3)
    problems = version_problems(content=content)  # 0.5 + 3.5 = 4 > 3
    assert "steps" in _fields(problems)
    assert "4 working days" in _fields(problems)["steps"] and "3 working days" in _fields(problems)["steps"]
    assert "vượt thời hạn" in _fields(problems, "vi")["steps"]
    assert version_problems(content=version_content(processing_time_amount=4)) == []


def test_budgets_are_read_in_the_versions_unit():
    steps = [
        {
            "order": 1,
            "name": "Tiếp nhận",
            "name_en": "",
            "agency": None,
            "role": "receiving_officer",
            "time_budget": Decimal("10"),
        },
        {
            "order": 2,
            "name": "Giải quyết",
            "name_en": "",
            "agency": None,
            "role": "leader",
            "time_budget": Decimal("50"),
        },
    ]
    ok = version_content(processing_time_kind="working_minutes", processing_time_amount=60, steps=steps)
    assert version_problems(content=ok) == []
    late = version_content(processing_time_kind="working_minutes", processing_time_amount=59, steps=steps)
    assert "working minutes" in _fields(version_problems(content=late))["steps"]


@pytest.mark.parametrize(
    ("fields", "field_name", "en_fragment"),
    [
        ({"channels": ["counter"], "online_level": "full"}, "online_level", "must offer the online channel"),
        ({"channels": ["counter", "online"], "online_level": "none"}, "online_level", "cannot offer"),
        ({"channels": ["online", "fax"]}, "channels", "Unknown channel: fax"),
        ({"channels": []}, "channels", "at least one channel"),
        ({"competent_agency_kind": ""}, "competent_agency", "competent agency"),
        ({"processing_time_amount": 0}, "processing_time_amount", "greater than 0"),
    ],
)
def test_invalid_versions_are_refused_with_clear_messages(fields, field_name, en_fragment):
    with pytest.raises(PublishValidationFailed) as raised:
        procedure_publish_content(code="1.000009", sector=SectorFactory(), content=version_content(**fields))
    assert en_fragment in raised.value.as_dict("en")["details"][0]["message"] or any(
        en_fragment in d["message"] for d in raised.value.as_dict("en")["details"]
    )
    assert any(d["field"] == field_name for d in raised.value.as_dict("vi")["details"])
    assert raised.value.as_dict("vi")["message"].startswith("Phiên bản thủ tục chưa hợp lệ")


def test_steps_need_a_known_role_and_at_least_one_step():
    assert "steps" in _fields(version_problems(content=version_content(steps=[])))
    bad = version_content()
    bad.steps[0]["role"] = "applicant"
    assert "role must be one of" in _fields(version_problems(content=bad))["steps"]


def test_failed_publish_changes_nothing():
    procedure = _publish()
    draft = version_create_draft(procedure=procedure)
    draft.channels = ["counter"]
    draft.save()
    with pytest.raises(PublishValidationFailed):
        version_publish(version=draft)
    draft.refresh_from_db()
    procedure.refresh_from_db()
    assert draft.status == ProcedureVersion.Status.DRAFT
    assert procedure.current_version.number == 1


def test_content_round_trips_through_a_version():
    procedure = _publish()
    content = VersionContent.of(procedure.current_version)
    assert content.normalized() == version_content().normalized()


def test_a_maximum_extension_of_zero_cannot_be_published():
    problems = version_problems(content=version_content(max_extension=0))
    assert [p["field"] for p in problems] == ["max_extension"]
    assert version_problems(content=version_content(max_extension=3)) == []
