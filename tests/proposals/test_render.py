"""The proposals as a reader gets them: Markdown, HTML, the workbook, JSON, per addressee."""

from __future__ import annotations

import html.parser
import json
import re
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from regeldruk.exports.proposals_render import write_per_addressee, write_proposals
from regeldruk.forms import load_catalogue, shipped_catalogue
from regeldruk.proposals import ProposalReport, report_for
from regeldruk.proposals.settings import Settings


@pytest.fixture(scope="module")
def report() -> ProposalReport:
    catalogue, _ = load_catalogue(shipped_catalogue())
    return report_for(catalogue, Settings(), None, "Test", date(2026, 11, 1))


class _Collector(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.external: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        for name, value in attrs:
            if name in ("src", "href") and value and re.match(r"https?://", value):
                self.external.append(value)


def test_markdown_shows_burden_gain_share_and_every_proposal(
    report: ProposalReport, tmp_path: Path
) -> None:
    path = tmp_path / "voorstellen.md"
    write_proposals(path, "md", report)
    text = path.read_text(encoding="utf-8")
    burden = f"{report.burden.value:,.0f}".replace(",", ".")
    gain = f"{report.gain.value:,.0f}".replace(",", ".")
    assert f"Regeldruk van deze formulieren: {burden} uur per jaar" in text
    assert f"Te winnen met de meegetelde voorstellen: {gain} uur per jaar" in text
    assert f"{round(report.share * 100)}% van de regeldruk" in text
    assert report.gain.value < report.burden.value
    for proposal in report.proposals:
        assert f"### {proposal.id} · {proposal.addressee.name}" in text
    assert "Meetperiode:" in text and "Uurtarief:" in text and "Kalibratie:" in text
    assert "niet meegeteld" in text
    # Municipalities by name, never by code alone.
    assert "Voorbeeldstad" in text and "GM9001 (fictief)" not in text


def test_html_prints_on_a4_with_repeating_headers_and_a_chart_that_says_what_it_shows(
    report: ProposalReport, tmp_path: Path
) -> None:
    path = tmp_path / "voorstellen.html"
    write_proposals(path, "html", report)
    text = path.read_text(encoding="utf-8")
    assert "@page { size: A4" in text
    assert "break-after: avoid" in text and "display: table-header-group" in text
    top, counted = report.chart(15)
    assert f"De {len(top)} meegetelde voorstellen met de meeste winst (van de {counted})" in text
    page = _Collector()
    page.feed(text)
    assert page.tags.count("thead") >= 4 and "svg" in page.tags
    assert page.tags.count("rect") == len(top)
    assert page.external == []


def test_workbook_sums_add_up_and_it_prints(report: ProposalReport, tmp_path: Path) -> None:
    path = tmp_path / "voorstellen.xlsx"
    write_proposals(path, "xlsx", report)
    book = load_workbook(path)
    assert book.sheetnames == [
        "Samenvatting",
        "Voorstellen",
        "Toelichting",
        "Per gemeente",
        "Per formulier",
        "Grafiek",
    ]
    sheet = book["Voorstellen"]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    body, total = rows[:-1], rows[-1]
    assert total[0] == "Totaal"
    # A SUM of the gain column is the headline: not-counted proposals have no gain there.
    assert round(sum(r[5] or 0 for r in body), 2) == total[5] == pytest.approx(report.gain.value)
    uncounted = [r for r in body if r[8] != "ja"]
    assert uncounted and all(r[5] is None and r[8].startswith("nee: ") for r in uncounted)
    assert [r[0] for r in body] == [p.id for p in report.proposals]
    assert sheet["H2"].number_format == '"€" #,##0' and sheet["F2"].number_format == "#,##0"
    for name in book.sheetnames:
        ws = book[name]
        assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9
        assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
    assert book["Voorstellen"].print_title_rows == "$1:$1"
    forms = list(book["Per formulier"].iter_rows(min_row=2, values_only=True))
    assert round(sum(r[5] for r in forms[:-1]), 2) == forms[-1][5] == report.burden.value
    summary = {r[0]: r[1] for r in book["Samenvatting"].iter_rows(values_only=True) if r[0]}
    assert summary["Te winnen (meegetelde voorstellen)"] == report.gain.value
    assert summary["Regeldruk van de formulieren"] == report.burden.value
    chart_sheet = book["Grafiek"]
    [chart] = chart_sheet._charts
    assert chart.x_axis.delete is False and chart.y_axis.delete is False
    charted = [r[0] for r in chart_sheet.iter_rows(min_row=2, values_only=True) if r[0]]
    counted_ids = {p.id for p in report.counted}
    assert charted and all(label.split()[0] in counted_ids for label in charted)
    # No wrapped text is cut off: every row is as high as its longest wrapped cell needs.
    for row in book["Toelichting"].iter_rows(min_row=2):
        height = book["Toelichting"].row_dimensions[row[0].row].height
        longest = max(len(str(c.value or "")) for c in row[2:3])
        assert height >= min(409, 15 * (longest // 66 + 1))


def test_json_follows_the_schema_and_re_adds(report: ProposalReport, tmp_path: Path) -> None:
    path = tmp_path / "voorstellen.json"
    write_proposals(path, "json", report)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["schema"] == "regeldruk/proposals@1"
    assert set(data) == {
        "schema",
        "generated",
        "organisation",
        "scope",
        "assumptions",
        "forms",
        "proposals",
        "totals",
    }
    proposal = data["proposals"][0]
    assert {"id", "theme", "addressee", "grounds", "touches", "gain", "counted"} <= set(proposal)
    assert {"form", "action", "fields", "gain_hours"} <= set(proposal["touches"][0])
    form = data["forms"][0]
    assert {"minutes", "occurrences", "burden"} <= set(form)
    assert form["minutes"]["source"] and form["occurrences"]["source"]
    counted = [p for p in data["proposals"] if p["counted"]]
    assert round(sum(p["gain"]["hours"] for p in counted), 2) == data["totals"]["gain_hours"]
    assert data["totals"]["gain_hours"] < data["totals"]["burden_hours"]
    assert data["assumptions"]["tariff_source"]
    assert all(c["source"] for c in data["assumptions"]["clients"])


def test_one_document_per_addressee(report: ProposalReport, tmp_path: Path) -> None:
    written = write_per_addressee(tmp_path / "brieven", "md", report)
    names = {path.name for path in written}
    assert len(written) == len(report.addressees())
    assert {"gemeente-voorbeeldstad.md", "vng.md", "zorginstituut-nederland.md"} <= names
    letter = (tmp_path / "brieven" / "gemeente-voorbeeldstad.md").read_text(encoding="utf-8")
    assert letter.startswith(
        "# Voorstellen om de regeldruk in de jeugdhulp te verminderen: Gemeente Voorbeeldstad"
    )
    mine = [p for p in report.proposals if p.addressee.name == "Gemeente Voorbeeldstad"]
    others = [p for p in report.proposals if p.addressee.name != "Gemeente Voorbeeldstad"]
    assert all(f"### {p.id} ·" in letter for p in mine)
    assert not any(f"### {p.id} ·" in letter for p in others)
    scoped = report.for_addressee(mine[0].addressee)
    assert scoped.gain.value == pytest.approx(sum(p.gain.value for p in mine), abs=0.01)
    assert scoped.gain.value <= scoped.burden.value
