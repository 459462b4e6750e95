"""The command line as a user types it: output, exit codes and Dutch refusals."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.conftest import CliRunnerHelper


def test_init_is_idempotent_and_writes_config(
    cli: CliRunnerHelper, home: Path, db_url: str
) -> None:
    for _ in range(2):
        result = cli("--database", db_url, "init", "--worker", "Sanne", "--team", "Team Noord")
        assert result.exit_code == 0, result.output
        assert "Sanne (Team Noord, medewerker)" in result.output
    config = (home / "config.toml").read_text()
    assert 'worker = "Sanne"' in config and 'team = "Team Noord"' in config


def test_init_without_terminal_does_not_prompt(cli: CliRunnerHelper, db_url: str) -> None:
    result = cli("--database", db_url, "init", input="")
    assert result.exit_code == 0, result.output
    assert "Nog geen medewerker ingesteld" in result.output


def test_init_stores_the_database_url(cli: CliRunnerHelper, home: Path, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'elders.sqlite'}"
    assert cli("init", "--database", url, "--worker", "A", "--team", "T").exit_code == 0
    assert (tmp_path / "elders.sqlite").exists()
    assert cli("log", "list").exit_code == 0  # the config now points there


def test_commands_before_init_say_what_to_do(cli: CliRunnerHelper) -> None:
    result = cli("log", "start", "client-face")
    assert result.exit_code == 1
    assert "regeldruk init" in result.output
    assert "Traceback" not in result.output


def test_categories(cli: CliRunnerHelper) -> None:
    result = cli("categories", "--json")
    data = json.loads(result.output)
    assert {"key", "label", "kind"} <= set(data[0])
    assert {c["kind"] for c in data} == {"client", "indirect", "accountability", "other"}
    text = cli("categories").output
    assert "Verantwoording:" in text and "rapportage" in text


def test_a_working_day_with_dst_overlap_and_bsn(ready: CliRunnerHelper) -> None:
    cli = ready
    ok = [
        ("client-face", "08:30", "10:00", "Utrecht"),
        ("reis", "10:00", "10:20", None),
        ("rapportage", "10:20", "11:05", "GM0344"),
        ("verl", "11:05", "11:35", "0344"),
        ("client-remote", "13:00", "13:40", "Zeist"),
        ("declaratie", "23:40", "00:20", None),  # crosses midnight
    ]
    for category, start, end, gemeente in ok:
        args = ["log", "add", category, "--from", start, "--to", end, "--date", "2026-10-20"]
        if gemeente:
            args += ["--gemeente", gemeente]
        result = cli(*args)
        assert result.exit_code == 0, result.output
        assert "Toegevoegd: #" in result.output
    overlap = cli(
        "log", "add", "netwerk", "--from", "09:30", "--to", "09:45", "--date", "2026-10-20"
    )
    assert overlap.exit_code == 1
    assert "Overlapt met registratie #1" in overlap.output
    bsn = cli(
        "log",
        "add",
        "dossier",
        "--from",
        "14:00",
        "--to",
        "14:30",
        "--date",
        "2026-10-20",
        "--note",
        "gebeld over 111 222 333",
    )
    assert bsn.exit_code == 1 and "BSN" in bsn.output
    dst = cli(
        "log", "add", "client-face", "--from", "01:30", "--to", "03:30", "--date", "2026-10-25"
    )
    assert dst.exit_code == 0 and "(3:00)" in dst.output

    report = json.loads(
        cli("report", "--from", "2026-10-20", "--to", "2026-10-20", "--json").output
    )
    assert report["hours"] == {
        "client": 130 / 60,
        "indirect": 0.0,
        "accountability": 95 / 60,  # 45 + 30 + 20 minutes before midnight
        "other": 20 / 60,
    }
    assert report["total_hours"] == 245 / 60
    assert report["accountability_share"] == pytest.approx(95 / 245)
    assert report["paperwork_ratio"] == pytest.approx(95 / (130 / 60))
    week = json.loads(cli("report", "--week", "2026-W43", "--json").output)
    assert week["hours"]["client"] == 310 / 60  # with the DST night
    assert week["hours"]["accountability"] == 115 / 60
    assert (week["from"], week["to"]) == ("2026-10-19", "2026-10-25")


def test_a_timer_under_a_minute_says_it_was_not_kept(
    ready: CliRunnerHelper, monkeypatch: pytest.MonkeyPatch
) -> None:
    cli = ready
    monkeypatch.setenv("REGELDRUK_NOW", "2026-10-20T09:00:20+02:00")
    assert cli("log", "start", "client-face").exit_code == 0
    switched = cli("log", "start", "rapportage")  # the same minute: client-face is dropped
    assert "niet bewaard: client-face" in switched.output and "Gestart:" in switched.output
    stopped = cli("log", "stop")
    assert "niet bewaard: rapportage" in stopped.output
    assert json.loads(cli("log", "list", "--json").output) == []


def test_start_stop_and_list_json(ready: CliRunnerHelper, monkeypatch: pytest.MonkeyPatch) -> None:
    cli = ready
    monkeypatch.setenv("REGELDRUK_NOW", "2026-10-20T09:00:00+02:00")
    assert cli("log", "start", "client-face", "--gemeente", "Utrecht").exit_code == 0
    listed = json.loads(cli("log", "list", "--json").output)
    assert listed[0]["end"] is None
    assert listed[0]["start"] == "2026-10-20T09:00:00+02:00"
    switched = cli("log", "start", "rapportage", "--at", "10:30", "--form", "gm0344-voortgang")
    assert "Gestopt:" in switched.output and "Gestart:" in switched.output
    stopped = cli("log", "stop", "--at", "11:00")
    assert "(0:30)" in stopped.output
    entries = json.loads(
        cli("log", "list", "--from", "2026-10-20", "--to", "2026-10-20", "--json").output
    )
    assert [(e["category"], e["kind"], e["gemeente"], e["form"], e["hours"]) for e in entries] == [
        ("client-face", "client", "GM0344", None, 1.5),
        ("rapportage", "accountability", None, "gm0344-voortgang", 0.5),
    ]
    assert {"id", "start", "end", "category", "kind", "gemeente", "form", "hours"} <= set(
        entries[0]
    )
    assert "Totaal 2:00" in cli("log", "list", "--week", "2026-W43").output


def test_edit_delete_undo(ready: CliRunnerHelper) -> None:
    cli = ready
    cli("log", "add", "client-face", "--from", "9:00", "--to", "10:00", "--date", "2026-10-20")
    edited = cli("log", "edit", "1", "--to", "10:30", "--category", "netwerk", "--note", "school")
    assert edited.exit_code == 0 and "netwerk" in edited.output and "(1:30)" in edited.output
    cleared = cli("log", "edit", "1", "--note", "-")
    assert cleared.exit_code == 0
    assert "Verwijderd" in cli("log", "delete", "1").output
    assert "Geen registraties" in cli("log", "list", "--from", "2026-10-20").output
    assert "Ongedaan gemaakt: verwijderen" in cli("log", "undo").output
    assert "netwerk" in cli("log", "list", "--from", "2026-10-20").output
    missing = cli("log", "edit", "99", "--to", "11:00")
    assert missing.exit_code == 1 and "#99 bestaat niet" in missing.output
    assert cli("log", "delete", "99").exit_code == 1


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["log", "add", "rapportage", "--from", "9 uur", "--to", "10:00"], "Onbekende tijd"),
        (["log", "add", "koffie", "--from", "9:00", "--to", "10:00"], "Onbekende categorie"),
        (["log", "add", "client", "--from", "9:00", "--to", "10:00"], "niet eenduidig"),
        (
            [
                "log",
                "add",
                "rapportage",
                "--from",
                "9:00",
                "--to",
                "10:00",
                "--gemeente",
                "Atlantis",
            ],
            "Onbekende gemeente",
        ),
        (
            ["log", "add", "rapportage", "--from", "9:00", "--to", "10:00", "--date", "32-13-2026"],
            "datum",
        ),
        (
            [
                "log",
                "add",
                "rapportage",
                "--from",
                "02:15",
                "--to",
                "03:30",
                "--date",
                "2026-03-29",
            ],
            "bestaat niet",
        ),
        (["log", "start", "rapportage", "--note", "mail ouder@voorbeeld.nl"], "e-mailadres"),
        (["log", "start", "rapportage", "--note", "NL91ABNA0417164300"], "IBAN"),
        (["log", "start", "rapportage", "--note", "bel 06 12345678"], "telefoonnummer"),
        (["log", "stop"], "geen activiteit"),
        (["log", "undo"], "niets om ongedaan"),
        (["log", "list", "--week", "2026-W60"], "bestaat niet"),
        (["report", "--team", "Team Nergens"], "Onbekend team"),
    ],
)
def test_bad_input_gets_one_dutch_line_and_exit_1(
    ready: CliRunnerHelper, args: list[str], fragment: str
) -> None:
    result = ready(*args)
    assert result.exit_code == 1, result.output
    assert fragment in result.output
    assert result.output.startswith("Fout: ")
    assert result.output.count("\n") == 1
    assert "Traceback" not in result.output


def test_usage_errors_exit_2(ready: CliRunnerHelper) -> None:
    assert ready("log", "add", "rapportage").exit_code == 2
    assert ready("log", "list", "--week", "2026-W43", "--from", "2026-10-01").exit_code == 2


def test_report_table_and_team(ready: CliRunnerHelper) -> None:
    cli = ready
    cli("log", "add", "client-face", "--from", "9:00", "--to", "10:00", "--date", "2026-10-20")
    cli("log", "add", "declaratie", "--from", "10:00", "--to", "10:30", "--date", "2026-10-20")
    text = cli("report", "--week", "2026-W43").output
    assert "Verantwoording" in text and "33,3%" in text and "30,0 min per uur" in text
    team = json.loads(cli("report", "--week", "2026-W43", "--team", "Team Noord", "--json").output)
    assert team["workers"][0]["worker"] == "Sanne"
    assert team["workers"][0]["hours"]["accountability"] == 0.5


def test_unreadable_database_file(cli: CliRunnerHelper, tmp_path: Path) -> None:
    path = tmp_path / "kapot.sqlite"
    path.write_bytes(b"\x00\x01garbage" * 500)
    result = cli("--database", f"sqlite:///{path}", "log", "list")
    assert result.exit_code == 1
    assert "geen (leesbare) SQLite-database" in result.output
    assert path.read_bytes() == b"\x00\x01garbage" * 500


def test_foreign_database_file(cli: CliRunnerHelper, tmp_path: Path) -> None:
    import sqlite3

    path = tmp_path / "ander.sqlite"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE klanten (naam TEXT)")
    result = cli("--database", f"sqlite:///{path}", "init", "--worker", "A", "--team", "T")
    assert result.exit_code == 1
    assert "niet van regeldruk" in result.output


def test_bad_database_url(cli: CliRunnerHelper) -> None:
    result = cli("--database", "nonsense://", "log", "list")
    assert result.exit_code == 1
    assert result.output.startswith("Fout: ")


def test_invalid_config_names_file_and_key(cli: CliRunnerHelper, home: Path) -> None:
    home.mkdir(parents=True)
    (home / "config.toml").write_text("worker = 12\n")
    result = cli("log", "list")
    assert result.exit_code == 1
    assert "config.toml" in result.output and "'worker'" in result.output


def test_db_upgrade(cli: CliRunnerHelper, db_url: str) -> None:
    first = cli("--database", db_url, "db", "upgrade")
    assert first.exit_code == 0 and "naar 0007_i12_sector_grid" in first.output
    assert "al actueel" in cli("--database", db_url, "db", "upgrade").output


def test_demo_writes_its_reports(cli: CliRunnerHelper, tmp_path: Path) -> None:
    target = tmp_path / "demo"
    result = cli("demo", "--dir", str(target))
    assert result.exit_code == 0, result.output
    report = json.loads((target / "weekrapport.json").read_text())
    # 15 workers share their own rows; the other 21 are one combined row (issue #18).
    names = [w["worker"] for w in report["workers"]]
    assert len(names) == 16 and names[-1] == "Overige medewerkers samen (21)"
    assert report["administration_share"] > report["accountability_share"]
    assert report["measurement"]["weeks"] == ["2026-W44"]
    assert report["survey"]["respondents"] >= 5
    assert report["total_minutes"] == sum(report["minutes"].values())
    assert report["total_minutes"] == sum(day["total_minutes"] for day in report["days"])
    assert report["total_minutes"] == sum(w["total_minutes"] for w in report["workers"])
    assert 0.2 < report["accountability_share"] < 0.45
    markdown = (target / "weekrapport.md").read_text()
    assert "## Per medewerker" in markdown
    # Running it again rebuilds the same demo.
    assert cli("demo", "--dir", str(target)).exit_code == 0
    assert json.loads((target / "weekrapport.json").read_text()) == report


def test_a_closed_pipe_ends_quietly(home: Path) -> None:
    """`regeldruk categories | head -1`: no 'Fout: Broken pipe', no traceback."""
    import subprocess
    import sys

    process = subprocess.Popen(
        [sys.executable, "-c", "from regeldruk.cli import main; main()", "categories"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "REGELDRUK_HOME": str(home)},
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.readline()
    process.stdout.close()  # the reader goes away before the command has written it all
    error = process.stderr.read().decode()
    assert process.wait(timeout=30) in (0, 141)
    assert error == ""
