"""Matching: the same question however worded, and never the false friends."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from regeldruk.analysis import analyse
from regeldruk.forms import Catalogue, Form, FormField, Frequency, load_catalogue
from regeldruk.matching import Reader, load_decisions, match_concepts, normalise

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
    assert normalise("12. Naam:") == ("naam",)
    assert normalise("Vraag 7: Toewijzing t/m (datum)") == ("toewijzing", "eind", "datum")


def test_meaning_is_attribute_times_entity() -> None:
    reader = Reader()
    tel = reader.meaning("Tel. ouder/verzorger")
    assert (tel.attribute, tel.entity) == ("telefoon", "ouder")
    agb = reader.meaning("AGB-code verwijzend arts")
    assert (agb.attribute, agb.entity) == ("agb", "verwijzer")
    assert reader.meaning("Datum van het incident").topics == {"incident"}
    consulent = reader.meaning("Naam contactpersoon gemeente")
    assert (consulent.attribute, consulent.entity) == ("naam", "consulent")


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("AGB-code aanbieder", "AGB-code verwijzer"),
        ("Telefoonnummer ouder", "Naam ouder"),
        ("Aantal cliënten", "Aantal cliënten op de wachtlijst"),
        ("Productcode", "Productcategorie"),
        ("BSN jeugdige", "BSN ouder"),
        ("Datum melding", "Datum incident"),
        ("Datum melding", "Registratiedatum"),
        ("Datum incident", "Peildatum"),
        ("Omschrijving incident", "Maatregelen na het incident"),
        ("Naam jeugdige", "Naam consulent"),
        ("Wachttijd in weken", "Aantal wachtenden"),
    ],
)
def test_false_friends_of_the_issue_stay_apart(a: str, b: str) -> None:
    catalogue = Catalogue(
        Path("."),
        [form("gm9001-a", "GM9001", [(a, "text")]), form("gm9002-a", "GM9002", [(b, "text")])],
    )
    assert not together(catalogue, a, b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("12. Datum melding:", "Meldingsdatum"),
        ("(8) Naam ouder/verzorger", "Ouder: naam"),
        ("Vraag 7: Geboortedatum jeugdige", "Geb. datum cliënt"),
        ("Telefoonnummer van de ouder", "Tel.nr. verzorger"),
        ("AGB code zorgaanbieder", "Zorgverlenerscode (AGB) aanbieder"),
        ("Zorg gestart op", "Startdatum zorg"),
        ("Aantal cliënten in zorg", "Aantal unieke cliënten"),
    ],
)
def test_noise_does_not_split(a: str, b: str) -> None:
    catalogue = Catalogue(
        Path("."),
        [form("gm9001-a", "GM9001", [(a, "text")]), form("gm9002-a", "GM9002", [(b, "text")])],
    )
    assert together(catalogue, a, b)


def test_a_typo_the_catalogue_corrects() -> None:
    # "Incidnetdatum" is rare; "incident" is a word the other forms use often.
    forms = [
        form(f"gm90{n:02d}-a", f"GM90{n:02d}", [("Datum incident", "date")]) for n in range(1, 8)
    ]
    forms.append(form("gm9020-a", "GM9020", [("Incidnetdatum", "date")]))
    assert together(Catalogue(Path("."), forms), "Datum incident", "Incidnetdatum")


def _field_form(form_id: str, fields: list[FormField]) -> Form:
    return Form(
        form_id,
        form_id[:6].upper(),
        form_id,
        "toewijzing",
        Frequency("client", at="start"),
        tuple(fields),
        Path(f"{form_id}.yaml"),
        example=True,
    )


def test_bare_labels_take_their_meaning_from_the_form() -> None:
    # Section in the id, help text, and a section whose other fields name the entity.
    section = _field_form(
        "gm9001-a",
        [
            FormField("ouder-naam", "Naam", "text"),
            FormField("ouder-telefoon", "Telefoon", "text"),
            FormField("incident-datum", "Datum", "date"),
            FormField("v04", "BSN", "bsn", help="BSN van de ouder of verzorger"),
        ],
    )
    opaque = _field_form(
        "gm9002-a",
        [
            FormField("s2.1", "Naam ouder", "text"),
            FormField("s2.2", "Telefoonnummer", "text"),
            FormField("s3.1", "Telefoonnummer jeugdige", "text"),
        ],
    )
    explicit = _field_form(
        "gm9003-a",
        [
            FormField("a", "Naam ouder/verzorger", "text"),
            FormField("b", "Tel. ouder", "text"),
            FormField("c", "Datum van het incident", "date"),
            FormField("d", "BSN ouder", "bsn"),
            FormField("e", "Naam jeugdige", "text"),
        ],
    )
    concept_of = {
        (form.id, item.id): concept.id
        for concept in match_concepts(Catalogue(Path("."), [section, opaque, explicit]))
        for form, item in concept.members
    }
    assert concept_of[("gm9001-a", "ouder-naam")] == concept_of[("gm9003-a", "a")]
    assert concept_of[("gm9001-a", "ouder-telefoon")] == concept_of[("gm9003-a", "b")]
    assert concept_of[("gm9001-a", "incident-datum")] == concept_of[("gm9003-a", "c")]
    assert concept_of[("gm9001-a", "v04")] == concept_of[("gm9003-a", "d")]
    assert concept_of[("gm9002-a", "s2.2")] == concept_of[("gm9003-a", "b")]
    assert concept_of[("gm9002-a", "s2.1")] != concept_of[("gm9003-a", "e")]


def test_no_chain_grows_through_a_catalogue() -> None:
    # Each label is close to the next; the ends are different questions. Greedy single
    # link would pull them into one concept; every concept must stay cohesive.
    chain = [
        "Datum melding",
        "Datum melding incident",
        "Datum incident",
        "Omschrijving incident",
        "Omschrijving incident en maatregelen",
        "Maatregelen",
    ]
    forms = [
        form(f"gm90{n:02d}-a", f"GM90{n:02d}", [(label, "text")])
        for n, label in enumerate(chain * 3, start=1)
    ]
    concepts = match_concepts(Catalogue(Path("."), forms))
    for concept in concepts:
        labels = {item.label for _, item in concept.members}
        assert not ({"Datum melding", "Datum incident"} <= labels), labels
        assert not ({"Omschrijving incident", "Maatregelen"} <= labels), labels


def test_two_fields_of_one_form_are_two_questions() -> None:
    # "Datum" and "Datum aanvraag" would be close enough on two forms; on one they are two.
    one = form("gm9001-a", "GM9001", [("Hulpvraag", "text"), ("Hulpvraag gezin", "text")])
    forms = [one] + [
        form(f"gm90{n:02d}-a", f"GM90{n:02d}", [("Hulpvraag", "text"), ("Hulpvraag gezin", "text")])
        for n in range(2, 6)
    ]
    assert not together(Catalogue(Path("."), forms), "Hulpvraag", "Hulpvraag gezin")


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
    assert kinds["in_standard"] == ["BSN jeugdige"]  # the municipalities' wording
    assert "BSN jeugdige" in kinds["duplicate"]  # GM9001 asks it on two forms
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


def test_a_static_concept_is_not_non_uniform_for_its_forms_frequency() -> None:
    quarterly = Frequency("client", every="3 months")
    half_year = Frequency("client", every="6 months")
    a = form(
        "gm9001-r", "GM9001", [("BSN", "bsn"), ("Voortgang", "text")], "verantwoording", quarterly
    )
    b = form(
        "gm9002-r", "GM9002", [("BSN", "bsn"), ("Voortgang", "text")], "verantwoording", half_year
    )
    c = form(
        "gm9003-r", "GM9003", [("BSN", "bsn"), ("Voortgang", "text")], "verantwoording", quarterly
    )
    analysis = analyse(Catalogue(Path("."), [a, b, c]), load_decisions(Path("/nonexistent")))
    flagged = {analysis.concept(f.concept).label for f in analysis.flags if f.kind == "non_uniform"}
    assert flagged == {"Voortgang"}  # its own frequency; the BSN's is the form's


def test_review_lists_the_least_cohesive_concepts_first() -> None:
    catalogue, _ = load_catalogue(ROOT / "forms")
    analysis = analyse(catalogue)
    review = analysis.review()
    assert review and all(c.variants > 1 or c.inferred or c.near for c in review)
    merged = [c for c in review if not c.near]
    assert [c.cohesion for c in merged] == sorted(c.cohesion for c in merged)
    payload = analysis.to_json()
    assert payload["review"][0]["concept"] == review[0].id
    assert {"concept", "label", "cohesion", "fields", "labels"} <= set(payload["review"][0])


def test_quality_on_the_second_tuning_set() -> None:
    """The noisy attribute x entity tuning set (scripts/generate_tuning_forms.py), 40
    municipalities: pairwise P >= 0.95 and R >= 0.90, every flag kind >= 0.9 both ways."""
    import importlib.util
    import tempfile

    from regeldruk.evaluation import expected_flags, flag_precision, flag_recall, pairwise
    from regeldruk.matching import Decisions

    spec = importlib.util.spec_from_file_location(
        "generate_tuning_forms", ROOT / "scripts" / "generate_tuning_forms.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    with tempfile.TemporaryDirectory() as tmp:
        module.write(Path(tmp), 40)
        catalogue, problems = load_catalogue(Path(tmp) / "forms")
        raw = json.loads((Path(tmp) / "truth.json").read_text())
    assert problems == []
    analysis = analyse(catalogue, Decisions())
    predicted = {f"{f.id}/{i.id}": c.id for c in analysis.concepts for f, i in c.members}
    scores = pairwise(raw["fields"], predicted)
    assert scores.precision >= 0.95 and scores.recall >= 0.90, scores
    expected = expected_flags(catalogue, raw["fields"], set(raw["in_standard"]))
    recall = flag_recall(expected, analysis.flags)
    precision = flag_precision(expected, analysis.flags)
    assert set(precision) == set(recall) == {"duplicate", "in_standard", "non_uniform", "local"}
    assert min(recall.values()) >= 0.9 and min(precision.values()) >= 0.9, (recall, precision)


def test_flag_precision_counts_unsupported_flags() -> None:
    from regeldruk.analysis import Flag
    from regeldruk.evaluation import flag_precision

    expected = [Flag("local", "t1", ["f"], ["GM9001"], "", ["f/a", "f/b"])]
    found = [
        Flag("local", "c1", ["f"], ["GM9001"], "", ["f/a", "f/b"]),  # supported
        Flag("local", "c2", ["g"], ["GM9002"], "", ["g/x"]),  # an orphan, not local
    ]
    assert flag_precision(expected, found) == {"local": 0.5}


def test_analysis_workbook_reads_right(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from regeldruk.exports.xlsx_analysis import write_analysis_workbook

    catalogue, _ = load_catalogue(ROOT / "forms")
    analysis = analyse(catalogue)
    write_analysis_workbook(analysis, tmp_path / "a.xlsx")
    book = load_workbook(tmp_path / "a.xlsx")
    assert book.sheetnames == ["Signalen", "Eerst controleren", "Concepten"]
    sheet = book["Signalen"]
    assert sheet.max_row == len(analysis.flags) + 1
    assert sheet.print_title_rows == "$1:$1"
    longest = max(sheet.iter_rows(min_row=2), key=lambda row: len(str(row[5].value)))
    assert len(str(longest[5].value)) > 200  # the long explanations are there ...
    assert longest[5].alignment.wrap_text and longest[2].alignment.wrap_text  # ... wrapped
    assert sheet.row_dimensions[longest[0].row].height >= 45  # and the row grows with them
    concepts = {row[1].value for row in sheet.iter_rows(min_row=2)}
    # Human labels: the municipalities' own wording, not an iJw element name split in two.
    assert "Product code" not in concepts and "Beschikking nummer" not in concepts


def test_a_small_variant_of_a_common_concept_is_reviewed_not_flagged_local() -> None:
    forms = [
        form(f"gm90{n:02d}-a", f"GM90{n:02d}", [("Geboortedatum jeugdige", "date")])
        for n in range(1, 9)
    ]
    forms.append(
        form(
            "gm9020-a",
            "GM9020",
            [("Geboortedatum jeugdige uittrekselcheck", "date"), ("Huisdieren in huis", "text")],
        )
    )
    analysis = analyse(Catalogue(Path("."), forms), load_decisions(Path("/nonexistent")))
    local = {analysis.concept(f.concept).label for f in analysis.flags if f.kind == "local"}
    assert local == {"Huisdieren in huis"}
    variant = next(c for c in analysis.concepts if c.label.endswith("uittrekselcheck"))
    assert variant.near is not None and variant in analysis.review()
