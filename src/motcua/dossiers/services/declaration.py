"""Checking a declaration against its procedure version's JSON Schema, with Vietnamese
messages that name the field the citizen has to fix."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, time
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from jsonschema import FormatChecker
from jsonschema.exceptions import ValidationError as SchemaViolation

from motcua.core.date_words import date_in_words
from motcua.core.validators import validate_identity_number
from motcua.documents.pdf.fonts import describe_unprintable, unprintable
from motcua.dossiers.errors import InvalidInput
from motcua.dossiers.services.declaration_keywords import DeclarationValidator

MAX_DECLARATION_BYTES = 256 * 1024
# The longest text a field takes when its schema sets no ``maxLength`` of its own.
TEXT_CEILING = 5000
QUOTED = 40  # characters of a typed value a message quotes back

# jsonschema checks "time" only with an optional package, and then as RFC 3339's full
# time with seconds and zone; without it, a time with a zone was refused. A time of day
# is what a person gives: "14:30", "14:30:00" or the form's "14:30:00+07:00".
FORMATS = FormatChecker()


@FORMATS.checks("identity-number", raises=DjangoValidationError)
def _identity_number(instance: object) -> bool:
    """``"format": "identity-number"``: a number the registration form would take too
    (its province's code, its century, a birth year not in the future)."""
    if isinstance(instance, str):
        validate_identity_number(instance)
    return True


@FORMATS.checks("time", raises=ValueError)
def _time_of_day(instance: object) -> bool:
    if isinstance(instance, str):
        time.fromisoformat(instance)
    return True


_TYPES = {
    "string": gettext_noop("chuỗi ký tự"),
    "integer": gettext_noop("số nguyên"),
    "number": gettext_noop("số"),
    "boolean": gettext_noop("đúng/sai"),
    "object": gettext_noop("nhóm thông tin"),
    "array": gettext_noop("danh sách"),
    "null": gettext_noop("để trống"),
}


def declaration_validate(declaration: Any, schema: dict[str, Any]) -> None:
    if not isinstance(declaration, dict):
        raise InvalidInput("Tờ khai phải là một đối tượng JSON.", field="declaration")
    if len(json.dumps(declaration, ensure_ascii=False).encode()) > MAX_DECLARATION_BYTES:
        raise InvalidInput("Tờ khai quá lớn.", field="declaration")
    problems = declaration_problems(declaration, schema)
    if problems:
        field, message = problems[0]
        raise InvalidInput(message, field=field)
    _check_texts(declaration, schema)


def declaration_problems(
    declaration: dict[str, Any], schema: dict[str, Any]
) -> list[tuple[str, str]]:
    """Every (field, message) the schema finds, in the order of the fields."""
    if not schema:
        return []
    validator = DeclarationValidator(schema, format_checker=FORMATS)
    errors = sorted(
        validator.iter_errors(declaration), key=lambda e: [str(p) for p in e.absolute_path]
    )
    return [_describe(error, schema) for error in errors]


def _check_texts(declaration: dict[str, Any], schema: dict[str, Any]) -> None:
    """Each text, in one pass:

    - a text the schema leaves unbounded is still bounded: ``TEXT_CEILING`` characters,
      more than any field of a paper form holds;
    - what is declared is printed on the slips and the result: a character the
      documents' font has no glyph for (an emoji, a Chinese character) would vanish from
      the signed paper, so it is refused here, where the citizen can still change it."""
    for path, text in _strings(declaration, []):
        message = ""
        if len(text) > TEXT_CEILING and "maxLength" not in (_node(schema, path) or {}):
            message = _("«%(title)s» không được dài quá %(rule)s ký tự.")
            values = {"rule": str(TEXT_CEILING)}
        elif missing := unprintable(text):
            message = _(
                "«%(title)s» có ký tự không in được trên giấy tờ: %(chars)s. Hãy viết bằng "
                "chữ tiếng Việt hoặc chữ Latinh (tên người nước ngoài ghi như trong hộ "
                "chiếu)."
            )
            values = {"chars": describe_unprintable(missing)}
        if message:
            title = _title(schema, path) or (path[-1] if path else "tờ khai")
            raise InvalidInput(
                message % {"title": title, **values}, field="declaration." + ".".join(path)
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
    title = _title(schema, path) or (path[-1] if path else _("tờ khai"))
    return field, _message(error, schema, path, title) or _("«%(title)s» không hợp lệ.") % {
        "title": title
    }


def _message(error: SchemaViolation, schema: dict[str, Any], path: list[str], title: str) -> str:
    """The refusal in the person's language; the titles are the catalog's own words."""
    kind, rule = str(error.validator), error.validator_value
    say: dict[str, Any] = {"title": title, "rule": rule}
    if kind == "required":
        return _("Thiếu thông tin bắt buộc «%(title)s».") % say
    if kind == "type":
        return _("«%(title)s» phải là %(kind)s.") % {
            **say,
            "kind": _(_TYPES[str(rule)]) if str(rule) in _TYPES else str(rule),
        }
    if kind == "enum" and isinstance(rule, list):
        return _("«%(title)s» phải là một trong các giá trị: %(values)s.") % {
            **say,
            "values": ", ".join(str(v) for v in rule if v is not None),
        }
    simple = {
        "const": _("«%(title)s» không đúng giá trị quy định."),
        "minLength": _("«%(title)s» phải có ít nhất %(rule)s ký tự."),
        "maxLength": _("«%(title)s» không được dài quá %(rule)s ký tự."),
        "pattern": _("«%(title)s» không đúng định dạng."),
        "minimum": _("«%(title)s» không được nhỏ hơn %(rule)s."),
        "maximum": _("«%(title)s» không được lớn hơn %(rule)s."),
        "minItems": _("«%(title)s» phải có ít nhất %(rule)s mục."),
        "maxItems": _("«%(title)s» có nhiều nhất %(rule)s mục."),
        "additionalProperties": _("Tờ khai có thông tin không thuộc mẫu tại «%(title)s»."),
    }
    if kind in simple:
        return simple[kind] % say
    if kind == "format" and rule == "identity-number" and error.cause is not None:
        reasons = getattr(error.cause, "messages", None) or [str(error.cause)]
        return _("«%(title)s»: %(reason)s") % {
            "title": _full_title(schema, path),
            "reason": "; ".join(reasons),
        }
    if kind == "format":
        return _("«%(title)s» không đúng định dạng %(format)s.") % {
            **say,
            "format": _format_name(str(rule)),
        }
    if kind == "x-past":
        if isinstance(error.instance, int):
            return _("«%(title)s» không được sau năm nay.") % say
        return _("«%(title)s» không được sau ngày hôm nay.") % say
    if kind == "x-same-year":
        return _("«%(title)s» không khớp với năm trong «%(other)s».") % {
            **say,
            "other": _other_title(error, schema, path),
        }
    if kind == "x-identity-year" and isinstance(rule, list) and len(rule) == 3:
        return _(
            "«%(title)s» là số của người sinh năm %(encoded)s (chữ số thứ 4 đến 6), khác với "
            "«%(other)s» đã khai. Hãy kiểm tra lại một trong hai."
        ) % {
            "title": _full_title(schema, path),
            "encoded": rule[2],
            "other": _full_title(schema, [*path[:-1], str(rule[1])]),
        }
    if kind in ("x-kin-sex", "x-own-sex") and isinstance(rule, list) and len(rule) == 4:
        template = (
            _(
                "«%(title)s» là số định danh của một người nữ (chữ số thứ tư cho biết giới "
                "tính), trong khi «%(other)s» ghi là «%(kin)s». Hãy kiểm tra lại một trong hai."
            )
            if rule[3] == "Nữ"
            else _(
                "«%(title)s» là số định danh của một người nam (chữ số thứ tư cho biết giới "
                "tính), trong khi «%(other)s» ghi là «%(kin)s». Hãy kiểm tra lại một trong hai."
            )
        )
        return template % {
            "title": _full_title(schema, path),
            "other": _full_title(schema, [*path[:-1], str(rule[0])]),
            "kin": quoted(str(rule[2])),
        }
    if kind == "x-age-at-least":
        return _(
            "«%(title)s»: người này chưa đủ %(rule)s tuổi, tuổi tối thiểu mà thủ tục này quy "
            "định. Hãy kiểm tra lại ngày sinh."
        ) % {**say, "title": _full_title(schema, path)}
    if kind == "x-person-name":
        return (
            _(
                "«%(title)s» chỉ gồm chữ cái (có dấu), dấu cách, dấu gạch nối hoặc dấu nháy, "
                "ít nhất hai chữ cái; không có chữ số hay ký hiệu."
            )
            % say
        )
    if kind == "x-date-words":
        return _words_message(error, title, schema, path)
    if kind == "x-earlier":
        return _earlier_message(error, schema, path)
    if kind == "x-sex":
        template = (
            _(
                "«%(title)s» là số định danh của một người nam (chữ số thứ tư cho biết giới "
                "tính). Hãy ghi số định danh của chính người này."
            )
            if rule == "Nữ"
            else _(
                "«%(title)s» là số định danh của một người nữ (chữ số thứ tư cho biết giới "
                "tính). Hãy ghi số định danh của chính người này."
            )
        )
        return template % {"title": _full_title(schema, path)}
    return ""


def _full_title(schema: dict[str, Any], path: list[str]) -> str:
    """ "Người mẹ – Năm sinh": the field's title after its groups'."""
    titles = [_title(schema, path[:n]) for n in range(1, len(path) + 1)]
    return " – ".join(t for t in titles if t) or ".".join(path)


def _earlier_message(error: SchemaViolation, schema: dict[str, Any], path: list[str]) -> str:
    rule = error.validator_value
    if error.validator != "x-earlier" or not isinstance(rule, list) or len(rule) != 3:
        return ""
    later = _full_title(schema, str(rule[1]).split("."))
    if not rule[2]:
        return _("«%(title)s» không được sau «%(later)s». Hãy kiểm tra lại các ngày đã khai.") % {
            "title": _full_title(schema, path),
            "later": later,
        }
    return _(
        "«%(title)s» phải sớm hơn «%(later)s» ít nhất %(years)s năm. Hãy kiểm tra lại ngày, "
        "năm sinh đã khai."
    ) % {"title": _full_title(schema, path), "later": later, "years": rule[2]}


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
    return _(
        "«%(title)s» không khớp với «%(other)s» (%(date)s). Viết là: «%(words)s», hoặc để "
        "trống để hệ thống tự ghi."
    ) % {
        "title": title,
        "other": _other_title(error, schema, path),
        "date": f"{day:%d/%m/%Y}",
        "words": date_in_words(day),
    }


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


def quoted(text: str) -> str:
    """A typed value as a message quotes it back: its first ``QUOTED`` characters."""
    return text if len(text) <= QUOTED else text[: QUOTED - 1].rstrip() + "…"


def _title(schema: dict[str, Any], path: list[str]) -> str:
    node = _node(schema, path)
    return str(node.get("title", "")) if node else ""


def _node(schema: dict[str, Any], path: list[str]) -> dict[str, Any] | None:
    """The schema of the value at ``path``, or None when the schema has none."""
    node: Any = schema
    for part in path:
        if not isinstance(node, dict):
            return None
        if node.get("type") == "array" or "items" in node:
            node = node.get("items", {})
            if part.isdigit():
                continue
        node = (node.get("properties") or {}).get(part)
    return node if isinstance(node, dict) else None


def _format_name(fmt: str) -> str:
    names = {
        "date": _("ngày (YYYY-MM-DD)"),
        "email": _("thư điện tử"),
        "date-time": _("ngày giờ"),
        "time": _("giờ:phút (ví dụ 14:30)"),
    }
    return names.get(fmt, fmt)
