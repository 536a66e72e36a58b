"""One generated dossier row: statuses, instants and codes consistent with each other.

Pure Python on plain values (no ORM), because millions of rows go through here. Instants
are epoch seconds until the very end, then formatted for the target database.
"""

from __future__ import annotations

import bisect
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone

from bench.harness.world import World

VN = timezone(timedelta(hours=7))
DAY = 86_400
HOUR = 3_600
ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # the look-up secret's readable alphabet
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ"]
MIDDLE = ["Văn", "Thị", "Hữu", "Đức", "Ngọc", "Minh", "Thanh", "Quang", "Thu", "Hoài"]
GIVEN = ["An", "Bình", "Châu", "Dũng", "Đạt", "Hà", "Hùng", "Lan", "Mai", "Nam", "Phúc", "Quyên"]

COLUMNS = [
    "id", "code", "procedure_version_id", "receiving_agency_id", "deciding_agency_id",
    "applicant_id", "applicant_name", "applicant_identity_number", "applicant_phone",
    "applicant_email", "applicant_address", "channel", "status", "status_before_pause",
    "declaration", "created_at", "submitted_at", "received_at", "received_by_id",
    "clock_started_at", "due_at", "paused_at", "paused_minutes", "approved_at", "finished_at",
    "returned_at", "closed_at", "rescheduled", "current_step_id", "current_step_started_at",
    "current_step_due_at", "current_unit_id", "assignee_id", "lookup_secret", "version",
    "bundle_id", "idempotency_key", "idempotency_scope", "current_step_role",
    "current_step_unit_kind",
]  # fmt: skip


@dataclass
class Tally:
    """What the run produced besides rows: counters per agency and day, a look-up sample."""

    counters: dict[tuple[int, date], int] = field(default_factory=dict)
    lookups: list[tuple[str, str]] = field(default_factory=list)
    rows: int = 0


def day_counts(total: int, days: list[date], rng: random.Random) -> list[int]:
    """Dossiers per day: weekdays full, Saturday mornings a fifth, no Sundays, growing 50%
    over the period."""
    weights = [
        (1 + 0.5 * n / len(days)) * (1.0 if d.weekday() < 5 else 0.2 if d.weekday() == 5 else 0)
        for n, d in enumerate(days)
    ]
    scale = total / sum(weights)
    counts = [int(w * scale) for w in weights]
    working = [n for n, w in enumerate(weights) if w > 0]
    for _ in range(total - sum(counts)):
        counts[rng.choice(working)] += 1
    return counts


