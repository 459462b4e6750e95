"""The team lead's Excel workbook (openpyxl, write-only so a team-year streams to disk).

Sheets: Samenvatting, Per week, Per gemeente, Per formulier, Registraties. Durations are
Excel durations (days, shown as [h]:mm), never text, so a SUM a user adds is right.
"""

from __future__ import annotations

import shutil
import tempfile
import warnings
import zipfile
from datetime import date, datetime
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.chart import BarChart, LineChart, Reference
from openpyxl.styles import Font
from openpyxl.worksheet.filters import AutoFilter
from openpyxl.worksheet.table import Table, TableColumn, TableStyleInfo

from regeldruk import __version__
from regeldruk.exports.xlsx_style import PERCENT, RATIO, setup_sheet, style_header
from regeldruk.reporting import Summary
from regeldruk.taxonomy import KIND_LABELS, KINDS
from regeldruk.teamexport import TeamExport
from regeldruk.textsafe import for_cell

DURATION = "[h]:mm"
# openpyxl's stubs don't know that write-only sheets carry a worksheet's print settings.
Sheet = Any


def duration(minutes: int) -> float:
    """Minutes as an Excel duration (a fraction of a day)."""
    return minutes / 1440


def _cell(ws: Sheet, value: Any, number_format: str | None = None, bold: bool = False) -> Any:
    cell = WriteOnlyCell(ws, value=value)
    if number_format:
        cell.number_format = number_format
    if bold:
        cell.font = Font(bold=True)
    return cell


def _header(ws: Sheet, names: list[str]) -> list[Any]:
    cells = [WriteOnlyCell(ws, value=name) for name in names]
    style_header(cells)
    return cells


def _summary_cells(ws: Sheet, summary: Summary, bold: bool = False) -> list[Any]:
    return [
        *(_cell(ws, duration(summary.minutes[k]), DURATION, bold) for k in KINDS),
        _cell(ws, duration(summary.total_minutes), DURATION, bold),
        _cell(ws, summary.accountability_share, PERCENT, bold),
        _cell(ws, summary.administration_share, PERCENT, bold),
        _cell(ws, summary.paperwork_ratio, RATIO, bold),
    ]


SUMMARY_HEADER = [
    *(KIND_LABELS[k] for k in KINDS),
    "Totaal",
    "Aandeel verantwoording",
    "Aandeel administratie (CBS)",
    "Papierwerkratio (min/uur)",
]


def write_team_workbook(export: TeamExport, path: Path) -> int:
    """Write the workbook; returns the number of entries written."""
    workbook = Workbook(write_only=True)
    _summary_sheet(workbook, export)
    _week_sheet(workbook, export)
    _municipality_sheet(workbook, export)
    _form_sheet(workbook, export)
    with tempfile.TemporaryDirectory() as scratch:
        rows_xml = Path(scratch) / "registraties.xml"
        count = _entries_sheet(workbook, export, rows_xml)
        workbook.properties.creator = f"regeldruk {__version__}"
        workbook.properties.title = f"Tijdsbesteding {export.scope.label}"
        workbook.save(path)
        if count:
            _insert_rows(path, workbook["Registraties"].path, rows_xml)
    return count


