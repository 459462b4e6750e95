"""Commands that don't need Textual, openpyxl or the ORM must not import them (start-up time)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

PROBE = """
import sys
from regeldruk.cli import root
try:
    root.main(sys.argv[1:], prog_name="regeldruk", standalone_mode=False)
finally:
    loaded = {m.split(".")[0] for m in sys.modules} | set(sys.modules)
    heavy = sorted(loaded & {"textual", "openpyxl", "rich", "alembic", "sqlalchemy.orm"})
    print("HEAVY=" + ",".join(heavy))
"""


def run_probe(home: Path, *args: str) -> str:
    env = {**os.environ, "REGELDRUK_HOME": str(home)}
    env.pop("REGELDRUK_DATABASE_URL", None)
    result = subprocess.run(
        [sys.executable, "-c", PROBE, *args], env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.rsplit("HEAVY=", 1)[1].strip()


@pytest.fixture
def initialised(tmp_path: Path) -> Path:
    home = tmp_path / "home"
    run_probe(home, "init", "--worker", "Sanne", "--team", "Team Noord")
    return home


@pytest.mark.parametrize(
    "args",
    [
        ["log", "add", "rapportage", "--from", "9:00", "--to", "9:30", "--date", "2026-10-20"],
        ["log", "start", "client-face"],
        ["log", "list", "--json"],
        ["categories"],
    ],
)
def test_logging_commands_import_no_ui_libraries(initialised: Path, args: list[str]) -> None:
    assert run_probe(initialised, *args) == ""
