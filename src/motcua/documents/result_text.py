"""The small markup of a result's body, read the same way by the PDF and the HTML
preview: blank lines separate paragraphs, and a line starting with ``# `` is a heading
(printed bold and centred)."""

from __future__ import annotations

from dataclasses import dataclass

HEADING = "# "


@dataclass(frozen=True)
class Block:
    text: str
    heading: bool = False


def split_blocks(body: str) -> list[str]:
    """Paragraphs split on blank lines; a ``# heading`` line is a block of its own even when
    the text follows it on the next line, as template authors naturally write it."""
    text = body.replace("\r\n", "\n").strip()
    blocks: list[str] = []
    for paragraph in text.split("\n\n"):
        lines: list[str] = []
        for line in paragraph.strip("\n").split("\n"):
            if line.startswith(HEADING):
                if lines:
                    blocks.append("\n".join(lines))
                    lines = []
                blocks.append(line)
            else:
                lines.append(line)
        if lines and "\n".join(lines).strip():
            blocks.append("\n".join(lines))
    return blocks


def result_blocks(body: str) -> list[Block]:
    """The body as headings (their ``# `` marker removed) and paragraphs, in order."""
    return [
        Block(block[len(HEADING) :].strip(), heading=True)
        if block.startswith(HEADING)
        else Block(block)
        for block in split_blocks(body)
    ]
