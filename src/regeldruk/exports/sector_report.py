"""The sector report as Markdown, HTML (Jinja2 templates in reports/) or Excel.

Every sheet and section adds up to the same total: what may not be shown apart stands
together in one row, and the row without an area stands apart from the regions (and out
of their chart). Text that came from packages or the catalogue goes through textsafe.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from regeldruk import __version__
from regeldruk.exports.proposals_render import nl, render_text
from regeldruk.sectorprofile import dutch_period
from regeldruk.sectorreport import MIN_ORGANISATIONS, NOT_BY_AREA, SectorFigure, SectorReport
from regeldruk.textsafe import for_cell, for_markdown

DEFINITIONS = (
    "Aandeel verantwoording = uren verantwoording / alle uren; "
    "papierwerkratio = minuten verantwoording per uur direct cliëntcontact."
)
PRIVACY = (
    "Geen namen van medewerkers, cliënten of organisaties. Elke organisatie stuurt alleen "
    "cellen van minstens k medewerkers, met kleine ruis; een cijfer staat hier alleen als "
    f"het op minstens {MIN_ORGANISATIONS} organisaties rust en geen organisatie het "
    "overheerst, ook niet als u cijfers van elkaar aftrekt."
)
TOTALS = (
    "Elk blad telt op tot hetzelfde totaal: wat niet apart getoond mag worden, staat samen "
    "in één regel."
)


@dataclass(frozen=True)
class Row:
    figure: SectorFigure
    style: Literal["group", "apart", "rest", "total"]


@dataclass(frozen=True)
class Section:
    title: str
    group: str  # what the first column holds
    rows: list[Row]
    chart: Literal["share", "hours", "trend"]

    @property
    def groups(self) -> list[SectorFigure]:
        return [r.figure for r in self.rows if r.style == "group"]


def title(report: SectorReport) -> str:
    return f"Regeldruk in de jeugdhulp: sectorbeeld {report.span}"


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{nl(value * 100, 1)}%"


def _ratio(value: float | None) -> str:
    return "–" if value is None else nl(value, 1)


def _rows(groups: list[SectorFigure], report: SectorReport, key: str) -> list[Row]:
    rows = [Row(f, "group") for f in groups]
    if key == "per_region" and report.not_by_area is not None:
        rows.append(Row(report.not_by_area, "apart"))
    if key in report.rest:
        rows.append(Row(report.rest[key], "rest"))
    rows.append(Row(report.total, "total"))
    return rows


def sections(report: SectorReport) -> list[Section]:
    periods = [
        SectorFigure(dutch_period(f.group), f.hours, f.organisations) for f in report.per_period
    ]
    return [
        Section(
            "Per jeugdzorgregio",
            "Jeugdzorgregio",
            _rows(report.per_region, report, "per_region"),
            "share",
        ),
        Section(
            "Per gemeente",
            "Gemeente",
            _rows(report.per_municipality, report, "per_municipality"),
            "share",
        ),
        # Every category is all of one kind, so its share would only say 0% or 100%.
        Section(
            "Per categorie",
            "Categorie",
            _rows(report.per_category, report, "per_category"),
            "hours",
        ),
        Section("Per periode", "Periode", _rows(periods, report, "per_period"), "trend"),
    ]


def empty_line(section: Section, report: SectorReport) -> str:
    if section.group == "Gemeente" and not report.municipality_cells:
        return "Het sectorprofiel vraagt geen cijfers per gemeente (zie per jeugdzorgregio)."
    return (
        f"Geen {section.group.lower()} apart te tonen: te weinig organisaties "
        "(de uren staan in de regels hierboven)."
    )


def summary_line(report: SectorReport) -> str:
    line = (
        f"{report.packages} pakketten van {report.organisations} organisaties, "
        f"{report.span}. Cijfers die op minder dan {MIN_ORGANISATIONS} organisaties rusten "
        f"of door één organisatie worden overheerst, staan niet apart ({report.hidden} "
        "groepen samengenomen)."
    )
    if report.left_out_periods:
        left = ", ".join(dutch_period(p) for p in report.left_out_periods)
        line += f" Weggelaten, te weinig organisaties: {left}."
    if report.old_packages:
        line += (
            f" {report.old_packages} pakketten in het oude, niet ondertekende formaat tellen "
            "niet mee."
        )
    return line


def write_sector_report(report: SectorReport, path: Path) -> None:
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        _xlsx(report, path)
        return
    markdown = suffix == ".md"
    text = for_markdown if markdown else str  # HTML is escaped by the template engine
    context: dict[str, Any] = {
        "title": title(report),
        "summary": summary_line(report),
        "definitions": DEFINITIONS,
        "totals": TOTALS,
        "privacy": PRIVACY,
        "sections": sections(report),
        "empty_line": lambda section: empty_line(section, report),
        "minimum": MIN_ORGANISATIONS,
        "version": __version__,
    }
    template = "sector.md.j2" if markdown else "sector.html.j2"
    path.write_text(
        render_text(template, context, {"pct": _pct, "ratio": _ratio, "text": text}),
        encoding="utf-8",
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
    heading = title(report)
    for section in sections(report):
        sheet = book.create_sheet(section.title)
        sheet.append([section.group, *XLSX_COLUMNS])
        style_header(sheet[1])
        for row in section.rows:
            f, h = row.figure, row.figure.hours
            sheet.append(
                [
                    for_cell(f.group),
                    f.total,
                    h["client"],
                    h["indirect"],
                    h["accountability"],
                    h["other"],
                    f.accountability_share,
                    f.paperwork_ratio,
                    f.organisations if row.style != "rest" else None,
                ]
            )
            cells = sheet[sheet.max_row]
            for cell in cells[1:6]:
                cell.number_format = HOURS
            cells[6].number_format = PERCENT
            cells[7].number_format = RATIO
            if row.style == "total":
                for cell in cells:
                    cell.font = Font(bold=True)
            elif row.style in ("rest", "apart"):
                cells[0].font = Font(italic=True)
        if not section.groups:
            sheet.append([empty_line(section, report)])
        setup_sheet(sheet, [48, 11, 11, 11, 17, 11, 25, 27, 14], "B2")
        sheet.oddHeader.center.text = for_cell(heading)
        if section.groups:
            _chart(sheet, section, len(section.groups), report)
    notes = book.create_sheet("Toelichting")
    for line in (
        heading,
        summary_line(report),
        TOTALS,
        "Uren: de som van de gepubliceerde cellen van alle pakketten, met hun ruis; cellen "
        "die een organisatie voor de privacy heeft weggelaten, tellen niet mee. "
        f"'{NOT_BY_AREA}' zijn uren zonder gemeente (reistijd, scholing, overleg).",
        DEFINITIONS,
        PRIVACY,
        f"Gemaakt met regeldruk {__version__}.",
    ):
        notes.append([for_cell(line)])
    notes["A1"].font = Font(bold=True, size=13)
    setup_sheet(notes, [110], None)
    book.save(path)


def _chart(sheet: Any, section: Section, count: int, report: SectorReport) -> None:
    """The section's chart beside its table, over its groups only (not the rest or total
    rows); axes written as shown, since current Excel hides an axis without delete=0."""
    from openpyxl.chart import BarChart, LineChart, Reference

    chart: BarChart | LineChart = LineChart() if section.chart == "trend" else BarChart()
    if isinstance(chart, BarChart):
        chart.type = "bar"
        chart.x_axis.scaling.orientation = "maxMin"  # top to bottom, in the table's order
    if section.chart == "hours":
        column, measure, number_format = 2, "Uren", "#,##0"
    else:
        column, measure, number_format = 7, "Aandeel verantwoording", "0%"
    chart.title = f"{measure}, {section.title.lower()}, {report.span}"
    chart.y_axis.title = measure
    chart.y_axis.numFmt = number_format
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    chart.legend = None
    data = Reference(sheet, min_col=column, min_row=1, max_row=count + 1)
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(Reference(sheet, min_col=1, min_row=2, max_row=count + 1))
    if isinstance(chart, LineChart):
        for series in chart.series:  # one period is one point: it needs a marker
            series.marker.symbol = "circle"
            series.marker.size = 8
    chart.width = 18
    chart.height = max(7.5, 0.75 * count + 3)  # room for every label
    sheet.add_chart(chart, "K2")
