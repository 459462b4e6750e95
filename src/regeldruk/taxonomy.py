"""The activity taxonomy (v2): categories with a key, a Dutch label, a kind and, as a second
axis, for whom the work is done (SPEC section 2 as changed by issue #18).

The two headline shares are defined here and nowhere else:

- the **accountability share**: minutes of kind ``accountability`` / all logged minutes
  (SPEC section 2, unchanged);
- the **administration share by the CBS definition**: minutes that count as administration
  (``is_administration``: every accountability category *and* care documentation, the
  dossier and verslaglegging) / all logged minutes. CBS's AZW employee survey counts all
  administration, care documentation included; for client-facing staff that documentation
  is most of it (19 of their 30 percentage points, CBS AZW Q2 2025). Only this share can
  be set beside CBS's 38% for client-facing youth-care staff.
"""

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


# The second axis: for whom the work is done. Keys are stable; labels are Dutch.
FOR_WHOM_LABELS: dict[str, str] = {
    "zorg": "De zorg zelf",
    "organisatie": "Eigen organisatie",
    "gemeente": "Gemeente of regio",
    "igj": "Inspectie (IGJ)",
    "rechter": "Rechter of Raad voor de Kinderbescherming",
    "cbs": "CBS of monitor",
    "accountant": "Accountant",
    "skj": "SKJ (beroepsregister)",
}
FOR_WHOM: tuple[str, ...] = tuple(FOR_WHOM_LABELS)


@dataclass(frozen=True)
class Category:
    key: str
    label: str
    kind: str
    for_whom: str = "zorg"
    care_documentation: bool = False

    @property
    def administration(self) -> bool:
        return is_administration(self.kind, self.care_documentation)


def is_administration(kind: str, care_documentation: bool) -> bool:
    """The CBS definition of administration (the one place it is defined): all
    accountability work plus care documentation (dossier, verslaglegging).

    Source: CBS, AZW werknemersenquête Q2 2025 ("administratie, zoals verslaglegging en
    registratie"; for client-facing staff 19 of 30 percentage points are care documentation).
    Logging for this measurement (``meetregistratie``, kind other) is not counted: it
    exists only because of the measurement.
    """
    return kind == "accountability" or care_documentation


def default_for_whom(kind: str) -> str:
    """For a category of a user's own taxonomy that does not say for whom."""
    return {"accountability": "gemeente", "other": "organisatie"}.get(kind, "zorg")


def _load_default() -> tuple[str, tuple[Category, ...]]:
    raw = tomllib.loads(
        resources.files("regeldruk.data").joinpath("taxonomy.toml").read_text(encoding="utf-8")
    )
    categories = tuple(
        Category(
            c["key"],
            c["label"],
            c["kind"],
            c.get("for_whom", default_for_whom(c["kind"])),
            bool(c.get("care_documentation", False)),
        )
        for c in raw["category"]
    )
    return str(raw["version"]), categories


DEFAULT_VERSION, DEFAULT_CATEGORIES = _load_default()
_DEFAULTS_BY_KEY = {c.key: c for c in DEFAULT_CATEGORIES}


def complete_category(
    key: str,
    label: str,
    kind: str,
    for_whom: str | None = None,
    care_documentation: bool | None = None,
) -> Category:
    """A category of a user's own ``[[taxonomy]]``, the v2 axes filled in sensibly when it
    leaves them out: a key of the default taxonomy with the same kind takes the default's
    values (so an old config's ``dossier`` still counts as care documentation), any other
    key gets ``default_for_whom(kind)`` and no care documentation."""
    known = _DEFAULTS_BY_KEY.get(key)
    same = known is not None and known.kind == kind
    if for_whom is None:
        for_whom = known.for_whom if same and known else default_for_whom(kind)
    if care_documentation is None:
        care_documentation = known.care_documentation if same and known else False
    return Category(key, label, kind, for_whom, care_documentation)


def category_json(category: Category) -> dict[str, object]:
    """``categories --json``: SPEC's key/label/kind, plus the v2 axes."""
    return {
        "key": category.key,
        "label": category.label,
        "kind": category.kind,
        "for_whom": category.for_whom,
        "care_documentation": category.care_documentation,
        "administration": category.administration,
    }


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
