"""Render the proposals report: Markdown and self-contained HTML (Jinja2 templates in
reports/), an Excel workbook (openpyxl), JSON (regeldruk/proposals@1), and one document
per addressee."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from regeldruk import __version__
from regeldruk.municipalities import fold
from regeldruk.proposals.estimate import ZERO, Estimate
from regeldruk.proposals.fields import EFFORT
from regeldruk.proposals.model import KIND_LABELS, Proposal, Theme, owner_of
from regeldruk.proposals.report import COMBINATION, ProposalReport
from regeldruk.proposals.rules import Ground
from regeldruk.proposals.themes import EXTENSIONS_AVOIDED, REPORTS_PER_YEAR, UNIFORM_SAVING
from regeldruk.textsafe import for_cell, for_markdown, one_line

FORMATS = ("md", "html", "xlsx", "json")
CHART_ROWS = 15
# Generic wording of each theme: what the addressees are asked to do.
THEME_TEXT = {
    "betaalproces": (
        "Schaf aparte start- en stopmeldingen en declaratiebijlagen af en haal de gegevens van "
        "aanvraag en verlenging uit JW315/JW317: in het betaalproces is het iJw-berichtenverkeer "
        "van de uitvoeringsvariant de enige weg. Onder taakgericht bestaan JW305/JW307 niet "
        "(verplicht); daar geldt dit alleen voor de aanvraag."
    ),
    "uren-output": (
        "Vraag geen geplande of geleverde uren waar de gemeente outputgericht financiert: zij "
        "betaalt het resultaat, niet de inzet."
    ),
    "persoonsgegevens": (
        "Schrap persoonsgegevens van jeugdige of gezin die geen iJw-bericht draagt en die de "
        "meeste gemeenten niet nodig hebben, of onderbouw waarvoor ze noodzakelijk zijn."
    ),
    "eenmalig": (
        "Vul vaste gegevens (identiteit, toewijzing, verwijzing, gegevens van de aanbieder) "
        "vooraf in of laat ze weg; alleen metingen op een moment (voortgang, geleverde uren, "
        "een ondertekening) worden opnieuw gevraagd."
    ),
    "verlenging": (
        "Wijs toe voor de verwachte duur van de hulp, zodat een verlenging de uitzondering wordt. "
        f"Aanname bij de winst: {EXTENSIONS_AVOIDED.value:.0%} van de verlengingen vervalt "
        f"(bandbreedte {EXTENSIONS_AVOIDED.low:.0%}–{EXTENSIONS_AVOIDED.high:.0%})."
    ),
    "voortgang": (
        "Eén regionale voortgangsrapportage in het inkoopcontract, met één set vragen, "
        f"hoogstens {REPORTS_PER_YEAR:.0f} keer per jaar; tussentijds alleen bij een wezenlijke "
        "wijziging."
    ),
    "uniform": (
        "Eén landelijke definitie per gegeven (format, eenheid, verplichting) in de modellen en "
        f"standaardcontracten. Aanname bij de winst: {UNIFORM_SAVING.value:.0%} van de tijd van "
        f"deze velden (bandbreedte {UNIFORM_SAVING.low:.0%}–{UNIFORM_SAVING.high:.0%})."
    ),
    "ijw-wijziging": (
        "Een wijzigingsverzoek bij Zorginstituut Nederland om vaste gegevens die gemeenten in het "
        "betaalproces nodig hebben in JW315/JW317 op te nemen, zodat gemeenten daarna hun eigen "
        "velden kunnen schrappen."
    ),
}


def templates_dir() -> Path:
    """reports/ in a checkout, else the copy inside the installed package."""
    checkout = Path(__file__).resolve().parents[3] / "reports"
    if checkout.is_dir():
        return checkout
    return Path(__file__).resolve().parents[1] / "templates"


def nl(value: float, digits: int = 1) -> str:
    """1234.5 -> '1.234,5' (Dutch grouping and decimal comma)."""
    text = f"{value:,.{digits}f}"
    return text.replace(",", "_").replace(".", ",").replace("_", ".")


def euros(value: float) -> str:
    return f"€ {nl(value, 0)}"


def hours(value: float) -> str:
    """Whole hours, with one decimal below ten so small gains do not read as zero."""
    return nl(value, 1 if abs(value) < 10 else 0)


def span(estimate: Estimate, fmt: str = "hours") -> str:
    """'9.616–31.679': the low and high end of an estimate."""
    low = min(estimate.low, estimate.value, estimate.high)
    high = max(estimate.low, estimate.value, estimate.high)
    show = euros if fmt == "euros" else hours
    return f"{show(low)}–{show(high)}"


def percent(value: float) -> str:
    return f"{nl(value * 100, 0)}%"


def render_text(
    template: str, context: dict[str, Any], filters: dict[str, Any] | None = None
) -> str:
    from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

    environment = Environment(
        loader=FileSystemLoader(templates_dir()),
        autoescape=select_autoescape(["html.j2"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters.update(nl=nl, euros=euros, hours=hours, **(filters or {}))
    return environment.get_template(template).render(**context)


# --- the view: what every format shows, computed once ------------------------------------


@dataclass(frozen=True)
class Row:
    """A proposal as a row of the report."""

    proposal: Proposal
    names: str  # the municipalities it concerns, by name
    grounds: str  # short names
    tags: str  # shorter still
    gain: Estimate
    euros: Estimate
    evidence: list[tuple[str, str, Estimate, Estimate]]  # form title, what, burden, gain

    @property
    def counted(self) -> bool:
        return self.proposal.counted


def _names(report: ProposalReport, codes: list[str]) -> str:
    return ", ".join(report.places.name(code) for code in codes)


def rows(report: ProposalReport) -> list[Row]:
    forms = {b.form.id: b for b in report.burdens.values()}
    found = []
    for proposal in report.proposals:
        evidence = []
        for action in proposal.actions:
            burden = forms.get(action.form)
            if burden is None:
                continue
            gain = proposal.gains.get(action.form, ZERO)
            evidence.append((burden.form.title, action.note, burden.hours, gain))
        found.append(
            Row(
                proposal,
                _names(report, proposal.municipalities),
                "; ".join(g.short for g in proposal.grounds),
                ", ".join(g.tag for g in proposal.grounds),
                proposal.gain,
                report.gain_euros_of(proposal),
                evidence,
            )
        )
    return found


@dataclass(frozen=True)
class ThemeRow:
    theme: Theme
    text: str
    grounds: list[Ground]  # every ground one of its proposals cites
    kinds: str  # who is addressed
    names: str  # municipalities concerned
    proposals: int
    gain: Estimate
    euros: Estimate


def theme_rows(report: ProposalReport) -> list[ThemeRow]:
    found = []
    for theme in report.themes:
        mine = [p for p in report.proposals if p.theme == theme]
        if not mine:
            continue
        kinds = sorted({p.addressee.kind for p in mine}, key=list(KIND_LABELS).index)
        codes = sorted({c for p in mine for c in p.municipalities}, key=report.places.name)
        gain = ZERO
        money = ZERO
        for p in mine:
            gain, money = gain.plus(p.gain), money.plus(report.gain_euros_of(p))
        found.append(
            ThemeRow(
                theme,
                THEME_TEXT.get(theme.key, ""),
                grounds_of(mine),
                ", ".join(KIND_LABELS[k] for k in kinds),
                _names(report, codes),
                len(mine),
                gain,
                money,
            )
        )
    return found


@dataclass(frozen=True)
class PlaceRow:
    name: str
    variant: str
    variant_source: str
    clients: Estimate
    clients_source: str
    forms: int
    burden: Estimate
    gain: Estimate

    @property
    def share(self) -> float:
        return self.gain.value / self.burden.value if self.burden.value else 0.0


def place_rows(report: ProposalReport) -> list[PlaceRow]:
    clients = {c.code: c for c in report.clients}
    found = []
    for code in report.municipalities:
        mine = [b for b in report.burdens.values() if b.form.municipality == code]
        burden = ZERO
        gain = ZERO
        for b in mine:
            burden = burden.plus(b.hours)
            gain = gain.plus(report.form_gain(b.form.id))
        place = report.places[code]
        figure = clients.get(code)
        found.append(
            PlaceRow(
                place.name,
                place.variant,
                place.variant_source,
                figure.clients if figure else ZERO,
                figure.source if figure else "",
                len(mine),
                burden,
                gain,
            )
        )
    return found


def context(report: ProposalReport) -> dict[str, Any]:
    top, counted = report.chart(CHART_ROWS)
    scope = report.scope
    all_rows = rows(report)
    themes = theme_rows(report)
    return {
        "r": report,
        "row_of": {row.proposal.id: row for row in all_rows},
        "theme_of": {t.theme.key: t for t in themes},
        "title": "Voorstellen om de regeldruk in de jeugdhulp te verminderen",
        "scope": scope.name if scope else None,
        "rows": all_rows,
        "themes": themes,
        "places": place_rows(report),
        "groups": report.groups(),
        "forms": list(report.burdens.values()),
        "owner_of": owner_of,
        "grounds_of": grounds_of,
        "name_of": report.places.name,
        "effort": [(key, minutes, text) for key, (minutes, text) in EFFORT.items()],
        "combination": COMBINATION,
        "chart": top,
        "chart_total": counted,
        "generated": report.generated.strftime("%d-%m-%Y"),
        "version": __version__,
        "remaining": _remaining(report),
        "not_counted": [p for p in report.proposals if not p.counted],
    }


def _remaining(report: ProposalReport) -> Estimate:
    """What remains of the forms' burden: after these proposals in the full report; after
    all proposals (also those to others) in a document for one addressee."""
    if report.scope is None:
        burden, gain = report.burden, report.gain
        return Estimate(burden.value - gain.value, burden.low - gain.low, burden.high - gain.high)
    total = ZERO
    for remaining in report.remaining.values():
        total = total.plus(remaining)
    return total


def grounds_of(proposals: list[Proposal]) -> list[Ground]:
    """Every ground one of these proposals cites, in order."""
    found: list[Ground] = []
    for proposal in proposals:
        found += [g for g in proposal.grounds if g not in found]
    return found


def _filters() -> dict[str, Any]:
    return {"span": span, "percent": percent, "md": for_markdown, "line": one_line}


def write_proposals(path: Path, fmt: str, report: ProposalReport) -> None:
    if fmt == "xlsx":
        write_workbook(path, report)
    elif fmt == "json":
        text = json.dumps(report.to_json(), ensure_ascii=False, indent=1)
        path.write_text(text + "\n", encoding="utf-8")
    else:
        template = "proposals.md.j2" if fmt == "md" else "proposals.html.j2"
        path.write_text(render_text(template, context(report), _filters()), encoding="utf-8")


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(name)).strip("-") or "geadresseerde"


def write_per_addressee(directory: Path, fmt: str, report: ProposalReport) -> list[Path]:
    """One document per addressee, named after it (gemeente-voorbeeldstad.md, vng.md, ...)."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for addressee in report.addressees():
        path = directory / f"{slug(addressee.name)}.{fmt}"
        write_proposals(path, fmt, report.for_addressee(addressee))
        written.append(path)
    return written


