"""The process control slip (Mẫu 06) follows the dossier to the applicant and back: a
supplement asked and answered has its rows, and the result is handed to the applicant,
not to the unit that hands it over."""

from __future__ import annotations

import pytest
from django.test import Client

from motcua.accounts.models import User
from motcua.documents.slips_from_dossier import control_rows, person
from motcua.dossiers import services
from motcua.dossiers.models import Dossier

pytestmark = pytest.mark.django_db


def test_a_supplement_asked_and_answered_has_its_rows(
    at_specialist: Dossier, specialist: User, citizen: User
) -> None:
    asked = services.dossier_request_supplement(
        dossier=at_specialist,
        actor=specialist,
        expected_version=at_specialist.version,
        reason="Giấy chứng sinh chụp mờ",
    )
    services.dossier_supplement(
        dossier=asked, actor=citizen, expected_version=asked.version, note="Bản rõ nét"
    )
    rows = control_rows(Dossier.objects.get(pk=at_specialist.pk))
    applicant = f"Người nộp: {at_specialist.applicant_name}"
    request, answer = rows[-2], rows[-1]
    assert request.received_by == applicant
    assert request.note == "Yêu cầu bổ sung hồ sơ: Giấy chứng sinh chụp mờ"
    assert request.handed_by.endswith(person(specialist))
    assert answer.handed_by == applicant and answer.note == "Đã bổ sung hồ sơ"
    assert answer.received_by and answer.received_by != applicant


def test_the_result_is_handed_to_the_applicant(resolved: Dossier, clerk: User) -> None:
    returned = services.dossier_return_result(
        dossier=resolved, actor=clerk, expected_version=resolved.version
    )
    last = control_rows(returned)[-1]
    assert last.received_by == f"Người nộp: {returned.applicant_name}"
    assert last.handed_by != last.received_by
    # The desk's table of hand-offs says the same.
    desk = Client()
    desk.force_login(clerk)
    page = desk.get(f"/can-bo/ho-so/{returned.pk}/").content.decode()
    assert f"<td>Người nộp: {returned.applicant_name}</td>" in page
