"""The page frame's links are reversed once per process and script prefix, and are the
addresses ``{% url %}`` would have given."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.test import Client
from django.urls import clear_script_prefix, reverse, set_script_prefix

from motcua.accounts.models import User
from motcua.core.urls import MENU, menu_links


@pytest.fixture
def under_a_prefix() -> Iterator[str]:
    set_script_prefix("/motcua/")
    yield "/motcua/"
    clear_script_prefix()
    set_script_prefix("/")


def test_each_link_is_what_reverse_gives() -> None:
    links = menu_links()
    assert {key: links[key] for key in MENU} == {key: reverse(name) for key, name in MENU.items()}
    assert links["css"].endswith("portal/site.css")


def test_a_deployment_under_a_sub_path_gets_its_own_links(under_a_prefix: str) -> None:
    assert menu_links()["lookup"] == reverse("portal:lookup")
    assert menu_links()["lookup"].startswith(under_a_prefix)
    set_script_prefix("/")
    assert not menu_links()["lookup"].startswith(under_a_prefix)


@pytest.mark.django_db
def test_the_menu_on_a_page_links_where_it_did(clerk: User) -> None:
    web = Client(HTTP_HOST="127.0.0.1")
    visitor = web.get("/").content.decode()
    for name in ("portal:procedures", "portal:lookup", "documents:verify", "portal:login"):
        assert f'href="{reverse(name)}"' in visitor
    assert reverse("backoffice:queue") not in visitor

    web.force_login(clerk)
    official = web.get("/").content.decode()
    assert f'href="{reverse("backoffice:queue")}"' in official
    assert f'action="{reverse("portal:logout")}"' in official
    assert f'href="{reverse("backoffice:desk")}"' in official  # a clerk's own entry
