"""Group the fields of all forms into concepts: the same question, however it is worded.

1. Normalise each label: case, accents, boilerplate ("(verplicht)", "*"), abbreviations
   ("geb.", "nr", "tel."), Dutch compounds ("geboortedatum" -> "geboorte datum") and
   synonyms ("cliënt", "kind" -> "jeugdige").
2. Work on distinct normalised labels (a national catalogue repeats the same few thousand).
3. Find candidate pairs by blocking on each label's rarest tokens, never all-against-all.
4. Score pairs with rapidfuzz and token overlap, with a penalty for incompatible types.
5. Cluster greedily, best pairs first, and refuse a merge that would join false friends:
   every label has a signature (role: child/parent/practitioner; moment: start/end/
   registration; plan vs delivered; goals vs progress; ...) and clusters only merge when
   their signatures agree, so unrelated fields cannot chain together.
6. A policy adviser's decisions in concepten.yaml (merge, split, confirm) come first.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from rapidfuzz import fuzz

from regeldruk.forms import DECISIONS_FILE, Catalogue, Form, FormField
from regeldruk.municipalities import fold

THRESHOLD = 0.72

BOILERPLATE = re.compile(
    r"\((?:verplicht|ijw|ja/nee|naam|bijlage|€|eur|optioneel|indien van toepassing)\)"
    r"|\*|\bverplicht\b|\boptioneel\b|\?"
)
ABBREVIATIONS = {
    "geb": "geboorte",
    "nr": "nummer",
    "tel": "telefoon",
    "bsn": "burgerservicenummer",
    "burgerservicenr": "burgerservicenummer",
    "e": "",
    "mail": "email",
    "mailadres": "email",
    "emailadres": "email",
    "tm": "tot",
    "dsm": "dsm",
    "big": "big",
    "agb": "agb",
    "nummer": "nummer",
    "nummers": "nummer",
    "datums": "datum",
}
# Heads of Dutch compounds: "behandeldoelen" -> "behandel doelen".
HEADS = (
    "datum",
    "nummer",
    "doelen",
    "doel",
    "uren",
    "code",
    "categorie",
    "plaats",
    "adres",
    "tarief",
    "bedrag",
    "periode",
    "volume",
    "inschatting",
    "realisatie",
    "plan",
    "duur",
    "vorm",
    "methodiek",
    "perspectief",
    "tevredenheid",
    "situatie",
    "aanvraag",
    "instelling",
)
SYNONYMS = {
    # role
    "client": "jeugdige",
    "kind": "jeugdige",
    "jongere": "jeugdige",
    "jeugdige": "jeugdige",
    "ouder": "ouder",
    "ouders": "ouder",
    "verzorger": "ouder",
    "gezaghebbende": "ouder",
    "moeder": "ouder",
    "vader": "ouder",
    "relatie": "ouder",
    "gezaghebbenden": "ouder",
    "akkoord": "toestemming",
    "behandelaar": "behandelaar",
    "hulpverlener": "behandelaar",
    "jeugdprofessional": "behandelaar",
    "regiebehandelaar": "behandelaar",
    # moment
    "start": "start",
    "begin": "start",
    "aanvang": "start",
    "ingang": "start",
    "ingangs": "start",
    "eind": "eind",
    "einde": "eind",
    "beeindiging": "eind",
    "beeindigen": "eind",
    "afsluiting": "eind",
    "afsluit": "eind",
    "stop": "eind",
    "aanmelding": "aanmeld",
    "aanmelden": "aanmeld",
    "aanmeld": "aanmeld",
    "registratiedatum": "aanmeld datum",
    # plan vs delivered
    "gepland": "gepland",
    "geplande": "gepland",
    "begroot": "gepland",
    "begrote": "gepland",
    "verwacht": "gepland",
    "verwachte": "gepland",
    "geschat": "gepland",
    "geschatte": "gepland",
    "geleverd": "geleverd",
    "geleverde": "geleverd",
    "gerealiseerd": "geleverd",
    "gerealiseerde": "geleverd",
    "daadwerkelijk": "geleverd",
    # goals vs progress
    "doel": "doel",
    "doelen": "doel",
    "voortgang": "voortgang",
    "realisatie": "voortgang",
    "doelrealisatie": "voortgang",
    "behaalde": "voortgang",
    # others
    "gedeclareerd": "ingediend",
    "ingediende": "ingediend",
    "woonadres": "adres",
    "sekse": "geslacht",
    "achternaam": "naam",
    "volledige": "",
    "uur": "volume",
    "uren": "volume",
    "telefoonnummer": "telefoon",
    "handtekening": "ondertekening",
    "getekend": "ondertekening",
    "behandelmethode": "methodiek",
    "interventie": "methodiek",
    "methode": "methodiek",
    "ingezette": "",
    "gebruikte": "",
    "zwaarte": "ernst",
    "onveiligheid": "veiligheid",
    "waardering": "tevredenheid",
    "clienttevredenheid": "tevredenheid",
    "gewenste": "",
    "motivatie": "reden",
    "onderbouwing": "reden",
    "waarom": "reden",
    "looptijd": "duur",
    "behandelduur": "duur",
    "zorgaanbieder": "aanbieder",
    "organisatie": "aanbieder",
    "verwezen": "verwijzer",
    "verwijzende": "verwijzer",
    "wachtlijst": "wachttijd",
    "wachtduur": "wachttijd",
    "crisisplaatsing": "crisis",
    "soort": "type",
    "verblijfsvorm": "verblijf",
    "gesprekken": "contactmomenten",
    "contacten": "contactmomenten",
    "samenstelling": "situatie",
    "gezinssituatie": "gezin situatie",
    "gezin": "gezin",
    "hulpverleningsplan": "behandel plan",
    "aanpak": "behandel",
    "hulp": "zorg",
    "jeugdhulp": "zorg",
    "hulpverlening": "zorg",
    "behandeling": "zorg",
    "hulpverleningsdoelen": "doel",
    "beoogde": "",
    "behandeldoelen": "doel",
    "geleverd volume": "geleverd volume",
    "uitstroomperspectief": "perspectief",
    "vervolg": "perspectief",
    "onderwijsinstelling": "school",
    "producttarief": "tarief",
    "uurtarief": "tarief",
    "product": "product",
    "dsm5": "dsm",
    "classificatie": "diagnose",
    "woonplaats": "woonplaats",
    "woongemeente": "woonplaats",
    "zorgen": "veiligheid",
    "signalen": "veiligheid",
    "instanties": "netwerk",
    "hulpverleners": "netwerk",
    "mate": "",
    "evaluatiedatum": "evaluatie datum",
    "factuur": "declaratie",
}
STOPWORDS = {
    "van",
    "de",
    "het",
    "een",
    "op",
    "ten",
    "aanzien",
    "per",
    "in",
    "voor",
    "of",
    "en",
    "is",
    "er",
    "zijn",
    "wie",
    "waar",
    "welke",
    "nodig",
    "vindt",
    "plaats",
    "over",
    "tot",
    "met",
    "bij",
    "na",
    "die",
    "dat",
    "door",
    "aan",
    "te",
    "om",
    "s",
    "laatste",
    "totaal",
    # verbs and framing nouns that forms add around the same question
    "gevolgd",
    "doorlopen",
    "toegepast",
    "betreft",
    "omschrijving",
    "beschrijving",
    "inschatting",
    "aangevraagde",
    "gevraagde",
    "gevraagd",
    "verantwoordelijk",
    "volgens",
}
# Tokens too common to tie two labels together on their own.
WEAK = {
    "datum",
    "nummer",
    "naam",
    "code",
    "type",
    "aantal",
    "zorg",
    "jeugdige",
    "toewijzing",
    "beschikking",
    "aanbieder",
    "product",
    "volume",
    "start",
    "eind",
    "aanmeld",
}
# Signature groups: labels whose tokens disagree within a group are never one concept.
GROUPS: dict[str, set[str]] = {
    "role": {
        "jeugdige",
        "ouder",
        "behandelaar",
        "gedragswetenschapper",
        "huisarts",
        "school",
        "zorgverzekeraar",
    },
    "moment": {"start", "eind", "aanmeld", "evaluatie", "ondertekening", "geboorte"},
    "plan": {"gepland", "geleverd"},
    "goal": {"doel", "voortgang"},
    "context": {"toewijzing", "zorg", "beschikking"},
}
# Attributes of a person that, without a role word, are the client's own.
PERSONAL = {
    "naam",
    "geboorte",
    "geslacht",
    "burgerservicenummer",
    "adres",
    "postcode",
    "woonplaats",
    "telefoon",
    "email",
    "nationaliteit",
}
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


def _split_compound(token: str) -> list[str]:
    for head in HEADS:
        if token.endswith(head) and len(token) > len(head) + 2:
            stem = token[: -len(head)]
            if stem.endswith("s") and len(stem) > 4:
                stem = stem[:-1]  # linking s: ingangsdatum -> ingang datum
            return [*_split_compound(stem), head]
    return [token]


def normalise(label: str) -> tuple[str, ...]:
    """Canonical tokens of a label, in order, without boilerplate."""
    text = BOILERPLATE.sub(" ", label.lower())
    # Form conventions: "t/m" is an end date, "per (datum)" a start date.
    text = text.replace("e-mail", "email").replace("t/m", " eind ").replace("face-to-face", " ")
    text = re.sub(r"\bper \(?datum\)?", " start datum ", text).replace("/", " ")
    text = re.sub(r"\bper \w+", " ", text)  # "tarief per eenheid" is a tariff
    text = re.sub(r"\bpostcode (?:woon)?adres\b", "postcode", text)
    text = re.sub(r"(\w{3,})nr\b", r"\1nummer", text)  # beschikkingsnr -> beschikkingsnummer
    tokens: list[str] = []
    for raw in fold(text).split():
        word = ABBREVIATIONS.get(raw, raw)
        for part in word.split():
            mapped = SYNONYMS.get(part)
            pieces = (
                mapped.split()
                if mapped is not None
                else [SYNONYMS.get(p, p) for p in _split_compound(part)]
            )
            for piece in pieces:
                for token in piece.split():
                    if token and token not in STOPWORDS:
                        tokens.append(token)
    # A form is about the client: "Naam" without a role word is the client's name.
    if tokens and not set(tokens) & GROUPS["role"] and set(tokens) & PERSONAL:
        tokens.append("jeugdige")
    return tuple(dict.fromkeys(tokens))


def signature(tokens: Iterable[str]) -> dict[str, str]:
    present = set(tokens)
    found: dict[str, str] = {}
    for group, words in GROUPS.items():
        hits = sorted(present & words)
        if group == "goal" and "voortgang" in hits:
            hits = ["voortgang"]  # "voortgang op doelen" is about progress, not the goals
        if hits:
            found[group] = "+".join(hits)
    if "role" not in found and present & PERSONAL:
        found["role"] = "jeugdige"
    return found


def compatible(a: dict[str, str], b: dict[str, str]) -> bool:
    return all(a[g] == b[g] for g in a.keys() & b.keys())


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


class _Clusters:
    """Union-find over label nodes, each cluster carrying its merged signature."""

    def __init__(self, signatures: list[dict[str, str]]) -> None:
        self.parent = list(range(len(signatures)))
        self.signature = [dict(s) for s in signatures]
        self.forbidden: dict[int, set[int]] = defaultdict(set)

    def find(self, node: int) -> int:
        while self.parent[node] != node:
            self.parent[node] = self.parent[self.parent[node]]
            node = self.parent[node]
        return node

    def forbid(self, a: int, b: int) -> None:
        self.forbidden[a].add(b)
        self.forbidden[b].add(a)

    def union(self, a: int, b: int, force: bool = False) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        if not force:
            if not compatible(self.signature[ra], self.signature[rb]):
                return False
            if any(self.find(x) == rb for x in self.forbidden[ra]):
                return False
        self.parent[rb] = ra
        self.signature[ra] = {**self.signature[rb], **self.signature[ra]}
        self.forbidden[ra] |= self.forbidden.pop(rb, set())
        return True


def _score(a: tuple[str, ...], b: tuple[str, ...], type_a: str, type_b: str) -> float:
    set_a, set_b = set(a), set(b)
    shared = set_a & set_b
    jaccard = len(shared) / len(set_a | set_b)
    sorted_ratio = fuzz.token_sort_ratio(" ".join(a), " ".join(b)) / 100
    score = 0.5 * jaccard + 0.5 * sorted_ratio
    if not shared - WEAK and signature(a).keys() != signature(b).keys():
        # Only common words in common, and one label says more (a moment, a role):
        # "Toewijzingsdatum" is not "Einddatum toewijzing".
        score *= 0.8
    if shared - WEAK:
        # One label inside the other ("Hulpvraag" in "Omschrijving hulpvraag"), held
        # together by a specific word; false friends are kept apart by the signatures.
        containment = len(shared) / min(len(set_a), len(set_b))
        score = max(score, 0.6 * containment + 0.4 * sorted_ratio)
    if TYPE_FAMILY.get(type_a) != TYPE_FAMILY.get(type_b):
        score *= 0.85
    return score


def match_concepts(
    catalogue: Catalogue,
    decisions: Decisions | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> list[Concept]:
    """Every field of every form in exactly one concept (singletons included)."""
    decisions = decisions or Decisions()
    members: list[tuple[Form, FormField]] = list(catalogue.fields())
    # Distinct (normalised label, type family) nodes.
    node_of_key: dict[tuple[object, ...], int] = {}
    node_tokens: list[tuple[str, ...]] = []
    node_type: list[str] = []
    field_node: list[int] = []
    # Fields the adviser split apart get a node of their own, even with identical labels.
    split_refs = {ref for refs in decisions.splits for ref in refs}
    for form, item in members:
        tokens = normalise(item.label) or (fold(item.label) or item.id,)
        ref = FieldRef(form.id, item.id)
        key: tuple[object, ...] = (tokens, TYPE_FAMILY.get(item.type, item.type))
        if ref in split_refs:
            key = (*key, ref)
        if key not in node_of_key:
            node_of_key[key] = len(node_tokens)
            node_tokens.append(tokens)
            node_type.append(item.type)
        field_node.append(node_of_key[key])
    clusters = _Clusters([signature(t) for t in node_tokens])
    ref_node = {
        FieldRef(form.id, item.id): node
        for (form, item), node in zip(members, field_node, strict=True)
    }
    for refs in decisions.splits:
        nodes = [ref_node[r] for r in refs if r in ref_node]
        for i, a in enumerate(nodes):
            for b in nodes[i + 1 :]:
                clusters.forbid(a, b)
    for refs in decisions.merges:
        nodes = [ref_node[r] for r in refs if r in ref_node]
        for other in nodes[1:]:
            clusters.union(nodes[0], other, force=True)

    pairs = _candidate_pairs(node_tokens)
    scored = sorted(
        (
            (_score(node_tokens[a], node_tokens[b], node_type[a], node_type[b]), a, b)
            for a, b in pairs
        ),
        reverse=True,
    )
    for index, (score, a, b) in enumerate(scored):
        if score < THRESHOLD:
            break
        clusters.union(a, b)
        if progress and index % 5000 == 0:
            progress(index, len(scored))
    return _concepts(members, field_node, clusters, decisions)


def _candidate_pairs(
    node_tokens: list[tuple[str, ...]], keys_per_label: int = 2
) -> set[tuple[int, int]]:
    """Pairs of labels that share one of their rarest tokens (blocking)."""
    frequency = Counter(token for tokens in node_tokens for token in set(tokens))
    blocks: dict[str, list[int]] = defaultdict(list)
    for node, tokens in enumerate(node_tokens):
        # A token no other label has can't pair anything: block on the rarest shared ones.
        shared = [t for t in set(tokens) if frequency[t] > 1]
        for token in sorted(shared, key=lambda t: (frequency[t], t))[:keys_per_label]:
            blocks[token].append(node)
    pairs: set[tuple[int, int]] = set()
    for nodes in blocks.values():
        for i, a in enumerate(nodes):
            for b in nodes[i + 1 :]:
                pairs.add((a, b) if a < b else (b, a))
    return pairs


def _concepts(
    members: list[tuple[Form, FormField]],
    field_node: list[int],
    clusters: _Clusters,
    decisions: Decisions,
) -> list[Concept]:
    grouped: dict[int, list[tuple[Form, FormField]]] = defaultdict(list)
    for member, node in zip(members, field_node, strict=True):
        grouped[clusters.find(node)].append(member)
    ordered = sorted(grouped.values(), key=lambda m: (-len(m), m[0][0].id, m[0][1].id))
    concepts: list[Concept] = []
    for number, group in enumerate(ordered, start=1):
        standard = sorted({form.id.upper() for form, _ in group if form.is_standard})
        label = _label(group, decisions)
        concepts.append(Concept(f"c{number:04d}", label, group, standard))
    return concepts


def _label(group: list[tuple[Form, FormField]], decisions: Decisions) -> str:
    for form, item in group:
        chosen = decisions.labels.get(FieldRef(form.id, item.id))
        if chosen:
            return chosen
    standard = [item.label for form, item in group if form.is_standard]
    if standard:
        return Counter(standard).most_common(1)[0][0]  # the national name
    municipal = Counter(
        " ".join(BOILERPLATE.sub("", item.label).split())
        for form, item in group
        if not form.is_standard
    )
    if municipal:
        return municipal.most_common(1)[0][0]
    return group[0][1].label
