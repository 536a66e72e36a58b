"""Site-wide views: the CSRF failure page and the favicon."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.templatetags.static import static


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A Vietnamese page that says what to do, in the site's layout (Django's default is an
    English technical page)."""
    return render(request, "403_csrf.html", status=403)


def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask for /favicon.ico whatever the page says; answer with the site icon."""
    return HttpResponseRedirect(static("portal/favicon.svg"))
