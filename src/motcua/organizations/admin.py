"""Organizations in the admin: administrative units (read-only), agencies, units, roles."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from motcua.audit.admin import AuditedModelAdmin
from motcua.organizations.models import AdministrativeUnit, Agency, StaffRole, Unit


@admin.register(AdministrativeUnit)
class AdministrativeUnitAdmin(admin.ModelAdmin[AdministrativeUnit]):
    """Loaded from the reference package by `load_administrative_units`; not edited by hand."""

    list_display = ["code", "name", "division_type", "level", "parent"]
    list_filter = ["level", "division_type"]
    search_fields = ["code", "name", "name_folded"]
    list_select_related = ["parent"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class UnitInline(admin.TabularInline[Unit, Agency]):
    model = Unit
    extra = 0


@admin.register(Agency)
class AgencyAdmin(AuditedModelAdmin[Agency]):
    list_display = ["code", "name", "level", "parent", "administrative_unit", "valid_from"]
    list_filter = ["level"]
    search_fields = ["code", "name"]
    autocomplete_fields = ["parent", "administrative_unit", "successor"]
    list_select_related = ["parent", "administrative_unit"]
    inlines = [UnitInline]


@admin.register(Unit)
class UnitAdmin(AuditedModelAdmin[Unit]):
    list_display = ["name", "code", "kind", "agency"]
    list_filter = ["kind"]
    search_fields = ["name", "code", "agency__name", "agency__code"]
    autocomplete_fields = ["agency"]
    list_select_related = ["agency"]


@admin.register(StaffRole)
class StaffRoleAdmin(AuditedModelAdmin[StaffRole]):
    list_display = ["user", "role", "agency", "unit"]
    list_filter = ["role", "agency"]
    search_fields = ["user__username", "user__full_name", "agency__name"]
    autocomplete_fields = ["user", "agency", "unit"]
    list_select_related = ["user", "agency", "unit"]
