"""API tokens for integrators: one per staff user and agency, stored only as a hash."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from motcua.organizations.models import Agency


class ApiToken(models.Model):
    """A bearer token. Only the SHA-256 of the secret is stored; the prefix identifies it
    in lists without revealing it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="cán bộ",
        on_delete=models.CASCADE,
        related_name="api_tokens",
    )
    agency = models.ForeignKey(
        Agency, verbose_name="cơ quan", on_delete=models.CASCADE, related_name="+"
    )
    name = models.CharField("tên", max_length=100)
    prefix = models.CharField("tiền tố", max_length=8)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "mã truy cập API"
        verbose_name_plural = "mã truy cập API"

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"
