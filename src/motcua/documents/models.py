"""Metadata of the files in a dossier: which component, where it came from, its checksum and flags."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Source(models.TextChoices):
    UPLOADED = "uploaded", _("Tải lên")
    DIGITIZED = "digitized", _("Số hóa tại bộ phận một cửa")
    REUSED = "reused", _("Dùng lại từ kho dữ liệu")
    ISSUED_RESULT = "issued_result", _("Kết quả giải quyết")


def document_path(instance: DocumentRecord, filename: str) -> str:
    # Content-addressed names (`filename` is only the extension); the original name is kept as metadata.
    return f"dossiers/{instance.dossier_id}/{instance.sha256}.{filename}"


class DocumentRecord(models.Model):
    dossier = models.ForeignKey("dossiers.Dossier", on_delete=models.PROTECT, related_name="documents")
    component_code = models.CharField(
        _("thành phần hồ sơ"), max_length=40, blank=True, help_text=_("Mã thành phần hồ sơ của thủ tục.")
    )
    file = models.FileField(_("tệp"), upload_to=document_path, max_length=255)
    original_name = models.CharField(_("tên tệp gốc"), max_length=255, blank=True)
    source = models.CharField(_("nguồn"), max_length=20, choices=Source.choices, default=Source.UPLOADED)
    sha256 = models.CharField(max_length=64)
    size = models.PositiveBigIntegerField(_("dung lượng (byte)"))
    content_type = models.CharField(_("định dạng"), max_length=100)
    digitized = models.BooleanField(_("đã số hóa"), default=False)
    signed = models.BooleanField(_("đã ký số"), default=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("tải lên lúc"))

    class Meta:
        verbose_name = _("giấy tờ trong hồ sơ")
        verbose_name_plural = _("giấy tờ trong hồ sơ")
        ordering = ["dossier", "uploaded_at", "id"]
        indexes = [models.Index(fields=["dossier", "component_code"], name="document_dossier_component")]

    def __str__(self) -> str:
        return f"{self.component_code or self.source}: {self.original_name}"
