"""The sector report as Markdown, HTML (Jinja2 templates in reports/) or Excel."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from regeldruk import __version__
from regeldruk.exports.proposals_render import nl, render_text
from regeldruk.sector import MIN_ORGANISATIONS, SectorFigure, SectorReport


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{nl(value * 100, 1)}%"


def _ratio(value: float | None) -> str:
    return "–" if value is None else nl(value, 1)


def sections(report: SectorReport) -> list[tuple[str, list[SectorFigure]]]:
    return [
        ("Per jeugdzorgregio", report.per_region),
        ("Per gemeente", report.per_municipality),
        ("Per categorie", report.per_category),
        ("Per periode", report.per_period),
    ]


def write_sector_report(report: SectorReport, path: Path) -> None:
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        _xlsx(report, path)
        return
    context: dict[str, Any] = {
        "report": report,
        "sections": sections(report),
        "minimum": MIN_ORGANISATIONS,
        "version": __version__,
    }
    template = "sector.md.j2" if suffix == ".md" else "sector.html.j2"
    path.write_text(
        render_text(template, context, {"pct": _pct, "ratio": _ratio}), encoding="utf-8"
    )


def _xlsx(report: SectorReport, path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    book = Workbook()
    first = book.active
    assert first is not None
    book.remove(first)
    header = [
        "",
        "Uren",
        "Cliënt",
        "Indirect",
        "Verantwoording",
        "Overig",
        "Aandeel verantwoording",
        "Papierwerkratio (min/uur)",
        "Organisaties",
    ]
    for title, figures in sections(report):
        sheet = book.create_sheet(title.replace("Per ", "Per ")[:31])
        sheet.append(header)
        for f in figures:
            sheet.append(
                [
                    f.group,
                    round(f.total, 2),
                    round(f.hours["client"], 2),
                    round(f.hours["indirect"], 2),
                    round(f.hours["accountability"], 2),
                    round(f.hours["other"], 2),
                    f.accountability_share,
                    f.paperwork_ratio,
                    f.organisations,
                ]
            )
        for row in sheet.iter_rows(min_row=2):
            row[6].number_format = "0.0%"
            row[7].number_format = "0.0"
        for cell in sheet[1]:
            cell.font = Font(bold=True, color="FFFFFF")
            cell.fill = PatternFill("solid", fgColor="305496")
        sheet.column_dimensions["A"].width = 34
        for column in "BCDEFGHI":
            sheet.column_dimensions[column].width = 15
        sheet.freeze_panes = "B2"
    notes = book.create_sheet("Toelichting")
    notes.append([f"{report.packages} pakketten van {report.organisations} organisaties."])
    notes.append(
        [
            f"Cijfers op minder dan {MIN_ORGANISATIONS} organisaties zijn weggelaten "
            f"({report.hidden} groepen)."
        ]
    )
    notes.append(["Geen namen van medewerkers, cliënten of organisaties."])
    book.save(path)
