"""The catalogue loader: every kind of bad file gets file:line: and what was expected."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from regeldruk.forms import load_catalogue

ROOT = Path(__file__).resolve().parents[2]
GOOD = """\
schema: regeldruk/form@1
id: gm9001-rapportage
municipality: GM9001
title: Voortgangsrapportage
purpose: verantwoording
frequency: {per: client, every: 3 months}
minutes: 45
example: true
fields:
  - id: bsn
    label: BSN jeugdige
    type: bsn
  - id: doelen
    label: Voortgang op doelen
    type: text
    required: false
"""


def problems_for(tmp_path: Path, text: str | bytes, name: str = "form.yaml") -> list[str]:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    _, problems = load_catalogue(tmp_path)
    return [str(p) for p in problems]


def test_a_good_form_loads(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(GOOD)
    catalogue, problems = load_catalogue(tmp_path)
    assert problems == []
    [form] = catalogue.forms
    assert form.frequency.times_per_year() == 4
    assert [f.required for f in form.fields] == [True, False]


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ("schema: regeldruk/form@1\nid: [unclosed\n", 3, "geen geldige YAML"),
        (GOOD.replace("title: Voortgangsrapportage\n", ""), 1, "sleutel 'title' ontbreekt"),
        (
            GOOD.replace("purpose: verantwoording", "purpose: rapport"),
            5,
            "verwacht een van toewijzing",
        ),
        (GOOD.replace("id: gm9001-rapportage", "id: GM9001 Rapportage"), 2, "kleine letters"),
        (GOOD.replace("minutes: 45", "minutes: veel"), 7, "positief aantal minuten"),
        (GOOD.replace("every: 3 months", "every: vaak"), 6, "frequency.every"),
        (GOOD.replace("{per: client, every: 3 months}", "{per: client}"), 6, "frequency"),
        (GOOD.replace("type: bsn", "type: nummer"), 12, "fields[1]: type 'nummer'"),
        (
            GOOD.replace("    type: text\n", "    type: text\n    kleur: rood\n"),
            16,
            "onbekende sleutel 'kleur'",
        ),
        (GOOD.replace("  - id: doelen", "  - id: bsn"), 13, "komt twee keer voor"),
        (GOOD.replace("municipality: GM9001", "municipality: GM0001"), 3, "geen gemeente in 2026"),
        (GOOD.replace("municipality: GM9001", "municipality: GM0344"), 3, "echte gemeente"),
        (GOOD.replace("example: true", "example: false"), 3, "fictieve code"),
        (
            GOOD.replace("municipality: GM9001", "municipality: regio:Atlantis"),
            3,
            "onbekende jeugdzorgregio",
        ),
        (GOOD.replace("fields:\n", "fields: []\n").split("  - id: bsn")[0], 9, "niet-lege lijst"),
        (
            GOOD.replace("schema: regeldruk/form@1", "schema: iets/anders"),
            1,
            "verwacht 'regeldruk/form@1'",
        ),
        (GOOD + "extra: 1\n", 17, "onbekende sleutel 'extra'"),
        ("- een\n- lijst\n", 1, "verwacht een mapping"),
        ("   \n", 1, "leeg bestand"),
    ],
)
def test_every_kind_of_bad_file(tmp_path: Path, text: str, line: int, fragment: str) -> None:
    found = problems_for(tmp_path, text)
    assert any(f"form.yaml:{line}: " in p and fragment in p for p in found), found


def test_binary_and_non_utf8_files(tmp_path: Path) -> None:
    assert "binair bestand" in problems_for(tmp_path, b"\x89PNG\x00\x00\x01")[0]
    found = problems_for(tmp_path, "title: caf\xe9\n".encode("latin-1"), "b.yaml")
    assert any("b.yaml:1: geen UTF-8" in p for p in found), found


def test_duplicate_form_ids_across_files(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(GOOD)
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "b.yaml").write_text(GOOD)
    _, problems = load_catalogue(tmp_path)
    assert len(problems) == 1 and "komt ook voor in" in problems[0].message


def test_shipped_catalogue_is_clean_and_has_no_example_on_a_real_municipality() -> None:
    catalogue, problems = load_catalogue(ROOT / "forms")
    assert problems == []
    examples = [f for f in catalogue.forms if not f.is_standard]
    assert len(examples) >= 60
    assert len({f.municipality for f in examples}) >= 12
    assert all(f.example and f.municipality.startswith("GM9") for f in examples)
    standard = {f.id for f in catalogue.forms if f.is_standard}
    assert {"jw301", "jw305", "jw307", "jw315", "jw317", "jw323"} <= standard


REFERENCE = ROOT.parent / "shared" / "reference" / "ijw-3.2"


@pytest.mark.skipif(not REFERENCE.exists(), reason="shared/reference not beside the checkout")
def test_standard_forms_are_what_the_script_generates() -> None:
    spec = importlib.util.spec_from_file_location(
        "generate_standard_forms", ROOT / "scripts" / "generate_standard_forms.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["generate_standard_forms"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    rendered = module.render(REFERENCE)
    assert rendered == module.render(REFERENCE)  # deterministic
    for name, text in rendered.items():
        assert (ROOT / "forms" / "standaard" / name).read_text(encoding="utf-8") == text


def test_jw315_carries_what_the_standard_says() -> None:
    catalogue, _ = load_catalogue(ROOT / "forms")
    jw315 = catalogue.by_id()["jw315"]
    labels = {f.label: f for f in jw315.fields}
    assert {
        "BSN",
        "Geboortedatum",
        "Geslacht",
        "Naam",
        "Toewijzing ingangsdatum",
        "Verwijzer",
    } <= set(labels)
    assert labels["BSN"].type == "bsn" and labels["BSN"].required
    assert not labels["Toewijzing einddatum"].required  # minOccurs="0"
