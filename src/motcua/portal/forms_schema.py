"""A procedure version's declaration form (JSON Schema) as web form sections.

The schema stays the only source: titles become labels, descriptions become help text,
``format: date`` fields are typed and shown as dd/mm/yyyy and stored as ISO dates.
Values that cannot be converted are kept as typed, so a draft never loses what the
person wrote; the schema check in the dossiers services then names the field.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from motcua.dossiers.errors import InvalidInput
from motcua.dossiers.services.declaration import (
    TEXT_CEILING,
    declaration_problems,
    declaration_validate,
)
from motcua.portal.form_values import parse_date, parse_time, show_date

PREFIX = "d:"
GENERAL = "chung"
MAX_ROWS = 30

Schema = dict[str, Any]


@dataclass
class FormField:
    path: tuple[str, ...]
    title: str
    description: str
    kind: str
    required: bool
    schema: Schema
    choices: list[tuple[str, str]] = field(default_factory=list)
    value: str = ""
    checked: bool = False
    error: str = ""
    target: str = ""

    @property
    def name(self) -> str:
        return PREFIX + ".".join(self.path)

    @property
    def max_length(self) -> int:
        """The most characters the field takes (0: not a text), for the input's
        ``maxlength``: the browser stops the typing there instead of the form refusing."""
        if self.kind not in ("text", "textarea", "email"):
            return 0
        return int(self.schema.get("maxLength") or TEXT_CEILING)

    @property
    def id(self) -> str:
        return "f-" + "-".join(self.path)

    @property
    def key(self) -> str:
        return ".".join(self.path)


@dataclass
class Section:
    key: str
    title: str
    description: str
    fields: list[FormField]
    rows: list[list[FormField]] = field(default_factory=list)

    @property
    def error_count(self) -> int:
        cells = self.fields + [f for row in self.rows for f in row]
        return sum(1 for f in cells if f.error)


# ---------------------------------------------------------------- values


def _kind(prop: Schema) -> str:
    widget = str(prop.get("x-widget", ""))
    if widget in ("province", "commune"):
        return widget
    kind = prop.get("type")
    if kind == "boolean":
        return "checkbox"
    if kind in ("integer", "number"):
        return "number"
    if "enum" in prop:
        return "radio" if len(prop["enum"]) <= 4 else "select"
    fmt = prop.get("format")
    if fmt in ("date", "time", "email"):
        return str(fmt)
    if int(prop.get("maxLength", 0)) > 300:
        return "textarea"
    return "text"


def _display(prop: Schema, value: Any) -> str:
    if value is None:
        return ""
    if prop.get("format") == "date":
        return show_date(value)
    if prop.get("format") == "time" and isinstance(value, str):
        return value[:5] if re.match(r"^\d{2}:\d{2}", value) else value
    return str(value)


def _convert(prop: Schema, raw: str, title: str) -> tuple[Any, str]:
    """The typed text as the schema's value, or the text itself and why it is wrong."""
    text = raw.strip()
    fmt, kind = prop.get("format"), prop.get("type")
    if fmt == "date":
        parsed = parse_date(text)
        if parsed is None:
            return (
                text,
                _("«%(title)s» phải là ngày có thật, viết dạng ngày/tháng/năm, ví dụ 05/03/2026.")
                % {"title": title},
            )
        return parsed.isoformat(), ""
    if fmt == "time":
        parsed_time = parse_time(text)
        if parsed_time is None:
            return text, _("«%(title)s» phải là giờ:phút, ví dụ 14:30.") % {"title": title}
        return f"{parsed_time[0]:02d}:{parsed_time[1]:02d}:00+07:00", ""
    if kind in ("integer", "number"):
        try:
            return (int(text) if kind == "integer" else float(text.replace(",", "."))), ""
        except ValueError:
            return text, _("«%(title)s» phải là số, ví dụ 1.") % {"title": title}
    if prop.get("x-upper"):
        return text.upper(), ""
    return text, ""


# ---------------------------------------------------------------- structure


