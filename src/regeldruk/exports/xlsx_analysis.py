"""The forms analysis as a workbook: one sheet of flags, one of concepts."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

from regeldruk.analysis import Analysis, municipality_name
from regeldruk.exports.xlsx_style import setup_sheet, style_header

KIND_LABELS = {
    "duplicate": "Dubbel gevraagd",
    "in_standard": "Al in iJw-bericht",
    "non_uniform": "Niet uniform",
    "local": "Lokaal",
}


def write_analysis_workbook(analysis: Analysis, path: Path) -> None:
    book = Workbook()
    flags = book.active
    assert flags is not None
    flags.title = "Signalen"
    flags.append(["Soort", "Concept", "Gemeenten", "Formulieren", "Toelichting"])
    for flag in analysis.flags:
        concept = analysis.concept(flag.concept)
        flags.append(
            [
                KIND_LABELS[flag.kind],
                concept.label,
                ", ".join(municipality_name(code) for code in flag.municipalities),
                len(flag.forms),
                flag.detail,
            ]
        )
    concepts = book.create_sheet("Concepten")
    concepts.append(["Id", "Concept", "Velden", "Formulieren", "In iJw-bericht", "Voorbeelden"])
    for concept in analysis.concepts:
        labels = sorted({item.label for _, item in concept.members})
        concepts.append(
            [
                concept.id,
                concept.label,
                len(concept.members),
                len({form.id for form, _ in concept.members}),
                ", ".join(concept.standard),
                "; ".join(labels[:6]),
            ]
        )
    for sheet, widths in ((flags, [18, 30, 30, 12, 100]), (concepts, [8, 30, 8, 12, 30, 80])):
        style_header(sheet[1])
        setup_sheet(sheet, widths, "A2")
        sheet.auto_filter.ref = sheet.dimensions
    book.save(path)
