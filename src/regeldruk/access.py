"""Who may see what on a shared PostgreSQL: database roles and row-level security.

Three group roles carry the rights; every person gets their own login role in one of them:

- ``regeldruk_medewerker``: reads and changes only their own entries, audit events and
  approvals, and sees only their own worker row and team;
- ``regeldruk_teamleider``: the same for every worker of their own team, and approves weeks;
- ``regeldruk_sector``: only the sector tables (anonymised packages and their cells), plus
  the public municipality list the import checks areas against.

A login is tied to a worker by ``worker.db_login``. The policies find "me" through two
SECURITY DEFINER functions that look up the connection's login role (``session_user``), so
the worker table's own policy does not recurse. The database owner, who runs
``regeldruk db roles``, is not bound by the policies and does the administration.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple
from zoneinfo import ZoneInfo

from sqlalchemy import Connection, Engine, select, text, update

from regeldruk.db.schema import worker
from regeldruk.errors import NotFoundError, RegeldrukError, quote

WORKER_GROUP = "regeldruk_medewerker"
LEAD_GROUP = "regeldruk_teamleider"
SECTOR_GROUP = "regeldruk_sector"
GROUPS = (WORKER_GROUP, LEAD_GROUP, SECTOR_GROUP)
# The app role of a worker decides the group of their login.
GROUP_OF_ROLE = {"medewerker": WORKER_GROUP, "teamleider": LEAD_GROUP}

# PostgreSQL folds unquoted names to lower case; keeping logins to this set means a login
# is typed the same in a connection URL, in psql and here.
LOGIN_PATTERN = re.compile(r"[a-z_][a-z0-9_]{0,62}")

_FUNCTIONS = """
CREATE OR REPLACE FUNCTION regeldruk_worker_id() RETURNS integer
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = {schema}, pg_temp
    AS $$ SELECT id FROM worker WHERE db_login = session_user $$;
CREATE OR REPLACE FUNCTION regeldruk_team_id() RETURNS integer
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = {schema}, pg_temp
    AS $$ SELECT team_id FROM worker WHERE db_login = session_user $$;
REVOKE ALL ON FUNCTION regeldruk_worker_id(), regeldruk_team_id() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION regeldruk_worker_id(), regeldruk_team_id()
    TO regeldruk_medewerker, regeldruk_teamleider;
"""

_LOCK_FUNCTION = """
CREATE OR REPLACE FUNCTION regeldruk_week_locked(w integer, s timestamptz, e timestamptz)
    RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = {schema}, pg_temp
    AS $$ SELECT EXISTS (SELECT 1 FROM week_approval a WHERE a.worker_id = w
        AND a.iso_year * 100 + a.iso_week BETWEEN
            to_char(s AT TIME ZONE {tz}, 'IYYYIW')::integer
        AND to_char(COALESCE(e - interval '1 minute', s) AT TIME ZONE {tz}, 'IYYYIW')::integer)
    $$;
