"""Documents in the admin. Agency administrators edit their result templates with a PDF
preview rendered from sample data; generated documents, certificates and stores are
read-only here (they change only through the services)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, path

from motcua.accounts.models import User
from motcua.audit.admin import AuditedModelAdmin
from motcua.catalog.models import Procedure
from motcua.documents.errors import DocumentError
from motcua.documents.models import (
    GeneratedDocument,
    Result,
    ResultTemplate,
    SigningCertificate,
    StoredDocument,
)
from motcua.documents.preview import template_preview_pdf
from motcua.documents.services import certificate_revoke
from motcua.organizations.models import Agency, Role, StaffRole


def _admin_agencies(user: Any) -> QuerySet[Agency]:
    if user.is_superuser:
        return Agency.objects.all()
    ids = StaffRole.objects.filter(user=user, role=Role.ADMIN).values("agency_id")
    return Agency.objects.filter(pk__in=ids)


def _may_edit(user: Any) -> bool:
    return bool(
        user.is_active and user.is_staff and (user.is_superuser or _admin_agencies(user).exists())
    )


@admin.register(ResultTemplate)
class ResultTemplateAdmin(AuditedModelAdmin[ResultTemplate]):
    list_display = ["name", "agency", "procedure", "is_active", "updated_at"]
    list_filter = ["is_active", "agency"]
    search_fields = ["name", "title", "procedure__name"]
    change_form_template = "admin/documents/resulttemplate/change_form.html"
    fields = [
        "agency",
        "procedure",
        "name",
        "title",
        "body",
        "on_behalf_of",
        "signer_title",
        "number_series",
        "is_active",
    ]

    def get_queryset(self, request: HttpRequest) -> QuerySet[ResultTemplate]:
        return super().get_queryset(request).filter(agency__in=_admin_agencies(request.user))

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "agency":
            kwargs["queryset"] = _admin_agencies(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return _may_edit(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _may_edit(request.user)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return _may_edit(request.user)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _may_edit(request.user)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return _may_edit(request.user)

    def get_urls(self) -> list[URLPattern]:
        preview = self.admin_site.admin_view(self.preview_view)
        return [
            path("preview/", preview, name="documents_resulttemplate_preview"),
            *super().get_urls(),
        ]

    def preview_view(self, request: HttpRequest) -> HttpResponse:
        """The template as posted (saved or not) rendered with sample data, as a PDF."""
        if request.method != "POST" or not _may_edit(request.user):
            return HttpResponse("Không được phép.", status=403, content_type="text/plain")
        agency = (
            _admin_agencies(request.user).filter(pk=_int(request.POST.get("agency")) or 0).first()
        )
        procedure = Procedure.objects.filter(pk=_int(request.POST.get("procedure")) or 0).first()
        try:
            pdf = template_preview_pdf(
                agency=agency,
                procedure=procedure,
                title=request.POST.get("title", ""),
                body=request.POST.get("body", ""),
                signer_title=request.POST.get("signer_title", "") or "Chủ tịch",
                on_behalf_of=request.POST.get("on_behalf_of", ""),
            )
        except DocumentError as exc:
            return HttpResponse(
                f"Không xem trước được: {exc.message}",
                status=400,
                content_type="text/plain; charset=utf-8",
            )
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = 'inline; filename="xem-truoc.pdf"'
        return response


def _int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


class ReadOnlyAdmin(admin.ModelAdmin[Any]):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(GeneratedDocument)
class GeneratedDocumentAdmin(ReadOnlyAdmin):
    list_display = ["title", "kind", "dossier", "issued_electronically", "created_at"]
    list_filter = ["kind", "issued_electronically"]
    search_fields = ["dossier__code", "sha256", "verification_code"]
    exclude = ["file"]


@admin.register(Result)
class ResultAdmin(ReadOnlyAdmin):
    list_display = ["name", "number", "dossier", "state", "drafted_by", "signed_by", "signed_at"]
    list_filter = ["state"]
    search_fields = ["dossier__code", "name", "number"]


@admin.register(StoredDocument)
class StoredDocumentAdmin(ReadOnlyAdmin):
    list_display = ["name", "owner", "kind", "created_at"]
    list_filter = ["kind"]
    exclude = ["file"]


@admin.register(SigningCertificate)
class SigningCertificateAdmin(ReadOnlyAdmin):
    list_display = ["subject", "user", "serial_number", "not_after", "revoked_at"]
    search_fields = ["subject", "serial_number", "user__username"]
    actions = ["revoke"]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return bool(request.user.is_superuser)

    @admin.action(description="Thu hồi chứng thư số đã chọn")
    def revoke(self, request: HttpRequest, queryset: QuerySet[SigningCertificate]) -> None:
        actor = request.user if isinstance(request.user, User) else None
        for certificate in queryset:
            try:
                certificate_revoke(
                    certificate=certificate, actor=actor, reason="Thu hồi trên trang quản trị"
                )
            except DocumentError as exc:
                self.message_user(request, exc.message, messages.WARNING)
