"""Group the fields of all forms into concepts: the same question, however it is worded.

1. Read each label as a *meaning*: an attribute (naam, telefoon, datum, code, ...), an
   entity (the child, a parent, the provider, the referrer, the caseworker, ...) and topic
   words (incident, wachtlijst, hulpvraag, ...), after removing numbering ("12.", "(8)",
   "Vraag 7:"), a trailing ":", boilerplate, abbreviations, Dutch compounds and synonyms
   (lexicon.py). Typos are corrected against the words the catalogue itself uses often.
2. A label that does not say whose or which it is (a bare "Naam", "Telefoon" or "Datum"
   under a heading) takes the missing part from the form: the field id's section prefix
   ("ouder-naam", "incident_2"), its help text, or the entity its section's other fields
   name. Only then does a personal attribute default to the child.
3. Fields with the same meaning and type family are one node; candidate pairs of nodes come
   from blocking on topic words, never all-against-all.
4. Two nodes may only be one concept when attribute and entity agree (both must) and their
   moments, plan/delivered, goals/progress and context words do not contradict; their score
   is the weighted overlap of their topic words.
5. Clusters merge best pair first, but only when the *average* score between all their
   members (not just the one pair) clears the threshold, so no chain A~B~C~D can pull A
   and D together; and never two fields of one form, unless they mean exactly the same.
6. A policy adviser's decisions in concepten.yaml (merge, split, confirm) come first. Each
   concept carries its cohesion (the average member-to-member score), so the least certain
   ones can be reviewed first.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import snowballstemmer
import yaml
from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from regeldruk.forms import DECISIONS_FILE, Catalogue, Form, FormField
from regeldruk.lexicon import (
    ABBREVIATIONS,
    ATTRIBUTE_WORDS,
    BOILERPLATE,
    DEFAULT_ENTITY,
    ENTITIES,
    ENTITY_PRIORITY,
    ENTITY_WORDS,
    GROUPS,
    HEADS,
    NUMBERING,
    SPECIFIC_ATTRIBUTES,
    STOPWORDS,
    SYNONYMS,
    WEAK,
)
from regeldruk.municipalities import fold

THRESHOLD = 0.6
PERIODIC_ATTRIBUTES = frozenset({"duur"})
SAME_FORM = 0.9  # one form asking it twice: only in (nearly) the same words
CO_ASKED = 0.1  # share of shared forms above which two clusters are different questions
LINKAGE_SAMPLE = 12  # members per cluster compared in the average linkage (heaviest first)
NEAR_LARGE = 5  # fields a concept needs before smaller ones can be near it
STRAY_LARGE = 5  # clusters of fewer fields are strays when their wording copies a larger one
STRAY_RATIO = 88  # rapidfuzz ratio (0-100) of the sorted words that counts as a copy
BLOCK_LIMIT = 4000  # a topic word shared by more labels than this is no blocking key
ATTRIBUTES = frozenset(ATTRIBUTE_WORDS.values())
# When a label names two specific attributes, the first here is what it asks
# ("E-mail adres" is an e-mail address, "BSN-nummer" a BSN).
ATTRIBUTE_PRIORITY = (
    "burgerservicenummer",
    "geboortedatum",
    "geboorteplaats",
    "email",
    "telefoon",
    "agb",
    "big",
    "postcode",
    "woonplaats",
    "naam",
    "voornaam",
    "voorletters",
    "tussenvoegsel",
    "adres",
    "straat",
    "huisnummer",
    "toevoeging",
    "geslacht",
    "nationaliteit",
)
FILLER_SPREAD = 8  # distinct questions an unknown word frames before it counts as framing
KNOWN_TOPICS = (
    frozenset(w for table in (SYNONYMS, ENTITY_WORDS) for v in table.values() for w in v.split())
    | frozenset(HEADS)
    | frozenset(SYNONYMS)
    | WEAK
    | frozenset(w for words in GROUPS.values() for w in words)
)
LEXICON_WORDS = (
    KNOWN_TOPICS
    | frozenset(
        word
        for table in (ENTITY_WORDS, ATTRIBUTE_WORDS, SYNONYMS, ABBREVIATIONS)
        for key, value in table.items()
        for word in (key, *value.split())
    )
    | frozenset(ENTITY_PRIORITY)
    | STOPWORDS
)
CLARIFYING = (
    ATTRIBUTES
    | frozenset(ENTITY_PRIORITY)
    | WEAK
    | frozenset(w for words in GROUPS.values() for w in words)
)
QUALIFIERS = WEAK | {"product", "aanvraag"} | GROUPS["plan"] | GROUPS["context"]
TYPE_FAMILY = {
    "text": "text",
    "code": "code",
    "choice": "code",
    "boolean": "code",
    "number": "number",
    "scale": "number",
    "date": "date",
    "bsn": "bsn",
    "file": "file",
}


@dataclass(frozen=True)
class Meaning:
    """What a label asks: attribute x entity, and the topic words that say which one."""

    attribute: str | None
    entity: str | None
    topics: frozenset[str]

    @property
    def needs_entity(self) -> bool:
        return self.entity is None and self.attribute in SPECIFIC_ATTRIBUTES

    @property
    def needs_topic(self) -> bool:
        return not (self.topics - WEAK) and self.attribute not in SPECIFIC_ATTRIBUTES

    def signature(self) -> dict[str, str]:
        found = {"attribute": self.attribute or "-"}
        if self.entity:
            found["entity"] = self.entity
        for group, words in GROUPS.items():
            hits = sorted(self.topics & words)
            if hits:
                found[group] = "+".join(hits)
        return found


def compatible(a: dict[str, str], b: dict[str, str]) -> bool:
    return all(a[g] == b[g] for g in a.keys() & b.keys())


def _split_compound(token: str) -> list[str]:
    for head in HEADS:
        if token.endswith(head) and len(token) > len(head) + 2:
            stem = token[: -len(head)]
            if stem.endswith("s") and len(stem) > 4:
                stem = stem[:-1]  # linking s: ingangsdatum -> ingang datum
            return [*_split_compound(stem), head]
    return [token]


def _canonical(word: str) -> list[str]:
    for table in (ENTITY_WORDS, ATTRIBUTE_WORDS, SYNONYMS):
        if word in table:
            return table[word].split()
    return [word]


_STEMMER = snowballstemmer.stemmer("dutch")


@cache
def _stem(token: str) -> str:
    """A word the lexicon does not know, without its inflection: "hulpvragen" and
    "hulpvraag" -> "hulpvrag", "maatregelen" and "maatregel" -> "maatregel"."""
    if token in LEXICON_WORDS or len(token) < 5:
        return token
    stem = str(_STEMMER.stemWord(token))
    return re.sub(r"([aeou])\1([^aeiou])$", r"\1\2", stem)


def clean_label(label: str) -> str:
    """The label as a person would write it: no numbering, trailing ':' or '*'."""
    text = NUMBERING.sub("", label.strip())
    text = re.sub(r"\s*\*+\s*", " ", text)
    text = re.sub(r"\s*\((?:verplicht|optioneel)\)", "", text, flags=re.IGNORECASE)
    return " ".join(text.strip().rstrip(":").split()) or label.strip()


# How to fill it in is not what is asked: "(dd-mm-jjjj)", "bijv. ...", "max. 500 tekens".
FORMAT_HINT = re.compile(
    r"\b(?:dd|mm|jj|jjjj|uu)(?:\s*[-/.:]\s*(?:dd|mm|jj|jjjj|uu))+\b"
    r"|\b(?:bijv|bv|b\.v|bijvoorbeeld|zie|max|maximaal)\b\.?[^)]*"
)
PARTICIPLES = (
    "gestart|gemeld|getekend|ondertekend|beeindigd|beëindigd|gestopt|ingeschreven|aangemeld|"
    "geboren|verwezen|afgesloten|ontvangen|begonnen|vastgesteld|geëvalueerd|geevalueerd"
)


def _prepare(text: str) -> str:
    text = NUMBERING.sub("", text.strip()).rstrip(":").lower()
    text = BOILERPLATE.sub(" ", text)
    text = FORMAT_HINT.sub(" ", text)
    # Form conventions: "t/m" is an end date, "per (datum)" a start date.
    text = text.replace("e-mail", "email").replace("t/m", " eind ").replace("face-to-face", " ")
    text = re.sub(r"\bstand per\b", " peil ", text)
    # Phrases that frame a question without changing it.
    text = re.sub(
        r"\b(?:naar aanleiding van(?: het| de)? \w+|ten opzichte van|van toepassing|"
        r"in deze periode|op (?:de |het )?peil(?:datum|moment)|in eigen woorden)\b",
        " ",
        text,
    )
    text = re.sub(r"\bhoe ?lang\b", " duur ", text)
    text = re.sub(r"\bper welke datum\b", " start datum ", text)
    text = re.sub(r"\bop welke datum\b", " datum ", text)
    text = re.sub(r"\bper \(?datum\)?", " start datum ", text).replace("/", " ")
    text = re.sub(r"\bper \w+", " ", text)  # "tarief per eenheid" is a tariff
    text = re.sub(r"\bpostcode (?:woon)?adres\b", "postcode", text)
    text = re.sub(r"(\w{3,})nr\b", r"\1nummer", text)  # beschikkingsnr -> beschikkingsnummer
    text = re.sub(r"\baantal (?:dagen|weken|maanden)\b", " duur ", text)
    # "Gemeld op", "Zorg gestart op (datum)": a participle with "op" asks a date.
    text = re.sub(
        rf"\b({PARTICIPLES}|\w+[dt]) op(?: \(?datum\)?)?(?=\s*(?:$|[,:(]))", r"\1 datum", text
    )
    text = re.sub(rf"\b({PARTICIPLES}) op\b", r"\1 datum", text)
    text = re.sub(r"\bna (?:het |de )?\w+", " ", text)  # "maatregelen na het incident"
    text = re.sub(r"\b(?:volgens|conform) .*$", " ", text)  # "... volgens inkoopcontract"
    text = re.sub(r"\btot (?:de )?(?:start|aanvang|begin)\b", " ", text)  # "wachttijd tot start"
    return fold(text)


class Reader:
    """Reads labels (and ids, help texts) as meanings; typos are corrected against the
    catalogue's own frequent words and the lexicon."""

    def __init__(self, texts: Iterable[tuple[str, int]] = ()) -> None:
        counts: Counter[str] = Counter()
        for text, weight in texts:
            for raw in _prepare(text).split():
                counts[raw] += weight
                parts = _split_compound(raw)
                if len(parts) > 1:
                    for part in parts:
                        counts[part] += weight
        known = {
            word
            for table in (ENTITY_WORDS, ATTRIBUTE_WORDS, SYNONYMS, ABBREVIATIONS)
            for key, value in table.items()
            for word in (key, *value.split())
        } | STOPWORDS
        frequent = sorted(known | {w for w, n in counts.items() if n >= 5 and len(w) >= 4})
        self.correction: dict[str, str] = {}
        for word, count in counts.items():
            if len(word) < 6 or word in known or not word.isalpha():
                continue
            limit = 1 if len(word) < 9 else 2
            options = [
                (distance, -counts[other], other)
                for other, distance, _ in process.extract(
                    word, frequent, scorer=OSA.distance, score_cutoff=limit, limit=4
                )
                # A spelling the catalogue uses ten times as often, or a word of the lexicon.
                if other != word and (other in known or counts[other] >= 3 * count + 2)
            ]
            if options:
                self.correction[word] = min(options)[2]
        self._cache: dict[str, tuple[str, ...]] = {}

    def tokens(self, text: str) -> tuple[str, ...]:
        cached = self._cache.get(text)
        if cached is not None:
            return cached
        result = self._words(text)
        if "(" in text:
            # A clarification in parentheses says whose or which ("Naam (ouder)", "Product
            # (code)"), not a new topic: "Diagnose (volgens het classificatiesysteem)".
            main = set(self._words(re.sub(r"\([^)]*\)", " ", text)))
            result = tuple(t for t in result if t in main or t in CLARIFYING)
        self._cache[text] = result
        return result

    def _words(self, text: str) -> tuple[str, ...]:
        out: list[str] = []
        for raw in _prepare(text).split():
            raw = self.correction.get(raw, raw)
            word = ABBREVIATIONS.get(raw, raw)
            for part in word.split():
                mapped = _canonical(part)
                if mapped == [part] and part not in ENTITIES and part not in ATTRIBUTES:
                    mapped = [
                        m
                        for piece in _split_compound(part)
                        for m in _canonical(self.correction.get(piece, piece))
                    ]
                out += [
                    _stem(t)
                    for t in mapped
                    if len(t) > 1 and t not in STOPWORDS and not t.isdigit()
                ]
        return tuple(dict.fromkeys(out))

    def meaning(self, text: str) -> Meaning:
        return interpret(self.tokens(text))


