"""Names, youth-care regions and execution variants of the municipalities of a catalogue.

Real municipalities take their name and region from the 2026 list. The catalogue may hold
`gemeenten.yaml` (schema ``regeldruk/municipalities@1``) beside its forms, with the names
and regions of fictional municipalities and the execution variant each municipality uses;
`organisatie.toml` ``[variant]`` overrides the variant. Without either the variant is
assumed ``inspanningsgericht``, and the report says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from regeldruk.errors import ConfigError
from regeldruk.forms import MUNICIPALITIES_FILE
from regeldruk.municipalities import by_code
from regeldruk.proposals.settings import VARIANTS, Settings

SCHEMA = "regeldruk/municipalities@1"
DEFAULT_VARIANT = "inspanningsgericht"


@dataclass(frozen=True)
class Place:
    code: str  # GM0344 or regio:<name>
    name: str
    region: str | None
    variant: str
    variant_source: str  # Dutch: where the variant comes from


@dataclass(frozen=True)
class Places:
    known: dict[str, Place]
    settings: Settings

    def __getitem__(self, code: str) -> Place:
        if code in self.known:
            return self.known[code]
        variant, source = self._variant(code, None)
        if code.startswith("regio:"):
            return Place(code, f"regio {code[6:]}", code[6:], variant, source)
        found = by_code(code)
        if found is not None:
            return Place(code, found.name, found.region, variant, source)
        return Place(code, code, None, variant, source)

    def name(self, code: str) -> str:
        return self[code].name

    def _variant(self, code: str, listed: str | None) -> tuple[str, str]:
        if code in self.settings.variant:
            return self.settings.variant[code], "organisatie.toml"
        if listed is not None:
            return listed, MUNICIPALITIES_FILE
        return DEFAULT_VARIANT, "aangenomen"


def load_places(directory: Path | None, settings: Settings) -> Places:
    """The catalogue's `gemeenten.yaml` (if any) with the settings' variants applied."""
    places = Places({}, settings)
    path = directory / MUNICIPALITIES_FILE if directory is not None else None
    if path is None or not path.is_file():
        return places
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as err:
        raise ConfigError(f"{path}: geen geldige YAML ({err}).") from None
    if not isinstance(raw, dict) or raw.get("schema") != SCHEMA:
        raise ConfigError(f"{path}: verwacht 'schema: {SCHEMA}'.")
    entries = raw.get("municipalities", [])
    if not isinstance(entries, list):
        raise ConfigError(f"{path}: 'municipalities' moet een lijst zijn.")
    for index, entry in enumerate(entries, start=1):
        place = _place(path, index, entry, places)
        places.known[place.code] = place
    return places


def _place(path: Path, index: int, entry: Any, places: Places) -> Place:
    where = f"{path}: municipalities[{index}]"
    if not isinstance(entry, dict) or not isinstance(entry.get("code"), str):
        raise ConfigError(f"{where}: verwacht een mapping met 'code'.")
    unknown = set(entry) - {"code", "name", "region", "variant"}
    if unknown:
        raise ConfigError(f"{where}: onbekende sleutel '{sorted(unknown)[0]}'.")
    code = entry["code"]
    real = by_code(code)
    fictional = code.startswith("GM9")
    if real is None and not fictional:
        raise ConfigError(f"{where}: '{code}' is geen gemeente in 2026 en geen fictieve GM9xxx.")
    listed = entry.get("variant")
    if listed is not None and listed not in VARIANTS:
        raise ConfigError(f"{where}: variant '{listed}'; verwacht {', '.join(VARIANTS)}.")
    # A real municipality keeps its official name and region; the file adds its variant.
    name = real.name if real else entry.get("name", code)
    region = real.region if real else entry.get("region")
    if not isinstance(name, str) or (region is not None and not isinstance(region, str)):
        raise ConfigError(f"{where}: 'name' en 'region' moeten tekst zijn.")
    variant, source = places._variant(code, listed)
    return Place(code, name, region, variant, source)
