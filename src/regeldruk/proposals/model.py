"""Proposals, their themes and addressees, and the actions they take on forms."""

from __future__ import annotations

from dataclasses import dataclass, field

from regeldruk.forms import Form, FormField
from regeldruk.proposals.estimate import ZERO, Estimate
from regeldruk.proposals.places import Places
from regeldruk.proposals.rules import Facts, Ground

# Who can change a rule, in the order the report lists them.
KIND_LABELS = {
    "gemeente": "Gemeenten",
    "regio": "Jeugdzorgregio's (inkoop)",
    "vng": "VNG",
    "vws": "Ministerie van VWS",
    "zin": "Zorginstituut Nederland",
    "igj": "Inspectie Gezondheidszorg en Jeugd",
    "cbs": "CBS",
    "accountant": "Accountants",
    "skj": "SKJ",
    "eigen": "Eigen organisatie",
}
KIND_ORDER = tuple(KIND_LABELS)
# form@1 ``owner`` -> the kind of addressee that can change a rule it owns.
OWNER_KIND = {
    "gemeente": "gemeente",
    "regio": "regio",
    "wet": "vws",
    "igj": "igj",
    "cbs": "cbs",
    "accountant": "accountant",
    "skj": "skj",
    "eigen": "eigen",
}
NATIONAL = {
    "vng": "VNG",
    "vws": "Ministerie van VWS",
    "zin": "Zorginstituut Nederland",
    "igj": "Inspectie Gezondheidszorg en Jeugd",
    "cbs": "CBS (beleidsinformatie jeugd)",
    "skj": "Stichting Kwaliteitsregister Jeugd (SKJ)",
    "eigen": "Eigen organisatie (eigen regels)",
}


@dataclass(frozen=True, order=True)
class Addressee:
    kind: str  # a key of KIND_LABELS
    key: str  # GM9001, a region's name, "VNG", ...
    name: str  # Dutch, for the reader

    @property
    def rank(self) -> int:
        return KIND_ORDER.index(self.kind)

    @property
    def short(self) -> str:
        """The name without 'Gemeente'/'Jeugdzorgregio', for charts and narrow columns."""
        for prefix in ("Gemeente ", "Jeugdzorgregio "):
            if self.name.startswith(prefix):
                return self.name.removeprefix(prefix)
        return self.name


def national(kind: str) -> Addressee:
    return Addressee(kind, kind, NATIONAL[kind])


def owner_of(form: Form, item: FormField | None = None) -> str:
    """Who owns the rule that asks ``item`` on ``form`` (form@1 ``owner``, else the default:
    the municipality for its forms, the region for regional forms, the law for standards)."""
    if item is not None and item.owner:
        return item.owner
    if form.owner:
        return form.owner
    if form.is_standard:
        return "wet"
    return "regio" if form.municipality.startswith("regio:") else "gemeente"


def addressee_of(form: Form, item: FormField | None, places: Places) -> Addressee:
    kind = OWNER_KIND[owner_of(form, item)]
    place = places[form.municipality]
    if kind == "gemeente":
        return Addressee("gemeente", place.code, f"Gemeente {place.name}")
    if kind == "regio":
        if place.region is None:
            return Addressee("regio", place.code, f"Inkooporganisatie van {place.name}")
        return Addressee("regio", place.region, f"Jeugdzorgregio {place.region}")
    if kind == "accountant":
        return Addressee("accountant", place.code, f"Accountant (controleprotocol {place.name})")
    return national(kind)


@dataclass(frozen=True)
class Theme:
    key: str
    code: str  # three letters, the start of every proposal id of this theme
    title: str  # Dutch
    order: int  # proposals combine on a form in this order (see combine.py)
    short: str = ""  # Dutch, a few words for narrow columns
    counted: bool = True
    not_counted: str = ""  # Dutch: why its gain is not in the total


@dataclass(frozen=True)
class Action:
    """What a proposal does to one form."""

    form: str  # form id
    kind: str  # remove (fields) | frequency (the form, less often) | partial | none
    fields: tuple[str, ...]  # field ids (remove, partial, none); () for frequency
    saving: Estimate  # frequency/partial: share saved; remove: 1; none: 0
    grounds: tuple[Ground, ...]
    facts: tuple[Facts, ...]  # one per field, or one for the whole form
    note: str  # Dutch: what this proposal does here


@dataclass
class Proposal:
    theme: Theme
    addressee: Addressee
    actions: list[Action]
    municipalities: list[str]  # codes of the municipalities whose forms it touches
    problem: str
    proposal: str
    id: str = ""
    gains: dict[str, Estimate] = field(default_factory=dict)  # form id -> hours per year

    @property
    def counted(self) -> bool:
        return self.theme.counted

    @property
    def grounds(self) -> tuple[Ground, ...]:
        found: list[Ground] = []
        for action in self.actions:
            found += [g for g in action.grounds if g not in found]
        return tuple(found)

    @property
    def forms(self) -> list[str]:
        return sorted({action.form for action in self.actions})

    @property
    def gain(self) -> Estimate:
        total = ZERO
        for gain in self.gains.values():
            total = total.plus(gain)
        return total
