"""A citizen whose identity the national identity provider has just proven gets the
dossiers entered at the counter under their number (``services.linking``): those on no
account, looked up by identity number. No index held that number, so each such login
read the whole dossier table (5 M rows). This one is partial: only dossiers on no
account have an entry, so online submissions cost nothing more to write, and a dossier
leaves it once linked. Built CONCURRENTLY on PostgreSQL (``core.migration_ops``); SQLite
builds the same partial index the plain way."""

from django.db import migrations, models

from motcua.core.migration_ops import AddIndexOnline


class Migration(migrations.Migration):
    atomic = False  # CREATE INDEX CONCURRENTLY cannot run in a transaction

    dependencies = [
        ("dossiers", "0010_attachment_withdrawn"),
    ]

    operations = [
        AddIndexOnline(
            model_name="dossier",
            index=models.Index(
                fields=["applicant_identity_number"],
                condition=models.Q(applicant__isnull=True)
                & ~models.Q(applicant_identity_number=""),
                name="dossier_unlinked_identity_idx",
            ),
        ),
    ]
