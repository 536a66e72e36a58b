"""A citizen sees only their own dossiers; officials do not use citizen pages."""

from __future__ import annotations

import pytest
from django.test import Client

from motcua.accounts.models import User
from motcua.catalog.models import ProcedureVersion
from tests.dossiers.conftest import submit_online

pytestmark = pytest.mark.django_db


def test_binh_cannot_open_hoas_dossier(
    web: Client, citizen: User, other_citizen: User, version: ProcedureVersion
) -> None:
    dossier = submit_online(citizen, version)
    web.force_login(other_citizen)
    for url in (
        f"/ho-so-cua-toi/{dossier.pk}/",
        f"/ho-so/{dossier.pk}/khai/1/",
        f"/ho-so/{dossier.pk}/xem-lai/",
        f"/ho-so/{dossier.pk}/giay-to/",
    ):
        assert web.get(url).status_code == 404, url
    assert web.post(f"/ho-so-cua-toi/{dossier.pk}/trao-doi/", {"body": "x"}).status_code == 404
    assert "Đăng ký khai sinh" not in web.get("/ho-so-cua-toi/").content.decode()


def test_staff_get_404_on_citizen_pages(
    web: Client, clerk: User, version: ProcedureVersion
) -> None:
    web.force_login(clerk)
    assert web.get("/ho-so-cua-toi/").status_code == 404
    assert web.get("/nop-ho-so/1.001193/").status_code == 404
