"""The citizen document store (kho dữ liệu điện tử): results issued to a citizen and
documents they uploaded, reusable in later dossiers."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_noop

from motcua.documents.models.generated import GeneratedDocument
from motcua.documents.storage import document_storage, stored_path


class StoredDocument(models.Model):
    class Kind(models.TextChoices):
        UPLOADED = "uploaded", gettext_noop("Giấy tờ công dân tải lên")
        RESULT = "result", gettext_noop("Kết quả giải quyết được cấp")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="chủ sở hữu",
        on_delete=models.PROTECT,
        related_name="stored_documents",
    )
    kind = models.CharField("loại", max_length=10, choices=Kind.choices)
    name = models.CharField("tên giấy tờ", max_length=255)
    file = models.FileField("tệp", storage=document_storage, upload_to=stored_path, max_length=200)
    content_type = models.CharField("định dạng", max_length=60)
    size = models.PositiveBigIntegerField("dung lượng (byte)")
    sha256 = models.CharField(max_length=64)
    source_dossier = models.ForeignKey(
        "dossiers.Dossier",
        verbose_name="từ hồ sơ",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    source_document = models.ForeignKey(
        GeneratedDocument,
        verbose_name="kết quả gốc",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="stored_copies",
    )
    issued_electronically = models.BooleanField("cấp bản điện tử", default=False)
    created_at = models.DateTimeField("lưu lúc", auto_now_add=True)

    class Meta:
        verbose_name = "giấy tờ trong kho dữ liệu"
        verbose_name_plural = "kho dữ liệu điện tử của công dân"
        ordering = ["owner", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "source_document"],
                condition=models.Q(source_document__isnull=False),
                name="stored_result_once",
            )
        ]

    def __str__(self) -> str:
        return self.name


class StoredDocumentUse(models.Model):
    """A stored document attached to a dossier instead of being uploaded again."""

    stored_document = models.ForeignKey(
        StoredDocument, on_delete=models.PROTECT, related_name="uses"
    )
    dossier = models.ForeignKey(
        "dossiers.Dossier", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    used_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    used_at = models.DateTimeField("dùng lúc", auto_now_add=True)

    class Meta:
        verbose_name = "lần tái sử dụng giấy tờ"
        verbose_name_plural = "lần tái sử dụng giấy tờ"
        ordering = ["-used_at"]

    def __str__(self) -> str:
        return f"{self.stored_document} → {self.dossier}"
