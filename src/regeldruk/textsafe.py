"""Text from users and files, made safe for where it is shown.

Every string that did not come from regeldruk itself (names, form ids and titles, labels
from a catalogue, categories from a sector package) passes one of these on its way out:
a workbook cell must never become a formula, a terminal must never receive an escape
sequence, and a Markdown line must never turn into a heading, a table row or HTML.
"""

from __future__ import annotations

import re
import unicodedata

# C0 and C1 controls, DEL, and the bidirectional overrides that reorder what a reader sees.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# Excel, LibreOffice and Google Sheets start a formula (or DDE) with any of these.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>|#!~])")


def _escape_control(match: re.Match[str]) -> str:
    return f"\\x{ord(match.group()):02x}" if ord(match.group()) < 0x100 else "\ufffd"


def for_terminal(text: object) -> str:
    """One line for a terminal: control characters and escape sequences shown, not obeyed."""
    return _CONTROL.sub(_escape_control, str(text))


def one_line(text: object) -> str:
    """Whitespace (newlines included) collapsed to single spaces, controls removed."""
    return " ".join(_CONTROL.sub(" ", str(text)).split())


def for_cell(text: object) -> str:
    """A workbook cell's text that no spreadsheet reads as a formula or DDE command.

    openpyxl turns a string starting with '=' into a formula, and spreadsheet programs
    evaluate '+', '-' and '@' too (OWASP "CSV injection"); a leading apostrophe makes
    each of them text. Control characters, which openpyxl refuses outright, are removed.
    """
    value = _CONTROL.sub(" ", str(text)).strip()
    if value.startswith(_FORMULA_START) and not _is_number(value):
        return "'" + value
    return value


def for_markdown(text: object) -> str:
    """Inline Markdown text: one line, with every character Markdown or HTML acts on escaped."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", one_line(unicodedata.normalize("NFC", str(text))))


def _is_number(value: str) -> bool:
    try:
        float(value)
    except ValueError:
        return False
    return True
