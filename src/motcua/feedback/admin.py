"""Ratings in the admin: readable, never editable; they are the citizen's own words."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from motcua.feedback.models import Rating


@admin.register(Rating)
class RatingAdmin(admin.ModelAdmin[Rating]):
    list_display = ["dossier", "level", "created_at", "applicant"]
    list_filter = ["level", "dossier__deciding_agency"]
    search_fields = ["dossier__code", "reason"]
    date_hierarchy = "created_at"
    list_select_related = ["dossier", "applicant"]
    readonly_fields = ["dossier", "applicant", "level", "reason", "created_at"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
