"""The demo installation: Hà Nội, two of its wards, their staff, a citizen and the catalog.

Agency codes below are demo codes shaped like real electronic codes (H26 is Hà Nội's
group); they are not the official codes of these agencies. Loading is idempotent: every
object is looked up by its natural key and created only when missing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models import Q

from motcua.accounts.models import User
from motcua.audit.services import audit_record
from motcua.catalog.io import read_catalog
from motcua.catalog.models import Procedure, ProcedureVersion
from motcua.catalog.services import catalog_import, procedure_link_agencies, version_publish
from motcua.core.demo_signing import load_demo_signing
from motcua.organizations.models import AdministrativeUnit, Agency, Role, Unit
from motcua.organizations.reference import administrative_unit_records
from motcua.organizations.services import (
    administrative_units_load,
    agency_create,
    staff_member_create,
    unit_create,
)

DEMO_PASSWORD = "motcua-demo"  # noqa: S105 - printed in the README and the demo banner
DEMO_CATALOG = Path(__file__).resolve().parent.parent / "catalog" / "data" / "demo_catalog.json"
CITIZEN_ID = "001090001234"
ADMIN_GROUP = "Quản trị cơ quan"

PROVINCE_CODE = "000.00.00.H26"


@dataclass(frozen=True)
class AgencySpec:
    code: str
    name: str
    level: str
    unit_code: str
    address: str
    specialist_units: tuple[tuple[str, str], ...] = (("chuyen-mon", "Phòng chuyên môn"),)
    leadership: str = "Ban Giám đốc"
    # What the agency's documents print after their number's type («Số: 12/TB-STP»), as
    # Nghị định 30/2020/NĐ-CP has agencies abbreviate their names.
    symbol: str = "UBND"


AGENCIES = [
    AgencySpec(
        PROVINCE_CODE,
        "UBND Thành phố Hà Nội",
        "province",
        "01",
        "79 Đinh Tiên Hoàng, phường Hoàn Kiếm, Hà Nội",
        (("van-phong", "Văn phòng UBND Thành phố"),),
        "Lãnh đạo UBND Thành phố",
    ),
    AgencySpec(
        "000.00.01.H26", "Sở Tư pháp Thành phố Hà Nội", "province", "01", "Hà Nội", symbol="STP"
    ),
    AgencySpec(
        "000.00.02.H26", "Công an Thành phố Hà Nội", "province", "01", "Hà Nội", symbol="CATP"
    ),
    AgencySpec(
        "000.00.03.H26",
        "Bảo hiểm xã hội Thành phố Hà Nội",
        "province",
        "01",
        "Hà Nội",
        symbol="BHXH",
    ),
    AgencySpec(
        "000.00.04.H26",
        "Sở Nông nghiệp và Môi trường Thành phố Hà Nội",
        "province",
        "01",
        "Hà Nội",
        symbol="SNNMT",
    ),
    AgencySpec(
        "000.00.05.H26", "Sở Nội vụ Thành phố Hà Nội", "province", "01", "Hà Nội", symbol="SNV"
    ),
    AgencySpec(
        "000.01.01.H26",
        "UBND Phường Hoàn Kiếm",
        "commune",
        "00070",
        "Phường Hoàn Kiếm, Hà Nội",
        (("van-phong", "Văn phòng HĐND và UBND"), ("van-hoa-xa-hoi", "Phòng Văn hóa - Xã hội")),
        "Lãnh đạo UBND phường",
    ),
    AgencySpec(
        "000.01.02.H26",
        "UBND Phường Ba Đình",
        "commune",
        "00004",
        "Phường Ba Đình, Hà Nội",
        (("van-phong", "Văn phòng HĐND và UBND"), ("van-hoa-xa-hoi", "Phòng Văn hóa - Xã hội")),
        "Lãnh đạo UBND phường",
    ),
]

COMMUNE_CODES = ["000.01.01.H26", "000.01.02.H26"]

# Province-level procedures go to the department that decides them; the rest to the UBND.
SECTOR_AGENCY = {
    "ly-lich-tu-phap": "000.00.02.H26",
    "chinh-sach-bhxh": "000.00.03.H26",
    "thu-bhxh-bhyt": "000.00.03.H26",
    "dat-dai": "000.00.04.H26",
    "lao-dong": "000.00.05.H26",
    "viec-lam": "000.00.05.H26",
}
EXTRA_AGENCIES = {"2.000635": ["000.00.01.H26"]}

# (username prefix, full name, role, unit code) for each ward.
WARD_STAFF = {
    "000.01.01.H26": (
        "phuonghoankiem",
        [
            ("tiepnhan", "Nguyễn Thị Lan", Role.CLERK, "mot-cua"),
            ("chuyenvien", "Trần Văn Minh", Role.SPECIALIST, "van-phong"),
            ("truongphong", "Lê Thị Thu", Role.UNIT_HEAD, "van-phong"),
            ("lanhdao", "Phạm Văn Hùng", Role.LEADER, "lanh-dao"),
        ],
    ),
    "000.01.02.H26": (
        "phuongbadinh",
        [
            ("tiepnhan", "Đỗ Thị Hà", Role.CLERK, "mot-cua"),
            ("chuyenvien", "Vũ Văn Nam", Role.SPECIALIST, "van-phong"),
            ("truongphong", "Hoàng Thị Mai", Role.UNIT_HEAD, "van-phong"),
            ("lanhdao", "Bùi Văn Dũng", Role.LEADER, "lanh-dao"),
        ],
    ),
}
PROVINCE_STAFF = [
    ("quantri.hanoi", "Đặng Thị Quyên", Role.ADMIN, True),
    ("giamsat.hanoi", "Lý Văn Sơn", Role.SUPERVISOR, False),
]


def load_demo(*, say: Callable[[str], None] = lambda _: None) -> None:
    with transaction.atomic():
        units = administrative_units_load(records=administrative_unit_records())
        say(
            f"Đơn vị hành chính: {units.provinces} tỉnh, {units.communes} xã ({units.created} mới)."
        )
        agencies = {spec.code: _agency(spec) for spec in AGENCIES}
        say(f"Cơ quan: {len(agencies)}.")
        group = _admin_group()
        accounts = _staff(agencies, group) + _citizen()
        say(f"Tài khoản mẫu: {accounts} mới (mật khẩu {DEMO_PASSWORD}).")
        catalog = read_catalog(DEMO_CATALOG.read_bytes())
        report = catalog_import(catalog=catalog, actor=None)
        for line in report.lines():
            say(line)
        codes = [p.code for p in catalog.procedures]
        published = _publish_drafts(codes)
        links = _link_procedures(agencies, codes)
        say(f"Công bố {published} phiên bản; giao {links} thủ tục cho cơ quan.")
        load_demo_signing(
            agencies.values(), symbols={spec.code: spec.symbol for spec in AGENCIES}, say=say
        )


def _agency(spec: AgencySpec) -> Agency:
    existing = Agency.objects.filter(code=spec.code).first()
    if existing is not None:
        return existing
    parent = None if spec.code == PROVINCE_CODE else Agency.objects.get(code=PROVINCE_CODE)
    agency = agency_create(
        code=spec.code,
        name=spec.name,
        level=spec.level,
        parent=parent,
        administrative_unit=AdministrativeUnit.objects.get(code=spec.unit_code),
        address=spec.address,
        actor=None,
    )
    unit_create(agency=agency, code="mot-cua", name="Bộ phận Một cửa", kind="reception", actor=None)
    for code, name in spec.specialist_units:
        unit_create(agency=agency, code=code, name=name, kind="specialist", actor=None)
    unit_create(agency=agency, code="lanh-dao", name=spec.leadership, kind="leadership", actor=None)
    return agency


def _admin_group() -> Group:
    group, created = Group.objects.get_or_create(name=ADMIN_GROUP)
    if created:
        # An agency administrator maintains the catalog, organizations and staff accounts,
        # and may read (never edit) the audit trail.
        group.permissions.set(
            Permission.objects.filter(
                Q(content_type__app_label__in=["catalog", "organizations"])
                | Q(content_type__app_label="accounts", codename__in=["add_user", "change_user"])
                | Q(content_type__app_label__in=["accounts", "audit"], codename__startswith="view_")
            )
        )
        audit_record(
            action="accounts.group_created", subject=group, summary=f"Tạo nhóm {ADMIN_GROUP}"
        )
    return group


def _staff(agencies: dict[str, Agency], group: Group) -> int:
    created = 0
    for agency_code, (suffix, people) in WARD_STAFF.items():
        agency = agencies[agency_code]
        for prefix, full_name, role, unit_code in people:
            username = f"{prefix}.{suffix}"
            if User.objects.filter(username=username).exists():
                continue
            staff_member_create(
                username=username,
                full_name=full_name,
                password=DEMO_PASSWORD,
                agency=agency,
                role=role,
                unit=Unit.objects.get(agency=agency, code=unit_code),
                actor=None,
            )
            created += 1
    for username, full_name, role, is_staff in PROVINCE_STAFF:
        if User.objects.filter(username=username).exists():
            continue
        user = staff_member_create(
            username=username,
            full_name=full_name,
            password=DEMO_PASSWORD,
            agency=agencies[PROVINCE_CODE],
            role=role,
            is_staff=is_staff,
            actor=None,
        )
        if is_staff:
            user.groups.add(group)
        created += 1
    return created


def _citizen() -> int:
    if User.objects.filter(identity_number=CITIZEN_ID).exists():
        return 0
    citizen = User(
        username=CITIZEN_ID,
        identity_number=CITIZEN_ID,
        kind=User.Kind.CITIZEN,
        full_name="Nguyễn Văn An",
        phone="0987654321",
    )
    citizen.set_password(DEMO_PASSWORD)
    citizen.full_clean()
    citizen.save()
    audit_record(action="accounts.citizen_created", subject=citizen, summary="Tạo công dân mẫu")
    return 1


def _publish_drafts(codes: list[str]) -> int:
    drafts = ProcedureVersion.objects.filter(
        procedure__code__in=codes, published_at__isnull=True
    ).order_by("procedure__code", "number")
    count = 0
    for version in drafts:
        version_publish(version=version, actor=None)
        count += 1
    return count


def _link_procedures(agencies: dict[str, Agency], codes: list[str]) -> int:
    communes = [agencies[c] for c in COMMUNE_CODES]
    linked = 0
    for procedure in Procedure.objects.filter(code__in=codes).select_related("sector"):
        if procedure.level == Procedure.Level.COMMUNE:
            targets = list(communes)
        else:
            targets = [agencies[SECTOR_AGENCY.get(procedure.sector.code, PROVINCE_CODE)]]
        targets += [agencies[c] for c in EXTRA_AGENCIES.get(procedure.code, [])]
        if procedure_link_agencies(procedure_code=procedure.code, agencies=targets, actor=None):
            linked += 1
    return linked
