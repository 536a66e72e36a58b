"""Rows derived from the generated dossiers inside the database: the audit trail
(``DossierEvent``), the documents checklist and the attachment metadata.

One ``INSERT ... SELECT`` per kind of event over a range of dossier ids, in SQL that
PostgreSQL and SQLite both read, so the data never travels through Python. Each
dossier's events end at ``record_version == dossier.version``, as the services leave it.
"""

from __future__ import annotations

from django.db.backends.utils import CursorWrapper

EVENT_COLUMNS = (
    "dossier_id, at, actor_id, actor_role, action, from_status, to_status, reason, changes,"
    " step_due_at, timeliness, timeliness_minutes, record_version, from_step_id, to_step_id,"
    " from_unit_id, to_unit_id, from_user_id, to_user_id"
)
FIRST_STEP = (
    "(SELECT s.id FROM catalog_processstep s"
    ' WHERE s.version_id = d.procedure_version_id ORDER BY s."order" LIMIT 1)'
)
# (action, at, actor_role, from_status, to_status, step, record_version, timeliness, where)
EVENTS = [
    ("'submit'", "d.submitted_at", "'citizen'", "NULL", "1", "NULL", "1", "''", "d.status = 1"),
    (
        "CASE WHEN d.channel = 2 THEN 'receive' ELSE 'intake' END",
        "d.received_at", "'clerk'", "NULL", "2", FIRST_STEP, "1", "''", "d.status <> 1",
    ),
    ("'forward'", "d.current_step_started_at", "'clerk'", "2", "4", "d.current_step_id", "2", "''",
     "d.status IN (4, 5)"),
    ("'request_supplement'", "d.paused_at", "'specialist'", "4", "5", "d.current_step_id", "3",
     "''", "d.status = 5"),
    ("'approve'", "d.approved_at", "'leader'", "2", "4", "NULL", "2", "''", "d.status IN (9, 10)"),
    ("'resolve'", "d.finished_at", "'leader'", "4", "9", "NULL", "3",
     "CASE WHEN d.finished_at > d.due_at THEN 'late' ELSE 'on_time' END", "d.status IN (9, 10)"),
    ("'return_result'", "d.returned_at", "'clerk'", "9", "10", "NULL", "4", "''", "d.status = 10"),
    ("CASE WHEN d.status = 7 THEN 'withdraw' ELSE 'stop' END", "d.closed_at", "'clerk'", "2",
     "d.status", "NULL", "2", "''", "d.status IN (7, 8)"),
]  # fmt: skip
SHA = "0" * 64


def event_statements() -> list[str]:
    statements = []
    for action, at, role, before, after, step, version, timely, where in EVENTS:
        due = "d.due_at" if action == "'resolve'" else "NULL"
        statements.append(
            f"INSERT INTO dossiers_dossierevent ({EVENT_COLUMNS}) "
            f"SELECT d.id, {at}, d.received_by_id, {role}, {action}, {before}, {after}, '', "
            f"'{{}}', {due}, {timely}, NULL, {version}, NULL, {step}, NULL, NULL, NULL, NULL "
            f"FROM dossiers_dossier d WHERE d.id BETWEEN %s AND %s AND {where}"
        )
    return statements


DOCUMENTS = (
    "INSERT INTO dossiers_dossierdocument (dossier_id, required_document_id, name, provision,"
    " originals_received, copies_received, reused_reference) "
    "SELECT d.id, m.document_id, m.name, CASE WHEN d.channel = 2 THEN 'upload' ELSE 'counter' END,"
    " 1, 0, '' FROM dossiers_dossier d JOIN bench_first_document m"
    " ON m.version_id = d.procedure_version_id WHERE d.id BETWEEN %s AND %s"
)
ATTACHMENTS = (
    "INSERT INTO dossiers_attachment (dossier_id, document_id, file, original_name, content_type,"
    " size, sha256, uploaded_at, uploaded_by_id) "
    "SELECT dd.dossier_id, dd.id, 'bench/' || dd.dossier_id, 'giay-to.pdf', 'application/pdf',"
    f" 150000 + dd.dossier_id %% 900000, '{SHA}', d.submitted_at, d.applicant_id"
    " FROM dossiers_dossierdocument dd JOIN dossiers_dossier d ON d.id = dd.dossier_id"
    " WHERE dd.dossier_id BETWEEN %s AND %s AND dd.provision = 'upload'"
)


def prepare_documents(cursor: CursorWrapper, first_documents: list[tuple[int, int, str]]) -> None:
    cursor.execute("DROP TABLE IF EXISTS bench_first_document")
    cursor.execute(
        "CREATE TEMPORARY TABLE bench_first_document"
        " (version_id bigint, document_id bigint, name varchar(500))"
    )
    cursor.executemany("INSERT INTO bench_first_document VALUES (%s, %s, %s)", first_documents)


def derive(cursor: CursorWrapper, low: int, high: int) -> None:
    """Events, checklist lines and attachments of the dossiers with ids in [low, high]."""
    for statement in [*event_statements(), DOCUMENTS, ATTACHMENTS]:
        cursor.execute(statement, [low, high])
