"""`regeldruk proposals` from the command line."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import CliRunnerHelper

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("suffix", ["md", "html", "xlsx"])
def test_proposals_from_the_shipped_catalogue(
    ready: CliRunnerHelper, tmp_path: Path, suffix: str
) -> None:
    target = tmp_path / f"voorstellen.{suffix}"
    result = ready("proposals", "--forms", str(ROOT / "forms"), "-o", str(target))
    assert result.exit_code == 0, result.output
    assert "voorstellen)" in result.output and target.stat().st_size > 1000


def test_proposals_refuses_an_unknown_format(ready: CliRunnerHelper, tmp_path: Path) -> None:
    result = ready("proposals", "-o", str(tmp_path / "x.pdf"))
    assert result.exit_code == 2


def test_measured_time_is_used(ready: CliRunnerHelper, tmp_path: Path) -> None:
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
    target = tmp_path / "v.md"
    assert ready("proposals", "--forms", str(ROOT / "forms"), "-o", str(target)).exit_code == 0
    assert "70 min per keer (gemeten: mediaan van 6 registraties)" in target.read_text()
