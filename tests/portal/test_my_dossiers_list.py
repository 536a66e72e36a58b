"""Each line of «Hồ sơ của tôi»: where it links, its status, and the instant that
matters for it (created, submitted, due), in Vietnam's time, in either language."""

from __future__ import annotations

import re
from datetime import datetime

import pytest
from django.test import Client
from django.utils import timezone

from motcua.accounts.models import User
from motcua.catalog.models import ProcedureVersion
from motcua.dossiers import services
from motcua.dossiers.models import Dossier
from tests.dossiers.conftest import submit_online

pytestmark = pytest.mark.django_db


def _at(moment: datetime | None) -> str:
    assert moment is not None
    return timezone.localtime(moment).strftime("%H:%M %d/%m/%Y")


def _line(listing: str, href: str) -> str:
    found = re.search(
        rf'<li class="dossier-item[^"]*">\s*<a class="procedure-link" href="{href}".*?</li>',
        listing,
        re.S,
    )
    assert found is not None, href
    return found.group(0)


def test_each_line_links_and_dates_what_matters(
    hoa: Client, citizen: User, clerk: User, version: ProcedureVersion
) -> None:
    draft = services.dossier_draft_save(
        actor=citizen, version=version, agency=version.procedure.agencies.get(), declaration={}
    )
    waiting = submit_online(citizen, version)
    received = submit_online(citizen, version)
    services.dossier_receive(dossier=received, actor=clerk, expected_version=received.version)
    received = Dossier.objects.get(pk=received.pk)
    listing = hoa.get("/ho-so-cua-toi/").content.decode()

    line = _line(listing, f"/ho-so/{draft.pk}/khai/1/")
    assert "Bản nháp" in line
    assert f"Tạo {_at(draft.created_at)}" in line

    line = _line(listing, f"/ho-so-cua-toi/{waiting.pk}/")
    assert f"Nộp {_at(waiting.submitted_at)}" in line and "Mới đăng ký" in line

    line = _line(listing, f"/ho-so-cua-toi/{received.pk}/")
    assert f"Mã hồ sơ <strong>{received.code}</strong>" in line and "Đã tiếp nhận" in line
    assert f"Hẹn trả {_at(received.due_at)}" in line

    hoa.post("/i18n/setlang/", {"language": "en", "next": "/"})
    english = hoa.get("/ho-so-cua-toi/").content.decode()
    assert f"Submitted {_at(waiting.submitted_at)}" in _line(
        english, f"/ho-so-cua-toi/{waiting.pk}/"
    )
    line = _line(english, f"/ho-so-cua-toi/{received.pk}/")
    assert f"Due {_at(received.due_at)}" in line and "Received" in line
