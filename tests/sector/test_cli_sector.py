"""The sector commands as an organisation and a sector body run them."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from tests.conftest import CliRunnerHelper

NOVEMBER = "2026-11-20T10:00:00+01:00"


@pytest.fixture
def sector(tmp_path: Path) -> dict[str, Path | str]:
    return {"url": f"sqlite:///{tmp_path / 'sector.sqlite'}", "profile": tmp_path / "profiel.json"}


def test_register_profile_trust_export_import_report(
    ready: CliRunnerHelper, tmp_path: Path, sector: dict, monkeypatch: pytest.MonkeyPatch
) -> None:
    cli = ready
    monkeypatch.setenv("REGELDRUK_NOW", NOVEMBER)
    cli(
        "log", "add", "rapportage", "--from", "9:00", "--to", "10:00", "--date", "2026-10-06",
        "--note", "Q3 verslag",
    )  # fmt: skip
    made = cli("--database", sector["url"], "sector", "profile", "--period", "month", "--area",
               "region", "--k", "5", "-o", str(sector["profile"]))  # fmt: skip
    assert made.exit_code == 0 and "per maand en jeugdzorgregio, k = 5" in made.output
    registered = cli("sector", "register", "-o", str(tmp_path / "registratie.json"))
    assert registered.exit_code == 0 and "Vingerafdruk:" in registered.output
    trusted = cli(
        "--database", sector["url"], "sector", "trust", str(tmp_path / "registratie.json")
    )
    assert trusted.exit_code == 0 and "vertrouwd" in trusted.output

    target = tmp_path / "pakket.zip"
    result = cli("export", "sector", "-o", str(target), "--profile", str(sector["profile"]))
    assert result.exit_code == 0, result.output
    assert "2026-10" in result.output  # the last month that is over
    assert "Onderdrukt: 1.0 van 1.0 uur (100.0%)" in result.output  # one worker: nothing shown
    with zipfile.ZipFile(target) as archive:
        assert sorted(archive.namelist()) == ["cells.csv", "manifest.json", "signature.ed25519"]
        manifest = json.loads(archive.read("manifest.json"))
        everything = archive.read("cells.csv").decode() + json.dumps(manifest)
    assert manifest["k"] == 5 and manifest["rows"] == 0 and manifest["period"]["label"] == "2026-10"
    assert "suppressed_hours_share" not in manifest  # it gave a suppressed cell away (#12)
    for secret in ("Sanne", "Team Noord", "Q3 verslag", "Test"):
        assert secret not in everything

    again = cli("export", "sector", "-o", str(tmp_path / "nog-eens.zip"), "--profile",
                str(sector["profile"]), "--period", "2026-10")  # fmt: skip
    assert again.exit_code == 0 and "al verstuurd" in again.output
    assert (tmp_path / "nog-eens.zip").read_bytes() == target.read_bytes()

    imported = cli("--database", sector["url"], "sector", "import", str(target))
    assert imported.exit_code == 0 and "0 cellen geïmporteerd" in imported.output
    report = tmp_path / "sector.md"
    written = cli("--database", sector["url"], "sector", "report", "-o", str(report))
    assert written.exit_code == 0, written.output
    assert "Fout" not in written.output


def test_old_options_and_unfinished_periods_get_one_dutch_line(
    ready: CliRunnerHelper, tmp_path: Path, sector: dict, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REGELDRUK_NOW", NOVEMBER)
    ready("--database", sector["url"], "sector", "profile", "--period", "month", "--area", "NL",
          "--k", "5", "-o", str(sector["profile"]))  # fmt: skip
    ready("sector", "register", "-o", str(tmp_path / "r.json"))
    out = str(tmp_path / "p.zip")
    for option in (["--from", "2026-10-01"], ["--to", "2026-10-30"], ["--k", "5"]):
        result = ready("export", "sector", "-o", out, *option)
        assert result.exit_code == 2 and "bestaat niet meer" in result.output
    running = ready("export", "sector", "-o", out, "--profile", str(sector["profile"]),
                    "--period", "2026-11")  # fmt: skip
    assert running.exit_code == 1 and "nog niet voorbij" in running.output
    week = ready("export", "sector", "-o", out, "--profile", str(sector["profile"]),
                 "--period", "2026-W41")  # fmt: skip
    assert week.exit_code == 1 and "bestaat niet in het rooster" in week.output


def test_a_profile_k_outside_its_bounds_is_refused(cli: CliRunnerHelper, sector: dict) -> None:
    for k in ("4", "1000000000000000000000000000000"):
        result = cli("--database", sector["url"], "sector", "profile", "--period", "month",
                     "--area", "region", "--k", k)  # fmt: skip
        assert result.exit_code == 1 and "kies een geheel getal van 5 tot en met 1000" in (
            result.output
        ), result.output


def test_export_without_a_key_says_to_register(
    ready: CliRunnerHelper, tmp_path: Path, sector: dict, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REGELDRUK_NOW", NOVEMBER)
    ready("--database", sector["url"], "sector", "profile", "--period", "month", "--area", "NL",
          "--k", "5", "-o", str(sector["profile"]))  # fmt: skip
    result = ready("export", "sector", "-o", str(tmp_path / "p.zip"), "--profile",
                   str(sector["profile"]))  # fmt: skip
    assert result.exit_code == 1 and "registreer eerst" in result.output


def test_a_tampered_registration_is_not_trusted(
    ready: CliRunnerHelper, tmp_path: Path, sector: dict
) -> None:
    path = tmp_path / "registratie.json"
    ready("sector", "register", "-o", str(path))
    content = json.loads(path.read_text())
    content["organisation"] = "00000000-0000-0000-0000-000000000001"
    path.write_text(json.dumps(content))
    result = ready("--database", sector["url"], "sector", "trust", str(path))
    assert result.exit_code == 1 and "handtekening klopt niet" in result.output


def test_a_bad_package_gets_one_line(ready: CliRunnerHelper, tmp_path: Path, sector: dict) -> None:
    ready("--database", sector["url"], "sector", "profile", "--period", "month", "--area", "NL",
          "--k", "5")  # fmt: skip
    bad = tmp_path / "kapot.zip"
    bad.write_bytes(b"geen zip")
    result = ready("--database", sector["url"], "sector", "import", str(bad))
    assert result.exit_code == 1
    assert result.output.startswith("Fout: kapot.zip: geen sectorpakket")
    assert "Traceback" not in result.output


def test_late_entries_go_into_the_next_package(
    ready: CliRunnerHelper, tmp_path: Path, sector: dict, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue #12 case 4: a late entry for a sent month is no second version of that month;
    it travels in the next month's package, as a correction."""
    from sqlalchemy import create_engine, text

    monkeypatch.setenv("REGELDRUK_NOW", NOVEMBER)
    ready("--database", sector["url"], "sector", "profile", "--period", "month", "--area", "NL",
          "--k", "5", "-o", str(sector["profile"]))  # fmt: skip
    ready("sector", "register", "-o", str(tmp_path / "r.json"))
    ready("log", "add", "rapportage", "--from", "9:00", "--to", "10:00", "--date", "2026-10-06")
    profile = str(sector["profile"])
    first = ready("export", "sector", "-o", str(tmp_path / "okt.zip"), "--profile", profile)
    assert first.exit_code == 0, first.output
    ready("log", "add", "declaratie", "--from", "9:00", "--to", "9:40", "--date", "2026-10-07")
    monkeypatch.setenv("REGELDRUK_NOW", "2026-12-03T10:00:00+01:00")
    second = ready("export", "sector", "-o", str(tmp_path / "nov.zip"), "--profile", profile)
    assert second.exit_code == 0 and "correcties voor 2026-10" in second.output
    with zipfile.ZipFile(tmp_path / "nov.zip") as archive:
        manifest = json.loads(archive.read("manifest.json"))
    assert manifest["period"]["label"] == "2026-11" and manifest["corrections"] == ["2026-10"]
    import os

    engine = create_engine(os.environ["REGELDRUK_DATABASE_URL"])
    with engine.connect() as connection:
        carried = connection.execute(
            text(
                "SELECT e.period, m.for_period, m.category, m.minutes FROM sector_export_minutes m"
                " JOIN sector_export e ON e.id = m.export_id ORDER BY e.period, m.category"
            )
        ).all()
    engine.dispose()
    assert [tuple(row) for row in carried] == [
        ("2026-10", "2026-10", "rapportage", 60),
        ("2026-11", "2026-10", "declaratie", 40),
    ]
