"""Checking a declaration against its procedure version's JSON Schema, with Vietnamese
messages that name the field the citizen has to fix."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from typing import Any

from django.utils import timezone
from jsonschema import Draft202012Validator, FormatChecker, validators
from jsonschema.exceptions import ValidationError as SchemaViolation

from motcua.dossiers.errors import InvalidInput

MAX_DECLARATION_BYTES = 256 * 1024

_TYPES = {
    "string": "chuỗi ký tự",
    "integer": "số nguyên",
    "number": "số",
    "boolean": "đúng/sai",
    "object": "nhóm thông tin",
    "array": "danh sách",
    "null": "để trống",
}


def _past(
    validator: Any, wanted: Any, instance: Any, schema: dict[str, Any]
) -> Iterator[SchemaViolation]:
    """``"x-past": true``: a date of something that has happened cannot be after today
    (Vietnam time). Unparseable dates are left to ``format``."""
    if not wanted or not isinstance(instance, str):
        return
    try:
        day = date.fromisoformat(instance)
    except ValueError:
        return
    if day > timezone.localdate():
        yield SchemaViolation(f"{instance} is in the future")


# The 2020-12 validator with motcua's own keyword (unknown ``x-`` keywords are ignored by
# other validators, so schemas stay portable).
DeclarationValidator = validators.extend(  # type: ignore[no-untyped-call]
    Draft202012Validator, {"x-past": _past}
)


def declaration_validate(declaration: Any, schema: dict[str, Any]) -> None:
    if not isinstance(declaration, dict):
        raise InvalidInput("Tờ khai phải là một đối tượng JSON.", field="declaration")
    if len(json.dumps(declaration, ensure_ascii=False).encode()) > MAX_DECLARATION_BYTES:
        raise InvalidInput("Tờ khai quá lớn.", field="declaration")
    if not schema:
        return
    validator = DeclarationValidator(schema, format_checker=FormatChecker())
    errors = sorted(validator.iter_errors(declaration), key=lambda e: list(e.absolute_path))
    if errors:
        field, message = _describe(errors[0], schema)
        raise InvalidInput(message, field=field)


def _describe(error: SchemaViolation, schema: dict[str, Any]) -> tuple[str, str]:
    path = [str(p) for p in error.absolute_path]
    if error.validator == "required":
        missing = _missing_name(error)
        path = [*path, missing]
    field = "declaration." + ".".join(path) if path else "declaration"
    title = _title(schema, path) or (path[-1] if path else "tờ khai")
    rule = error.validator_value
    messages = {
        "required": f"Thiếu thông tin bắt buộc «{title}».",
        "type": f"«{title}» phải là {_TYPES.get(str(rule), str(rule))}.",
        "enum": f"«{title}» phải là một trong các giá trị: "
        + ", ".join(str(v) for v in rule if v is not None)
        + "."
        if isinstance(rule, list)
        else "",
        "const": f"«{title}» không đúng giá trị quy định.",
        "minLength": f"«{title}» phải có ít nhất {rule} ký tự.",
        "maxLength": f"«{title}» không được dài quá {rule} ký tự.",
        "pattern": f"«{title}» không đúng định dạng.",
        "format": f"«{title}» không đúng định dạng {_format_name(str(rule))}.",
        "minimum": f"«{title}» không được nhỏ hơn {rule}.",
        "maximum": f"«{title}» không được lớn hơn {rule}.",
        "minItems": f"«{title}» phải có ít nhất {rule} mục.",
        "maxItems": f"«{title}» có nhiều nhất {rule} mục.",
        "additionalProperties": f"Tờ khai có thông tin không thuộc mẫu tại «{title}».",
        "x-past": f"«{title}» không được sau ngày hôm nay.",
    }
    return field, messages.get(str(error.validator)) or f"«{title}» không hợp lệ."


def _missing_name(error: SchemaViolation) -> str:
    # jsonschema words it "'name' is a required property"; the instance tells which.
    required = error.validator_value if isinstance(error.validator_value, list) else []
    instance = error.instance if isinstance(error.instance, dict) else {}
    for name in required:
        if name not in instance:
            return str(name)
    return ""


def _title(schema: dict[str, Any], path: list[str]) -> str:
    node: Any = schema
    for part in path:
        if not isinstance(node, dict):
            return ""
        if node.get("type") == "array" or "items" in node:
            node = node.get("items", {})
            if part.isdigit():
                continue
        node = (node.get("properties") or {}).get(part)
    return str(node.get("title", "")) if isinstance(node, dict) else ""


def _format_name(fmt: str) -> str:
    return {"date": "ngày (YYYY-MM-DD)", "email": "thư điện tử", "date-time": "ngày giờ"}.get(
        fmt, fmt
    )