REVOKE ALL ON FUNCTION regeldruk_week_locked(integer, timestamptz, timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION regeldruk_week_locked(integer, timestamptz, timestamptz)
    TO regeldruk_medewerker, regeldruk_teamleider;
"""


class Policy(NamedTuple):
    table: str
    name: str
    command: str
    roles: str
    using: str | None
    check: str | None
    restrictive: bool = False

    def sql(self) -> str:
        kind = " AS RESTRICTIVE" if self.restrictive else ""
        text = f"CREATE POLICY {self.name} ON {self.table}{kind} FOR {self.command} TO {self.roles}"
        if self.using:
            text += f" USING ({self.using})"
        if self.check:
            text += f" WITH CHECK ({self.check})"
        return text


_TEAM_WORKERS = "(SELECT id FROM worker WHERE team_id = regeldruk_team_id())"
_BOTH = f"{WORKER_GROUP}, {LEAD_GROUP}"
_OLD_UNLOCKED = "NOT regeldruk_week_locked(worker_id, start_at, end_at)"

_POLICIES = (
    Policy("team", "rd_team_own", "SELECT", _BOTH, "id = regeldruk_team_id()", None),
    Policy("worker", "rd_worker_self", "SELECT", WORKER_GROUP, "id = regeldruk_worker_id()", None),
    Policy("worker", "rd_worker_team", "SELECT", LEAD_GROUP, "team_id = regeldruk_team_id()", None),
    Policy("time_entry", "rd_entry_self", "ALL", WORKER_GROUP,
           "worker_id = regeldruk_worker_id()", "worker_id = regeldruk_worker_id()"),
    Policy("time_entry", "rd_entry_team", "ALL", LEAD_GROUP,
           f"worker_id IN {_TEAM_WORKERS}", f"worker_id IN {_TEAM_WORKERS}"),
    # An approved week is locked in the database too, not only in the app: restrictive
    # policies hold on top of the ones above, for inserts, updates and deletes.
    Policy("time_entry", "rd_entry_unlocked_insert", "INSERT", _BOTH, None, _OLD_UNLOCKED, True),
    Policy("time_entry", "rd_entry_unlocked_update", "UPDATE", _BOTH,
           _OLD_UNLOCKED, _OLD_UNLOCKED, True),
    Policy("time_entry", "rd_entry_unlocked_delete", "DELETE", _BOTH, _OLD_UNLOCKED, None, True),
    Policy("audit_event", "rd_audit_self", "ALL", WORKER_GROUP,
           "actor_id = regeldruk_worker_id()", "actor_id = regeldruk_worker_id()"),
    Policy("audit_event", "rd_audit_team", "ALL", LEAD_GROUP,
           f"actor_id IN {_TEAM_WORKERS}", "actor_id = regeldruk_worker_id()"),
    Policy("week_approval", "rd_week_self", "SELECT", WORKER_GROUP,
           "worker_id = regeldruk_worker_id()", None),
    Policy("week_approval", "rd_week_team", "ALL", LEAD_GROUP,
           f"worker_id IN {_TEAM_WORKERS}",
           f"worker_id IN {_TEAM_WORKERS} AND approved_by = regeldruk_worker_id()"),
)  # fmt: skip

_GRANTS = f"""
GRANT SELECT ON alembic_version TO {WORKER_GROUP}, {LEAD_GROUP}, {SECTOR_GROUP};
GRANT SELECT ON organisation, team, worker, municipality, category
    TO {WORKER_GROUP}, {LEAD_GROUP};
GRANT SELECT, INSERT, UPDATE, DELETE ON time_entry TO {WORKER_GROUP}, {LEAD_GROUP};
GRANT SELECT, INSERT, UPDATE ON audit_event TO {WORKER_GROUP}, {LEAD_GROUP};
GRANT USAGE ON SEQUENCE time_entry_id_seq, audit_event_id_seq TO {WORKER_GROUP}, {LEAD_GROUP};
GRANT SELECT ON week_approval TO {WORKER_GROUP};
GRANT SELECT, INSERT, UPDATE, DELETE ON week_approval TO {LEAD_GROUP};
GRANT USAGE ON SEQUENCE week_approval_id_seq TO {LEAD_GROUP};
GRANT SELECT, INSERT, UPDATE, DELETE ON sector_package, sector_cell, sector_setting,
    sector_member TO {SECTOR_GROUP};
GRANT SELECT ON municipality TO {SECTOR_GROUP};
GRANT USAGE ON SEQUENCE sector_package_id_seq TO {SECTOR_GROUP};
"""

_RLS_TABLES = ("team", "worker", "time_entry", "audit_event", "week_approval")


# -- consent, not control (issue #18) --------------------------------------------------------
# Kept apart from the policies above: restrictive policies narrow what a team lead's login
# reads to their own rows and those of workers who said yes (`regeldruk delen teamleider
# aan`); the rest of the team reaches the lead only combined, through regeldruk_team_pool,
# which returns nothing when fewer than MIN_GROUP of them logged time in the period.

_CONSENT_FUNCTIONS = """
CREATE OR REPLACE FUNCTION regeldruk_shares_with_lead(w integer) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = {schema}, pg_temp
    AS $$ SELECT COALESCE((SELECT shared FROM share_consent WHERE worker_id = w
        AND audience = 'teamleider' ORDER BY id DESC LIMIT 1), false) $$;
CREATE OR REPLACE FUNCTION regeldruk_team_pool(
        p_from timestamptz, p_to timestamptz, p_now timestamptz, p_tz text)
    RETURNS TABLE(day date, category_key varchar, municipality_code varchar,
                  form_id varchar, minutes bigint, entries bigint, workers bigint)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = {schema}, pg_temp
    AS $$
    WITH pool AS (
        SELECT e.worker_id, e.category_key, e.municipality_code, e.form_id,
               CAST(EXTRACT(EPOCH FROM e.start_at) AS bigint) / 60 AS s,
               CAST(EXTRACT(EPOCH FROM COALESCE(e.end_at, date_trunc('minute', p_now)))
                    AS bigint) / 60 AS f
        FROM time_entry e JOIN worker w ON w.id = e.worker_id
        WHERE w.team_id = regeldruk_team_id()
          AND w.id IS DISTINCT FROM regeldruk_worker_id()
          AND NOT regeldruk_shares_with_lead(w.id)
          AND e.deleted_at IS NULL AND e.start_at < p_to
          AND (e.end_at IS NULL OR e.end_at > p_from)),
    days AS (
        SELECT d::date AS day, row_number() OVER (ORDER BY d) - 1 AS n,
               CAST(EXTRACT(EPOCH FROM (d AT TIME ZONE p_tz)) AS bigint) / 60 AS lo,
               CAST(EXTRACT(EPOCH FROM ((d + interval '1 day') AT TIME ZONE p_tz))
                    AS bigint) / 60 AS hi
        FROM generate_series(CAST((p_from AT TIME ZONE p_tz)::date AS timestamp),
                             CAST(((p_to - interval '1 minute') AT TIME ZONE p_tz)::date
                                  AS timestamp),
                             interval '1 day') AS d),
    parts AS (
        SELECT days.day, pool.worker_id, pool.category_key, pool.municipality_code,
               pool.form_id, LEAST(pool.f, days.hi) - GREATEST(pool.s, days.lo) AS m,
               CASE WHEN pool.s >= days.lo OR days.n = 0 THEN 1 ELSE 0 END AS counted
        FROM pool JOIN days ON pool.s < days.hi AND pool.f > days.lo),
    n AS (SELECT COUNT(DISTINCT worker_id) AS workers FROM parts)
    SELECT parts.day, parts.category_key, parts.municipality_code, parts.form_id,
           SUM(parts.m)::bigint, SUM(parts.counted)::bigint, MIN(n.workers)
    FROM parts CROSS JOIN n
    WHERE n.workers >= {min_group}
    GROUP BY parts.day, parts.category_key, parts.municipality_code, parts.form_id
    $$;
REVOKE ALL ON FUNCTION regeldruk_shares_with_lead(integer) FROM PUBLIC;
REVOKE ALL ON FUNCTION regeldruk_team_pool(timestamptz, timestamptz, timestamptz, text)
    FROM PUBLIC;
GRANT EXECUTE ON FUNCTION regeldruk_shares_with_lead(integer)
    TO regeldruk_medewerker, regeldruk_teamleider;
GRANT EXECUTE ON FUNCTION regeldruk_team_pool(timestamptz, timestamptz, timestamptz, text)
    TO regeldruk_teamleider;
"""

_CONSENTED = "regeldruk_shares_with_lead({column})"
_CONSENT_POLICIES = (
    # Restrictive: on top of rd_entry_team / rd_audit_team, whatever those allow.
    Policy("time_entry", "rd_entry_lead_consent", "ALL", LEAD_GROUP,
           "worker_id = regeldruk_worker_id() OR " + _CONSENTED.format(column="worker_id"),
           "worker_id = regeldruk_worker_id() OR " + _CONSENTED.format(column="worker_id"),
           True),
    Policy("audit_event", "rd_audit_lead_consent", "ALL", LEAD_GROUP,
           "actor_id = regeldruk_worker_id() OR " + _CONSENTED.format(column="actor_id"),
           "actor_id = regeldruk_worker_id()", True),
    # Consent itself: one's own history (append-only: no UPDATE or DELETE is granted);
    # a lead sees who in the team said yes, which is what the yes is for.
    Policy("share_consent", "rd_consent_self", "ALL", _BOTH,
           "worker_id = regeldruk_worker_id()", "worker_id = regeldruk_worker_id()"),
    Policy("share_consent", "rd_consent_team", "SELECT", LEAD_GROUP,
           f"worker_id IN {_TEAM_WORKERS}", None),
    Policy("measurement_week", "rd_meetweek_team", "SELECT", _BOTH,
           "team_id = regeldruk_team_id()", None),
    Policy("measurement_week", "rd_meetweek_lead", "ALL", LEAD_GROUP,
           "team_id = regeldruk_team_id()", "team_id = regeldruk_team_id()"),
    # Survey answers are one's own; nobody else reads them row by row.
    Policy("burden_survey", "rd_survey_self", "ALL", _BOTH,
           "worker_id = regeldruk_worker_id()", "worker_id = regeldruk_worker_id()"),
)  # fmt: skip

_CONSENT_GRANTS = f"""
GRANT SELECT, INSERT ON share_consent TO {WORKER_GROUP}, {LEAD_GROUP};
GRANT USAGE ON SEQUENCE share_consent_id_seq TO {WORKER_GROUP}, {LEAD_GROUP};
GRANT SELECT ON measurement_week TO {WORKER_GROUP}, {LEAD_GROUP};
GRANT INSERT, DELETE ON measurement_week TO {LEAD_GROUP};
GRANT USAGE ON SEQUENCE measurement_week_id_seq TO {LEAD_GROUP};
GRANT SELECT, INSERT, UPDATE ON burden_survey TO {WORKER_GROUP}, {LEAD_GROUP};
GRANT USAGE ON SEQUENCE burden_survey_id_seq TO {WORKER_GROUP}, {LEAD_GROUP};
"""

_CONSENT_RLS_TABLES = ("share_consent", "measurement_week", "burden_survey")


def setup_consent(connection: Connection, quoted_schema: str) -> None:
    """The consent functions, policies and grants (issue #18); part of ``db roles``."""
    from regeldruk.consent import MIN_GROUP

    connection.exec_driver_sql(
        _CONSENT_FUNCTIONS.format(schema=quoted_schema, min_group=int(MIN_GROUP))
    )
    for table in _CONSENT_RLS_TABLES:
        connection.exec_driver_sql(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
    for policy in _CONSENT_POLICIES:
        connection.exec_driver_sql(f"DROP POLICY IF EXISTS {policy.name} ON {policy.table}")
        connection.exec_driver_sql(policy.sql())
    connection.exec_driver_sql(_CONSENT_GRANTS)


@dataclass(frozen=True)
class Login:
    login: str
    group: str
    worker: str | None  # None for a sector login


def require_postgresql(engine: Engine) -> None:
    if engine.dialect.name != "postgresql":
        raise RegeldrukError(
            "Databaserollen en rijbeveiliging bestaan alleen op PostgreSQL; "
            "een SQLite-bestand is van één persoon. Kies een PostgreSQL-database met --database."
        )


def check_login_name(login: str) -> str:
    if not LOGIN_PATTERN.fullmatch(login) or login.startswith(("pg_", "regeldruk_")):
        raise RegeldrukError(
            f"Ongeldige loginnaam {quote(login)}: gebruik kleine letters, cijfers en _ "
            "(hoogstens 63 tekens, niet beginnend met een cijfer, 'pg_' of 'regeldruk_')."
        )
    return login


def setup_roles(engine: Engine, tz: str = "Europe/Amsterdam") -> int:
    """Create the group roles, policies and grants (idempotent); returns the logins synced.

    ``tz`` is the organisation's time zone: it decides which ISO week an entry falls in.
    """
    require_postgresql(engine)
    ZoneInfo(tz)  # config loading validated it; this keeps the literal below safe
    tz_literal = "'" + tz.replace("'", "''") + "'"
    with engine.begin() as connection:
        _create_groups(connection)
        schema = connection.execute(text("SELECT current_schema()")).scalar_one()
        connection.exec_driver_sql(
            f"GRANT USAGE ON SCHEMA {_ident(connection, schema)} TO {', '.join(GROUPS)}"
        )
        quoted_schema = _ident(connection, schema)
        connection.exec_driver_sql(_FUNCTIONS.format(schema=quoted_schema))
        connection.exec_driver_sql(_LOCK_FUNCTION.format(schema=quoted_schema, tz=tz_literal))
        for table in _RLS_TABLES:
            connection.exec_driver_sql(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        for policy in _POLICIES:
            connection.exec_driver_sql(f"DROP POLICY IF EXISTS {policy.name} ON {policy.table}")
            connection.exec_driver_sql(policy.sql())
        connection.exec_driver_sql(_GRANTS)
        setup_consent(connection, quoted_schema)
        # A worker whose app role changed since their login was made moves group here.
        rows = connection.execute(
            select(worker.c.db_login, worker.c.role).where(worker.c.db_login.is_not(None))
        ).all()
        for login, role in rows:
            _set_group(connection, login, GROUP_OF_ROLE.get(role))
    return len(rows)


def grant_worker_login(
    engine: Engine, login: str, worker_name: str, password: str | None = None
) -> Login:
    """Create (or update) the login role of a worker and put it in their role's group."""
    require_postgresql(engine)
    check_login_name(login)
    with engine.begin() as connection:
        _require_groups(connection)
        row = connection.execute(
            select(worker.c.id, worker.c.role, worker.c.db_login).where(
                worker.c.name == worker_name
            )
        ).first()
        if row is None:
            raise NotFoundError(f"Medewerker {quote(worker_name)} staat niet in deze database.")
        group = GROUP_OF_ROLE.get(row.role)
        if group is None:
            raise RegeldrukError(
                f"{quote(worker_name)} is beheerder: beheer gebeurt met de eigenaarsrol "
                "van de database, niet met een eigen login."
            )
        _refuse_taken_login(connection, login, row.id)
        if row.db_login and row.db_login != login:
            _set_group(connection, row.db_login, None)
        _ensure_login(connection, login, password)
        _set_group(connection, login, group)
        connection.execute(update(worker).where(worker.c.id == row.id).values(db_login=login))
    return Login(login, group, worker_name)


def grant_sector_login(engine: Engine, login: str, password: str | None = None) -> Login:
    """Create (or update) a login that reads and loads only the sector tables."""
    require_postgresql(engine)
    check_login_name(login)
    with engine.begin() as connection:
        _require_groups(connection)
        _refuse_taken_login(connection, login)
        _ensure_login(connection, login, password)
        _set_group(connection, login, SECTOR_GROUP)
    return Login(login, SECTOR_GROUP, None)


def revoke_login(engine: Engine, login: str) -> None:
    """Take a login out of every regeldruk group, disable it and untie it from its worker."""
    require_postgresql(engine)
    check_login_name(login)
    with engine.begin() as connection:
        if not _role_exists(connection, login):
            raise NotFoundError(f"Er is geen databaselogin {quote(login)}.")
        _refuse_powerful_role(connection, login)
        _set_group(connection, login, None)
        connection.exec_driver_sql(f"ALTER ROLE {_ident(connection, login)} NOLOGIN")
        connection.execute(update(worker).where(worker.c.db_login == login).values(db_login=None))


def list_logins(engine: Engine) -> list[Login]:
    """Every login role in a regeldruk group, with the worker it belongs to."""
    require_postgresql(engine)
    with engine.connect() as connection:
        members = connection.execute(
            text(
                "SELECT m.rolname AS login, g.rolname AS grp FROM pg_auth_members a "
                "JOIN pg_roles g ON g.oid = a.roleid JOIN pg_roles m ON m.oid = a.member "
                "WHERE g.rolname = ANY(:groups) ORDER BY g.rolname, m.rolname"
            ),
            {"groups": list(GROUPS)},
        ).all()
        workers = dict(
            connection.execute(
                select(worker.c.db_login, worker.c.name).where(worker.c.db_login.is_not(None))
            ).all()
        )
    return [Login(login, group, workers.get(login)) for login, group in members]


# -- helpers ----------------------------------------------------------------------------


def _ident(connection: Connection, name: str) -> str:
    return connection.dialect.identifier_preparer.quote_identifier(name)


def _role_exists(connection: Connection, name: str) -> bool:
    found = connection.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": name})
    return found.first() is not None


def _create_groups(connection: Connection) -> None:
    for group in GROUPS:
        if not _role_exists(connection, group):
            connection.exec_driver_sql(f"CREATE ROLE {group} NOLOGIN")


def _require_groups(connection: Connection) -> None:
    if not all(_role_exists(connection, group) for group in GROUPS):
        raise RegeldrukError("De databaserollen ontbreken. Voer eerst 'regeldruk db roles' uit.")


def _refuse_taken_login(connection: Connection, login: str, worker_id: int = 0) -> None:
    """A login belongs to one worker at most (``worker_id``: that worker may keep it)."""
    owner = connection.execute(
        select(worker.c.name).where(worker.c.db_login == login, worker.c.id != worker_id)
    ).scalar()
    if owner is not None:
        raise RegeldrukError(f"De login {quote(login)} hoort al bij {quote(owner)}.")


def _refuse_powerful_role(connection: Connection, login: str) -> None:
    """Never touch a role that administers the server (`db login postgres` would otherwise
    reset the superuser's password, `db revoke postgres` lock it out)."""
    row = connection.execute(
        text(
            "SELECT rolsuper OR rolcreaterole OR rolcreatedb OR rolbypassrls OR rolreplication"
            " OR rolname = current_user FROM pg_roles WHERE rolname = :n"
        ),
        {"n": login},
    ).scalar()
    if row:
        raise RegeldrukError(
            f"{quote(login)} is een beheerrol van de databaseserver, geen regeldruk-login; "
            "kies een andere naam."
        )


def _ensure_login(connection: Connection, login: str, password: str | None) -> None:
    _refuse_powerful_role(connection, login)
    name = _ident(connection, login)
    if _role_exists(connection, login):
        connection.exec_driver_sql(f"ALTER ROLE {name} LOGIN")
    else:
        connection.exec_driver_sql(f"CREATE ROLE {name} LOGIN")
    if password is not None:
        # Utility statements take no bind parameters: quote as a string literal.
        literal = "'" + password.replace("'", "''") + "'"
        connection.exec_driver_sql(f"ALTER ROLE {name} PASSWORD {literal}".replace("%", "%%"))


def _set_group(connection: Connection, login: str, group: str | None) -> None:
    """Make ``group`` the only regeldruk group of ``login`` (None: no group at all)."""
    if not _role_exists(connection, login):
        return
    name = _ident(connection, login)
    for other in GROUPS:
        if other != group:
            connection.exec_driver_sql(f"REVOKE {other} FROM {name}")
    if group is not None:
        connection.exec_driver_sql(f"GRANT {group} TO {name}")
