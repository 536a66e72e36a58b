"""Result templates rendered by Django's template engine, kept in a sandbox.

The template only ever sees a plain dict of strings, numbers, lists and dicts built
from the dossier (never a model), the engine has no loaders (no include/extends from
disk) and no libraries to load, and only the tags below may appear. Output goes to a
PDF, not HTML, so nothing is escaped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from django.template import Context, Engine, TemplateSyntaxError
from django.template.base import FilterExpression, Lexer, Node, TokenType, VariableNode
from django.utils.translation import gettext as _

from motcua.documents.errors import InvalidTemplate

ALLOWED_TAGS = frozenset(
    {
        "if",
        "elif",
        "else",
        "endif",
        "for",
        "empty",
        "endfor",
        "with",
        "endwith",
        "comment",
        "endcomment",
        "firstof",
        "now",
    }
)
BASE_FIELDS = {
    "applicant_name": "Họ tên người nộp hồ sơ",
    "applicant_identity_number": "Số định danh cá nhân",
    "applicant_address": "Địa chỉ người nộp",
    "applicant_phone": "Số điện thoại",
    "dossier_code": "Mã hồ sơ",
    "procedure_name": "Tên thủ tục",
    "agency_name": "Cơ quan giải quyết",
    "received_date": "Ngày tiếp nhận",
    "due_date": "Ngày hẹn trả",
    "today": "Ngày lập văn bản",
    "to_khai": "Toàn bộ tờ khai (to_khai.ten_truong)",
}
_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")
MAX_BODY = 20_000

_engine = Engine(
    dirs=[], app_dirs=False, loaders=[], libraries={}, autoescape=False, string_if_invalid=""
)


def _declared_fields(procedure: Any) -> set[str]:
    if procedure is None:
        return set()
    version = procedure.versions.order_by("-number").first()
    schema = getattr(version, "declaration_schema", None) or {}
    return set((schema.get("properties") or {}).keys())


def template_check(body: str, *, procedure: Any = None) -> None:
    """Refuse a template that does not compile, uses a forbidden tag or names a field the
    dossier data will not have (a typo would otherwise print nothing)."""
    if len(body) > MAX_BODY:
        raise InvalidTemplate(
            _("Nội dung mẫu quá dài (tối đa %(count)s ký tự).") % {"count": MAX_BODY},
            field="body",
        )
    for token in Lexer(body).tokenize():
        if token.token_type == TokenType.BLOCK:
            tag = token.contents.split()[0] if token.contents.split() else ""
            if tag not in ALLOWED_TAGS:
                raise InvalidTemplate(
                    _("Không được dùng thẻ %(tag)s trong mẫu kết quả (dòng %(line)s).")
                    % {"tag": f"{{% {tag} %}}", "line": token.lineno},
                    field="body",
                )
    try:
        template = _engine.from_string(body)
    except TemplateSyntaxError as exc:
        raise InvalidTemplate(
            _("Mẫu có lỗi cú pháp: %(error)s") % {"error": exc}, field="body"
        ) from exc
    known = set(BASE_FIELDS) | _declared_fields(procedure)
    loop_names = _loop_names(body)
    for name in _top_level_names(template.nodelist):
        if name.startswith("_"):
            raise InvalidTemplate(
                _("Tên trường «%(name)s» không hợp lệ.") % {"name": name}, field="body"
            )
        if name not in known and name not in loop_names and name not in {"forloop"}:
            listed = ", ".join(sorted(known))
            raise InvalidTemplate(
                _("Không có trường dữ liệu «%(name)s». Các trường dùng được: %(fields)s.")
                % {"name": name, "fields": listed},
                field="body",
            )


def _loop_names(body: str) -> set[str]:
    names: set[str] = set()
    for match in re.finditer(r"{%\s*for\s+([\w\s,]+?)\s+in\s", body):
        names.update(n.strip() for n in match.group(1).split(",") if n.strip())
    for match in re.finditer(r"{%\s*with\s+(.+?)%}", body):
        names.update(part.split("=")[0].strip() for part in match.group(1).split() if "=" in part)
    return names


def _top_level_names(nodes: Iterable[Node]) -> set[str]:
    names: set[str] = set()
    for node in nodes:
        for expression in _expressions(node):
            var = getattr(expression, "var", None)
            lookups = getattr(var, "lookups", None)
            if lookups:
                names.add(str(lookups[0]))
        for attr in getattr(node, "child_nodelists", ()):
            names |= _top_level_names(getattr(node, attr, None) or [])
        for _condition, nodelist in getattr(node, "conditions_nodelists", []):
            names |= _top_level_names(nodelist)
    return names


def _expressions(node: Node) -> list[FilterExpression]:
    found: list[FilterExpression] = []
    if isinstance(node, VariableNode):
        found.append(node.filter_expression)
    for attr in ("sequence", "var"):
        value = getattr(node, attr, None)
        if isinstance(value, FilterExpression):
            found.append(value)
    for condition, _nodelist in getattr(node, "conditions_nodelists", []):
        found.extend(_condition_expressions(condition))
    for value in (getattr(node, "extra_context", None) or {}).values():
        if isinstance(value, FilterExpression):
            found.append(value)
    return found


def _condition_expressions(condition: Any) -> list[FilterExpression]:
    if condition is None:
        return []
    if isinstance(getattr(condition, "value", None), FilterExpression):
        return [condition.value]
    return [
        *_condition_expressions(getattr(condition, "first", None)),
        *_condition_expressions(getattr(condition, "second", None)),
    ]


def plain(value: Any, depth: int = 0) -> Any:
    """Only data crosses into a template: strings, numbers, booleans, lists and dicts."""
    if depth > 5:
        return ""
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, dict):
        return {
            str(k): plain(v, depth + 1)
            for k, v in value.items()
            if isinstance(k, str) and _NAME.match(k)
        }
    if isinstance(value, (list, tuple)):
        return [plain(v, depth + 1) for v in value]
    return str(value)


def template_render(body: str, data: dict[str, Any]) -> str:
    template_check_syntax(body)
    try:
        template = _engine.from_string(body)
    except TemplateSyntaxError as exc:
        raise InvalidTemplate(
            _("Mẫu có lỗi cú pháp: %(error)s") % {"error": exc}, field="body"
        ) from exc
    return template.render(Context(plain(data), autoescape=False))


def template_check_syntax(body: str) -> None:
    """The tag allow-list alone, for text a specialist corrected (fields already known)."""
    for token in Lexer(body).tokenize():
        if token.token_type == TokenType.BLOCK:
            tag = token.contents.split()[0] if token.contents.split() else ""
            if tag not in ALLOWED_TAGS:
                raise InvalidTemplate(
                    _("Không được dùng thẻ %(tag)s.") % {"tag": f"{{% {tag} %}}"}, field="body"
                )
