"""Agency administrators keep office hours and special days here, without a developer.

Saves and deletes go through the services, so each one is validated and audited. Field
names are the models' Vietnamese, as across the admin; a special day's kind is a choice
the administrator picks and error messages name, so it is shown in their language.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import Field, QuerySet
from django.db.models.fields import BLANK_CHOICE_DASH
from django.forms import ModelForm, TypedChoiceField
from django.http import HttpRequest
from django.utils.translation import gettext as _

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


def _kind_choices() -> list[tuple[str, str]]:
    return [(value, _(label)) for value, label in CalendarOverride.Kind.choices]


class _KindFilter(admin.SimpleListFilter):
    title = "loại"
    parameter_name = "kind"

    def lookups(
        self, request: HttpRequest, model_admin: admin.ModelAdmin[Any]
    ) -> list[tuple[str, str]]:
        return _kind_choices()

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        return queryset.filter(kind=self.value()) if self.value() else queryset


@admin.register(CalendarOverride)
class CalendarOverrideAdmin(admin.ModelAdmin[CalendarOverride]):
    list_display = ["date", "kind_shown", "agency", "reason", "effective_from"]
    list_filter = [_KindFilter, "agency"]
    search_fields = ["reason", "source"]
    date_hierarchy = "date"
    raw_id_fields = ["agency"]

    @admin.display(description="loại", ordering="kind")
    def kind_shown(self, override: CalendarOverride) -> str:
        return _(override.get_kind_display())

    def formfield_for_choice_field(
        self, db_field: Field[Any, Any], request: HttpRequest, **kwargs: Any
    ) -> TypedChoiceField | None:
        if db_field.name == "kind":
            kwargs["choices"] = [*BLANK_CHOICE_DASH, *_kind_choices()]
        return super().formfield_for_choice_field(db_field, request, **kwargs)

    def save_model(
        self, request: HttpRequest, obj: CalendarOverride, form: ModelForm[Any], change: bool
    ) -> None:
        calendar_override_save(override=obj, actor=_actor(request))

    def delete_model(self, request: HttpRequest, obj: CalendarOverride) -> None:
        calendar_override_delete(override=obj, actor=_actor(request))

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[CalendarOverride]) -> None:
        for override in queryset:
            calendar_override_delete(override=override, actor=_actor(request))
