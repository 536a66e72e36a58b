"""Result templates are Django templates in a sandbox: data in, text out, nothing else."""

from __future__ import annotations

import pytest

from motcua.documents.errors import InvalidTemplate
from motcua.documents.templating import template_check, template_render


def test_placeholders_are_filled_from_plain_data() -> None:
    text = template_render(
        "Ông/bà {{ applicant_name }} – {{ to_khai.child_name }}",
        {"applicant_name": "Nguyễn Thị Hường", "to_khai": {"child_name": "An"}},
    )

    assert text == "Ông/bà Nguyễn Thị Hường – An"


def test_conditions_and_loops_are_allowed() -> None:
    body = "{% if applicant_name %}Có{% else %}Không{% endif %}"
    template_check(body)

    assert template_render(body, {"applicant_name": "A"}) == "Có"


@pytest.mark.parametrize(
    "tag",
    [
        "{% load static %}",
        "{% include 'x.html' %}",
        "{% debug %}",
        "{% extends 'base.html' %}",
        "{% csrf_token %}",
    ],
)
def test_tags_that_reach_outside_the_data_are_refused(tag: str) -> None:
    with pytest.raises(InvalidTemplate, match="Không được dùng thẻ"):
        template_check(f"Xin chào {tag}")


def test_a_misspelt_field_is_named() -> None:
    with pytest.raises(InvalidTemplate, match="Không có trường dữ liệu «aplicant_name»"):
        template_check("{{ aplicant_name }}")


def test_a_syntax_error_is_explained() -> None:
    with pytest.raises(InvalidTemplate, match="lỗi cú pháp"):
        template_check("{% if applicant_name %}không đóng thẻ")


def test_objects_never_reach_the_template() -> None:
    class Secret:
        password = "bí mật"

    text = template_render("[{{ applicant_name.password }}]", {"applicant_name": Secret()})

    assert "bí mật" not in text


def test_private_attributes_are_refused() -> None:
    with pytest.raises(InvalidTemplate):
        template_render("{{ applicant_name.__class__ }}", {"applicant_name": "A"})


def test_a_heading_stands_alone_even_without_a_blank_line_after_it() -> None:
    from motcua.documents.result_text import split_blocks

    body = "Mở đầu\n# Người mẹ\nHọ, chữ đệm, tên: Lê Thị Lan\nNăm sinh: 1990\n\n# Người cha\n"
    assert split_blocks(body) == [
        "Mở đầu",
        "# Người mẹ",
        "Họ, chữ đệm, tên: Lê Thị Lan\nNăm sinh: 1990",
        "# Người cha",
    ]
