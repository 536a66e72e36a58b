"""The main menu offers «Tiếp nhận hồ sơ» only to the one-stop desk's clerks: the page
answers 404 to every other official, so a link to it would lead them nowhere."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from motcua.accounts.models import User
from motcua.organizations.models import Agency, Role, StaffRole
from tests.conftest import make_staff

pytestmark = pytest.mark.django_db

DESK_LINK = 'href="/can-bo/tiep-nhan/"'


def _page(web: Client, user: User | None, url: str = "/can-bo/") -> str:
    if user is not None:
        web.force_login(user)
    response = web.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_the_clerk_sees_the_reception_entry(web: Client, clerk: User) -> None:
    html = _page(web, clerk)
    assert DESK_LINK in html and "Tiếp nhận hồ sơ" in html
    # The desk the link leads to does open for her.
    assert web.get("/can-bo/tiep-nhan/").status_code == 200


@pytest.mark.parametrize("role", [Role.SPECIALIST, Role.UNIT_HEAD, Role.LEADER])
def test_other_officials_are_not_sent_to_a_page_they_cannot_open(
    web: Client, commune_agency: Agency, role: Role
) -> None:
    official = make_staff(f"can-bo-{role}", commune_agency, role, "specialist")
    html = _page(web, official)
    assert DESK_LINK not in html
    assert "Hàng đợi xử lý" in html  # the rest of the officials' menu stays
    assert web.get("/can-bo/tiep-nhan/").status_code == 404


def test_a_specialist_who_also_sits_at_the_desk_sees_it(
    web: Client, specialist: User, commune_agency: Agency
) -> None:
    StaffRole.objects.create(user=specialist, agency=commune_agency, role=Role.CLERK)
    assert DESK_LINK in _page(web, specialist)


def test_citizens_and_visitors_never_see_it(web: Client, citizen: User) -> None:
    assert DESK_LINK not in _page(web, None, "/")
    assert DESK_LINK not in _page(web, citizen, "/")


def _clerk_queries(queries: list[dict[str, str]]) -> list[str]:
    return [
        q["sql"] for q in queries if "organizations_staffrole" in q["sql"] and "clerk" in q["sql"]
    ]


@pytest.mark.parametrize("url", ["/can-bo/", "/", "/can-bo/ho-so/999/"])
def test_the_menu_asks_the_database_once_per_page(web: Client, clerk: User, url: str) -> None:
    web.force_login(clerk)
    with CaptureQueriesContext(connection) as ctx:
        web.get(url)
    assert len(_clerk_queries(ctx.captured_queries)) == 1


def test_visitors_cost_no_query(web: Client) -> None:
    with CaptureQueriesContext(connection) as ctx:
        web.get("/")
    assert _clerk_queries(ctx.captured_queries) == []
