"""The forms analysis as a workbook: the flags, the concepts to review first, all concepts.

Long texts wrap inside their column, so a printed page keeps a readable font instead of
being shrunk to fit a 500-character explanation on one line.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment

from regeldruk.analysis import Analysis, municipality_name
from regeldruk.exports.xlsx_style import setup_sheet, style_header
from regeldruk.textsafe import for_cell

KIND_LABELS = {
    "duplicate": "Dubbel gevraagd",
    "in_standard": "Al in iJw-bericht",
    "non_uniform": "Niet uniform",
    "local": "Lokaal",
}
NAMES_SHOWN = 12  # municipalities named in a cell; the JSON has them all
WRAP = Alignment(wrap_text=True, vertical="top")
TOP = Alignment(vertical="top")


def municipalities_text(codes: list[str]) -> str:
    names = [municipality_name(code) for code in codes]
    if len(names) <= NAMES_SHOWN:
        return ", ".join(names)
    shown = ", ".join(names[:NAMES_SHOWN])
    return f"{len(names)} gemeenten: {shown} en nog {len(names) - NAMES_SHOWN}"


def _lines(text: object, width: int) -> int:
    """Lines a wrapped text takes in a column of ``width`` characters (a close estimate:
    not every reader recomputes row heights, LibreOffice keeps the stored one)."""
    words = str(text or "").split()
    lines, used = 1, 0
    for word in words:
        if used and used + 1 + len(word) > width:
            lines, used = lines + 1, len(word)
        else:
            used += len(word) + (1 if used else 0)
    return lines


def _finish(sheet: Any, widths: list[int], wrapped: set[int]) -> None:
    """Header style, widths, wrapping with row heights to match, header repeated on
    every printed page."""
    style_header(sheet[1])
    for row in sheet.iter_rows(min_row=2):
        lines = 1
        for cell in row:
            cell.alignment = WRAP if cell.column in wrapped else TOP
            if cell.column in wrapped:
                lines = max(lines, _lines(cell.value, int(widths[cell.column - 1] * 1.2)))
        sheet.row_dimensions[row[0].row].height = 15 * lines
    setup_sheet(sheet, widths, "A2")
    sheet.print_title_rows = "1:1"
    sheet.auto_filter.ref = sheet.dimensions


def write_analysis_workbook(analysis: Analysis, path: Path) -> None:
    book = Workbook()
    flags = book.active
    assert flags is not None
    flags.title = "Signalen"
    flags.append(["Soort", "Concept", "Gemeenten", "Formulieren", "Velden", "Toelichting"])
    for flag in analysis.flags:
        concept = analysis.concept(flag.concept)
        flags.append(
            [
                KIND_LABELS[flag.kind],
                for_cell(concept.label),
                for_cell(municipalities_text(flag.municipalities)),
                len(flag.forms),
                len(flag.fields),
                for_cell(flag.detail),
            ]
        )
    _finish(flags, [16, 26, 32, 12, 8, 60], {2, 3, 6})

    review = book.create_sheet("Eerst controleren")
    review.append(["Id", "Concept", "Samenhang", "Velden", "Gevraagd als"])
    for concept in analysis.review():
        labels = sorted({item.label for _, item in concept.members})
        review.append(
            [
                concept.id,
                for_cell(concept.label),
                concept.cohesion,
                len(concept.members),
                for_cell("; ".join(labels)),
            ]
        )
    for (cell,) in review.iter_rows(min_row=2, min_col=3, max_col=3):
        cell.number_format = "0.00"
    _finish(review, [8, 30, 11, 8, 90], {2, 5})

    concepts = book.create_sheet("Concepten")
    concepts.append(
        ["Id", "Concept", "Velden", "Formulieren", "Samenhang", "In iJw-bericht", "Voorbeelden"]
    )
    for concept in analysis.concepts:
        labels = sorted({item.label for _, item in concept.members})
        concepts.append(
            [
                concept.id,
                for_cell(concept.label),
                len(concept.members),
                len({form.id for form, _ in concept.members}),
                concept.cohesion,
                ", ".join(concept.standard),
                for_cell("; ".join(labels[:6])),
            ]
        )
    for (cell,) in concepts.iter_rows(min_row=2, min_col=5, max_col=5):
        cell.number_format = "0.00"
    _finish(concepts, [8, 30, 8, 11, 11, 20, 60], {2, 6, 7})
    book.save(path)
