"""`regeldruk forms import` as a policy adviser runs it: drafts, review, versions, analysis."""

from __future__ import annotations

import filecmp
import importlib.util
from pathlib import Path

import pytest
import yaml

from regeldruk.cli.demo import _import_openforms_example
from regeldruk.forms import load_form
from tests.conftest import CliRunnerHelper
from tests.formimport.makers import fillable_pdf, openforms_zip, printed_pdf, word_form

ROOT = Path(__file__).resolve().parents[2]
REFERENCE = ROOT.parent / "shared" / "reference"
SHIPPED = ROOT / "src" / "regeldruk" / "data" / "openforms"


def version(tmp_path: Path, name: str, label: str, required: bool, extra: bool = False) -> Path:
    components = [
        {"type": "textfield", "key": "naam", "label": "Naam jeugdige"},
        {"type": "textfield", "key": "reden", "label": label, "validate": {"required": required}},
        {"type": "textfield", "key": "weg", "label": "Vraag die verdwijnt"},
    ]
    if extra:
        components = components[:2] + [{"type": "date", "key": "start", "label": "Startdatum"}]
    return openforms_zip(tmp_path / name, "Verlenging jeugdhulp", [("Stap", components)])


def test_import_check_and_analyse_leave_drafts_out_until_reviewed(
    cli: CliRunnerHelper, tmp_path: Path
) -> None:
    out = tmp_path / "catalogus"
    made = [
        version(tmp_path, "v1.zip", "Reden", False),
        fillable_pdf(tmp_path / "vervoer.pdf"),
        printed_pdf(tmp_path / "melding.pdf"),
        word_form(tmp_path / "verlenging.docx"),
    ]
    result = cli("forms", "import", *map(str, made), "--gemeente", "Nijmegen", "-o", str(out))
    assert result.exit_code == 0, result.output
    files = sorted(path.name for path in out.glob("*.yaml"))
    assert files == [
        "gm0268-aanvraag-vervoersvoorziening.yaml",
        "gm0268-melding-zorgen-over-een-jeugdige.yaml",
        "gm0268-verlenging-jeugdhulp.yaml",
        "gm0268-verlengingjeugdhulp.yaml",
    ]
    for path in out.glob("*.yaml"):
        raw = yaml.safe_load(path.read_text())
        assert raw["municipality"] == "GM0268" and raw["example"] is False
        assert raw["draft"]["reviewed"] is False and len(raw["draft"]["sha256"]) == 64
        assert all(0 < field["confidence"] <= 1 for field in raw["fields"])
    printed = yaml.safe_load((out / "gm0268-melding-zorgen-over-een-jeugdige.yaml").read_text())
    assert printed["draft"]["importer"] == "pdf-tekst"
    assert max(field["confidence"] for field in printed["fields"]) <= 0.5  # a guess from layout
    check = cli("forms", "check", str(out))
    assert check.exit_code == 0 and "In orde: 4 formulieren" in check.output
    assert check.output.count("waarschuwing: concept uit een import") == 4
    analysed = cli("forms", "analyse", str(out), "--json")
    assert analysed.exit_code == 0
    assert '"forms": 0' in analysed.stdout and "4 onbeoordeelde" in analysed.stderr
    with_drafts = cli("forms", "analyse", str(out), "--json", "--drafts")
    assert '"forms": 4' in with_drafts.stdout
    # A person reviews one: it counts from then on, without --drafts.
    reviewed = out / "gm0268-verlengingjeugdhulp.yaml"
    reviewed.write_text(reviewed.read_text().replace("reviewed: false", "reviewed: true"))
    assert '"forms": 1' in cli("forms", "analyse", str(out), "--json").stdout
    assert cli("forms", "check", str(out)).output.count("waarschuwing") == 3


