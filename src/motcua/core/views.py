"""Site-wide views: the CSRF failure page, the favicon and the health check."""

from __future__ import annotations

from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.templatetags.static import static

from motcua.core.json_answer import JsonAnswer


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A Vietnamese page that says what to do, in the site's layout (Django's default is an
    English technical page)."""
    return render(request, "403_csrf.html", status=403)


def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask for /favicon.ico whatever the page says; answer with the site icon."""
    return HttpResponseRedirect(static("portal/favicon.svg"))


def healthz(request: HttpRequest) -> JsonAnswer:
    """For load balancers: 200 when this process can reach its database, 503 otherwise.
    Never limited by admission control (it must answer during a surge) and says nothing
    about the data."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonAnswer({"status": "unavailable", "database": False}, status=503)
    return JsonAnswer({"status": "ok", "database": True})
