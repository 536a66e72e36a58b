"""Addresses reversed once instead of once a row or once a page.

Django's ``reverse`` (and the ``{% url %}`` tag) costs about 10 µs a call: it finds the
pattern, fills it in and checks the result against the pattern again. A list of dossiers
needs one address per row that differs only in the row's id (``pk_urls``); every page's
menu needs the same dozen addresses (``menu_links``).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from django.conf import settings
from django.templatetags.static import static
from django.urls import get_script_prefix, get_urlconf, reverse

# The menu's and the page frame's links, by the name templates use (``menu.home``).
MENU = {
    "home": "portal:home",
    "procedures": "portal:procedures",
    "sectors": "portal:sectors",
    "agencies": "portal:agencies",
    "lookup": "portal:lookup",
    "verify": "documents:verify",
    "my_dossiers": "portal:my_dossiers",
    "queue": "backoffice:queue",
    "desk": "backoffice:desk",
    "register": "backoffice:register",
    "login": "portal:login",
    "logout": "portal:logout",
    "large_text": "portal:large_text",
    "set_language": "set_language",
}
# The page frame's own static files.
FRAME_FILES = {
    "favicon": "portal/favicon.svg",
    "css": "portal/site.css",
    "htmx": "django_htmx/htmx-2.min.js",
    "forms_js": "portal/forms.js",
}


def menu_links() -> dict[str, str]:
    """The addresses of ``MENU`` and ``FRAME_FILES``, reversed once per process for each
    script prefix (a deployment under a sub-path) and URL configuration."""
    return _menu_links(get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF)


@lru_cache(maxsize=16)
def _menu_links(prefix: str, urlconf: str) -> dict[str, str]:
    links = {key: reverse(name, urlconf=urlconf) for key, name in MENU.items()}
    links.update({key: static(path) for key, path in FRAME_FILES.items()})
    return links


# An id no row has, long enough that it cannot be mistaken for the rest of an address.
_PLACEHOLDER = 918_273_645_546_372_819


def pk_urls(name: str, *after: object) -> Callable[[int], str]:
    """``reverse(name, args=[pk, *after])`` for any ``pk``, with ``reverse`` called once:
    the address is split where the id goes and each row's id is put in its place."""
    head, found, tail = reverse(name, args=[_PLACEHOLDER, *after]).partition(str(_PLACEHOLDER))
    if not found or str(_PLACEHOLDER) in tail:
        raise ValueError(f"{name}: the id must appear once in the address")
    return lambda pk: f"{head}{int(pk)}{tail}"
