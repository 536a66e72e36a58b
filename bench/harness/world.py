"""The places and people the generated dossiers belong to.

On top of the demo installation (Hà Nội, two wards, their staff, the demo catalog): one
provincial People's Committee in each of the 34 provinces and a sample of communes in
each, every agency with a one-stop desk, a specialist office and a leadership unit and
four officials, the demo procedures linked by level, and a pool of citizens. Agencies
and procedures carry a Zipf-like weight: the big cities and a few procedures dominate,
as in real statistics (Hà Nội and Hồ Chí Minh City take a large share of all dossiers).

Small (a few thousand rows), so it is written through the ORM with ``bulk_create``.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.db import transaction

from motcua.accounts.models import User
from motcua.catalog.models import Procedure, ProcedureVersion, ProcessStep, RequiredDocument
from motcua.core.demo import COMMUNE_CODES
from motcua.organizations.models import AdministrativeUnit, Agency, Role, StaffRole, Unit

# Most dossiers first: the two special cities, then the other centrally-run cities.
BIG_PROVINCES = ["01", "79", "31", "48", "92", "75", "24", "22", "38", "40"]
# Demo procedures by popularity (birth, certification, residence first); others follow.
POPULAR = ["1.001193", "2.000815", "2.000884", "1.004194", "1.004222", "1.014061", "1.004873"]
STAFF_ROLES = [
    ("tiepnhan", Role.CLERK, "reception"),
    ("chuyenvien", Role.SPECIALIST, "specialist"),
    ("truongphong", Role.UNIT_HEAD, "specialist"),
    ("lanhdao", Role.LEADER, "leadership"),
]
UNIT_CODES = {"reception": "mot-cua", "specialist": "chuyen-mon", "leadership": "lanh-dao"}
BENCH_PASSWORD = "motcua-bench"


@dataclass
class Place:
    """One agency as the generator needs it: ids only, no ORM objects."""

    id: int
    code: str
    level: str
    weight: float
    clerk_id: int
    unit_ids: dict[str, int]


@dataclass
class VersionInfo:
    id: int
    procedure_code: str
    level: str
    duration_days: float
    step_ids: list[int]
    step_positions: list[tuple[str, str]]  # (role, unit kind) of each step
    first_document: tuple[int, str] | None


@dataclass
class World:
    places: list[Place]
    versions: dict[str, list[VersionInfo]]  # by agency level, most popular first
    citizen_ids: list[int]
    links: set[tuple[int, int]] = field(default_factory=set)  # (agency id, version id)


def build_world(*, communes_per_province: int, citizens: int, seed: int) -> World:
    rng = random.Random(seed)
    with transaction.atomic():
        agencies = _agencies(communes_per_province, rng)
        _units(agencies)
        _staff(agencies)
        versions = _versions()
        links = _link(agencies, versions)
        citizen_ids = _citizens(citizens)
    return World(_places(agencies, rng), versions, citizen_ids, links)


def _province_rank(code: str) -> int:
    return BIG_PROVINCES.index(code) if code in BIG_PROVINCES else len(BIG_PROVINCES) + int(code)


def _agencies(per_province: int, rng: random.Random) -> list[Agency]:
    existing = {a.code: a for a in Agency.objects.all()}
    new: list[Agency] = []
    provinces = AdministrativeUnit.objects.filter(level="province").order_by("code")
    for province in provinces:
        code = f"000.00.00.B{province.code}"
        if province.code != "01" and code not in existing:
            new.append(_agency(code, f"UBND {province.name}", "province", province))
        communes = list(province.children.order_by("code"))
        for n, commune in enumerate(rng.sample(communes, min(per_province, len(communes)))):
            code = f"000.{n + 10:02d}.00.B{province.code}"
            if code not in existing:
                new.append(_agency(code, f"UBND {commune.name}", "commune", commune))
    Agency.objects.bulk_create(new)
    return list(Agency.objects.select_related("administrative_unit__parent").order_by("id"))


def _agency(code: str, name: str, level: str, unit: AdministrativeUnit) -> Agency:
    return Agency(code=code, name=name, level=level, administrative_unit=unit)


def _units(agencies: list[Agency]) -> None:
    have = set(Unit.objects.values_list("agency_id", "kind"))
    Unit.objects.bulk_create(
        Unit(agency=a, code=code, name=f"Bench {kind}", kind=kind)
        for a in agencies
        for kind, code in UNIT_CODES.items()
        if (a.pk, kind) not in have
    )


def _staff(agencies: list[Agency]) -> None:
    staffed = set(StaffRole.objects.values_list("agency_id", "role"))
    units = {(u.agency_id, u.kind): u.pk for u in Unit.objects.order_by("-id")}
    password = make_password(BENCH_PASSWORD)
    wanted = [(a, p, r, k) for a in agencies for p, r, k in STAFF_ROLES if (a.pk, r) not in staffed]
    users = User.objects.bulk_create(
        User(
            username=f"{p}.b{a.pk}",
            kind=User.Kind.STAFF,
            full_name=f"{p} {a.code}",
            password=password,
        )
        for a, p, _, _ in wanted
    )
    StaffRole.objects.bulk_create(
        StaffRole(user=u, agency=a, role=r, unit_id=units[(a.pk, k)])
        for u, (a, _, r, k) in zip(users, wanted, strict=True)
    )


def _versions() -> dict[str, list[VersionInfo]]:
    rank = {code: n for n, code in enumerate(POPULAR)}
    found: dict[str, list[VersionInfo]] = {"commune": [], "province": []}
    published = ProcedureVersion.objects.published().select_related("procedure")
    for version in published.order_by("procedure__code"):
        steps = list(ProcessStep.objects.filter(version=version).order_by("order"))
        if len(steps) < 3:
            continue
        document = (
            RequiredDocument.objects.filter(version=version)
            .order_by("order")
            .values_list("id", "name")
            .first()
        )
        found[version.procedure.level].append(
            VersionInfo(
                id=version.pk,
                procedure_code=version.procedure.code,
                level=version.procedure.level,
                duration_days=float(version.duration_value or 1),
                step_ids=[s.pk for s in steps],
                step_positions=[(s.role, s.unit_kind) for s in steps],
                first_document=document,
            )
        )
    for infos in found.values():
        infos.sort(key=lambda v: rank.get(v.procedure_code, len(rank)))
    return found


def _link(agencies: list[Agency], versions: dict[str, list[VersionInfo]]) -> set[tuple[int, int]]:
    through = Procedure.agencies.through
    procedure_ids = dict(ProcedureVersion.objects.values_list("id", "procedure_id"))
    have = set(through.objects.values_list("agency_id", "procedure_id"))
    rows = []
    links = set()
    for agency in agencies:
        level = "commune" if agency.level == "commune" else "province"
        for info in versions[level]:
            links.add((agency.pk, info.id))
            key = (agency.pk, procedure_ids[info.id])
            if key not in have:
                rows.append(through(agency_id=key[0], procedure_id=key[1]))
                have.add(key)
    through.objects.bulk_create(rows)
    return links


def _citizens(count: int) -> list[int]:
    first = 900_000_000_000
    have = User.objects.filter(kind=User.Kind.CITIZEN, identity_number__startswith="9").count()
    batch: list[User] = []
    for n in range(have, count):
        number = str(first + n)
        batch.append(
            User(
                username=number,
                identity_number=number,
                kind=User.Kind.CITIZEN,
                full_name=f"Công dân {n}",
                password="!",
            )
        )
        if len(batch) == 20_000:
            User.objects.bulk_create(batch)
            batch = []
    User.objects.bulk_create(batch)
    ids = User.objects.filter(kind=User.Kind.CITIZEN, identity_number__startswith="9").order_by(
        "id"
    )
    return list(ids.values_list("id", flat=True)[:count])


def _places(agencies: list[Agency], rng: random.Random) -> list[Place]:
    clerks = dict(
        StaffRole.objects.filter(role=Role.CLERK)
        .order_by("-id")
        .values_list("agency_id", "user_id")
    )
    units: dict[int, dict[str, int]] = {}
    # The first unit of each kind by code, the one ``step_enter`` routes a step to.
    for unit in Unit.objects.order_by("code"):
        units.setdefault(unit.agency_id, {}).setdefault(unit.kind, unit.pk)
    places = []
    for agency in agencies:
        place = agency.administrative_unit
        province = place.parent if place is not None and place.parent is not None else place
        rank = _province_rank(province.code if province else "99")
        weight = 1.0 / (rank + 1) * rng.lognormvariate(0, 0.5)
        if agency.code in COMMUNE_CODES:
            weight *= 3  # the demo wards are central Hà Nội: the busiest desks
        places.append(
            Place(agency.pk, agency.code, agency.level, weight, clerks[agency.pk], units[agency.pk])
        )
    return places
