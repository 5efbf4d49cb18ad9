import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from motcua.catalog.models import Procedure
from motcua.catalog.services import procedure_publish_content
from tests.factories.catalog import SectorFactory, version_content

pytestmark = pytest.mark.django_db


@pytest.fixture
def procedure():
    procedure, _ = procedure_publish_content(
        code="1.001193", sector=SectorFactory(code="HT"), content=version_content(name="Đăng ký khai sinh")
    )
    return procedure


@pytest.mark.parametrize("name", ["catalog.xlsx", "catalog.zip"])
def test_export_then_import_round_trip(tmp_path, procedure, capsys, name):
    path = tmp_path / name
    call_command("catalog_export", str(path))
    call_command("catalog_import", str(path), "--language", "en")
    assert "0 procedures created, 0 updated with a new version, 1 unchanged" in capsys.readouterr().out


def test_import_errors_go_to_stderr_and_fail(tmp_path, procedure, capsys):
    path = tmp_path / "catalog.xlsx"
    call_command("catalog_export", str(path))
    workbook = load_workbook(path)
    workbook["procedures"]["H2"] = "district"  # authority_level
    workbook.save(path)
    with pytest.raises(CommandError, match="Không nhập được danh mục"):
        call_command("catalog_import", str(path))
    err = capsys.readouterr().err
    assert "Trang procedures, dòng 2, cột authority_level: “district” không hợp lệ." in err
    assert Procedure.objects.get().current_version.number == 1
