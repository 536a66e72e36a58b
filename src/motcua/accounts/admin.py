"""Accounts in the admin: staff with their roles, citizens with their identity number."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import UserChangeForm, UserCreationForm

from motcua.accounts.models import User
from motcua.audit.admin import AuditedModelAdmin
from motcua.organizations.models import StaffRole


class AccountCreationForm(UserCreationForm[User]):
    class Meta(UserCreationForm.Meta):  # type: ignore[name-defined]
        model = User
        fields = ("username", "kind", "full_name", "identity_number", "phone")


class AccountChangeForm(UserChangeForm[User]):
    class Meta(UserChangeForm.Meta):  # type: ignore[name-defined]
        model = User
        fields = "__all__"


class StaffRoleInline(admin.TabularInline[StaffRole, User]):
    model = StaffRole
    fk_name = "user"
    extra = 0
    autocomplete_fields = ["agency"]
    verbose_name_plural = "vai trò tại cơ quan"


@admin.register(User)
class AccountAdmin(AuditedModelAdmin[User], UserAdmin[User]):
    form = AccountChangeForm
    add_form = AccountCreationForm
    list_display = ["username", "full_name", "kind", "identity_number", "is_staff", "is_active"]
    list_filter = ["kind", "is_staff", "is_active"]
    search_fields = ["username", "full_name", "identity_number", "phone", "email"]
    ordering = ["username"]
    inlines = [StaffRoleInline]
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        ("Thông tin cá nhân", {"fields": ("kind", "full_name", "identity_number", "phone")}),
        ("Liên hệ", {"fields": ("email",)}),
        (
            "Quyền",
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        ("Thời điểm", {"fields": ("last_login", "date_joined", "identity_proven_at")}),
    )
    readonly_fields = ["identity_proven_at"]
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": (
                    "username",
                    "kind",
                    "full_name",
                    "identity_number",
                    "phone",
                    "password1",
                    "password2",
                ),
            },
        ),
    )
