"""The admin shows ratings and changes none: they are the citizen's own words."""

from __future__ import annotations

import pytest
from django.test import Client

from motcua.accounts.models import User
from motcua.dossiers.models import Dossier
from motcua.feedback.services import rating_submit

pytestmark = pytest.mark.django_db


def test_an_administrator_reads_a_rating_but_cannot_add_change_or_delete(
    returned: Dossier, citizen: User
) -> None:
    rating = rating_submit(
        dossier=returned, actor=citizen, level="not_satisfied", reason="Hướng dẫn chưa rõ"
    )
    admin = User.objects.create_superuser(username="quantri", password="x", kind="staff")
    client = Client()
    client.force_login(admin)

    listing = client.get("/quan-tri/feedback/rating/")
    page = client.get(f"/quan-tri/feedback/rating/{rating.pk}/change/")
    tried = client.post(
        f"/quan-tri/feedback/rating/{rating.pk}/change/", {"level": "very_satisfied"}
    )

    assert returned.code is not None
    assert listing.status_code == 200 and returned.code in listing.content.decode()
    assert page.status_code == 200 and "Hướng dẫn chưa rõ" in page.content.decode()
    assert tried.status_code == 403
    assert client.get("/quan-tri/feedback/rating/add/").status_code == 403
    assert client.get(f"/quan-tri/feedback/rating/{rating.pk}/delete/").status_code == 403
    rating.refresh_from_db()
    assert rating.level == "not_satisfied"