# --- the workbook -------------------------------------------------------------------------

EURO = '"€" #,##0'
HOURS = "#,##0"
HOURS_1 = "#,##0.0"


def _height(texts: list[tuple[str, float]]) -> float:
    """Row height (points) that shows every wrapped text in full: lines x 15 points, where
    a column of width w holds about 1.25 w characters of an 11-point font per line, wrapped
    at spaces as a spreadsheet wraps them."""
    import textwrap

    lines = 1
    for text, width in texts:
        per_line = max(1, int(width * 1.25))
        count = sum(
            max(1, len(textwrap.wrap(part, per_line, break_on_hyphens=False)))
            for part in str(text).split("\n")
        )
        lines = max(lines, count)
    return min(409.0, 15.0 * lines + 2)


def _cell_text(text: str) -> str:
    """for_cell per line: line breaks stay, everything else it guards against goes."""
    return "\n".join(for_cell(line) for line in text.split("\n"))


def write_workbook(path: Path, report: ProposalReport) -> None:
    from openpyxl import Workbook

    book = Workbook()
    summary = book.active
    assert summary is not None
    _summary_sheet(summary, report)
    _proposals_sheet(book.create_sheet("Voorstellen"), report)
    _explanation_sheet(book.create_sheet("Toelichting"), report)
    _places_sheet(book.create_sheet("Per gemeente"), report)
    _forms_sheet(book.create_sheet("Per formulier"), report)
    _chart_sheet(book.create_sheet("Grafiek"), report)
    book.save(path)


