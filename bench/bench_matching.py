"""Benchmark the matcher's quality on the labelled example catalogue, next to Valentine.

The truth is bench/eval/voorbeelden-concepten.json (written by
scripts/generate_example_forms.py): 1,036 fields of 77 example forms in 62 concepts,
false friends included. Prints pairwise precision, recall and F1 of the concepts, the
recall of each flag kind, and, on the same sample of form pairs, the name-based matchers
of Valentine (Coma, schema only; Similarity Flooding; Cupid needs NLTK data that can't be
fetched here and is reported as such), each at the threshold that gives it its best F1.

    python bench/bench_matching.py [--form-pairs 400]      (pip install -e '.[bench]')
"""

from __future__ import annotations

import argparse
import json
import random
import time
import warnings
from pathlib import Path

from regeldruk.analysis import analyse
from regeldruk.evaluation import Pair, Scores, expected_flags, flag_recall, pairwise
from regeldruk.forms import Form, load_catalogue
from regeldruk.matching import Decisions

ROOT = Path(__file__).resolve().parent.parent
TRUTH = ROOT / "bench" / "eval" / "voorbeelden-concepten.json"


def form_pair_sample(forms: list[Form], count: int, seed: int = 7) -> list[tuple[Form, Form]]:
    pairs = [(a, b) for i, a in enumerate(forms) for b in forms[i + 1 :]]
    random.Random(seed).shuffle(pairs)
    return pairs[:count]


def cross_pairs(sample: list[tuple[Form, Form]]) -> set[Pair]:
    return {
        tuple(sorted((f"{a.id}/{x.id}", f"{b.id}/{y.id}")))  # type: ignore[misc]
        for a, b in sample
        for x in a.fields
        for y in b.fields
    }


def valentine_scores(
    matcher: object, sample: list[tuple[Form, Form]], truth: dict[str, str]
) -> tuple[Scores, float, float]:
    """(best scores, their threshold, seconds) of one Valentine matcher on the sample."""
    import pandas as pd
    from valentine import valentine_match

    found: list[tuple[Pair, float]] = []
    begin = time.perf_counter()
    for a, b in sample:
        frames, names = [], []
        for form in (a, b):
            columns: dict[str, str] = {}
            for item in form.fields:
                name = item.label if item.label not in columns else f"{item.label} ({item.id})"
                columns[name] = f"{form.id}/{item.id}"
            frames.append((pd.DataFrame(columns=list(columns)), columns))
            names.append(form.id)
        result = valentine_match([f for f, _ in frames], matcher, df_names=names)  # type: ignore[arg-type]
        for pair, score in result.one_to_one_greedy().items():
            left = frames[0][1].get(pair.source_column) or frames[1][1].get(pair.source_column)
            right = frames[1][1].get(pair.target_column) or frames[0][1].get(pair.target_column)
            if left and right:
                found.append((tuple(sorted((left, right))), float(score)))  # type: ignore[arg-type]
    seconds = time.perf_counter() - begin
    universe = cross_pairs(sample)
    true_pairs = {p for p in universe if truth.get(p[0]) and truth.get(p[0]) == truth.get(p[1])}
    best = (Scores(0.0, 0.0), 0.0)
    for step in range(10, 100, 5):
        threshold = step / 100
        predicted = {p for p, s in found if s >= threshold}
        hits = len(predicted & true_pairs)
        scores = Scores(hits / len(predicted) if predicted else 0.0, hits / len(true_pairs))
        if scores.f1 > best[0].f1:
            best = (scores, threshold)
    return best[0], best[1], seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--form-pairs", type=int, default=400)
    args = parser.parse_args()
    raw = json.loads(TRUTH.read_text(encoding="utf-8"))
    truth: dict[str, str] = raw["fields"]
    in_standard = set(raw["in_standard"])
    catalogue, problems = load_catalogue(ROOT / "forms")
    assert not problems, problems
    begin = time.perf_counter()
    analysis = analyse(catalogue, Decisions())
    seconds = time.perf_counter() - begin
    predicted = {f"{f.id}/{i.id}": c.id for c in analysis.concepts for f, i in c.members}
    overall = pairwise(truth, predicted)
    print(
        f"labelled set: {len(truth)} fields, {len(set(truth.values()))} concepts, "
        f"{len({k.split('/')[0] for k in truth})} forms"
    )
    print(
        f"regeldruk, all pairs: precision {overall.precision:.3f}  recall {overall.recall:.3f}  "
        f"F1 {overall.f1:.3f}  ({seconds:.2f} s for the whole catalogue)"
    )
    recall = flag_recall(expected_flags(catalogue, truth, in_standard), analysis.flags)
    print("flag recall: " + "  ".join(f"{kind} {value:.3f}" for kind, value in recall.items()))

    examples = [f for f in catalogue.forms if not f.is_standard]
    sample = form_pair_sample(examples, args.form_pairs)
    within = cross_pairs(sample)
    ours = pairwise(truth, predicted, within)
    print(f"\non {len(sample)} sampled form pairs ({len(within)} cross-form field pairs):")
    print(
        f"  regeldruk                      precision {ours.precision:.3f}  recall "
        f"{ours.recall:.3f}  F1 {ours.f1:.3f}"
    )
    try:
        from valentine.algorithms import Coma, SimilarityFlooding
    except ImportError:
        print("  Valentine not installed: pip install -e '.[bench]'")
        return
    results = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for name, matcher in (
            ("Valentine Coma (schema)", Coma(use_instances=False)),
            ("Valentine SimilarityFlooding", SimilarityFlooding()),
        ):
            scores, threshold, took = valentine_scores(matcher, sample, truth)
            results[name] = scores
            print(
                f"  {name:<30} precision {scores.precision:.3f}  recall {scores.recall:.3f}  "
                f"F1 {scores.f1:.3f}  (best threshold {threshold:.2f}, {took:.1f} s)"
            )
    print(
        "  Valentine Cupid                 not run: needs NLTK corpora (wordnet) from the internet"
    )
    best_name = max(results, key=lambda n: results[n].f1)
    print(
        f"\nbest Valentine name-based matcher: {best_name}, F1 {results[best_name].f1:.3f} "
        f"against regeldruk's {ours.f1:.3f}"
    )


if __name__ == "__main__":
    main()
