"""Digitization, online offer and publication items of the service index: counted at write time (services and
import alike, equal to a rebuild) and scored from hand-computed figures."""

import json
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from motcua.accounts.models import Role
from motcua.catalog.models import OnlineLevel
from motcua.catalog.selectors import CatalogOffer, catalog_offer_by_agency
from motcua.dossiers import services
from motcua.dossiers.imports import import_dossiers
from motcua.indicators.models import MEASURES
from motcua.indicators.rebuild import rebuild_indicators
from motcua.indicators.selectors import ProgressRow
from motcua.indicators.service_index import score
from tests.factories.accounts import user_with_role
from tests.factories.catalog import ProcedureVersionFactory, ProcessStepFactory, RequiredDocumentFactory
from tests.factories.dossiers import pdf_file, setup_procedure, submit_online

from .test_counting import kept

pytestmark = pytest.mark.django_db
HN = ZoneInfo("Asia/Ho_Chi_Minh")
MONDAY = datetime(2026, 3, 9, 9, 0, tzinfo=HN)


def test_receipt_and_approval_count_digitized_reused_and_electronic_results():
    setup = setup_procedure()
    with time_machine.travel(MONDAY, tick=False):
        digitized = submit_online(setup)
        services.dossier_add_document(
            code=digitized.code, actor=setup.officer, file=pdf_file(), component_code="TK", source="digitized"
        )
        digitized = services.dossier_receive(
            code=digitized.code, actor=setup.officer, version=digitized.version
        )
        mixed = submit_online(setup)
        services.dossier_add_document(
            code=mixed.code, actor=setup.officer, file=pdf_file(), component_code="TK", source="reused"
        )
        services.dossier_add_document(
            code=mixed.code, actor=setup.officer, file=pdf_file(), component_code="TK"
        )
        services.dossier_receive(code=mixed.code, actor=setup.officer, version=mixed.version)
        plain = submit_online(setup)
        services.dossier_receive(code=plain.code, actor=setup.officer, version=plain.version)
    with time_machine.travel(MONDAY + timedelta(days=1), tick=False):
        d = services.dossier_complete_step(
            code=digitized.code, actor=setup.specialist, version=digitized.version, outcome="Đủ"
        )
        # An unsigned result document: approved, but not an electronic (signed) result.
        services.dossier_add_document(
            code=d.code, actor=setup.leader, file=pdf_file(), source="issued_result"
        )
        services.dossier_resolve(code=d.code, actor=setup.leader, version=d.version, outcome="approved")
    counts = kept(setup)
    # 3 received: the first all digitized; the second reused one document but also has an upload (not
    # digitized); the third has no document. One approval, its result unsigned.
    assert (counts["received"], counts["received_digitized"], counts["received_reused"]) == (3, 1, 1)
    assert (counts["results_approved"], counts["results_electronic"]) == (1, 0)
    assert rebuild_indicators(apply=False) == []


def test_imported_documents_and_electronic_results_are_counted_as_the_services_count_them():
    setup = setup_procedure()
    admin = user_with_role(Role.ADMINISTRATOR, None)

    def line(code, documents, electronic):
        received = MONDAY
        return {
            "code": code,
            "procedure": setup.version.procedure.code,
            "receiving_agency": setup.centre.code,
            "competent_agency": setup.department.code,
            "channel": "counter",
            "applicant": {"name": "Nguyễn Văn An"},
            "submitted_at": received.isoformat(),
            "received_at": received.isoformat(),
            "documents": documents,
            "events": [
                {"kind": "received"},
                {"kind": "step_completed", "at": (received + timedelta(days=1)).isoformat()},
                {
                    "kind": "resolved",
                    "at": (received + timedelta(days=2)).isoformat(),
                    "outcome": "approved",
                    "electronic_result": electronic,
                },
            ],
        }

    rows = [
        line("I-1", [{"component": "TK", "digitized": True, "reused": True}], True),
        line("I-2", [{"component": "TK", "digitized": True}, {"component": "X", "digitized": False}], False),
        line("I-3", [], True),
    ]
    import_dossiers(rows=list(enumerate(json.loads(json.dumps(rows)), start=1)), actor=admin)
    counts = kept(setup)
    assert (counts["received"], counts["received_digitized"], counts["received_reused"]) == (3, 1, 1)
    assert (counts["results_approved"], counts["results_electronic"]) == (3, 2)
    assert rebuild_indicators(apply=False) == []


