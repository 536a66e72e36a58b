"""The REST API: thin over the services, clear 4xx answers, session and token auth."""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client

from motcua.accounts.models import User
from motcua.catalog.models import ProcedureVersion
from motcua.dossiers.api_actions import ACTIONS
from motcua.dossiers.models import Dossier, Status
from motcua.dossiers.services.tokens import api_token_create
from motcua.organizations.models import Agency
from tests.dossiers.conftest import GOOD_DECLARATION, VN

pytestmark = pytest.mark.django_db

DOCS = [
    {"code": "to-khai", "provision": "counter", "originals": 1},
    {"code": "giay-chung-sinh", "provision": "counter", "originals": 1},
]


def logged_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def post(client: Client, url: str, body: Any, **extra: Any) -> Any:
    return client.post(url, json.dumps(body), content_type="application/json", **extra)


def create_body(**overrides: Any) -> dict[str, Any]:
    return {
        "procedure": "1.001193",
        "agency": "000.01.01.H26",
        "declaration": dict(GOOD_DECLARATION),
        "documents": DOCS,
        **overrides,
    }


def test_citizen_submits_and_a_retry_returns_the_same_dossier(
    citizen: User, version: ProcedureVersion
) -> None:
    client = logged_in(citizen)
    first = post(client, "/api/v1/dossiers", create_body(), HTTP_IDEMPOTENCY_KEY="k-1")
    again = post(client, "/api/v1/dossiers", create_body(), HTTP_IDEMPOTENCY_KEY="k-1")
    assert first.status_code == 201, first.content
    assert again.json()["id"] == first.json()["id"]
    assert first.json()["status"] == 1 and Dossier.objects.count() == 1


def test_a_schema_violation_names_the_field(citizen: User, version: ProcedureVersion) -> None:
    response = post(
        logged_in(citizen), "/api/v1/dossiers", create_body(declaration={"child_name": "An"})
    )
    assert response.status_code == 422
    assert response.json()["field"] == "declaration.child_birth_date"
    assert "Ngày sinh" in response.json()["message"]


def test_a_text_past_the_ceiling_is_a_422_and_nothing_is_saved(
    citizen: User, version: ProcedureVersion
) -> None:
    """The test schema sets no maxLength on the child's name: the ceiling holds it."""
    declaration = dict(GOOD_DECLARATION, child_name="Nguyễn " * 1000)
    response = post(logged_in(citizen), "/api/v1/dossiers", create_body(declaration=declaration))
    assert response.status_code == 422
    assert response.json()["field"] == "declaration.child_name"
    assert "không được dài quá 5000 ký tự" in response.json()["message"]
    assert not Dossier.objects.exists()


def test_unknown_procedure_is_a_422(citizen: User, version: ProcedureVersion) -> None:
    response = post(logged_in(citizen), "/api/v1/dossiers", create_body(procedure="9.999999"))
    assert response.status_code == 422 and response.json()["field"] == "procedure"


def test_a_version_published_for_a_later_date_does_not_stop_submissions(
    citizen: User, version: ProcedureVersion
) -> None:
    """The version in force today takes the dossier, as on the portal; the API used to
    pick the newest published one and refuse until its effective date."""
    ProcedureVersion.objects.create(
        procedure=version.procedure,
        number=2,
        effective_from=date(2027, 1, 1),
        published_at=datetime(2026, 11, 1, tzinfo=VN),
        duration_value=version.duration_value,
        duration_unit=version.duration_unit,
        declaration_schema=version.declaration_schema,
    )
    response = post(logged_in(citizen), "/api/v1/dossiers", create_body())
    assert response.status_code == 201, response.content
    assert Dossier.objects.get(pk=response.json()["id"]).procedure_version_id == version.pk


def test_a_procedure_not_yet_in_force_is_a_422(citizen: User, version: ProcedureVersion) -> None:
    version.effective_from = date(2027, 1, 1)
    version.save(update_fields=["effective_from"])
    response = post(logged_in(citizen), "/api/v1/dossiers", create_body())
    assert response.status_code == 422 and response.json()["field"] == "procedure"
    assert "01/01/2027" in response.json()["message"]


@pytest.mark.parametrize("agency", ["000.99.99.H99", "", "' OR 1=1 --"])
def test_unknown_agency_is_a_422_naming_it(
    citizen: User, version: ProcedureVersion, agency: str
) -> None:
    response = post(logged_in(citizen), "/api/v1/dossiers", create_body(agency=agency))
    assert response.status_code == 422 and response.json()["field"] == "agency"
    assert not Dossier.objects.exists()