def interpret(tokens: Iterable[str]) -> Meaning:
    present = list(dict.fromkeys(tokens))
    words = set(present)
    if "geboorte" in words and ("datum" in words or len(words & ATTRIBUTES) == 0):
        words = (words - {"geboorte", "datum"}) | {"geboortedatum"}
    if "big" in words:
        words -= {"aanmeld", "registratie"}
    if {"contactpersoon", "gemeente"} <= words:
        words -= {"contactpersoon", "gemeente"}
        words.add("consulent")  # the municipality's contact person is the caseworker
    entities = [e for e in ENTITY_PRIORITY if e in words]
    entity = entities[0] if entities else None
    if {"straat", "huisnummer"} <= words:
        words = (words - {"straat", "huisnummer", "toevoeging"}) | {"adres"}
    if "naam" in words:
        words -= {"voornaam", "voorletters", "tussenvoegsel"}  # "Naam en voorletters"
    attributes = words & ATTRIBUTES
    specific = [a for a in ATTRIBUTE_PRIORITY if a in attributes]
    generic = [t for t in present if t in attributes - SPECIFIC_ATTRIBUTES]
    attribute = specific[0] if specific else (generic[0] if generic else None)
    topics = words - ENTITIES - ATTRIBUTES
    if "voortgang" in topics:
        topics.discard("doel")  # "voortgang op doelen" is about progress, not the goals
    if attribute is None and topics == {"product"}:
        attribute = "code"  # the iJw "Product" is the product code
    if attribute is None and entity is not None and not (topics - WEAK) and "aantal" not in topics:
        attribute = "naam"  # "Huisarts", "Welke organisatie levert de hulp?": who, by name
    return Meaning(attribute, entity, frozenset(topics))


