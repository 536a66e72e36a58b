"""Checking a declaration against its procedure version's JSON Schema, with Vietnamese
messages that name the field the citizen has to fix."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator
from datetime import date
from typing import Any

from django.utils import timezone
from jsonschema import Draft202012Validator, FormatChecker, validators
from jsonschema.exceptions import ValidationError as SchemaViolation

from motcua.core.date_words import date_in_words, parse_date_words
from motcua.documents.pdf.fonts import describe_unprintable, unprintable
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
    (Vietnam time), nor a year (an integer) after this year. Unparseable dates are left
    to ``format``."""
    if not wanted:
        return
    today = timezone.localdate()
    if isinstance(instance, int) and not isinstance(instance, bool):
        if instance > today.year:
            yield SchemaViolation(f"{instance} is a future year")
        return
    if not isinstance(instance, str):
        return
    try:
        day = date.fromisoformat(instance)
    except ValueError:
        return
    if day > today:
        yield SchemaViolation(f"{instance} is in the future")


def _same_year(
    validator: Any, wanted: Any, instance: Any, schema: dict[str, Any]
) -> Iterator[SchemaViolation]:
    """``"x-same-year": ["birth_year", "birth_date"]``: when an object gives both a year
    and a full date, they agree. Reported at the year."""
    if not (isinstance(wanted, list) and len(wanted) == 2 and isinstance(instance, dict)):
        return
    year_key, date_key = wanted
    year, text = instance.get(year_key), instance.get(date_key)
    if not isinstance(year, int) or not isinstance(text, str):
        return
    try:
        day = date.fromisoformat(text)
    except ValueError:
        return
    if day.year != year:
        yield SchemaViolation(f"{year} is not the year of {text}", path=[year_key])


def _at(instance: Any, dotted: str) -> Any:
    for part in dotted.split("."):
        if not isinstance(instance, dict):
            return None
        instance = instance.get(part)
    return instance