def test_codes_are_read_as_printed_around_spaces(citizen: User, version: ProcedureVersion) -> None:
    body = create_body(procedure=" 1.001193 ", agency=" 000.01.01.H26 ")
    assert post(logged_in(citizen), "/api/v1/dossiers", body).status_code == 201


def test_malformed_json_is_a_4xx_not_a_500(citizen: User, version: ProcedureVersion) -> None:
    response = logged_in(citizen).post(
        "/api/v1/dossiers", "{not json", content_type="application/json"
    )
    assert 400 <= response.status_code < 500
    assert response.json()["message"].startswith("Nội dung gửi lên không đọc được: cần JSON")


def test_validation_errors_are_worded_in_vietnamese(
    citizen: User, version: ProcedureVersion
) -> None:
    """Not pydantic's English inside a Vietnamese sentence."""
    body = create_body()
    del body["procedure"]
    missing = post(logged_in(citizen), "/api/v1/dossiers", body).json()
    assert missing["message"] == "Dữ liệu không hợp lệ ở «procedure»: thiếu trường bắt buộc."
    wrong = post(logged_in(citizen), "/api/v1/dossiers", create_body(channel="xa")).json()
    assert "Field required" not in str(wrong) and "Input should" not in str(wrong)


def test_anonymous_callers_are_turned_away(version: ProcedureVersion) -> None:
    assert Client().get("/api/v1/dossiers").status_code == 401


def test_session_posts_need_the_csrf_token(citizen: User, version: ProcedureVersion) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(citizen)
    response = post(client, "/api/v1/dossiers", create_body())
    assert response.status_code == 403
    assert response.json()["message"].startswith("Thiếu hoặc sai mã CSRF")
    assert not Dossier.objects.exists()


def test_the_clerk_acts_with_the_expected_version(new_dossier: Dossier, clerk: User) -> None:
    client = logged_in(clerk)
    url = f"/api/v1/dossiers/{new_dossier.pk}/actions/receive"
    ok = post(client, url, {"expected_version": new_dossier.version})
    stale = post(
        client,
        f"/api/v1/dossiers/{ok.json()['code']}/actions/forward",
        {"expected_version": new_dossier.version},
    )
    assert ok.status_code == 200 and ok.json()["status"] == Status.RECEIVED
    assert stale.status_code == 409
    assert "vừa được cập nhật" in stale.json()["message"]


def test_forbidden_and_impossible_actions(
    new_dossier: Dossier, specialist: User, clerk: User
) -> None:
    url = f"/api/v1/dossiers/{new_dossier.pk}/actions"
    v = {"expected_version": new_dossier.version}
    assert post(logged_in(specialist), f"{url}/receive", v).status_code == 403
    assert post(logged_in(clerk), f"{url}/return_result", v).status_code == 409
    assert post(logged_in(clerk), f"{url}/teleport", v).status_code == 404


def test_outsiders_and_other_citizens_get_the_same_404(
    received: Dossier, outsider: User, other_citizen: User
) -> None:
    for someone in (outsider, other_citizen):
        client = logged_in(someone)
        assert client.get(f"/api/v1/dossiers/{received.code}").status_code == 404
        assert (
            post(
                client,
                f"/api/v1/dossiers/{received.code}/actions/forward",
                {"expected_version": received.version},
            ).status_code
            == 404
        )
        # A stale version or an id past any row tells them nothing more.
        for ref, version in [
            (received.code, received.version + 5),
            (str(received.pk), received.version),
            ("9" * 30, 1),
        ]:
            answer = post(
                client, f"/api/v1/dossiers/{ref}/actions/forward", {"expected_version": version}
            )
            assert (answer.status_code, answer.json()["message"]) == (
                404,
                "Không tìm thấy hồ sơ.",
            )
        listed = client.get("/api/v1/dossiers").json()
        assert (listed["items"], listed["count"], listed.get("next")) == ([], 0, None)
    assert Dossier.objects.get(pk=received.pk).version == received.version


def test_list_filters_and_queue(at_specialist: Dossier, specialist: User, clerk: User) -> None:
    body = logged_in(specialist).get("/api/v1/dossiers?queue=true").json()
    assert body["count"] == 1 and body["items"][0]["code"] == at_specialist.code
    assert logged_in(clerk).get("/api/v1/dossiers?status=2").json()["count"] == 0
    assert logged_in(clerk).get("/api/v1/dossiers?status=4&channel=2").json()["count"] == 1


