"""Matching: the same question however worded, and never the false friends."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from regeldruk.analysis import analyse
from regeldruk.forms import Catalogue, Form, FormField, Frequency, load_catalogue
from regeldruk.matching import load_decisions, match_concepts, normalise

ROOT = Path(__file__).resolve().parents[2]


def form(
    form_id: str,
    municipality: str,
    labels: list[tuple[str, str]],
    purpose: str = "toewijzing",
    frequency: Frequency | None = None,
    required: bool = True,
    fmt: str | None = None,
) -> Form:
    fields = tuple(
        FormField(f"f{n}", label, kind, required, fmt) for n, (label, kind) in enumerate(labels)
    )
    return Form(
        form_id,
        municipality,
        form_id,
        purpose,
        frequency or Frequency("client", at="start"),
        fields,
        Path(f"{form_id}.yaml"),
        example=municipality.startswith("GM9"),
    )


def together(catalogue: Catalogue, a: str, b: str) -> bool:
    concept_of = {}
    for concept in match_concepts(catalogue):
        for _form, item in concept.members:
            concept_of[item.label] = concept.id
    return concept_of[a] == concept_of[b]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Geb. datum cliënt *", "Geboortedatum jeugdige"),
        ("BSN (verplicht)", "Burgerservicenummer kind"),
        ("Beschikkingsnr.", "Nummer beschikking"),
        ("Omschrijving hulpvraag", "Hulpvraag"),
        ("Gedeclareerd bedrag (€)", "Ingediend bedrag"),
        ("Gerealiseerde uren", "Geleverde uren"),
    ],
)
def test_same_question_in_other_words(a: str, b: str) -> None:
    catalogue = Catalogue(
        Path("."),
        [form("gm9001-a", "GM9001", [(a, "text")]), form("gm9002-a", "GM9002", [(b, "text")])],
    )
    assert together(catalogue, a, b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Startdatum zorg", "Einddatum zorg"),
        ("Ingangsdatum toewijzing", "Einddatum toewijzing"),
        ("Naam jeugdige", "Naam ouder/verzorger"),
        ("Naam jeugdige", "Naam behandelaar"),
        ("Naam ouder", "Naam hulpverlener"),
        ("Geboortedatum kind", "Geboortedatum ouder"),
        ("Behandeldoelen", "Voortgang op doelen"),
        ("Geplande uren", "Geleverde uren"),
        ("Datum aanmelding", "Startdatum zorg"),
        ("Telefoonnummer ouder", "Telefoonnummer behandelaar"),
        ("Naam school", "Naam kind"),
    ],
)
def test_false_friends_stay_apart(a: str, b: str) -> None:
    catalogue = Catalogue(
        Path("."),
        [form("gm9001-a", "GM9001", [(a, "text")]), form("gm9002-a", "GM9002", [(b, "text")])],
    )
    assert not together(catalogue, a, b)


def test_no_chaining_across_false_friends() -> None:
    # "Datum zorg" is close to both; it may join one of them, but never both.
    catalogue = Catalogue(
        Path("."),
        [
            form(
                "gm9001-a",
                "GM9001",
                [("Startdatum zorg", "date"), ("Datum zorg", "date"), ("Einddatum zorg", "date")],
            )
        ],
    )
    assert not together(catalogue, "Startdatum zorg", "Einddatum zorg")


def test_normalise() -> None:
    assert normalise("Geb.datum jeugdige *") == ("geboorte", "datum", "jeugdige")
    assert normalise("Naam") == ("naam", "jeugdige")  # a form is about the client
    assert normalise("Toewijzing t/m (datum)") == ("toewijzing", "eind", "datum")


def test_every_field_in_exactly_one_concept() -> None:
    catalogue, _ = load_catalogue(ROOT / "forms")
    concepts = match_concepts(catalogue)
    members = [(f.id, i.id) for c in concepts for f, i in c.members]
    assert len(members) == len(set(members)) == sum(len(f.fields) for f in catalogue.forms)


def test_adviser_decisions_merge_and_split(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(
        "schema: regeldruk/form@1\nid: gm9001-a\nmunicipality: GM9001\ntitle: A\n"
        "purpose: toewijzing\nfrequency: {per: client, at: start}\nexample: true\nfields:\n"
        "  - {id: x, label: Kenmerk dossier, type: text}\n"
        "  - {id: y, label: Referentie aanbieder, type: text}\n"
        "  - {id: z, label: Hulpvraag, type: text}\n"
        "  - {id: w, label: Omschrijving hulpvraag, type: text}\n"
    )
    catalogue, problems = load_catalogue(tmp_path)
    assert problems == []
    before = {i.id: c.id for c in match_concepts(catalogue) for _, i in c.members}
    assert before["x"] != before["y"] and before["z"] == before["w"]
    (tmp_path / "concepten.yaml").write_text(
        "schema: regeldruk/concepts@1\ndecisions:\n"
        "  - confirm: {label: Dossierkenmerk, fields: [gm9001-a/x, gm9001-a/y]}\n"
        "  - split: [gm9001-a/z, gm9001-a/w]\n"
    )
    concepts = match_concepts(catalogue, load_decisions(tmp_path))
    after = {i.id: c for c in concepts for _, i in c.members}
    assert after["x"].id == after["y"].id and after["x"].label == "Dossierkenmerk"
    assert after["z"].id != after["w"].id


def _kinds(catalogue: Catalogue) -> dict[str, list[str]]:
    analysis = analyse(catalogue, load_decisions(Path("/nonexistent")))
    found: dict[str, list[str]] = {}
    for flag in analysis.flags:
        found.setdefault(flag.kind, []).append(analysis.concept(flag.concept).label)
    return found


def test_flags_on_a_small_hand_made_catalogue() -> None:
    standard = form("jw315", "standaard", [("BSN", "bsn"), ("Geboortedatum", "date")])
    a1 = form(
        "gm9001-aanvraag",
        "GM9001",
        [("BSN jeugdige", "bsn"), ("Hulpvraag", "text"), ("Zorgverzekeraar", "text")],
    )
    a2 = form(
        "gm9001-rapportage",
        "GM9001",
        [("Burgerservicenummer cliënt", "bsn"), ("Ernst problematiek", "scale")],
        purpose="verantwoording",
        frequency=Frequency("client", every="3 months"),
        fmt="1-5",
    )
    b1 = form("gm9002-aanvraag", "GM9002", [("Hulpvraag", "text"), ("Hulpvraag jeugdige", "text")])
    b2 = form(
        "gm9002-rapportage",
        "GM9002",
        [("Ernst van de problematiek", "scale")],
        purpose="verantwoording",
        frequency=Frequency("client", every="6 months"),
        fmt="1-10",
    )
    c1 = form("gm9003-aanvraag", "GM9003", [("Hulpvraag", "text")])
    kinds = _kinds(Catalogue(Path("."), [standard, a1, a2, b1, b2, c1]))
    assert kinds["in_standard"] == ["BSN"]
    assert "BSN" in kinds["duplicate"]  # GM9001 asks it on two forms
    assert "Hulpvraag" in kinds["duplicate"]  # GM9002 twice on one form
    assert kinds["non_uniform"] == ["Ernst problematiek"] or kinds["non_uniform"] == [
        "Ernst van de problematiek"
    ]
    assert kinds["local"] == ["Zorgverzekeraar"]
    analysis = analyse(
        Catalogue(Path("."), [standard, a1, a2, b1, b2, c1]), load_decisions(Path("/x"))
    )
    flag = next(f for f in analysis.flags if f.kind == "in_standard")
    assert "JW315 (verzoek om toewijzing)" in flag.detail and "art. 2.15 lid 2" in flag.detail


def test_analysis_json_shape() -> None:
    catalogue, _ = load_catalogue(ROOT / "forms")
    payload = json.loads(json.dumps(analyse(catalogue).to_json()))
    assert payload["schema"] == "regeldruk/analysis@1"
    assert payload["forms"] == len(catalogue.forms)
    assert payload["fields"] == sum(len(f.fields) for f in catalogue.forms)
    concept = payload["concepts"][0]
    assert {"id", "label", "members", "standard"} <= set(concept)
    assert {"form", "field"} == set(concept["members"][0])
    kinds = {flag["kind"] for flag in payload["flags"]}
    assert kinds == {"duplicate", "in_standard", "non_uniform", "local"}
    flag = payload["flags"][0]
    assert {"kind", "concept", "forms", "municipalities", "detail"} <= set(flag)


def test_quality_on_the_labelled_set_meets_the_targets() -> None:
    """The labelled example catalogue (bench/eval): precision >= 0.95, recall >= 0.90."""
    from regeldruk.evaluation import expected_flags, flag_recall, pairwise
    from regeldruk.matching import Decisions

    raw = json.loads((ROOT / "bench" / "eval" / "voorbeelden-concepten.json").read_text())
    catalogue, _ = load_catalogue(ROOT / "forms")
    analysis = analyse(catalogue, Decisions())
    predicted = {f"{f.id}/{i.id}": c.id for c in analysis.concepts for f, i in c.members}
    scores = pairwise(raw["fields"], predicted)
    assert len(raw["fields"]) >= 600 and len(set(raw["fields"].values())) >= 60
    assert scores.precision >= 0.95 and scores.recall >= 0.90, scores
    recall = flag_recall(
        expected_flags(catalogue, raw["fields"], set(raw["in_standard"])), analysis.flags
    )
    assert set(recall) == {"duplicate", "in_standard", "non_uniform", "local"}
    assert min(recall.values()) >= 0.9, recall
