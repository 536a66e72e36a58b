"""What happened to a dossier: the audit trail, the messages and the warnings sent.

``DossierEvent`` is THE audit row for dossiers (``audit.AuditEvent`` is not written for
them). It carries everything an inspector asks of a change (who, in which role, when,
from/to status, step, unit and person, reason, old/new values) and everything the process
control slip and the reports need (the step's due instant and whether the hand-off was
early, on time or late). One table, indexed by dossier, instead of two rows that could
drift apart.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_noop

from motcua.catalog.models import ProcessStep
from motcua.dossiers.models.dossier import Dossier, Status
from motcua.organizations.models import Unit


class Timeliness(models.TextChoices):
    """How a handover kept its step's deadline. Pages translate the label in the context
    "timeliness" (``{% translate label context "timeliness" %}``): «Quá hạn» of a handover
    done is "late", not the queue's "overdue"."""

    EARLY = "early", gettext_noop("Trước hạn")
    ON_TIME = "on_time", gettext_noop("Đúng hạn")
    LATE = "late", gettext_noop("Quá hạn")


class DossierEvent(models.Model):
    # No index of its own: ``dossier_event_idx`` starts with the dossier. Every action
    # writes an audit row, and each index of this table is one more entry to write.
    dossier = models.ForeignKey(
        Dossier,
        verbose_name="hồ sơ",
        on_delete=models.CASCADE,
        related_name="events",
        db_index=False,
    )
    at = models.DateTimeField("thời điểm")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người thực hiện",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    actor_role = models.CharField("vai trò", max_length=20, blank=True)
    action = models.CharField("hành động", max_length=40)
    from_status = models.PositiveSmallIntegerField(choices=Status.choices, null=True, blank=True)
    to_status = models.PositiveSmallIntegerField(choices=Status.choices, null=True, blank=True)
    from_step = models.ForeignKey(
        ProcessStep, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    to_step = models.ForeignKey(
        ProcessStep, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    from_unit = models.ForeignKey(
        Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    to_unit = models.ForeignKey(
        Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    from_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    to_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reason = models.TextField("lý do", blank=True)
    changes = models.JSONField("giá trị cũ/mới", default=dict, blank=True)
    step_due_at = models.DateTimeField("hạn của bước được bàn giao", null=True, blank=True)
    timeliness = models.CharField(
        "tiến độ bàn giao", max_length=8, choices=Timeliness.choices, blank=True
    )
    timeliness_minutes = models.IntegerField("số phút làm việc sớm/muộn", null=True, blank=True)
    record_version = models.PositiveIntegerField("phiên bản hồ sơ sau thay đổi")

    class Meta:
        verbose_name = "nhật ký hồ sơ"
        verbose_name_plural = "nhật ký hồ sơ"
        ordering = ["dossier", "at", "id"]
        indexes = [
            models.Index(fields=["dossier", "at"], name="dossier_event_idx"),
            models.Index(fields=["action", "at"], name="dossier_event_action_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%d/%m/%Y %H:%M} {self.action}"


class Message(models.Model):
    """A message in the thread between the applicant and the officials handling the dossier."""

    dossier = models.ForeignKey(
        Dossier, verbose_name="hồ sơ", on_delete=models.CASCADE, related_name="messages"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người gửi",
        on_delete=models.PROTECT,
        related_name="+",
    )
    from_citizen = models.BooleanField("do công dân gửi")
    body = models.TextField("nội dung")
    at = models.DateTimeField("gửi lúc")

    class Meta:
        verbose_name = "trao đổi"
        verbose_name_plural = "trao đổi"
        ordering = ["dossier", "at", "id"]

    def __str__(self) -> str:
        return f"{self.at:%d/%m/%Y %H:%M} {self.author}"


class DossierWarning(models.Model):
    """A deadline warning already sent: at most one per dossier, kind and deadline."""

    class Kind(models.TextChoices):
        STEP = "step", "Hạn của bước"
        DOSSIER = "dossier", "Hạn trả kết quả"

    dossier = models.ForeignKey(
        Dossier, verbose_name="hồ sơ", on_delete=models.CASCADE, related_name="warnings"
    )
    kind = models.CharField(max_length=8, choices=Kind.choices)
    due_at = models.DateTimeField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "cảnh báo sắp đến hạn"
        verbose_name_plural = "cảnh báo sắp đến hạn"
        constraints = [
            models.UniqueConstraint(
                fields=["dossier", "kind", "due_at"], name="dossier_warning_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.dossier} {self.kind} {self.due_at:%d/%m/%Y %H:%M}"