def _header(cells: Any) -> None:
    """The shared blue header, in the body's font (a font without a name prints serif in
    LibreOffice), wrapped."""
    from openpyxl.styles import Alignment, Font

    from regeldruk.exports.xlsx_style import HEADER_FONT, style_header

    style_header(cells)
    for cell in cells:
        cell.font = Font(name="Calibri", bold=True, color=HEADER_FONT.color)
        cell.alignment = Alignment(wrap_text=True, vertical="top")


class _Table:
    """A sheet holding one table: header, widths, wrapped columns with row heights that show
    them in full, frozen header, A4 landscape one page wide, the header on every page."""

    def __init__(
        self,
        ws: Any,
        header: list[str],
        widths: Sequence[float],
        wrap: set[int],
        align: dict[int, str] | None = None,
    ) -> None:
        from regeldruk.exports.xlsx_style import setup_sheet

        self.ws, self.widths, self.wrap, self.align = ws, widths, wrap, align or {}
        ws.append(header)
        _header(ws[ws.max_row])
        ws.row_dimensions[ws.max_row].height = _height(
            [(text, width) for text, width in zip(header, widths, strict=True)]
        )
        setup_sheet(ws, [round(w) for w in widths], f"A{ws.max_row + 1}")
        ws.print_title_rows = f"{ws.max_row}:{ws.max_row}"
        ws.page_margins.left = ws.page_margins.right = 0.4

    def row(self, values: list[Any], formats: dict[int, str] | None = None) -> None:
        from openpyxl.styles import Alignment

        self.ws.append(values)
        for index, cell in enumerate(self.ws[self.ws.max_row]):
            align = self.align.get(index)
            wrapped = index in self.wrap
            cell.alignment = Alignment(
                wrap_text=wrapped, vertical="top", horizontal=align, indent=1 if wrapped else 0
            )
            if formats and index in formats:
                cell.number_format = formats[index]
        texts = [(str(values[i]), self.widths[i]) for i in self.wrap if values[i]]
        self.ws.row_dimensions[self.ws.max_row].height = _height(texts)

    def total(self, values: list[Any], formats: dict[int, str] | None = None) -> None:
        from openpyxl.styles import Font

        self.row(values, formats)
        for cell in self.ws[self.ws.max_row]:
            cell.font = Font(name="Calibri", bold=True)


