"""Open Forms exports: the Form.io mapping on made trees, and all 207 real Nijmegen exports."""

from __future__ import annotations

import json
import re
import zipfile
from collections import Counter
from pathlib import Path

import pytest

from regeldruk.formimport import import_forms, read_form_file
from regeldruk.forms import load_catalogue, load_form
from tests.formimport.makers import openforms_zip

ROOT = Path(__file__).resolve().parents[2]
NIJMEGEN = ROOT.parent / "shared" / "reference" / "openforms-nijmegen"
needs_reference = pytest.mark.skipif(
    not NIJMEGEN.exists(), reason="shared/reference not beside the checkout"
)
NOW = "2026-11-02T10:00:00+00:00"

COMPONENTS = [
    {"type": "content", "key": "intro", "html": "<p>Welkom</p>", "input": False},
    {
        "type": "textfield",
        "key": "naam",
        "label": "<b>Naam</b> &amp; voorletters",
        "validate": {"required": True},
        "description": "Zoals in uw paspoort",
        "tooltip": "Voluit",
    },
    {"type": "email", "key": "email", "label": "E-mailadres"},
    {"type": "phoneNumber", "key": "tel", "label": "Telefoon"},
    {"type": "datetime", "key": "start", "label": "Start", "widget": {"enableTime": True}},
    {"type": "date", "key": "geboren", "label": "Geboortedatum"},
    {"type": "currency", "key": "bedrag", "label": "Bedrag"},
    {
        "type": "radio",
        "key": "soort",
        "label": "Soort zorg",
        "values": [{"label": "Ambulant", "value": "a"}, {"label": "Verblijf", "value": "v"}],
    },
    {
        "type": "fieldset",
        "key": "fs",
        "label": "Field Set",
        "legend": "Gegevens ouder",
        "components": [
            {
                "type": "columns",
                "key": "cols",
                "input": False,
                "columns": [
                    {
                        "components": [
                            {
                                "type": "bsn",
                                "key": "bsnOuder",
                                "label": "BSN ouder",
                                "conditional": {"show": True, "when": "soort", "eq": "v"},
                            }
                        ]
                    },
                    {"components": [{"type": "checkbox", "key": "akkoord", "label": "Akkoord"}]},
                ],
            },
        ],
    },
    {
        "type": "datagrid",
        "key": "kinderen",
        "label": "Kinderen",
        "input": True,
        "components": [
            {"type": "textfield", "key": "naam", "label": "Naam kind"},
            {"type": "file", "key": "bewijs", "label": "Bewijs", "filePattern": ".pdf,.jpg"},
        ],
    },
    {
        "type": "panel",
        "key": "p",
        "title": "Overig",
        "input": False,
        "components": [
            {
                "type": "selectboxes",
                "key": "hulp",
                "label": "Hulp",
                "values": [{"label": "Thuis", "value": "t"}],
                "customConditional": "show = data.soort == 'a';",
            },
            {"type": "raadsel", "key": "vreemd", "label": "Vreemd", "input": True},
        ],
    },
    {"type": "hidden", "key": "zaaktype", "label": "zaaktype", "input": True},
    {"type": "signature", "key": "handtekening", "label": "Handtekening"},
]


@pytest.fixture
def made(tmp_path: Path):  # type: ignore[no-untyped-def]
    path = openforms_zip(
        tmp_path / "export.zip",
        "Aanvraag jeugdhulp oud",
        [("Uw gegevens", COMPONENTS), ("Bevestigen", [])],
    )
    return read_form_file(path)


def test_every_form_io_type_is_mapped_and_what_is_lost_is_said(made) -> None:  # type: ignore[no-untyped-def]
    fields = {f.id: f for f in made.fields}
    assert fields["naam"].label == "Naam & voorletters"  # HTML stripped, entity decoded
    assert fields["naam"].required and fields["naam"].help == "Zoals in uw paspoort — Voluit"
    assert (fields["email"].type, fields["email"].format) == ("text", "e-mail")
    assert (fields["tel"].type, fields["tel"].format) == ("text", "telefoonnummer")
    assert (fields["start"].type, fields["start"].format) == ("date", "DD-MM-JJJJ UU:MM")
    assert (fields["geboren"].type, fields["geboren"].format) == ("date", "DD-MM-JJJJ")
    assert (fields["bedrag"].type, fields["bedrag"].format) == ("number", "bedrag in euro")
    assert (fields["soort"].type, fields["soort"].format) == ("choice", ["Ambulant", "Verblijf"])
    assert fields["bsnOuder"].type == "bsn" and fields["akkoord"].type == "boolean"
    assert (fields["handtekening"].type, fields["handtekening"].format) == ("file", "handtekening")
    assert fields["hulp"].type == "choice" and "meer dan één keuze" in (fields["hulp"].note or "")
    assert fields["vreemd"].confidence == 0.5 and "onbekend Form.io-type" in fields["vreemd"].note
    assert all(f.confidence == 1.0 for f in made.fields if f.id != "vreemd")


