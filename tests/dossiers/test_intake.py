"""Counter intake: the clerk enters a dossier for a walk-in citizen; it is received at once."""

from __future__ import annotations

from datetime import datetime

import pytest

from motcua.accounts.models import User
from motcua.catalog.models import ProcedureVersion
from motcua.dossiers import services
from motcua.dossiers.errors import InvalidInput, NotAllowed
from motcua.dossiers.models import Channel, Dossier, DossierEvent, Status
from motcua.dossiers.services import ApplicantInput
from motcua.organizations.models import Agency
from tests.dossiers.conftest import AT_COUNTER, GOOD_DECLARATION, VN, intake

pytestmark = pytest.mark.django_db


def test_a_walk_in_dossier_is_received_at_once(clerk: User, version: ProcedureVersion) -> None:
    dossier = intake(clerk, version)

    assert dossier.status == Status.RECEIVED
    assert dossier.channel == Channel.IN_PERSON
    assert dossier.applicant is None
    assert dossier.code == "000.01.01.H26-261118-0001"
    assert dossier.received_at == datetime(2026, 11, 18, 9, tzinfo=VN)
    assert dossier.received_by == clerk
    [event] = DossierEvent.objects.filter(dossier=dossier)
    assert (event.action, event.from_status, event.to_status) == ("intake", 1, 2)


def test_postal_dossiers_use_the_postal_duration(clerk: User, commune_agency: Agency) -> None:
    from tests.dossiers.conftest import make_version

    version = make_version(
        commune_agency, code="1.000003", duration=("3", "d"), channel_durations={"postal": "5d"}
    )
    dossier = services.dossier_intake(
        actor=clerk,
        version=version,
        agency=commune_agency,
        applicant=ApplicantInput(name="Trần Văn Bình"),
        declaration=dict(GOOD_DECLARATION),
        documents=list(AT_COUNTER),
        channel=Channel.POSTAL,
    )
    # Five working days, not three; Tuesday 24/11 (Vietnamese Culture Day) is a day off.
    assert dossier.due_at == datetime(2026, 11, 26, 9, tzinfo=VN)


def test_counter_intake_is_for_the_desk(specialist: User, version: ProcedureVersion) -> None:
    with pytest.raises(NotAllowed):
        intake(specialist, version)
    assert not Dossier.objects.exists()


def test_counter_intake_validates_the_declaration(clerk: User, version: ProcedureVersion) -> None:
    with pytest.raises(InvalidInput):
        services.dossier_intake(
            actor=clerk,
            version=version,
            agency=version.procedure.agencies.get(),
            applicant=ApplicantInput(name="Trần Văn Bình"),
            declaration={},
            documents=list(AT_COUNTER),
        )
    assert not Dossier.objects.exists()


def test_an_applicant_name_the_slips_cannot_print_is_refused(
    clerk: User, version: ProcedureVersion
) -> None:
    with pytest.raises(InvalidInput) as refused:
        services.dossier_intake(
            actor=clerk,
            version=version,
            agency=version.procedure.agencies.get(),
            applicant=ApplicantInput(name="Trần Văn Bình 🌸"),
            declaration=dict(GOOD_DECLARATION),
            documents=list(AT_COUNTER),
        )
    assert refused.value.field == "applicant.name" and "«🌸»" in str(refused.value)
    assert not Dossier.objects.exists()


def test_online_is_not_a_counter_channel(clerk: User, version: ProcedureVersion) -> None:
    with pytest.raises(InvalidInput):
        services.dossier_intake(
            actor=clerk,
            version=version,
            agency=version.procedure.agencies.get(),
            applicant=ApplicantInput(name="Trần Văn Bình"),
            declaration=dict(GOOD_DECLARATION),
            documents=list(AT_COUNTER),
            channel=Channel.ONLINE,
        )


def test_an_integrator_retrying_a_counter_intake_gets_one_dossier(
    clerk: User, version: ProcedureVersion
) -> None:
    def send() -> Dossier:
        return services.dossier_intake(
            actor=clerk,
            version=version,
            agency=version.procedure.agencies.get(),
            applicant=ApplicantInput(name="Trần Văn Bình"),
            declaration=dict(GOOD_DECLARATION),
            documents=list(AT_COUNTER),
            channel=Channel.POSTAL,
            idempotency_key="buu-dien-42",
        )

    assert send().pk == send().pk
    assert Dossier.objects.count() == 1


def _intake_as(clerk: User, version: ProcedureVersion, **applicant: str) -> Dossier:
    return services.dossier_intake(
        actor=clerk,
        version=version,
        agency=version.procedure.agencies.get(),
        applicant=ApplicantInput(name="Trần Văn Bình", **applicant),
        declaration=dict(GOOD_DECLARATION),
        documents=list(AT_COUNTER),
    )


@pytest.mark.parametrize(
    ("field", "value", "said"),
    [
        ("identity_number", "12345", "Số định danh cá nhân phải gồm đúng 12 chữ số."),
        ("phone", "abc-xyz", "Số điện thoại không hợp lệ: ghi 10 chữ số bắt đầu bằng 0"),
        ("phone", "091234", "Số điện thoại không hợp lệ"),
        ("email", "not-an-email", "Thư điện tử không hợp lệ, ví dụ ten@example.com."),
    ],
)
def test_contact_details_no_one_could_reach_are_refused_and_nothing_is_saved(
    clerk: User, version: ProcedureVersion, field: str, value: str, said: str
) -> None:
    with pytest.raises(InvalidInput) as refused:
        _intake_as(clerk, version, **{field: value})
    assert refused.value.field == f"applicant.{field}"
    assert str(refused.value).startswith(said)
    assert not Dossier.objects.exists()


@pytest.mark.parametrize("phone", ["0912 345 678", "+84912345678", "024.3825.1234", "0912-345-678"])
def test_phones_as_people_write_them_are_taken(
    clerk: User, version: ProcedureVersion, phone: str
) -> None:
    assert _intake_as(clerk, version, phone=phone).code
