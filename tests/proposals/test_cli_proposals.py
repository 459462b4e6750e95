"""`regeldruk proposals` from the command line."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.conftest import CliRunnerHelper

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("suffix", ["md", "html", "xlsx", "json"])
def test_proposals_from_the_shipped_catalogue(
    ready: CliRunnerHelper, tmp_path: Path, suffix: str
) -> None:
    target = tmp_path / f"voorstellen.{suffix}"
    result = ready("proposals", "--forms", str(ROOT / "forms"), "-o", str(target))
    assert result.exit_code == 0, result.output
    assert re.search(
        r"voorstellen; te winnen [\d.]+ van [\d.]+ uur per jaar, \d+%\)", result.output
    )
    assert target.stat().st_size > 1000


def test_json_to_the_screen_and_letters_per_addressee(
    ready: CliRunnerHelper, tmp_path: Path
) -> None:
    result = ready("proposals", "--forms", str(ROOT / "forms"), "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["schema"] == "regeldruk/proposals@1"
    letters = tmp_path / "brieven"
    result = ready(
        "proposals",
        "--forms",
        str(ROOT / "forms"),
        "--format",
        "html",
        "--per-addressee",
        str(letters),
    )
    assert result.exit_code == 0, result.output
    assert (letters / "vng.html").is_file() and (letters / "gemeente-denkendam.html").is_file()


def test_proposals_refuses_bad_input(ready: CliRunnerHelper, tmp_path: Path) -> None:
    assert ready("proposals", "-o", str(tmp_path / "x.pdf")).exit_code == 2
    assert ready("proposals", "--format", "md").exit_code == 2  # no -o, no --per-addressee
    backwards = ready(
        "proposals", "--from", "2026-10-10", "--to", "2026-10-01", "-o", str(tmp_path / "v.md")
    )
    assert backwards.exit_code == 2
    settings = tmp_path / "organisatie.toml"
    settings.write_text('[variant]\nGM0344 = "per uur"\n')
    result = ready("proposals", "--settings", str(settings), "-o", str(tmp_path / "v.md"))
    assert result.exit_code == 1 and "Fout:" in result.output and "variant" in result.output
    assert "Traceback" not in result.output


def test_measured_time_and_the_period_are_used(ready: CliRunnerHelper, tmp_path: Path) -> None:
    for day in range(1, 7):
        ready(
            "log",
            "add",
            "rapportage",
            "--from",
            "9:00",
            "--to",
            "10:10",
            "--date",
            f"2026-10-{day:02d}",
            "--form",
            "gm9001-voortgangsrapportage",
        )
    target = tmp_path / "v.json"
    args = ["proposals", "--forms", str(ROOT / "forms"), "-o", str(target)]
    assert ready(*args).exit_code == 0
    data = json.loads(target.read_text())
    [report] = [f for f in data["forms"] if f["form"] == "gm9001-voortgangsrapportage"]
    assert report["minutes"]["source"].startswith("gemeten: mediaan van 6 registraties")
    assert report["minutes"]["value"] == 70
    assert data["assumptions"]["measurement_period"]["from"] == "2026-10-01"
    assert data["assumptions"]["measurement_period"]["to"] == "2026-10-06"
    # Measured six times in six days: about 365 reports a year.
    assert report["occurrences"]["value"] == pytest.approx(365, abs=0.1)
    # Outside the chosen period nothing was measured.
    assert ready(*args, "--from", "2026-11-01", "--to", "2026-11-30").exit_code == 0
    data = json.loads(target.read_text())
    [report] = [f for f in data["forms"] if f["form"] == "gm9001-voortgangsrapportage"]
    assert report["minutes"]["source"].startswith("schatting uit de catalogus")
    assert data["assumptions"]["measurement_period"]["days"] == 30
