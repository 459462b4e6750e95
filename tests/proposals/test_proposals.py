"""The burden model and the proposals built on it."""

from __future__ import annotations

import html.parser
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook

from regeldruk.analysis import analyse
from regeldruk.burden import Settings, burden_of, burdens, load_settings, scm_cost
from regeldruk.errors import ConfigError
from regeldruk.exports.proposals_render import write_proposals
from regeldruk.forms import Catalogue, Form, FormField, Frequency
from regeldruk.matching import Decisions
from regeldruk.proposals import ART_2_15, SER_8, generate, totals


def test_scm_worked_example() -> None:
    # 20 staff x 52 weeks x 6 hours x 600 per hour = 3,744,000 per year.
    assert scm_cost(affected=20, per_year=52, hours=6, tariff=600) == 3_744_000


def form(
    form_id: str,
    municipality: str,
    labels: list[str],
    purpose: str = "toewijzing",
    frequency: Frequency | None = None,
    minutes: float | None = 30,
) -> Form:
    fields = tuple(FormField(f"f{n}", label, "text") for n, label in enumerate(labels))
    return Form(
        form_id,
        municipality,
        f"Formulier {form_id}",
        purpose,
        frequency or Frequency("client", at="start"),
        fields,
        Path(f"{form_id}.yaml"),
        minutes=minutes,
        example=municipality.startswith("GM9"),
    )


def test_measured_time_beats_the_estimate_only_with_enough_measurements() -> None:
    rapport = form(
        "gm9001-r",
        "GM9001",
        ["Voortgang"],
        "verantwoording",
        Frequency("client", every="3 months"),
        minutes=45,
    )
    settings = Settings(tariff=80, clients={"GM9001": 50}, min_measurements=5)
    estimated = burden_of(rapport, settings, {"gm9001-r": [60, 60, 60, 60]})
    assert estimated is not None
    assert (estimated.minutes, estimated.measured) == (45, 0)
    assert estimated.source == "schatting uit de catalogus"
    measured = burden_of(rapport, settings, {"gm9001-r": [50, 60, 70, 80, 90]})
    assert measured is not None and (measured.minutes, measured.measured) == (70, 5)
    assert measured.source == "gemeten: mediaan van 5 registraties"
    # 50 clients x 4 per year x 70 minutes = 233.33 hours; x 80 euros.
    assert measured.occurrences == 200
    assert measured.hours_per_year == pytest.approx(200 * 70 / 60)
    assert measured.euros_per_year == pytest.approx(200 * 70 / 60 * 80)
    assert measured.fte == pytest.approx(measured.hours_per_year / 1650)
    assert measured.minutes_per_client_per_week == pytest.approx(200 * 70 / 50 / 52)
    assert burden_of(form("x", "GM9001", ["a"], minutes=None), settings, {}) is None


def test_settings_file(tmp_path: Path) -> None:
    path = tmp_path / "organisatie.toml"
    path.write_text("tariff = 95\nfte_hours = 1500\n[clients]\nGM0344 = 240\n")
    settings = load_settings(path)
    assert (settings.tariff, settings.fte_hours, settings.clients_of("GM0344")) == (95, 1500, 240)
    assert settings.clients_of("GM0363") == settings.default_clients
    path.write_text("tarief = 95\n")
    with pytest.raises(ConfigError, match="onbekende sleutel 'tarief'"):
        load_settings(path)
    assert load_settings(tmp_path / "none.toml") == Settings()


