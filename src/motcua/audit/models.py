"""The audit trail: one row per change, written in the same transaction as the change."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class AuditEvent(models.Model):
    at = models.DateTimeField("thời điểm", db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người thực hiện",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    actor_role = models.CharField("vai trò", max_length=30, blank=True)
    action = models.CharField("hành động", max_length=60)
    subject_type = models.CharField("loại đối tượng", max_length=60)
    subject_id = models.CharField("mã đối tượng", max_length=64)
    summary = models.CharField("tóm tắt", max_length=500, blank=True)
    changes = models.JSONField("giá trị cũ/mới", default=dict, blank=True)

    class Meta:
        verbose_name = "nhật ký thay đổi"
        verbose_name_plural = "nhật ký thay đổi"
        indexes = [models.Index(fields=["subject_type", "subject_id", "at"])]
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.at:%d/%m/%Y %H:%M} {self.action} {self.subject_type}#{self.subject_id}"