def normalise(label: str) -> tuple[str, ...]:
    """Canonical tokens of a label, in order, without boilerplate (no corpus corrections)."""
    return Reader().tokens(label)


@dataclass(frozen=True)
class FieldRef:
    form: str
    field: str


@dataclass
class Concept:
    id: str
    label: str
    members: list[tuple[Form, FormField]]
    standard: list[str] = field(default_factory=list)
    cohesion: float = 1.0  # average member-to-member score: lower is less certain
    variants: int = 1  # distinct meanings (label readings) merged into it
    attribute: str | None = None  # naam, datum, code, ...; None for a topic of its own
    entity: str | None = None  # jeugdige, ouder, aanbieder, ...
    inferred: int = 0  # members whose meaning came from their form (section, help)
    near: str | None = None  # a much larger concept this small one may be a variant of

    @property
    def static(self) -> bool:
        """An identity, contact, number or code: it does not change from report to report,
        so how often a form asks it is the form's frequency, not the concept's."""
        return self.attribute is not None and self.attribute not in PERIODIC_ATTRIBUTES


@dataclass
class Decisions:
    merges: list[list[FieldRef]] = field(default_factory=list)
    splits: list[list[FieldRef]] = field(default_factory=list)
    labels: dict[FieldRef, str] = field(default_factory=dict)


