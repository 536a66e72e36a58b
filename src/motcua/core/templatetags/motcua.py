from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django import template
from django.utils.formats import get_format
from django.utils.safestring import SafeString, mark_safe

from motcua.core.qr import qr_svg

register = template.Library()


@register.filter
def vnd(amount: int | None) -> str:
    """8000 → '8.000 đồng' (Vietnamese thousands separator)."""
    if amount is None:
        return ""
    return f"{int(amount):,}".replace(",", ".") + " đồng"


@register.filter
def plain_number(amount: object) -> str:
    """0.5 → '0,5' in Vietnamese, '0.5' in English; 2.00 → '2': no trailing zeros, the
    language's decimal separator."""
    try:
        value = Decimal(str(amount))
    except (InvalidOperation, ValueError):
        return str(amount)
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", get_format("DECIMAL_SEPARATOR"))


@register.filter
def plural_count(amount: object) -> int:
    """The whole number gettext's plural rules need for an amount that may have a
    fraction: 1 for exactly one, else an integer that is not 1 (0.5 hours, 1.5 hours
    and 2 hours are all plural in English)."""
    try:
        value = float(amount)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return 0
    return 1 if value == 1 else (int(value) if value.is_integer() else 2)


@register.simple_tag
def qr(payload: str) -> SafeString:
    # qr_svg produces only path data from the payload's bits: no payload text is echoed.
    return mark_safe(qr_svg(payload))
