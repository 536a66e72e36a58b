"""Each line of «Hồ sơ của tôi»: where it links, its status, and the instant that
matters for it (created, submitted, due), in Vietnam's time, in either language."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from motcua.accounts.models import User
from motcua.catalog.models import ProcedureVersion
from motcua.dossiers import services
from motcua.dossiers.cursor import Cursor
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


def _ids(listing: str) -> list[int]:
    """The rows' dossiers, by the link on each procedure's name (a draft's row has a
    second one, to delete it)."""
    found = re.findall(r'class="procedure-link" href="/ho-so(?:-cua-toi)?/(\d+)/', listing)
    return [int(pk) for pk in found]


def _older(listing: str) -> str | None:
    found = re.search(r'<a href="(\?truoc=[^"]+)" rel="next"', listing)
    return found.group(1).replace("&amp;", "&") if found else None


def test_a_business_with_many_dossiers_pages_through_all_of_them(
    hoa: Client, citizen: User, other_citizen: User, version: ProcedureVersion
) -> None:
    """A company files a hundred and twenty dossiers; many were created in the same
    instant (an import). Following «Xem hồ sơ cũ hơn» shows each once, newest first, and
    the last page says there is nothing older. Another citizen's never appear."""
    agency = version.procedure.agencies.get()
    made = [
        services.dossier_draft_save(
            actor=citizen, version=version, agency=agency, declaration={}
        ).pk
        for _ in range(120)
    ]
    theirs = services.dossier_draft_save(
        actor=other_citizen, version=version, agency=agency, declaration={}
    )
    base = timezone.now()
    # Three instants, forty dossiers each: the cursor's id breaks every tie.
    for n, pk in enumerate(made):
        Dossier.objects.filter(pk=pk).update(created_at=base - timedelta(minutes=n // 40))
    expected = [pk for minute in range(3) for pk in sorted(made[minute * 40 :][:40])[::-1]]

    seen: list[int] = []
    listing = hoa.get("/ho-so-cua-toi/").content.decode()
    assert "Về hồ sơ mới nhất" not in listing
    pages = 0
    while True:
        pages += 1
        ids = _ids(listing)
        assert 0 < len(ids) <= 50
        seen += ids
        older = _older(listing)
        if older is None:
            break
        listing = hoa.get("/ho-so-cua-toi/" + older).content.decode()
        assert "Về hồ sơ mới nhất" in listing
    assert pages == 3
    assert seen == expected
    assert theirs.pk not in seen

    # Past the last one: nothing older, said in words, with the way back.
    last = Dossier.objects.get(pk=seen[-1])
    beyond = hoa.get("/ho-so-cua-toi/", {"truoc": str(Cursor(last.created_at, last.pk))})
    text = beyond.content.decode()
    assert beyond.status_code == 200 and "Không còn hồ sơ nào cũ hơn." in text
    assert _ids(text) == []


@pytest.mark.parametrize("bad", ["x", "12", "1.0", "99999999999999999999.1", "1.2.3", "-5.7"])
def test_a_link_edited_by_hand_shows_the_newest(
    hoa: Client, citizen: User, version: ProcedureVersion, bad: str
) -> None:
    dossier = submit_online(citizen, version)
    response = hoa.get("/ho-so-cua-toi/", {"truoc": bad})
    text = response.content.decode()
    assert response.status_code == 200
    assert "Đường dẫn trang không đúng; đang hiện các hồ sơ mới nhất." in text
    assert _ids(text) == [dossier.pk]
