"""`motcua due-date --agency CODE --start 2027-02-03T16:10 --duration 5d [--explain]`.

A start without a UTC offset is read as Vietnamese local time (Asia/Ho_Chi_Minh).
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from motcua.workdays.engine import VN_TZ, CalendarError
from motcua.workdays.requests import InputError, read_cutoff, read_duration, read_start
from motcua.workdays.selectors import agency_by_code, calendar_for_agency


class Command(BaseCommand):
    help = "Tính hạn giải quyết theo lịch làm việc của một cơ quan."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--agency", required=True, help="mã định danh của cơ quan")
        parser.add_argument(
            "--start", required=True, help="thời điểm tiếp nhận, ví dụ 2027-02-03T16:10"
        )
        parser.add_argument("--duration", required=True, help="thời hạn: 5d, 0.5d, 4h, 3cd, sd")
        parser.add_argument("--cutoff", help="giờ chốt trong ngày, ví dụ 15:00")
        parser.add_argument(
            "--explain", action="store_true", help="in từng ngày tính và không tính"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        agency = agency_by_code(options["agency"])
        if agency is None:
            raise CommandError(f"--agency: không tìm thấy cơ quan có mã {options['agency']!r}.")
        try:
            start = read_start(options["start"], field="--start", assume=VN_TZ)
            duration = read_duration(options["duration"], field="--duration")
            cutoff = read_cutoff(options["cutoff"], field="--cutoff")
            explanation = calendar_for_agency(agency).explain(start, duration, cutoff=cutoff)
        except (InputError, CalendarError) as exc:
            raise CommandError(str(exc)) from exc
        if options["explain"]:
            for line in explanation.lines():
                self.stdout.write(line)
        else:
            self.stdout.write(explanation.due.isoformat())
