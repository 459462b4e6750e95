"""Nothing from notes reaches an export: the demo's notes are absent from every file it writes."""

from __future__ import annotations

import zipfile
from pathlib import Path

from openpyxl import load_workbook

from regeldruk.demo import ACCOUNTABILITY
from tests.conftest import CliRunnerHelper

NOTES = [note for _, _, note in ACCOUNTABILITY if note]


def texts_of(path: Path) -> str:
    if path.suffix == ".xlsx":
        book = load_workbook(path, read_only=True)
        return "\n".join(
            str(value)
            for sheet in book.worksheets
            for row in sheet.iter_rows(values_only=True)
            for value in row
            if value is not None
        )
    if path.suffix == ".zip":
        with zipfile.ZipFile(path) as archive:
            return "\n".join(archive.read(n).decode() for n in archive.namelist())
    return path.read_text(encoding="utf-8")


def test_demo_outputs_hold_no_note_text(cli: CliRunnerHelper, tmp_path: Path) -> None:
    assert cli("demo", "--dir", str(tmp_path)).exit_code == 0
    outputs = [
        p for p in tmp_path.rglob("*") if p.suffix in (".xlsx", ".md", ".html", ".json", ".zip")
    ]
    assert len(outputs) >= 10
    for path in outputs:
        content = texts_of(path)
        for note in NOTES:
            assert note not in content, f"{note!r} in {path.name}"
