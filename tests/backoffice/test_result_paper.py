"""The drafted result read on a page looks like the PDF it will be: a ``# `` line is a
heading, paragraphs keep their line breaks, and whatever was typed stays text."""

from __future__ import annotations

import pytest
from django.test import Client

from motcua.accounts.models import User
from motcua.catalog.models import ProcedureVersion
from motcua.documents.models import Result, ResultTemplate
from motcua.documents.result_text import Block, result_blocks
from motcua.documents.services import result_draft, result_update
from motcua.dossiers import services
from motcua.dossiers.models import Dossier
from motcua.organizations.models import Agency
from tests.dossiers.conftest import intake

pytestmark = pytest.mark.django_db

BODY = (
    "Mở đầu của trích lục\n"
    "# Người mẹ\n"
    "Họ, chữ đệm, tên: Lê Thị Lan\n"
    "Năm sinh: 1990\n\n"
    "# Ghi chú <b>in đậm</b>\n"
    'Đã đối chiếu <script>alert("x")</script> & bản chính.'
)


@pytest.fixture
def drafted(
    clerk: User,
    specialist: User,
    leader: User,
    version: ProcedureVersion,
    commune_agency: Agency,
) -> tuple[Dossier, Result]:
    """Minh drafted and corrected the extract, then passed the dossier to Hùng."""
    received = intake(clerk, version)
    dossier = services.dossier_forward(
        dossier=received, actor=clerk, expected_version=received.version, assignee=specialist
    )
    template = ResultTemplate.objects.create(
        agency=commune_agency, name="Trích lục", title="Trích lục khai sinh", body="Nội dung"
    )
    result = result_draft(dossier=dossier, actor=specialist, template=template)
    result = result_update(result=result, actor=specialist, body=BODY)
    dossier = services.dossier_forward(
        dossier=dossier, actor=specialist, expected_version=dossier.version
    )
    return dossier, result


def _paper(html: str) -> str:
    start = html.index('data-testid="result-paper"')
    return html[start : html.index("</div>", start)]


def _assert_rendered_like_the_pdf(paper: str) -> None:
    assert '<h3 class="paper-heading">Người mẹ</h3>' in paper
    assert "# Người mẹ" not in paper and "# Ghi chú" not in paper
    assert "<p>Họ, chữ đệm, tên: Lê Thị Lan<br>Năm sinh: 1990</p>" in paper
    assert "<p>Mở đầu của trích lục</p>" in paper
    # Typed markup is shown as typed, never interpreted.
    assert '<h3 class="paper-heading">Ghi chú &lt;b&gt;in đậm&lt;/b&gt;</h3>' in paper
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; bản chính" in paper
    assert "<script>" not in paper and "<b>" not in paper


def test_the_leader_reads_headings_and_paragraphs_before_signing(
    web: Client, leader: User, drafted: tuple[Dossier, Result]
) -> None:
    dossier, _ = drafted
    web.force_login(leader)
    response = web.get(f"/can-bo/ho-so/{dossier.pk}/ky-so/")
    assert response.status_code == 200
    _assert_rendered_like_the_pdf(_paper(response.content.decode()))


def test_the_drafting_page_shows_the_same_paper_to_those_who_only_read(
    web: Client, clerk: User, drafted: tuple[Dossier, Result]
) -> None:
    dossier, _ = drafted
    web.force_login(clerk)
    response = web.get(f"/can-bo/ho-so/{dossier.pk}/ket-qua/")
    assert response.status_code == 200
    _assert_rendered_like_the_pdf(_paper(response.content.decode()))


def test_blocks_read_the_body_as_the_pdf_does() -> None:
    assert result_blocks("Mở đầu\r\n# Người cha  \r\nTên: An\n\n\n#không phải tiêu đề") == [
        Block("Mở đầu"),
        Block("Người cha", heading=True),
        Block("Tên: An"),
        Block("#không phải tiêu đề"),
    ]
