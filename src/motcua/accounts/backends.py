"""The authentication backend: Django's ``ModelBackend`` (passwords, permissions), with
the signed-in user of every request read through SQL compiled once per connection.

Django builds and compiles ``User.objects.get(pk=…)`` on each request of a signed-in
person; under load that was about a tenth of the Python time of «Hồ sơ của tôi»
(bench/README.md). The row and the rule (an inactive account is signed out) are
Django's."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend as DjangoModelBackend
from django.db.models import QuerySet

from motcua.accounts.models import User
from motcua.core.compiled import INT_MARKER, CompiledGet

PATH = "motcua.accounts.backends.ModelBackend"
"""What ``login(…, backend=PATH)`` names when a view signs someone in without a password."""


def user_by_id(pk: int) -> QuerySet[User]:
    return User.objects.filter(pk=pk).order_by()


_USER = CompiledGet("signed_in_user", user_by_id, marker=INT_MARKER)


class ModelBackend(DjangoModelBackend):
    def get_user(self, user_id: Any) -> User | None:
        try:
            pk = int(user_id)
        except (TypeError, ValueError):
            return None
        user = _USER.first(pk)
        return user if user is not None and self.user_can_authenticate(user) else None
