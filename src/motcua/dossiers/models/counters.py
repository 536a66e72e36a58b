"""Per-agency, per-day sequence behind dossier codes."""

from __future__ import annotations

from django.db import models

from motcua.organizations.models import Agency


class DossierCounter(models.Model):
    """The last sequence number handed out at one agency on one local day.

    Read and bumped under a row lock inside the reception transaction, so a rolled-back
    reception gives its number back and codes stay gapless.
    """

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "bộ đếm mã hồ sơ"
        verbose_name_plural = "bộ đếm mã hồ sơ"
        constraints = [
            models.UniqueConstraint(fields=["agency", "day"], name="dossier_counter_unique")
        ]

    def __str__(self) -> str:
        return f"{self.agency_id} {self.day:%y%m%d} {self.last}"