def _leaves(schema: Schema, path: tuple[str, ...], required: set[str]) -> list[FormField]:
    out: list[FormField] = []
    for key, prop in (schema.get("properties") or {}).items():
        if not isinstance(prop, dict):
            continue
        if prop.get("type") == "object":
            inner = set(prop.get("required") or [])
            for leaf in _leaves(prop, (*path, key), inner):
                leaf.title = f"{prop.get('title', key)} – {leaf.title}"
                out.append(leaf)
            continue
        if prop.get("type") == "array":
            continue
        out.append(
            FormField(
                path=(*path, key),
                title=str(prop.get("title") or key),
                description=str(prop.get("description") or ""),
                kind=_kind(prop),
                required=key in required,
                schema=prop,
                choices=[(str(v), str(v)) for v in prop.get("enum") or [] if v is not None],
            )
        )
    return out


def sections_of(schema: Schema) -> list[Section]:
    """One section for the top-level fields, one per group, one per list of rows."""
    properties: Mapping[str, Any] = schema.get("properties") or {}
    top_required = set(schema.get("required") or [])
    general = Section(GENERAL, "Thông tin chung", "", [])
    groups: list[Section] = []
    for key, prop in properties.items():
        if not isinstance(prop, dict):
            continue
        title, description = str(prop.get("title") or key), str(prop.get("description") or "")
        if prop.get("type") == "object":
            fields = _leaves(prop, (key,), set(prop.get("required") or []))
            groups.append(Section(key, title, description, fields))
        elif prop.get("type") == "array" and isinstance(prop.get("items"), dict):
            groups.append(Section(key, title, description, []))
        else:
            general.fields.extend(_leaves({"properties": {key: prop}}, (), top_required))
    commitments = [f for f in general.fields if f.kind == "checkbox"]
    general.fields = [f for f in general.fields if f.kind != "checkbox"]
    ordered = ([general] if general.fields else []) + groups
    if commitments:
        last = Section("cam-doan", "Cam đoan", "", commitments)
        ordered.append(last)
    return ordered


def _get(data: Any, path: tuple[str, ...]) -> Any:
    for part in path:
        if isinstance(data, dict):
            data = data.get(part)
        elif isinstance(data, list) and part.isdigit() and int(part) < len(data):
            data = data[int(part)]
        else:
            return None
    return data


def _array_schema(schema: Schema, key: str) -> Schema:
    prop = (schema.get("properties") or {}).get(key) or {}
    return prop if isinstance(prop, dict) else {}


def fill(sections: list[Section], schema: Schema, declaration: Mapping[str, Any]) -> None:
    """Put the declaration's values (and, for lists, a blank row to add one) in the fields."""
    for section in sections:
        for f in section.fields:
            _set_value(f, _get(declaration, f.path))
        array = _array_schema(schema, section.key)
        if array.get("type") != "array":
            continue
        items = _get(declaration, (section.key,))
        existing = len(items) if isinstance(items, list) else 0
        limit = min(int(array.get("maxItems", MAX_ROWS)), MAX_ROWS)
        section.rows = []
        for index in range(min(existing + 1, limit)):
            item_schema = array["items"]
            row = _leaves(
                item_schema, (section.key, str(index)), set(item_schema.get("required") or [])
            )
            for f in row:
                _set_value(f, _get(declaration, f.path))
            section.rows.append(row)


def _set_value(f: FormField, value: Any) -> None:
    if f.kind == "checkbox":
        f.checked = value is True
    else:
        f.value = _display(f.schema, value)


# ---------------------------------------------------------------- reading a post


def _put(target: dict[str, Any], path: tuple[str, ...], value: Any) -> None:
    node: Any = target
    for part, nxt in pairwise(path):
        wants_list = nxt.isdigit()
        if isinstance(node, list):
            index = int(part)
            while len(node) <= index:
                node.append({})
            node = node[index]
            continue
        if part not in node or not isinstance(node[part], list if wants_list else dict):
            node[part] = [] if wants_list else {}
        node = node[part]
    last = path[-1]
    if isinstance(node, list):
        while len(node) <= int(last):
            node.append({})
        node[int(last)] = value
    else:
        node[last] = value


def _prune(value: Any) -> Any:
    """Drop empty strings, empty groups and blank rows: an optional field left empty is
    absent, not an empty string the schema would refuse."""
    if isinstance(value, dict):
        kept = {k: _prune(v) for k, v in value.items()}
        return {k: v for k, v in kept.items() if v not in ("", None, {}, [])}
    if isinstance(value, list):
        kept_items = [_prune(v) for v in value]
        return [v for v in kept_items if v not in ("", None, {}, [])]
    return value


