"""Result templates (per agency, edited by its administrator) and result drafts that a
specialist prepares and a leader signs."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_noop

from motcua.catalog.models import Procedure
from motcua.documents.models.generated import GeneratedDocument
from motcua.documents.models.signing import SigningCertificate
from motcua.organizations.models import Agency


class ResultTemplate(models.Model):
    agency = models.ForeignKey(
        Agency, verbose_name="cơ quan", on_delete=models.CASCADE, related_name="result_templates"
    )
    procedure = models.ForeignKey(
        Procedure,
        verbose_name="thủ tục",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="result_templates",
        help_text="Để trống: dùng cho mọi thủ tục của cơ quan.",
    )
    name = models.CharField(
        "tên kết quả", max_length=255, help_text="Ví dụ: Giấy khai sinh, Trích lục khai sinh."
    )
    title = models.CharField("tiêu đề in trên văn bản", max_length=255)
    body = models.TextField(
        "nội dung",
        help_text=(
            "Dùng {{ applicant_name }}, {{ dossier_code }}, {{ procedure_name }}, "
            "{{ agency_name }}, {{ received_date }}, {{ today }} và các trường của tờ khai "
            "(ví dụ {{ child_name }}). Dòng trống tách đoạn; dòng bắt đầu bằng «# » là "
            "tiêu đề mục."
        ),
    )
    signer_title = models.CharField("chức danh người ký", max_length=120, default="Chủ tịch")
    on_behalf_of = models.CharField(
        "thẩm quyền ký", max_length=120, blank=True, default="TM. Ủy ban nhân dân"
    )
    number_series = models.CharField(
        "ký hiệu số văn bản",
        max_length=30,
        blank=True,
        help_text=(
            "In sau số thứ tự: «QĐ-UBND» cho «Số: 12/QĐ-UBND». Để trống: «Số: 12/2026». "
            "Số đếm lại từ 1 mỗi năm, riêng cho từng ký hiệu của cơ quan."
        ),
    )
    is_active = models.BooleanField("đang dùng", default=True)
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)

    class Meta:
        verbose_name = "mẫu kết quả"
        verbose_name_plural = "mẫu kết quả"
        ordering = ["agency", "name"]

    def __str__(self) -> str:
        return f"{self.name} – {self.agency}"

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        from motcua.documents.errors import InvalidTemplate
        from motcua.documents.templating import template_check

        try:
            template_check(self.body, procedure=self.procedure)
        except InvalidTemplate as exc:
            raise ValidationError({"body": exc.message}) from exc


class Result(models.Model):
    """The result document of a dossier, from draft to signed PDF."""

    class State(models.TextChoices):
        # Stored labels stay Vietnamese; pages translate them when shown.
        DRAFT = "draft", gettext_noop("Dự thảo")
        SIGNED = "signed", gettext_noop("Đã ký số")

    dossier = models.ForeignKey(
        "dossiers.Dossier",
        verbose_name="hồ sơ",
        on_delete=models.PROTECT,
        related_name="results",
    )
    template = models.ForeignKey(
        ResultTemplate,
        verbose_name="mẫu",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    name = models.CharField("tên kết quả", max_length=255)
    title = models.CharField("tiêu đề", max_length=255)
    body = models.TextField("nội dung")
    signer_title = models.CharField("chức danh người ký", max_length=120)
    on_behalf_of = models.CharField("thẩm quyền ký", max_length=120, blank=True)
    state = models.CharField("trạng thái", max_length=8, choices=State.choices, default=State.DRAFT)
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người soạn",
        on_delete=models.PROTECT,
        related_name="+",
    )
    drafted_at = models.DateTimeField("soạn lúc")
    updated_at = models.DateTimeField("sửa lúc")
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người ký",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    signed_at = models.DateTimeField("ký lúc", null=True, blank=True)
    certificate = models.ForeignKey(
        SigningCertificate, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    number = models.CharField("số văn bản", max_length=60, blank=True)
    document = models.OneToOneField(
        GeneratedDocument,
        verbose_name="văn bản đã ký",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="result",
    )

    class Meta:
        verbose_name = "kết quả giải quyết"
        verbose_name_plural = "kết quả giải quyết"
        ordering = ["dossier", "id"]
        constraints = [
            models.UniqueConstraint(fields=["dossier", "name"], name="result_name_once"),
        ]

    def __str__(self) -> str:
        return f"{self.name} – {self.dossier}"

    @property
    def unprintable(self) -> str:
        """The characters of the text the PDF cannot draw, as a message shows them ("" if
        none): a draft made from a declaration may hold them until it is corrected."""
        from motcua.documents.pdf.fonts import describe_unprintable, unprintable

        return describe_unprintable(unprintable(f"{self.title}\n{self.body}"))


class ResultCounter(models.Model):
    """The last number given to a signed result, per agency, year and series: numbers
    are handed out in the signing transaction, so they are gapless like dossier codes."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    series = models.CharField(max_length=30, blank=True)
    last = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "sổ số văn bản"
        verbose_name_plural = "sổ số văn bản"
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "year", "series"], name="result_counter_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.last}/{self.series or self.year}"