def load_decisions(directory: Path) -> Decisions:
    """The adviser's decisions: merge (or confirm) fields into one concept, split them apart."""
    path = directory / DECISIONS_FILE
    decisions = Decisions()
    if not path.exists():
        return decisions
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    for item in raw.get("decisions", []):
        for action in ("merge", "confirm", "split"):
            if action in item:
                entries = item[action]
                fields = entries.get("fields", []) if isinstance(entries, dict) else entries
                refs = [FieldRef(*str(ref).split("/", 1)) for ref in fields]
                if action == "split":
                    decisions.splits.append(refs)
                else:
                    decisions.merges.append(refs)
                    if isinstance(entries, dict) and entries.get("label") and refs:
                        decisions.labels[refs[0]] = str(entries["label"])
    return decisions


def _id_words(field_id: str) -> list[str]:
    """The words of a field id: "ouder-naam", "gegevens_ouder.telefoon", "ouderTelefoon"."""
    spaced = re.sub(r"([a-z])([A-Z])", r"\1 \2", field_id)
    return [p.lower() for p in re.split(r"[^a-zA-Z]+", spaced) if len(p) > 1]


def _id_text(field_id: str) -> str:
    return " ".join(_id_words(field_id))


def _section(field_id: str) -> str | None:
    """The section part of an id: all but its last word ("s2" of "s2.3")."""
    parts = [p for p in re.split(r"[-_.]|(?<=[a-z])(?=[A-Z])", field_id) if p]
    return "-".join(parts[:-1]).lower() if len(parts) > 1 else None


