"""The burden model: Standard Cost Model per form, time per field by effort, quantities."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from regeldruk.errors import ConfigError
from regeldruk.forms import Frequency
from regeldruk.proposals.burden import burdens, calibrate, minutes_of, scm_cost, shares_of
from regeldruk.proposals.fields import kind_of
from regeldruk.proposals.measured import FormLog
from regeldruk.proposals.quantities import (
    Assumed,
    Chain,
    DefaultQuantities,
    FromLog,
    Occurrences,
)
from regeldruk.proposals.settings import Settings, load_settings
from tests.proposals.helpers import field, form

QUARTERLY = Frequency("client", every="3 months")
SIX_WEEKS = (date(2026, 9, 21), date(2026, 11, 1))  # 42 days


def log(minutes: dict[str, list[int]]) -> FormLog:
    return FormLog(minutes, *SIX_WEEKS)


def test_scm_worked_example() -> None:
    # The reference's worked check: 20 staff x 52 weeks x 6 hours x 600 per hour.
    assert scm_cost(affected=20, per_year=52, hours=6, tariff=600) == 3_744_000


def test_a_form_costs_time_per_occurrence_times_occurrences_times_tariff() -> None:
    report = form("gm9001-r", "GM9001", [field("a", "Voortgang")], "verantwoording", QUARTERLY, 45)
    settings = Settings(tariff=80, clients={"GM9001": 50})
    found = burdens([report], log({}), settings, DefaultQuantities(settings, log({}), [report]))
    burden = found["gm9001-r"]
    # 50 clients x 4 a year = 200 occurrences x 45 minutes = 150 hours x 80 euros.
    assert burden.occurrences.value == 200
    assert burden.hours.value == pytest.approx(150)
    assert burden.euros.value == pytest.approx(12_000)
    # The catalogue's estimate carries a range of -33% / +50%; the settings' clients none.
    assert burden.hours.low == pytest.approx(100) and burden.hours.high == pytest.approx(225)
    assert "instelling: 50 cliënten" in burden.occurrences.source


def test_measured_time_beats_the_estimate_only_with_enough_measurements() -> None:
    report = form("r", "GM9001", [field("a", "Voortgang")], "verantwoording", QUARTERLY, 45)
    settings = Settings(min_measurements=5)
    calibration = calibrate([report], log({}), settings)
    few = minutes_of(report, log({"r": [60, 60, 60, 60]}), settings, calibration)
    assert (few[0].value, few[2]) == (45, 0) and "catalogus" in few[1]
    many = minutes_of(report, log({"r": [50, 60, 70, 80, 90]}), settings, calibration)
    assert (many[0].value, many[2]) == (70, 5)
    assert (many[0].low, many[0].high) == (60, 80)  # the quartiles
    assert many[1] == "gemeten: mediaan van 5 registraties (kwartielen 60–80 min)"


def test_time_is_spread_over_fields_by_effort_not_evenly() -> None:
    report = form(
        "r",
        "GM9001",
        [
            field("bsn", "BSN jeugdige", "bsn"),
            field("datum", "Datum evaluatie", "date"),
            field("keuze", "Verblijfsvorm", "choice"),
            field("voortgang", "Voortgang op de doelen"),
        ],
    )
    shares = shares_of(report)
    assert sum(shares.values()) == pytest.approx(1)
    # narrative text >> choice >> code/date
    assert shares["voortgang"] > 5 * shares["keuze"]
    assert shares["keuze"] > 2 * shares["bsn"]
    assert shares["bsn"] == shares["datum"]
    # A BSN on a 55-minute report no longer 'costs' a quarter of it.
    assert 55 * shares["bsn"] < 2


def test_the_catalogue_can_say_what_a_text_field_is() -> None:
    assert kind_of(field("a", "Betrokken netwerk")).effort == "narrative"
    assert kind_of(field("a", "Betrokken netwerk", answer="short")).effort == "short"
    assert kind_of(field("a", "Naam huisarts")).effort == "short"
    assert kind_of(field("a", "Omschrijving hulpvraag")).effort == "narrative"


def test_static_facts_and_measurements_at_a_moment() -> None:
    static = [
        "BSN jeugdige",
        "Geboortedatum kind",
        "Naam behandelaar",
        "Beschikkingsnummer",
        "Verwijzer",
        "AGB-code aanbieder",
        "Startdatum zorg",
        "Productcode",
    ]
    periodic = [
        "Voortgang op doelen",
        "Geleverde uren",
        "Veiligheidsinschatting",
        "Datum ondertekening",
        "Datum evaluatie",
        "Einddatum toewijzing",
        "Ernst van de problematiek",
    ]
    for label in static:
        assert kind_of(field("a", label)).changes == "static", label
    for label in periodic:
        assert kind_of(field("a", label)).changes == "periodic", label
    assert kind_of(field("a", "Geleverde uren", changes="static")).changes == "static"


def test_calibration_from_measured_forms() -> None:
    forms = [
        form(f"f{n}", "GM9001", [field("a", "Voortgang"), field("b", "BSN", "bsn")], minutes=None)
        for n in range(4)
    ]
    # Typical pace: 6 + 0.25 = 6.25 minutes; measured 12.5, 12.5, 25 -> factors 2, 2, 4.
    measured = log({"f0": [12, 13] * 3, "f1": [12, 13] * 3, "f2": [25] * 6})
    settings = Settings()
    calibration = calibrate(forms, measured, settings)
    assert calibration.forms == 3
    assert calibration.factor.value == pytest.approx(2.0)
    estimate, source, measurements = minutes_of(forms[3], measured, settings, calibration)
    assert measurements == 0 and "geschat uit de velden" in source
    assert estimate.value == pytest.approx(12.5)
    # Too few measured forms: typical pace, with a wide range.
    alone = calibrate(forms, log({"f0": [12] * 6}), settings)
    assert alone.forms == 0 and alone.factor.value == 1.0 and alone.factor.high == 2.0


def test_quantities_come_from_settings_then_the_log_then_derived_then_assumed() -> None:
    measured_form = form("m", "GM9001", [field("a", "A")], "verantwoording", QUARTERLY)
    other = form("o", "GM9001", [field("a", "A")], "evaluatie", Frequency("client", at="end"))
    elsewhere = form("e", "GM9002", [field("a", "A")])
    provider = form(
        "p", "GM9002", [field("a", "A")], "declaratie", Frequency("provider", every="1 month")
    )
    forms = [measured_form, other, elsewhere, provider]
    # 42 logged quarterly reports in 42 days: 365 a year, so about 91 clients.
    logged = log({"m": [30] * 42})
    settings = Settings(clients={"GM9002": 240}, default_clients=100, providers=2)
    chain = DefaultQuantities(settings, logged, forms)
    measured = chain.occurrences(measured_form)
    assert measured is not None and measured.value == pytest.approx(365)
    assert measured.source.startswith("gemeten: 42 keer geregistreerd in 42 dagen")
    assert measured.low < 365 < measured.high
    derived = chain.occurrences(other)
    assert derived is not None and derived.clients == pytest.approx(365 / 4)
    assert derived.source.startswith("afgeleid: ≈ 91 cliënten per jaar")
    from_settings = chain.occurrences(elsewhere)
    assert from_settings is not None and from_settings.value == 240
    assert from_settings.source.startswith("instelling: 240 cliënten")
    per_provider = chain.occurrences(provider)
    assert per_provider is not None and per_provider.value == 24  # 2 providers x 12
    assert chain.clients_of("GM9001")[1].startswith("afgeleid uit 42 registraties")
    assumed, source = chain.clients_of("GM9003")
    assert (assumed.value, assumed.low, assumed.high) == (100, 50, 200)
    assert source == "aangenomen (default_clients)"
    nowhere = chain.occurrences(form("x", "GM9003", [field("a", "A")]))
    assert nowhere is not None and nowhere.source.startswith("aangenomen: 100 cliënten")


def test_another_quantity_source_plugs_in_first() -> None:
    class Messages:
        def occurrences(self, form: object) -> Occurrences | None:
            return Occurrences(1234, 1200, 1270, None, "gemeten uit 1.234 iJw-berichten")

    target = form("r", "GM9001", [field("a", "A")])
    settings = Settings()
    chain = Chain([Messages(), FromLog(log({}), settings), Assumed(settings)])
    found = burdens([target], log({}), settings, chain)["r"]
    assert found.occurrences.source == "gemeten uit 1.234 iJw-berichten"
    assert found.hours.value == pytest.approx(1234 * 30 / 60)


def test_settings_file(tmp_path: Path) -> None:
    path = tmp_path / "organisatie.toml"
    path.write_text(
        'tariff = 95\ntariff_source = "CAO Jeugdzorg 2026, schaal 9"\nfte_hours = 1500\n'
        '[clients]\nGM0344 = 240\n[variant]\nGM0344 = "outputgericht"\n'
    )
    settings = load_settings(path)
    assert (settings.tariff, settings.fte_hours, settings.clients["GM0344"]) == (95, 1500, 240)
    assert settings.tariff_source == "CAO Jeugdzorg 2026, schaal 9"
    assert settings.variant == {"GM0344": "outputgericht"}
    path.write_text("tariff = 95\n")
    assert "zonder bron" in load_settings(path).tariff_source
    for text, message in [
        ("tarief = 95\n", "onbekende sleutel 'tarief'"),
        ('[variant]\nGM0344 = "per uur"\n', "'variant' moet een tabel"),
        ("default_clients = 1.5\n", "geheel getal"),
        ("tariff = -1\n", "positief getal"),
    ]:
        path.write_text(text)
        with pytest.raises(ConfigError, match=message):
            load_settings(path)
    assert load_settings(tmp_path / "none.toml") == Settings()