def test_timeline_and_messages(at_specialist: Dossier, citizen: User, specialist: User) -> None:
    sent = post(
        logged_in(specialist),
        f"/api/v1/dossiers/{at_specialist.code}/messages",
        {"body": "Chị kiểm tra lại ngày sinh giúp em."},
    ).json()
    thread = logged_in(citizen).get(f"/api/v1/dossiers/{at_specialist.code}/messages").json()
    assert [m["body"] for m in thread["items"]] == ["Chị kiểm tra lại ngày sinh giúp em."]
    # The message's instant is written like every other in the API: Vietnam's time.
    assert sent["at"] == thread["items"][0]["at"] and sent["at"].endswith("+07:00")
    steps = logged_in(citizen).get(f"/api/v1/dossiers/{at_specialist.code}/timeline").json()
    assert [e["action"] for e in steps["items"]] == ["submit", "receive", "forward", "message"]


def test_drafts_round_trip(citizen: User, version: ProcedureVersion) -> None:
    client = logged_in(citizen)
    draft = post(
        client,
        "/api/v1/drafts",
        {"procedure": "1.001193", "agency": "000.01.01.H26", "declaration": {"child_name": "An"}},
    ).json()
    assert draft["status"] == 0
    updated = client.put(
        f"/api/v1/drafts/{draft['id']}",
        json.dumps(
            {
                "procedure": "1.001193",
                "agency": "000.01.01.H26",
                "declaration": dict(GOOD_DECLARATION),
                "documents": DOCS,
                "expected_version": draft["version"],
            }
        ),
        content_type="application/json",
    )
    assert updated.status_code == 200, updated.content
    submitted = post(client, f"/api/v1/drafts/{draft['id']}/submit", {})
    assert submitted.json()["status"] == 1
    assert client.get("/api/v1/drafts").json()["count"] == 0


def test_upload_checks_the_content(
    new_dossier: Dossier, citizen: User, settings: Any, tmp_path: Any
) -> None:
    settings.MEDIA_ROOT = str(tmp_path)
    client = logged_in(citizen)
    from django.core.files.uploadedfile import SimpleUploadedFile

    good = client.post(
        f"/api/v1/dossiers/{new_dossier.pk}/attachments",
        {"file": SimpleUploadedFile("a.pdf", b"%PDF-1.4\n%%EOF\n"), "document": "to-khai"},
    )
    bad = client.post(
        f"/api/v1/dossiers/{new_dossier.pk}/attachments",
        {"file": SimpleUploadedFile("b.pdf", b"MZ not a pdf")},
    )
    assert good.status_code == 201 and good.json()["content_type"] == "application/pdf"
    assert bad.status_code == 422 and bad.json()["field"] == "file"


def test_public_lookup_and_its_rate_limit(received: Dossier) -> None:
    cache.clear()
    client = Client()
    ok = post(client, "/api/v1/lookup", {"code": received.code, "secret": received.lookup_secret})
    assert ok.status_code == 200
    assert set(ok.json()) == {
        "code",
        "procedure",
        "status",
        "status_label",
        "step",
        "received_at",
        "due_at",
        "finished_at",
    }
    typed = post(
        client, "/api/v1/lookup", {"code": (received.code or "").lower(), "secret": "+84912345678"}
    )
    assert typed.status_code == 200 and typed.json()["code"] == received.code
    assert typed.json()["procedure"] == received.procedure_version.procedure.name
    wrong = post(client, "/api/v1/lookup", {"code": received.code, "secret": "AAAAAAAA"})
    unknown = post(client, "/api/v1/lookup", {"code": "X-000000-0001", "secret": "AAAAAAAA"})
    assert wrong.status_code == unknown.status_code == 404
    assert wrong.json() == unknown.json()
    for _ in range(10):
        last = post(client, "/api/v1/lookup", {"code": received.code, "secret": "AAAAAAAA"})
    assert last.status_code == 429 and int(last["Retry-After"]) > 0
    cache.clear()  # leave no block on this address for the tests that run next


