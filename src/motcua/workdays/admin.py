"""Agency administrators keep office hours and special days here, without a developer.

Saves and deletes go through the services, so each one is validated and audited.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.forms import ModelForm
from django.http import HttpRequest

from motcua.accounts.models import User
from motcua.workdays.models import AgencyCalendar, CalendarOverride
from motcua.workdays.services import (
    agency_calendar_delete,
    agency_calendar_save,
    calendar_override_delete,
    calendar_override_save,
)


def _actor(request: HttpRequest) -> User | None:
    user = request.user
    return user if isinstance(user, User) else None


@admin.register(AgencyCalendar)
class AgencyCalendarAdmin(admin.ModelAdmin[AgencyCalendar]):
    list_display = ["agency", "effective_from", "minutes_per_day", "updated_at"]
    list_filter = ["agency"]
    raw_id_fields = ["agency"]

    def save_model(
        self, request: HttpRequest, obj: AgencyCalendar, form: ModelForm[Any], change: bool
    ) -> None:
        agency_calendar_save(calendar=obj, actor=_actor(request))

    def delete_model(self, request: HttpRequest, obj: AgencyCalendar) -> None:
        agency_calendar_delete(calendar=obj, actor=_actor(request))

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[AgencyCalendar]) -> None:
        for calendar in queryset:
            agency_calendar_delete(calendar=calendar, actor=_actor(request))


@admin.register(CalendarOverride)
class CalendarOverrideAdmin(admin.ModelAdmin[CalendarOverride]):
    list_display = ["date", "kind", "agency", "reason", "effective_from"]
    list_filter = ["kind", "agency"]
    search_fields = ["reason", "source"]
    date_hierarchy = "date"
    raw_id_fields = ["agency"]

    def save_model(
        self, request: HttpRequest, obj: CalendarOverride, form: ModelForm[Any], change: bool
    ) -> None:
        calendar_override_save(override=obj, actor=_actor(request))

    def delete_model(self, request: HttpRequest, obj: CalendarOverride) -> None:
        calendar_override_delete(override=obj, actor=_actor(request))

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[CalendarOverride]) -> None:
        for override in queryset:
            calendar_override_delete(override=override, actor=_actor(request))
