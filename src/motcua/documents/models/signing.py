"""Signing certificates of officials, and their revocation (a simple revocation list)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from motcua.organizations.models import Agency


class SigningCertificate(models.Model):
    class Backend(models.TextChoices):
        PKCS12 = "pkcs12", "Tệp PKCS#12"
        PKCS11 = "pkcs11", "Thiết bị PKCS#11 (USB token, HSM)"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người ký",
        on_delete=models.PROTECT,
        related_name="signing_certificates",
    )
    agency = models.ForeignKey(
        Agency,
        verbose_name="cơ quan",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    backend = models.CharField(
        "nơi giữ khóa", max_length=8, choices=Backend.choices, default=Backend.PKCS12
    )
    serial_number = models.CharField("số hiệu", max_length=64)
    issuer = models.CharField("tổ chức cấp", max_length=255)
    subject = models.CharField("chủ thể", max_length=255)
    not_before = models.DateTimeField("hiệu lực từ")
    not_after = models.DateTimeField("hiệu lực đến")
    certificate_pem = models.TextField("chứng thư (PEM)")
    key_file = models.CharField("tệp khóa (trong thư mục keys)", max_length=255, blank=True)
    pkcs11_label = models.CharField("nhãn khóa trên thiết bị", max_length=120, blank=True)
    revoked_at = models.DateTimeField("thu hồi lúc", null=True, blank=True)
    revocation_reason = models.CharField("lý do thu hồi", max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "chứng thư số"
        verbose_name_plural = "chứng thư số"
        ordering = ["user", "-not_before"]
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "serial_number"], name="signing_cert_serial_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.subject} ({self.serial_number})"

    def is_revoked_at(self, moment: object) -> bool:
        return self.revoked_at is not None and self.revoked_at <= moment  # type: ignore[operator]

    @property
    def is_current(self) -> bool:
        now = timezone.now()
        return self.revoked_at is None and self.not_before <= now <= self.not_after