def _as_day(value: Any) -> date | int | None:
    """A year (integer) or an ISO date, as given."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None


def _earlier(
    validator: Any, rules: Any, instance: Any, schema: dict[str, Any]
) -> Iterator[SchemaViolation]:
    """``"x-earlier": [["mother.birth_date", "child.birth_date", 10], …]``: the first
    (a date or a year) comes at least that many years before the second: a parent is
    born before the child. Years are compared as years. Reported at the first."""
    if not isinstance(rules, list):
        return
    for rule in rules:
        if not (isinstance(rule, list) and len(rule) == 3):
            continue
        first, second = _as_day(_at(instance, rule[0])), _as_day(_at(instance, rule[1]))
        if first is None or second is None:
            continue
        years = int(rule[2])
        if isinstance(first, date) and isinstance(second, date):
            gap = second.year - first.year - ((second.month, second.day) < (first.month, first.day))
        else:
            gap = (second if isinstance(second, int) else second.year) - (
                first if isinstance(first, int) else first.year
            )
        if gap < years:
            yield SchemaViolation(
                f"{rule[0]} is not {years} years before {rule[1]}",
                path=rule[0].split("."),
                validator_value=rule,
            )


def _sex(
    validator: Any, wanted: Any, instance: Any, schema: dict[str, Any]
) -> Iterator[SchemaViolation]:
    """``"x-sex": "Nữ"`` on an identity number: its fourth digit says the holder's sex
    (even: male, odd: female), so a mother's number cannot be a man's."""
    if wanted not in ("Nam", "Nữ") or not isinstance(instance, str):
        return
    if len(instance) != 12 or not instance.isdigit():
        return  # the pattern says what is wrong
    female = int(instance[3]) % 2 == 1
    if female != (wanted == "Nữ"):
        yield SchemaViolation(f"{instance} is not the number of a {wanted}")


def _date_words(
    validator: Any, wanted: Any, instance: Any, schema: dict[str, Any]
) -> Iterator[SchemaViolation]:
    """``"x-date-words": ["birth_date_in_words", "birth_date"]``: a date written in words
    beside the date itself must say the same date. Left empty, the documents write it
    (``declaration_derived``). Reported at the words."""
    if not (isinstance(wanted, list) and len(wanted) == 2 and isinstance(instance, dict)):
        return
    words_key, date_key = wanted
    words, text = instance.get(words_key), instance.get(date_key)
    if not isinstance(words, str) or not words.strip() or not isinstance(text, str):
        return
    try:
        day = date.fromisoformat(text)
    except ValueError:
        return
    if parse_date_words(words) != day:
        yield SchemaViolation(f"{words!r} is not {text}", path=[words_key])


def declaration_derived(declaration: Any, schema: dict[str, Any]) -> Any:
    """The declaration with what it leaves for the system to write filled in: a date in
    words left empty beside its date (``x-date-words``). A copy; the stored declaration
    is what the person sent."""
    if not isinstance(declaration, dict) or not isinstance(schema, dict):
        return declaration
    out = dict(declaration)
    pair = schema.get("x-date-words")
    if isinstance(pair, list) and len(pair) == 2:
        words_key, date_key = pair
        text = out.get(date_key)
        if not out.get(words_key) and isinstance(text, str):
            with contextlib.suppress(ValueError):
                out[words_key] = date_in_words(date.fromisoformat(text)) + "."
    for key, prop in (schema.get("properties") or {}).items():
        if isinstance(out.get(key), dict) and isinstance(prop, dict):
            out[key] = declaration_derived(out[key], prop)
    return out


# The 2020-12 validator with motcua's own keyword (unknown ``x-`` keywords are ignored by
# other validators, so schemas stay portable).
DeclarationValidator = validators.extend(  # type: ignore[no-untyped-call]
    Draft202012Validator,
    {
        "x-past": _past,
        "x-same-year": _same_year,
        "x-date-words": _date_words,
        "x-earlier": _earlier,
        "x-sex": _sex,
    },
)


def declaration_validate(declaration: Any, schema: dict[str, Any]) -> None:
    if not isinstance(declaration, dict):
        raise InvalidInput("Tờ khai phải là một đối tượng JSON.", field="declaration")
    if len(json.dumps(declaration, ensure_ascii=False).encode()) > MAX_DECLARATION_BYTES:
        raise InvalidInput("Tờ khai quá lớn.", field="declaration")
    problems = declaration_problems(declaration, schema)
    if problems:
        field, message = problems[0]
        raise InvalidInput(message, field=field)
    _check_printable(declaration, schema)


def declaration_problems(
    declaration: dict[str, Any], schema: dict[str, Any]
) -> list[tuple[str, str]]:
    """Every (field, message) the schema finds, in the order of the fields."""
    if not schema:
        return []
    validator = DeclarationValidator(schema, format_checker=FormatChecker())
    errors = sorted(
        validator.iter_errors(declaration), key=lambda e: [str(p) for p in e.absolute_path]
    )
    return [_describe(error, schema) for error in errors]


def _check_printable(declaration: dict[str, Any], schema: dict[str, Any]) -> None:
    """What is declared is printed on the slips and the result: a character the
    documents' font has no glyph for (an emoji, a Chinese character) would vanish from
    the signed paper, so it is refused here, where the citizen can still change it."""
    for path, text in _strings(declaration, []):
        missing = unprintable(text)
        if missing:
            title = _title(schema, path) or (path[-1] if path else "tờ khai")
            raise InvalidInput(
                f"«{title}» có ký tự không in được trên giấy tờ: "
                f"{describe_unprintable(missing)}. Hãy viết bằng chữ tiếng Việt hoặc chữ "
                "Latinh (tên người nước ngoài ghi như trong hộ chiếu).",
                field="declaration." + ".".join(path),
            )


def _strings(value: Any, path: list[str]) -> Iterator[tuple[list[str], str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, [*path, str(key)])
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, [*path, str(index)])


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
        "x-past": f"«{title}» không được sau năm nay."
        if isinstance(error.instance, int)
        else f"«{title}» không được sau ngày hôm nay.",
        "x-same-year": f"«{title}» không khớp với năm trong «{_other_title(error, schema, path)}».",
        "x-date-words": _words_message(error, title, schema, path),
        "x-earlier": _earlier_message(error, schema, path),
        "x-sex": f"«{_full_title(schema, path)}» là số định danh của một người "
        f"{'nam' if rule == 'Nữ' else 'nữ'} (chữ số thứ tư cho biết giới tính). Hãy ghi "
        "số định danh của chính người này.",
    }
    return field, messages.get(str(error.validator)) or f"«{title}» không hợp lệ."


def _full_title(schema: dict[str, Any], path: list[str]) -> str:
    """ "Người mẹ – Năm sinh": the field's title after its groups'."""
    titles = [_title(schema, path[:n]) for n in range(1, len(path) + 1)]
    return " – ".join(t for t in titles if t) or ".".join(path)


def _earlier_message(error: SchemaViolation, schema: dict[str, Any], path: list[str]) -> str:
    rule = error.validator_value
    if error.validator != "x-earlier" or not isinstance(rule, list) or len(rule) != 3:
        return ""
    later = _full_title(schema, str(rule[1]).split("."))
    return (
        f"«{_full_title(schema, path)}» phải sớm hơn «{later}» ít nhất {rule[2]} năm. "
        "Hãy kiểm tra lại ngày, năm sinh đã khai."
    )


def _words_message(
    error: SchemaViolation, title: str, schema: dict[str, Any], path: list[str]
) -> str:
    pair = error.validator_value
    if error.validator != "x-date-words" or not isinstance(error.instance, dict):
        return ""
    if not isinstance(pair, list):
        return ""
    text = error.instance.get(str(pair[1]), "")
    day = date.fromisoformat(text)
    return (
        f"«{title}» không khớp với «{_other_title(error, schema, path)}» "
        f"({day:%d/%m/%Y}). Viết là: «{date_in_words(day)}», hoặc để trống để hệ thống "
        "tự ghi."
    )


def _other_title(error: SchemaViolation, schema: dict[str, Any], path: list[str]) -> str:
    """For ``x-same-year``, reported at the year: the title of the date it contradicts."""
    pair = error.validator_value if isinstance(error.validator_value, list) else []
    other = str(pair[1]) if len(pair) == 2 else ""
    return _title(schema, [*path[:-1], other]) or other


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
