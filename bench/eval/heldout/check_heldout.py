"""Sanity checks of the held-out catalogue and its truth (issue #14).

    python bench/eval/heldout/check_heldout.py                  # the committed forms-40
    python bench/eval/heldout/check_heldout.py DIR TRUTH.json    # e.g. a generated 342 one

Checks that the truth covers every field and nothing else, that no two fields of one form
share a concept unless the truth lists them as a real double ask, that the standard-field
map names real fields of forms/standaard, that the false friends are different concepts
that both occur, that every municipality is fictional (GM9500–GM9899, example: true), and,
for the committed catalogue, that regenerating with the recorded seed gives the same bytes
(so it is frozen: nobody edited it by hand). Prints one line per failed check and exits 1
when there is any.
"""

from __future__ import annotations

import json
import re
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[2]
sys.path.insert(0, str(HERE))

import generate_heldout  # noqa: E402

KEBAB = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


def load_forms(directory: Path) -> dict[str, dict[str, object]]:
    forms: dict[str, dict[str, object]] = {}
    for path in sorted(directory.rglob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        forms[str(data["id"])] = data
    return forms


def check(directory: Path, truth_path: Path) -> list[str]:
    problems: list[str] = []
    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    forms = load_forms(directory)
    fields: dict[str, str] = truth["fields"]

    # 1. the truth covers every field, and only fields that exist
    seen: set[str] = set()
    for form_id, form in forms.items():
        for item in form["fields"]:  # type: ignore[attr-defined]
            key = f"{form_id}/{item['id']}"
            seen.add(key)
            if key not in fields:
                problems.append(f"{key}: geen concept in de waarheid")
    for key in sorted(set(fields) - seen):
        problems.append(f"{key}: in de waarheid maar niet in een formulier")
    for name in sorted(set(fields.values())):
        if not KEBAB.fullmatch(name):
            problems.append(f"conceptnaam '{name}' is geen kebab-case")

    # 2. one concept per form, except the labelled double asks
    doubles = {tuple(sorted(pair)) for pair in truth["double_asks"]}
    for a, b in doubles:
        if fields.get(a) != fields.get(b):
            problems.append(f"dubbele vraag {a} / {b}: verschillende concepten")
    per_form: dict[tuple[str, str], list[str]] = defaultdict(list)
    for key, name in fields.items():
        per_form[(key.split("/", 1)[0], name)].append(key)
    for (form_id, name), keys in sorted(per_form.items()):
        if len(keys) > 1:
            pairs = {(x, y) for x in sorted(keys) for y in sorted(keys) if x < y}
            if not pairs <= doubles:
                problems.append(f"{form_id}: {name} {len(keys)}x zonder label als dubbele vraag")

    # 3. the standard fields exist and in_standard is what they map to
    standard = generate_heldout.STANDARD_FIELDS
    standard_ids: set[str] = set()
    for path in sorted((REPO / "forms" / "standaard").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        standard_ids |= {f"{data['id']}/{item['id']}" for item in data["fields"]}
    for key in sorted(truth["standard_fields"]):
        if key not in standard_ids:
            problems.append(f"standard_fields: {key} bestaat niet in forms/standaard")
    if truth["standard_fields"] != standard:
        problems.append("standard_fields wijkt af van generate_heldout.STANDARD_FIELDS")
    if set(truth["in_standard"]) != set(truth["standard_fields"].values()):
        problems.append("in_standard is niet de verzameling concepten van standard_fields")
    for name in sorted(set(truth["in_standard"]) - set(fields.values())):
        problems.append(f"in_standard: {name} komt in geen gemeentelijk formulier voor")

    # 4. false friends: two different concepts that both occur
    used = set(fields.values())
    for a, b in truth["false_friends"]:
        if a == b or a not in used or b not in used:
            problems.append(f"valse vrienden {a} / {b}: gelijk of niet beide gebruikt")

    # 5. fictional municipalities only, and enough of them
    codes: Counter[str] = Counter()
    for form_id, form in forms.items():
        code = str(form["municipality"])
        codes[code] += 1
        number = int(code[2:]) if re.fullmatch(r"GM\d{4}", code) else -1
        if not generate_heldout.FIRST_CODE <= number <= generate_heldout.LAST_CODE:
            problems.append(f"{form_id}: gemeente {code} buiten GM9500–GM9899")
        if form.get("example") is not True:
            problems.append(f"{form_id}: fictieve gemeente zonder example: true")
    if len(codes) < 30:
        problems.append(f"maar {len(codes)} gemeenten; verwacht er minstens 30")
    if len(codes) != truth["municipalities"]:
        problems.append(f"{len(codes)} gemeenten, de waarheid zegt {truth['municipalities']}")

    # 6. local concepts and section-only labels agree with the fields
    by_concept: dict[str, set[str]] = defaultdict(set)
    for key, name in fields.items():
        by_concept[name].add(key.split("-", 1)[0])
    local = sorted(name for name, where in by_concept.items() if len(where) == 1)
    if local != truth["local_concepts"]:
        problems.append("local_concepts klopt niet met de velden")
    for key, hint in truth["section_only"].items():
        if key not in fields or hint not in ("id", "help", "neighbours"):
            problems.append(f"section_only {key}: onbekend veld of hint '{hint}'")
    return problems


def check_frozen(directory: Path, truth_path: Path) -> list[str]:
    """Regenerate with the recorded seed and compare byte for byte."""
    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "forms"
        fresh_truth = Path(tmp) / "truth.json"
        generate_heldout.write(out, fresh_truth, truth["seed"], truth["municipalities"])
        problems = []
        if fresh_truth.read_bytes() != truth_path.read_bytes():
            problems.append(
                f"{truth_path}: wijkt af van een nieuwe generatie (met de hand bewerkt?)"
            )
        old = {p.relative_to(directory): p.read_bytes() for p in directory.rglob("*.yaml")}
        new = {p.relative_to(out): p.read_bytes() for p in out.rglob("*.yaml")}
        for path in sorted(set(old) | set(new)):
            if old.get(path) != new.get(path):
                problems.append(f"{directory / path}: wijkt af van een nieuwe generatie")
        return problems


def catalogue_loads(directory: Path) -> list[str]:
    """The catalogue passes regeldruk's own loader, when the package is installed."""
    try:
        from regeldruk.forms import load_catalogue
    except ImportError:
        return []
    _, problems = load_catalogue(directory)
    return [str(p) for p in problems]


def main(argv: list[str]) -> int:
    if len(argv) == 2:
        directory, truth_path = Path(argv[0]), Path(argv[1])
        frozen = False
    elif not argv:
        directory, truth_path = HERE / "forms-40", HERE / "truth-40.json"
        frozen = True
    else:
        print("Gebruik: check_heldout.py [DIR TRUTH.json]", file=sys.stderr)
        return 2
    problems = check(directory, truth_path) + catalogue_loads(directory)
    if frozen:
        problems += check_frozen(directory, truth_path)
    for problem in problems:
        print(f"Fout: {problem}")
    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    fields = truth["fields"]
    forms = {key.split("/", 1)[0] for key in fields}
    print(
        f"{directory}: {truth['municipalities']} gemeenten, {len(forms)} formulieren, "
        f"{len(fields)} velden, {len(set(fields.values()))} concepten "
        f"({len(truth['local_concepts'])} bij één gemeente), "
        f"{len(truth['false_friends'])} valse-vriendparen, "
        f"{len(truth['double_asks'])} echte dubbele vragen, "
        f"{len(truth['section_only'])} labels die alleen onder hun kop iets zeggen; "
        f"{'in orde' if not problems else f'{len(problems)} problemen'}"
    )
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
