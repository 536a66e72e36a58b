"""Login through the national identity provider (OpenID Connect)."""

from __future__ import annotations

import hmac

from django.contrib import messages
from django.contrib.auth import login
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET

from motcua.accounts import backends, oidc
from motcua.accounts.models import User
from motcua.accounts.services import identity_prove
from motcua.audit.services import audit_record
from motcua.core.validators import validate_identity_number
from motcua.dossiers.services import dossiers_link_to_citizen

SESSION_KEY = "motcua_oidc"


def _redirect_uri(request: HttpRequest) -> str:
    return request.build_absolute_uri(reverse("portal:oidc_callback"))


@require_GET
def oidc_start(request: HttpRequest) -> HttpResponse:
    if not oidc.enabled():
        raise Http404(_("Đăng nhập qua hệ thống định danh chưa được cấu hình."))
    try:
        auth = oidc.authorization_request(_redirect_uri(request))
    except oidc.OidcError as exc:
        messages.error(request, str(exc))
        return redirect("portal:login")
    request.session[SESSION_KEY] = {
        "state": auth.state,
        "nonce": auth.nonce,
        "verifier": auth.verifier,
    }
    return HttpResponseRedirect(auth.url)


def _citizen_for(identity: oidc.Identity) -> User:
    validate_identity_number(identity.identity_number)
    with transaction.atomic():
        user = (
            User.objects.select_for_update()
            .filter(identity_number=identity.identity_number)
            .first()
        )
        if user is None:
            try:
                with transaction.atomic():
                    user = User.objects.create_user(
                        username=identity.identity_number,
                        identity_number=identity.identity_number,
                        kind=User.Kind.CITIZEN,
                        full_name=identity.full_name,
                        email=identity.email,
                        phone=identity.phone,
                    )
            except IntegrityError:  # a parallel first login created it
                user = User.objects.get(identity_number=identity.identity_number)
            audit_record(action="accounts.created_by_oidc", subject=user, actor=user)
        audit_record(
            action="accounts.login_oidc", subject=user, actor=user, summary=identity.subject
        )
    return user


@require_GET
def oidc_callback(request: HttpRequest) -> HttpResponse:
    pending = request.session.pop(SESSION_KEY, None)
    state = request.GET.get("state", "")
    if not isinstance(pending, dict) or not hmac.compare_digest(str(pending.get("state")), state):
        messages.error(
            request, _("Phiên đăng nhập không hợp lệ hoặc đã hết hạn. Vui lòng đăng nhập lại.")
        )
        return redirect("portal:login")
    if request.GET.get("error") or not request.GET.get("code"):
        messages.error(request, _("Bạn đã hủy hoặc hệ thống định danh không cho phép đăng nhập."))
        return redirect("portal:login")
    try:
        identity = oidc.complete(
            code=request.GET["code"][:2000],
            redirect_uri=_redirect_uri(request),
            nonce=pending["nonce"],
            verifier=pending["verifier"],
        )
        user = _citizen_for(identity)
    except oidc.OidcError as exc:
        messages.error(request, str(exc))
        return redirect("portal:login")
    except ValidationError:
        messages.error(request, _("Tài khoản định danh không có số định danh cá nhân hợp lệ."))
        return redirect("portal:login")
    if user.kind != User.Kind.CITIZEN or not user.is_active:
        messages.error(request, _("Tài khoản này không dùng được để đăng nhập cổng công dân."))
        return redirect("portal:login")
    # The provider has vouched for the number: the dossiers entered at the counter under
    # it join the account (a password login proves nothing and links nothing).
    had_password = user.has_usable_password()
    first = identity_prove(
        user=user, subject=identity.subject, phone=identity.phone, email=identity.email
    )
    linked = dossiers_link_to_citizen(citizen=user)
    login(request, user, backend=backends.PATH)
    if first and had_password:
        messages.info(
            request,
            _(
                "Tài khoản của bạn đã được xác thực bằng định danh điện tử. Từ nay bạn đăng "
                "nhập bằng định danh điện tử; mật khẩu đặt khi đăng ký không còn dùng được."
            ),
        )
    if linked:
        messages.success(
            request,
            ngettext(
                "Đã thêm %(count)d hồ sơ nộp trực tiếp hoặc qua bưu chính vào «Hồ sơ của tôi».",
                "Đã thêm %(count)d hồ sơ nộp trực tiếp hoặc qua bưu chính vào «Hồ sơ của tôi».",
                linked,
            )
            % {"count": linked},
        )
    return redirect("portal:home")
