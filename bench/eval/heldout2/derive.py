"""Derive the second held-out catalogue from hand-written archetype forms.

The archetypes (archetypes/*.yaml) are whole forms as a region words them, written by
hand with each field's concept. This script does what happens to such a form in the
field: a fictional region copies one edition, drops and reorders questions, picks its
own wording style (nouns, questions, bare labels under headings, another author's
phrasing, split questions), adds a regional question; each municipality of the region
then takes the regional copy with local edits (drops, rewordings, a local question,
numbering, abbreviations, English column headers, scanned-PDF noise, weaker types).

No wording is sampled from a per-concept vocabulary: every label comes from the field's
own place in a hand-written form, and the edits are concept-blind text operations.

    python bench/eval/heldout2/derive.py                      # forms-40/ + truth-40.json
    python bench/eval/heldout2/derive.py --municipalities 342 # forms-342/ + truth-342.json

Deterministic (string-seeded random.Random); the 40 set is the first 40 municipalities
(five regions of eight) of the 342 set, GM9100-GM9139 of GM9100-GM9441.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import sys
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
ARCHETYPES = HERE / "archetypes"
FIRST_CODE = 9100
LAST_CODE = 9499
REGION_SIZE = 8
COVERAGE = 5  # regions; the 40 set is five regions, so it holds every archetype edition
# Municipality index at which each local question is first tried (extras.yaml order):
# fourteen inside the 40 set, the rest spread over the other municipalities.
LOCAL_40 = (1, 4, 6, 9, 12, 15, 17, 20, 23, 26, 29, 31, 35, 38)
REGION_NAMES = (
    "Beekdal", "Heidekwartier", "Kreekrug", "Dijkmarken", "Veenhorst", "Zandlanden",
    "Kleistreek", "Duinrand", "Wielmeren", "Polderzoom", "Venkwartier", "Geestrand",
    "Hoogmarken", "Laaglanden-Noord", "Rivierzoom", "Bosrand", "Terpenland", "Esdorpen",
    "Kanaalstreek", "Waardenland", "Heuvelzoom", "Beemsterrand", "Lindeveld", "Maasterras",
    "Slenkdal", "Oeverlanden", "Brinkstreek", "Havenkwartier", "Vaartland", "Grensmarken",
    "Kustzoom", "Weidenland", "Stuwwallen", "Broekstreek", "Dellen", "Zeeklei",
    "Bollenrand", "Turfmarken", "Hoevenland", "Molenwaard", "Akkerzoom", "Ringdijk",
    "Merenstreek",
)  # fmt: skip
FALSE_FRIEND_CONCEPTS = {
    concept
    for pair in yaml.safe_load((HERE / "concepts.yaml").read_text(encoding="utf-8"))[
        "false_friends"
    ]
    for concept in pair
}
FREQUENCY_VARIANTS = {
    "6 months": ["3 months", "6 months", "6 months", "1 year"],
    "1 month": ["1 month", "1 month", "3 months"],
}


# --------------------------------------------------------------------------- archetypes
@dataclass
class Archetype:
    family: str
    edition: str
    weight: float
    titles: list[str]
    purpose: str
    frequency: dict[str, str]
    applies_to: list[str]
    minutes: int
    sections: dict[str, list[str]]
    items: list[dict[str, Any]]


def load_archetypes() -> tuple[dict[str, list[Archetype]], dict[str, Any]]:
    """All archetypes by family (editions in file order) and the extras."""
    families: dict[str, list[Archetype]] = defaultdict(list)
    for path in sorted(ARCHETYPES.glob("*.yaml")):
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        if path.name == "extras.yaml":
            continue
        families[raw["family"]].append(
            Archetype(
                raw["family"],
                raw["edition"],
                float(raw["weight"]),
                list(raw["titles"]),
                raw["purpose"],
                dict(raw["frequency"]),
                list(raw.get("applies_to", [])),
                int(raw["minutes"]),
                {k: list(v) for k, v in raw["sections"].items()},
                list(raw["fields"]),
            )
        )
    extras = yaml.safe_load((ARCHETYPES / "extras.yaml").read_text(encoding="utf-8"))
    return dict(families), extras


def item_concepts(item: dict[str, Any], use_split: bool = False) -> list[str]:
    if "table" in item:
        return [col["c"] for col in item["cols"]]
    if use_split and "split" in item:
        return [part["c"] for part in item["split"]]
    return [item["c"]]


# --------------------------------------------------------------------------- styles
@dataclass
class RegionStyle:
    label_mode: str  # noun | question | sectioned | mixed
    sections_on: bool
    numbering: str  # none | dot | paren | vraag | nested | close
    colon: bool
    id_style: str  # seq | slug | camel | pdf | vraag
    reword_rate: float
    split_rate: float
    table_style: str  # repeat | rows | prefix
    source: str


@dataclass
class MuniStyle:
    scanned: bool
    abbreviate: bool
    english: bool
    typos: bool
    lower: bool


@dataclass
class RegionalCopy:
    """One region's copy of one archetype: kept items, order and wording decisions."""

    archetype: Archetype
    title: str
    order: list[int]  # item indices, in the region's order
    split: set[int]
    label_choice: dict[tuple[int, int], str]  # (item, part) -> chosen label text
    section_text: dict[str, str]
    frequency: dict[str, str]
    minutes: int
    extra: list[dict[str, Any]] = field(default_factory=list)  # regional question(s)