def _fillers(meanings: Iterable[Meaning]) -> frozenset[str]:
    """Words the lexicon does not know that forms put around many different questions
    ("svp", "actuele", "vermelden"): framing, not meaning. A real topic word ("klacht")
    goes with a few attributes; framing goes with everything."""
    contexts: dict[str, set[tuple[object, ...]]] = defaultdict(set)
    for meaning in meanings:
        for token in meaning.topics - KNOWN_TOPICS:
            rest = tuple(sorted(meaning.topics - {token}))
            contexts[token].add((meaning.attribute, meaning.entity, rest))
    return frozenset(t for t, seen in contexts.items() if len(seen) >= FILLER_SPREAD)


class _Meanings:
    """The meaning of every field, with what a bare label leaves open taken from its form."""

    def __init__(self, catalogue: Catalogue) -> None:
        texts: Counter[str] = Counter()
        for _form, item in catalogue.fields():
            texts[item.label] += 1
        self.reader = Reader(texts.items())
        self.fillers = _fillers(self.reader.meaning(label) for label in texts)
        label_meaning = {label: self.meaning(label) for label in texts}
        topic_labels: Counter[str] = Counter()
        for meaning in label_meaning.values():
            topic_labels.update(meaning.topics)
        self.known_topics = set(topic_labels)
        self.label_meaning = label_meaning

    def meaning(self, text: str) -> Meaning:
        return interpret(t for t in self.reader.tokens(text) if t not in self.fillers)

    def of_form(self, form: Form) -> list[tuple[Meaning, bool]]:
        """(meaning, inferred) per field of the form, in order."""
        own = [self.label_meaning[item.label] for item in form.fields]
        section_entities: dict[str, Counter[str]] = defaultdict(Counter)
        for item, meaning in zip(form.fields, own, strict=True):
            section = _section(item.id)
            if section and meaning.entity:
                section_entities[section][meaning.entity] += 1
        result = []
        for item, meaning in zip(form.fields, own, strict=True):
            if not (meaning.needs_entity or meaning.needs_topic):
                result.append((meaning, False))
                continue
            result.append((self._complete(form, item, meaning, section_entities), True))
        return result

    def _complete(
        self,
        form: Form,
        item: FormField,
        meaning: Meaning,
        section_entities: dict[str, Counter[str]],
    ) -> Meaning:
        entity, topics = meaning.entity, set(meaning.topics)
        for text in (item.help or "", _id_text(item.id)):
            if not text:
                continue
            context = self.meaning(text)
            if entity is None and meaning.needs_entity and context.entity:
                entity = context.entity
            if meaning.needs_topic and not (topics - WEAK):
                topics |= {t for t in context.topics if t in self.known_topics}
        section = _section(item.id)
        if entity is None and meaning.needs_entity and section in section_entities:
            named = section_entities[section].most_common(2)
            if len(named) == 1 or named[0][1] > 2 * named[1][1]:
                entity = named[0][0]
        if entity is None and meaning.attribute in DEFAULT_ENTITY:
            entity = DEFAULT_ENTITY[meaning.attribute]
        return Meaning(meaning.attribute, entity, frozenset(topics))


def score(a: Meaning, b: Meaning, type_a: str, type_b: str) -> float:
    """How alike two meanings are, 0..1; 0 when attribute, entity or a group disagree."""
    if not compatible(a.signature(), b.signature()):
        return 0.0
    # Qualifiers, plan and context words only count where both say one (and then the
    # signature decides): "Budget toewijzing" is the budget.
    strong_a, strong_b = a.topics - QUALIFIERS, b.topics - QUALIFIERS
    if strong_a != strong_b:
        # The words that say which one it is differ: their overlap decides.
        value = len(strong_a & strong_b) / len(strong_a | strong_b)
    else:
        # Only common words ("aantal", "zorg") differ, if anything.
        value = 1.0 - 0.1 * len(a.topics ^ b.topics)
    if a.entity != b.entity:
        value *= 0.9  # one names the entity, the other leaves it open
    if TYPE_FAMILY.get(type_a) != TYPE_FAMILY.get(type_b):
        value *= 0.85
    return value


