from __future__ import annotations

from django import template
from django.utils.safestring import SafeString, mark_safe

from motcua.core.qr import qr_svg

register = template.Library()


@register.filter
def vnd(amount: int | None) -> str:
    """8000 → '8.000 đồng' (Vietnamese thousands separator)."""
    if amount is None:
        return ""
    return f"{int(amount):,}".replace(",", ".") + " đồng"


@register.simple_tag
def qr(payload: str) -> SafeString:
    # qr_svg produces only path data from the payload's bits: no payload text is echoed.
    return mark_safe(qr_svg(payload))
