"""Read-side queries of the organizations app."""

from __future__ import annotations

from django.db.models import QuerySet

from motcua.accounts.models import User
from motcua.core.compiled import INT_MARKER, CompiledGet
from motcua.organizations.models import StaffRole


def roles_query(user_id: int) -> QuerySet[StaffRole]:
    return StaffRole.objects.filter(user_id=user_id).select_related("unit").order_by("id")


# Every official's request asks what they hold (the work queue, each action's step and
# role checks); built with the ORM each time, the question cost more than its answer.
_ROLES = CompiledGet("staff_roles_of_user", roles_query, marker=INT_MARKER)


def staff_roles(user: User) -> list[StaffRole]:
    """Every role the user holds, with its unit (or none), read now: a role granted or
    taken away counts from the next question on. Acting through an API token, only the
    roles at the token's agency (``User.acting_agency_id``), read with the token when the
    request began (``User.roles_known``)."""
    if not user.is_authenticated:
        return []
    if user.roles_known is not None:
        return user.roles_known
    held = _ROLES.all(user.pk)
    if user.acting_agency_id is not None:
        held = [role for role in held if role.agency_id == user.acting_agency_id]
    return held