def read(
    sections: list[Section], data: Mapping[str, Any], declaration: Mapping[str, Any]
) -> tuple[dict[str, Any], dict[str, str]]:
    """Merge the posted fields of ``sections`` into a copy of the declaration.

    Returns the new declaration and the conversion errors by field key."""
    import copy

    result: dict[str, Any] = copy.deepcopy(dict(declaration))
    errors: dict[str, str] = {}
    for section in sections:
        if section.rows:
            result.pop(section.key, None)
        for f in section.fields + [c for row in section.rows for c in row]:
            if f.kind == "checkbox":
                posted = data.get(f.name)
                _put(result, f.path, True if posted else None)
                continue
            raw = str(data.get(f.name, "") or "")
            if not raw.strip():
                _put(result, f.path, None)
                continue
            too_long = _too_long(f, raw)
            if too_long:
                # Kept one character past the field's limit, so the declaration stays
                # refused until it is shortened.
                raw = raw.strip()[: _limit(f) + 1]
            value, problem = _convert(f.schema, raw, f.title)
            _put(result, f.path, value)
            if too_long or problem:
                errors[f.key] = too_long or problem
    return _prune(result), errors


def _too_long(f: FormField, raw: str) -> str:
    """Why ``raw`` is too long for ``f`` ("" when it is not): said here, with what was
    typed, because the declaration keeps only one character past the limit."""
    limit = _limit(f)
    if len(raw.strip()) <= limit:
        return ""
    return _(
        "«%(title)s» không được dài quá %(limit)s ký tự; nội dung nhập dài %(typed)s ký tự."
    ) % {
        "title": f.title,
        "limit": number_format(limit, force_grouping=True),
        "typed": number_format(len(raw.strip()), force_grouping=True),
    }


def _limit(f: FormField) -> int:
    """The most characters ``f`` takes: its own ``maxLength``, or the ceiling."""
    return f.max_length or TEXT_CEILING


# ---------------------------------------------------------------- checking


def _active(declaration: Mapping[str, Any], schema: Schema, path: tuple[str, ...]) -> bool:
    """A field of an optional group (or a list row) is checked only once the group has
    something in it."""
    node: Any = schema
    for depth in range(len(path) - 1):
        part = path[depth]
        if node.get("type") == "array":
            node = node.get("items") or {}
            if not _get(declaration, path[: depth + 1]):
                return False
            continue
        required = part in set(node.get("required") or [])
        node = (node.get("properties") or {}).get(part) or {}
        if node.get("type") == "array":
            continue
        if not required and not _get(declaration, path[: depth + 1]):
            return False
    return True


def check(
    sections: list[Section],
    schema: Schema,
    declaration: Mapping[str, Any],
    conversion: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """Every field's problem, in the dossiers service's own words, field by field."""
    errors = dict(conversion or {})
    for section in sections:
        for f in section.fields + [c for row in section.rows for c in row]:
            if f.key in errors or not _active(declaration, schema, f.path):
                continue
            parent = _get(declaration, f.path[:-1]) if len(f.path) > 1 else declaration
            value = parent.get(f.path[-1]) if isinstance(parent, dict) else None
            probe = {"type": "object", "properties": {f.path[-1]: f.schema}}
            if f.required:
                probe["required"] = [f.path[-1]]
            try:
                declaration_validate({} if value is None else {f.path[-1]: value}, probe)
            except InvalidInput as exc:
                errors[f.key] = exc.message
    # Checks across fields (a parent born after the child, a year against a date) need
    # the whole declaration; what they find on these sections' fields is shown here too.
    keys = {f.key for s in sections for f in s.fields + [c for row in s.rows for c in row]}
    for service_field, message in declaration_problems(dict(declaration), schema):
        key = field_key(service_field)
        if key in keys and key not in errors:
            errors[key] = message
    for section in sections:
        for f in section.fields + [c for row in section.rows for c in row]:
            f.error = errors.get(f.key, "")
    return errors


def field_key(service_field: str) -> str:
    """'declaration.child.full_name' (a service error's field) → 'child.full_name'."""
    return service_field.removeprefix("declaration.").removeprefix("declaration")


def display_value(f: FormField) -> str:
    if f.kind == "checkbox":
        return "Có" if f.checked else "Không"
    return f.value
