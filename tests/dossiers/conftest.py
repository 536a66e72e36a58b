"""Procedures, versions and dossiers in each lifecycle state, built through the services.

Time is frozen on a plain working day (Wednesday 18 November 2026, 09:00 in Hà Nội)
unless a test travels elsewhere.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.sqlite3.base import DatabaseWrapper as SQLiteDatabaseWrapper

from motcua.accounts.models import User
from motcua.catalog.models import (
    Procedure,
    ProcedureVersion,
    ProcessStep,
    RequiredDocument,
    Sector,
)
from motcua.dossiers import services
from motcua.dossiers.models import Dossier, Provision
from motcua.dossiers.services import ApplicantInput, DocumentInput
from motcua.organizations.models import Agency, Role
from tests.conftest import make_staff

VN = ZoneInfo("Asia/Ho_Chi_Minh")
WEDNESDAY_9AM = datetime(2026, 11, 18, 9, 0, tzinfo=VN)

BIRTH_SCHEMA = {
    "type": "object",
    "required": ["child_name", "child_birth_date", "mother_name"],
    "properties": {
        "child_name": {"type": "string", "title": "Họ, chữ đệm, tên trẻ", "minLength": 2},
        "child_birth_date": {"type": "string", "title": "Ngày sinh", "format": "date"},
        "child_sex": {"type": "string", "title": "Giới tính", "enum": ["Nam", "Nữ"]},
        "mother_name": {"type": "string", "title": "Họ tên mẹ"},
        "father_name": {"type": "string", "title": "Họ tên cha"},
    },
}

GOOD_DECLARATION = {
    "child_name": "Nguyễn Minh An",
    "child_birth_date": "2026-11-10",
    "child_sex": "Nam",
    "mother_name": "Nguyễn Thị Hoa",
}

STEPS = [
    ("Tiếp nhận hồ sơ", "reception", Role.CLERK, "0.5"),
    ("Thẩm định, đề xuất", "specialist", Role.SPECIALIST, "4"),
    ("Phê duyệt kết quả", "leadership", Role.LEADER, "2"),
    ("Trả kết quả", "reception", Role.CLERK, "1.5"),
]


def make_version(
    agency: Agency,
    *,
    code: str = "1.001193",
    name: str = "Đăng ký khai sinh",
    duration: tuple[str, str] = ("3", "d"),
    cutoff: time | None = time(15, 0),
    channel_durations: dict[str, str] | None = None,
    published: bool = True,
    declared_online: bool = False,
) -> ProcedureVersion:
    sector, _ = Sector.objects.get_or_create(code="ho-tich", defaults={"name": "Hộ tịch"})
    procedure = Procedure.objects.create(
        code=code,
        name=name,
        sector=sector,
        level=Procedure.Level.COMMUNE,
        service_level=Procedure.ServiceLevel.FULL_ONLINE,
    )
    procedure.agencies.add(agency)
    version = ProcedureVersion.objects.create(
        procedure=procedure,
        number=1,
        effective_from=date(2025, 7, 1),
        published_at=datetime(2025, 6, 20, tzinfo=VN),
        duration_value=Decimal(duration[0]),
        duration_unit=duration[1],
        channel_durations=channel_durations or {},
        cutoff_time=cutoff,
        declaration_schema=BIRTH_SCHEMA,
    )
    if not published:
        version.published_at = None
        version.save(update_fields=["published_at"])
    RequiredDocument.objects.create(
        version=version,
        order=1,
        code="to-khai",
        name="Tờ khai đăng ký khai sinh",
        declared_online=declared_online,
    )
    RequiredDocument.objects.create(
        version=version, order=2, code="giay-chung-sinh", name="Giấy chứng sinh"
    )
    RequiredDocument.objects.create(
        version=version,
        order=3,
        code="giay-ket-hon",
        name="Giấy chứng nhận kết hôn",
        requirement=RequiredDocument.Requirement.CONDITIONAL,
        action=RequiredDocument.Action.PRESENT,
    )
    for order, (step_name, unit_kind, role, hours) in enumerate(STEPS, start=1):
        ProcessStep.objects.create(
            version=version,
            order=order,
            name=step_name,
            unit_kind=unit_kind,
            role=role,
            budget_hours=Decimal(hours),
        )
    return version


AT_COUNTER = [
    DocumentInput("to-khai", Provision.AT_COUNTER, originals=1),
    DocumentInput("giay-chung-sinh", Provision.AT_COUNTER, originals=1),
]


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "no_freeze: the test manages time itself")


@pytest.fixture(autouse=True)
def frozen(request: pytest.FixtureRequest) -> Iterator[time_machine.Traveller | None]:
    if request.node.get_closest_marker("no_freeze"):
        yield None
        return
    with time_machine.travel(WEDNESDAY_9AM, tick=False) as traveller:
        yield traveller


@pytest.fixture
def version(commune_agency: Agency) -> ProcedureVersion:
    """Birth registration at Hoàn Kiếm, given a three-working-day duration for the tests."""
    return make_version(commune_agency)


@pytest.fixture
def birth_version(commune_agency: Agency) -> ProcedureVersion:
    """Birth registration as the law has it: the same working day, 15:00 cut-off."""
    return make_version(commune_agency, code="1.001194", duration=("0", "sd"))


@pytest.fixture
def unit_head(commune_agency: Agency) -> User:
    """Thu heads the specialist office at Hoàn Kiếm."""
    return make_staff("thu.truongphong", commune_agency, Role.UNIT_HEAD, "specialist")


@pytest.fixture
def second_specialist(commune_agency: Agency) -> User:
    """Quang is Minh's colleague in the same office."""
    return make_staff("quang.chuyenvien", commune_agency, Role.SPECIALIST, "specialist")