def _summary_sheet(ws: Any, report: ProposalReport) -> None:
    from openpyxl.styles import Alignment, Font

    ws.title = "Samenvatting"
    title = "Voorstellen om de regeldruk in de jeugdhulp te verminderen"
    if report.scope:
        title += f": {report.scope.name}"
    ws.append([for_cell(title)])
    ws["A1"].font = Font(name="Calibri", bold=True, size=14)
    ws.append(
        [
            for_cell(
                f"{report.organisation} · {report.generated:%d-%m-%Y} · "
                f"{len(report.burdens)} formulieren van {len(report.municipalities)} gemeenten"
            )
        ]
    )
    ws.append([])
    ws.append(["", "Waarde", "Laag", "Hoog", "Eenheid"])
    _header(ws[ws.max_row])
    figures = [
        ("Regeldruk van de formulieren", report.burden, HOURS, "uur per jaar"),
        ("Regeldruk in euro", report.burden_euros, EURO, "per jaar"),
        ("Te winnen (meegetelde voorstellen)", report.gain, HOURS, "uur per jaar"),
        ("Te winnen in euro", report.gain_euros, EURO, "per jaar"),
    ]
    for label, estimate, fmt, unit in figures:
        low = min(estimate.low, estimate.value, estimate.high)
        high = max(estimate.low, estimate.value, estimate.high)
        ws.append([label, estimate.value, low, high, unit])
        for cell in ws[ws.max_row][1:4]:
            cell.number_format = fmt
    ws.append(["Aandeel van de regeldruk", report.share, None, None, "winst / regeldruk"])
    ws.cell(ws.max_row, 2).number_format = "0%"
    ws.append(["Fte", report.fte, None, None, f"bij {nl(report.settings.fte_hours, 0)} uur"])
    ws.cell(ws.max_row, 2).number_format = "0.0"
    ws.append([])
    ws.append(["Waar de cijfers op rusten"])
    ws.cell(ws.max_row, 1).font = Font(name="Calibri", bold=True)
    for label, text in _assumptions(report):
        ws.append([label, for_cell(text)])
        ws.merge_cells(start_row=ws.max_row, start_column=2, end_row=ws.max_row, end_column=5)
        ws.cell(ws.max_row, 2).alignment = Alignment(wrap_text=True, vertical="top")
        ws.cell(ws.max_row, 1).alignment = Alignment(wrap_text=True, vertical="top")
        ws.row_dimensions[ws.max_row].height = _height([(text, 14 * 3 + 42), (label, 34)])
    ws.append([])
    ws.append(["Thema", "Voorstellen", "Uur per jaar", "Euro per jaar", "Aan"])
    _header(ws[ws.max_row])
    for theme in theme_rows(report):
        counted = theme.theme.counted
        name = theme.theme.short + ("" if counted else " (niet meegeteld)")
        ws.append(
            [
                for_cell(name),
                theme.proposals,
                round(theme.gain.value, 2) if counted else None,
                round(theme.euros.value, 2) if counted else None,
                for_cell(theme.kinds),
            ]
        )
        for cell in ws[ws.max_row]:
            cell.alignment = Alignment(
                wrap_text=True, vertical="top", indent=1 if cell.column == 5 else 0
            )
        ws.row_dimensions[ws.max_row].height = _height([(name, 34), (theme.kinds, 42)])
        ws.cell(ws.max_row, 3).number_format = HOURS
        ws.cell(ws.max_row, 4).number_format = EURO
    ws.append(["Totaal (meegeteld)", None, report.gain.value, report.gain_euros.value])
    for cell in ws[ws.max_row]:
        cell.font = Font(name="Calibri", bold=True)
    ws.cell(ws.max_row, 3).number_format = HOURS
    ws.cell(ws.max_row, 4).number_format = EURO
    ws.cell(ws.max_row, 2).value = sum(1 for p in report.proposals if p.counted)
    for column, width in zip("ABCDE", (34, 14, 14, 14, 42), strict=True):
        ws.column_dimensions[column].width = width
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = "9"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def _assumptions(report: ProposalReport) -> list[tuple[str, str]]:
    settings = report.settings
    measured = report.measured_forms
    catalogue = sum(
        1 for b in report.burdens.values() if not b.measured and b.form.minutes is not None
    )
    from_fields = len(report.burdens) - measured - catalogue
    sources: dict[str, int] = {}
    for burden in report.burdens.values():
        kind = burden.occurrences.source.split(":", 1)[0]
        sources[kind] = sources.get(kind, 0) + 1
    how_often = ", ".join(f"{count} {kind}" for kind, count in sorted(sources.items()))
    effort = "; ".join(f"{text} {nl(minutes, 2)}" for _, minutes, text in _effort_rows())
    return [
        ("Meetperiode", report.log.describe()),
        ("Uurtarief", f"€ {nl(settings.tariff, 2)} per uur; bron: {settings.tariff_source}"),
        (
            "Tijd per keer",
            f"{measured} formulieren gemeten (mediaan van de registraties, bandbreedte de "
            f"kwartielen), {catalogue} uit de schatting in de catalogus (−33%/+50%), "
            f"{from_fields} geschat uit hun velden.",
        ),
        (
            "Hoe vaak per jaar",
            f"Per formulier: {how_often}. Gemeten: het aantal registraties in de meetperiode, "
            "naar een jaar omgerekend; afgeleid: cliënten van de gemeente uit haar gemeten "
            "formulieren; aangenomen: "
            f"{settings.default_clients} cliënten per gemeente (bandbreedte ×0,5–×2).",
        ),
        (
            "Tijd per veld",
            "Naar soort antwoord, in minuten bij een gewoon tempo: "
            f"{effort}. {report.calibration.describe()}.",
        ),
        ("Samentellen", COMBINATION),
        (
            "Aannames bij de winst",
            f"verlengingen: {EXTENSIONS_AVOIDED.value:.0%} vervalt "
            f"({EXTENSIONS_AVOIDED.low:.0%}–{EXTENSIONS_AVOIDED.high:.0%}); één definitie: "
            f"{UNIFORM_SAVING.value:.0%} van de tijd van die velden "
            f"({UNIFORM_SAVING.low:.0%}–{UNIFORM_SAVING.high:.0%}); voortgangsrapportage "
            f"hoogstens {REPORTS_PER_YEAR:.0f} keer per jaar.",
        ),
        (
            "Bandbreedte",
            "Laag: alle tijden, aantallen en aannames aan de lage kant; hoog: alle aan de hoge "
            "kant. De verdeling van de tijd over de velden heeft geen bandbreedte.",
        ),
        ("Fte", f"{nl(settings.fte_hours, 0)} productieve uren per jaar"),
    ]