def _summary_sheet(workbook: Workbook, export: TeamExport) -> None:
    ws = workbook.create_sheet("Samenvatting")
    setup_sheet(ws, [34, 20, 23, 16, 10, 10, 22, 28, 25], "A9")
    period = export.period
    ws.append([_cell(ws, f"Tijdsbesteding {export.scope.label}", bold=True)])
    ws.append(["Periode", f"{period.first:%d-%m-%Y} t/m {period.last:%d-%m-%Y}"])
    ws.append(["Team" if export.scope.team else "Medewerker", export.scope.label])
    ws.append(
        ["Aandeel verantwoording", _cell(ws, export.total.accountability_share, PERCENT, True)]
    )
    ws.append(
        [
            "Aandeel administratie (CBS-definitie)",
            _cell(ws, export.total.administration_share, PERCENT, True),
        ]
    )
    ws.append(
        [
            "Papierwerkratio (min. verantwoording per uur cliëntcontact)",
            _cell(ws, export.total.paperwork_ratio, RATIO, True),
        ]
    )
    ws.append([])
    ws.append(_header(ws, ["Medewerker", *SUMMARY_HEADER]))
    first_row = 9
    for name, summary in export.workers.items():
        ws.append([for_cell(name), *_summary_cells(ws, summary)])
    if not export.workers:
        ws.append(["Geen registraties in deze periode."])
    last_row = first_row + max(len(export.workers), 1) - 1
    ws.append([_cell(ws, "Totaal", bold=True), *_summary_cells(ws, export.total, bold=True)])
    ws.append([])
    ws.append(["Duur als uu:mm. Totalen zijn exact de som van de regels (hele minuten)."])
    ws.append(
        [
            "Aandeel verantwoording: verantwoording aan financiers en toezichthouders / alle "
            "uren. Aandeel administratie (CBS): ook dossier en verslaglegging voor de zorg, "
            "zoals CBS telt (38% voor cliëntgebonden jeugdzorgmedewerkers, AZW 2025)."
        ]
    )
    if export.note:
        ws.append([for_cell(export.note)])
    ws.append(
        [
            "Een eigen regel staat hier alleen met toestemming van de medewerker "
            "(regeldruk delen teamleider aan)."
        ]
        if export.scope.team
        else []
    )
    for line in export.estimate.describe() if export.estimate else []:
        ws.append([for_cell(line)])
    for line in export.survey.describe() if export.survey else []:
        ws.append([for_cell(line)])
    ws.append([f"Gemaakt met regeldruk {__version__}. Notities staan niet in dit bestand."])
    if export.workers:
        chart = BarChart()
        chart.type = "bar"
        chart.grouping = "percentStacked"
        chart.overlap = 100
        chart.title = "Tijdsbesteding per medewerker"
        chart.y_axis.title = "Aandeel van de tijd"
        data = Reference(ws, min_col=2, max_col=5, min_row=first_row - 1, max_row=last_row)
        labels = Reference(ws, min_col=1, min_row=first_row, max_row=last_row)
        chart.add_data(data, titles_from_data=True)
        chart.set_categories(labels)
        chart.height = max(7.5, 0.6 * len(export.workers) + 3)
        chart.width = 18
        ws.add_chart(chart, "K2")


def _week_sheet(workbook: Workbook, export: TeamExport) -> None:
    ws = workbook.create_sheet("Per week")
    setup_sheet(ws, [10, 11, 20, 23, 16, 10, 10, 22, 25, 25, 13], "A2")
    ws.append(_header(ws, ["Week", "Maandag", *SUMMARY_HEADER, "Goedgekeurd"]))
    for row in export.weeks:
        approved = f"{row.approved} van {row.workers}" if row.workers else "–"
        ws.append(
            [
                row.week,
                _cell(ws, row.monday, "dd-mm-yyyy"),
                *_summary_cells(ws, row.summary),
                approved,
            ]
        )
    if export.weeks:
        last = len(export.weeks) + 1
        columns = BarChart()
        columns.type = "col"
        columns.grouping = "stacked"
        columns.overlap = 100
        columns.title = "Uren per soort per week"
        columns.y_axis.title = "Uren (uu:mm)"
        columns.y_axis.numFmt = DURATION
        columns.add_data(
            Reference(ws, min_col=3, max_col=6, min_row=1, max_row=last), titles_from_data=True
        )
        columns.set_categories(Reference(ws, min_col=1, min_row=2, max_row=last))
        columns.width = 18
        ws.add_chart(columns, "M2")
        trend = LineChart()
        trend.title = "Aandeel verantwoording en administratie (CBS) per week"
        trend.y_axis.numFmt = "0%"
        trend.add_data(
            Reference(ws, min_col=8, max_col=9, min_row=1, max_row=last), titles_from_data=True
        )
        for series in trend.series:
            series.smooth = False
        trend.set_categories(Reference(ws, min_col=1, min_row=2, max_row=last))
        trend.width = 18
        ws.add_chart(trend, "M18")


def _municipality_sheet(workbook: Workbook, export: TeamExport) -> None:
    ws = workbook.create_sheet("Per gemeente")
    setup_sheet(ws, [9, 22, 24, 20, 23, 16, 10, 10, 22, 25, 25], "A2")
    ws.append(_header(ws, ["Code", "Gemeente", "Jeugdzorgregio", *SUMMARY_HEADER]))
    for row in export.municipalities:
        ws.append([row.code, row.name, row.region, *_summary_cells(ws, row.summary)])
    if not export.municipalities:
        ws.append(["", "Geen registraties met een gemeente in deze periode."])
    ws.append([])
    ws.append(
        [
            "Gesorteerd op papierwerkratio: bovenaan de gemeenten die per uur "
            "cliëntcontact de meeste verantwoording vragen."
        ]
    )


def _form_sheet(workbook: Workbook, export: TeamExport) -> None:
    ws = workbook.create_sheet("Per formulier")
    setup_sheet(ws, [36, 12, 12, 17], "A2")
    ws.append(_header(ws, ["Formulier", "Aantal keer", "Totale tijd", "Mediaan per keer"]))
    for row in export.forms:
        ws.append(
            [
                row.form,
                row.count,
                _cell(ws, duration(row.total_minutes), DURATION),
                _cell(ws, duration(round(row.median_minutes)), DURATION)
                if row.median_minutes is not None
                else "–",
            ]
        )
    if not export.forms:
        ws.append(["Geen registraties met een formulier in deze periode."])
    elif export.note:
        ws.append([])
        ws.append(
            ["De mediaan rust op de registraties met een eigen regel, niet op de samengevoegde."]
        )


