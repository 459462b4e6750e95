"""Benchmark the matcher's quality: the tuning sets, and the frozen held-out set.

Tuning sets (the matcher was tuned on these):
- forms/voorbeelden with bench/eval/voorbeelden-concepten.json (scripts/generate_example_forms.py);
- the noisy attribute x entity set of scripts/generate_tuning_forms.py, at 40 and at 342
  municipalities (generated into a temporary directory).
Held-out set (never read while tuning; only these aggregate figures are printed):
- bench/eval/heldout/, at 40 and at 342 municipalities, when it is there.

For each: pairwise precision, recall and F1 of the concepts; per flag kind the precision
(share of found flags that an expected flag supports) next to the recall; the time and
the peak memory of the analysis (tracemalloc). With --valentine also, on a sample of form
pairs of the first tuning set, the name-based matchers of Valentine (Coma, schema only;
Similarity Flooding), each at the threshold that gives it its best F1.

    python bench/bench_matching.py [--valentine] [--no-heldout]   (pip install -e '.[bench]')
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import io
import json
import random
import shutil
import sys
import tempfile
import time
import tracemalloc
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType

from regeldruk.analysis import analyse
from regeldruk.evaluation import (
    Pair,
    Scores,
    expected_flags,
    flag_precision,
    flag_recall,
    pairwise,
)
from regeldruk.forms import Catalogue, Form, load_catalogue
from regeldruk.matching import Decisions

ROOT = Path(__file__).resolve().parent.parent
TRUTH = ROOT / "bench" / "eval" / "voorbeelden-concepten.json"
HELDOUT = ROOT / "bench" / "eval" / "heldout"
KINDS = ("duplicate", "in_standard", "non_uniform", "local")


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


def load_script(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[path.stem] = module
    spec.loader.exec_module(module)
    return module


def evaluate(name: str, catalogue: Catalogue, raw: dict[str, object]) -> dict[str, object]:
    """Analyse the catalogue and print its aggregate figures against the truth."""
    truth: dict[str, str] = raw["fields"]  # type: ignore[assignment]
    in_standard = set(raw.get("in_standard", []))  # type: ignore[call-overload]
    tracemalloc.start()
    begin = time.perf_counter()
    analysis = analyse(catalogue, Decisions())
    seconds = time.perf_counter() - begin
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    predicted = {f"{f.id}/{i.id}": c.id for c in analysis.concepts for f, i in c.members}
    scores = pairwise(truth, predicted)
    expected = expected_flags(catalogue, truth, in_standard)
    recall = flag_recall(expected, analysis.flags)
    precision = flag_precision(expected, analysis.flags)
    municipalities = len({f.municipality for f in catalogue.forms if not f.is_standard})
    print(
        f"{name}: {municipalities} municipalities, {len(truth):,} fields, "
        f"{len(set(truth.values()))} true concepts -> {len(analysis.concepts)} found"
    )
    print(
        f"  pairwise precision {scores.precision:.3f}  recall {scores.recall:.3f}  "
        f"F1 {scores.f1:.3f}   ({seconds:.1f} s, peak {peak:.0f} MB traced)"
    )
    for kind in KINDS:
        print(
            f"  flag {kind:<12} precision {precision.get(kind, float('nan')):.3f}  "
            f"recall {recall.get(kind, float('nan')):.3f}  "
            f"(found {sum(f.kind == kind for f in analysis.flags)}, "
            f"expected {sum(f.kind == kind for f in expected)})"
        )
    return {"scores": scores, "precision": precision, "recall": recall, "seconds": seconds}


@contextmanager
def generated(script: Path, municipalities: int) -> Iterator[tuple[Catalogue, dict[str, object]]]:
    """A catalogue and its truth written by a generator script into a temporary directory."""
    module = load_script(script)
    with tempfile.TemporaryDirectory() as tmp:
        module.write(Path(tmp), municipalities)
        catalogue, problems = load_catalogue(Path(tmp) / "forms")
        assert not problems, problems[:3]
        yield catalogue, json.loads((Path(tmp) / "truth.json").read_text(encoding="utf-8"))


@contextmanager
def heldout(count: int) -> Iterator[tuple[Catalogue, dict[str, object]]]:
    """The held-out catalogue with the iJw standard forms beside it: the committed 40
    municipalities, or its generator's version at ``count`` municipalities (same seed).
    Nothing of it is printed but the aggregate figures."""
    raw = json.loads((HELDOUT / "truth-40.json").read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / "forms"
        shutil.copytree(ROOT / "forms" / "standaard", target / "standaard")
        if count == 40:
            shutil.copytree(HELDOUT / "forms-40", target / "heldout")
        else:
            module = load_script(HELDOUT / "generate_heldout.py")
            with contextlib.redirect_stdout(io.StringIO()):
                module.write(target / "heldout", Path(tmp) / "truth.json", raw["seed"], count)
            raw = json.loads((Path(tmp) / "truth.json").read_text(encoding="utf-8"))
        catalogue, problems = load_catalogue(target)
        assert not problems, f"{len(problems)} problems in the held-out catalogue"
        yield catalogue, raw


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--valentine", action="store_true", help="also run Valentine")
    parser.add_argument("--form-pairs", type=int, default=400)
    parser.add_argument("--no-heldout", action="store_true", help="tuning sets only")
    args = parser.parse_args()
    print("== tuning sets (the matcher was tuned on these)")
    raw = json.loads(TRUTH.read_text(encoding="utf-8"))
    catalogue, problems = load_catalogue(ROOT / "forms")
    assert not problems, problems
    evaluate("tuning 1: forms/voorbeelden", catalogue, raw)
    tuning = ROOT / "scripts" / "generate_tuning_forms.py"
    for count in (40, 342):
        with generated(tuning, count) as (generated_catalogue, generated_truth):
            evaluate(
                f"tuning 2: generate_tuning_forms {count}", generated_catalogue, generated_truth
            )
    if not args.no_heldout:
        print("\n== held-out set bench/eval/heldout (never seen while tuning)")
        for count in (40, 342):
            with heldout(count) as (heldout_catalogue, heldout_truth):
                evaluate(f"held-out {count}", heldout_catalogue, heldout_truth)
    if args.valentine:
        compare_valentine(catalogue, raw["fields"], args.form_pairs)


def compare_valentine(catalogue: Catalogue, truth: dict[str, str], count: int) -> None:
    analysis = analyse(catalogue, Decisions())
    predicted = {f"{f.id}/{i.id}": c.id for c in analysis.concepts for f, i in c.members}
    examples = [f for f in catalogue.forms if not f.is_standard]
    sample = form_pair_sample(examples, count)
    within = cross_pairs(sample)
    ours = pairwise(truth, predicted, within)
    print(f"\non {len(sample)} sampled form pairs of tuning 1 ({len(within)} field pairs):")
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


if __name__ == "__main__":
    main()
