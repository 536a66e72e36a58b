"""Satisfaction ratings (đánh giá mức độ hài lòng): one per returned dossier, given by
its applicant. They feed the satisfaction part of the Decision 766 service index."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_noop

from motcua.dossiers.models import Dossier


class Level(models.TextChoices):
    VERY_SATISFIED = "very_satisfied", gettext_noop("Rất hài lòng")
    SATISFIED = "satisfied", gettext_noop("Hài lòng")
    NOT_SATISFIED = "not_satisfied", gettext_noop("Không hài lòng")


class Rating(models.Model):
    dossier = models.OneToOneField(
        Dossier, verbose_name="hồ sơ", on_delete=models.PROTECT, related_name="rating"
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người đánh giá",
        on_delete=models.PROTECT,
        related_name="+",
    )
    level = models.CharField("mức độ hài lòng", max_length=20, choices=Level.choices)
    reason = models.TextField("lý do", blank=True)
    created_at = models.DateTimeField("đánh giá lúc", auto_now_add=True)

    class Meta:
        verbose_name = "đánh giá mức độ hài lòng"
        verbose_name_plural = "đánh giá mức độ hài lòng"
        ordering = ["-created_at", "-id"]
        constraints = [
            # The rule lives in the service; the database keeps it true whatever writes.
            models.CheckConstraint(
                condition=~models.Q(level=Level.NOT_SATISFIED) | ~models.Q(reason=""),
                name="rating_not_satisfied_has_reason",
            )
        ]

    def __str__(self) -> str:
        return f"{self.dossier}: {self.get_level_display()}"