class _Clusters:
    """Union-find over meaning nodes, with merged signatures, forms and members."""

    def __init__(self, nodes: list[Meaning], weights: list[int], forms: list[set[str]]) -> None:
        self.parent = list(range(len(nodes)))
        self.signature = [n.signature() for n in nodes]
        self.members: list[list[int]] = [[i] for i in range(len(nodes))]
        self.forms = forms
        self.weights = weights
        self.forbidden: dict[int, set[int]] = defaultdict(set)

    def find(self, node: int) -> int:
        while self.parent[node] != node:
            self.parent[node] = self.parent[self.parent[node]]
            node = self.parent[node]
        return node

    def forbid(self, a: int, b: int) -> None:
        self.forbidden[a].add(b)
        self.forbidden[b].add(a)

    def blocked(self, ra: int, rb: int) -> bool:
        if not compatible(self.signature[ra], self.signature[rb]):
            return True
        return any(self.find(x) == rb for x in self.forbidden[ra])

    def union(self, ra: int, rb: int) -> None:
        if len(self.members[ra]) < len(self.members[rb]):
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.signature[ra] = {**self.signature[rb], **self.signature[ra]}
        self.forbidden[ra] |= self.forbidden.pop(rb, set())
        self.members[ra] += self.members[rb]
        self.members[rb] = []
        if len(self.forms[ra]) < len(self.forms[rb]):
            self.forms[ra], self.forms[rb] = self.forms[rb], self.forms[ra]
        self.forms[ra] |= self.forms[rb]
        self.forms[rb] = set()

    def sample(self, root: int) -> list[int]:
        members = self.members[root]
        if len(members) <= LINKAGE_SAMPLE:
            return members
        return sorted(members, key=lambda n: -self.weights[n])[:LINKAGE_SAMPLE]


