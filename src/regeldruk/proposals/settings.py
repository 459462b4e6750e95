"""The organisation's figures behind the burden: `organisatie.toml` (README, "Proposals")."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from regeldruk.errors import ConfigError

VARIANTS = ("inspanningsgericht", "outputgericht", "taakgericht")
DEFAULT_TARIFF_SOURCE = (
    "standaardwaarde van regeldruk, geen bron: zet 'tariff' en 'tariff_source' in organisatie.toml"
)


@dataclass(frozen=True)
class Settings:
    tariff: float = 80.0  # euros per hour of a youth-care professional
    tariff_source: str = DEFAULT_TARIFF_SOURCE
    fte_hours: float = 1_650.0  # productive hours per FTE per year
    clients: dict[str, int] = field(default_factory=dict)  # municipality -> clients per year
    default_clients: int = 100  # for a municipality without settings or measurements
    providers: int = 1  # how many providers a per-provider form is counted for
    starts_per_client: float = 1.0  # forms "at start"/"at end" per client per year
    changes_per_client: float = 0.5  # forms "at change" per client per year
    min_measurements: int = 5  # below this, a form's logged time is not used
    variant: dict[str, str] = field(default_factory=dict)  # municipality -> execution variant
    path: str | None = None  # the file these came from, for the assumptions in the report


NUMBER_KEYS = (
    "tariff",
    "fte_hours",
    "default_clients",
    "providers",
    "starts_per_client",
    "changes_per_client",
    "min_measurements",
)
INTEGER_KEYS = ("default_clients", "providers", "min_measurements")
SETTING_KEYS = {*NUMBER_KEYS, "tariff_source", "clients", "variant"}


def load_settings(path: Path | None) -> Settings:
    """The settings in ``path``; the defaults when there is no such file."""
    if path is None or not path.exists():
        return Settings()
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as err:
        raise ConfigError(f"{path}: geen geldige TOML ({err}).") from None
    unknown = set(raw) - SETTING_KEYS
    if unknown:
        raise ConfigError(f"{path}: onbekende sleutel '{sorted(unknown)[0]}'.")
    values: dict[str, Any] = {}
    for key in NUMBER_KEYS:
        if key in raw:
            value = raw[key]
            if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
                raise ConfigError(f"{path}: '{key}' moet een positief getal zijn.")
            if key in INTEGER_KEYS and value != int(value):
                raise ConfigError(f"{path}: '{key}' moet een geheel getal zijn.")
            values[key] = int(value) if key in INTEGER_KEYS else float(value)
    if "tariff_source" in raw:
        if not isinstance(raw["tariff_source"], str) or not raw["tariff_source"].strip():
            raise ConfigError(f"{path}: 'tariff_source' moet tekst zijn.")
        values["tariff_source"] = raw["tariff_source"].strip()
    elif "tariff" in raw:
        values["tariff_source"] = f"organisatie.toml ({path}), zonder bron"
    clients = raw.get("clients", {})
    if not isinstance(clients, dict) or not all(
        isinstance(v, int) and not isinstance(v, bool) and v >= 0 for v in clients.values()
    ):
        raise ConfigError(f"{path}: 'clients' moet een tabel gemeentecode = aantal zijn.")
    variant = raw.get("variant", {})
    if not isinstance(variant, dict) or not all(v in VARIANTS for v in variant.values()):
        raise ConfigError(
            f"{path}: 'variant' moet een tabel gemeentecode = {' | '.join(VARIANTS)} zijn."
        )
    return Settings(clients=dict(clients), variant=dict(variant), path=str(path), **values)
