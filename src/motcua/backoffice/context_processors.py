"""What the main menu needs to know about an official, asked only when a page draws it."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from motcua.accounts.models import User
from motcua.organizations.models import Role, StaffRole

_CACHE_ATTR = "_motcua_is_clerk"


def is_clerk(request: HttpRequest) -> bool:
    """Does the signed-in official work at a one-stop desk (the only ones the reception
    page serves)? One query per request at most, none for citizens and visitors."""
    cached = getattr(request, _CACHE_ATTR, None)
    if cached is not None:
        return bool(cached)
    user = getattr(request, "user", None)
    answer = (
        isinstance(user, User)
        and user.kind == User.Kind.STAFF
        and StaffRole.objects.filter(user=user, role=Role.CLERK).exists()
    )
    setattr(request, _CACHE_ATTR, answer)
    return answer


def backoffice(request: HttpRequest) -> dict[str, Any]:
    # A callable: the template engine calls it only where the menu asks, so pages that
    # never show the menu entry (and anonymous visitors) cost no query.
    return {"is_clerk": lambda: is_clerk(request)}
