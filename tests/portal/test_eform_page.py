"""The documents step online: Bà Hoa's birth registration form is the declaration she
has just filled in, so its line says so instead of asking for a file, and is saved and
submitted as provided by the e-form."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from motcua.accounts.models import User
from motcua.catalog.models import ProcedureVersion
from motcua.dossiers import services
from motcua.dossiers.models import Dossier, DossierDocument, Provision, Status
from motcua.organizations.models import Agency
from tests.dossiers.conftest import GOOD_DECLARATION, make_version
from tests.portal.conftest import pdf

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = str(tmp_path)


@pytest.fixture
def version(commune_agency: Agency) -> ProcedureVersion:
    return make_version(commune_agency, declared_online=True)


def provision_of(dossier: Dossier, code: str) -> str:
    return DossierDocument.objects.get(dossier=dossier, required_document__code=code).provision


def fieldset(page: str, code: str) -> str:
    start = page.index(f'id="doc-{code}"')
    return page[start : page.index("</fieldset>", start)]


def test_the_form_line_says_it_was_declared_and_offers_no_upload(
    hoa: Client, draft: Dossier
) -> None:
    page = hoa.get(f"/ho-so/{draft.pk}/giay-to/").content.decode()

    form_line = fieldset(page, "to-khai")
    assert "Đã khai trên tờ khai điện tử" in form_line
    assert 'type="file"' not in form_line and 'name="provision-to-khai"' not in form_line
    certificate = fieldset(page, "giay-chung-sinh")
    assert 'name="file-giay-chung-sinh"' in certificate
    assert "Đã khai trên tờ khai điện tử" not in certificate


def test_saving_the_step_records_the_form_line_as_the_e_form(hoa: Client, draft: Dossier) -> None:
    response = hoa.post(
        f"/ho-so/{draft.pk}/giay-to/",
        {
            "provision-giay-chung-sinh": Provision.UPLOAD,
            "provision-giay-ket-hon": Provision.MISSING,
            "file-giay-chung-sinh": pdf(),
            "next": "1",
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    assert provision_of(draft, "to-khai") == Provision.EFORM
    assert provision_of(draft, "giay-chung-sinh") == Provision.UPLOAD


def test_a_posted_radio_cannot_turn_the_form_line_back_into_an_upload(
    hoa: Client, draft: Dossier
) -> None:
    hoa.post(
        f"/ho-so/{draft.pk}/giay-to/",
        {"provision-to-khai": Provision.UPLOAD, "provision-giay-chung-sinh": Provision.AT_COUNTER},
    )

    assert provision_of(draft, "to-khai") == Provision.EFORM


def test_she_submits_without_uploading_the_form(hoa: Client, draft: Dossier) -> None:
    hoa.post(
        f"/ho-so/{draft.pk}/giay-to/",
        {"provision-giay-chung-sinh": Provision.UPLOAD, "file-giay-chung-sinh": pdf()},
    )
    review = hoa.get(f"/ho-so/{draft.pk}/xem-lai/").content.decode()
    assert "Tờ khai đăng ký khai sinh</strong>: Đã khai trên tờ khai điện tử" in review

    response = hoa.post(
        f"/ho-so/{draft.pk}/xem-lai/",
        {"idempotency_key": "k-1", "expected_version": Dossier.objects.get(pk=draft.pk).version},
    )

    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == Status.NEW
    assert provision_of(draft, "to-khai") == Provision.EFORM


def test_her_dossier_page_shows_the_form_as_declared_on_the_portal(
    hoa: Client, citizen: User, version: ProcedureVersion
) -> None:
    dossier = services.dossier_submit(
        actor=citizen,
        version=version,
        agency=version.procedure.agencies.get(),
        declaration=dict(GOOD_DECLARATION),
        documents=[services.DocumentInput("giay-chung-sinh", Provision.AT_COUNTER)],
    )

    page = hoa.get(f"/ho-so-cua-toi/{dossier.pk}/").content.decode()

    assert "Tờ khai đăng ký khai sinh</strong>: Đã khai trên tờ khai điện tử" in page