def _effort_rows() -> list[tuple[str, float, str]]:
    return [(key, minutes, text) for key, (minutes, text) in EFFORT.items()]


def _proposals_sheet(ws: Any, report: ProposalReport) -> None:
    header = [
        "Nr",
        "Thema",
        "Aan",
        "Gemeenten",
        "Grondslag",
        "Uur per jaar",
        "Bandbreedte (uur)",
        "Euro per jaar",
        "Meegeteld",
    ]
    widths = [11, 24, 26, 28, 19, 9, 12, 11, 18]
    align = {5: "right", 6: "right", 7: "right", 8: "center"}
    table = _Table(ws, header, widths, {1, 2, 3, 4, 8}, align)
    for row in rows(report):
        p = row.proposal
        counted = p.counted
        table.row(
            [
                p.id,
                for_cell(p.theme.short),
                for_cell(p.addressee.name),
                for_cell(row.names),
                for_cell(row.tags),
                round(row.gain.value, 2) if counted else None,
                span(row.gain) if counted else None,
                round(row.euros.value, 2) if counted else None,
                "ja" if counted else for_cell(f"nee: {p.theme.not_counted}"),
            ],
            {5: HOURS, 7: EURO},
        )
    gain = report.gain
    table.total(
        ["Totaal", "", "", "", "", gain.value, span(gain), report.gain_euros.value, ""],
        {5: HOURS, 7: EURO},
    )
    ws.auto_filter.ref = f"A1:I{ws.max_row - 1}"


