"""The admin shows dossiers and their trail, and changes nothing."""

from __future__ import annotations

import pytest
from django.test import Client

from motcua.accounts.models import User
from motcua.dossiers.models import Dossier

pytestmark = pytest.mark.django_db


def test_an_administrator_reads_a_dossier_but_cannot_add_or_delete(received: Dossier) -> None:
    admin = User.objects.create_superuser(username="quantri", password="x", kind="staff")
    client = Client()
    client.force_login(admin)
    listing = client.get("/quan-tri/dossiers/dossier/")
    page = client.get(f"/quan-tri/dossiers/dossier/{received.pk}/change/")
    assert received.code is not None
    assert listing.status_code == 200 and received.code in listing.content.decode()
    assert page.status_code == 200 and "receive" in page.content.decode()
    assert client.get("/quan-tri/dossiers/dossier/add/").status_code == 403
    assert client.get(f"/quan-tri/dossiers/dossier/{received.pk}/delete/").status_code == 403
