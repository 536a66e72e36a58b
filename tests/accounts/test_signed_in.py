"""Who a request belongs to: the session row and the user, read through compiled SQL
(motcua/accounts/sessions.py, motcua/accounts/backends.py), keep Django's rules: an
expired or unknown session is nobody, an account turned off is signed out."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client
from django.utils import timezone
from pytest_django import DjangoAssertNumQueries

from motcua.accounts.backends import ModelBackend
from motcua.accounts.models import User

pytestmark = pytest.mark.django_db

MINE = "/ho-so-cua-toi/"


def signed_in(user: User) -> Client:
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    return client


def test_a_signed_in_citizen_is_known_by_two_reads(
    citizen: User, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    client = signed_in(citizen)
    client.get(MINE)  # the first request on a connection compiles the reads

    with django_assert_num_queries(3):  # the session, the user, her dossiers
        response = client.get(MINE)

    assert response.status_code == 200
    assert response.wsgi_request.user == citizen


def test_an_expired_session_is_nobody_and_its_key_is_forgotten(citizen: User) -> None:
    client = signed_in(citizen)
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert Session.objects.filter(session_key=key).exists()

    later = timezone.now() + timedelta(seconds=settings.SESSION_COOKIE_AGE + 60)
    with time_machine.travel(later, tick=False):
        response = client.get(MINE)

    assert response.status_code == 302
    assert response["Location"].startswith("/dang-nhap/")
    assert not response.wsgi_request.user.is_authenticated
    assert response.wsgi_request.session.session_key != key


def test_a_session_about_to_expire_still_counts(citizen: User) -> None:
    client = signed_in(citizen)

    later = timezone.now() + timedelta(seconds=settings.SESSION_COOKIE_AGE - 60)
    with time_machine.travel(later, tick=False):
        response = client.get(MINE)

    assert response.status_code == 200


@pytest.mark.parametrize("cookie", ["unknown-session-key-000", "x" * 300, "short"])
def test_a_session_cookie_that_names_no_session_is_nobody(citizen: User, cookie: str) -> None:
    client = Client(HTTP_HOST="127.0.0.1")
    client.cookies[settings.SESSION_COOKIE_NAME] = cookie

    response = client.get(MINE)

    assert response.status_code == 302
    assert not response.wsgi_request.user.is_authenticated


def test_an_account_turned_off_is_signed_out_at_its_next_request(citizen: User) -> None:
    client = signed_in(citizen)
    assert client.get(MINE).status_code == 200

    User.objects.filter(pk=citizen.pk).update(is_active=False)

    response = client.get(MINE)
    assert response.status_code == 302
    assert not response.wsgi_request.user.is_authenticated


def test_the_backend_reads_the_whole_user_as_the_orm_does(citizen: User) -> None:
    backend = ModelBackend()

    found = backend.get_user(str(citizen.pk))

    assert found is not None
    expected = User.objects.get(pk=citizen.pk)
    for field in User._meta.concrete_fields:
        assert getattr(found, field.attname) == getattr(expected, field.attname), field.name
    assert backend.get_user(citizen.pk + 1000) is None
    assert backend.get_user("not a number") is None
