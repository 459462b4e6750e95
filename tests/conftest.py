"""Shared fixtures: an isolated REGELDRUK_HOME, and databases on SQLite and real PostgreSQL.

PostgreSQL tests use the server on 127.0.0.1:5432 (override with REGELDRUK_TEST_PG_URL).
Without it they skip, except under CI=true, where they fail: CI must really run them.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from regeldruk.cli import root

PG_ADMIN_URL = os.environ.get(
    "REGELDRUK_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
PG_TEST_DB = "regeldruk_test"


def _pg_url() -> str:
    from sqlalchemy.engine import make_url

    return make_url(PG_ADMIN_URL).set(database=PG_TEST_DB).render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def pg_server() -> str:
    """The URL of a scratch PostgreSQL database, created once per test session."""
    from sqlalchemy import create_engine, text

    try:
        admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            exists = connection.execute(
                text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": PG_TEST_DB}
            ).first()
            if not exists:
                connection.execute(text(f"CREATE DATABASE {PG_TEST_DB}"))
        admin.dispose()
    except Exception as err:  # noqa: BLE001 - any failure means: no server here
        if os.environ.get("CI") == "true":
            pytest.fail(f"PostgreSQL is required under CI=true but not reachable: {err}")
        pytest.skip(f"PostgreSQL not reachable: {err}")
    return _pg_url()


def reset_pg(url: str) -> None:
    from sqlalchemy import create_engine, text

    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Relocate all per-user state into a temporary directory."""
    monkeypatch.setenv("REGELDRUK_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("REGELDRUK_CONFIG", raising=False)
    monkeypatch.delenv("REGELDRUK_DATABASE_URL", raising=False)
    monkeypatch.delenv("REGELDRUK_NOW", raising=False)
    return tmp_path / "home"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database of each kind."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'test.sqlite'}"
    else:
        url = request.getfixturevalue("pg_server")
        reset_pg(url)
        yield url


@pytest.fixture
def cli(home: Path) -> Iterator[CliRunnerHelper]:
    yield CliRunnerHelper()


class CliRunnerHelper:
    """Invoke the CLI in-process, as a user would type it."""

    def __init__(self) -> None:
        self.runner = CliRunner()

    def __call__(self, *args: str, input: str | None = None) -> Result:
        return self.runner.invoke(root, list(args), input=input, catch_exceptions=False)


@pytest.fixture
def ready(cli: CliRunnerHelper, db_url: str, monkeypatch: pytest.MonkeyPatch) -> CliRunnerHelper:
    """A CLI with config, database and a worker, on each kind of database."""
    monkeypatch.setenv("REGELDRUK_DATABASE_URL", db_url)
    result = cli("init", "--worker", "Sanne", "--team", "Team Noord")
    assert result.exit_code == 0, result.output
    return cli
