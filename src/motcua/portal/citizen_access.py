"""Citizen-only pages, and what happens when the session expires in the middle of a form.

A form posted after the session expired is not thrown away: the declaration fields are
kept in the (anonymous) session, which Django carries over at login, and the step page
puts them back into the draft once the citizen is back.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar, cast

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from motcua.accounts.models import User
from motcua.core.login_return import login_then_back
from motcua.portal.forms_schema import PREFIX

PENDING_FORM = "motcua_pending_form"
View = TypeVar("View", bound=Callable[..., HttpResponseBase])


KEPT = gettext_noop(
    "Phiên đăng nhập đã hết hạn. Nội dung bạn vừa nhập đã được giữ lại: hãy đăng nhập "
    "lại để tiếp tục."
)


def citizen(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


def citizen_required(view: View) -> View:
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        user = request.user
        if not user.is_authenticated:
            kept = request.method == "POST" and _keep_posted_fields(request)
            if getattr(request, "htmx", False):
                return HttpResponse(
                    format_html(
                        '<span class="save-state warn" role="status">{}</span>',
                        _(
                            "Phiên đăng nhập đã hết hạn. Nội dung đã lưu đến lần trước vẫn "
                            "còn; hãy đăng nhập lại để tiếp tục."
                        ),
                    )
                )
            # A step form's fields are kept (above): what was typed is not lost there,
            # and the login page says so.
            if kept:
                messages.info(request, _(KEPT))
            return login_then_back(request, told=not kept)
        if not isinstance(user, User) or user.kind != User.Kind.CITIZEN:
            raise Http404(_("Trang này dành cho công dân, tổ chức nộp hồ sơ."))
        return view(request, *args, **kwargs)

    return cast(View, wrapper)


def _keep_posted_fields(request: HttpRequest) -> bool:
    """Keep a step form's declaration fields for after the login; whether there were any."""
    fields = {k: v for k, v in request.POST.items() if k.startswith(PREFIX)}
    if fields:
        request.session[PENDING_FORM] = {"path": request.path, "fields": fields}
    return bool(fields)


def take_pending_fields(request: HttpRequest) -> dict[str, str]:
    """The fields posted to this page while the session had expired (once)."""
    pending = request.session.get(PENDING_FORM)
    if not isinstance(pending, dict) or pending.get("path") != request.path:
        return {}
    del request.session[PENDING_FORM]
    fields = pending.get("fields")
    return {str(k): str(v) for k, v in fields.items()} if isinstance(fields, dict) else {}
