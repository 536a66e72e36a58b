"""Rules a procedure version must satisfy before it can be published.

Used by the admin, the importer and the services alike, so a rule holds whatever path a
version arrives by.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from jsonschema import Draft202012Validator
from jsonschema.exceptions import SchemaError

from motcua.workdays.durations import Duration, DurationError, DurationUnit

if TYPE_CHECKING:
    from motcua.catalog.models import ProcedureVersion

CHANNEL_KEYS = {"in_person", "online", "postal"}
HOURS_PER_DAY = Decimal(8)


def validate_declaration_schema(schema: Any) -> None:
    if schema in ({}, None):
        return
    if not isinstance(schema, dict):
        raise ValidationError("Tờ khai phải là một đối tượng JSON Schema.")
    try:
        Draft202012Validator.check_schema(schema)
    except SchemaError as exc:
        where = "/".join(str(p) for p in exc.absolute_path) or "gốc"
        raise ValidationError(
            f"JSON Schema của tờ khai không hợp lệ tại '{where}': {exc.message}"
        ) from exc
    if schema.get("type") != "object":
        raise ValidationError('JSON Schema của tờ khai phải có "type": "object".')


def _string_list(value: Any, label: str) -> None:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ValidationError(f"{label} phải là danh sách các dòng chữ không rỗng.")


def validate_version_fields(version: ProcedureVersion) -> None:
    errors: dict[str, list[str]] = {}
    try:
        Duration(Decimal(version.duration_value), DurationUnit(version.duration_unit))
    except (DurationError, ValueError) as exc:
        errors.setdefault("duration_value", []).append(str(exc))
    durations = version.channel_durations or {}
    if not isinstance(durations, dict):
        errors.setdefault("channel_durations", []).append("Phải là một đối tượng JSON.")
    else:
        for channel, text in durations.items():
            if channel not in CHANNEL_KEYS:
                errors.setdefault("channel_durations", []).append(
                    f"Kênh {channel!r} không có; dùng in_person, online hoặc postal."
                )
                continue
            try:
                Duration.parse(str(text))
            except DurationError as exc:
                errors.setdefault("channel_durations", []).append(f"{channel}: {exc}")
    for field, label in (("results", "Kết quả"), ("legal_basis", "Căn cứ pháp lý")):
        try:
            _string_list(getattr(version, field), label)
        except ValidationError as exc:
            errors.setdefault(field, []).extend(exc.messages)
    try:
        validate_declaration_schema(version.declaration_schema)
    except ValidationError as exc:
        errors.setdefault("declaration_schema", []).extend(exc.messages)
    if errors:
        raise ValidationError(errors)


def expected_budget_hours(duration: Duration) -> tuple[Decimal, bool]:
    """Total step budget a duration allows, and whether the total must equal it exactly."""
    if duration.unit is DurationUnit.WORKING_DAYS:
        return duration.value * HOURS_PER_DAY, True
    if duration.unit is DurationUnit.WORKING_HOURS:
        return duration.value, True
    if duration.unit is DurationUnit.SAME_DAY:
        return HOURS_PER_DAY, False
    return duration.value * HOURS_PER_DAY, False


def validate_step_budgets(duration: Duration, budgets: Iterable[Decimal]) -> None:
    """Step budgets must add up to the legal duration (working time) or fit inside it."""
    values = [Decimal(b) for b in budgets]
    if not values:
        raise ValidationError("Quy trình nội bộ phải có ít nhất một bước.")
    total = sum(values, Decimal(0))
    limit, exact = expected_budget_hours(duration)
    if exact and total != limit:
        raise ValidationError(
            f"Tổng thời gian các bước ({_hours(total)} giờ) phải bằng thời hạn giải quyết "
            f"{duration.describe()} ({_hours(limit)} giờ làm việc)."
        )
    if not exact and total > limit:
        raise ValidationError(
            f"Tổng thời gian các bước ({_hours(total)} giờ) vượt thời hạn giải quyết "
            f"{duration.describe()}."
        )


def _hours(value: Decimal) -> str:
    return format(value.normalize(), "f").replace(".", ",")
