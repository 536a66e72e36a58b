"""Administrative units, agencies, their internal units and staff roles."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_noop

from motcua.core.text import fold
from motcua.core.validators import validate_agency_code


class AdministrativeUnit(models.Model):
    """A province or commune of the two-tier system in force since 1 July 2025."""

    class Level(models.TextChoices):
        PROVINCE = "province", "Tỉnh, thành phố"
        COMMUNE = "commune", "Xã, phường, đặc khu"

    code = models.CharField("mã", max_length=10, unique=True)
    name = models.CharField("tên", max_length=120)
    division_type = models.CharField("loại", max_length=40)
    level = models.CharField("cấp", max_length=10, choices=Level.choices, db_index=True)
    parent = models.ForeignKey(
        "self",
        verbose_name="thuộc tỉnh",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    name_folded = models.CharField(max_length=120, editable=False, db_index=True)

    class Meta:
        verbose_name = "đơn vị hành chính"
        verbose_name_plural = "đơn vị hành chính"
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: object, **kwargs: object) -> None:
        self.name_folded = fold(self.name)
        super().save(*args, **kwargs)  # type: ignore[arg-type]


class AgencyQuerySet(models.QuerySet["Agency"]):
    def active_on(self, day: date) -> AgencyQuerySet:
        return self.filter(valid_from__lte=day).filter(
            models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=day)
        )


class Agency(models.Model):
    """A state body that receives or decides dossiers (UBND xã, Sở Tư pháp, ...)."""

    class Level(models.TextChoices):
        CENTRAL = "central", gettext_noop("Trung ương")
        PROVINCE = "province", gettext_noop("Cấp tỉnh")
        COMMUNE = "commune", gettext_noop("Cấp xã")

    code = models.CharField(
        "mã định danh điện tử", max_length=35, unique=True, validators=[validate_agency_code]
    )
    name = models.CharField("tên cơ quan", max_length=255)
    level = models.CharField("cấp", max_length=10, choices=Level.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name="cơ quan cấp trên",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    administrative_unit = models.ForeignKey(
        AdministrativeUnit,
        verbose_name="địa bàn",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="agencies",
    )
    address = models.CharField("địa chỉ", max_length=255, blank=True)
    phone = models.CharField("điện thoại", max_length=30, blank=True)
    email = models.EmailField("thư điện tử", blank=True)
    valid_from = models.DateField("hiệu lực từ ngày", default=date(2025, 7, 1))
    valid_to = models.DateField("hết hiệu lực từ ngày", null=True, blank=True)
    successor = models.ForeignKey(
        "self",
        verbose_name="cơ quan kế thừa",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="predecessors",
    )

    objects = AgencyQuerySet.as_manager()

    class Meta:
        verbose_name = "cơ quan"
        verbose_name_plural = "cơ quan"
        ordering = ["level", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True)
                | models.Q(valid_to__gte=models.F("valid_from")),
                name="agency_validity_ordered",
            )
        ]

    # Not a column: the agency's units, by code, when the read that found the agency
    # brought them (the API's submission, ``organizations.selectors.AgencyUnits``); a new
    # dossier takes them as its ``step_units``. None: not known, read when needed.
    units_known: list[Unit] | None = None

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.successor_id is not None and self.successor_id == self.pk:
            raise ValidationError({"successor": "Cơ quan không thể kế thừa chính nó."})
        if self.successor_id is not None and self.valid_to is None:
            raise ValidationError(
                {"valid_to": "Cơ quan đã có cơ quan kế thừa phải có ngày hết hiệu lực."}
            )

    def is_active_on(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


class Unit(models.Model):
    """A unit inside an agency (reception desk, a specialist office, the leadership)."""

    class Kind(models.TextChoices):
        """Pages translate the label in the context "unit kind" (``{% translate label
        context "unit kind" %}``): «Lãnh đạo» as a unit is "leadership", not the role's
        "leader"."""

        RECEPTION = "reception", "Bộ phận Một cửa"
        SPECIALIST = "specialist", "Phòng, bộ phận chuyên môn"
        LEADERSHIP = "leadership", "Lãnh đạo"

    agency = models.ForeignKey(
        Agency, verbose_name="cơ quan", on_delete=models.CASCADE, related_name="units"
    )
    code = models.SlugField("mã đơn vị", max_length=40)
    name = models.CharField("tên đơn vị", max_length=255)
    kind = models.CharField("loại", max_length=12, choices=Kind.choices)

    class Meta:
        verbose_name = "đơn vị"
        verbose_name_plural = "đơn vị"
        ordering = ["agency", "name"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "code"], name="unit_code_unique_in_agency")
        ]

    def __str__(self) -> str:
        return f"{self.name} – {self.agency.name}"


class Role(models.TextChoices):
    """Labels stay Vietnamese where stored (audit summaries); a refusal that names a
    role translates the label when it is raised."""

    CLERK = "clerk", gettext_noop("Cán bộ tiếp nhận")
    SPECIALIST = "specialist", gettext_noop("Chuyên viên")
    UNIT_HEAD = "unit_head", gettext_noop("Trưởng bộ phận")
    LEADER = "leader", gettext_noop("Lãnh đạo")
    ADMIN = "admin", gettext_noop("Quản trị cơ quan")
    SUPERVISOR = "supervisor", gettext_noop("Giám sát")


class StaffRole(models.Model):
    """What one official may do at one agency (and, optionally, in one unit)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="cán bộ",
        on_delete=models.CASCADE,
        related_name="staff_roles",
    )
    agency = models.ForeignKey(
        Agency, verbose_name="cơ quan", on_delete=models.CASCADE, related_name="staff_roles"
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name="đơn vị",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="staff_roles",
    )
    role = models.CharField("vai trò", max_length=12, choices=Role.choices)

    class Meta:
        verbose_name = "vai trò cán bộ"
        verbose_name_plural = "vai trò cán bộ"
        constraints = [
            models.UniqueConstraint(
                fields=["user", "agency", "unit", "role"], name="staff_role_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} – {self.agency.code}"

    def clean(self) -> None:
        if self.unit is not None and self.unit.agency_id != self.agency_id:
            raise ValidationError({"unit": "Đơn vị phải thuộc cơ quan đã chọn."})