def pick(rng: random.Random, table: list[tuple[str, float]]) -> str:
    values, weights = zip(*table, strict=True)
    return rng.choices(values, weights)[0]


def region_style(rng: random.Random, name: str) -> RegionStyle:
    mode = pick(rng, [("noun", 0.5), ("question", 0.15), ("sectioned", 0.25), ("mixed", 0.1)])
    sections_on = mode == "sectioned" or rng.random() < 0.65
    numbering = pick(
        rng,
        [
            ("none", 0.5),
            ("dot", 0.15),
            ("paren", 0.08),
            ("vraag", 0.07),
            ("nested", 0.12),
            ("close", 0.08),
        ],
    )
    year = rng.choice([2024, 2025, 2026])
    source = rng.choice(
        [
            f"Inkoopdocument jeugdhulp regio {name} {year}, bijlage {rng.randint(2, 9)}",
            f"Handboek werkwijze jeugd regio {name}, versie {year}.{rng.randint(1, 4)}",
            f"Uitvoeringsprotocol regio {name} {year}",
            f"Raamovereenkomst jeugdhulp {name} {year}, deelovereenkomst {rng.randint(1, 6)}",
        ]
    )
    return RegionStyle(
        label_mode=mode,
        sections_on=sections_on,
        numbering=numbering,
        colon=rng.random() < 0.3,
        id_style=pick(
            rng, [("seq", 0.3), ("slug", 0.25), ("camel", 0.2), ("pdf", 0.15), ("vraag", 0.1)]
        ),
        reword_rate=rng.uniform(0.05, 0.3),
        split_rate=0.35,
        table_style=pick(rng, [("repeat", 0.4), ("rows", 0.4), ("prefix", 0.2)]),
        source=source,
    )


def muni_style(rng: random.Random) -> MuniStyle:
    return MuniStyle(
        scanned=rng.random() < 0.12,
        abbreviate=rng.random() < 0.2,
        english=rng.random() < 0.06,
        typos=rng.random() < 0.15,
        lower=rng.random() < 0.05,
    )


def choose_label(
    rng: random.Random, spec: dict[str, Any], mode: str, sections_on: bool, reword: float
) -> str:
    """The wording a region's author picks for one field of its copy."""
    if spec.get("a") and rng.random() < reword:
        return str(rng.choice(spec["a"]))
    short = spec.get("k") if sections_on else None
    if mode == "mixed":
        mode = rng.choice(["noun", "question", "sectioned"])
    if mode == "question" and spec.get("q"):
        return str(spec["q"])
    if mode == "sectioned" and short:
        return str(short)
    if mode == "noun" and short and rng.random() < 0.25:
        return str(short)
    return str(spec["l"])


def region_copy(
    rng: random.Random,
    style: RegionStyle,
    arche: Archetype,
    regional: list[dict[str, Any]],
    coverage: bool,
) -> RegionalCopy:
    kept = [i for i, item in enumerate(arche.items) if rng.random() < keep(item, coverage)]
    kept = _with_parents(arche, kept)
    order = _reorder(rng, arche, kept)
    split = {i for i in order if "split" in arche.items[i] and rng.random() < style.split_rate}
    labels: dict[tuple[int, int], str] = {}
    for i in order:
        item = arche.items[i]
        if "table" in item:
            continue
        parts = item["split"] if i in split else [item]
        for j, part in enumerate(parts):
            labels[i, j] = choose_label(
                rng, part, style.label_mode, style.sections_on, style.reword_rate
            )
    column = rng.randrange(max(len(texts) for texts in arche.sections.values()))
    sections = {key: texts[column % len(texts)] for key, texts in arche.sections.items()}
    frequency = dict(arche.frequency)
    if "every" in frequency and frequency["every"] in FREQUENCY_VARIANTS:
        frequency["every"] = rng.choice(FREQUENCY_VARIANTS[frequency["every"]])
    minutes = max(5, round(arche.minutes * rng.choice([0.75, 1.0, 1.0, 1.25, 1.5])))
    return RegionalCopy(
        arche,
        rng.choice(arche.titles),
        order,
        split,
        labels,
        sections,
        frequency,
        minutes,
        regional,
    )


