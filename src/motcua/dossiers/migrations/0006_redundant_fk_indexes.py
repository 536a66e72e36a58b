"""Three single-column foreign-key indexes that a composite index already starts with.

Django's own AlterField would drop each foreign-key constraint and add it back, which
re-checks every row under a lock that stops writes (19 million audit rows on the bench
database). Only the indexes are dropped here; the constraints stay as they are."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

# (table, column, index Django named for it): the same name on PostgreSQL and SQLite.
REDUNDANT = [
    ("dossiers_dossier", "applicant_id", "dossiers_dossier_applicant_id_3ba18564"),
    ("dossiers_dossierdocument", "dossier_id", "dossiers_dossierdocument_dossier_id_f5ff47e3"),
    ("dossiers_dossierevent", "dossier_id", "dossiers_dossierevent_dossier_id_90237d93"),
]


class Migration(migrations.Migration):
    dependencies = [
        ("dossiers", "0005_newest_first_indexes"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RunSQL(
                    f'DROP INDEX IF EXISTS "{index}"',
                    reverse_sql=f'CREATE INDEX "{index}" ON "{table}" ("{column}")',
                )
                for table, column, index in REDUNDANT
            ],
            state_operations=[
                migrations.AlterField(
                    model_name="dossier",
                    name="applicant",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="dossiers",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="tài khoản người nộp",
                    ),
                ),
                migrations.AlterField(
                    model_name="dossierdocument",
                    name="dossier",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="documents",
                        to="dossiers.dossier",
                        verbose_name="hồ sơ",
                    ),
                ),
                migrations.AlterField(
                    model_name="dossierevent",
                    name="dossier",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="events",
                        to="dossiers.dossier",
                        verbose_name="hồ sơ",
                    ),
                ),
            ],
        )
    ]
