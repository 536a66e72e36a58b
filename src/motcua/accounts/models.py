"""Accounts: staff log in with a user name, citizens with their identity number."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth.models import AbstractUser
from django.db import models

from motcua.core.validators import validate_identity_number

if TYPE_CHECKING:
    from motcua.organizations.models import StaffRole


class User(AbstractUser):
    class Kind(models.TextChoices):
        STAFF = "staff", "Cán bộ, công chức"
        CITIZEN = "citizen", "Công dân, tổ chức"

    kind = models.CharField("loại tài khoản", max_length=10, choices=Kind.choices)
    full_name = models.CharField("họ và tên", max_length=200, blank=True)
    identity_number = models.CharField(
        "số định danh cá nhân",
        max_length=12,
        unique=True,
        null=True,
        blank=True,
        validators=[validate_identity_number],
    )
    phone = models.CharField("số điện thoại", max_length=15, blank=True)
    # When the national identity provider (OpenID Connect, VNeID) first vouched that this
    # account's holder owns ``identity_number``. A number typed at registration proves
    # nothing (anyone can type someone else's), so dossiers entered at the counter under
    # that number join the account only once this is set
    # (``dossiers.services.linking``).
    identity_proven_at = models.DateTimeField(
        "xác thực định danh lúc", null=True, blank=True, editable=False
    )

    # Not a column: set on the user of a request made with an API token, whose agency is
    # then the only one where the user's roles count (``dossiers.services.tokens``).
    acting_agency_id: int | None = None
    # Not a column either: the roles such a user holds at that agency, read with the
    # token at the start of the request (``organizations.selectors.staff_roles``).
    roles_known: list[StaffRole] | None = None

    class Meta:
        verbose_name = "tài khoản"
        verbose_name_plural = "tài khoản"
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(kind="citizen") | models.Q(identity_number__isnull=False),
                name="citizen_has_identity_number",
            )
        ]

    def __str__(self) -> str:
        return self.full_name or self.username

    @property
    def is_citizen(self) -> bool:
        return self.kind == self.Kind.CITIZEN

    @property
    def identity_proven(self) -> bool:
        return self.identity_proven_at is not None


class OneTimeCode(models.Model):
    """A short code sent by SMS or email to confirm a citizen's login.

    Only a hash is kept; a code expires after a few minutes and after a few wrong tries.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="one_time_codes")
    purpose = models.CharField(max_length=20, default="login")
    code_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    attempts = models.PositiveSmallIntegerField(default=0)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "mã xác thực một lần"
        verbose_name_plural = "mã xác thực một lần"
        indexes = [models.Index(fields=["user", "purpose", "created_at"])]

    def __str__(self) -> str:
        return f"{self.user} {self.purpose} {self.created_at:%d/%m/%Y %H:%M}"
