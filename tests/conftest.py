"""Shared actors and places for the whole suite.

The demo province is Hà Nội; Phường Hoàn Kiếm and Phường Ba Đình are two of its communes.
Each actor has one role at one agency, so a test reads like the counter it describes.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
import time_machine
from django.utils import timezone

from motcua.accounts.models import User
from motcua.organizations.models import AdministrativeUnit, Agency, Role, StaffRole, Unit


@pytest.fixture
def one_rate_window() -> Iterator[None]:
    """Rate limits count in fixed windows (``core.ratelimit``): a test that counts up to a
    limit must not straddle a window's end, where the count starts again. The clock stands
    still in the middle of a 15-minute window."""
    with time_machine.travel(datetime(2026, 11, 23, 2, 7, 30, tzinfo=UTC), tick=False):
        yield


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix: None) -> None:
    """Concurrency tests need real SQLite locking (busy timeout, WAL), which Django's
    shared in-memory test database lacks: the suite runs on a throw-away file instead."""
    from django.conf import settings

    db = settings.DATABASES["default"]
    if db["ENGINE"] == "motcua.core.sqlite":
        db.setdefault("TEST", {})["NAME"] = f"/tmp/motcua-test-{os.getpid()}.sqlite3"


@pytest.fixture(autouse=True)
def _fresh_calendars() -> None:
    """Calendars are cached per process for a few seconds; each test starts clean, since
    rows from an earlier test are gone but their ids may come back."""
    from motcua.catalog import published
    from motcua.workdays import selectors

    selectors.forget()
    published.forget_all()


@pytest.fixture(autouse=True)
def _default_language() -> Iterator[None]:
    """Each test starts in the site's default language. A request in English leaves English
    active in the thread (Django's locale middleware sets it and does not reset it), and a
    test that ran next without a request of its own read English where it expected the
    default: tests/core/test_catalogue.py failed when run after tests/portal/test_english.py."""
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture
def hanoi(db: None) -> AdministrativeUnit:
    return AdministrativeUnit.objects.create(
        code="01", name="Thành phố Hà Nội", division_type="thành phố trung ương", level="province"
    )


@pytest.fixture
def hoan_kiem_ward(hanoi: AdministrativeUnit) -> AdministrativeUnit:
    return AdministrativeUnit.objects.create(
        code="00070", name="Phường Hoàn Kiếm", division_type="phường", level="commune", parent=hanoi
    )


@pytest.fixture
def province_agency(hanoi: AdministrativeUnit) -> Agency:
    return Agency.objects.create(
        code="000.00.00.H26",
        name="UBND Thành phố Hà Nội",
        level=Agency.Level.PROVINCE,
        administrative_unit=hanoi,
        valid_from=date(2025, 7, 1),
    )


@pytest.fixture
def commune_agency(province_agency: Agency, hoan_kiem_ward: AdministrativeUnit) -> Agency:
    return Agency.objects.create(
        code="000.01.01.H26",
        name="UBND Phường Hoàn Kiếm",
        level=Agency.Level.COMMUNE,
        parent=province_agency,
        administrative_unit=hoan_kiem_ward,
        valid_from=date(2025, 7, 1),
    )


@pytest.fixture
def other_agency(province_agency: Agency) -> Agency:
    return Agency.objects.create(
        code="000.01.02.H26",
        name="UBND Phường Ba Đình",
        level=Agency.Level.COMMUNE,
        parent=province_agency,
        valid_from=date(2025, 7, 1),
    )


def make_staff(username: str, agency: Agency, role: str, unit_kind: str | None = None) -> User:
    user = User.objects.create_user(
        username=username, password="motcua-test", kind=User.Kind.STAFF, full_name=username
    )
    unit = None
    if unit_kind:
        unit, _ = Unit.objects.get_or_create(
            agency=agency, code=unit_kind, defaults={"name": unit_kind, "kind": unit_kind}
        )
    StaffRole.objects.create(user=user, agency=agency, unit=unit, role=role)
    return user


@pytest.fixture
def clerk(commune_agency: Agency) -> User:
    """Lan receives dossiers at the Hoàn Kiếm one-stop desk."""
    return make_staff("lan.tiepnhan", commune_agency, Role.CLERK, "reception")


@pytest.fixture
def specialist(commune_agency: Agency) -> User:
    """Minh handles civil-status dossiers at Hoàn Kiếm."""
    return make_staff("minh.chuyenvien", commune_agency, Role.SPECIALIST, "specialist")


@pytest.fixture
def leader(commune_agency: Agency) -> User:
    """Hùng is the vice-chairman who signs at Hoàn Kiếm."""
    return make_staff("hung.lanhdao", commune_agency, Role.LEADER, "leadership")


@pytest.fixture
def outsider(other_agency: Agency) -> User:
    """Charlie is a specialist at Ba Đình: he must see nothing of Hoàn Kiếm's."""
    return make_staff("charlie.badinh", other_agency, Role.SPECIALIST, "specialist")


@pytest.fixture
def citizen(db: None) -> User:
    """Bà Nguyễn Thị Hoa, born 1990 and registered in Hà Nội."""
    return User.objects.create_user(
        username="001190012345",
        identity_number="001190012345",
        password="motcua-test",
        kind=User.Kind.CITIZEN,
        full_name="Nguyễn Thị Hoa",
        phone="0912345678",
    )


@pytest.fixture
def proven_citizen(citizen: User) -> User:
    """Bà Hoa, whose number the identity provider has proven (she logged in through it):
    the desk may fill in her details from her account."""
    citizen.identity_proven_at = timezone.now()
    citizen.save(update_fields=["identity_proven_at"])
    return citizen


@pytest.fixture
def other_citizen(db: None) -> User:
    return User.objects.create_user(
        username="079095000111",
        identity_number="079095000111",
        password="motcua-test",
        kind=User.Kind.CITIZEN,
        full_name="Trần Văn Bình",
    )


def subprocess_database_url() -> str:
    """A DATABASE_URL naming the test database, for processes a test starts (workers,
    a fresh interpreter): the database named in DATABASE_URL itself may not exist."""
    from django.db import connection

    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    user, host, port = db["USER"] or "postgres", db["HOST"] or "127.0.0.1", db["PORT"] or 5432
    return f"postgres://{user}@{host}:{port}/{db['NAME']}"


def fresh_python(tmp_path: Path, code: str, **env: str) -> subprocess.CompletedProcess[str]:
    """Run ``code`` in a new interpreter as the server would start: motcua's settings,
    a data folder of its own, a secret key, none of this process's MOTCUA_ or DATABASE_
    variables, then ``env``."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("MOTCUA_", "DATABASE_"))}
    clean.update(
        DJANGO_SETTINGS_MODULE="motcua.settings",
        MOTCUA_DATA_DIR=str(tmp_path),
        MOTCUA_SECRET_KEY="a-long-secret-for-this-test-only-0123456789",
    )
    clean.update(env)
    return subprocess.run(
        [sys.executable, "-c", code], env=clean, capture_output=True, text=True, timeout=120
    )
