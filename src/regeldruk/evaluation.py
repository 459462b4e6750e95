"""Measuring the matcher against a labelled set: pairwise precision/recall and flag recall."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import combinations

from regeldruk.analysis import Flag, flags_for
from regeldruk.forms import Catalogue, Form, FormField
from regeldruk.matching import Concept, Reader

Pair = tuple[str, str]


@dataclass(frozen=True)
class Scores:
    precision: float
    recall: float

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


def pairs_of(groups: dict[str, list[str]], within: set[Pair] | None = None) -> set[Pair]:
    """Every pair of items in one group; restricted to ``within`` when given."""
    found = {tuple(sorted(p)) for members in groups.values() for p in combinations(members, 2)}
    pairs = {(a, b) for a, b in found}
    return pairs & within if within is not None else pairs


def pairwise(
    truth: dict[str, str], predicted: dict[str, str], within: set[Pair] | None = None
) -> Scores:
    """Pairwise precision and recall over the items of ``truth`` (item -> concept)."""
    if within is None:
        return _pairwise_counts(truth, predicted)
    true_groups: dict[str, list[str]] = defaultdict(list)
    predicted_groups: dict[str, list[str]] = defaultdict(list)
    for item, concept in truth.items():
        true_groups[concept].append(item)
        predicted_groups[predicted[item]].append(item)
    true_pairs = pairs_of(true_groups, within)
    predicted_pairs = pairs_of(predicted_groups, within)
    hits = len(true_pairs & predicted_pairs)
    return Scores(
        hits / len(predicted_pairs) if predicted_pairs else 1.0,
        hits / len(true_pairs) if true_pairs else 1.0,
    )


def _pairs(count: int) -> int:
    return count * (count - 1) // 2


def _pairwise_counts(truth: dict[str, str], predicted: dict[str, str]) -> Scores:
    """The same figures from counts alone (a 342-municipality catalogue has tens of
    millions of pairs): pairs in one true and one predicted concept are hits."""
    both = Counter((concept, predicted[item]) for item, concept in truth.items())
    true_pairs = sum(_pairs(n) for n in Counter(truth.values()).values())
    predicted_pairs = sum(_pairs(n) for n in Counter(predicted[i] for i in truth).values())
    hits = sum(_pairs(n) for n in both.values())
    return Scores(
        hits / predicted_pairs if predicted_pairs else 1.0,
        hits / true_pairs if true_pairs else 1.0,
    )


def truth_concepts(
    catalogue: Catalogue, truth: dict[str, str], in_standard: set[str]
) -> list[Concept]:
    members: dict[str, list[tuple[Form, FormField]]] = defaultdict(list)
    for form, item in catalogue.fields():
        concept = truth.get(f"{form.id}/{item.id}")
        if concept is not None:
            members[concept].append((form, item))
    reader = Reader()
    concepts = []
    for name, group in sorted(members.items()):
        # Whether a concept is static (a BSN: its frequency is its form's) is part of the
        # flag rule; the truth does not say, so it is read from its members' own labels.
        attributes = Counter(reader.meaning(item.label).attribute for _, item in group)
        attribute = attributes.most_common(1)[0][0]
        standard = ["TRUTH"] if name in in_standard else []
        concepts.append(Concept(name, name, group, standard, attribute=attribute))
    return concepts


def flag_recall(expected: list[Flag], found: list[Flag], coverage: float = 0.8) -> dict[str, float]:
    """Per kind: the share of expected flags whose fields the found flags of that kind
    (and, for duplicates, of that municipality) cover for at least ``coverage``."""
    covered: dict[tuple[str, str], set[str]] = defaultdict(set)
    for flag in found:
        key = flag.municipalities[0] if flag.kind == "duplicate" else ""
        covered[(flag.kind, key)] |= set(flag.fields)
    hits: dict[str, list[bool]] = defaultdict(list)
    for flag in expected:
        key = flag.municipalities[0] if flag.kind == "duplicate" else ""
        wanted = set(flag.fields)
        share = len(wanted & covered[(flag.kind, key)]) / len(wanted) if wanted else 1.0
        hits[flag.kind].append(share >= coverage)
    return {kind: sum(values) / len(values) for kind, values in sorted(hits.items())}


def expected_flags(
    catalogue: Catalogue, truth: dict[str, str], in_standard: set[str]
) -> list[Flag]:
    askers = {form.municipality for form in catalogue.forms if not form.is_standard}
    return flags_for(truth_concepts(catalogue, truth, in_standard), len(askers))


def _support_key(flag: Flag) -> tuple[str, str]:
    return (flag.kind, flag.municipalities[0] if flag.kind == "duplicate" else "")


def flag_precision(
    expected: list[Flag], found: list[Flag], coverage: float = 0.8
) -> dict[str, float]:
    """Per kind: the share of found flags that one expected flag of that kind (and, for
    duplicates, of that municipality) supports: it holds at least ``coverage`` of the
    found flag's fields. A flag on a wrongly merged or an orphaned concept has no support."""
    expected_fields: dict[tuple[str, str], list[set[str]]] = defaultdict(list)
    for flag in expected:
        expected_fields[_support_key(flag)].append(set(flag.fields))
    hits: dict[str, list[bool]] = defaultdict(list)
    for flag in found:
        own = set(flag.fields)
        supported = any(
            len(own & fields) >= coverage * len(own)
            for fields in expected_fields[_support_key(flag)]
        )
        hits[flag.kind].append(supported if own else False)
    return {kind: sum(values) / len(values) for kind, values in sorted(hits.items())}
