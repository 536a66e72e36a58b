"""The tracking register (sổ theo dõi hồ sơ) of a unit for a period, as a PDF.

Any official of the agency may draw it; the unit list offers only the agency's units.
"""

from __future__ import annotations

from datetime import date, timedelta

from django import forms
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.decorators.http import require_http_methods

from motcua.backoffice.access import official, staff_required
from motcua.documents.errors import DocumentError
from motcua.documents.services import register_generate
from motcua.organizations.models import Agency, StaffRole, Unit
from motcua.portal.form_values import parse_date

LONGEST_PERIOD = timedelta(days=366)


class DayField(forms.DateField):
    """A date as people type it, phone keypads included (01112026, 01-11-2026, ...)."""

    def to_python(self, value: object) -> date | None:
        if value in self.empty_values:
            return None
        if isinstance(value, date):
            return value
        parsed = parse_date(str(value))
        if parsed is None:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return parsed


class RegisterForm(forms.Form):
    agency = forms.ModelChoiceField(
        queryset=Agency.objects.none(),
        # «Cơ quan» alone is the menu's "Agencies"; the field is one agency.
        label=pgettext_lazy("field", "Cơ quan"),
        required=False,
        empty_label=None,
        error_messages={"invalid_choice": gettext_lazy("Bạn không làm việc tại cơ quan này.")},
    )
    unit = forms.ModelChoiceField(
        queryset=Unit.objects.none(),
        label=gettext_lazy("Đơn vị giữ sổ"),
        required=False,
        empty_label=gettext_lazy("Bộ phận Một cửa (toàn bộ hồ sơ tiếp nhận)"),
        error_messages={"invalid_choice": gettext_lazy("Đơn vị này không thuộc cơ quan của bạn.")},
    )
    period_from = DayField(
        label=gettext_lazy("Từ ngày"),
        widget=forms.DateInput(format="%d/%m/%Y", attrs={"inputmode": "numeric"}),
        help_text=gettext_lazy("Ngày/tháng/năm, ví dụ 01/11/2026."),
        error_messages={
            "required": gettext_lazy("Vui lòng nhập ngày bắt đầu."),
            "invalid": gettext_lazy(
                "Ngày bắt đầu phải theo dạng ngày/tháng/năm, ví dụ 01/11/2026."
            ),
        },
    )
    period_to = DayField(
        label=gettext_lazy("Đến ngày"),
        widget=forms.DateInput(format="%d/%m/%Y", attrs={"inputmode": "numeric"}),
        help_text=gettext_lazy("Ngày/tháng/năm; tối đa một năm kể từ ngày bắt đầu."),
        error_messages={
            "required": gettext_lazy("Vui lòng nhập ngày kết thúc."),
            "invalid": gettext_lazy(
                "Ngày kết thúc phải theo dạng ngày/tháng/năm, ví dụ 30/11/2026."
            ),
        },
    )

    def __init__(self, *args: object, agencies: QuerySet[Agency], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        agency_field, unit_field = self.fields["agency"], self.fields["unit"]
        assert isinstance(agency_field, forms.ModelChoiceField)
        assert isinstance(unit_field, forms.ModelChoiceField)
        agency_field.queryset = agencies
        self.agencies = agencies
        unit_field.queryset = Unit.objects.filter(agency__in=agencies).order_by(
            "agency__name", "kind", "name"
        )
        if agencies.count() == 1:  # nothing to choose: keep the form short
            agency_field.widget = forms.HiddenInput()

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        agency, unit = data.get("agency"), data.get("unit")
        if agency is None and "agency" not in self.errors:
            only = list(self.agencies[:2])
            if len(only) == 1:
                agency = data["agency"] = only[0]
            else:
                self.add_error("agency", _("Vui lòng chọn cơ quan lập sổ."))
        if isinstance(unit, Unit) and isinstance(agency, Agency) and unit.agency_id != agency.pk:
            self.add_error("unit", _("Đơn vị này không thuộc cơ quan đã chọn."))
        start, end = data.get("period_from"), data.get("period_to")
        if isinstance(start, date) and isinstance(end, date):
            if end < start:
                self.add_error("period_to", _("Ngày kết thúc phải từ ngày bắt đầu trở đi."))
            elif end - start > LONGEST_PERIOD:
                self.add_error("period_to", _("Mỗi lần lập sổ cho tối đa một năm."))
        return data


def _agencies_of(request: HttpRequest) -> QuerySet[Agency]:
    """Every agency where the official holds a role: one may work at several."""
    held = StaffRole.objects.filter(user=official(request)).values("agency_id")
    return Agency.objects.filter(pk__in=held).order_by("name")


@staff_required
@require_http_methods(["GET", "POST"])
def register(request: HttpRequest) -> HttpResponse:
    agencies = _agencies_of(request)
    first = agencies.first()
    if first is None:
        return render(request, "backoffice/register.html", {"no_agency": True}, status=403)
    today = timezone.localdate()
    initial = {"agency": first, "period_from": today.replace(day=1), "period_to": today}
    form = RegisterForm(request.POST or None, agencies=agencies, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                doc = register_generate(
                    agency=form.cleaned_data["agency"],
                    period_from=form.cleaned_data["period_from"],
                    period_to=form.cleaned_data["period_to"],
                    unit=form.cleaned_data["unit"],
                    actor=official(request),
                )
            except DocumentError as exc:
                form.add_error(None, str(exc))
            else:
                return HttpResponseRedirect(reverse("documents:download", args=[doc.public_id]))
        status = 400
    context = {"form": form, "agency": first, "several": agencies.count() > 1}
    return render(request, "backoffice/register.html", context, status=status)
