from __future__ import annotations

from django import template

from motcua.documents.result_text import Block
from motcua.documents.result_text import result_blocks as _result_blocks

register = template.Library()


@register.filter
def result_blocks(body: str | None) -> list[Block]:
    """A result's body as the PDF prints it: headings and paragraphs. The template
    writes the text with autoescaping, so nothing typed into it becomes markup."""
    return _result_blocks(body or "")
