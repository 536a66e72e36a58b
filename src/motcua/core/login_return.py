"""Where a person goes back to after logging in again.

A form posted once the session has expired is sent to the login page. Coming back to
the address it was posted to would be a GET on an address that only takes forms: a
blank "405" in the browser. So a posted form comes back to the page that showed it (the
``Referer``, when it is one of ours), and the person is told that what they sent was
not received.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

NOT_RECEIVED = gettext_noop(
    "Phiên đăng nhập đã hết hạn nên nội dung vừa gửi chưa được ghi nhận. "
    "Hãy đăng nhập lại rồi gửi lại."
)


def login_then_back(request: HttpRequest, *, told: bool = True) -> HttpResponseRedirect:
    """The login page, coming back to this page (a GET) or to the page whose form this is
    (a POST); ``told``: say that a posted form was not received."""
    if request.method in ("GET", "HEAD"):
        return redirect_to_login(request.get_full_path())
    if told:
        messages.warning(request, _(NOT_RECEIVED))
    return redirect_to_login(form_page(request))


def form_page(request: HttpRequest) -> str:
    """The page the posted form was on, as a path of this site; failing that, the address
    it was posted to."""
    return referring_page(request) or request.path


def referring_page(request: HttpRequest) -> str:
    """The ``Referer`` as a path of this site, or "" when there is none of ours."""
    referer = request.headers.get("Referer", "")
    if referer and url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        parts = urlsplit(referer)
        if parts.path.startswith("/"):
            return parts.path + (f"?{parts.query}" if parts.query else "")
    return ""
