"""Render the proposals: Markdown and self-contained HTML (Jinja2 templates in reports/),
and an Excel workbook (openpyxl)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from regeldruk import __version__
from regeldruk.burden import Burden, Settings
from regeldruk.proposals import Proposal, per_addressee, totals


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
    return nl(value, 0)


def _context(
    proposals: list[Proposal],
    settings: Settings,
    burdens: dict[str, Burden],
    forms: int,
    municipalities: int,
    organisation: str,
) -> dict[str, Any]:
    return {
        "proposals": proposals,
        "groups": per_addressee(proposals),
        "total": totals(proposals, settings),
        "settings": settings,
        "forms": forms,
        "municipalities": municipalities,
        "measured_forms": sum(1 for b in burdens.values() if b.measured),
        "organisation": organisation,
        "generated": date.today().strftime("%d-%m-%Y"),
        "version": __version__,
        "chart_rows": 20,
    }


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


def write_proposals(
    path: Path,
    fmt: str,
    proposals: list[Proposal],
    settings: Settings,
    burdens: dict[str, Burden],
    forms: int,
    municipalities: int,
    organisation: str = "regeldruk",
) -> None:
    context = _context(proposals, settings, burdens, forms, municipalities, organisation)
    if fmt == "xlsx":
        _write_xlsx(path, context)
        return
    template = "proposals.md.j2" if fmt == "md" else "proposals.html.j2"
    path.write_text(render_text(template, context), encoding="utf-8")


def _write_xlsx(path: Path, context: dict[str, Any]) -> None:
    from openpyxl import Workbook
    from openpyxl.chart import BarChart, Reference
    from openpyxl.styles import Alignment

    from regeldruk.exports.xlsx_style import setup_sheet, style_header

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Voorstellen"
    header = [
        "Nr",
        "Voorstel",
        "Aan",
        "Soort",
        "Uur per jaar",
        "Fte",
        "Euro per jaar",
        "Min per cliënt per week",
        "Probleem",
        "Voorstel (uitwerking)",
        "Grondslag",
        "Onderbouwing",
    ]
    sheet.append(header)
    for p in context["proposals"]:
        sheet.append(
            [
                p.id,
                p.title,
                p.addressee,
                p.type,
                round(p.gain.hours, 1),
                round(p.gain.fte, 2),
                round(p.gain.euros),
                round(p.gain.client_weeks_minutes, 2),
                p.problem,
                p.proposal,
                "\n".join(p.grounds),
                "\n".join(p.evidence),
            ]
        )
    style_header(sheet[1])
    for row in sheet.iter_rows(min_row=2):
        for cell in row[8:]:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        row[6].number_format = '"€" #,##0'
        row[4].number_format = "#,##0"
    setup_sheet(sheet, [6, 50, 28, 28, 12, 8, 14, 12, 60, 60, 60, 80], "C2", fit_width=False)
    sheet.auto_filter.ref = sheet.dimensions
    count = len(context["proposals"])
    if count:
        chart = BarChart()
        chart.type = "bar"
        chart.title = "Uren per jaar per voorstel"
        chart.add_data(
            Reference(sheet, min_col=5, min_row=1, max_row=min(count, 20) + 1),
            titles_from_data=True,
        )
        chart.set_categories(Reference(sheet, min_col=1, min_row=2, max_row=min(count, 20) + 1))
        chart.height, chart.width = 12, 20
        summary = book.create_sheet("Grafiek")
        summary.append(["Totaal te winnen", round(context["total"].hours), "uur per jaar"])
        summary.append(["", round(context["total"].euros), "euro per jaar"])
        summary.add_chart(chart, "A4")
    book.save(path)
