"""Schema creation, the version gate, and files that are not a regeldruk database."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DatabaseError as SADatabaseError

from regeldruk.db import engine as engine_module
from regeldruk.db.engine import HEAD_REVISION, Database, current_revision, ensure_schema, upgrade
from regeldruk.errors import DatabaseError


def test_head_constant_matches_alembic() -> None:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", "regeldruk:migrations")
    assert ScriptDirectory.from_config(config).get_current_head() == HEAD_REVISION


def test_empty_database_is_created_with_reference_data(db_url: str) -> None:
    db = Database(db_url)
    ensure_schema(db.engine)
    assert current_revision(db.engine) == HEAD_REVISION
    with db.engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM municipality")).scalar() == 342
        regions = connection.execute(text("SELECT count(DISTINCT region) FROM municipality"))
        assert regions.scalar() == 42
        assert connection.execute(text("SELECT count(*) FROM category")).scalar() >= 4
    assert upgrade(db.engine) == (HEAD_REVISION, HEAD_REVISION)  # idempotent
    db.dispose()


def test_sqlite_pragmas(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'x.sqlite'}")
    with db.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    db.dispose()


def test_outdated_schema_is_refused_until_db_upgrade(db_url: str) -> None:
    db = Database(db_url)
    upgrade(db.engine, "0001")  # as an older regeldruk left it
    with pytest.raises(DatabaseError, match="verouderd.*regeldruk db upgrade"):
        ensure_schema(db.engine)
    assert upgrade(db.engine) == ("0001", HEAD_REVISION)
    ensure_schema(db.engine)
    db.dispose()


def test_newer_schema_is_refused(db_url: str) -> None:
    db = Database(db_url)
    ensure_schema(db.engine)
    with db.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    with pytest.raises(DatabaseError, match="Werk regeldruk bij"):
        ensure_schema(db.engine)
    db.dispose()


def test_foreign_database_is_refused(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'other.sqlite'}")
    with db.engine.begin() as connection:
        connection.execute(text("CREATE TABLE invoices (id INTEGER)"))
    with pytest.raises(DatabaseError, match="niet van regeldruk.*invoices"):
        ensure_schema(db.engine)
    db.dispose()


def test_file_that_is_not_a_database_raises_a_database_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite"
    path.write_text("dit is geen database\n" * 100)
    db = Database(f"sqlite:///{path}")
    with pytest.raises(SADatabaseError) as caught:
        ensure_schema(db.engine)
    assert "geen (leesbare) SQLite-database" in engine_module.describe_db_error(
        caught.value, db.url
    )
    assert path.read_text().startswith("dit is geen database")  # untouched
    db.dispose()
