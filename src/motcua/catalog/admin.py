"""Catalog maintenance in the admin, with the same rules as the importer and the services.

Drafts are edited freely but saved only when valid (JSON Schema, durations, step budgets
adding up to the legal duration). Published versions are read-only; "Tạo phiên bản mới"
copies the latest version into a new draft, and "Công bố" publishes through the service.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.forms.models import BaseInlineFormSet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html

from motcua.audit.admin import AuditedModelAdmin
from motcua.catalog.models import (
    Fee,
    Procedure,
    ProcedureVersion,
    ProcessStep,
    RequiredDocument,
    Sector,
)
from motcua.catalog.services import version_create_draft, version_publish
from motcua.catalog.validation import validate_step_budgets
from motcua.workdays.durations import DurationError


@admin.register(Sector)
class SectorAdmin(AuditedModelAdmin[Sector]):
    list_display = ["code", "name"]
    search_fields = ["code", "name"]


class VersionInline(admin.TabularInline[ProcedureVersion, Procedure]):
    """Versions are listed here and opened on their own page, where each is edited."""

    model = ProcedureVersion
    fields = ["number", "effective_from", "change_kind", "duration_value", "duration_unit"]
    readonly_fields = ["number", "effective_from", "change_kind", "duration_value", "duration_unit"]
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


def _draft_from_latest(
    admin_view: admin.ModelAdmin[Any], request: HttpRequest, versions: list[ProcedureVersion]
) -> None:
    actor = request.user if request.user.is_authenticated else None
    for version in versions:
        try:
            draft = version_create_draft(version=version, actor=actor)
        except ValidationError as exc:
            admin_view.message_user(request, " ".join(exc.messages), messages.ERROR)
            continue
        url = reverse("admin:catalog_procedureversion_change", args=[draft.pk])
        admin_view.message_user(
            request,
            format_html('Đã tạo bản nháp <a href="{}">{}</a>.', url, draft),
            messages.SUCCESS,
        )


@admin.register(Procedure)
class ProcedureAdmin(AuditedModelAdmin[Procedure]):
    list_display = ["code", "name", "sector", "level", "service_level", "is_demo", "abolished_on"]
    list_filter = ["sector", "level", "service_level", "is_demo"]
    search_fields = ["code", "name", "keywords", "search_text"]
    list_select_related = ["sector"]
    filter_horizontal = ["agencies"]
    autocomplete_fields = ["replaced_by"]
    inlines = [VersionInline]
    actions = ["create_new_version"]

    @admin.action(description="Tạo phiên bản mới")
    def create_new_version(self, request: HttpRequest, queryset: QuerySet[Procedure]) -> None:
        latest = []
        for procedure in queryset:
            version = procedure.versions.order_by("-number").first()
            if version is None:
                self.message_user(
                    request, f"Thủ tục {procedure.code} chưa có phiên bản nào.", messages.WARNING
                )
            else:
                latest.append(version)
        _draft_from_latest(self, request, latest)


class PublishedReadOnlyInline(admin.TabularInline[Any, ProcedureVersion]):
    """Rows of a published version cannot be added, changed or removed."""

    extra = 0

    def _editable(self, obj: ProcedureVersion | None) -> bool:
        return obj is None or not obj.is_published

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._editable(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._editable(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._editable(obj) and super().has_delete_permission(request, obj)


class DocumentInline(PublishedReadOnlyInline):
    model = RequiredDocument
    fields = [
        "order",
        "code",
        "name",
        "originals",
        "copies",
        "requirement",
        "condition",
        "action",
        "accepted_types",
        "form_template",
        "declared_online",
    ]


class FeeInline(PublishedReadOnlyInline):
    model = Fee
    fields = ["order", "name", "kind", "amount", "unit", "channel", "exemptions", "note"]


class StepFormSet(BaseInlineFormSet):  # type: ignore[type-arg]
    """The internal process must add up to the version's legal duration."""

    def clean(self) -> None:
        super().clean()
        if any(self.errors):
            return
        budgets = [
            form.cleaned_data["budget_hours"]
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        try:
            duration = self.instance.duration
        except (DurationError, ValueError, TypeError):
            return  # the version form already says what is wrong with the duration
        validate_step_budgets(duration, budgets)


class StepInline(PublishedReadOnlyInline):
    model = ProcessStep
    formset = StepFormSet
    fields = ["order", "name", "unit_kind", "role", "budget_hours"]


@admin.register(ProcedureVersion)
class ProcedureVersionAdmin(AuditedModelAdmin[ProcedureVersion]):
    list_display = ["procedure", "number", "effective_from", "change_kind", "state"]
    list_filter = ["change_kind", "procedure__sector"]
    search_fields = ["procedure__code", "procedure__name"]
    list_select_related = ["procedure"]
    autocomplete_fields = ["procedure"]
    inlines = [DocumentInline, FeeInline, StepInline]
    actions = ["publish", "create_new_version"]

    @admin.display(description="trạng thái")
    def state(self, version: ProcedureVersion) -> str:
        if version.published_at is None:
            return "Bản nháp"
        return f"Đã công bố {version.published_at:%d/%m/%Y}"

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        if obj is not None and obj.is_published:
            return [f.name for f in ProcedureVersion._meta.fields]
        return ["published_at"]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is not None and obj.is_published:
            return False
        return super().has_delete_permission(request, obj)

    @admin.action(description="Công bố phiên bản đã chọn")
    def publish(self, request: HttpRequest, queryset: QuerySet[ProcedureVersion]) -> None:
        actor = request.user if request.user.is_authenticated else None
        for version in queryset.select_related("procedure"):
            try:
                version_publish(version=version, actor=actor)
            except ValidationError as exc:
                self.message_user(request, f"{version}: {' '.join(exc.messages)}", messages.ERROR)
            else:
                self.message_user(request, f"Đã công bố {version}.", messages.SUCCESS)

    @admin.action(description="Tạo phiên bản mới")
    def create_new_version(
        self, request: HttpRequest, queryset: QuerySet[ProcedureVersion]
    ) -> None:
        _draft_from_latest(self, request, list(queryset.select_related("procedure")))