class RowMaker:
    def __init__(self, world: World, *, now: datetime, first_id: int, seed: int) -> None:
        self.world, self.rng, self.next_id = world, random.Random(seed), first_id
        self.now = int(now.timestamp())
        self.place_cum = _cumulative([p.weight for p in world.places])
        self.version_cum = {
            level: _cumulative([1 / (n + 1) ** 1.1 for n in range(len(infos))])
            for level, infos in world.versions.items()
        }
        self.tally = Tally()
        self.sample_every = 1

    def rows(self, total: int, days: list[date]) -> Iterator[tuple[object, ...]]:
        self.sample_every = max(1, total // 50_000)
        for day, count in zip(days, day_counts(total, days, self.rng), strict=True):
            midnight = int(datetime(day.year, day.month, day.day, tzinfo=VN).timestamp())
            for _ in range(count):
                yield self._row(day, midnight)

    def _row(self, day: date, midnight: int) -> tuple[object, ...]:
        rng, world = self.rng, self.world
        place = world.places[bisect.bisect(self.place_cum, rng.random() * self.place_cum[-1])]
        infos = world.versions["commune" if place.level == "commune" else "province"]
        cum = self.version_cum["commune" if place.level == "commune" else "province"]
        info = infos[bisect.bisect(cum, rng.random() * cum[-1])]
        received = midnight + int(7.5 * HOUR) + rng.randrange(int(9.5 * HOUR))
        received = min(received, self.now - 60)
        channel = 2 if rng.random() < 0.55 else 1 if rng.random() < 0.9 else 3
        span = max(int(info.duration_days * 1.4 * DAY), 4 * HOUR)
        age = self.now - received
        pk = self.next_id
        self.next_id += 1
        self.tally.rows += 1
        applicant = (
            world.citizen_ids[rng.randrange(len(world.citizen_ids))] if channel == 2 else None
        )
        name = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
        identity = f"0{rng.randrange(10**11):011d}"
        phone = f"09{rng.randrange(10**8):08d}"
        if channel == 2 and age < 2 * DAY and rng.random() < 0.3:
            return self._new(pk, info.id, place.id, applicant, name, identity, phone, received)
        status, finished = self._status(age, span, received)
        seq = self.tally.counters.get((place.id, day), 0) + 1
        self.tally.counters[(place.id, day)] = seq
        code = f"{place.code}-{day:%y%m%d}-{seq:04d}"
        secret = "".join(rng.choices(ALPHABET, k=8))
        if self.tally.rows % self.sample_every == 0:
            self.tally.lookups.append((code, secret))
        due = received + span
        step_index = {2: 0, 4: rng.choice([1, 1, 1, 2, 3]), 5: 1, 9: 4}.get(status)
        step_started = received if step_index in (None, 0) else received + (age // 3)
        step, unit, role, unit_kind = None, None, "", ""
        if step_index is not None:
            at = min(step_index, len(info.step_ids) - 1)
            step, (role, unit_kind) = info.step_ids[at], info.step_positions[at]
            unit = place.unit_ids[unit_kind]
        paused = received + age // 2 if status == 5 else None
        returned = (
            min(finished + rng.randrange(3 * DAY), self.now - 1)
            if status == 10 and finished
            else None
        )
        closed = returned if status == 10 else (received + age // 2 if status in (7, 8) else None)
        version = {2: 1, 4: 2, 5: 3, 9: 3, 10: 4, 7: 2, 8: 2}[status]
        return (
            pk, code, info.id, place.id, place.id, applicant, name, identity, phone, "", "",
            channel, status, 4 if status == 5 else None, "{}", received - 600,
            received - 300 if channel == 2 else received, received, place.clerk_id,
            received, due, paused, 0, finished - 1800 if finished else None, finished,
            returned, closed, False, step, step_started if step else None,
            step_started + 8 * HOUR if step else None, unit, None, secret, version,
            None, "", "", role, unit_kind,
        )  # fmt: skip

    def _status(self, age: int, span: int, received: int) -> tuple[int, int | None]:
        rng = self.rng
        if age < span * 1.2:
            status = rng.choices([2, 4, 5, 9], [25, 60, 5, 10])[0]
        else:
            status = rng.choices([10, 9, 7, 8], [92, 3, 3, 2])[0]
        if status not in (9, 10):
            return status, None
        # About one dossier in twelve is resolved after its appointment.
        share = rng.uniform(1.0, 1.6) if rng.random() < 0.08 else rng.uniform(0.2, 0.95)
        return status, min(received + int(span * share), self.now - 2)

    def _new(
        self, pk: int, version: int, agency: int, applicant: int | None, name: str,
        identity: str, phone: str, submitted: int,
    ) -> tuple[object, ...]:  # fmt: skip
        return (
            pk, None, version, agency, agency, applicant, name, identity, phone, "", "", 2, 1,
            None, "{}", submitted - 600, submitted, None, None, None, None, None, 0, None, None,
            None, None, False, None, None, None, None, None, "", 1, None, "", "", "", "",
        )  # fmt: skip


def _cumulative(weights: list[float]) -> list[float]:
    total, out = 0.0, []
    for w in weights:
        total += w
        out.append(total)
    return out


TIME_COLUMNS = frozenset(n for n, c in enumerate(COLUMNS) if c.endswith("_at"))


def instant_formatter(suffix: str) -> object:
    """Epoch seconds → 'YYYY-MM-DD HH:MM:SS' + suffix, UTC, with the day cached."""
    days: dict[int, str] = {}

    def fmt(epoch: int) -> str:
        day, rest = divmod(epoch, DAY)
        text = days.get(day)
        if text is None:
            text = days[day] = (date(1970, 1, 1) + timedelta(days=day)).isoformat()
        h, rest = divmod(rest, HOUR)
        m, s = divmod(rest, 60)
        return f"{text} {h:02d}:{m:02d}:{s:02d}{suffix}"

    return fmt