def test_a_newer_version_beside_a_reviewed_form_shows_what_changed(
    cli: CliRunnerHelper, tmp_path: Path
) -> None:
    out = tmp_path / "catalogus"
    first = version(tmp_path, "v1.zip", "Reden", False)
    assert cli("forms", "import", str(first), "--gemeente", "GM0268", "-o", str(out)).exit_code == 0
    target = out / "gm0268-verlengingjeugdhulp.yaml"
    reviewed_text = target.read_text().replace("reviewed: false", "reviewed: true")
    target.write_text(reviewed_text)
    second = version(tmp_path, "v2.zip", "Reden van de verlenging", True, extra=True)
    result = cli("forms", "import", str(second), "--gemeente", "0268", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert target.read_text() == reviewed_text  # never overwritten
    beside = out / "gm0268-verlengingjeugdhulp.nieuw.yaml"
    assert f"Nieuwe versie: {beside}" in result.output
    assert "1 toegevoegd, 1 verwijderd, 1 anders verwoord, 1 verplicht geworden" in result.output
    assert "+ 'Startdatum' (start, date)" in result.output
    assert "- 'Vraag die verdwijnt' (weg)" in result.output
    assert "! verplicht: 'Reden van de verlenging' (reden)" in result.output
    # The catalogue stays valid: the new version waits beside the reviewed one.
    check = cli("forms", "check", str(out))
    assert check.exit_code == 0 and "nieuwe versie van gm0268-verlengingjeugdhulp" in check.output
    # The same file again changes nothing.
    again = cli("forms", "import", str(second), "--gemeente", "GM0268", "-o", str(out))
    assert "Ongewijzigd" in again.output


def test_versions_in_one_batch_the_old_one_first(cli: CliRunnerHelper, tmp_path: Path) -> None:
    old = openforms_zip(
        tmp_path / "b.zip",
        "Aanvraag oud",
        [("S", [{"type": "textfield", "key": "a", "label": "A"}])],
    )
    new = openforms_zip(
        tmp_path / "a.zip",
        "Aanvraag",
        [
            (
                "S",
                [
                    {"type": "textfield", "key": "a", "label": "A"},
                    {"type": "textfield", "key": "b", "label": "B"},
                ],
            )
        ],
    )
    result = cli(
        "forms", "import", str(new), str(old), "--gemeente", "Nijmegen", "-o", str(tmp_path / "o")
    )
    assert result.exit_code == 0 and "+ 'B' (b, text)" in result.output
    form, _ = load_form(tmp_path / "o" / "gm0268-aanvraag.yaml")
    assert form is not None and len(form.fields) == 2


def test_municipality_is_resolved_and_required(cli: CliRunnerHelper, tmp_path: Path) -> None:
    made = str(version(tmp_path, "v1.zip", "Reden", False))
    unknown = cli("forms", "import", made, "--gemeente", "Atlantis", "-o", str(tmp_path / "o"))
    assert unknown.exit_code == 1 and unknown.output.startswith("Fout: Onbekende gemeente")
    missing = cli("forms", "import", made)
    assert missing.exit_code == 2 and "--gemeente" in missing.output
    assert not (tmp_path / "o").exists()


def test_a_batch_with_one_bad_file_writes_nothing(cli: CliRunnerHelper, tmp_path: Path) -> None:
    good = version(tmp_path, "v1.zip", "Reden", False)
    bad = tmp_path / "kapot.pdf"
    bad.write_bytes(b"%PDF-1.7\n" + b"\x00garbage" * 50)
    out = tmp_path / "o"
    result = cli("forms", "import", str(good), str(bad), "--gemeente", "Nijmegen", "-o", str(out))
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "Fout: 'kapot.pdf'" in result.output and "1 van 2 bestanden" in result.output
    assert not out.exists()


def test_the_default_directory_is_per_municipality(
    cli: CliRunnerHelper, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    made = version(tmp_path, "v1.zip", "Reden", False)
    assert cli("forms", "import", str(made), "--gemeente", "Nijmegen").exit_code == 0
    assert (tmp_path / "forms/import/nijmegen/gm0268-verlengingjeugdhulp.yaml").is_file()


@pytest.mark.skipif(not REFERENCE.exists(), reason="shared/reference not beside the checkout")
def test_the_shipped_export_is_the_reference_copy_with_its_licence(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location(
        "ship", ROOT / "scripts" / "ship_openforms_example.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    fresh = module.ship(REFERENCE, tmp_path)
    for path in fresh:
        assert filecmp.cmp(path, SHIPPED / path.name, shallow=False), path.name
    assert "Apache License" in (SHIPPED / "LICENSE").read_text()


def test_the_demo_step_imports_and_checks_the_shipped_export(tmp_path: Path) -> None:
    written = _import_openforms_example(tmp_path)
    form, problems = load_form(written)
    assert problems == [] and form is not None
    assert form.municipality == "GM0268" and not form.example and form.unreviewed
    assert len(form.fields) == 62
    assert _import_openforms_example(tmp_path) == written  # a rerun rebuilds it