def test_the_catalog_offer_counts_online_and_complete_procedures_by_name_and_by_kind():
    setup = setup_procedure(
        legal_basis="Luật Hộ tịch 2014", effective_from=date(2025, 1, 1), result_name="Giấy"
    )
    partial = ProcedureVersionFactory(competent_agency=setup.department, online_level=OnlineLevel.PARTIAL)
    ProcedureVersionFactory(competent_agency=setup.department, online_level=OnlineLevel.NONE)
    complete_by_kind = ProcedureVersionFactory(
        competent_agency=None,
        competent_agency_kind=setup.department.kind,
        online_level=OnlineLevel.NONE,
        legal_basis="Nghị định 1",
        effective_from=date(2025, 1, 1),
        result_name="Quyết định",
    )
    RequiredDocumentFactory(version=complete_by_kind, code="A", name="A")
    ProcessStepFactory(version=complete_by_kind, order=1, agency=setup.department, role="specialist")
    RequiredDocumentFactory(version=partial, code="A", name="A")  # no legal basis: not complete
    offer = catalog_offer_by_agency(agency_ids=[setup.department.pk, setup.centre.pk])
    # The department: its 3 named versions (full, partial, none) and the one of its kind.
    assert offer[setup.department.pk] == CatalogOffer(procedures=4, online=2, complete=2)


def test_the_catalog_offer_is_shared_for_the_configured_seconds_then_counted_again(settings):
    settings.MOTCUA_CATALOG_OFFER_SECONDS = 60
    setup = setup_procedure()
    department = setup.department.pk
    with time_machine.travel(datetime(2026, 3, 10, 9, 0, tzinfo=HN), tick=False):
        before = catalog_offer_by_agency(agency_ids=[department])[department].procedures
    ProcedureVersionFactory(competent_agency=setup.department, online_level=OnlineLevel.FULL)
    with time_machine.travel(datetime(2026, 3, 10, 9, 0, 59, tzinfo=HN), tick=False):
        assert catalog_offer_by_agency(agency_ids=[department])[department].procedures == before
    with time_machine.travel(datetime(2026, 3, 10, 9, 1, tzinfo=HN), tick=False):
        assert catalog_offer_by_agency(agency_ids=[department])[department].procedures == before + 1
    settings.MOTCUA_CATALOG_OFFER_SECONDS = 0
    ProcedureVersionFactory(competent_agency=setup.department, online_level=OnlineLevel.FULL)
    with time_machine.travel(datetime(2026, 3, 10, 9, 1, tzinfo=HN), tick=False):
        assert catalog_offer_by_agency(agency_ids=[department])[department].procedures == before + 2


def test_scores_of_the_new_items_from_hand_computed_figures():
    flows = dict.fromkeys(MEASURES, 0) | {
        "received": 10,
        "received_online": 8,
        "received_digitized": 6,
        "received_reused": 2,
        "results_approved": 4,
        "results_electronic": 4,
    }
    row = ProgressRow(
        agency=None,
        flows=flows,
        carried_over=0,
        open_at_end=10,
        open_split={"within_time": 10, "overdue": 0, "paused": 0},
        catalog=CatalogOffer(procedures=4, online=3, complete=1),
    )
    items = {item.code: item.score for item in score(row).items}
    assert items["digitized_dossiers"] == 4.8  # 8 points x 6/10 (target 100%)
    assert items["reused_documents"] == 2.4  # 6 points x (2/10 of the 50% target)
    assert items["electronic_results"] == 8  # 4 of 4
    assert items["online_procedures"] == 4.5  # 6 points x 3/4
    assert items["procedures_published"] == 4.5  # 18 points x 1/4
    assert items["online_dossiers"] == 6  # 8/10 at the 80% target
    # Without the catalog (a month of the trend), its items are not measured.
    row.catalog = None
    assert {i.code: i.score for i in score(row).items}["online_procedures"] is None
