"""The Standard Cost Model (Standaardkostenmodel) applied to each registration obligation.

burden = price x quantity; price = hourly tariff x time per occurrence; quantity = number of
those affected x frequency per year ("Handboek meting regeldrukkosten"). Time per occurrence
is the median of the time logged against the form when there are enough measurements,
otherwise the catalogue's estimate, and the result always says which.
"""

from __future__ import annotations

import statistics
import tomllib
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy import select

from regeldruk.db.engine import Database
from regeldruk.db.schema import time_entry
from regeldruk.errors import ConfigError
from regeldruk.forms import Catalogue, Form

WEEKS_PER_YEAR = 52


def scm_cost(affected: float, per_year: float, hours: float, tariff: float) -> float:
    """Euros per year: affected x frequency x time per occurrence x hourly tariff."""
    return affected * per_year * hours * tariff


@dataclass(frozen=True)
class Settings:
    """The organisation's figures behind the burden; see README 'Burden settings'."""

    tariff: float = 80.0  # euros per hour of a youth-care professional
    fte_hours: float = 1_650.0  # productive hours per FTE per year
    clients: dict[str, int] = field(default_factory=dict)  # municipality -> clients per year
    default_clients: int = 100  # for a municipality not listed
    providers: int = 1  # how many providers a per-provider form is counted for
    starts_per_client: float = 1.0  # forms "at start"/"at end" per client per year
    changes_per_client: float = 0.5  # forms "at change" per client per year
    min_measurements: int = 5  # below this, the catalogue's estimate is used

    def clients_of(self, municipality: str) -> int:
        return self.clients.get(municipality, self.default_clients)


SETTING_KEYS = {
    "tariff",
    "fte_hours",
    "clients",
    "default_clients",
    "providers",
    "starts_per_client",
    "changes_per_client",
    "min_measurements",
}


def load_settings(path: Path | None) -> Settings:
    if path is None or not path.exists():
        return Settings()
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as err:
        raise ConfigError(f"{path}: geen geldige TOML ({err}).") from None
    unknown = set(raw) - SETTING_KEYS
    if unknown:
        raise ConfigError(f"{path}: onbekende sleutel '{sorted(unknown)[0]}'.")
    values: dict[str, object] = {}
    for key in SETTING_KEYS - {"clients"}:
        if key in raw:
            value = raw[key]
            if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
                raise ConfigError(f"{path}: '{key}' moet een positief getal zijn.")
            values[key] = value
    clients = raw.get("clients", {})
    if not isinstance(clients, dict) or not all(
        isinstance(v, int) and v >= 0 for v in clients.values()
    ):
        raise ConfigError(f"{path}: 'clients' moet een tabel gemeentecode = aantal zijn.")
    return Settings(clients=dict(clients), **values)  # type: ignore[arg-type]


@dataclass(frozen=True)
class Burden:
    form: Form
    minutes: float  # per occurrence
    measured: int  # number of measurements behind ``minutes``; 0 = the catalogue's estimate
    occurrences: float  # per year
    clients: int
    hours_per_year: float
    euros_per_year: float
    fte: float
    minutes_per_client_per_week: float

    @property
    def source(self) -> str:
        if self.measured:
            return f"gemeten: mediaan van {self.measured} registraties"
        return "schatting uit de catalogus"


def occurrences_per_year(form: Form, settings: Settings) -> tuple[float, int]:
    """(occurrences per year, clients affected) of a form for this organisation."""
    clients = settings.clients_of(form.municipality)
    per = form.frequency.times_per_year()
    if per is None:
        per = (
            settings.changes_per_client
            if form.frequency.at == "change"
            else (settings.starts_per_client)
        )
    affected = clients if form.frequency.per == "client" else settings.providers
    return affected * per, clients


def measured_minutes(db: Database | None, until: datetime | None = None) -> dict[str, list[int]]:
    """Minutes logged per form id (finished, live entries)."""
    if db is None:
        return {}
    found: dict[str, list[int]] = defaultdict(list)
    with db.transaction() as connection:
        query = select(time_entry.c.form_id, time_entry.c.start_at, time_entry.c.end_at).where(
            time_entry.c.form_id.is_not(None),
            time_entry.c.end_at.is_not(None),
            time_entry.c.deleted_at.is_(None),
        )
        for form_id, start, end in connection.execute(query):
            found[form_id].append(int((end - start).total_seconds() // 60))
    return dict(found)


def burden_of(form: Form, settings: Settings, measurements: dict[str, list[int]]) -> Burden | None:
    """The yearly burden of one form, or None when neither a measurement nor an estimate exists."""
    times = measurements.get(form.id, [])
    if len(times) >= settings.min_measurements:
        minutes, measured = float(statistics.median(times)), len(times)
    elif form.minutes is not None:
        minutes, measured = form.minutes, 0
    else:
        return None
    occurrences, clients = occurrences_per_year(form, settings)
    hours = occurrences * minutes / 60
    return Burden(
        form=form,
        minutes=minutes,
        measured=measured,
        occurrences=occurrences,
        clients=clients,
        hours_per_year=hours,
        euros_per_year=scm_cost(occurrences, 1, minutes / 60, settings.tariff),
        fte=hours / settings.fte_hours,
        minutes_per_client_per_week=hours * 60 / clients / WEEKS_PER_YEAR if clients else 0.0,
    )


def burdens(
    catalogue: Catalogue, settings: Settings, measurements: dict[str, list[int]]
) -> dict[str, Burden]:
    found = {}
    for form in catalogue.forms:
        if form.is_standard:
            continue
        result = burden_of(form, settings, measurements)
        if result is not None:
            found[form.id] = result
    return found