def keep(item: dict[str, Any], coverage: bool) -> float:
    """How likely a region keeps a question. A region that carries an edition for coverage
    keeps every false friend, so the 40 set has both sides of every pair."""
    p = float(item.get("p", 0.8))
    concepts = set(item_concepts(item)) | set(item_concepts(item, use_split=True))
    if concepts & FALSE_FRIEND_CONCEPTS:
        return 1.0 if coverage else max(p, 0.6)
    return p


def _with_parents(arche: Archetype, kept: list[int]) -> list[int]:
    """A sub-question is only kept with its parent question."""
    present = {arche.items[i].get("c") for i in kept}
    return [
        i
        for i in kept
        if arche.items[i].get("parent") in (None, *present)
        and arche.items[i].get("with") in (None, *present)
    ]


def _reorder(rng: random.Random, arche: Archetype, kept: list[int]) -> list[int]:
    """Swap a few neighbours within a section; sometimes move a middle section to the end."""
    order = list(kept)
    for _ in range(rng.choice([0, 0, 1, 2])):
        if len(order) < 3:
            break
        k = rng.randrange(1, len(order) - 1)
        a, b = arche.items[order[k]], arche.items[order[k + 1]]
        linked = any(x.get(k) for x in (a, b) for k in ("parent", "with"))
        if a.get("s") == b.get("s") and not linked:
            order[k], order[k + 1] = order[k + 1], order[k]
    sections = list(dict.fromkeys(arche.items[i].get("s") for i in order))
    if len(sections) > 3 and rng.random() < 0.2:
        moved = sections[rng.randrange(1, len(sections) - 1)]
        order = [i for i in order if arche.items[i].get("s") != moved] + [
            i for i in order if arche.items[i].get("s") == moved
        ]
    return order


# --------------------------------------------------------------------------- text edits
ABBREVIATIONS = [
    (r"[Gg]eboortedatum", ["geb. datum", "geb.datum", "Geb.dat."]),
    (r"[Tt]elefoonnummer", ["tel.nr.", "telefoonnr.", "Tel."]),
    (r"[Bb]urgerservicenummer", ["BSN", "BSN-nr."]),
    (r"(?<=[a-z])nummer\b", ["nr.", "nr"]),
    (r"\bjeugdige\b", ["jgd.", "jeugdige"]),
    (r"[Cc]liënt", ["client", "clt."]),
    (r"[Ee]-mailadres", ["e-mail", "email", "mailadres"]),
    (r"\b[Oo]mschrijving\b", ["omschr."]),
    (r"\b[Tt]oelichting\b", ["toel."]),
    (r"ouder/verzorger", ["ouder/verz.", "ouder/vz."]),
    (r"[Hh]andtekening", ["handt.", "paraaf/handtekening"]),
    (r"\b[Aa]antal\b", ["aant.", "#"]),
    (r"[Zz]orgaanbieder", ["ZA", "zorgaanb."]),
    (r"\b[Oo]rganisatie\b", ["org."]),
    (r"[Ww]oonplaats", ["wpl.", "woonpl."]),
    (r"[Bb]eschikking", ["besch."]),
    (r"[Pp]roductcode", ["prod.code", "prod. code"]),
]


def abbreviate(rng: random.Random, text: str) -> str:
    for pattern, options in ABBREVIATIONS:
        if re.search(pattern, text) and rng.random() < 0.6:
            text = re.sub(pattern, rng.choice(options), text, count=1)
    return text


