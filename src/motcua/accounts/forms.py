"""Login and registration forms. Errors are in Vietnamese and sit next to their field."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.contrib.auth import authenticate, password_validation
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from motcua.accounts.models import User
from motcua.core.validators import is_person_name, validate_identity_number
from motcua.documents.pdf.fonts import describe_unprintable, unprintable

PHONE = re.compile(r"^0\d{9}$")


class LoginForm(forms.Form):
    identifier = forms.CharField(
        label=_("Số định danh cá nhân hoặc tên đăng nhập"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "username", "autofocus": True}),
        error_messages={"required": _("Vui lòng nhập số định danh cá nhân hoặc tên đăng nhập.")},
    )
    password = forms.CharField(
        label=_("Mật khẩu"),
        max_length=128,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": _("Vui lòng nhập mật khẩu.")},
    )

    def __init__(self, *args: Any, request: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.request = request
        self.user: User | None = None

    def clean_identifier(self) -> str:
        value: str = self.cleaned_data["identifier"].strip()
        if value.isdigit() and len(value) != 12:
            raise ValidationError(_("Số định danh cá nhân phải gồm đúng 12 chữ số."))
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors:
            return data
        user = authenticate(self.request, username=data["identifier"], password=data["password"])
        if user is None or not user.is_active:
            raise ValidationError(_("Số định danh/tên đăng nhập hoặc mật khẩu không đúng."))
        assert isinstance(user, User)
        self.user = user
        return data


class OtpForm(forms.Form):
    code = forms.CharField(
        label=_("Mã xác thực (6 chữ số)"),
        max_length=6,
        min_length=6,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
        error_messages={
            "required": _("Vui lòng nhập mã xác thực."),
            "min_length": _("Mã xác thực gồm 6 chữ số."),
            "max_length": _("Mã xác thực gồm 6 chữ số."),
        },
    )

    def clean_code(self) -> str:
        code: str = self.cleaned_data["code"].strip()
        if not code.isdigit():
            raise ValidationError(_("Mã xác thực gồm 6 chữ số."))
        return code


class RegisterForm(forms.Form):
    identity_number = forms.CharField(
        label=_("Số định danh cá nhân (12 số trên thẻ căn cước)"),
        max_length=12,
        validators=[validate_identity_number],
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "username"}),
        error_messages={"required": _("Vui lòng nhập số định danh cá nhân.")},
    )
    full_name = forms.CharField(
        label=_("Họ và tên"),
        max_length=200,
        error_messages={"required": _("Vui lòng nhập họ và tên.")},
    )
    phone = forms.CharField(
        label=_("Số điện thoại di động"),
        max_length=10,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
        error_messages={"required": _("Vui lòng nhập số điện thoại để nhận mã xác thực.")},
    )
    email = forms.EmailField(
        label=_("Thư điện tử (không bắt buộc)"),
        required=False,
        error_messages={"invalid": _("Địa chỉ thư điện tử không hợp lệ.")},
    )
    password = forms.CharField(
        label=_("Mật khẩu (ít nhất 8 ký tự)"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": _("Vui lòng đặt mật khẩu.")},
    )

    def clean_identity_number(self) -> str:
        value: str = self.cleaned_data["identity_number"]
        if User.objects.filter(identity_number=value).exists():
            raise ValidationError(_("Số định danh này đã có tài khoản. Hãy đăng nhập."))
        return value

    def clean_full_name(self) -> str:
        """The name goes on every dossier the citizen starts, and from there on slips and
        results: one the documents cannot print, or no one's name, would stop each of
        their applications at its first step, and citizens have no page to change it."""
        value = " ".join(self.cleaned_data["full_name"].split())
        missing = unprintable(value)
        if missing:
            raise ValidationError(
                _(
                    "Họ và tên có ký tự không in được trên giấy tờ: %(chars)s. Hãy viết bằng chữ "
                    "tiếng Việt hoặc chữ Latinh như trên thẻ căn cước."
                )
                % {"chars": describe_unprintable(missing)}
            )
        if not is_person_name(value):
            raise ValidationError(
                _(
                    "Họ và tên chỉ gồm chữ cái (có dấu), dấu cách, dấu gạch nối hoặc dấu nháy, "
                    "ít nhất hai chữ cái; không có chữ số hay ký hiệu."
                )
            )
        return value

    def clean_phone(self) -> str:
        value: str = self.cleaned_data["phone"].replace(" ", "")
        if not PHONE.fullmatch(value):
            raise ValidationError(_("Số điện thoại gồm 10 chữ số, bắt đầu bằng 0."))
        return value

    def clean_password(self) -> str:
        value: str = self.cleaned_data["password"]
        if len(value) < 8:
            raise ValidationError(_("Mật khẩu cần ít nhất 8 ký tự."))
        try:
            password_validation.validate_password(value)
        except ValidationError as exc:
            raise ValidationError(_("Mật khẩu quá dễ đoán. Hãy chọn mật khẩu khác.")) from exc
        return value
