"""The activity taxonomy: categories with a key, a Dutch label and a kind (SPEC section 2)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from importlib import resources
from typing import Literal

from regeldruk.errors import NotFoundError, quote

Kind = Literal["client", "indirect", "accountability", "other"]
KINDS: tuple[Kind, ...] = ("client", "indirect", "accountability", "other")
KIND_LABELS: dict[str, str] = {
    "client": "Direct cliëntcontact",
    "indirect": "Indirect cliëntgebonden",
    "accountability": "Verantwoording",
    "other": "Overig",
}

KIND_SHORT_LABELS: dict[str, str] = {
    "client": "Cliënt",
    "indirect": "Indirect",
    "accountability": "Verantw.",
    "other": "Overig",
}


@dataclass(frozen=True)
class Category:
    key: str
    label: str
    kind: str


def _load_default() -> tuple[str, tuple[Category, ...]]:
    raw = tomllib.loads(
        resources.files("regeldruk.data").joinpath("taxonomy.toml").read_text(encoding="utf-8")
    )
    categories = tuple(Category(c["key"], c["label"], c["kind"]) for c in raw["category"])
    return str(raw["version"]), categories


DEFAULT_VERSION, DEFAULT_CATEGORIES = _load_default()


def resolve_category(text: str, categories: tuple[Category, ...]) -> Category:
    """A category by its key or by a unique prefix of its key."""
    wanted = text.strip().lower()
    for category in categories:
        if category.key == wanted:
            return category
    matches = [c for c in categories if c.key.startswith(wanted)] if wanted else []
    if len(matches) == 1:
        return matches[0]
    if matches:
        options = ", ".join(c.key for c in matches)
        raise NotFoundError(f"Categorie {quote(text)} is niet eenduidig: bedoelt u {options}?")
    raise NotFoundError(f"Onbekende categorie '{text}'. Zie 'regeldruk categories' voor de lijst.")