def _explanation_sheet(ws: Any, report: ProposalReport) -> None:
    header = ["Nr", "Aan", "Probleem", "Voorstel", "Per formulier: wat, winst in uur per jaar"]
    table = _Table(ws, header, [11, 20, 60, 40, 50], {1, 2, 3, 4})
    for row in rows(report):
        p = row.proposal
        evidence = "\n".join(
            f"{title}: {what} ({hours(gain.value)} van {hours(burden.value)} uur)"
            for title, what, burden, gain in row.evidence
        )
        table.row(
            [
                p.id,
                for_cell(p.addressee.name),
                for_cell(p.problem),
                for_cell(p.proposal),
                _cell_text(evidence),
            ],
        )


def _places_sheet(ws: Any, report: ProposalReport) -> None:
    header = [
        "Gemeente",
        "Uitvoeringsvariant",
        "Cliënten per jaar",
        "Bron cliënten",
        "Formulieren",
        "Regeldruk (uur per jaar)",
        "Winst (uur per jaar)",
        "Aandeel",
    ]
    table = _Table(ws, header, [18, 20, 11, 30, 11, 13, 13, 9], {1, 3})
    for place in place_rows(report):
        assumed = " (aangenomen)" if place.variant_source == "aangenomen" else ""
        table.row(
            [
                for_cell(place.name),
                place.variant + assumed,
                round(place.clients.value),
                for_cell(place.clients_source),
                place.forms,
                round(place.burden.value, 2),
                round(place.gain.value, 2),
                place.share,
            ],
            {2: HOURS, 5: HOURS, 6: HOURS, 7: "0%"},
        )
    table.total(
        ["Totaal", "", None, "", len(report.burdens), report.burden.value, report.gain.value]
        + [report.share],
        {5: HOURS, 6: HOURS, 7: "0%"},
    )


