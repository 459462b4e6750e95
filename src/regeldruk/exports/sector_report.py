"""The sector report as Markdown, HTML (Jinja2 templates in reports/) or Excel."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from regeldruk import __version__
from regeldruk.exports.proposals_render import nl, render_text
from regeldruk.sector import MIN_ORGANISATIONS, SectorFigure, SectorReport

DEFINITIONS = (
    "Aandeel verantwoording = uren verantwoording / alle uren; "
    "papierwerkratio = minuten verantwoording per uur direct cliëntcontact."
)
PRIVACY = (
    "Geen namen van medewerkers, cliënten of organisaties: alleen cellen van minstens "
    "k medewerkers per organisatie."
)


@dataclass(frozen=True)
class Section:
    title: str
    group: str  # what the first column holds
    figures: list[SectorFigure]
    chart: Literal["share", "hours", "trend"]  # share per group, hours per group, share line


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{nl(value * 100, 1)}%"


def _ratio(value: float | None) -> str:
    return "–" if value is None else nl(value, 1)


def sections(report: SectorReport) -> list[Section]:
    return [
        Section("Per jeugdzorgregio", "Jeugdzorgregio", report.per_region, "share"),
        Section("Per gemeente", "Gemeente", report.per_municipality, "share"),
        # Every category is all of one kind, so its share would only say 0% or 100%.
        Section("Per categorie", "Categorie", report.per_category, "hours"),
        Section("Per periode", "Periode", report.per_period, "trend"),
    ]


def summary_line(report: SectorReport) -> str:
    return (
        f"{report.packages} pakketten van {report.organisations} organisaties. Cijfers die op "
        f"minder dan {MIN_ORGANISATIONS} organisaties rusten, staan er niet in "
        f"({report.hidden} groepen weggelaten)."
    )


def write_sector_report(report: SectorReport, path: Path) -> None:
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        _xlsx(report, path)
        return
    context: dict[str, Any] = {
        "report": report,
        "summary": summary_line(report),
        "definitions": DEFINITIONS,
        "privacy": PRIVACY,
        "sections": sections(report),
        "minimum": MIN_ORGANISATIONS,
        "version": __version__,
    }
    template = "sector.md.j2" if suffix == ".md" else "sector.html.j2"
    path.write_text(
        render_text(template, context, {"pct": _pct, "ratio": _ratio}), encoding="utf-8"
    )


XLSX_COLUMNS = [
    "Uren",
    "Cliënt",
    "Indirect",
    "Verantwoording",
    "Overig",
    "Aandeel verantwoording",
    "Papierwerkratio (min/uur)",
    "Organisaties",
]
HOURS = "#,##0.0"


def _xlsx(report: SectorReport, path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    from regeldruk.exports.xlsx_style import PERCENT, RATIO, setup_sheet, style_header

    book = Workbook()
    first = book.active
    assert first is not None
    book.remove(first)
    for section in sections(report):
        sheet = book.create_sheet(section.title)
        sheet.append([section.group, *XLSX_COLUMNS])
        style_header(sheet[1])
        for f in section.figures:
            h = f.hours
            sheet.append(
                [
                    f.group,
                    f.total,
                    h["client"],
                    h["indirect"],
                    h["accountability"],
                    h["other"],
                    f.accountability_share,
                    f.paperwork_ratio,
                    f.organisations,
                ]
            )
        for row in sheet.iter_rows(min_row=2):
            for cell in row[1:6]:
                cell.number_format = HOURS
            row[6].number_format = PERCENT
            row[7].number_format = RATIO
        if not section.figures:
            sheet.append([f"Geen cijfers met minstens {MIN_ORGANISATIONS} organisaties."])
        setup_sheet(sheet, [48, 11, 11, 11, 15, 11, 22, 24, 13], "B2")
        if section.figures:
            _chart(sheet, section, len(section.figures))
    notes = book.create_sheet("Toelichting")
    for line in (
        "Regeldruk in de jeugdhulp: sectorbeeld",
        summary_line(report),
        "Uren: de som van de gepubliceerde cellen van alle pakketten; cellen die een "
        "organisatie voor de privacy heeft weggelaten, tellen niet mee.",
        DEFINITIONS,
        PRIVACY,
        f"Gemaakt met regeldruk {__version__}.",
    ):
        notes.append([line])
    notes["A1"].font = Font(bold=True)
    setup_sheet(notes, [110], None)
    book.save(path)


def _chart(sheet: Any, section: Section, count: int) -> None:
    """The section's chart, beside its table."""
    from openpyxl.chart import BarChart, LineChart, Reference

    chart: BarChart | LineChart = LineChart() if section.chart == "trend" else BarChart()
    if isinstance(chart, BarChart):
        chart.type = "bar"
        chart.x_axis.scaling.orientation = "maxMin"  # top to bottom, in the table's order
    if section.chart == "hours":
        column, measure, number_format = 2, "Uren", "#,##0"
    else:
        column, measure, number_format = 7, "Aandeel verantwoording", "0%"
    chart.title = f"{measure}, {section.title.lower()}"
    chart.y_axis.title = measure
    chart.y_axis.numFmt = number_format
    chart.legend = None
    data = Reference(sheet, min_col=column, min_row=1, max_row=count + 1)
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(Reference(sheet, min_col=1, min_row=2, max_row=count + 1))
    chart.width = 18
    chart.height = max(7.5, 0.75 * count + 3)  # room for every label
    sheet.add_chart(chart, "K2")
