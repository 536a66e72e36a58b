"""Citizen and staff login. Citizens confirm with a one-time code sent by SMS/email."""

from __future__ import annotations

import time

from django.contrib import messages
from django.contrib.auth import login, logout
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_htmx.http import HttpResponseStopPolling, reswap

from motcua.accounts.forms import LoginForm, OtpForm, RegisterForm
from motcua.accounts.models import User
from motcua.accounts.selectors import otp_pending_since
from motcua.accounts.services import CodeError, mask_phone, otp_issue, otp_verify
from motcua.core import ratelimit
from motcua.core.text import wait_phrase
from motcua.notifications.selectors import sandbox_inbox_enabled, sandbox_last_text

# Wrong passwords are counted per address, per account from one address, and per
# account from everywhere. An account's own limit is loose: an identity number is no
# secret, and a tight one would let anyone lock a citizen out by guessing wrong on
# purpose. From one address the account is shut after 8 tries; the loose limit only
# stops guessing spread over many addresses (and a citizen still needs the SMS code).
LOGIN_BY_IP = ratelimit.Limit("login-ip", attempts=30, window_seconds=300)
LOGIN_BY_ID_HERE = ratelimit.Limit("login-id-ip", attempts=8, window_seconds=900)
LOGIN_BY_ID = ratelimit.Limit("login-id", attempts=100, window_seconds=900)
RESEND = ratelimit.Limit("otp-resend", attempts=3, window_seconds=600)
# Each registration tells whether its identity number has an account already, and each
# one accepted texts a code to the phone typed: without a limit, a script could sweep
# identity numbers, or make the portal text any number again and again. An address is
# allowed enough for a commune's kiosk helping its citizens one after another.
REGISTER_BY_IP = ratelimit.Limit("register-ip", attempts=30, window_seconds=3600)
REGISTER_BY_PHONE = ratelimit.Limit("register-phone", attempts=3, window_seconds=3600)
_REGISTER_KEPT = ("identity_number", "full_name", "phone", "email")
PENDING_KEY = "motcua_pending_login"
PENDING_SECONDS = 600


def _next_url(request: HttpRequest, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


def _home_for(user: User) -> str:
    if user.is_citizen:
        return reverse("portal:home")
    try:
        return reverse("backoffice:queue")
    except Exception:  # the back office is not installed in this deployment
        return reverse("portal:home")


def _too_many(request: HttpRequest, seconds: int) -> HttpResponse:
    response = render(
        request,
        "portal/login.html",
        {
            "form": LoginForm(),
            "blocked_for": wait_phrase(seconds),
            "next": _next_url(request, ""),
        },
        status=429,
    )
    response["Retry-After"] = str(seconds)
    return response


@require_http_methods(["GET", "POST"])
def login_view(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        return render(
            request, "portal/login.html", {"form": LoginForm(), "next": _next_url(request, "")}
        )
    ip = ratelimit.client_ip(request)
    identifier = request.POST.get("identifier", "").strip()[:150]
    here = f"{identifier}|{ip}"
    wait = (
        ratelimit.blocked(LOGIN_BY_IP, ip)
        or ratelimit.blocked(LOGIN_BY_ID_HERE, here)
        or ratelimit.blocked(LOGIN_BY_ID, identifier)
    )
    if wait:
        return _too_many(request, wait)
    form = LoginForm(request.POST, request=request)
    if not form.is_valid() or form.user is None:
        ratelimit.hit(LOGIN_BY_IP, ip)
        ratelimit.hit(LOGIN_BY_ID_HERE, here)
        ratelimit.hit(LOGIN_BY_ID, identifier)
        return render(
            request, "portal/login.html", {"form": form, "next": _next_url(request, "")}, status=400
        )
    ratelimit.reset(LOGIN_BY_ID_HERE, here)
    user = form.user
    if user.is_citizen and user.phone:
        otp_issue(user=user)
        request.session[PENDING_KEY] = {
            "user": user.pk,
            "at": time.time(),
            "next": _next_url(request, ""),
        }
        return redirect("portal:login_confirm")
    login(request, user)
    return HttpResponseRedirect(_next_url(request, _home_for(user)))


def _pending_user(request: HttpRequest) -> tuple[User | None, str]:
    pending = request.session.get(PENDING_KEY)
    if not isinstance(pending, dict) or time.time() - float(pending.get("at", 0)) > PENDING_SECONDS:
        return None, ""
    user_id = pending.get("user")
    if not isinstance(user_id, int):
        return None, ""
    user = User.objects.filter(pk=user_id, is_active=True).first()
    return user, str(pending.get("next") or "")


@require_http_methods(["GET", "POST"])
def login_confirm(request: HttpRequest) -> HttpResponse:
    user, next_url = _pending_user(request)
    if user is None:
        if request.headers.get("HX-Request"):
            # The demo inbox asking again: stop it quietly; the next post says why.
            return reswap(HttpResponseStopPolling(), "none")
        messages.error(request, _("Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại."))
        return redirect("portal:login")
    inbox = sandbox_inbox_enabled()
    context = {
        "phone": mask_phone(user.phone),
        "sandbox_inbox": inbox,
        "sandbox_text": (
            sandbox_last_text(user.phone, since=otp_pending_since(user=user)) if inbox else None
        ),
    }
    if request.method == "POST" and "resend" in request.POST:
        wait = ratelimit.hit(RESEND, str(user.pk))
        if wait:
            messages.error(
                request,
                _("Bạn đã yêu cầu gửi lại nhiều lần. Vui lòng chờ %(wait)s.")
                % {"wait": wait_phrase(wait)},
            )
        else:
            otp_issue(user=user)
            messages.success(request, _("Đã gửi lại mã xác thực."))
        return redirect("portal:login_confirm")
    form = OtpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            otp_verify(user=user, code=form.cleaned_data["code"])
        except CodeError as exc:
            form.add_error("code", str(exc))
        else:
            del request.session[PENDING_KEY]
            login(request, user)
            return HttpResponseRedirect(next_url or _home_for(user))
    status = 400 if request.method == "POST" else 200
    return render(request, "portal/login_confirm.html", {**context, "form": form}, status=status)


@require_http_methods(["GET", "POST"])
def register(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        wait = ratelimit.hit(REGISTER_BY_IP, ratelimit.client_ip(request))
        if wait:
            return _registrations_too_many(request, wait)
    form = RegisterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        wait = ratelimit.hit(REGISTER_BY_PHONE, data["phone"])
        if wait:
            return _registrations_too_many(request, wait)
        with transaction.atomic():
            user = User.objects.create_user(
                username=data["identity_number"],
                identity_number=data["identity_number"],
                password=data["password"],
                kind=User.Kind.CITIZEN,
                full_name=data["full_name"],
                phone=data["phone"],
                email=data["email"],
            )
            otp_issue(user=user)
        request.session[PENDING_KEY] = {"user": user.pk, "at": time.time(), "next": ""}
        return redirect("portal:login_confirm")
    status = 400 if request.method == "POST" else 200
    return render(request, "portal/register.html", {"form": form}, status=status)


def _registrations_too_many(request: HttpRequest, seconds: int) -> HttpResponse:
    """429 with the form as typed (the password aside) and when to try again."""
    kept = {name: request.POST.get(name, "")[:200] for name in _REGISTER_KEPT}
    response = render(
        request,
        "portal/register.html",
        {"form": RegisterForm(initial=kept), "blocked_for": wait_phrase(seconds)},
        status=429,
    )
    response["Retry-After"] = str(seconds)
    return response


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect("portal:home")
