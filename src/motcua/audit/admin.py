"""The audit trail in the admin: readable by those allowed, never editable by anyone.

``AuditedModelAdmin`` makes every admin addition, change and deletion also write an audit
row, so a catalog or organization edited through the admin leaves the same trail as one
changed by a service.
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.contrib import admin
from django.db import models, transaction
from django.http import HttpRequest

from motcua.accounts.models import User
from motcua.audit.models import AuditEvent
from motcua.audit.services import audit_record

M = TypeVar("M", bound=models.Model)


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin[AuditEvent]):
    list_display = ["at", "action", "subject_type", "subject_id", "actor", "summary"]
    list_filter = ["action", "subject_type"]
    search_fields = ["summary", "subject_id", "action", "actor__username"]
    date_hierarchy = "at"
    list_select_related = ["actor"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class AuditedModelAdmin(admin.ModelAdmin[M]):
    """Writes an audit row next to Django's admin log entry for every admin write."""

    def get_actions(self, request: HttpRequest) -> dict[str, Any]:
        # Bulk deletion would bypass each object's own rules; delete one at a time.
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def log_addition(self, request: HttpRequest, obj: M, message: Any) -> Any:
        self._audit(request, obj, "created", f"Thêm {obj} (trang quản trị)", message)
        return super().log_addition(request, obj, message)

    def log_change(self, request: HttpRequest, obj: M, message: Any) -> Any:
        self._audit(request, obj, "changed", f"Sửa {obj} (trang quản trị)", message)
        return super().log_change(request, obj, message)

    def log_deletions(self, request: HttpRequest, queryset: Any) -> Any:
        for obj in queryset:
            self._audit(request, obj, "deleted", f"Xóa {obj} (trang quản trị)", "")
        return super().log_deletions(request, queryset)

    def _audit(self, request: HttpRequest, obj: M, verb: str, summary: str, message: Any) -> None:
        actor = request.user if isinstance(request.user, User) else None
        # Joins the admin view's transaction; the password view has none of its own.
        with transaction.atomic():
            audit_record(
                action=f"{obj._meta.app_label}.{obj._meta.model_name}_{verb}_in_admin",
                subject=obj,
                actor=actor,
                summary=summary,
                changes={"admin_message": message} if message else {},
            )
