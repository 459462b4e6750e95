"""The sector commands as an organisation and a sector body run them."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

from tests.conftest import CliRunnerHelper


def test_export_import_report(ready: CliRunnerHelper, tmp_path: Path) -> None:
    cli = ready
    cli(
        "log",
        "add",
        "rapportage",
        "--from",
        "9:00",
        "--to",
        "10:00",
        "--date",
        "2026-10-06",
        "--note",
        "Q3 verslag",
    )
    target = tmp_path / "pakket.zip"
    result = cli(
        "export", "sector", "-o", str(target), "--from", "2026-10-01", "--to", "2026-10-31"
    )
    assert result.exit_code == 0, result.output
    assert "Onderdrukt: 1.0 van 1.0 uur (100.0%)" in result.output  # one worker: nothing shown
    with zipfile.ZipFile(target) as archive:
        assert sorted(archive.namelist()) == ["cells.csv", "manifest.json"]
        manifest = json.loads(archive.read("manifest.json"))
        everything = archive.read("cells.csv").decode() + json.dumps(manifest)
    assert manifest["k"] == 10 and manifest["rows"] == 0
    for secret in ("Sanne", "Team Noord", "Q3 verslag", "Test"):
        assert secret not in everything
    imported = cli("sector", "import", str(target))
    assert imported.exit_code == 0 and "0 cellen geïmporteerd" in imported.output
    report = tmp_path / "sector.md"
    assert cli("sector", "report", "-o", str(report)).exit_code == 0
    assert "1 pakketten van 1 organisaties" in report.read_text()


def test_k_below_five_is_refused(ready: CliRunnerHelper, tmp_path: Path) -> None:
    result = ready("export", "sector", "-o", str(tmp_path / "p.zip"), "--k", "4")
    assert result.exit_code == 1 and "minimum is 5" in result.output


def test_a_bad_package_gets_one_line(ready: CliRunnerHelper, tmp_path: Path) -> None:
    bad = tmp_path / "kapot.zip"
    bad.write_bytes(b"geen zip")
    result = ready("sector", "import", str(bad))
    assert result.exit_code == 1
    assert result.output.startswith("Fout: kapot.zip: geen sectorpakket")
    assert "Traceback" not in result.output
