"""The per-user TOML config, validated into typed objects at load."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from regeldruk import locations
from regeldruk.errors import ConfigError
from regeldruk.taxonomy import FOR_WHOM, KINDS, Category, complete_category

DEFAULT_TIMEZONE = "Europe/Amsterdam"
KNOWN_KEYS = {"database", "timezone", "organisation", "worker", "team", "favourites", "taxonomy"}


@dataclass(frozen=True)
class Config:
    path: Path
    database: str | None = None
    timezone: str = DEFAULT_TIMEZONE
    organisation: str | None = None
    worker: str | None = None
    team: str | None = None
    favourites: tuple[str, ...] = ()
    taxonomy: tuple[Category, ...] | None = None
    exists: bool = field(default=False, compare=False)


def _expect(value: Any, kind: type | tuple[type, ...], key: str, path: Path, what: str) -> Any:
    if not isinstance(value, kind):
        raise ConfigError(f"{path}: '{key}' moet {what} zijn, niet {value!r}.")
    return value


def _parse_taxonomy(raw: Any, path: Path) -> tuple[Category, ...]:
    _expect(raw, list, "taxonomy", path, "een lijst van [[taxonomy]]-tabellen")
    categories: list[Category] = []
    seen: set[str] = set()
    for index, item in enumerate(raw, start=1):
        where = f"taxonomy[{index}]"
        _expect(item, dict, where, path, "een tabel met key, label en kind")
        unknown = set(item) - {"key", "label", "kind", "for_whom", "care_documentation"}
        if unknown:
            raise ConfigError(f"{path}: onbekende sleutel '{where}.{sorted(unknown)[0]}'.")
        for name in ("key", "label", "kind"):
            if name not in item:
                raise ConfigError(f"{path}: '{where}.{name}' ontbreekt.")
            _expect(item[name], str, f"{where}.{name}", path, "tekst")
        if item["kind"] not in KINDS:
            raise ConfigError(
                f"{path}: '{where}.kind' moet een van {', '.join(KINDS)} zijn, "
                f"niet '{item['kind']}'."
            )
        for_whom = item.get("for_whom")
        if for_whom is not None and for_whom not in FOR_WHOM:
            raise ConfigError(
                f"{path}: '{where}.for_whom' moet een van {', '.join(FOR_WHOM)} zijn, "
                f"niet {for_whom!r}."
            )
        care_documentation = item.get("care_documentation")
        if care_documentation is not None:
            _expect(care_documentation, bool, f"{where}.care_documentation", path, "true of false")
        if item["key"] in seen:
            raise ConfigError(f"{path}: '{where}.key' '{item['key']}' komt twee keer voor.")
        seen.add(item["key"])
        # An old config without the v2 axes still loads: complete_category fills them in.
        categories.append(
            complete_category(
                item["key"], item["label"], item["kind"], for_whom, care_documentation
            )
        )
    if not categories:
        raise ConfigError(f"{path}: 'taxonomy' is leeg.")
    return tuple(categories)


def parse_config(text: str, path: Path) -> Config:
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise ConfigError(f"{path}: geen geldige TOML ({err}).") from None
    unknown = set(raw) - KNOWN_KEYS
    if unknown:
        raise ConfigError(
            f"{path}: onbekende sleutel '{sorted(unknown)[0]}' "
            f"(bekend: {', '.join(sorted(KNOWN_KEYS))})."
        )
    for key in ("database", "timezone", "organisation", "worker", "team"):
        if key in raw:
            _expect(raw[key], str, key, path, "tekst")
    timezone = raw.get("timezone", DEFAULT_TIMEZONE)
    from zoneinfo import ZoneInfo

    try:
        ZoneInfo(timezone)
    except (ValueError, KeyError, OSError):
        raise ConfigError(f"{path}: 'timezone' '{timezone}' is geen bekende tijdzone.") from None
    favourites = raw.get("favourites", [])
    _expect(favourites, list, "favourites", path, "een lijst van categoriesleutels")
    for item in favourites:
        _expect(item, str, "favourites", path, "een lijst van categoriesleutels")
    taxonomy = _parse_taxonomy(raw["taxonomy"], path) if "taxonomy" in raw else None
    return Config(
        path=path,
        database=raw.get("database"),
        timezone=timezone,
        organisation=raw.get("organisation"),
        worker=raw.get("worker"),
        team=raw.get("team"),
        favourites=tuple(favourites),
        taxonomy=taxonomy,
        exists=True,
    )


def load_config(path: Path | None = None) -> Config:
    path = path or locations.config_path()
    if not path.exists():
        return Config(path=path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: het bestand is geen UTF-8-tekst.") from None
    except OSError as err:
        raise ConfigError(f"{path}: kan het bestand niet lezen ({err.strerror}).") from None
    return parse_config(text, path)


def database_url(config: Config, override: str | None = None) -> str:
    """Precedence: --database, REGELDRUK_DATABASE_URL, the config file, the default."""
    return (
        override
        or os.environ.get("REGELDRUK_DATABASE_URL")
        or config.database
        or locations.default_database_url()
    )


def _toml_string(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


def write_config(config: Config) -> None:
    """Write the config back (comments in a hand-written file are not kept)."""
    lines = ["# regeldruk-configuratie"]
    for key in ("database", "timezone", "organisation", "worker", "team"):
        value = getattr(config, key)
        if value is not None:
            lines.append(f"{key} = {_toml_string(value)}")
    if config.favourites:
        lines.append("favourites = [" + ", ".join(map(_toml_string, config.favourites)) + "]")
    for category in config.taxonomy or ():
        lines += [
            "",
            "[[taxonomy]]",
            f"key = {_toml_string(category.key)}",
            f"label = {_toml_string(category.label)}",
            f"kind = {_toml_string(category.kind)}",
            f"for_whom = {_toml_string(category.for_whom)}",
            f"care_documentation = {'true' if category.care_documentation else 'false'}",
        ]
    config.path.parent.mkdir(parents=True, exist_ok=True)
    config.path.write_text("\n".join(lines) + "\n", encoding="utf-8")