@pytest.fixture
def other_clerk(commune_agency: Agency) -> User:
    return make_staff("mai.tiepnhan", commune_agency, Role.CLERK, "reception")


def submit_online(citizen: User, version: ProcedureVersion, **kwargs: Any) -> Dossier:
    fields: dict[str, Any] = {
        "declaration": dict(GOOD_DECLARATION),
        "documents": list(AT_COUNTER),
        **kwargs,
    }
    return services.dossier_submit(
        actor=citizen, version=version, agency=version.procedure.agencies.get(), **fields
    )


def sqlite_in_memory() -> bool:
    """Whether the default database is an in-memory SQLite one, which threads cannot share."""
    db = connections[DEFAULT_DB_ALIAS]
    return isinstance(db, SQLiteDatabaseWrapper) and db.is_in_memory_db()


def race(*actions: Callable[[], object]) -> list[object]:
    """Run the actions in threads released together; return each result or error. The
    test needs ``django_db(transaction=True)`` and time of its own (``no_freeze``)."""
    if sqlite_in_memory():
        pytest.skip("threads need a file database to share (see conftest)")
    outcomes: list[object] = [None] * len(actions)
    barrier = threading.Barrier(len(actions))

    def run(n: int) -> None:
        try:
            barrier.wait()
            outcomes[n] = actions[n]()
        except BaseException as exc:
            outcomes[n] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(len(actions))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return outcomes


def intake(clerk: User, version: ProcedureVersion, applicant_user: User | None = None) -> Dossier:
    return services.dossier_intake(
        actor=clerk,
        version=version,
        agency=version.procedure.agencies.get(),
        applicant=ApplicantInput(
            name="Nguyễn Thị Hoa",
            identity_number="001190012345",
            phone="0912345678",
            email="hoa@example.vn",
        ),
        declaration=dict(GOOD_DECLARATION),
        documents=list(AT_COUNTER),
        applicant_user=applicant_user,
    )


@pytest.fixture
def new_dossier(citizen: User, version: ProcedureVersion) -> Dossier:
    """Submitted online by Bà Hoa, waiting at the desk (status 1)."""
    return submit_online(citizen, version)


@pytest.fixture
def received(new_dossier: Dossier, clerk: User) -> Dossier:
    """Received by Lan at 09:00 (status 2, at the reception step)."""
    return services.dossier_receive(
        dossier=new_dossier, actor=clerk, expected_version=new_dossier.version
    )


@pytest.fixture
def at_specialist(received: Dossier, clerk: User, specialist: User) -> Dossier:
    """Forwarded to the specialist step and assigned to Minh (status 4)."""
    return services.dossier_forward(
        dossier=received, actor=clerk, expected_version=received.version, assignee=specialist
    )


@pytest.fixture
def at_leader(at_specialist: Dossier, specialist: User) -> Dossier:
    return services.dossier_forward(
        dossier=at_specialist, actor=specialist, expected_version=at_specialist.version
    )


@pytest.fixture
def approved(at_leader: Dossier, leader: User) -> Dossier:
    """Approved by Hùng; waiting at the return step."""
    return services.dossier_approve(
        dossier=at_leader, actor=leader, expected_version=at_leader.version
    )


@pytest.fixture
def resolved(approved: Dossier, clerk: User) -> Dossier:
    return services.dossier_resolve(
        dossier=approved, actor=clerk, expected_version=approved.version
    )


def saved_elsewhere(draft: Dossier, citizen: User) -> None:
    """The draft saved again from another window: its version moves on."""
    services.dossier_draft_save(
        actor=citizen,
        version=draft.procedure_version,
        agency=draft.receiving_agency,
        declaration=dict(GOOD_DECLARATION),
        draft=draft,
    )


def complete_draft(citizen: User, version: ProcedureVersion) -> Dossier:
    """A draft ready to submit: the declaration filled in, the papers brought to the
    counter."""
    return services.dossier_draft_save(
        actor=citizen,
        version=version,
        agency=version.procedure.agencies.get(),
        declaration=dict(GOOD_DECLARATION),
        documents=list(AT_COUNTER),
    )
