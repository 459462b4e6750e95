"""Consent enforced by PostgreSQL itself (issue #18): connected as the team lead's own login,
with plain SQL past the app, a worker who did not say yes stays out of sight; only the
combined group of at least five comes through, from the database's own function."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from regeldruk.access import grant_worker_login, setup_roles
from regeldruk.consent import set_sharing
from regeldruk.db.engine import Database, ensure_schema
from regeldruk.db.schema import worker
from regeldruk.measurement import Week, plan
from regeldruk.survey import Answer, save
from regeldruk.taxonomy import DEFAULT_CATEGORIES
from tests.conftest import PG_ADMIN_URL, CliRunnerHelper
from tests.consent_world import CLIENT_MINUTES, LEAD, REPORT_MINUTES, WORKERS, build_team

pytestmark = pytest.mark.postgres

CONSENT_DB = "regeldruk_consent_test"
LEAD_LOGIN = "rdc_leida"
WORKER_LOGIN = "rdc_m1"
SHARING = WORKERS[:2]  # Medewerker1 and 2 say yes; 3..8 do not (six: a group of 5+)


def url_for(login: str) -> str:
    return make_url(PG_ADMIN_URL).set(database=CONSENT_DB, username=login).render_as_string(False)


@pytest.fixture(scope="module")
def owner(pg_server: str) -> Iterator[Database]:
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f"DROP DATABASE IF EXISTS {CONSENT_DB} WITH (FORCE)"))
        connection.execute(text(f"CREATE DATABASE {CONSENT_DB}"))
        for login in (LEAD_LOGIN, WORKER_LOGIN):
            connection.execute(text(f"DROP ROLE IF EXISTS {login}"))
    db = Database(url_for(make_url(PG_ADMIN_URL).username or "postgres"))
    ensure_schema(db.engine)
    build_team(db)
    for name in SHARING:
        set_sharing(db, name, True)
    plan(db, "Team Noord", 2026, weeks=[Week(2026, 42)])
    for name in WORKERS:
        save(
            db, name, Answer(Week(2026, 42), 4, "verlenging", "geheim-woord", 3), DEFAULT_CATEGORIES
        )
    setup_roles(db.engine)
    grant_worker_login(db.engine, LEAD_LOGIN, LEAD)
    grant_worker_login(db.engine, WORKER_LOGIN, WORKERS[0])
    yield db
    db.dispose()
    with admin.connect() as connection:
        connection.execute(text(f"DROP DATABASE IF EXISTS {CONSENT_DB} WITH (FORCE)"))
        for login in (LEAD_LOGIN, WORKER_LOGIN):
            connection.execute(text(f"DROP ROLE IF EXISTS {login}"))
    admin.dispose()


def ids(owner: Database) -> dict[str, int]:
    with owner.transaction() as connection:
        return {name: int(i) for name, i in connection.execute(select(worker.c.name, worker.c.id))}


def as_login(login: str, sql: str, **params: object) -> list[tuple[object, ...]] | str:
    """Rows, or "denied" when the server refuses (SQLSTATE 42501); always rolled back."""
    engine = create_engine(url_for(login))
    try:
        with engine.connect() as connection:
            try:
                return [tuple(r) for r in connection.execute(text(sql), params).all()]
            except DBAPIError as err:
                assert getattr(err.orig, "sqlstate", None) == "42501", err
                return "denied"
            finally:
                connection.rollback()
    finally:
        engine.dispose()


def test_plain_sql_as_the_lead_sees_no_non_consenting_entries(owner: Database) -> None:
    who = ids(owner)
    rows = as_login(LEAD_LOGIN, "SELECT DISTINCT worker_id FROM time_entry")
    assert sorted(r[0] for r in rows) == sorted(who[n] for n in [LEAD, *SHARING])  # type: ignore[union-attr]
    for name in WORKERS[2:]:
        assert as_login(LEAD_LOGIN, f"SELECT * FROM time_entry WHERE worker_id = {who[name]}") == []
        assert as_login(LEAD_LOGIN, f"SELECT * FROM audit_event WHERE actor_id = {who[name]}") == []
        change = f"UPDATE time_entry SET note = 'x' WHERE worker_id = {who[name]} RETURNING id"
        assert as_login(LEAD_LOGIN, change) == []
    # Nobody reads another's peiling row by row, the lead included.
    assert as_login(LEAD_LOGIN, "SELECT count(*) FROM burden_survey") == [(0,)]
    texts = "SELECT rule_text FROM burden_survey WHERE rule_text IS NOT NULL"
    assert as_login(LEAD_LOGIN, texts) == []


def test_the_pool_function_gives_only_a_group_of_five_or_more(owner: Database) -> None:
    sql = (
        "SELECT sum(minutes), max(workers) FROM regeldruk_team_pool("
        "'2026-10-01T00:00+02:00', '2026-11-01T00:00+01:00', '2026-11-05T12:00+01:00', "
        "'Europe/Amsterdam')"
    )
    pooled = sum(CLIENT_MINUTES[n] + REPORT_MINUTES[n] for n in WORKERS[2:])
    assert as_login(LEAD_LOGIN, sql) == [(pooled, 6)]
    # A worker may not call it at all.
    assert as_login(WORKER_LOGIN, sql) == "denied"
    # Two more say yes: four remain, under five, and the function returns nothing.
    set_sharing(owner, WORKERS[2], True)
    set_sharing(owner, WORKERS[3], True)
    try:
        assert as_login(LEAD_LOGIN, sql) == [(None, None)]
    finally:
        set_sharing(owner, WORKERS[2], False)
        set_sharing(owner, WORKERS[3], False)


def test_consent_cannot_be_forged_or_rewritten(owner: Database) -> None:
    who = ids(owner)
    forged = (
        f"INSERT INTO share_consent (worker_id, audience, shared, at) VALUES "
        f"({who[WORKERS[5]]}, 'teamleider', true, now()) RETURNING id"
    )
    assert as_login(LEAD_LOGIN, forged) == "denied"  # a lead cannot say yes for a worker
    assert as_login(WORKER_LOGIN, forged) == "denied"  # nor a colleague
    assert as_login(WORKER_LOGIN, "DELETE FROM share_consent") == "denied"  # history stays
    assert as_login(WORKER_LOGIN, "UPDATE share_consent SET shared = false") == "denied"
    own = as_login(WORKER_LOGIN, "SELECT worker_id FROM share_consent")
    assert own == [(who[WORKERS[0]],)]


def lead_cli(cli: CliRunnerHelper, home: Path, monkeypatch: pytest.MonkeyPatch) -> CliRunnerHelper:
    config = home / "lead.toml"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(f'database = "{url_for(LEAD_LOGIN)}"\nworker = "{LEAD}"\n')
    monkeypatch.setenv("REGELDRUK_CONFIG", str(config))
    return cli


def test_report_and_export_as_the_leads_login(
    owner: Database,
    cli: CliRunnerHelper,
    home: Path,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    lead = lead_cli(cli, home, monkeypatch)
    result = lead("report", "--team", "Team Noord", "--from", "2026-10-01", "--to", "2026-10-31",
                  "--json")  # fmt: skip
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    assert [w["worker"] for w in payload["workers"]] == [
        LEAD, *SHARING, "Overige medewerkers samen (6)"]  # fmt: skip
    everyone = 90 + sum(CLIENT_MINUTES[n] + REPORT_MINUTES[n] for n in WORKERS)
    assert payload["total_minutes"] == everyone
    # The same figures as the owner's path (SQL over the entries, the same rule) gives.
    owner_config = home / "owner.toml"
    owner_config.write_text(f'worker = "{LEAD}"\n')
    monkeypatch.setenv("REGELDRUK_CONFIG", str(owner_config))
    as_owner = cli("--database", owner.url, "report", "--team", "Team Noord", "--from",
                   "2026-10-01", "--to", "2026-10-31", "--json")  # fmt: skip
    owner_payload = json.loads(as_owner.output)
    assert owner_payload["workers"] == payload["workers"]
    assert owner_payload["days"] == payload["days"]
    # The peiling reaches the lead only as the group's counts (eight answers).
    assert owner_payload["survey"]["respondents"] == 8
    lead = lead_cli(cli, home, monkeypatch)
    target = tmp_path / "team.xlsx"
    exported = lead("export", "xlsx", "-o", str(target), "--from", "2026-10-01", "--to",
                    "2026-10-31")  # fmt: skip
    assert exported.exit_code == 0, exported.output
    book = load_workbook(target)
    text_ = " ".join(
        str(v)
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
        for v in row
    )
    for name in WORKERS[2:]:
        assert name not in text_
    assert "geheim-woord" not in text_
    assert "Overige medewerkers samen (6)" in text_
