"""The printable receipt page says how each document of an online dossier came, as the
PDF does: the e-form and files are named, only paper is counted."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from motcua.accounts.models import User
from motcua.dossiers import services
from motcua.dossiers.models import Provision
from motcua.dossiers.services import DocumentInput
from motcua.organizations.models import Agency
from tests.dossiers.conftest import GOOD_DECLARATION, make_version

pytestmark = pytest.mark.django_db


def test_an_online_dossier_receipt_names_the_e_form_instead_of_counting_it(
    web: Client, citizen: User, clerk: User, commune_agency: Agency, settings: Any, tmp_path: Any
) -> None:
    settings.MEDIA_ROOT = str(tmp_path)
    version = make_version(commune_agency, code="1.001195", declared_online=True)
    dossier = services.dossier_submit(
        actor=citizen,
        version=version,
        agency=commune_agency,
        declaration=dict(GOOD_DECLARATION),
        documents=[DocumentInput("giay-chung-sinh", Provision.AT_COUNTER, originals=1, copies=2)],
    )
    services.dossier_receive(dossier=dossier, actor=clerk, expected_version=dossier.version)
    web.force_login(clerk)

    page = web.get(f"/can-bo/ho-so/{dossier.pk}/bien-nhan/").content.decode()

    assert (
        '<td>Tờ khai đăng ký khai sinh</td><td colspan="2">Đã khai trên tờ khai điện tử</td>'
        in page
    )
    assert "<td>Giấy chứng sinh</td><td>1</td><td>2</td>" in page
