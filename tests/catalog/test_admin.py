import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from motcua.catalog.models import Procedure, ProcedureVersion
from motcua.catalog.services import procedure_publish_content
from motcua.catalog.transfer import catalog_export_xlsx
from tests.factories.catalog import SectorFactory, version_content

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("admin", "admin@example.vn", "pw-motcua-admin")
    client.force_login(user)
    return client


@pytest.fixture
def procedure():
    procedure, _ = procedure_publish_content(
        code="1.001193", sector=SectorFactory(code="HT"), content=version_content(name="Đăng ký khai sinh")
    )
    return procedure


def test_admin_pages_open(admin_client, procedure):
    for name in ["procedure", "procedureversion", "sector", "proceduregroup", "expresslane"]:
        assert admin_client.get(reverse(f"admin:catalog_{name}_changelist")).status_code == 200
    assert admin_client.get(reverse("admin:catalog_procedure_change", args=[procedure.pk])).status_code == 200
    page = admin_client.get(
        reverse("admin:catalog_procedureversion_change", args=[procedure.current_version.pk])
    )
    assert page.status_code == 200
    # A published version is read-only: no editable name field.
    assert 'name="name"' not in page.content.decode()


def test_draft_then_publish_through_admin_actions(admin_client, procedure):
    admin_client.post(
        reverse("admin:catalog_procedure_changelist"),
        {"action": "create_draft", "_selected_action": [procedure.pk]},
    )
    draft = procedure.versions.get(status=ProcedureVersion.Status.DRAFT)
    page = admin_client.get(reverse("admin:catalog_procedureversion_change", args=[draft.pk]))
    assert 'name="name"' in page.content.decode()
    ProcedureVersion.objects.filter(pk=draft.pk).update(name="Đăng ký khai sinh (sửa)")
    admin_client.post(
        reverse("admin:catalog_procedureversion_changelist"),
        {"action": "publish", "_selected_action": [draft.pk]},
    )
    procedure.refresh_from_db()
    assert procedure.current_version_id == draft.pk and procedure.name == "Đăng ký khai sinh (sửa)"


def test_publish_action_reports_validation_errors(admin_client, procedure):
    admin_client.post(
        reverse("admin:catalog_procedure_changelist"),
        {"action": "create_draft", "_selected_action": [procedure.pk]},
    )
    draft = procedure.versions.get(status=ProcedureVersion.Status.DRAFT)
    ProcedureVersion.objects.filter(pk=draft.pk).update(channels=["counter"])
    response = admin_client.post(
        reverse("admin:catalog_procedureversion_changelist"),
        {"action": "publish", "_selected_action": [draft.pk]},
        follow=True,
    )
    assert "phải có cách thức nộp trực tuyến" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == ProcedureVersion.Status.DRAFT


def _upload(admin_client, data, name="catalog.xlsx", lang="vi"):
    admin_client.cookies["django_language"] = lang
    return admin_client.post(
        reverse("admin:catalog_procedure_import"), {"file": SimpleUploadedFile(name, data)}, follow=True
    )


def _workbook_with(change):
    workbook = load_workbook(io.BytesIO(catalog_export_xlsx()))
    change(workbook)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("lang", "message"),
    [("vi", "“nhiều” không phải là số nguyên không âm."), ("en", "“nhiều” is not a whole number.")],
)
def test_import_page_lists_row_errors_in_the_users_language(admin_client, procedure, lang, message):
    def break_it(workbook):
        workbook["procedures"]["L2"] = "nhiều"  # processing_time_amount

    html = _upload(admin_client, _workbook_with(break_it), lang=lang).content.decode()
    assert 'id="import-errors"' in html and message in html
    assert "processing_time_amount" in html
    assert Procedure.objects.get().current_version.number == 1


def test_import_page_publishes_changes(admin_client, procedure):
    def rename(workbook):
        workbook["procedures"]["E2"] = "Đăng ký khai sinh mới"

    html = _upload(admin_client, _workbook_with(rename)).content.decode()
    assert "cập nhật 1 thủ tục" in html
    assert Procedure.objects.get().name == "Đăng ký khai sinh mới"


def test_export_downloads(admin_client, procedure):
    xlsx = admin_client.get(reverse("admin:catalog_procedure_export"), {"format": "xlsx"})
    assert xlsx["Content-Disposition"].endswith('.xlsx"')
    assert load_workbook(io.BytesIO(xlsx.content))["procedures"]["A2"].value == "1.001193"
    csv = admin_client.get(reverse("admin:catalog_procedure_export"), {"format": "csv"})
    assert csv["Content-Type"] == "application/zip"


def test_the_version_page_shows_the_maximum_extension(admin_client, procedure):
    ProcedureVersion.objects.filter(pk=procedure.current_version_id).update(max_extension=7)
    page = admin_client.get(
        reverse("admin:catalog_procedureversion_change", args=[procedure.current_version.pk]),
        HTTP_ACCEPT_LANGUAGE="vi",
    ).content.decode()
    assert "Thời gian gia hạn tối đa" in page and "gấp đôi thời hạn giải quyết" in page
