"""What the applicant's messages say: the look-up secret comes with the reception, the
agency's reason with its request, and the applicant's own supplement is acknowledged,
not quoted back as a reason."""

from __future__ import annotations

import pytest

from motcua.accounts.models import User
from motcua.dossiers import services
from motcua.dossiers.models import Dossier
from motcua.notifications.models import Delivery

pytestmark = pytest.mark.django_db


def _sms(dossier: Dossier) -> list[str]:
    return list(
        Delivery.objects.filter(topic=f"dossier:{dossier.pk}", channel="sms")
        .order_by("id")
        .values_list("body", flat=True)
    )


def test_reception_gives_the_code_and_the_lookup_secret(received: Dossier) -> None:
    last = _sms(received)[-1]
    assert received.code is not None and received.code in last
    assert f"Mã tra cứu: {received.lookup_secret}" in last


def test_the_supplement_is_acknowledged_not_quoted_as_a_reason(
    at_specialist: Dossier, specialist: User, citizen: User
) -> None:
    asked = services.dossier_request_supplement(
        dossier=at_specialist,
        actor=specialist,
        expected_version=at_specialist.version,
        reason="Giấy chứng sinh chụp mờ",
    )
    assert "Lý do: Giấy chứng sinh chụp mờ" in _sms(asked)[-1]
    answered = services.dossier_supplement(
        dossier=asked,
        actor=citizen,
        expected_version=asked.version,
        note="Đã thay ảnh mờ bằng bản quét rõ nét.",
    )
    last = _sms(answered)[-1]
    assert "đã nhận phần bổ sung của bạn" in last
    assert "Lý do" not in last and "Đã thay ảnh mờ" not in last
    assert "Mã tra cứu" not in last


def test_a_supplement_before_reception_says_the_dossier_waits_for_reception(
    new_dossier: Dossier, clerk: User, citizen: User
) -> None:
    asked = services.dossier_request_supplement(
        dossier=new_dossier,
        actor=clerk,
        expected_version=new_dossier.version,
        reason="Thiếu giấy chứng sinh",
    )
    answered = services.dossier_supplement(
        dossier=asked, actor=citizen, expected_version=asked.version, note="Đã nộp bản giấy."
    )
    last = _sms(answered)[-1]
    assert "đã nhận phần bổ sung của bạn; hồ sơ chờ cán bộ tiếp nhận." in last
    assert "tiếp tục được xử lý" not in last


def test_a_deployment_can_keep_the_lookup_secret_out_of_messages(
    new_dossier: Dossier, clerk: User, settings: object
) -> None:
    settings.NOTIFY_LOOKUP_SECRET = False  # type: ignore[attr-defined]
    received = services.dossier_receive(
        dossier=new_dossier, actor=clerk, expected_version=new_dossier.version
    )
    last = _sms(received)[-1]
    assert received.code is not None and received.code in last
    assert received.lookup_secret and received.lookup_secret not in last
    assert "Mã tra cứu" not in last