def test_content_hidden_and_layout_are_not_fields(made) -> None:  # type: ignore[no-untyped-def]
    ids = {f.id for f in made.fields}
    assert not ids & {"intro", "zaaktype", "fs", "cols", "p", "kinderen"}
    assert "1× tekstblok" in made.left_out
    assert any("verborgen veld" in line for line in made.left_out)


def test_sections_repeats_and_conditions(made) -> None:  # type: ignore[no-untyped-def]
    fields = {f.id: f for f in made.fields}
    assert fields["naam"].section == "Uw gegevens"
    assert fields["bsnOuder"].section == "Uw gegevens › Gegevens ouder"  # columns are invisible
    assert fields["hulp"].section == "Uw gegevens › Overig"
    # A datagrid keeps its children under Form.io's data path, in a repeating section.
    assert fields["kinderen.naam"].section == "Uw gegevens › Kinderen (herhaalbaar)"
    assert fields["kinderen.bewijs"].format == ".pdf, .jpg"
    assert fields["bsnOuder"].note == "alleen getoond als 'Soort zorg' = 'Verblijf'"
    assert "JavaScript: show = data.soort == 'a';" in (fields["hulp"].note or "")


def test_a_version_marked_old_keeps_the_identity_of_the_form(made) -> None:  # type: ignore[no-untyped-def]
    assert (
        made.superseded and made.title == "Aanvraag jeugdhulp" and made.slug == "aanvraagjeugdhulp"
    )


@needs_reference
def test_all_207_nijmegen_exports_import_and_check(tmp_path: Path) -> None:
    exports = sorted(NIJMEGEN.glob("*.zip"))
    assert len(exports) == 207
    outcomes = import_forms(exports, "GM0268", tmp_path, NOW)
    catalogue, problems = load_catalogue(tmp_path)
    assert problems == []
    assert all(form.municipality == "GM0268" and not form.example for form in catalogue.forms)
    assert all(form.unreviewed for form in catalogue.forms)
    written = {o.path for o in outcomes if o.path}
    assert len(written) == len(catalogue.forms)
    fields = sum(len(form.fields) for form in catalogue.forms)
    types = Counter(f.type for form in catalogue.forms for f in form.fields)
    # The README states these figures; they must be what an import gives today.
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    stated = re.search(
        r"all 207\s+exports\s+import.*?(\d+)\s+forms\s+with\s+([\d,]+)\s+fields", readme, re.S
    )
    assert stated, "README states the Nijmegen import figures"
    assert (int(stated.group(1)), int(stated.group(2).replace(",", ""))) == (
        len(catalogue.forms),
        fields,
    )
    for kind, count in types.items():
        assert f"{kind} {count:,}" in readme, f"README states {kind} {count:,}"


@needs_reference
def test_every_input_component_of_every_export_is_a_field() -> None:
    """Counted independently of the importer: every component with input true that is not
    a layout, text, hidden or summary component, in all 207 exports."""
    not_fields = {
        "content",
        "hidden",
        "summary",
        "fieldset",
        "columns",
        "panel",
        "datagrid",
        "editgrid",
        "button",
        "htmlelement",
    }

    def walk(node: object) -> int:
        if isinstance(node, list):
            return sum(walk(item) for item in node)
        if not isinstance(node, dict):
            return 0
        own = int(node.get("input") is True and node.get("type") not in not_fields)
        return own + walk(node.get("components")) + walk(node.get("columns"))

    for path in sorted(NIJMEGEN.glob("*.zip")):
        with zipfile.ZipFile(path) as archive:
            definitions = json.loads(archive.read("formDefinitions.json"))
        expected = sum(walk(d["configuration"]["components"]) for d in definitions)
        assert len(read_form_file(path).fields) == expected, path.name


@needs_reference
def test_the_two_versions_of_the_tailor_made_agreement(tmp_path: Path) -> None:
    old = NIJMEGEN / "maatwerkovereenkomstJeugdEnWmoAanvragen2.zip"
    new = NIJMEGEN / "maatwerkovereenkomstJeugdEnWmoAanvragen3.zip"
    first = import_forms([old], "GM0268", tmp_path, NOW)[0]
    second = import_forms([new], "GM0268", tmp_path, NOW)[0]
    assert first.path == second.path and second.status == "updated"
    diff = second.diff
    assert diff is not None
    added = {side.label for side in diff.added}
    assert "Is de zorgaanbieder aangesloten op het landelijke iJw/iWmo berichtenverkeer?" in added
    assert [side.label for side in diff.removed] == ["Eenheid"] * 3
    reworded = {a.label: b.label for a, b in diff.reworded}
    assert reworded["E-mailadres"].startswith("E-mailadres zorgaanbieder")
    assert (len(first.draft.fields), len(second.draft.fields)) == (55, 62)
    assert len(diff.added) - len(diff.removed) == 62 - 55
    form, problems = load_form(second.path)  # type: ignore[arg-type]
    assert problems == [] and form is not None and form.draft is not None
    assert form.draft.source == new.name
