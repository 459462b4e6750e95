"""The themes: what each proposes, to whom, on what grounds, and what is a duplicate."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from regeldruk.analysis import analyse
from regeldruk.errors import ConfigError
from regeldruk.forms import Form, Frequency
from regeldruk.matching import Decisions
from regeldruk.proposals import ProposalReport, build_report
from regeldruk.proposals.measured import FormLog
from regeldruk.proposals.model import Addressee
from regeldruk.proposals.places import Place, Places, load_places
from regeldruk.proposals.rules import AVG_5_1_C, JEUGDWET_2_15, SER_8
from regeldruk.proposals.settings import Settings
from tests.proposals.helpers import catalogue, field, form, standard_forms

QUARTERLY = Frequency("client", every="3 months")
END = Frequency("client", at="end")


def places(variants: dict[str, str], settings: Settings) -> Places:
    return Places(
        {
            code: Place(code, name, "Regio Test", variant, "test")
            for code, (name, variant) in {
                "GM9001": ("Voorbeeldstad", variants.get("GM9001", "inspanningsgericht")),
                "GM9002": ("Denkendam", variants.get("GM9002", "inspanningsgericht")),
                "GM9003": ("Proefwijk", variants.get("GM9003", "inspanningsgericht")),
            }.items()
        },
        settings,
    )


def report_for(forms: list[Form], variants: dict[str, str] | None = None) -> ProposalReport:
    settings = Settings()
    analysis = analyse(catalogue(standard_forms() + forms), Decisions())
    return build_report(
        analysis,
        settings,
        FormLog(),
        places(variants or {}, settings),
        "Test",
        date(2026, 11, 1),
    )


def by_theme(report: ProposalReport, key: str) -> list:  # type: ignore[type-arg]
    return [p for p in report.proposals if p.theme.key == key]


def test_separate_start_notice_and_declaration_attachment_fall_under_2_15() -> None:
    start = form(
        "gm9001-start",
        "GM9001",
        [field("a", "BSN jeugdige", "bsn"), field("b", "Wachttijd (dagen)", "number")],
        "melding",
    )
    attachment = form(
        "gm9001-decl",
        "GM9001",
        [field("a", "BSN jeugdige", "bsn"), field("b", "Ingediend bedrag", "number")],
        "declaratie",
        Frequency("provider", every="1 month"),
    )
    evaluation = form(
        "gm9001-eval",
        "GM9001",
        [field("a", "BSN jeugdige", "bsn"), field("b", "Voortgang op de doelen")],
        "evaluatie",
        END,
    )
    report = report_for([start, attachment, evaluation])
    [payment] = by_theme(report, "betaalproces")
    assert payment.addressee == Addressee("gemeente", "GM9001", "Gemeente Voorbeeldstad")
    assert payment.forms == ["gm9001-decl", "gm9001-start"]  # the whole forms
    assert all(
        a.fields == tuple(i.id for i in (start if a.form == "gm9001-start" else attachment).fields)
        for a in payment.actions
    )
    assert payment.grounds == (JEUGDWET_2_15, SER_8)
    # The BSN on the evaluation is no 2.15 matter: it is prefilled, on SER 8 alone.
    on_evaluation = [
        (p.theme.key, a.fields, a.grounds)
        for p in report.proposals
        for a in p.actions
        if a.form == "gm9001-eval"
    ]
    assert on_evaluation == [("eenmalig", ("a",), (SER_8,))]


def test_taakgericht_has_no_start_message_so_no_2_15_for_its_start_notice() -> None:
    start = form(
        "gm9001-start",
        "GM9001",
        [field("a", "BSN jeugdige", "bsn"), field("b", "Begindatum zorg", "date")],
        "melding",
    )
    request = form(
        "gm9001-aanvraag",
        "GM9001",
        [field("a", "BSN jeugdige", "bsn"), field("b", "Omschrijving hulpvraag")],
    )
    report = report_for([start, request], {"GM9001": "taakgericht"})
    [payment] = by_theme(report, "betaalproces")
    assert payment.forms == ["gm9001-aanvraag"]
    assert "taakgerichte variant" in payment.proposal
    # The notice's BSN is still known from the allocation: prefilled, on SER 8 only.
    [once] = by_theme(report, "eenmalig")
    assert once.forms == ["gm9001-start"] and once.grounds == (SER_8,)


def test_only_static_facts_asked_again_are_duplicates() -> None:
    report_forms = [
        form(
            f"gm9001-{name}",
            "GM9001",
            [
                field("a", "Naam behandelaar"),
                field("b", "Voortgang op de doelen"),
                field("c", "Geleverde uren", "number"),
                field("d", "Datum ondertekening", "date"),
                field("e", "Veiligheidsinschatting", "boolean"),
            ],
            "verantwoording",
            QUARTERLY,
        )
        for name in ("kwartaal", "jaar")
    ]
    intake = form(
        "gm9001-intake",
        "GM9001",
        [field("a", "Naam behandelaar"), field("b", "Omschrijving hulpvraag")],
        "overig",
    )
    report = report_for(report_forms + [intake])
    once = by_theme(report, "eenmalig")
    removed = {(a.form, f) for p in once for a in p.actions for f in a.fields}
    # The practitioner's name is a static fact: asked at the intake, then again twice.
    assert removed == {("gm9001-kwartaal", "a"), ("gm9001-jaar", "a")}


def test_a_measurement_asked_twice_at_the_same_moment_is_a_duplicate() -> None:
    twice = form(
        "gm9001-r",
        "GM9001",
        [field("a", "Voortgang op de doelen"), field("b", "Voortgang op de doelen")],
        "verantwoording",
        QUARTERLY,
    )
    report = report_for([twice])
    [once] = by_theme(report, "eenmalig")
    assert [a.fields for a in once.actions] == [("b",)]
    assert "hetzelfde moment" in once.actions[0].note


def test_owners_decide_the_addressee_and_municipalities_are_named() -> None:
    quarterly = [
        form(
            f"{code.lower()}-voortgang",
            code,
            [field("a", "Voortgang op de doelen")],
            "verantwoording",
            QUARTERLY,
            owner="regio",
        )
        for code in ("GM9001", "GM9002")
    ]
    personal = form(
        "gm9003-aanvraag",
        "GM9003",
        [field("a", "Nationaliteit jeugdige"), field("b", "Naam huisarts", owner="eigen")],
    )
    other = [
        form(f"{c.lower()}-aanvraag", c, [field("a", "Omschrijving hulpvraag")])
        for c in ("GM9001", "GM9002")
    ]
    report = report_for(quarterly + [personal] + other)
    [reports] = by_theme(report, "voortgang")
    assert reports.addressee == Addressee("regio", "Regio Test", "Jeugdzorgregio Regio Test")
    assert reports.municipalities == ["GM9002", "GM9001"]  # sorted by name: Denkendam first
    assert "Denkendam en Voorbeeldstad" in reports.problem
    personal_proposals = by_theme(report, "persoonsgegevens")
    addressees = {p.addressee.name for p in personal_proposals}
    assert addressees == {"Gemeente Proefwijk", "Eigen organisatie (eigen regels)"}
    assert all(p.grounds == (AVG_5_1_C, SER_8) for p in personal_proposals)
    kinds = [kind for kind, _ in report.groups()]
    assert kinds == ["Gemeenten", "Jeugdzorgregio's (inkoop)", "Eigen organisatie"]


def test_hours_are_not_asked_under_output_financing() -> None:
    request = form(
        "gm9001-aanvraag",
        "GM9001",
        [field("a", "Geplande uren", "number"), field("b", "Omschrijving hulpvraag")],
    )
    report_form = form(
        "gm9001-r",
        "GM9001",
        [field("a", "Geleverde uren", "number"), field("b", "Voortgang op de doelen")],
        "verantwoording",
        QUARTERLY,
    )
    output = report_for([request, report_form], {"GM9001": "outputgericht"})
    [hours] = by_theme(output, "uren-output")
    grounds = {a.form: a.grounds for a in hours.actions}
    assert grounds == {"gm9001-aanvraag": (JEUGDWET_2_15, SER_8), "gm9001-r": (SER_8,)}
    assert by_theme(report_for([request, report_form]), "uren-output") == []


def test_uncounted_proposals_are_marked_and_left_out_of_the_total() -> None:
    forms = [
        form(
            f"{c.lower()}-aanvraag",
            c,
            [field("a", "Datum aanmelding", "date"), field("b", "Omschrijving hulpvraag")],
        )
        for c in ("GM9001", "GM9002", "GM9003")
    ]
    report = report_for(forms)
    [change] = by_theme(report, "ijw-wijziging")
    assert change.addressee.name == "Zorginstituut Nederland" and not change.counted
    assert change not in report.counted and change.gain.value == 0


def test_municipalities_file(tmp_path: Path) -> None:
    (tmp_path / "gemeenten.yaml").write_text(
        "schema: regeldruk/municipalities@1\nmunicipalities:\n"
        "- {code: GM9001, name: Voorbeeldstad, region: Regio Fictief, variant: taakgericht}\n"
        "- {code: GM0344, variant: outputgericht}\n",
        encoding="utf-8",
    )
    found = load_places(tmp_path, Settings(variant={"GM0344": "taakgericht"}))
    assert found["GM9001"] == Place(
        "GM9001", "Voorbeeldstad", "Regio Fictief", "taakgericht", "gemeenten.yaml"
    )
    assert found["GM0344"].name == "Utrecht"
    assert (found["GM0344"].variant, found["GM0344"].variant_source) == (
        "taakgericht",
        "organisatie.toml",
    )
    assert found["GM0363"].variant_source == "aangenomen"
    (tmp_path / "gemeenten.yaml").write_text(
        "schema: regeldruk/municipalities@1\nmunicipalities:\n- {code: GM9001, variant: uren}\n"
    )
    with pytest.raises(ConfigError, match="variant 'uren'"):
        load_places(tmp_path, Settings())


def test_a_message_prefills_only_forms_that_come_after_it() -> None:
    allocation = form("jw301", "standaard", [field("a", "Adres jeugdige")], minutes=None)
    request = form(
        "gm9001-aanvraag",
        "GM9001",
        [field("a", "Adres jeugdige"), field("b", "Omschrijving hulpvraag")],
    )
    start = form(
        "gm9001-start",
        "GM9001",
        [field("a", "Adres jeugdige"), field("b", "Wachttijd (dagen)", "number")],
        "melding",
    )
    analysis = analyse(catalogue(standard_forms() + [allocation, request, start]), Decisions())
    settings = Settings()
    report = build_report(
        analysis,
        settings,
        FormLog(),
        places({"GM9001": "taakgericht"}, settings),
        "Test",
        date(2026, 11, 1),
    )
    [once] = by_theme(report, "eenmalig")
    # The allocation (JW301) answers the request, so it cannot fill in the request itself.
    assert [(a.form, a.fields) for a in once.actions] == [("gm9001-start", ("a",))]
    assert "al bekend uit JW301" in once.actions[0].note