@pytest.fixture
def small() -> Catalogue:
    standard = form("jw315", "standaard", ["BSN", "Geboortedatum"], minutes=None)
    forms = [
        standard,
        form(
            "gm9001-aanvraag",
            "GM9001",
            [
                "BSN jeugdige",
                "Hulpvraag",
                "Zorgverzekeraar",
                "Hulpvraag jeugdige",
                "Schoolnaam",
                "Gezinssituatie",
                "Diagnose",
                "Budget",
                "Verwijzer",
                "Huisarts",
                "Voertaal gezin",
                "Crisis",
                "Wachttijd",
            ],
        ),
        form(
            "gm9001-rapport",
            "GM9001",
            ["Burgerservicenummer cliënt", "Ernst problematiek"],
            "verantwoording",
            Frequency("client", every="3 months"),
            minutes=45,
        ),
        form("gm9002-aanvraag", "GM9002", ["Hulpvraag", "Diagnose"]),
        form(
            "gm9002-rapport",
            "GM9002",
            ["Ernst van de problematiek"],
            "verantwoording",
            Frequency("client", every="6 months"),
            minutes=45,
        ),
        form("gm9003-aanvraag", "GM9003", ["Hulpvraag", "Budget"]),
        form("gm9004-aanvraag", "GM9004", ["Hulpvraag", "Diagnose", "Budget"]),
    ]
    return Catalogue(Path("."), forms)


def test_every_proposal_type_with_grounds_where_they_apply(small: Catalogue) -> None:
    settings = Settings()
    analysis = analyse(small, Decisions())
    found = burdens(small, settings, {})
    proposals = generate(analysis, found, settings)
    types = {p.type for p in proposals}
    assert types >= {
        "schrappen",
        "uniformeren",
        "eenmalig uitvragen",
        "eenmalig uitvragen / hergebruiken uit het berichtenverkeer",
        "frequentie verlagen",
        "vereenvoudigen",
    }
    addressees = {p.addressee for p in proposals}
    assert {"Gemeente GM9001 (fictief)", "VNG", "Ministerie van VWS"} <= addressees
    for proposal in proposals:
        standard_related = "berichtenverkeer" in proposal.title
        assert (ART_2_15 in proposal.grounds) == standard_related, proposal.title
        assert SER_8 in proposal.grounds
        assert proposal.problem and proposal.proposal and proposal.evidence
        assert proposal.gain.hours > 0 and proposal.gain.euros > 0
    assert [p.gain.euros for p in proposals] == sorted(
        (p.gain.euros for p in proposals), reverse=True
    )
    reuse = next(p for p in proposals if p.type.startswith("eenmalig uitvragen /"))
    assert "JW315" in " ".join(reuse.grounds)
    frequency = next(p for p in proposals if p.type == "frequentie verlagen")
    assert frequency.addressee == "Gemeente GM9001 (fictief)"
    # Half of the quarterly report's burden: 100 clients x 4 x 45 min / 2 = 150 hours.
    assert frequency.gain.hours == pytest.approx(150)
    total = totals(proposals, settings)
    counted = sum(p.gain.hours for p in proposals if p.in_total)
    assert total.hours == pytest.approx(counted)
    assert any(not p.in_total for p in proposals)  # the ministry's route is not counted twice


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


def test_renderers_produce_valid_files(small: Catalogue, tmp_path: Path) -> None:
    settings = Settings()
    analysis = analyse(small, Decisions())
    found = burdens(small, settings, {})
    proposals = generate(analysis, found, settings)
    paths = {fmt: tmp_path / f"voorstellen.{fmt}" for fmt in ("md", "html", "xlsx")}
    for fmt, path in paths.items():
        write_proposals(path, fmt, proposals, settings, found, len(small.forms), 4, "Test")
    markdown = paths["md"].read_text()
    for proposal in proposals:
        assert f"### {proposal.id}. {proposal.title}" in markdown
    assert markdown.count("**Grondslag.**") == len(proposals)
    page = _Collector()
    page.feed(paths["html"].read_text())
    assert "svg" in page.tags and page.tags.count("section") == len(proposals)
    assert page.external == []  # self-contained: viewable without a network
    book = load_workbook(paths["xlsx"])
    rows = list(book["Voorstellen"].iter_rows(min_row=2, values_only=True))
    assert [r[0] for r in rows] == [p.id for p in proposals]
