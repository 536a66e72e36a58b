"""Clients of the English-mode tests: a reader who chose English, and a page's text as
that reader reads it."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from django.conf import settings
from django.test import Client

from motcua.accounts.models import User

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse as Response


def in_english(client: Client) -> Client:
    """The client with the language cookie the switch sets."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def text(response: Response) -> str:
    """The page as a person reads it: «applicant's», not «applicant&#x27;s»."""
    return html.unescape(response.content.decode())


def staff(user: User) -> Client:
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    return client