# Kept to what a filter needs: the kind of a category and the week of a date are on the
# other sheets, and every extra column costs a team-year 250,000 cells.
ENTRY_HEADER = [
    "Begin",
    "Einde",
    "Duur",
    "Medewerker",
    "Categorie",
    "Gemeente",
    "Formulier",
    "Goedgekeurd",
]


def _entries_sheet(workbook: Workbook, export: TeamExport, rows_xml: Path) -> int:
    """The Registraties sheet: openpyxl writes its header, table and print set-up; the
    rows themselves go to ``rows_xml`` as plain XML text, and _insert_rows puts them into
    the saved file. openpyxl's per-cell objects made this sheet most of a team-year's
    export (19 s of 30 for 250,000 entries)."""
    ws = workbook.create_sheet("Registraties")
    setup_sheet(ws, [16, 16, 8, 22, 16, 9, 28, 12], "A2")
    ws.append(_header(ws, ENTRY_HEADER))
    count = len(export.rows)
    if not count:
        ws.append(["Geen registraties in deze periode."])
        return 0
    moment, length = _style_id(ws, "dd-mm-yyyy hh:mm"), _style_id(ws, DURATION)
    text = _InlineText()
    with rows_xml.open("w", encoding="utf-8") as out:
        for number, entry in enumerate(export.rows, start=2):
            out.write(
                f'<row r="{number}">'
                f'<c r="A{number}" s="{moment}"><v>{_serial(entry.start)!r}</v></c>'
                f'<c r="B{number}" s="{moment}"><v>{_serial(entry.end)!r}</v></c>'
                f'<c r="C{number}" s="{length}"><v>{duration(entry.minutes)!r}</v></c>'
                f"{text(f'D{number}', entry.worker)}{text(f'E{number}', entry.category)}"
                f"{text(f'F{number}', entry.gemeente)}{text(f'G{number}', entry.form)}"
                f"{text(f'H{number}', 'ja' if entry.approved else 'nee')}</row>"
            )
    last_column = chr(ord("A") + len(ENTRY_HEADER) - 1)
    table = Table(displayName="Registraties", ref=f"A1:{last_column}{count + 1}")
    # Write-only sheets can't read the header back: name the table columns here.
    table.tableColumns = [
        TableColumn(id=index, name=name) for index, name in enumerate(ENTRY_HEADER, start=1)
    ]
    table.autoFilter = AutoFilter(ref=table.ref)
    table.tableStyleInfo = TableStyleInfo(name="TableStyleMedium2", showRowStripes=True)
    with warnings.catch_warnings():  # "add table columns manually": done just above
        warnings.simplefilter("ignore", UserWarning)
        ws.add_table(table)
    return count


def _style_id(ws: Sheet, number_format: str) -> int:
    """The workbook's style index for cells with this number format (registers it)."""
    cell = WriteOnlyCell(ws, value=None)
    cell.number_format = number_format
    return int(cell.style_id)


_EXCEL_EPOCH = date(1899, 12, 30).toordinal()


def _serial(moment: datetime) -> float:
    """A wall-clock time (whole minutes) as an Excel date serial, as openpyxl writes it."""
    return (moment.toordinal() - _EXCEL_EPOCH) + (moment.hour * 60 + moment.minute) / 1440


class _InlineText:
    """Text cells as inline strings; the few distinct values are escaped once each."""

    def __init__(self) -> None:
        self._escaped: dict[str, str] = {}

    def __call__(self, ref: str, value: str | None) -> str:
        if value is None:
            return ""
        escaped = self._escaped.get(value)
        if escaped is None:
            escaped = escape(ILLEGAL_CHARACTERS_RE.sub("", value))
            self._escaped[value] = escaped
        return f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{escaped}</t></is></c>'


def _insert_rows(path: Path, sheet: str, rows_xml: Path) -> None:
    """Put the rows written by _entries_sheet into the saved workbook's sheet."""
    member = sheet.lstrip("/")
    rewritten = path.with_name(path.name + ".deel")
    with (
        zipfile.ZipFile(path) as source,
        zipfile.ZipFile(rewritten, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            data = source.read(info)
            if info.filename != member:
                target.writestr(info, data)
                continue
            head, tail = data.split(b"</sheetData>", 1)
            with target.open(info, "w", force_zip64=True) as out, rows_xml.open("rb") as rows:
                out.write(head)
                shutil.copyfileobj(rows, out, 1024 * 1024)
                out.write(b"</sheetData>" + tail)
    rewritten.replace(path)