def test_integrators_use_a_bearer_token(received: Dossier, clerk: User) -> None:
    token, raw = api_token_create(
        user=clerk, agency=received.receiving_agency, name="Cổng DVC quốc gia", actor=clerk
    )
    client = Client()
    ok = client.get(f"/api/v1/dossiers/{received.code}", HTTP_AUTHORIZATION=f"Bearer {raw}")
    bad = client.get(f"/api/v1/dossiers/{received.code}", HTTP_AUTHORIZATION="Bearer mc_nope")
    assert ok.status_code == 200 and ok.json()["code"] == received.code
    assert bad.status_code == 401
    assert raw not in token.key_hash
    moved = client.post(
        f"/api/v1/dossiers/{received.code}/actions/forward",
        json.dumps({"expected_version": received.version}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {raw}",
    )
    assert moved.status_code == 200  # no CSRF for tokens


def test_a_counter_intake_answers_what_a_read_of_it_shows(
    clerk: User, version: ProcedureVersion
) -> None:
    """The intake's answer lists the checklist lines it has just written without reading
    them back; it must say what any later read of the dossier says, lines in order."""
    client = logged_in(clerk)
    # Given in the reverse of the procedure's order, one line with copies.
    documents = [
        {"code": "giay-chung-sinh", "provision": "counter", "originals": 1, "copies": 2},
        {"code": "to-khai", "provision": "counter", "originals": 1},
    ]
    body = create_body(
        channel=1,
        applicant={"name": "Nguyễn Thị Hoa", "identity_number": "001190012345"},
        documents=documents,
    )
    sent: list[str] = []

    def record(execute: Any, sql: str, *args: Any) -> Any:
        sent.append(sql)
        return execute(sql, *args)

    # Not CaptureQueriesContext: each request clears the connection's query log.
    with connection.execute_wrapper(record):
        made = post(client, "/api/v1/dossiers", body)
    assert made.status_code == 201, made.content
    answer = made.json()
    assert [d["code"] for d in answer["documents"]] == ["giay-chung-sinh", "to-khai"]
    assert answer["documents"][0]["copies"] == 2 and answer["attachments"] == []
    read = client.get(f"/api/v1/dossiers/{answer['code']}").json()
    assert answer == read
    assert any("INSERT INTO" in sql and "dossierdocument" in sql for sql in sent)
    read_back = [
        sql
        for sql in sent
        if sql.startswith("SELECT") and ("dossierdocument" in sql or "attachment" in sql)
    ]
    assert read_back == []


def test_a_submission_checks_the_version_with_what_its_own_read_found(
    citizen: User, clerk: User, version: ProcedureVersion, other_agency: Agency
) -> None:
    """The API's read of the procedure's published versions also tells whether the
    agency named offers it: the service's checks use that and read nothing again, and
    refuse an agency that does not offer it, by field, as before."""
    sent: list[str] = []

    def record(execute: Any, sql: str, *args: Any) -> Any:
        sent.append(sql)
        return execute(sql, *args)

    clerk_client = logged_in(clerk)
    with connection.execute_wrapper(record):
        made = post(
            clerk_client,
            "/api/v1/dossiers",
            create_body(channel=1, applicant={"name": "Trần Văn Bình"}),
        )
    assert made.status_code == 201, made.content
    version_reads = [sql for sql in sent if 'FROM "catalog_procedureversion"' in sql]
    assert len(version_reads) == 1 and "catalog_procedure_agencies" in version_reads[0]

    refused = post(logged_in(citizen), "/api/v1/dossiers", create_body(agency=other_agency.code))
    assert refused.status_code == 422
    assert refused.json()["field"] == "agency"
    assert "không thực hiện thủ tục này" in refused.json()["message"]
    assert not Dossier.objects.filter(receiving_agency=other_agency).exists()


def test_an_unknown_action_lists_the_ones_there_are(new_dossier: Dossier, clerk: User) -> None:
    answer = post(
        logged_in(clerk),
        f"/api/v1/dossiers/{new_dossier.pk}/actions/fly",
        {"expected_version": new_dossier.version},
    )
    assert answer.status_code == 404
    assert answer.json()["message"] == (
        f"Không có thao tác «fly». Các thao tác: {', '.join(ACTIONS)}."
    )


@pytest.mark.parametrize("action", ACTIONS)
def test_every_listed_action_is_one_the_api_takes(
    new_dossier: Dossier, clerk: User, action: str
) -> None:
    """A listed action is never answered «Không có thao tác»: it is refused for its own
    reasons (a role, a state, a missing field) if at all."""
    answer = post(
        logged_in(clerk),
        f"/api/v1/dossiers/{new_dossier.pk}/actions/{action}",
        {"expected_version": new_dossier.version},
    )
    assert "Không có thao tác" not in answer.json().get("message", "")


def test_forwarding_to_another_agency_s_official_does_not_name_them(
    received: Dossier, clerk: User, outsider: User
) -> None:
    outsider.full_name = "Vũ Văn Nam"
    outsider.save(update_fields=["full_name"])
    answer = post(
        logged_in(clerk),
        f"/api/v1/dossiers/{received.code}/actions/forward",
        {"expected_version": received.version, "assignee": outsider.username},
    )
    assert answer.status_code == 422
    message = answer.json()["message"]
    assert message.startswith(f"Tài khoản «{outsider.username}» không có vai trò thực hiện bước")
    assert "Vũ Văn Nam" not in message
    assert Dossier.objects.get(pk=received.pk).version == received.version
