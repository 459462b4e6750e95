"""Consent, not control (issue #18), on SQLite: a worker's own row reaches a team report or
export only with their yes; the others are combined, and a group under 5 is not shown."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pendulum
import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from regeldruk.consent import set_sharing
from regeldruk.db.engine import Database, ensure_schema
from regeldruk.db.schema import audit_event
from regeldruk.exports.xlsx_team import write_team_workbook
from regeldruk.reporting import Period
from regeldruk.teamexport import build_team_export, resolve_scope
from tests.conftest import CliRunnerHelper
from tests.consent_world import CLIENT_MINUTES, LEAD, REPORT_MINUTES, TZ, WORKERS, build_team

NOW = pendulum.datetime(2026, 11, 5, 12, tz=TZ)
OCTOBER = Period(date(2026, 10, 1), date(2026, 10, 31), TZ)
LEAD_MINUTES = 90


@pytest.fixture
def db(tmp_path: Path) -> Database:
    database = Database(f"sqlite:///{tmp_path / 'consent.sqlite'}")
    ensure_schema(database.engine)
    build_team(database)
    return database


def own(name: str) -> int:
    return CLIENT_MINUTES[name] + REPORT_MINUTES[name]


def workbook_text(path: Path) -> str:
    book = load_workbook(path)
    return "\n".join(
        " ".join(str(v) for v in row)
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
    )


def export(db: Database, tmp_path: Path) -> tuple[Path, object]:
    data = build_team_export(db, resolve_scope(db, LEAD, None), OCTOBER, NOW)
    path = tmp_path / "team.xlsx"
    write_team_workbook(data, path)
    return path, data


def test_without_consent_rows_are_combined_and_totals_kept(db: Database, tmp_path: Path) -> None:
    set_sharing(db, WORKERS[0], True)
    set_sharing(db, WORKERS[1], True)
    path, data = export(db, tmp_path)
    assert list(data.workers) == [LEAD, WORKERS[0], WORKERS[1], "Overige medewerkers samen (6)"]  # type: ignore[attr-defined]
    pooled = data.workers["Overige medewerkers samen (6)"]  # type: ignore[attr-defined]
    assert pooled.total_minutes == sum(own(n) for n in WORKERS[2:])
    assert data.total.total_minutes == LEAD_MINUTES + sum(own(n) for n in WORKERS)  # type: ignore[attr-defined]
    text = workbook_text(path)
    for name in WORKERS[2:]:
        assert name not in text
    assert WORKERS[0] in text and WORKERS[1] in text
    entries = load_workbook(path)["Registraties"].iter_rows(min_row=2, values_only=True)
    assert {row[3] for row in entries} == {LEAD, WORKERS[0], WORKERS[1]}


def test_a_group_under_five_is_not_shown_not_even_in_the_totals(
    db: Database, tmp_path: Path
) -> None:
    for name in WORKERS[:5]:
        set_sharing(db, name, True)
    path, data = export(db, tmp_path)
    assert list(data.workers) == [LEAD, *WORKERS[:5]]  # type: ignore[attr-defined]
    # Total minus the shown rows would otherwise be the three others' figures.
    assert data.total.total_minutes == LEAD_MINUTES + sum(own(n) for n in WORKERS[:5])  # type: ignore[attr-defined]
    assert "3 medewerker(s) delen" in data.note  # type: ignore[attr-defined]
    text = workbook_text(path)
    for name in WORKERS[5:]:
        assert name not in text
    weeks = load_workbook(path)["Per week"]
    week_total = sum(
        row[6].total_seconds() // 60
        for row in weeks.iter_rows(min_row=2, values_only=True)
        if row[6] is not None
    )
    assert week_total == data.total.total_minutes  # type: ignore[attr-defined]


def report_json(cli: CliRunnerHelper, url: str) -> dict[str, object]:
    result = cli("--database", url, "report", "--team", "Team Noord", "--from", "2026-10-01",
                 "--to", "2026-10-31", "--json")  # fmt: skip
    assert result.exit_code == 0, result.output
    return dict(json.loads(result.output))


def test_report_team_and_revoking(
    db: Database, cli: CliRunnerHelper, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = str(db.url)
    monkeypatch.setenv("REGELDRUK_DATABASE_URL", url)
    config = home / "config.toml"
    config.parent.mkdir(parents=True, exist_ok=True)

    def as_worker(name: str) -> None:
        config.write_text(f'worker = "{name}"\n')

    as_worker(WORKERS[3])
    said = cli("delen", "teamleider", "aan")
    assert said.exit_code == 0 and "ziet voortaan uw eigen regel" in said.output
    as_worker(LEAD)
    payload = report_json(cli, url)
    names = [w["worker"] for w in payload["workers"]]  # type: ignore[index, union-attr]
    assert names == [LEAD, WORKERS[3], "Overige medewerkers samen (7)"]
    assert payload["total_minutes"] == LEAD_MINUTES + sum(own(n) for n in WORKERS)
    # She takes it back: her own row is gone again, and both choices are in the trail.
    as_worker(WORKERS[3])
    assert cli("delen", "teamleider", "uit").exit_code == 0
    listed = cli("delen")
    assert listed.output.count("delen met teamleider") == 2 and "uit" in listed.output
    as_worker(LEAD)
    names = [w["worker"] for w in report_json(cli, url)["workers"]]  # type: ignore[index, union-attr]
    assert names == [LEAD, "Overige medewerkers samen (8)"]
    with db.transaction() as connection:
        events = connection.execute(
            select(audit_event.c.action, audit_event.c.after, audit_event.c.at).where(
                audit_event.c.action == "consent"
            )
        ).all()
    assert [json.loads(e.after)["aan"] for e in events] == [True, False]
    assert all(e.at is not None for e in events)
    table = cli("--database", url, "report", "--team", "Team Noord", "--week", "2026-W42")
    assert "Overige medewerkers samen (8)" in table.output
    assert all(name not in table.output for name in WORKERS)


def test_a_workers_own_export_is_all_theirs(db: Database, tmp_path: Path) -> None:
    data = build_team_export(db, resolve_scope(db, WORKERS[6], None), OCTOBER, NOW)
    assert list(data.workers) == [WORKERS[6]]
    assert data.total.total_minutes == own(WORKERS[6])
