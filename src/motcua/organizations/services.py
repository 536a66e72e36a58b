"""State changes of organizations: administrative units, agencies, units and staff."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone

from motcua.accounts.models import User
from motcua.audit.models import AuditEvent
from motcua.audit.services import audit_record
from motcua.core.text import fold
from motcua.organizations.models import AdministrativeUnit, Agency, Role, StaffRole, Unit


@dataclass(frozen=True, slots=True)
class UnitRecord:
    """One administrative unit as the reference data describes it."""

    code: str
    name: str
    division_type: str
    level: str
    parent_code: str | None = None


@dataclass(frozen=True, slots=True)
class UnitsLoadReport:
    provinces: int
    communes: int
    created: int
    updated: int

    @property
    def unchanged(self) -> int:
        return self.provinces + self.communes - self.created - self.updated


_UNIT_FIELDS = ["name", "division_type", "level", "parent", "name_folded"]


def administrative_units_load(
    *, records: Iterable[UnitRecord], actor: User | None = None
) -> UnitsLoadReport:
    """Create or update administrative units by code; rows already up to date are not touched.

    Provinces are written before communes so every commune finds its parent.
    """
    records = list(records)
    provinces = [r for r in records if r.level == AdministrativeUnit.Level.PROVINCE]
    communes = [r for r in records if r.level == AdministrativeUnit.Level.COMMUNE]
    created = updated = 0
    with transaction.atomic():
        for batch in (provinces, communes):
            new, changed = _upsert_units(batch)
            created += new
            updated += changed
        if created or updated:
            # Reference data has no single subject row: the event names the whole table.
            AuditEvent.objects.create(
                at=timezone.now(),
                actor=actor,
                action="organizations.administrative_units_loaded",
                subject_type=AdministrativeUnit._meta.label_lower,
                subject_id="*",
                summary=f"Nạp đơn vị hành chính: {created} mới, {updated} cập nhật",
                changes={"created": created, "updated": updated},
            )
    return UnitsLoadReport(len(provinces), len(communes), created, updated)


def _upsert_units(records: list[UnitRecord]) -> tuple[int, int]:
    ids = dict(AdministrativeUnit.objects.values_list("code", "id"))
    existing = {
        u.code: (u.name, u.division_type, u.level, u.parent_id)
        for u in AdministrativeUnit.objects.filter(code__in=[r.code for r in records])
    }
    to_write = []
    for record in records:
        parent_id = ids[record.parent_code] if record.parent_code else None
        wanted = (record.name, record.division_type, record.level, parent_id)
        if existing.get(record.code) == wanted:
            continue
        to_write.append(
            AdministrativeUnit(
                code=record.code,
                name=record.name,
                division_type=record.division_type,
                level=record.level,
                parent_id=parent_id,
                name_folded=fold(record.name),
            )
        )
    AdministrativeUnit.objects.bulk_create(
        to_write,
        batch_size=500,
        update_conflicts=True,
        unique_fields=["code"],
        update_fields=_UNIT_FIELDS,
    )
    created = sum(1 for unit in to_write if unit.code not in existing)
    return created, len(to_write) - created


def agency_create(
    *,
    code: str,
    name: str,
    level: str,
    actor: User | None,
    parent: Agency | None = None,
    administrative_unit: AdministrativeUnit | None = None,
    address: str = "",
    phone: str = "",
    email: str = "",
    valid_from: date = date(2025, 7, 1),
) -> Agency:
    with transaction.atomic():
        agency = Agency(
            code=code,
            name=name,
            level=level,
            parent=parent,
            administrative_unit=administrative_unit,
            address=address,
            phone=phone,
            email=email,
            valid_from=valid_from,
        )
        agency.full_clean()
        agency.save()
        audit_record(
            action="organizations.agency_created",
            subject=agency,
            actor=actor,
            summary=f"Tạo cơ quan {agency.code} – {agency.name}",
        )
    return agency


def unit_create(*, agency: Agency, code: str, name: str, kind: str, actor: User | None) -> Unit:
    with transaction.atomic():
        unit = Unit(agency=agency, code=code, name=name, kind=kind)
        unit.full_clean()
        unit.save()
        audit_record(
            action="organizations.unit_created",
            subject=unit,
            actor=actor,
            summary=f"Tạo đơn vị {unit.name} tại {agency.code}",
        )
    return unit


def staff_role_grant(
    *, user: User, agency: Agency, role: str, unit: Unit | None = None, actor: User | None
) -> StaffRole:
    """Give an official a role at an agency; granting a role already held changes nothing."""
    with transaction.atomic():
        existing = StaffRole.objects.filter(user=user, agency=agency, unit=unit, role=role).first()
        if existing is not None:
            return existing
        staff_role = StaffRole(user=user, agency=agency, unit=unit, role=role)
        staff_role.full_clean()
        staff_role.save()
        audit_record(
            action="organizations.staff_role_granted",
            subject=staff_role,
            actor=actor,
            summary=f"Giao vai trò {Role(role).label} tại {agency.code} cho {user.username}",
        )
    return staff_role


def staff_member_create(
    *,
    username: str,
    full_name: str,
    password: str,
    agency: Agency,
    role: str,
    actor: User | None,
    unit: Unit | None = None,
    is_staff: bool = False,
    email: str = "",
) -> User:
    """An official's account together with their first role."""
    with transaction.atomic():
        user = User(
            username=username,
            full_name=full_name,
            kind=User.Kind.STAFF,
            is_staff=is_staff,
            email=email,
        )
        user.set_password(password)
        user.full_clean()
        user.save()
        audit_record(
            action="accounts.staff_created",
            subject=user,
            actor=actor,
            summary=f"Tạo tài khoản cán bộ {username}",
        )
        staff_role_grant(user=user, agency=agency, role=role, unit=unit, actor=actor)
    return user