def ocr_noise(rng: random.Random, text: str) -> str:
    """What a scanned PDF's text layer does to a label: one or two confusions."""
    edits = [
        ("m", "rn"),
        ("rn", "m"),
        ("l", "1"),
        ("i", "l"),
        ("e", "c"),
        ("ë", "e"),
        ("é", "e"),
        ("h", "b"),
        ("d", "cl"),
        ("u", "ii"),
    ]
    for _ in range(rng.choice([1, 1, 2])):
        roll = rng.random()
        if roll < 0.3:
            text = _break_word(rng, text)
        elif roll < 0.4:
            text = text.replace(" ", "", 1) if " " in text else text
        elif roll < 0.5:
            text = text + rng.choice([" ........", " ____", ":_______"])
        else:
            found = [(a, b) for a, b in edits if a in text[1:]]
            if found:
                a, b = rng.choice(found)
                positions = [m.start() for m in re.finditer(re.escape(a), text) if m.start() > 0]
                k = rng.choice(positions)
                text = text[:k] + b + text[k + len(a) :]
    return text


def _break_word(rng: random.Random, text: str) -> str:
    """Broken hyphenation: a long word split over two lines, hyphen and space kept."""
    words = text.split(" ")
    long_words = [k for k, w in enumerate(words) if len(w) >= 9 and w.isalpha()]
    if not long_words:
        return text
    k = rng.choice(long_words)
    word = words[k]
    cut = rng.randrange(4, len(word) - 3)
    words[k] = word[:cut] + rng.choice(["- ", "-", " "]) + word[cut:]
    return " ".join(words)


def typo(rng: random.Random, text: str) -> str:
    letters = [k for k in range(1, len(text) - 1) if text[k].isalpha() and text[k + 1].isalpha()]
    if not letters:
        return text
    k = rng.choice(letters)
    kind = rng.choice(["swap", "drop", "double"])
    if kind == "swap":
        return text[:k] + text[k + 1] + text[k] + text[k + 2 :]
    if kind == "drop":
        return text[:k] + text[k + 1 :]
    return text[:k] + text[k] + text[k:]


def number(style: str, n: int, section_no: int, sub: int) -> str:
    if style == "dot":
        return f"{n}. "
    if style == "paren":
        return f"({n}) "
    if style == "vraag":
        return f"Vraag {n}: "
    if style == "nested":
        return f"{section_no}.{sub} "
    if style == "close":
        return f"{n}) "
    return ""


