"""Flags on the concepts of a catalogue (SPEC section 4) and the analysis JSON.

- duplicate: one municipality asks the same concept more than once (on two of its forms, or
  twice on one form);
- in_standard: a municipal field whose concept an iJw standard message already carries
  (Jeugdwet art. 2.15 lid 2: no extra or different requirements);
- non_uniform: municipalities ask one concept with a different type, format, frequency or
  obligation;
- local: a concept asked by only one municipality (or a small minority of them).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from regeldruk.forms import Catalogue, Form, FormField
from regeldruk.matching import Concept, Decisions, load_decisions, match_concepts
from regeldruk.municipalities import by_code

SCHEMA = "regeldruk/analysis@1"
MESSAGE_NAMES = {
    "JW301": "toewijzing",
    "JW305": "start zorg",
    "JW307": "stop zorg",
    "JW315": "verzoek om toewijzing",
    "JW317": "verzoek om wijziging",
    "JW319": "antwoordbericht",
    "JW323": "declaratie",
}
# A concept asked by at most this share of the municipalities that ask anything is local.
LOCAL_SHARE = 0.10
# How many of the least certain concepts the review list shows.
REVIEW_SIZE = 20


@dataclass
class Flag:
    kind: str
    concept: str
    forms: list[str]
    municipalities: list[str]
    detail: str
    fields: list[str] = field(default_factory=list)  # form/field

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "concept": self.concept,
            "forms": self.forms,
            "municipalities": self.municipalities,
            "fields": self.fields,
            "detail": self.detail,
        }


@dataclass
class Analysis:
    catalogue: Catalogue
    concepts: list[Concept]
    flags: list[Flag]

    @property
    def field_count(self) -> int:
        return sum(len(form.fields) for form in self.catalogue.forms)

    def concept(self, concept_id: str) -> Concept:
        return next(c for c in self.concepts if c.id == concept_id)

    def review(self, size: int = REVIEW_SIZE) -> list[Concept]:
        """The concepts the matcher is least sure of, for an adviser to confirm or split in
        concepten.yaml first: merged from several readings, weakest cohesion first, the
        largest first among equals (a wrong merge there costs the most)."""
        merged = [c for c in self.concepts if c.variants > 1 or c.inferred]
        merged.sort(key=lambda c: (c.cohesion, -len(c.members), c.id))
        near = sorted((c for c in self.concepts if c.near), key=lambda c: (-len(c.members), c.id))
        # Half the list for weak merges, half for small concepts that may be variants.
        half = size // 2
        chosen = merged[: max(half, size - len(near))]
        return chosen + near[: size - len(chosen)]

    def to_json(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "forms": len(self.catalogue.forms),
            "fields": self.field_count,
            "concepts": [
                {
                    "id": c.id,
                    "label": c.label,
                    "members": [{"form": f.id, "field": i.id} for f, i in c.members],
                    "standard": c.standard,
                    "cohesion": c.cohesion,
                }
                for c in self.concepts
            ],
            "flags": [flag.to_json() for flag in self.flags],
            "review": [
                {
                    "concept": c.id,
                    "label": c.label,
                    "cohesion": c.cohesion,
                    "near": c.near,
                    "fields": len(c.members),
                    "labels": sorted({item.label for _, item in c.members})[:8],
                }
                for c in self.review()
            ],
        }


def municipality_name(code: str) -> str:
    found = by_code(code)
    if found:
        return found.name
    if code.startswith("regio:"):
        return f"regio {code[6:]}"
    return f"{code} (fictief)"


def standard_text(codes: list[str]) -> str:
    return ", ".join(f"{code} ({MESSAGE_NAMES.get(code, code)})" for code in codes)


def analyse(
    catalogue: Catalogue,
    decisions: Decisions | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Analysis:
    if decisions is None:
        decisions = load_decisions(catalogue.directory)
    concepts = match_concepts(catalogue, decisions, progress)
    askers = {form.municipality for form in catalogue.forms if not form.is_standard}
    return Analysis(catalogue, concepts, flags_for(concepts, len(askers)))


def flags_for(concepts: list[Concept], askers: int) -> list[Flag]:
    """The flags of a set of concepts; ``askers`` is the number of municipalities."""
    flags: list[Flag] = []
    for concept in concepts:
        municipal = [(f, i) for f, i in concept.members if not f.is_standard]
        if not municipal:
            continue
        flags += _duplicates(concept, municipal)
        if concept.standard:
            flags.append(_in_standard(concept, municipal))
        flags += _non_uniform(concept, municipal)
        flags += _local(concept, municipal, askers)
    return flags


def _ref(form: Form, item: FormField) -> str:
    return f"{form.id}/{item.id}"


def _duplicates(concept: Concept, municipal: list[tuple[Form, FormField]]) -> list[Flag]:
    per_municipality: dict[str, list[tuple[Form, FormField]]] = defaultdict(list)
    for form, item in municipal:
        per_municipality[form.municipality].append((form, item))
    flags = []
    for code, asked in sorted(per_municipality.items()):
        if len(asked) < 2:
            continue
        forms = sorted({form.id for form, _ in asked})
        where = "; ".join(f"{form.title} ('{item.label}')" for form, item in asked)
        if len(forms) == 1:
            detail = (
                f"{municipality_name(code)} vraagt '{concept.label}' {len(asked)} keer op "
                f"één formulier: {where}."
            )
        else:
            detail = (
                f"{municipality_name(code)} vraagt '{concept.label}' op {len(forms)} "
                f"formulieren: {where}. Eén keer uitvragen en hergebruiken volstaat."
            )
        flags.append(
            Flag("duplicate", concept.id, forms, [code], detail, [_ref(f, i) for f, i in asked])
        )
    return flags


def _in_standard(concept: Concept, municipal: list[tuple[Form, FormField]]) -> Flag:
    codes = sorted({form.municipality for form, _ in municipal})
    forms = sorted({form.id for form, _ in municipal})
    asked_by = (
        ", ".join(municipality_name(code) for code in codes)
        if len(codes) <= 3
        else f"{len(codes)} gemeenten"
    )
    labels = sorted({item.label for _, item in municipal})
    shown = ", ".join(f"'{label}'" for label in labels[:3]) + (" …" if len(labels) > 3 else "")
    detail = (
        f"Al aangeleverd via {standard_text(concept.standard)}. Toch gevraagd door {asked_by} "
        f"op {len(forms)} formulier(en), als {shown}. Jeugdwet art. 2.15 lid 2: gemeenten "
        "stellen geen aanvullende of afwijkende eisen waar het berichtenverkeer in voorziet."
    )
    return Flag("in_standard", concept.id, forms, codes, detail, [_ref(f, i) for f, i in municipal])


def _non_uniform(concept: Concept, municipal: list[tuple[Form, FormField]]) -> list[Flag]:
    """Type and format may not differ anywhere; obligation not between forms for the same
    purpose; frequency only for a concept that is reported over and over (progress,
    delivered hours), never for a static one (a BSN asked on a quarterly report and on a
    half-yearly one is asked the same way: the form's frequency differs, not the BSN)."""
    if len({form.municipality for form, _ in municipal}) < 2:
        return []
    differing: list[str] = []

    def spread(aspect: str, values: dict[str, set[str]]) -> None:
        if len(values) > 1 and len({v for vs in values.values() for v in vs}) > 1:
            shown = " / ".join(sorted({v or "–" for vs in values.values() for v in vs})[:5])
            differing.append(f"{aspect} ({shown})")

    types: dict[str, set[str]] = defaultdict(set)
    formats: dict[str, set[str]] = defaultdict(set)
    for form, item in municipal:
        types[form.municipality].add(item.type)
        fmt = ", ".join(item.format) if isinstance(item.format, list) else (item.format or "")
        formats[form.municipality].add(fmt)
    spread("type", types)
    spread("format", formats)
    purposes = sorted({form.purpose for form, _ in municipal})
    for purpose in purposes:
        frequency: dict[str, set[str]] = defaultdict(set)
        obligation: dict[str, set[str]] = defaultdict(set)
        for form, item in municipal:
            if form.purpose == purpose:
                frequency[form.municipality].add(form.frequency.describe())
                obligation[form.municipality].add("verplicht" if item.required else "optioneel")
        if not concept.static:
            spread(f"frequentie bij {purpose}", frequency)
        spread(f"verplicht bij {purpose}", obligation)
    if not differing:
        return []
    codes = sorted({form.municipality for form, _ in municipal})
    detail = (
        f"'{concept.label}' wordt door {len(codes)} gemeenten verschillend gevraagd: "
        + "; ".join(differing)
        + ". Eén landelijke definitie maakt één werkwijze mogelijk."
    )
    forms = sorted({form.id for form, _ in municipal})
    refs = [_ref(f, i) for f, i in municipal]
    return [Flag("non_uniform", concept.id, forms, codes, detail, refs)]


def _local(concept: Concept, municipal: list[tuple[Form, FormField]], askers: int) -> list[Flag]:
    """Only one municipality (or a small minority) asks it. A small concept the matcher
    found near a common one is not flagged: it may be that one in other words, so it goes
    to the review list instead."""
    if concept.standard or askers < 3 or concept.near:
        return []
    codes = sorted({form.municipality for form, _ in municipal})
    if len(codes) > max(1, int(askers * LOCAL_SHARE)):
        return []
    forms = sorted({form.id for form, _ in municipal})
    names = ", ".join(municipality_name(code) for code in codes)
    detail = (
        f"Alleen {names} vraagt '{concept.label}' ({len(codes)} van {askers} gemeenten in de "
        "catalogus). Schrappen, of landelijk afspreken als het nodig is."
    )
    return [Flag("local", concept.id, forms, codes, detail, [_ref(f, i) for f, i in municipal])]
