"""Clients of the English-mode tests: a reader who chose English, the same person
twice (once with the choice, once without), a page's text as that reader reads it, and
the Vietnamese letters left in what should be English."""

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


def readers(user: User | None) -> tuple[Client, Client]:
    """The same person twice: once having chosen English, once not (``None``: a
    visitor who has not logged in)."""
    english, vietnamese = in_english(Client()), Client()
    if user is not None:
        english.force_login(user)
        vietnamese.force_login(user)
    return english, vietnamese


def vietnamese_letters(words: str) -> str:
    """The letters of ``words`` that no English word has: «àệ» of «ngày làm việc», ""
    of "working day". Vietnamese without its marks slips through; assert the words too."""
    return "".join(ch for ch in words if ch.isalpha() and not ch.isascii())


def text(response: Response) -> str:
    """The page as a person reads it: «applicant's», not «applicant&#x27;s»."""
    return html.unescape(response.content.decode())


def staff(user: User) -> Client:
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    return client
