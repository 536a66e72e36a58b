"""Checking a declaration against its procedure version's JSON Schema, with Vietnamese
messages that name the field the citizen has to fix."""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Iterator
from datetime import date
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from jsonschema import Draft202012Validator, FormatChecker, validators
from jsonschema.exceptions import ValidationError as SchemaViolation

from motcua.core.date_words import date_in_words, parse_date_words
from motcua.core.validators import identity_birth_year
from motcua.documents.pdf.fonts import describe_unprintable, unprintable
from motcua.dossiers.errors import InvalidInput

MAX_DECLARATION_BYTES = 256 * 1024

_TYPES = {
    "string": gettext_noop("chuỗi ký tự"),
    "integer": gettext_noop("số nguyên"),
    "number": gettext_noop("số"),
    "boolean": gettext_noop("đúng/sai"),
    "object": gettext_noop("nhóm thông tin"),
    "array": gettext_noop("danh sách"),
    "null": gettext_noop("để trống"),
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


# A person's name: words of letters (any script's, accents included), joined by spaces,
# hyphens, apostrophes or dots ("Nguyễn Thị Hoa", "H'Hen Niê", "Jean-Luc O'Brien").
_PERSON_NAME = re.compile(r"[^\W\d_]+(?:[ '’.-]+[^\W\d_]+)*\.?")


def _person_name(
    validator: Any, wanted: Any, instance: Any, schema: dict[str, Any]
) -> Iterator[SchemaViolation]:
    """``"x-person-name": true``: letters in words, at least two of them; no digits,
    tags or symbols, which no one's name has."""
    if not wanted or not isinstance(instance, str):
        return
    text = " ".join(instance.split())
    letters = sum(ch.isalpha() for ch in text)
    if letters < 2 or not _PERSON_NAME.fullmatch(text):
        yield SchemaViolation(f"{instance!r} is not a person's name")


def _identity_year(
    validator: Any, wanted: Any, instance: Any, schema: dict[str, Any]
) -> Iterator[SchemaViolation]:
    """``"x-identity-year": ["identity_number", "birth_year", "birth_date"]``: an identity
    number says its holder's year of birth (digits 4–6); the year or date declared beside
    it must agree. Reported at the number."""
    if not (isinstance(wanted, list) and len(wanted) == 3 and isinstance(instance, dict)):
        return
    number = instance.get(wanted[0])
    if not isinstance(number, str) or len(number) != 12 or not number.isdigit():
        return
    if int(number[3]) not in (0, 1, 2, 3, 4, 5, 6, 7):
        return
    encoded = identity_birth_year(number)
    for key in wanted[1:]:
        declared = _as_day(instance.get(key))
        year = declared.year if isinstance(declared, date) else declared
        if year is not None and year != encoded:
            yield SchemaViolation(
                f"{number} is of someone born in {encoded}, not {year}",
                path=[wanted[0]],
                validator_value=[wanted[0], key, encoded],
            )
            return


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
    # Digits are not words: the paper would print "10" where words belong.
    if any(ch.isdigit() for ch in words) or parse_date_words(words) != day:
        yield SchemaViolation(f"{words!r} is not {text} in words", path=[words_key])


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
        "x-person-name": _person_name,
        "x-identity-year": _identity_year,
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
                _(
                    "«%(title)s» có ký tự không in được trên giấy tờ: %(chars)s. Hãy viết bằng "
                    "chữ tiếng Việt hoặc chữ Latinh (tên người nước ngoài ghi như trong hộ "
                    "chiếu)."
                )
                % {"title": title, "chars": describe_unprintable(missing)},
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
    names = {
        "date": _("ngày (YYYY-MM-DD)"),
        "email": _("thư điện tử"),
        "date-time": _("ngày giờ"),
    }
    return names.get(fmt, fmt)