def _forms_sheet(ws: Any, report: ProposalReport) -> None:
    header = [
        "Formulier",
        "Gemeente",
        "Eigenaar regel",
        "Min per keer",
        "Keer per jaar",
        "Uur per jaar",
        "Bandbreedte (uur)",
        "Euro per jaar",
        "Winst (uur)",
        "Blijft (uur)",
        "Bron tijd per keer",
        "Bron aantal per jaar",
    ]
    widths = [26, 13, 9, 8, 8, 9, 12, 11, 8, 8, 24, 30]
    table = _Table(ws, header, widths, {0, 1, 10, 11}, {6: "right"})
    for burden in report.burdens.values():
        form = burden.form
        gained = round(report.form_gain(form.id).value, 2)
        table.row(
            [
                for_cell(form.title),
                for_cell(report.places.name(form.municipality)),
                owner_of(form),
                round(burden.minutes.value, 1),
                round(burden.occurrences.value, 1),
                round(burden.hours.value, 2),
                span(burden.hours),
                round(burden.euros.value, 2),
                gained,
                round(round(burden.hours.value, 2) - gained, 2),
                for_cell(burden.minutes_source),
                for_cell(burden.occurrences.source),
            ],
            {3: "0", 4: HOURS, 5: HOURS, 7: EURO, 8: HOURS, 9: HOURS},
        )
    total = report.burden
    table.total(
        ["Totaal", "", "", None, None, total.value, span(total), report.burden_euros.value]
        + [report.gain.value, round(total.value - report.gain.value, 2), "", ""],
        {5: HOURS, 7: EURO, 8: HOURS, 9: HOURS},
    )
    ws.auto_filter.ref = f"A1:L{ws.max_row - 1}"


def _chart_sheet(ws: Any, report: ProposalReport) -> None:
    from openpyxl.chart import BarChart, Reference

    top, total = report.chart(CHART_ROWS)
    title = f"Top {len(top)} van {total} meegetelde voorstellen, uur per jaar"
    table = _Table(ws, ["Voorstel", "Uur per jaar"], [46, 12], {0})
    for proposal in top:
        label = f"{proposal.id} {proposal.addressee.short}"
        table.row([for_cell(label), round(proposal.gain.value, 2)], {1: HOURS})
    if top:
        chart = BarChart()
        chart.type = "bar"
        chart.title = title
        chart.legend = None
        data = Reference(ws, min_col=2, min_row=1, max_row=len(top) + 1)
        chart.add_data(data, titles_from_data=True)
        chart.set_categories(Reference(ws, min_col=1, min_row=2, max_row=len(top) + 1))
        chart.x_axis.scaling.orientation = "maxMin"  # largest on top, as in the table
        chart.x_axis.delete = False
        chart.y_axis.delete = False
        chart.y_axis.numFmt = HOURS
        chart.y_axis.title = "uur per jaar"
        chart.height = max(8.0, 0.65 * len(top) + 3)
        chart.width = 22
        ws.add_chart(chart, "D2")
    ws.freeze_panes = None
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = "9"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 1
    ws.sheet_properties.pageSetUpPr.fitToPage = True
