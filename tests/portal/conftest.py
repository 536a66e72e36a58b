"""Web pages of dossiers: a birth registration at Hoàn Kiếm, time frozen on a working
Wednesday morning, and small valid files to upload."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from motcua.accounts.models import User
from motcua.catalog.models import ProcedureVersion
from motcua.dossiers import services
from motcua.dossiers.models import Dossier
from motcua.organizations.models import Agency
from tests.dossiers.conftest import GOOD_DECLARATION, WEDNESDAY_9AM, make_version

# The smallest file the attachment check accepts as a PDF.
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf(name: str = "giay-chung-sinh.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


@pytest.fixture(autouse=True)
def frozen() -> Iterator[None]:
    with time_machine.travel(WEDNESDAY_9AM, tick=False):
        yield


@pytest.fixture
def version(commune_agency: Agency) -> ProcedureVersion:
    return make_version(commune_agency)


@pytest.fixture
def draft(citizen: User, version: ProcedureVersion) -> Dossier:
    """Bà Hoa's draft: the declaration filled in, the documents step not yet visited."""
    return services.dossier_draft_save(
        actor=citizen,
        version=version,
        agency=version.procedure.agencies.get(),
        declaration=dict(GOOD_DECLARATION),
    )


@pytest.fixture
def web() -> Client:
    return Client(HTTP_HOST="127.0.0.1")


@pytest.fixture
def hoa(web: Client, citizen: User) -> Client:
    """Bà Hoa, logged in."""
    web.force_login(citizen)
    return web
