"""An agency administrator edits result templates in the admin and previews them as PDF
with sample data, saved or not."""

from __future__ import annotations

import pytest
from django.test import Client

from motcua.accounts.models import User
from motcua.documents.models import ResultTemplate
from motcua.organizations.models import Agency, Role
from tests.conftest import make_staff
from tests.documents.conftest import pdf_text

PREVIEW = "/quan-tri/documents/resulttemplate/preview/"


@pytest.fixture
def agency_admin(commune_agency: Agency) -> User:
    user = make_staff("quantri.hoankiem", commune_agency, Role.ADMIN)
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    return user


def test_the_preview_renders_the_posted_text_with_sample_data(
    client: Client, agency_admin: User, commune_agency: Agency
) -> None:
    client.force_login(agency_admin)

    response = client.post(
        PREVIEW,
        {
            "agency": commune_agency.pk,
            "title": "Trích lục khai sinh",
            "body": "Người đi đăng ký: {{ applicant_name }}\n\nCơ quan: {{ agency_name }}",
            "signer_title": "Chủ tịch",
            "on_behalf_of": "TM. Ủy ban nhân dân",
        },
    )

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "TRÍCH LỤC KHAI SINH" in text
    assert "DỰ THẢO" in text and "chưa có giá trị pháp lý" in text
    assert "Người đi đăng ký: Nguyễn Thị Hường" in text
    assert "Cơ quan: UBND Phường Hoàn Kiếm" in text
    assert "Vị trí chữ ký số" in text


def test_a_bad_template_is_explained_not_rendered(client: Client, agency_admin: User) -> None:
    client.force_login(agency_admin)

    response = client.post(PREVIEW, {"title": "X", "body": "{% include 'a.html' %}"})

    assert response.status_code == 400
    assert "Không được dùng thẻ" in response.content.decode()


def test_a_template_with_a_forbidden_tag_cannot_be_saved(commune_agency: Agency) -> None:
    from django.core.exceptions import ValidationError

    template = ResultTemplate(agency=commune_agency, name="X", title="X", body="{% load static %}")
    with pytest.raises(ValidationError):
        template.full_clean()


def test_the_change_form_offers_the_preview(
    client: Client, agency_admin: User, commune_agency: Agency
) -> None:
    template = ResultTemplate.objects.create(
        agency=commune_agency,
        name="Giấy khai sinh",
        title="Giấy khai sinh",
        body="{{ applicant_name }}",
    )
    client.force_login(agency_admin)

    html = client.get(f"/quan-tri/documents/resulttemplate/{template.pk}/change/").content.decode()

    assert PREVIEW in html
    assert "Xem trước PDF" in html


def test_an_administrator_sees_only_their_agencys_templates(
    client: Client, agency_admin: User, other_agency: Agency
) -> None:
    theirs = ResultTemplate.objects.create(agency=other_agency, name="Khác", title="Khác", body="x")
    client.force_login(agency_admin)

    response = client.get(f"/quan-tri/documents/resulttemplate/{theirs.pk}/change/")

    assert response.status_code in (302, 404)
