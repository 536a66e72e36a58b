"""What the demo catalog shows the public speaks to citizens: remarks about how the data
was curated (what the source portal said, what the demo assumed) stay in the version's
change notes, never in a fee's note or the fee summary."""

from __future__ import annotations

import json
import re
from typing import Any

from motcua.catalog.data.build_demo_catalog import OUTPUT

CURATION = re.compile(r"dữ liệu mẫu|\bnguồn\b|\bcổng (ghi|nêu|chỉ|không)", re.IGNORECASE)


def _versions() -> list[tuple[str, dict[str, Any]]]:
    catalog = json.loads(OUTPUT.read_text(encoding="utf-8"))
    return [(p["code"], v) for p in catalog["procedures"] for v in p["versions"]]


def test_fee_notes_and_summaries_say_nothing_about_the_curation() -> None:
    said = [
        (code, text)
        for code, version in _versions()
        for text in [version.get("fee_summary", "")]
        + [fee.get("note", "") for fee in version.get("fees", [])]
        if CURATION.search(text)
    ]
    assert said == []


def test_the_curation_is_still_recorded_in_the_change_notes() -> None:
    notes = {code: version.get("change_summary", "") for code, version in _versions()}
    assert "5.000 đồng" in notes["1.002755"]
    assert "không thu phí" in notes["1.003197"]
