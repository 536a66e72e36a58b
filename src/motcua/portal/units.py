"""Province and commune choices for declaration fields marked ``x-widget``.

Values are the unit names as printed on papers; the commune list follows the province
chosen in the same group, and is refreshed by htmx when the province changes."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from motcua.organizations.models import AdministrativeUnit
from motcua.portal.forms_schema import FormField, Section


def _provinces() -> list[tuple[str, str]]:
    names = AdministrativeUnit.objects.filter(level=AdministrativeUnit.Level.PROVINCE)
    return [(n, n) for n in names.order_by("name").values_list("name", flat=True)]


def _communes(province: str) -> list[tuple[str, str]]:
    if not province:
        return []
    names = AdministrativeUnit.objects.filter(
        level=AdministrativeUnit.Level.COMMUNE, parent__name=province
    ).order_by("name")
    return [(n, n) for n in names.values_list("name", flat=True)]


def unit_choices(sections: list[Section]) -> None:
    for section in sections:
        for row in [section.fields, *section.rows]:
            _pair(row)


def _pair(fields: list[FormField]) -> None:
    provinces = [f for f in fields if f.kind == "province"]
    if not provinces:
        return
    choices = _provinces()
    for province in provinces:
        province.choices = choices
        sibling = next(
            (f for f in fields if f.kind == "commune" and f.path[:-1] == province.path[:-1]),
            None,
        )
        if sibling is not None:
            province.target = sibling.id
            sibling.choices = _communes(province.value)


@require_GET
def communes(request: HttpRequest) -> HttpResponse:
    """htmx: the commune options of the province just chosen."""
    province = next((v for k, v in request.GET.items() if k.startswith("d:")), "")
    return render(
        request,
        "portal/dossiers/_commune_options.html",
        {"choices": _communes(str(province)[:120])},
    )
