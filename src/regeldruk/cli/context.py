"""The click context object: config, the chosen database and the worker's time log."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from regeldruk.config import Config, database_url, load_config
from regeldruk.errors import RegeldrukError
from regeldruk.taxonomy import DEFAULT_CATEGORIES, Category

if TYPE_CHECKING:
    from regeldruk.db.engine import Database
    from regeldruk.timelog import TimeLog


@dataclass
class AppContext:
    config: Config
    database_url: str
    _database: Database | None = field(default=None, repr=False)

    @classmethod
    def load(cls, database_override: str | None) -> AppContext:
        config = load_config()
        return cls(config=config, database_url=database_url(config, database_override))

    @property
    def tz(self) -> str:
        return self.config.timezone

    @property
    def categories(self) -> tuple[Category, ...]:
        return self.config.taxonomy or DEFAULT_CATEGORIES

    def database(self, create: bool = True) -> Database:
        """The database, its schema checked (an empty one is created)."""
        if self._database is None:
            from regeldruk.db.engine import Database, ensure_schema

            database = Database(self.database_url)
            ensure_schema(database.engine, create=create)
            self._database = database
        return self._database

    def worker_name(self) -> str:
        if not self.config.worker:
            raise RegeldrukError(
                "Nog niet ingesteld wie er registreert. "
                "Voer eerst 'regeldruk init --worker NAAM --team TEAM' uit."
            )
        return self.config.worker

    def timelog(self) -> TimeLog:
        from regeldruk.timelog import TimeLog

        return TimeLog(self.database(), self.worker_name(), self.categories, self.tz)