class _Matcher:
    def __init__(self, catalogue: Catalogue, decisions: Decisions) -> None:
        self.members: list[tuple[Form, FormField]] = []
        meanings = _Meanings(catalogue)
        self.reader = meanings.reader
        split_refs = {ref for refs in decisions.splits for ref in refs}
        node_of_key: dict[tuple[object, ...], int] = {}
        self.nodes: list[Meaning] = []
        self.node_type: list[str] = []
        self.node_weight: list[int] = []
        self.node_forms: list[set[str]] = []
        self.field_node: list[int] = []
        self.node_text: list[str] = []  # a member's label as read, words sorted (for strays)
        self.inferred: list[bool] = []
        for form in catalogue.forms:
            for item, (meaning, inferred) in zip(form.fields, meanings.of_form(form), strict=True):
                ref = FieldRef(form.id, item.id)
                key: tuple[object, ...] = (meaning, TYPE_FAMILY.get(item.type, item.type))
                if ref in split_refs:
                    key = (*key, ref)  # an adviser split it: a node of its own
                if key not in node_of_key:
                    node_of_key[key] = len(self.nodes)
                    self.nodes.append(meaning)
                    self.node_type.append(item.type)
                    self.node_weight.append(0)
                    self.node_forms.append(set())
                node = node_of_key[key]
                self.node_weight[node] += 1
                self.node_forms[node].add(form.id)
                if len(self.node_text) < len(self.nodes):
                    self.node_text.append(" ".join(sorted(self.reader.tokens(item.label))))
                self.members.append((form, item))
                self.field_node.append(node)
                self.inferred.append(inferred)
        self.cache: dict[tuple[int, int], float] = {}

    def score(self, a: int, b: int) -> float:
        key = (a, b) if a < b else (b, a)
        value = self.cache.get(key)
        if value is None:
            value = score(self.nodes[a], self.nodes[b], self.node_type[a], self.node_type[b])
            self.cache[key] = value
        return value

    def linkage(self, clusters: _Clusters, ra: int, rb: int) -> float:
        """Weighted average score between the members of two clusters."""
        total = weight = 0.0
        for a in clusters.sample(ra):
            for b in clusters.sample(rb):
                w = self.node_weight[a] * self.node_weight[b]
                total += w * self.score(a, b)
                weight += w
        return total / weight if weight else 0.0

    @staticmethod
    def co_asked(clusters: _Clusters, ra: int, rb: int, link: float) -> bool:
        """Asked side by side on the same forms: two questions, not one. A form that asks
        one thing twice is rare, so a small share of shared forms does not count, nor one
        form that asks nearly the same words twice."""
        small, large = sorted((clusters.forms[ra], clusters.forms[rb]), key=len)
        shared = sum(1 for form in small if form in large)
        if shared <= CO_ASKED * len(small):
            return False
        return not (shared == 1 and link >= SAME_FORM)

    def candidate_pairs(self) -> set[tuple[int, int]]:
        """Pairs of nodes that share a topic word, or attribute and entity (blocking)."""
        blocks: dict[str, list[int]] = defaultdict(list)
        for node, meaning in enumerate(self.nodes):
            keys = [t for t in meaning.topics if t not in WEAK]
            if not keys:
                keys = [f"{meaning.attribute}|{meaning.entity}"]
            for key in keys:
                blocks[key].append(node)
        pairs: set[tuple[int, int]] = set()
        for nodes in blocks.values():
            if len(nodes) > BLOCK_LIMIT:
                continue
            for i, a in enumerate(nodes):
                for b in nodes[i + 1 :]:
                    pairs.add((a, b) if a < b else (b, a))
        return pairs

    def cluster(
        self, decisions: Decisions, progress: Callable[[int, int], None] | None
    ) -> _Clusters:
        clusters = _Clusters(self.nodes, self.node_weight, [set(f) for f in self.node_forms])
        ref_node = {
            FieldRef(form.id, item.id): node
            for (form, item), node in zip(self.members, self.field_node, strict=True)
        }
        for refs in decisions.splits:
            nodes = [ref_node[r] for r in refs if r in ref_node]
            for i, a in enumerate(nodes):
                for b in nodes[i + 1 :]:
                    clusters.forbid(a, b)
        for refs in decisions.merges:
            nodes = [ref_node[r] for r in refs if r in ref_node]
            for other in nodes[1:]:
                ra, rb = clusters.find(nodes[0]), clusters.find(other)
                if ra != rb:
                    clusters.union(ra, rb)
        scored = sorted(
            ((self.score(a, b), a, b) for a, b in self.candidate_pairs()),
            key=lambda item: (-item[0], item[1], item[2]),
        )
        for index, (value, a, b) in enumerate(scored):
            if value < THRESHOLD:
                break
            if progress and index % 5000 == 0:
                progress(index, len(scored))
            ra, rb = clusters.find(a), clusters.find(b)
            if ra == rb or clusters.blocked(ra, rb):
                continue
            link = self.linkage(clusters, ra, rb)
            if link < THRESHOLD:
                continue
            if self.co_asked(clusters, ra, rb, link):
                continue
            clusters.union(ra, rb)
        self.attach_strays(clusters)
        return clusters

    def attach_strays(self, clusters: _Clusters) -> None:
        """A small cluster whose wording is a near copy of a member of a large one (a typo
        or framing the reader did not undo) joins it, when their meanings agree."""
        roots = {clusters.find(n) for n in range(len(self.nodes))}
        size = {r: sum(self.node_weight[n] for n in clusters.members[r]) for r in roots}
        large = sorted((r for r in roots if size[r] >= STRAY_LARGE), key=lambda r: -size[r])
        choices: list[str] = []
        owner: list[int] = []
        for root in large:
            for node in clusters.sample(root):
                choices.append(self.node_text[node])
                owner.append(root)
        if not choices:
            return
        for root in sorted(r for r in roots if size[r] < STRAY_LARGE):
            for node in clusters.members[root][:3]:
                found = process.extractOne(
                    self.node_text[node], choices, scorer=fuzz.ratio, score_cutoff=STRAY_RATIO
                )
                if found is None:
                    continue
                target = clusters.find(owner[found[2]])
                if target == clusters.find(root) or clusters.blocked(clusters.find(root), target):
                    continue
                if self.co_asked(clusters, clusters.find(root), target, 0.0):
                    continue
                clusters.union(clusters.find(root), target)
                break


