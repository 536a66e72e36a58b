"""Run axe-core (from the npm registry, installed by `make browser-deps`) in a page and
fail on any serious or critical WCAG 2.1 A/AA violation."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@cache
def _source() -> str:
    if not AXE.exists():
        pytest.fail("axe-core is not installed: run `npm ci` (make browser-deps).")
    return AXE.read_text(encoding="utf-8")


def check_accessibility(page: Page, name: str) -> None:
    # evaluate() runs through the debugging protocol, so the page's CSP (no inline
    # script) does not block the checker while still applying to the page itself.
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(_source() + "\n;undefined")
    result: dict[str, Any] = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", TAGS
    )
    bad = [v for v in result["violations"] if v.get("impact") in ("serious", "critical")]
    details = "\n".join(
        f"- {v['id']} ({v['impact']}): {v['help']} — "
        + "; ".join(n["target"][0] if n["target"] else "?" for n in v["nodes"][:5])
        for v in bad
    )
    assert not bad, f"axe-core found serious/critical problems on {name}:\n{details}"
