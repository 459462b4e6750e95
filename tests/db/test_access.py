"""Database roles and row-level security on a real, shared PostgreSQL (issue #8, item 3).

Every check connects as a login role made by `regeldruk db login`, never as the owner, and
tries to read or change what the role may and may not touch. Write attempts run in a
transaction that is rolled back, and the owner's view of the data is compared before and
after, so a check proves that nothing changed, not only that no error was raised.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, insert, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, OperationalError

from regeldruk.access import grant_sector_login, grant_worker_login, setup_roles
from regeldruk.approval import approve_week
from regeldruk.db.engine import Database, ensure_schema
from regeldruk.db.schema import share_consent
from regeldruk.organisation import ensure_organisation, ensure_team, ensure_worker
from regeldruk.taxonomy import DEFAULT_CATEGORIES
from regeldruk.timelog import TimeLog
from tests.conftest import PG_ADMIN_URL, CliRunnerHelper

pytestmark = pytest.mark.postgres

ACCESS_DB = "regeldruk_access_test"
# Login roles are cluster-wide: a prefix of their own keeps them apart from anything else.
LOGINS = {
    "Sanne": "rdt_sanne",
    "Sem": "rdt_sem",
    "Lotte": "rdt_lotte",
    "Piet": "rdt_piet",
    "Pim": "rdt_pim",
}
SECTOR_LOGIN = "rdt_sector"
PEOPLE = (  # name, team, role
    ("Sanne", "Team Noord", "medewerker"),
    ("Sem", "Team Noord", "medewerker"),
    ("Lotte", "Team Noord", "teamleider"),
    ("Piet", "Team Zuid", "medewerker"),
    ("Pim", "Team Zuid", "teamleider"),
)
# Week 2026-W41 of Sanne is approved by Lotte; W42 is open for everyone.
LOCKED_DAY, OPEN_DAY = "2026-10-06", "2026-10-13"


def url_for(login: str) -> str:
    return make_url(PG_ADMIN_URL).set(database=ACCESS_DB, username=login).render_as_string(False)


def drop_logins(admin: Engine) -> None:
    with admin.connect() as connection:
        for login in [*LOGINS.values(), SECTOR_LOGIN, "rdt_extra"]:
            connection.execute(text(f"DROP ROLE IF EXISTS {login}"))


@dataclass
class Shared:
    owner: Database
    ids: dict[str, int]  # worker name -> id, and "<name>_<locked|open>" -> entry id


@pytest.fixture(scope="module")
def shared(pg_server: str) -> Iterator[Shared]:
    """A fresh shared database: five people in two teams, each with entries and a login."""
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f"DROP DATABASE IF EXISTS {ACCESS_DB} WITH (FORCE)"))
        connection.execute(text(f"CREATE DATABASE {ACCESS_DB}"))
    drop_logins(admin)
    owner = Database(url_for(make_url(PG_ADMIN_URL).username or "postgres"))
    ensure_schema(owner.engine)
    ids: dict[str, int] = {}
    with owner.session() as session:
        organisation = ensure_organisation(session, "Jeugdhulp Test")
        for name, team_name, role in PEOPLE:
            team = ensure_team(session, organisation, team_name)
            ids[name] = ensure_worker(session, team, name, role).id
    for name, _, _ in PEOPLE:
        log = TimeLog(owner, name, DEFAULT_CATEGORIES)
        for label, day in (("locked", LOCKED_DAY), ("open", OPEN_DAY)):
            start = datetime.fromisoformat(f"{day}T09:00+02:00")
            end = datetime.fromisoformat(f"{day}T10:00+02:00")
            ids[f"{name}_{label}"] = log.add("rapportage", start, end).id
    approve_week(owner, "Lotte", "Sanne", 2026, 41)
    # Everyone shares with their team lead here (issue #18), written straight into the
    # consent table so the audit counts below stay those of the entries; what a lead sees
    # of workers who do not share is tested in test_consent_pg.py.
    with owner.engine.begin() as connection:
        connection.execute(
            insert(share_consent),
            [
                {"worker_id": ids[name], "audience": "teamleider", "shared": True,
                 "at": datetime.fromisoformat("2026-10-01T09:00+02:00")}
                for name in ("Sanne", "Sem", "Piet")
            ],
        )  # fmt: skip
    setup_roles(owner.engine)
    for name, login in LOGINS.items():
        grant_worker_login(owner.engine, login, name)
    grant_sector_login(owner.engine, SECTOR_LOGIN)
    yield Shared(owner, ids)
    owner.dispose()
    with admin.connect() as connection:
        connection.execute(text(f"DROP DATABASE IF EXISTS {ACCESS_DB} WITH (FORCE)"))
    drop_logins(admin)
    admin.dispose()


def snapshot(owner: Database) -> list[tuple[object, ...]]:
    """Everything a role could try to change, as the owner sees it."""
    with owner.engine.connect() as connection:
        rows: list[tuple[object, ...]] = []
        for table in ("time_entry", "audit_event", "week_approval", "worker", "team"):
            found = connection.execute(text(f"SELECT * FROM {table} ORDER BY id")).all()
            rows += [(table, *row) for row in found]
        return rows


def run_as(login: str, sql: str) -> tuple[str, int]:
    """Run ``sql`` as ``login`` and roll back: ("ok", rows seen or changed) or ("denied", 0)."""
    engine = create_engine(url_for(login))
    try:
        with engine.connect() as connection:
            try:
                result = connection.execute(text(sql))
                count = len(result.all()) if result.returns_rows else result.rowcount
                return "ok", count
            except DBAPIError as err:
                sqlstate = getattr(err.orig, "sqlstate", None)
                assert sqlstate == "42501", f"unexpected error for {login}: {err}"
                return "denied", 0
            finally:
                connection.rollback()
    finally:
        engine.dispose()


# (login, SQL with {name} = worker id and {name_locked|open} = entry id, outcome)
# outcome: ("ok", n) = allowed, n rows seen/changed; ("denied", 0) = refused by the server.
CHECKS: list[tuple[str, str, tuple[str, int]]] = [
    # A worker reads only their own rows ...
    ("Sanne", "SELECT * FROM time_entry", ("ok", 2)),
    ("Sanne", "SELECT * FROM time_entry WHERE worker_id = {Sem}", ("ok", 0)),
    ("Sanne", "SELECT * FROM time_entry WHERE worker_id = {Piet}", ("ok", 0)),
    ("Sanne", "SELECT * FROM worker", ("ok", 1)),
    ("Sanne", "SELECT * FROM team", ("ok", 1)),
    ("Sanne", "SELECT * FROM audit_event", ("ok", 2)),
    ("Sanne", "SELECT * FROM week_approval", ("ok", 1)),
    ("Sem", "SELECT * FROM week_approval", ("ok", 0)),
    # ... changes only their own, open entries ...
    ("Sanne", "UPDATE time_entry SET note = 'x' WHERE id = {Sanne_open}", ("ok", 1)),
    ("Sanne", "UPDATE time_entry SET note = 'x' WHERE id = {Sem_open}", ("ok", 0)),
    ("Sanne", "UPDATE time_entry SET note = 'x' WHERE id = {Piet_open}", ("ok", 0)),
    ("Sanne", "DELETE FROM time_entry WHERE id = {Sem_open}", ("ok", 0)),
    ("Sanne", "UPDATE time_entry SET worker_id = {Sem} WHERE id = {Sanne_open}",
     ("denied", 0)),
    ("Sanne", "INSERT INTO time_entry (worker_id, category_key, start_at, end_at, created_at,"
     " updated_at) VALUES ({Sem}, 'rapportage', '2026-10-20 08:00Z', '2026-10-20 09:00Z',"
     " now(), now())", ("denied", 0)),
    ("Sanne", "INSERT INTO time_entry (worker_id, category_key, start_at, end_at, created_at,"
     " updated_at) VALUES ({Sanne}, 'rapportage', '2026-10-20 08:00Z', '2026-10-20 09:00Z',"
     " now(), now())", ("ok", 1)),
    # ... and not in a week the team lead approved, even bypassing the app.
    ("Sanne", "UPDATE time_entry SET note = 'x' WHERE id = {Sanne_locked}", ("ok", 0)),
    ("Sanne", "DELETE FROM time_entry WHERE id = {Sanne_locked}", ("ok", 0)),
    ("Sanne", "UPDATE time_entry SET start_at = '2026-10-07 07:00Z', end_at = "
     "'2026-10-07 08:00Z' WHERE id = {Sanne_open}", ("denied", 0)),
    ("Sanne", "INSERT INTO time_entry (worker_id, category_key, start_at, end_at, created_at,"
     " updated_at) VALUES ({Sanne}, 'rapportage', '2026-10-08 08:00Z', '2026-10-08 09:00Z',"
     " now(), now())", ("denied", 0)),
    # A worker cannot approve, reassign, rename or forge.
    ("Sanne", "DELETE FROM week_approval", ("denied", 0)),
    ("Sanne", "INSERT INTO week_approval (worker_id, iso_year, iso_week, approved_by,"
     " approved_at) VALUES ({Sanne}, 2026, 42, {Sanne}, now())", ("denied", 0)),
    ("Sanne", "UPDATE worker SET role = 'teamleider' WHERE id = {Sanne}", ("denied", 0)),
    ("Sanne", "UPDATE worker SET db_login = 'rdt_sanne' WHERE id = {Sem}", ("denied", 0)),
    ("Sanne", "UPDATE category SET kind = 'client'", ("denied", 0)),
    ("Sanne", "INSERT INTO audit_event (at, actor_id, action) VALUES (now(), {Sem}, 'edit')",
     ("denied", 0)),
    ("Sanne", "DELETE FROM audit_event", ("denied", 0)),
    ("Sanne", "SELECT * FROM sector_cell", ("denied", 0)),
    ("Sanne", "SELECT * FROM sector_package", ("denied", 0)),
    # A team lead reads and changes their own team's rows, never another team's.
    ("Lotte", "SELECT * FROM time_entry", ("ok", 6)),
    ("Lotte", "SELECT * FROM time_entry WHERE worker_id = {Piet}", ("ok", 0)),
    ("Lotte", "SELECT * FROM worker", ("ok", 3)),
    ("Lotte", "SELECT * FROM team", ("ok", 1)),
    ("Lotte", "SELECT * FROM week_approval", ("ok", 1)),
    ("Lotte", "UPDATE time_entry SET note = 'x' WHERE id = {Sem_open}", ("ok", 1)),
    ("Lotte", "UPDATE time_entry SET note = 'x' WHERE id = {Piet_open}", ("ok", 0)),
    ("Lotte", "DELETE FROM time_entry WHERE id = {Piet_open}", ("ok", 0)),
    ("Lotte", "UPDATE time_entry SET note = 'x' WHERE id = {Sanne_locked}", ("ok", 0)),
    ("Lotte", "INSERT INTO week_approval (worker_id, iso_year, iso_week, approved_by,"
     " approved_at) VALUES ({Sem}, 2026, 42, {Lotte}, now())", ("ok", 1)),
    ("Lotte", "INSERT INTO week_approval (worker_id, iso_year, iso_week, approved_by,"
     " approved_at) VALUES ({Piet}, 2026, 42, {Lotte}, now())", ("denied", 0)),
    ("Lotte", "INSERT INTO week_approval (worker_id, iso_year, iso_week, approved_by,"
     " approved_at) VALUES ({Sem}, 2026, 43, {Sanne}, now())", ("denied", 0)),
    ("Lotte", "DELETE FROM week_approval WHERE worker_id = {Sanne}", ("ok", 1)),
    ("Pim", "SELECT * FROM time_entry", ("ok", 4)),
    ("Pim", "DELETE FROM week_approval", ("ok", 0)),
    ("Pim", "UPDATE time_entry SET note = 'x' WHERE id = {Sanne_open}", ("ok", 0)),
    ("Lotte", "SELECT * FROM sector_cell", ("denied", 0)),
    # The sector role sees the sector tables and nothing of the organisation.
    ("sector", "SELECT * FROM sector_package", ("ok", 0)),
    ("sector", "SELECT * FROM sector_cell", ("ok", 0)),
    ("sector", "SELECT * FROM time_entry", ("denied", 0)),
    ("sector", "SELECT * FROM worker", ("denied", 0)),
    ("sector", "SELECT * FROM team", ("denied", 0)),
    ("sector", "SELECT * FROM organisation", ("denied", 0)),
    ("sector", "SELECT * FROM audit_event", ("denied", 0)),
    ("sector", "SELECT * FROM week_approval", ("denied", 0)),
    ("sector", "UPDATE time_entry SET note = 'x'", ("denied", 0)),
    ("sector", "SELECT regeldruk_worker_id()", ("denied", 0)),
]  # fmt: skip


@pytest.mark.parametrize(("who", "sql", "expected"), CHECKS)
def test_access(shared: Shared, who: str, sql: str, expected: tuple[str, int]) -> None:
    login = SECTOR_LOGIN if who == "sector" else LOGINS[who]
    statement = sql.format_map({key: str(value) for key, value in shared.ids.items()})
    before = snapshot(shared.owner)
    assert run_as(login, statement) == expected
    assert snapshot(shared.owner) == before  # rolled back or refused: nothing changed


def test_a_revoked_login_cannot_connect(shared: Shared) -> None:
    from regeldruk.access import revoke_login

    grant_worker_login(shared.owner.engine, "rdt_extra", "Sem")
    assert run_as("rdt_extra", "SELECT * FROM time_entry") == ("ok", 2)
    revoke_login(shared.owner.engine, "rdt_extra")
    with pytest.raises(OperationalError, match="not permitted to log in"):
        run_as("rdt_extra", "SELECT 1")
    grant_worker_login(shared.owner.engine, LOGINS["Sem"], "Sem")  # Sem's own login again
    assert run_as(LOGINS["Sem"], "SELECT * FROM time_entry") == ("ok", 2)


# -- the application itself, run as each login ----------------------------------------


AsLogin = Callable[[str], CliRunnerHelper]


@pytest.fixture
def as_login(cli: CliRunnerHelper, home: Path, monkeypatch: pytest.MonkeyPatch) -> AsLogin:
    """``as_login(name)`` points the CLI's config at that person's own login."""
    configs: dict[str, Path] = {}

    def use(name: str) -> CliRunnerHelper:
        login = SECTOR_LOGIN if name == "sector" else LOGINS[name]
        path = configs.setdefault(name, home / f"{name}.toml")
        worker = "" if name == "sector" else f'worker = "{name}"\n'
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f'database = "{url_for(login)}"\n{worker}')
        monkeypatch.setenv("REGELDRUK_CONFIG", str(path))
        return cli

    return use


def test_the_app_works_within_each_role(shared: Shared, as_login: AsLogin, tmp_path: Path) -> None:
    sanne = as_login("Sanne")
    added = sanne("log", "add", "declaratie", "--from", "11:00", "--to", "11:30", "--date",
                  OPEN_DAY)  # fmt: skip
    assert added.exit_code == 0, added.output
    listed = sanne("log", "list", "--from", "2026-10-01", "--to", "2026-10-31")
    assert listed.output.count("rapportage") == 2 and "declaratie" in listed.output
    locked = sanne("log", "add", "declaratie", "--from", "11:00", "--to", "11:30", "--date",
                   LOCKED_DAY)  # fmt: skip
    assert locked.exit_code == 1 and "vergrendeld" in locked.output
    not_hers = sanne("--database", url_for(LOGINS["Sanne"]), "week", "approve", "Sem",
                     "--week", "2026-W42")  # fmt: skip
    assert not_hers.exit_code == 1 and "Traceback" not in not_hers.output

    lotte = as_login("Lotte")
    team = lotte("report", "--team", "Team Noord", "--from", "2026-10-01", "--to", "2026-10-31",
                 "--json")  # fmt: skip
    assert team.exit_code == 0, team.output
    assert sorted(w["worker"] for w in json.loads(team.output)["workers"]) == [
        "Lotte", "Sanne", "Sem"]  # fmt: skip
    other_team = lotte("report", "--team", "Team Zuid", "--week", "2026-W41")
    assert other_team.exit_code == 1 and "Onbekend team" in other_team.output
    approved = lotte("week", "approve", "Sem", "--week", "2026-W42")
    assert approved.exit_code == 0, approved.output
    workbook = tmp_path / "team.xlsx"
    exported = lotte("export", "xlsx", "-o", str(workbook), "--from", "2026-10-01", "--to",
                     "2026-10-31")  # fmt: skip
    assert exported.exit_code == 0, exported.output
    reopened = lotte("week", "reopen", "Sem", "--week", "2026-W42")
    assert reopened.exit_code == 0, reopened.output

    sector = as_login("sector")
    refused = sector("log", "list")
    assert refused.exit_code == 1
    assert refused.output.startswith("Fout: ") and "Traceback" not in refused.output
    report = sector("sector", "report", "-o", str(tmp_path / "sector.md"))
    assert report.exit_code == 0, report.output
    with shared.owner.engine.begin() as connection:  # leave the module's data as it was
        added_ids = "SELECT id FROM time_entry WHERE category_key = 'declaratie'"
        connection.execute(text(f"DELETE FROM audit_event WHERE entry_id IN ({added_ids})"))
        connection.execute(text("DELETE FROM time_entry WHERE category_key = 'declaratie'"))


def test_roles_need_postgresql(cli: CliRunnerHelper, tmp_path: Path) -> None:
    result = cli("--database", f"sqlite:///{tmp_path / 'x.sqlite'}", "db", "roles")
    assert result.exit_code == 1
    assert "alleen op PostgreSQL" in result.output


def test_bad_login_names_are_refused(shared: Shared, cli: CliRunnerHelper) -> None:
    owner_url = shared.owner.url
    for bad in ("Sanne", "x; DROP TABLE worker", "pg_sanne", "regeldruk_sector", "9lives"):
        result = cli("--database", owner_url, "db", "login", bad, "--worker", "Sanne")
        assert result.exit_code == 1 and "Ongeldige loginnaam" in result.output


def test_password_with_quotes_is_stored(shared: Shared, cli: CliRunnerHelper) -> None:
    owner_url = shared.owner.url
    secret = "o'Neil 100%"
    result = cli("--database", owner_url, "db", "login", "rdt_extra", "--worker", "Sem",
                 "--password", input=f"{secret}\n{secret}\n")  # fmt: skip
    assert result.exit_code == 0, result.output
    with shared.owner.engine.connect() as connection:
        stored = connection.execute(
            text("SELECT rolpassword FROM pg_authid WHERE rolname = 'rdt_extra'")
        ).scalar()
    assert stored is not None and stored.startswith("SCRAM-SHA-256$")
    listed = cli("--database", owner_url, "db", "logins").output
    assert "rdt_extra" in listed and "Sem" in listed and "rdt_sem" not in listed
    grant_worker_login(shared.owner.engine, LOGINS["Sem"], "Sem")


def test_server_admin_roles_are_never_touched(shared: Shared, cli: CliRunnerHelper) -> None:
    owner_url = shared.owner.url
    admin = make_url(PG_ADMIN_URL).username or "postgres"
    for args in (("login", admin, "--worker", "Sanne"), ("login", admin, "--sector"),
                 ("revoke", admin)):  # fmt: skip
        result = cli("--database", owner_url, "db", *args)
        assert result.exit_code == 1 and "beheerrol" in result.output, result.output
    with shared.owner.engine.connect() as connection:
        still = connection.execute(
            text("SELECT rolcanlogin, rolsuper FROM pg_roles WHERE rolname = :n"), {"n": admin}
        ).one()
        tied = connection.execute(text("SELECT count(*) FROM worker WHERE db_login = :n"),
                                  {"n": admin}).scalar()  # fmt: skip
    assert tuple(still) == (True, True) and tied == 0


def test_a_login_belongs_to_one_worker(shared: Shared, cli: CliRunnerHelper) -> None:
    owner_url = shared.owner.url
    sanne = LOGINS["Sanne"]
    for args in (("--worker", "Sem"), ("--sector",)):
        result = cli("--database", owner_url, "db", "login", sanne, *args)
        assert result.exit_code == 1 and "hoort al bij 'Sanne'" in result.output
    again = cli("--database", owner_url, "db", "login", sanne, "--worker", "Sanne")
    assert again.exit_code == 0, again.output
    assert run_as(sanne, "SELECT * FROM worker") == ("ok", 1)
