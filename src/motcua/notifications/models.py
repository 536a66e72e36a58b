"""Outgoing notifications: a delivery row per message and channel, and the SMS sandbox.

A ``Delivery`` is written in the same transaction as the change it reports (an outbox),
then a background job sends it. A failing channel only marks its own row for a retry; the
dossier's change is already committed and never waits for a mail server.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Delivery(models.Model):
    class Channel(models.TextChoices):
        EMAIL = "email", "Thư điện tử"
        SMS = "sms", "Tin nhắn SMS"

    class State(models.TextChoices):
        PENDING = "pending", "Chờ gửi"
        SENT = "sent", "Đã gửi"
        FAILED = "failed", "Gửi không thành công"

    channel = models.CharField("kênh", max_length=8, choices=Channel.choices)
    recipient = models.CharField("người nhận", max_length=254)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    subject = models.CharField("tiêu đề", max_length=255, blank=True)
    body = models.TextField("nội dung")
    topic = models.CharField(
        "chủ đề", max_length=60, help_text="Ví dụ dossier:12 để tra theo hồ sơ."
    )
    dedupe_key = models.CharField(max_length=200, unique=True)
    state = models.CharField(max_length=8, choices=State.choices, default=State.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "thông báo"
        verbose_name_plural = "thông báo"
        ordering = ["-id"]
        indexes = [
            models.Index(fields=["state", "next_attempt_at"], name="delivery_due_idx"),
            models.Index(fields=["topic"], name="delivery_topic_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.channel} → {self.recipient}: {self.subject or self.body[:40]}"


class SandboxSms(models.Model):
    """A text message the sandbox SMS adapter 'sent': kept for demos and tests."""

    phone = models.CharField("số điện thoại", max_length=20)
    body = models.TextField("nội dung")
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "tin nhắn thử nghiệm"
        verbose_name_plural = "tin nhắn thử nghiệm"
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"{self.phone}: {self.body[:40]}"
