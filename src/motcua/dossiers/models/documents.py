"""The documents checklist of a dossier and the files attached to it."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_noop

from motcua.catalog.models import RequiredDocument
from motcua.dossiers.models.dossier import Dossier


class Provision(models.TextChoices):
    UPLOAD = "upload", gettext_noop("Nộp tệp điện tử")
    AT_COUNTER = "counter", gettext_noop("Xuất trình, nộp tại Bộ phận Một cửa")
    REUSED = "reused", gettext_noop("Tái sử dụng từ kho dữ liệu")
    # Online only, and only for a document the catalog marks ``declared_online``: the
    # declaration the applicant filled in on the portal is that document.
    EFORM = "eform", gettext_noop("Tờ khai điện tử trên cổng")
    MISSING = "missing", gettext_noop("Chưa cung cấp")


class DossierDocument(models.Model):
    """One line of the checklist: a required document and how the applicant provided it."""

    # No index of its own: ``dossier_document_once`` starts with the dossier.
    dossier = models.ForeignKey(
        Dossier,
        verbose_name="hồ sơ",
        on_delete=models.CASCADE,
        related_name="documents",
        db_index=False,
    )
    required_document = models.ForeignKey(
        RequiredDocument,
        verbose_name="thành phần hồ sơ",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    name = models.CharField("tên giấy tờ", max_length=500)
    provision = models.CharField(
        "hình thức cung cấp", max_length=10, choices=Provision.choices, default=Provision.MISSING
    )
    originals_received = models.PositiveSmallIntegerField("số bản chính đã nhận", default=0)
    copies_received = models.PositiveSmallIntegerField("số bản sao đã nhận", default=0)
    reused_reference = models.CharField("mã giấy tờ tái sử dụng", max_length=200, blank=True)

    class Meta:
        verbose_name = "giấy tờ trong hồ sơ"
        verbose_name_plural = "giấy tờ trong hồ sơ"
        ordering = ["dossier", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["dossier", "required_document"], name="dossier_document_once"
            )
        ]

    def __str__(self) -> str:
        return self.name


def attachment_path(instance: Attachment, filename: str) -> str:
    """A path nobody can guess or derive from the applicant's file name."""
    return f"dossiers/{secrets.token_hex(2)}/{secrets.token_urlsafe(24)}"


class Attachment(models.Model):
    dossier = models.ForeignKey(
        Dossier, verbose_name="hồ sơ", on_delete=models.CASCADE, related_name="attachments"
    )
    document = models.ForeignKey(
        DossierDocument,
        verbose_name="giấy tờ",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="attachments",
    )
    file = models.FileField("tệp", upload_to=attachment_path, max_length=200)
    original_name = models.CharField("tên tệp gốc", max_length=255)
    content_type = models.CharField("định dạng", max_length=60)
    size = models.PositiveBigIntegerField("dung lượng (byte)")
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người tải lên",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    uploaded_at = models.DateTimeField("tải lên lúc", auto_now_add=True)
    # A file sent with the dossier that the citizen took back while supplementing (a
    # blurry scan): kept, with its event, but no longer counted as the line's file.
    withdrawn_at = models.DateTimeField("công dân rút lúc", null=True, blank=True)

    class Meta:
        verbose_name = "tệp đính kèm"
        verbose_name_plural = "tệp đính kèm"
        ordering = ["dossier", "id"]

    def __str__(self) -> str:
        return self.original_name
