"""Every admin page of organizations, accounts, audit and catalog answers, in Vietnamese."""

from __future__ import annotations

import pytest
from django.test import Client

from motcua.accounts.models import User
from motcua.organizations.models import AdministrativeUnit, Agency

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser_client(client: Client) -> Client:
    root = User.objects.create_superuser(username="root", password="motcua-test", kind="staff")
    client.force_login(root)
    return client


@pytest.mark.parametrize(
    "path",
    [
        "organizations/administrativeunit",
        "organizations/agency",
        "organizations/unit",
        "organizations/staffrole",
        "accounts/user",
        "audit/auditevent",
        "catalog/sector",
        "catalog/procedure",
        "catalog/procedureversion",
    ],
)
def test_each_list_and_add_page_answers(superuser_client: Client, path: str) -> None:
    listing = superuser_client.get(f"/quan-tri/{path}/")
    adding = superuser_client.get(f"/quan-tri/{path}/add/")

    assert listing.status_code == 200
    assert adding.status_code in (200, 403)


def test_administrative_units_come_from_the_reference_data_only(
    superuser_client: Client, hoan_kiem_ward: AdministrativeUnit
) -> None:
    assert (
        superuser_client.get("/quan-tri/organizations/administrativeunit/add/").status_code == 403
    )
    url = f"/quan-tri/organizations/administrativeunit/{hoan_kiem_ward.pk}/change/"
    assert 'name="name"' not in superuser_client.get(url).content.decode()


def test_an_agency_with_a_malformed_code_is_refused(
    superuser_client: Client, province_agency: Agency
) -> None:
    response = superuser_client.post(
        "/quan-tri/organizations/agency/add/",
        {
            "code": "000.00.xx.h26",
            "name": "Sở thử",
            "level": "province",
            "valid_from": "01/07/2025",
            "units-TOTAL_FORMS": "0",
            "units-INITIAL_FORMS": "0",
            "units-MIN_NUM_FORMS": "0",
            "units-MAX_NUM_FORMS": "1000",
        },
    )

    assert response.status_code == 200
    assert "Mã định danh cơ quan chỉ gồm chữ số, chữ in hoa A–Z" in response.content.decode()
    assert Agency.objects.count() == 1
