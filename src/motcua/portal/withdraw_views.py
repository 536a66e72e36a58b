"""«Rút hồ sơ»: a citizen takes back a dossier the agency has not received yet.

The page says what withdrawing means (the agency will not process it; a new application
is needed to try again) and asks for an optional reason, which the agency and the
dossier's history see. Once received, a dossier can no longer be withdrawn: the page
says so and points to asking the agency to stop processing it."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from motcua.documents.pdf.fonts import describe_unprintable, unprintable
from motcua.dossiers import services
from motcua.dossiers.errors import DossierError, StaleDossier
from motcua.portal.citizen_access import citizen, citizen_required
from motcua.portal.my_dossier_views import mine, seen_version

REASON_MAX = 500


def reason_problem(reason: str) -> str:
    if len(reason) > REASON_MAX:
        return _("Lý do dài quá %(n)d ký tự; hãy viết ngắn gọn hơn.") % {"n": REASON_MAX}
    missing = unprintable(reason)
    if missing:
        return _("Lý do có ký tự không in được trên giấy tờ: %(chars)s.") % {
            "chars": describe_unprintable(missing)
        }
    return ""


@citizen_required
@require_http_methods(["GET", "POST"])
def my_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    dossier = mine(request, pk)
    reason = request.POST.get("reason", "").strip() if request.method == "POST" else ""
    problem, status = "", 200
    if request.method == "POST" and services.withdrawable(dossier):
        problem = reason_problem(reason)
        if problem:
            status = 400
        else:
            try:
                services.dossier_withdraw(
                    dossier=dossier,
                    actor=citizen(request),
                    expected_version=seen_version(request),
                    reason=reason,
                )
            except StaleDossier as exc:  # changed meanwhile (received?): look again
                dossier, problem, status = mine(request, pk), exc.message, 409
            except DossierError as exc:
                problem, status = exc.message, 409
            else:
                messages.success(request, _("Đã rút hồ sơ. Cơ quan sẽ không xử lý hồ sơ này."))
                return redirect("portal:my_dossier", pk=dossier.pk)
    if not services.withdrawable(dossier):
        messages.error(
            request,
            _(
                "Hồ sơ này không rút được: chỉ rút được hồ sơ đã nộp mà cơ quan chưa tiếp "
                "nhận. Hồ sơ đã được tiếp nhận thì có thể đề nghị cơ quan dừng xử lý."
            ),
        )
        return redirect("portal:my_dossier", pk=dossier.pk)
    context = {"dossier": dossier, "problem": problem, "reason": reason, "max": REASON_MAX}
    return render(request, "portal/dossiers/withdraw.html", context, status=status)