def match_concepts(
    catalogue: Catalogue,
    decisions: Decisions | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> list[Concept]:
    """Every field of every form in exactly one concept (singletons included)."""
    decisions = decisions or Decisions()
    matcher = _Matcher(catalogue, decisions)
    clusters = matcher.cluster(decisions, progress)
    grouped: dict[int, list[int]] = defaultdict(list)
    for index, node in enumerate(matcher.field_node):
        grouped[clusters.find(node)].append(index)
    ordered = sorted(
        grouped.items(),
        key=lambda kv: (
            -len(kv[1]),
            matcher.members[kv[1][0]][0].id,
            matcher.members[kv[1][0]][1].id,
        ),
    )
    concepts: list[Concept] = []
    roots: list[int] = []
    for number, (root, indexes) in enumerate(ordered, start=1):
        group = [matcher.members[i] for i in indexes]
        standard = sorted({form.id.upper() for form, _ in group if form.is_standard})
        nodes = clusters.members[root]
        label = _label(matcher, indexes, decisions)
        cohesion = matcher.linkage(clusters, root, root) if len(nodes) > 1 else 1.0
        meaning = matcher.nodes[max(nodes, key=lambda n: matcher.node_weight[n])]
        concepts.append(
            Concept(
                f"c{number:04d}",
                label,
                group,
                standard,
                round(cohesion, 3),
                len(nodes),
                meaning.attribute,
                meaning.entity,
                sum(1 for i in indexes if matcher.inferred[i]),
            )
        )
        roots.append(root)
    _mark_near(concepts, roots, clusters, matcher)
    return concepts


def _mark_near(
    concepts: list[Concept], roots: list[int], clusters: _Clusters, matcher: _Matcher
) -> None:
    """A small concept that shares a topic word, or a specific attribute and entity, with a
    much larger one it may join is probably a variant the matcher could not read: it is
    marked ``near`` that one (for review) instead of being taken as a question of its own."""
    index: dict[object, list[int]] = defaultdict(list)
    for position, root in enumerate(roots):
        if len(concepts[position].members) < NEAR_LARGE:
            continue
        for node in clusters.members[root]:
            meaning = matcher.nodes[node]
            for key in _near_keys(meaning):
                if not index[key] or index[key][-1] != position:
                    index[key].append(position)
    for position, root in enumerate(roots):
        concept = concepts[position]
        if len(concept.members) >= NEAR_LARGE:
            continue
        candidates: Counter[int] = Counter()
        for node in clusters.members[root]:
            for key in _near_keys(matcher.nodes[node]):
                candidates.update(index.get(key, []))
        for other, _ in candidates.most_common():
            if len(concepts[other].members) >= 2 * len(concept.members) and compatible(
                clusters.signature[root], clusters.signature[roots[other]]
            ):
                concept.near = concepts[other].id
                break


def _near_keys(meaning: Meaning) -> list[object]:
    keys: list[object] = list(meaning.topics - QUALIFIERS)
    if meaning.attribute in SPECIFIC_ATTRIBUTES:
        keys.append((meaning.attribute, meaning.entity))
    return keys


ENTITY_LABELS = {
    "jeugdige": "jeugdige",
    "ouder": "ouder/verzorger",
    "aanbieder": "aanbieder",
    "verwijzer": "verwijzer",
    "consulent": "consulent gemeente",
    "contactpersoon": "contactpersoon",
    "behandelaar": "behandelaar",
    "gedragswetenschapper": "gedragswetenschapper",
    "huisarts": "huisarts",
    "school": "school",
    "zorgverzekeraar": "zorgverzekeraar",
    "gemeente": "gemeente",
}


def _label(matcher: _Matcher, indexes: list[int], decisions: Decisions) -> str:
    """A human label: the adviser's, else the wording municipalities use most (one that
    says the whole meaning by itself), with the entity added when the wording leaves it
    open; the iJw name only when no municipality asks it."""
    for i in indexes:
        form, item = matcher.members[i]
        chosen = decisions.labels.get(FieldRef(form.id, item.id))
        if chosen:
            return chosen
    own = [i for i in indexes if not matcher.inferred[i]] or indexes
    municipal = [i for i in own if not matcher.members[i][0].is_standard] or own
    counted = Counter(clean_label(matcher.members[i][1].label) for i in municipal)
    label = min(counted.items(), key=lambda kv: (-kv[1], len(kv[0]), kv[0]))[0]
    meaning = matcher.nodes[matcher.field_node[indexes[0]]]
    said = matcher.reader.meaning(label)
    extra = sorted(meaning.topics - said.topics - WEAK)
    implied = DEFAULT_ENTITY.get(meaning.attribute or "")
    if meaning.entity and said.entity is None and implied != meaning.entity:
        extra.append(ENTITY_LABELS.get(meaning.entity, meaning.entity))
    return f"{label} ({', '.join(extra)})" if extra else label
