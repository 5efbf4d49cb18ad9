"""The version in force is kept per process on PostgreSQL; every change to its rows must count at once."""

import pytest

from motcua.catalog.errors import ProcedureNotFound
from motcua.catalog.models import Procedure, ProcedureVersion, Sector
from motcua.catalog.selectors import procedure_version_in_force
from motcua.catalog.services import procedure_publish_content
from motcua.organization.models import Agency
from tests.factories.catalog import ProcedureVersionFactory, SectorFactory, version_content

pytestmark = pytest.mark.django_db


def test_a_newly_published_version_is_in_force_at_once():
    sector = SectorFactory()
    procedure, _ = procedure_publish_content(
        code="1.000001", sector=sector, content=version_content(name="Một")
    )
    assert procedure_version_in_force(procedure_code="1.000001").name == "Một"
    procedure_publish_content(code="1.000001", sector=sector, content=version_content(name="Hai"))
    found = procedure_version_in_force(procedure_code="1.000001")
    assert (found.name, found.number, found.status) == ("Hai", 2, ProcedureVersion.Status.PUBLISHED)
    assert found.procedure.name == "Hai"


def test_bulk_changes_to_the_version_procedure_sector_and_agency_are_seen():
    version = ProcedureVersionFactory(channels=["online"])
    code = version.procedure.code
    procedure_version_in_force(procedure_code=code)
    ProcedureVersion.objects.filter(pk=version.pk).update(channels=["counter"], boundary_free=True)
    Procedure.objects.filter(pk=version.procedure_id).update(name="Tên mới")
    Sector.objects.filter(pk=version.procedure.sector_id).update(name="Lĩnh vực mới")
    Agency.objects.filter(pk=version.competent_agency_id).update(name="Cơ quan mới")
    found = procedure_version_in_force(procedure_code=code)
    assert (found.channels, found.boundary_free) == (["counter"], True)
    assert found.procedure.name == "Tên mới"
    assert found.procedure.sector.name == "Lĩnh vực mới"
    assert found.competent_agency.name == "Cơ quan mới"


def test_a_deactivated_procedure_is_no_longer_in_force():
    version = ProcedureVersionFactory()
    code = version.procedure.code
    procedure_version_in_force(procedure_code=code)
    Procedure.objects.filter(pk=version.procedure_id).update(is_active=False)
    with pytest.raises(ProcedureNotFound):
        procedure_version_in_force(procedure_code=code)


def test_each_call_gets_its_own_objects(django_assert_max_num_queries):
    version = ProcedureVersionFactory(channels=["online"])
    code = version.procedure.code
    first = procedure_version_in_force(procedure_code=code)
    first.channels.append("postal")
    first.procedure.name = "changed in one request"
    with django_assert_max_num_queries(1):  # the cached copy on PostgreSQL, one ORM read elsewhere
        second = procedure_version_in_force(procedure_code=code)
        assert second.procedure.sector.pk == version.procedure.sector_id
        assert second.competent_agency.pk == version.competent_agency_id
    assert second is not first
    assert second.channels == ["online"]
    assert second.procedure.name == version.procedure.name
