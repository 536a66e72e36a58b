"""Documents the system produces: the slips of a dossier, registers and signed results."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext, gettext_noop, pgettext

from motcua.documents.storage import document_storage, generated_path
from motcua.organizations.models import Agency


class DocumentKind(models.TextChoices):
    """A slip's label is also its stored title (the printed form's title), Vietnamese as
    on paper; lists and API answers translate it when shown (``GeneratedDocument.shown_title``,
    ``GeneratedDocument.shown_kind``)."""

    RECEIPT = "receipt", gettext_noop("Giấy tiếp nhận hồ sơ và hẹn trả kết quả")
    SUPPLEMENT_REQUEST = (
        "supplement_request",
        gettext_noop("Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ"),
    )
    REFUSAL = "refusal", gettext_noop("Phiếu từ chối tiếp nhận giải quyết hồ sơ")
    APOLOGY = "apology", gettext_noop("Phiếu xin lỗi và hẹn lại ngày trả kết quả")
    STOP_NOTICE = "stop_notice", gettext_noop("Thông báo dừng giải quyết hồ sơ")
    CONTROL_SLIP = "control_slip", gettext_noop("Phiếu kiểm soát quá trình giải quyết hồ sơ")
    REGISTER = "register", gettext_noop("Sổ theo dõi hồ sơ")
    RESULT = "result", gettext_noop("Kết quả giải quyết")


# Titles that are the agency's own words (a result's name, a register with its dates),
# shown as stored.
OWN_TITLES = frozenset({DocumentKind.RESULT, DocumentKind.REGISTER})


class GeneratedDocument(models.Model):
    """One PDF produced by the system, stored under a random name.

    ``natural_key`` makes generation idempotent: the slip for (dossier, kind, event) is
    made once however often its job runs. ``verification_code`` is the random code a
    signed result's QR carries; the dossier code alone is guessable and never enough to
    look a result up.
    """

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField("loại", max_length=20, choices=DocumentKind.choices)
    dossier = models.ForeignKey(
        "dossiers.Dossier",
        verbose_name="hồ sơ",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="generated_documents",
    )
    event = models.ForeignKey(
        "dossiers.DossierEvent",
        verbose_name="sự kiện",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    agency = models.ForeignKey(
        Agency,
        verbose_name="cơ quan",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    natural_key = models.CharField(max_length=200, unique=True, editable=False)
    title = models.CharField("tên tài liệu", max_length=255)
    file = models.FileField(
        "tệp", storage=document_storage, upload_to=generated_path, max_length=200
    )
    size = models.PositiveBigIntegerField("dung lượng (byte)")
    sha256 = models.CharField(max_length=64, db_index=True)
    issued_electronically = models.BooleanField(
        "cấp bản điện tử",
        default=False,
        help_text="Kết quả được ký số và cấp dưới dạng điện tử (chỉ số Quyết định 766).",
    )
    verification_code = models.CharField(
        "mã xác thực", max_length=32, unique=True, null=True, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)

    class Meta:
        verbose_name = "tài liệu đã lập"
        verbose_name_plural = "tài liệu đã lập"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["dossier", "kind"], name="generated_doc_dossier_idx")]

    def __str__(self) -> str:
        return self.title

    @property
    def shown_title(self) -> str:
        """The title in the reader's language: a slip's stored title is its form's name,
        which the catalog translates; a result's or a register's stays as written."""
        return self.title if self.kind in OWN_TITLES else gettext(self.title)

    @property
    def shown_kind(self) -> str:
        """The kind in the reader's language. «Kết quả giải quyết» names one result here,
        not a procedure's section of results that the same words head elsewhere."""
        if self.kind == DocumentKind.RESULT:
            return pgettext("document kind", "Kết quả giải quyết")
        return gettext(DocumentKind(self.kind).label)

    @property
    def download_name(self) -> str:
        from motcua.core.text import fold

        base = fold(self.title).replace(" ", "-")[:60] or "tai-lieu"
        code = self.dossier.code if self.dossier_id and self.dossier and self.dossier.code else ""
        return f"{base}-{code}.pdf" if code else f"{base}.pdf"
