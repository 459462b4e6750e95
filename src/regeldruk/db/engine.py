"""Engine and session set-up, and the schema-version gate every command passes through."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError, SQLAlchemyError

from regeldruk.errors import DatabaseError

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection
    from sqlalchemy.orm import Session, sessionmaker

# The newest migration; tests check that it equals Alembic's head, so the fast path
# (one SELECT on alembic_version) needs no Alembic import.
HEAD_REVISION = "0007_i12_sector_grid"
KNOWN_REVISIONS = (
    "0001",
    "0002",
    "0003",
    "0004",
    "0005",
    "0006_i18",
    "0007_i12_sector_grid",
)


def _sqlite_pragmas(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    # Let SQLAlchemy's "begin" event issue BEGIN IMMEDIATE: the overlap check and the
    # insert then run under one write lock, so two processes cannot race into an overlap.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA busy_timeout = 15000")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = FULL")
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.close()


def make_engine(url: str) -> Engine:
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise DatabaseError(f"Ongeldige database-URL '{url}'.") from None
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database
        if database and database != ":memory:":
            path = Path(database).expanduser()
            if path.is_dir():
                raise DatabaseError(f"De database '{path}' is een map, geen bestand.")
            path.parent.mkdir(parents=True, exist_ok=True)
        try:
            engine = create_engine(parsed, connect_args={"timeout": 15})
        except NoSuchModuleError:
            raise DatabaseError(f"Onbekend databasetype in '{url}'.") from None
        event.listen(engine, "connect", _sqlite_pragmas)

        @event.listens_for(engine, "begin")
        def _begin_immediate(connection: Any) -> None:
            connection.exec_driver_sql("BEGIN IMMEDIATE")

        return engine
    if parsed.get_backend_name() == "postgresql" and parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    try:
        return create_engine(parsed, pool_pre_ping=True)
    except (NoSuchModuleError, ArgumentError) as err:
        raise DatabaseError(f"Kan database '{url}' niet gebruiken: {err}.") from None


def describe_db_error(err: SQLAlchemyError | sqlite3.Error, url: str) -> str:
    """A Dutch sentence for a low-level database failure."""
    message = str(getattr(err, "orig", err) or err).lower()
    where = "de database"
    if url:
        with suppress(ArgumentError):
            where = make_url(url).render_as_string(hide_password=True)
    if "file is not a database" in message or "file is encrypted" in message:
        return f"{where} is geen (leesbare) SQLite-database."
    if "database is locked" in message or "database is busy" in message:
        return "De database is bezet door een ander proces; probeer het zo opnieuw."
    if "unable to open database file" in message or "readonly" in message:
        return f"Kan {where} niet openen of er niet in schrijven."
    if "disk" in message and ("full" in message or "i/o" in message):
        return f"Schrijven naar {where} mislukt: schijf vol of defect. Er is niets opgeslagen."
    if "permission denied" in message or "row-level security" in message:
        detail = str(getattr(err, "orig", err)).splitlines()[0]
        return f"Geen toegang: deze databaselogin mag dit niet lezen of wijzigen ({detail})."
    if "connection" in message or "could not connect" in message:
        return f"Geen verbinding met {where}."
    return f"Databasefout in {where}: {str(getattr(err, 'orig', err)).splitlines()[0]}"


def current_revision(engine: Engine) -> str | None:
    """The schema revision, None for an empty database; raises for a foreign one."""
    try:
        with engine.connect() as connection:
            row = connection.execute(text("SELECT version_num FROM alembic_version")).first()
            return None if row is None else str(row[0])
    except DBAPIError as err:
        if "file is not a database" in str(err.orig):
            raise
        from sqlalchemy import inspect

        tables = inspect(engine).get_table_names()
        if not tables:
            return None
        raise DatabaseError(
            "Deze database is niet van regeldruk (tabellen zonder regeldruk-schema: "
            f"{', '.join(sorted(tables)[:5])}). Kies een andere met --database."
        ) from None


def upgrade(engine: Engine, target: str = "head") -> tuple[str | None, str]:
    """Bring the schema to ``target`` (the newest revision); returns (before, after)."""
    from alembic import command
    from alembic.config import Config

    before = current_revision(engine)
    config = Config()
    config.set_main_option("script_location", "regeldruk:migrations")
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, target)
    return before, HEAD_REVISION if target == "head" else target


def ensure_schema(engine: Engine, *, create: bool = True) -> None:
    """Create an empty database, accept the current schema, refuse an outdated or newer one."""
    revision = current_revision(engine)
    if revision == HEAD_REVISION:
        return
    if revision is None:
        if not create:
            raise DatabaseError("De database is leeg. Voer eerst 'regeldruk init' uit.")
        upgrade(engine)
        return
    if revision in KNOWN_REVISIONS:
        raise DatabaseError(
            f"Het databaseschema is verouderd (versie {revision}, nodig {HEAD_REVISION}). "
            "Voer 'regeldruk db upgrade' uit; maak eerst een reservekopie."
        )
    raise DatabaseError(
        f"De database heeft schemaversie {revision}, die deze versie van regeldruk niet kent. "
        "Werk regeldruk bij."
    )


class Database:
    """An engine and its session factory; the CLI and TUI share one per process."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = make_engine(url)
        self._sessions: sessionmaker[Session] | None = None

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """A Core connection in one transaction: committed at the end, rolled back on error."""
        with self.engine.begin() as connection:
            yield connection

    @contextmanager
    def session(self) -> Iterator[Session]:
        """An ORM unit of work: committed when the block ends, rolled back when it raises."""
        if self._sessions is None:
            from sqlalchemy.orm import sessionmaker

            self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        with self._sessions() as session, session.begin():
            yield session

    def dispose(self) -> None:
        self.engine.dispose()
