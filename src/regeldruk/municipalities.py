"""The 342 municipalities of 2026 and their 42 youth-care regions (package data)."""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources

from regeldruk.errors import NotFoundError, quote


@dataclass(frozen=True)
class Municipality:
    code: str  # CBS code, "GM0344"
    ijw_code: str  # "0344", as LDT_Gemeente in the iJw messages
    name: str
    province: str
    region: str


def fold(text: str) -> str:
    """Lower case without accents or punctuation: 'Súdwest-Fryslân' -> 'sudwest fryslan'."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", plain).split())


@cache
def all_municipalities() -> tuple[Municipality, ...]:
    raw = json.loads(
        resources.files("regeldruk.data").joinpath("gemeenten.json").read_text(encoding="utf-8")
    )
    return tuple(Municipality(**item) for item in raw["municipalities"])


@cache
def _by_code() -> dict[str, Municipality]:
    return {m.code: m for m in all_municipalities()}


def regions() -> tuple[str, ...]:
    return tuple(sorted({m.region for m in all_municipalities()}))


def by_code(code: str) -> Municipality | None:
    return _by_code().get(code)


def resolve_municipality(text: str) -> Municipality:
    """By CBS code (GM0344), 4-digit iJw code (0344, 344) or a unique (prefix of a) name."""
    value = text.strip()
    code_match = re.fullmatch(r"(?i)(gm)?(\d{1,4})", value)
    if code_match:
        code = "GM" + code_match.group(2).zfill(4)
        found = by_code(code)
        if found is None:
            raise NotFoundError(f"Onbekende gemeentecode {quote(text)}: geen gemeente in 2026.")
        return found
    wanted = fold(value)
    if not wanted:
        raise NotFoundError("Geef een gemeente op: CBS-code (GM0344), iJw-code (0344) of naam.")
    exact = [m for m in all_municipalities() if fold(m.name) == wanted]
    if len(exact) == 1:
        return exact[0]
    prefixed = [m for m in all_municipalities() if fold(m.name).startswith(wanted)]
    if len(prefixed) == 1:
        return prefixed[0]
    if prefixed:
        names = ", ".join(m.name for m in prefixed[:6])
        raise NotFoundError(f"Gemeente {quote(text)} is niet eenduidig: {names}.")
    raise NotFoundError(
        f"Onbekende gemeente {quote(text)}. Gebruik een CBS-code (GM0344), iJw-code (0344) of naam."
    )


def search_municipalities(query: str, limit: int = 10) -> list[Municipality]:
    """Type-to-search: prefix matches first, then substring matches."""
    wanted = fold(query)
    if not wanted:
        return list(all_municipalities()[:limit])
    ranked = sorted(
        (
            (0 if fold(m.name).startswith(wanted) else 1, m.name, m)
            for m in all_municipalities()
            if wanted in fold(m.name) or wanted in m.code.lower() or wanted == m.ijw_code
        ),
        key=lambda item: (item[0], item[1]),
    )
    return [m for _, _, m in ranked[:limit]]
