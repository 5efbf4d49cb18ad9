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
    # The stored document this one was copied from, when reused from the personal document store.
    personal_document = models.ForeignKey(
        "PersonalDocument",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("giấy tờ trong kho dữ liệu cá nhân"),
    )

    class Meta:
        verbose_name = _("giấy tờ trong hồ sơ")
        verbose_name_plural = _("giấy tờ trong hồ sơ")
        ordering = ["dossier", "uploaded_at", "id"]
        indexes = [models.Index(fields=["dossier", "component_code"], name="document_dossier_component")]

    def __str__(self) -> str:
        return f"{self.component_code or self.source}: {self.original_name}"


class StoredFrom(models.TextChoices):
    """How a document came into its owner's personal document store."""

    ISSUED_RESULT = "issued_result", _("Kết quả giải quyết được cấp")
    UPLOADED = "uploaded", _("Tôi tải lên")
    DOSSIER = "dossier", _("Sao từ hồ sơ đã nộp")


def personal_document_path(instance: PersonalDocument, filename: str) -> str:
    # Content-addressed, as dossier documents are; `filename` is only the extension.
    return f"personal/{instance.owner_id}/{instance.sha256}.{filename}"


class PersonalDocument(models.Model):
    """A document in a person's store (kho dữ liệu cá nhân): issued results and reusable papers, with the
    metadata that says what it is and how long it is valid. Reused in a new dossier as a copy (the dossier's
    record keeps its own file); removing it from the store hides it and keeps the row those copies name."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="personal_documents",
        verbose_name=_("chủ sở hữu"),
        db_index=False,  # led by the index (owner, hidden_at, id)
    )
    title = models.CharField(_("tên giấy tờ"), max_length=300)
    kind = models.CharField(
        _("loại giấy tờ"),
        max_length=60,
        blank=True,
        help_text=_("Cùng mã với loại giấy tờ dùng lại của thành phần hồ sơ (ví dụ: id_card)."),
    )
    file = models.FileField(_("tệp"), upload_to=personal_document_path, max_length=255)
    original_name = models.CharField(_("tên tệp gốc"), max_length=255, blank=True)
    sha256 = models.CharField(max_length=64)
    size = models.PositiveBigIntegerField(_("dung lượng (byte)"))
    content_type = models.CharField(_("định dạng"), max_length=100)
    signed = models.BooleanField(_("đã ký số"), default=False)
    issuer = models.CharField(_("cơ quan cấp"), max_length=300, blank=True)
    issued_on = models.DateField(_("ngày cấp"), null=True, blank=True)
    valid_until = models.DateField(_("có giá trị đến"), null=True, blank=True)
    source_dossier_code = models.CharField(_("mã hồ sơ nguồn"), max_length=64, blank=True)
    stored_from = models.CharField(_("nguồn"), max_length=20, choices=StoredFrom.choices)
    created_at = models.DateTimeField(_("lưu lúc"))
    hidden_at = models.DateTimeField(_("xóa khỏi kho lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("giấy tờ trong kho dữ liệu cá nhân")
        verbose_name_plural = _("kho dữ liệu cá nhân")
        ordering = ["owner", "-id"]
        indexes = [models.Index(fields=["owner", "hidden_at", "id"], name="personal_document_owner")]
        constraints = [
            # A dossier's result enters its owner's store once, however often the resolution is retried.
            models.UniqueConstraint(
                fields=["owner", "source_dossier_code", "sha256"],
                condition=models.Q(stored_from="issued_result"),
                name="personal_document_result_once",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def deletable(self) -> bool:
        """Issued results stay in the store: they are the owner's official copy."""
        return self.stored_from != StoredFrom.ISSUED_RESULT
