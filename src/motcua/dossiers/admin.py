"""Dossiers in the admin: for looking, not for changing. A dossier's state only changes
through the services (which check roles, state and version and write the audit trail),
so every field here is read-only."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from motcua.dossiers.models import ApiToken, Dossier, DossierEvent, Message


class ReadOnlyInline(admin.TabularInline):  # type: ignore[type-arg]
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


EVENT_FIELDS = (
    "at",
    "actor",
    "actor_role",
    "action",
    "from_status",
    "to_status",
    "to_step",
    "reason",
    "timeliness",
)
MESSAGE_FIELDS = ("at", "author", "from_citizen", "body")


class EventInline(ReadOnlyInline):
    model = DossierEvent
    fields = EVENT_FIELDS
    readonly_fields = EVENT_FIELDS


class MessageInline(ReadOnlyInline):
    model = Message
    fields = MESSAGE_FIELDS
    readonly_fields = MESSAGE_FIELDS


@admin.register(Dossier)
class DossierAdmin(admin.ModelAdmin[Dossier]):
    list_display = [
        "code",
        "status",
        "procedure_version",
        "receiving_agency",
        "received_at",
        "due_at",
        "current_step",
        "assignee",
    ]
    list_filter = ["status", "channel", "receiving_agency"]
    search_fields = ["code", "applicant_name", "applicant_identity_number"]
    date_hierarchy = "received_at"
    inlines = [EventInline, MessageInline]
    list_select_related = [
        "procedure_version__procedure",
        "receiving_agency",
        "current_step",
        "assignee",
    ]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return [f.name for f in Dossier._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin[ApiToken]):
    """Tokens are issued with ``motcua manage api_token``, which shows the secret once."""

    list_display = ["name", "prefix", "user", "agency", "created_at", "last_used_at", "revoked_at"]
    readonly_fields = ["user", "agency", "name", "prefix", "key_hash", "created_at", "last_used_at"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
