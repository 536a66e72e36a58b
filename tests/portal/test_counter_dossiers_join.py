"""Bà Hoa filed a birth registration at the Hoàn Kiếm counter before she had an account.
When she logs in through the national identity provider, it is in «Hồ sơ của tôi» and
she is told so; a password login brings nothing, and Ông Bình still cannot see it."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from django.test import Client

from motcua.accounts.models import User
from motcua.audit.models import AuditEvent
from motcua.catalog.models import ProcedureVersion
from motcua.dossiers.models import Dossier, DossierEvent
from motcua.notifications.models import Delivery, SandboxSms
from motcua.notifications.services import delivery_send
from tests.accounts.oidc_provider import Provider, approve, configured, vneid_login
from tests.dossiers.conftest import intake, race
from tests.portal.english import in_english, text

pytestmark = pytest.mark.django_db

HOA = "001190012345"
LINKED = "Gắn hồ sơ vào tài khoản của người nộp (đã xác thực định danh điện tử)"


@pytest.fixture
def provider(settings: object) -> Iterator[Provider]:
    """The national identity provider, vouching for Bà Hoa."""
    claims = {"sub": "vneid-hoa", "identity_number": HOA, "name": "Nguyễn Thị Hoa"}
    with configured(settings, claims) as p:
        yield p


@pytest.fixture
def at_counter(clerk: User, version: ProcedureVersion) -> Dossier:
    """Her dossier, entered by Lan at the counter, on no account."""
    dossier = intake(clerk, version)
    assert dossier.applicant_id is None
    return dossier


def login_code(phone: str) -> str:
    """The code in the login text (her phone also got the counter's reception notice)."""
    # The test transaction never commits, so run the sending jobs the commit would start.
    for delivery in Delivery.objects.filter(state=Delivery.State.PENDING):
        delivery_send(delivery_id=delivery.pk)
    sms = (
        SandboxSms.objects.filter(phone=phone, body__startswith="Ma xac thuc")
        .order_by("-id")
        .first()
    )
    assert sms is not None, "no login code was sent"
    found = re.search(r"\b(\d{6})\b", sms.body)
    assert found
    return found.group(1)


def mine(web: Client) -> str:
    return web.get("/ho-so-cua-toi/").content.decode()


def test_her_first_login_brings_her_counter_dossier(
    provider: Provider, at_counter: Dossier, web: Client
) -> None:
    done = vneid_login(web)

    hoa = User.objects.get(identity_number=HOA)
    assert web.session["_auth_user_id"] == str(hoa.pk)
    assert hoa.identity_proven_at is not None
    assert "Đã thêm 1 hồ sơ nộp trực tiếp hoặc qua bưu chính vào «Hồ sơ của tôi»." in text(
        web.get(done["Location"])
    )
    assert at_counter.code is not None and at_counter.code in mine(web)
    page = web.get(f"/ho-so-cua-toi/{at_counter.pk}/")
    assert page.status_code == 200
    assert LINKED in text(page)


def test_she_is_told_how_many(
    provider: Provider, clerk: User, version: ProcedureVersion, web: Client
) -> None:
    intake(clerk, version), intake(clerk, version)

    done = vneid_login(web)

    assert "Đã thêm 2 hồ sơ nộp trực tiếp hoặc qua bưu chính vào «Hồ sơ của tôi»." in text(
        web.get(done["Location"])
    )


def test_a_later_login_brings_only_what_was_filed_since(
    provider: Provider, at_counter: Dossier, clerk: User, version: ProcedureVersion
) -> None:
    vneid_login(Client(HTTP_HOST="127.0.0.1"))
    since = intake(clerk, version)

    again = Client(HTTP_HOST="127.0.0.1")
    page = text(again.get(vneid_login(again)["Location"]))

    assert "Đã thêm 1 hồ sơ" in page
    assert Dossier.objects.get(pk=since.pk).applicant_id == int(again.session["_auth_user_id"])
    assert DossierEvent.objects.filter(action="link_account").count() == 2

    third = Client(HTTP_HOST="127.0.0.1")
    assert "Đã thêm" not in text(third.get(vneid_login(third)["Location"]))


def test_a_password_login_brings_nothing(citizen: User, at_counter: Dossier, web: Client) -> None:
    """Her account was registered with a password: the number was only typed."""
    web.post("/dang-nhap/", {"identifier": HOA, "password": "motcua-test"})
    done = web.post("/dang-nhap/xac-thuc/", {"code": login_code(citizen.phone)})

    assert web.session["_auth_user_id"] == str(citizen.pk)
    assert "Đã thêm" not in text(web.get(done["Location"]))
    assert at_counter.code is not None and at_counter.code not in mine(web)
    assert web.get(f"/ho-so-cua-toi/{at_counter.pk}/").status_code == 404
    assert Dossier.objects.get(pk=at_counter.pk).applicant_id is None
    assert User.objects.get(pk=citizen.pk).identity_proven_at is None


def test_her_registered_account_gets_it_once_she_proves_who_she_is(
    provider: Provider, citizen: User, at_counter: Dossier, web: Client
) -> None:
    vneid_login(web)

    assert web.session["_auth_user_id"] == str(citizen.pk)
    assert User.objects.get(pk=citizen.pk).identity_proven_at is not None
    assert Dossier.objects.get(pk=at_counter.pk).applicant_id == citizen.pk
    assert at_counter.code is not None and at_counter.code in mine(web)


def test_another_citizen_still_cannot_see_it(
    provider: Provider, at_counter: Dossier, other_citizen: User, web: Client
) -> None:
    vneid_login(web)
    binh = Client(HTTP_HOST="127.0.0.1")
    binh.force_login(other_citizen)

    assert at_counter.code is not None and at_counter.code not in mine(binh)
    assert binh.get(f"/ho-so-cua-toi/{at_counter.pk}/").status_code == 404


def test_in_english_she_is_told_in_english(
    provider: Provider, at_counter: Dossier, web: Client
) -> None:
    english = in_english(web)
    page = text(english.get(vneid_login(english)["Location"]))
    assert "Added 1 dossier filed in person or by post to “My dossiers”." in page
    assert "Đã thêm" not in page

    timeline = text(english.get(f"/ho-so-cua-toi/{at_counter.pk}/"))
    assert "Linked to the applicant's account (identity verified electronically)" in timeline
    assert LINKED not in timeline


def test_the_official_sees_the_link_in_the_dossier_s_history(
    provider: Provider, at_counter: Dossier, clerk: User, web: Client
) -> None:
    vneid_login(web)
    lan = Client(HTTP_HOST="127.0.0.1")
    lan.force_login(clerk)

    page = text(lan.get(f"/can-bo/ho-so/{at_counter.pk}/"))

    assert LINKED in page and "Nguyễn Thị Hoa" in page


@pytest.mark.django_db(transaction=True)
def test_two_logins_at_once_link_it_once(provider: Provider, at_counter: Dossier) -> None:
    """Her phone and her computer come back from the provider at the same moment: the
    first login makes her account, the other finds it; the dossier is linked once."""
    phone, computer = Client(HTTP_HOST="127.0.0.1"), Client(HTTP_HOST="127.0.0.1")
    started = [phone.get("/dang-nhap/dinh-danh/"), computer.get("/dang-nhap/dinh-danh/")]
    back = [approve(s["Location"]) for s in started]
    outcomes = race(lambda: phone.get(back[0]), lambda: computer.get(back[1]))

    assert [getattr(o, "status_code", o) for o in outcomes] == [302, 302]
    hoa = User.objects.get(identity_number=HOA)
    assert Dossier.objects.get(pk=at_counter.pk).applicant_id == hoa.pk
    assert DossierEvent.objects.filter(action="link_account").count() == 1
    told = [text(c.get("/")) for c in (phone, computer)]
    assert sum("Đã thêm 1 hồ sơ" in page for page in told) == 1


def test_someone_who_registered_her_number_loses_the_account_when_she_proves_it(
    provider: Provider, citizen: User, at_counter: Dossier, web: Client
) -> None:
    """Someone registered Bà Hoa's number with a password and their own phone, and is
    logged in. Her first login through the provider ends that password, that session and
    that phone: her counter dossier is hers alone."""
    squatter = Client(HTTP_HOST="127.0.0.1")
    squatter.post("/dang-nhap/", {"identifier": HOA, "password": "motcua-test"})
    squatter.post("/dang-nhap/xac-thuc/", {"code": login_code(citizen.phone)})
    assert squatter.session["_auth_user_id"] == str(citizen.pk)

    page = text(web.get(vneid_login(web)["Location"]))

    assert "Từ nay bạn đăng nhập bằng định danh điện tử" in page
    hoa = User.objects.get(pk=citizen.pk)
    assert not hoa.has_usable_password()
    assert hoa.phone == "" and hoa.email == ""  # the provider gave none
    # The squatter's session is over, and the password opens nothing any more.
    ended = squatter.get("/ho-so-cua-toi/")
    assert ended.status_code == 302 and ended["Location"].startswith("/dang-nhap/")
    again = Client(HTTP_HOST="127.0.0.1")
    refused = again.post("/dang-nhap/", {"identifier": HOA, "password": "motcua-test"})
    assert refused.status_code == 400 and "_auth_user_id" not in again.session
    # She reads it, and the audit trail says what ended.
    assert at_counter.code is not None and at_counter.code in mine(web)
    proof = AuditEvent.objects.get(action="accounts.identity_proven", subject_id=str(citizen.pk))
    assert "mật khẩu" in proof.summary


def test_her_contact_comes_from_the_provider_when_it_gives_one(
    settings: object, citizen: User, web: Client
) -> None:
    claims = {
        "sub": "vneid-hoa",
        "identity_number": HOA,
        "name": "Nguyễn Thị Hoa",
        "phone_number": "0987654321",
        "email": "hoa@example.vn",
    }
    with configured(settings, claims):
        vneid_login(web)

    hoa = User.objects.get(pk=citizen.pk)
    assert (hoa.phone, hoa.email) == ("0987654321", "hoa@example.vn")


def test_an_account_made_by_the_provider_keeps_what_it_has(provider: Provider, web: Client) -> None:
    vneid_login(web)
    hoa = User.objects.get(identity_number=HOA)
    hoa.phone = "0911222333"  # as she would set it
    hoa.save(update_fields=["phone"])

    again = Client(HTTP_HOST="127.0.0.1")
    page = text(again.get(vneid_login(again)["Location"]))

    assert "Từ nay bạn đăng nhập bằng định danh điện tử" not in page
    assert User.objects.get(pk=hoa.pk).phone == "0911222333"
