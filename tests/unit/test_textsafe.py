"""User text leaves regeldruk as text: never a formula, an escape sequence or Markdown structure."""

from __future__ import annotations

import io

import openpyxl
import pytest

from regeldruk.textsafe import for_cell, for_markdown, for_terminal, one_line


@pytest.mark.parametrize(
    "hostile",
    [
        '=HYPERLINK("http://evil.example","klik")',
        "+cmd|' /C calc'!A0",
        "-2+3+cmd|' /C calc'!A0",
        "@SUM(1+1)*cmd|' /C calc'!A0",
        "\uff1d1+1",
    ],
)
def test_a_cell_never_becomes_a_formula(hostile: str) -> None:
    workbook = openpyxl.Workbook()
    workbook.active["A1"] = for_cell(hostile)
    buffer = io.BytesIO()
    workbook.save(buffer)
    cell = openpyxl.load_workbook(buffer).active["A1"]
    assert cell.data_type == "s"
    assert str(cell.value).startswith("'")


def test_a_cell_keeps_ordinary_text_and_loses_control_characters() -> None:
    assert for_cell("Team Noord") == "Team Noord"
    assert for_cell("-12.5") == "-12.5"
    assert for_cell("Evil\x1b]0;X\x07name") == "Evil ]0;X name"


def test_terminal_text_shows_escape_sequences_instead_of_obeying_them() -> None:
    shown = for_terminal("Evil\x1b]0;X\x07\u202ename")
    assert "\x1b" not in shown and "\x07" not in shown and "\u202e" not in shown
    assert shown == "Evil\\x1b]0;X\\x07\ufffdname"


def test_markdown_text_cannot_start_a_heading_a_row_or_html() -> None:
    text = for_markdown("x\n# Kop | cel <script>")
    assert "\n" not in text
    assert text == "x \\# Kop \\| cel \\<script\\>"


def test_one_line_collapses_every_kind_of_whitespace() -> None:
    assert one_line(" a\r\n\tb \x0b c ") == "a b c"
