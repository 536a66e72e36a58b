"""Officials only. Which dossiers they see is decided by the dossiers selectors."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar, cast

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.http.response import HttpResponseBase
from django.utils.translation import gettext as _

from motcua.accounts.models import User
from motcua.core.login_return import login_then_back
from motcua.dossiers.models import Dossier
from motcua.dossiers.selectors import dossiers_visible_to

View = TypeVar("View", bound=Callable[..., HttpResponseBase])


def official(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


def staff_required(view: View) -> View:
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        user = request.user
        if not user.is_authenticated:
            return login_then_back(request)
        if not isinstance(user, User) or user.kind != User.Kind.STAFF:
            # The officials' pages are no secret (the portal links to them); saying so
            # tells a citizen who followed a link why it does not open.
            raise PermissionDenied(
                _(
                    "Trang này dành cho cán bộ. Bạn đang đăng nhập bằng tài khoản công "
                    "dân; muốn làm việc với tư cách cán bộ, hãy đăng xuất rồi đăng nhập "
                    "bằng tài khoản cán bộ."
                )
            )
        return view(request, *args, **kwargs)

    return cast(View, wrapper)


def visible_dossier(request: HttpRequest, pk: int) -> Dossier:
    """404, not 403, for a dossier of another agency: its existence is not disclosed."""
    dossier = dossiers_visible_to(official(request)).filter(pk=pk).first()
    if dossier is None:
        raise Http404(_("Không tìm thấy hồ sơ."))
    return dossier