def ascii_fold(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def slug(text: str, limit: int = 60) -> str:
    return re.sub(r"[^a-z0-9]+", "-", ascii_fold(text).lower()).strip("-")[:limit].strip("-")


def camel(text: str) -> str:
    words = re.findall(r"[A-Za-z0-9]+", ascii_fold(text))[:6]
    if not words:
        return "veld"
    return words[0].lower() + "".join(w[:1].upper() + w[1:].lower() for w in words[1:])


# --------------------------------------------------------------------------- municipalities
@dataclass
class Muni:
    index: int
    code: str
    region: int
    style: MuniStyle
    families: list[str]
    dropped: dict[str, set[int]]  # family -> item indices dropped locally
    forced: dict[str, set[int]]  # family -> drops forced by the repair pass (never restored)
    reworded: dict[tuple[str, int, int], str]
    swaps: dict[str, int]
    required_flip: dict[str, set[int]]
    locals: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class Region:
    index: int
    name: str
    style: RegionStyle
    copies: dict[str, RegionalCopy]


def make_region(index: int, families: dict[str, list[Archetype]], extras: dict[str, Any]) -> Region:
    rng = random.Random(f"heldout2-region-{index}")
    name = REGION_NAMES[index % len(REGION_NAMES)]
    style = region_style(rng, name)
    # Coverage: of every five consecutive regions, two have each family, the first of the
    # two its first edition, the second its second; the rest is drawn by the family's weight.
    slots = {f: (index - k) % COVERAGE for k, f in enumerate(sorted(families))}
    chosen = [
        f for f in sorted(families) if slots[f] < 2 or rng.random() < families[f][0].weight / 4
    ]
    regional = extras["regional"][index] if index < len(extras["regional"]) else None
    home = next((f for f in (regional or {}).get("fam", []) if f in chosen), None)
    copies = {}
    for family in chosen:
        editions = families[family]
        edition = editions[slots[family] % len(editions)] if slots[family] < 2 else None
        edition = edition or rng.choice(editions)
        extra = [regional] if regional is not None and family == home else []
        copies[family] = region_copy(rng, style, edition, extra, slots[family] < 2)
    return Region(index, name, style, copies)


def make_muni(index: int, region: Region) -> Muni:
    rng = random.Random(f"heldout2-gm-{index}")
    families = [f for f in sorted(region.copies) if rng.random() < 0.85]
    if len(families) < 3:
        families = sorted(region.copies)[:3]
    dropped: dict[str, set[int]] = {}
    reworded: dict[tuple[str, int, int], str] = {}
    flips: dict[str, set[int]] = {}
    for family in families:
        copy = region.copies[family]
        items = copy.archetype.items
        dropped[family] = {
            i for i in copy.order if float(items[i].get("p", 0.8)) < 1 and rng.random() < 0.08
        }
        flips[family] = {
            i for i in copy.order if float(items[i].get("p", 0.8)) < 1 and rng.random() < 0.05
        }
        for (i, j), _ in copy.label_choice.items():
            spec = items[i]["split"][j] if i in copy.split else items[i]
            options = [spec.get(k) for k in ("l", "q")] + list(spec.get("a", []))
            options = [o for o in options if o]
            if rng.random() < 0.05 and options:
                reworded[family, i, j] = str(rng.choice(options))
    return Muni(
        index=index,
        code=f"GM{FIRST_CODE + index}",
        region=region.index,
        style=muni_style(rng),
        families=families,
        dropped=dropped,
        forced={f: set() for f in families},
        reworded=reworded,
        swaps={f: rng.choice([0, 0, 0, 1]) for f in families},
        required_flip=flips,
    )


# --------------------------------------------------------------------------- building forms
@dataclass
class Built:
    form: dict[str, Any]
    concepts: dict[str, str]  # field id -> concept
    doubles: list[dict[str, Any]]


class FormBuilder:
    """Turns one municipality's view of one regional copy into a form@1 mapping."""

    def __init__(self, muni: Muni, region: Region, family: str) -> None:
        self.muni, self.region, self.family = muni, region, family
        self.copy = region.copies[family]
        self.rng = random.Random(f"heldout2-form-{muni.index}-{family}")
        self.fields: list[dict[str, Any]] = []
        self.concepts: list[str] = []
        self.declared: list[str | None] = []  # a labelled second ask: asked_twice | table_rows
        self.labels_by_concept: dict[str, str] = {}
        self.types_by_concept: dict[str, str] = {}
        self.doubles: list[dict[str, Any]] = []
        self.section_numbers: dict[str, int] = {}
        self.sub_counter: dict[str, int] = defaultdict(int)

    def build(self) -> Built:
        arche = self.copy.archetype
        order = [i for i in self.copy.order if i not in self._drops()]
        order = self._local_swap(order)
        present = {c for i in order for c in item_concepts(arche.items[i], i in self.copy.split)}
        for i in order:
            item = arche.items[i]
            if any(item.get(k) and item[k] not in present for k in ("parent", "with")):
                continue
            if "table" in item:
                self._table(item)
            else:
                self._item(i, item)
        for extra in self.copy.extra + [x for x in self.muni.locals if x["_family"] == self.family]:
            self._extra(extra)
        self._mark_doubles()
        return self._finish()

    def _drops(self) -> set[int]:
        return self.muni.dropped[self.family] | self.muni.forced[self.family]

    def _local_swap(self, order: list[int]) -> list[int]:
        items = self.copy.archetype.items
        for _ in range(self.muni.swaps[self.family]):
            if len(order) < 4:
                break
            k = self.rng.randrange(1, len(order) - 1)
            pair = (items[order[k]], items[order[k + 1]])
            if not any(x.get(key) for x in pair for key in ("parent", "with")):
                order[k], order[k + 1] = order[k + 1], order[k]
        return order

    def _section(self, key: str | None) -> str | None:
        if not key or not self.region.style.sections_on:
            return None
        text = self.copy.section_text[key]
        if key not in self.section_numbers:
            self.section_numbers[key] = len(self.section_numbers) + 1
        return text

    def _item(self, i: int, item: dict[str, Any]) -> None:
        parts = item["split"] if i in self.copy.split else [item]
        for j, part in enumerate(parts):
            label = self.muni.reworded.get((self.family, i, j), self.copy.label_choice[i, j])
            if self.muni.style.english and part.get("e", item.get("e")) and self.rng.random() < 0.6:
                english = part.get("e", item.get("e"))
                label = self.rng.choice([english, f"{label} / {english}", f"{english} ({label})"])
            spec = {**{k: v for k, v in item.items() if k not in ("split", "a")}, **part}
            required = bool(spec.get("r", True))
            if i in self.muni.required_flip[self.family]:
                required = not required
            note = None
            if item.get("parent"):
                parent_label = self.labels_by_concept.get(item["parent"], "").rstrip(":")
                parent_type = self.types_by_concept.get(item["parent"])
                if item.get("po") or parent_type in ("boolean", "choice"):
                    note = f"alleen getoond als '{parent_label}' = '{item.get('po', 'Ja')}'"
                else:
                    note = f"alleen getoond als '{parent_label}' is ingevuld"
            self._add(spec, label, item.get("s"), required, note)

    def _table(self, item: dict[str, Any]) -> None:
        style = self.region.style.table_style
        section = self._section(item.get("s"))
        rows = 1 if style == "repeat" else int(item["rows"])
        for row in range(1, rows + 1):
            for col in item["cols"]:
                label = col["l"]
                if self.muni.style.english and col.get("e") and self.rng.random() < 0.6:
                    label = f"{label} / {col['e']}"
                note = None
                if style == "repeat":
                    note = "herhaalbaar: één rij per gezinslid"
                    sec = f"{section or 'Gezinsleden'} (herhaalbaar)"
                elif style == "rows":
                    label = f"{label} {row}"
                    sec = section
                else:
                    label = f"Gezinslid {row}: {label[:1].lower()}{label[1:]}"
                    sec = section
                declared = {**col, "dup": "table_rows"} if rows > 1 else col
                self._add(declared, label, None, False, note, section_text=sec)

    def _extra(self, extra: dict[str, Any]) -> None:
        section = extra["sec"] if self.region.style.sections_on else None
        self._add(extra, extra["l"], None, bool(extra.get("r", False)), None, section_text=section)

    def _add(
        self,
        spec: dict[str, Any],
        label: str,
        section_key: str | None,
        required: bool,
        note: str | None,
        section_text: str | None = None,
    ) -> None:
        section = section_text if section_key is None else self._section(section_key)
        clean = label
        label = self._noise(label)
        label = self._number(section_key) + label
        if self.region.style.colon and not label.rstrip().endswith(("?", ":")):
            label = label.rstrip() + ":"
        kind, fmt = self._type(spec)
        entry: dict[str, Any] = {"id": "", "label": label, "type": kind}
        if not required:
            entry["required"] = False
        if fmt is not None:
            entry["format"] = fmt
        if spec.get("h"):
            entry["help"] = str(spec["h"])
        if section:
            entry["section"] = section
        if note:
            entry["note"] = note
        entry["_clean"] = clean
        self.fields.append(entry)
        self.concepts.append(spec["c"])
        self.declared.append(spec.get("dup"))
        self.labels_by_concept.setdefault(spec["c"], label)
        self.types_by_concept.setdefault(spec["c"], kind)

    def _noise(self, label: str) -> str:
        style, rng = self.muni.style, self.rng
        if style.abbreviate and rng.random() < 0.5:
            label = abbreviate(rng, label)
        if style.typos and rng.random() < 0.06:
            label = typo(rng, label)
        if style.scanned and rng.random() < 0.3:
            label = ocr_noise(rng, label)
        if style.lower and label[1:2].islower():  # "aGB-code" is no one's typing
            label = label[:1].lower() + label[1:]
        return label

    def _number(self, section_key: str | None) -> str:
        style = self.region.style.numbering
        if style == "none":
            return ""
        n = len(self.fields) + 1
        section_no = self.section_numbers.get(section_key or "", 0) or 1
        self.sub_counter[section_key or ""] += 1
        return number(style, n, section_no, self.sub_counter[section_key or ""])

    def _type(self, spec: dict[str, Any]) -> tuple[str, Any]:
        """The type as this municipality's form tool records it; scans lose most types."""
        kind = spec["t"]
        fmt: Any = list(spec["o"]) if spec.get("o") else spec.get("f")
        weak = self.muni.style.scanned or self.region.style.id_style == "pdf"
        if weak and self.rng.random() < 0.7:
            if kind == "bsn":
                return "text", "9 cijfers"
            if kind == "date":
                return "text", "__-__-____"
            if kind == "boolean":
                return "choice", ["Ja", "Nee"]
            if kind == "scale":
                low, high = str(fmt or "1-5").split("-")
                return "choice", [str(v) for v in range(int(low), int(high) + 1)]
        return kind, fmt

    def _mark_doubles(self) -> None:
        """Only declared second asks are labelled; anything else stays for the check to find."""
        by_concept: dict[str, list[int]] = defaultdict(list)
        for k, concept in enumerate(self.concepts):
            by_concept[concept].append(k)
        self._double_positions = {
            c: ks
            for c, ks in by_concept.items()
            if len(ks) > 1 and sum(bool(self.declared[k]) for k in ks) >= len(ks) - 1
        }

    def _finish(self) -> Built:
        ids = self._ids()
        concepts: dict[str, str] = {}
        fields = []
        for entry, field_id, concept in zip(self.fields, ids, self.concepts, strict=True):
            entry.pop("_clean")
            entry["id"] = field_id
            fields.append(entry)
            concepts[field_id] = concept
        form_id = f"{self.muni.code.lower()}-{slug(self.copy.title, 50)}"
        doubles = []
        for concept, positions in self._double_positions.items():
            doubles.append(
                {
                    "form": form_id,
                    "fields": [ids[k] for k in positions],
                    "concept": concept,
                    "kind": next(self.declared[k] for k in positions if self.declared[k]),
                }
            )
        arche = self.copy.archetype
        form = {
            "schema": "regeldruk/form@1",
            "id": form_id,
            "municipality": self.muni.code,
            "title": self.copy.title,
            "purpose": arche.purpose,
            "applies_to": arche.applies_to,
            "frequency": self.copy.frequency,
            "minutes": self.copy.minutes,
            "source": self.region.style.source,
            "example": True,
            "fields": fields,
        }
        return Built(form, {f"{form_id}/{k}": v for k, v in concepts.items()}, doubles)

    def _ids(self) -> list[str]:
        style = self.region.style.id_style
        ids: list[str] = []
        seen: set[str] = set()
        for n, entry in enumerate(self.fields, start=1):
            if style == "seq":
                base = f"v{n:02d}"
            elif style == "slug":
                base = slug(entry["_clean"], 40) or f"veld-{n}"
            elif style == "camel":
                base = camel(entry["_clean"])
            elif style == "pdf":
                base = {
                    "date": "Datum",
                    "boolean": "Selectievakje",
                    "choice": "Keuzelijst",
                    "file": "Bijlage",
                }.get(entry["type"], "Tekstveld") + str(n)
            else:
                base = f"vraag{n}"
            candidate, k = base, 2
            while candidate in seen:
                candidate, k = f"{base}-{k}", k + 1
            seen.add(candidate)
            ids.append(candidate)
        return ids


# --------------------------------------------------------------------------- catalogue
def build_region(
    region: Region, munis: list[Muni], local_concepts: set[str]
) -> list[tuple[Muni, Built]]:
    """Build a region's forms; no non-local concept may end up with one municipality."""
    for _ in range(200):
        built = [(m, FormBuilder(m, region, f).build()) for m in munis for f in m.families]
        holders: dict[str, set[int]] = defaultdict(set)
        for muni, b in built:
            for concept in b.concepts.values():
                holders[concept].add(muni.index)
        lonely = sorted(c for c, ms in holders.items() if len(ms) == 1 and c not in local_concepts)
        if not lonely:
            return built
        _repair(region, munis, lonely[0], next(iter(holders[lonely[0]])))
    raise SystemExit(f"region {region.index}: repair did not converge")


def _repair(region: Region, munis: list[Muni], concept: str, holder: int) -> None:
    """Give a lonely concept back to a neighbour that dropped it, else drop it."""
    for muni in munis:
        if muni.index == holder:
            continue
        for family in muni.families:
            copy = region.copies[family]
            for i in copy.order:
                item = copy.archetype.items[i]
                restorable = i in muni.dropped[family] and i not in muni.forced[family]
                if restorable and concept in item_concepts(item, i in copy.split):
                    muni.dropped[family].discard(i)
                    needs = {item.get("parent"), item.get("with")} - {None}
                    for j in copy.order:
                        if copy.archetype.items[j].get("c") in needs:
                            muni.dropped[family].discard(j)
                    return
    for copy in region.copies.values():
        if any(extra["c"] == concept for extra in copy.extra):
            copy.extra = [extra for extra in copy.extra if extra["c"] != concept]
            return
    owner = next(m for m in munis if m.index == holder)
    for family in owner.families:
        copy = region.copies[family]
        for i in copy.order:
            if concept in item_concepts(copy.archetype.items[i], i in copy.split):
                owner.forced[family].add(i)
    owner.locals = [x for x in owner.locals if x["c"] != concept]


def place_locals(munis: list[Muni], extras: dict[str, Any], total: int) -> None:
    """Each local question to one municipality, from its scheduled index onwards."""
    starts = list(LOCAL_40) + [40 + 9 * k + 3 for k in range(len(extras["local"]) - len(LOCAL_40))]
    taken: set[int] = set()
    for k, (question, start) in enumerate(zip(extras["local"], starts, strict=False)):
        low, high = (0, min(40, total)) if k < len(LOCAL_40) else (40, total)
        for index in [*range(start, high), *range(low, min(start, high))]:
            muni = munis[index]
            family = next((f for f in question["fam"] if f in muni.families), None)
            if family and index not in taken:
                muni.locals.append({**question, "_family": family})
                taken.add(index)
                break


def derive(count: int) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    families, extras = load_archetypes()
    regions = [
        make_region(r, families, extras) for r in range((count + REGION_SIZE - 1) // REGION_SIZE)
    ]
    munis = [make_muni(i, regions[i // REGION_SIZE]) for i in range(count)]
    place_locals(munis, extras, count)
    local_concepts = {q["c"] for q in extras["local"]}
    forms: list[dict[str, Any]] = []
    truth_fields: dict[str, str] = {}
    doubles: list[dict[str, Any]] = []
    for region in regions:
        members = [m for m in munis if m.region == region.index]
        for _, built in build_region(region, members, local_concepts):
            forms.append(built.form)
            truth_fields.update(built.concepts)
            doubles.extend(built.doubles)
    return forms, make_truth(forms, truth_fields, doubles, extras, munis)


def make_truth(
    forms: list[dict[str, Any]],
    truth_fields: dict[str, str],
    doubles: list[dict[str, Any]],
    extras: dict[str, Any],
    munis: list[Muni],
) -> dict[str, Any]:
    spec = yaml.safe_load((HERE / "concepts.yaml").read_text(encoding="utf-8"))
    descriptions = dict(spec["concepts"])
    for question in extras["local"] + extras["regional"]:
        descriptions[question["c"]] = question["l"]
    holders: dict[str, set[str]] = defaultdict(set)
    by_form = {f["id"]: f["municipality"] for f in forms}
    for key, concept in truth_fields.items():
        holders[concept].add(by_form[key.split("/")[0]])
    used = set(truth_fields.values())
    standard = dict(spec["standard"])
    return {
        "schema": "regeldruk/heldout-truth@1",
        "generator": "bench/eval/heldout2/derive.py",
        "municipalities": [m.code for m in munis],
        "fields": dict(sorted(truth_fields.items())),
        "in_standard": sorted(set(standard.values())),
        "standard_fields": standard,
        "local": sorted(c for c, ms in holders.items() if len(ms) == 1),
        "local_by_design": sorted(q["c"] for q in extras["local"] if q["c"] in used),
        "regional": sorted(q["c"] for q in extras["regional"] if q["c"] in used),
        "false_friends": [list(pair) for pair in spec["false_friends"]],
        "double_asks": doubles,
        "municipalities_per_concept": {c: len(ms) for c, ms in sorted(holders.items())},
        "concepts": {c: descriptions.get(c, "") for c in sorted(used | set(standard.values()))},
    }


def write(forms: list[dict[str, Any]], truth: dict[str, Any], out: Path, truth_path: Path) -> None:
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    for form in forms:
        target = out / form["municipality"].lower() / f"{form['id']}.yaml"
        target.parent.mkdir(exist_ok=True)
        text = yaml.safe_dump(form, allow_unicode=True, sort_keys=False, width=100)
        target.write_text(text, encoding="utf-8")
    truth_path.write_text(
        json.dumps(truth, ensure_ascii=False, indent=1, sort_keys=False) + "\n", encoding="utf-8"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--municipalities", type=int, default=40)
    parser.add_argument("--out", type=Path, help="forms directory (default forms-<n>/ here)")
    parser.add_argument("--truth", type=Path, help="truth file (default truth-<n>.json here)")
    args = parser.parse_args(argv)
    count = args.municipalities
    if not 1 <= count <= LAST_CODE - FIRST_CODE + 1:
        print(f"Fout: 1 tot {LAST_CODE - FIRST_CODE + 1} gemeenten", file=sys.stderr)
        return 1
    forms, truth = derive(count)
    out = args.out or HERE / f"forms-{count}"
    truth_path = args.truth or HERE / f"truth-{count}.json"
    write(forms, truth, out, truth_path)
    n_fields = len(truth["fields"])
    print(
        f"{count} gemeenten, {len(forms)} formulieren, {n_fields} velden, "
        f"{len(set(truth['fields'].values()))} concepten -> {out}, {truth_path}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
