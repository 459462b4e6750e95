"""Check the second held-out catalogue and its truth; exit 1 on any problem.

    python bench/eval/heldout2/check_heldout2.py              # the frozen 40 set
    python bench/eval/heldout2/check_heldout2.py --set 342    # after derive.py --municipalities 342
    python bench/eval/heldout2/check_heldout2.py --self-test  # every check must catch its defect

What is checked:
- the forms load with regeldruk's loader and `regeldruk forms check` accepts them;
- the truth covers every field of every form, and nothing else; it covers every field
  of the iJw messages in forms/standaard/, and in_standard is exactly their concepts;
- every concept is declared (concepts.yaml or extras.yaml), so a mistyped one fails;
- no concept is asked twice on one form unless the truth labels it (double_asks);
- every false-friend pair is two different declared concepts, both asked in the set;
- `local` is exactly the concepts one municipality asks, and those are the designed ones;
- codes, example flags and sizes; for the 40 set, the files match FROZEN.sha256 and
  derive.py regenerates them byte for byte.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import subprocess
import sys
import tempfile
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[2]
STANDARD = REPO / "forms" / "standaard"
MANIFEST = HERE / "FROZEN.sha256"
SIZES = {40: (35, 3000, 6000), 342: (342, 25000, 40000)}  # municipalities, min/max fields

Problems = dict[str, list[str]]


def load_forms(forms_dir: Path) -> tuple[dict[str, dict[str, Any]], list[str]]:
    """Forms by id as regeldruk's loader reads them: {id: {municipality, example, fields}}."""
    from regeldruk.forms import load_catalogue

    catalogue, problems = load_catalogue(forms_dir)
    forms = {
        form.id: {
            "municipality": form.municipality,
            "example": form.example,
            "fields": [f.id for f in form.fields],
        }
        for form in catalogue.forms
    }
    return forms, [str(p) for p in problems]


def cli_check(forms_dir: Path) -> list[str]:
    run = subprocess.run(
        [sys.executable, "-m", "regeldruk", "forms", "check", str(forms_dir)],
        capture_output=True,
        text=True,
        check=False,
    )
    if run.returncode != 0:
        return [f"regeldruk forms check: exit {run.returncode}: {run.stdout[-300:]}"]
    return []


def declared_concepts() -> set[str]:
    spec = yaml.safe_load((HERE / "concepts.yaml").read_text(encoding="utf-8"))
    extras = yaml.safe_load((HERE / "archetypes" / "extras.yaml").read_text(encoding="utf-8"))
    return set(spec["concepts"]) | {q["c"] for q in extras["local"] + extras["regional"]}


def check(forms_dir: Path, truth: dict[str, Any], size: int | None) -> Problems:
    problems: Problems = defaultdict(list)
    forms, load_problems = load_forms(forms_dir)
    problems["loader"] += load_problems + cli_check(forms_dir)
    fields = truth["fields"]
    _coverage(forms, truth, problems)
    declared = declared_concepts()
    for key, concept in [*fields.items(), *truth["standard_fields"].items()]:
        if concept not in declared:
            problems["declared"].append(f"{key}: concept '{concept}' is nowhere declared")
    _repeats(forms, fields, truth["double_asks"], problems)
    _false_friends(truth, set(fields.values()), declared, problems)
    _locals(forms, truth, problems)
    _municipalities(forms, truth, size, problems)
    return problems


def _coverage(forms: dict[str, dict[str, Any]], truth: dict[str, Any], problems: Problems) -> None:
    actual = {f"{fid}/{field}" for fid, form in forms.items() for field in form["fields"]}
    labelled = set(truth["fields"])
    for key in sorted(actual - labelled)[:20]:
        problems["coverage"].append(f"{key}: field without a concept in the truth")
    for key in sorted(labelled - actual)[:20]:
        problems["coverage"].append(f"{key}: truth entry for a field that does not exist")
    standard, std_problems = load_forms(STANDARD)
    problems["loader"] += std_problems
    std_actual = {f"{fid}/{field}" for fid, form in standard.items() for field in form["fields"]}
    std_labelled = set(truth["standard_fields"])
    for key in sorted(std_actual ^ std_labelled):
        problems["coverage"].append(f"{key}: standard field and standard_fields disagree")
    if set(truth["in_standard"]) != set(truth["standard_fields"].values()):
        problems["coverage"].append("in_standard is not exactly the concepts of standard_fields")


def _repeats(
    forms: dict[str, dict[str, Any]],
    fields: dict[str, str],
    doubles: list[dict[str, Any]],
    problems: Problems,
) -> None:
    labelled = {(d["form"], d["concept"]): set(d["fields"]) for d in doubles}
    for entry in doubles:
        if entry.get("kind") not in ("asked_twice", "table_rows"):
            problems["repeats"].append(f"{entry['form']}: double ask without a kind")
    seen: set[tuple[str, str]] = set()
    for form_id, form in forms.items():
        by_concept: dict[str, set[str]] = defaultdict(set)
        for field in form["fields"]:
            concept = fields.get(f"{form_id}/{field}")
            if concept:
                by_concept[concept].add(field)
        for concept, ids in by_concept.items():
            if len(ids) > 1:
                seen.add((form_id, concept))
                if labelled.get((form_id, concept)) != ids:
                    problems["repeats"].append(
                        f"{form_id}: '{concept}' asked by {sorted(ids)} but not labelled as such"
                    )
    for key in sorted(set(labelled) - seen):
        problems["repeats"].append(f"{key[0]}: labelled double ask of '{key[1]}' is not on it")


def _false_friends(
    truth: dict[str, Any], used: set[str], declared: set[str], problems: Problems
) -> None:
    pairs = truth["false_friends"]
    if len(pairs) < 30:
        problems["false_friends"].append(f"only {len(pairs)} false-friend pairs")
    for a, b in pairs:
        if a == b:
            problems["false_friends"].append(f"{a}: a false friend of itself")
        for concept in (a, b):
            if concept not in declared:
                problems["false_friends"].append(f"{concept}: false friend not declared")
            elif concept not in used:
                problems["false_friends"].append(f"{a} / {b}: '{concept}' is asked nowhere")


def _locals(forms: dict[str, dict[str, Any]], truth: dict[str, Any], problems: Problems) -> None:
    holders: dict[str, set[str]] = defaultdict(set)
    for key, concept in truth["fields"].items():
        form = forms.get(key.split("/")[0])
        if form:
            holders[concept].add(form["municipality"])
    single = {c for c, ms in holders.items() if len(ms) == 1}
    if single != set(truth["local"]):
        diff = sorted(single ^ set(truth["local"]))[:10]
        problems["local"].append(f"'local' is not the concepts one municipality asks: {diff}")
    if set(truth["local"]) != set(truth["local_by_design"]):
        diff = sorted(set(truth["local"]) ^ set(truth["local_by_design"]))[:10]
        problems["local"].append(
            f"a concept is local by accident, or a designed one is not: {diff}"
        )
    if not truth["local_by_design"]:
        problems["local"].append("no local questions")


def _municipalities(
    forms: dict[str, dict[str, Any]], truth: dict[str, Any], size: int | None, problems: Problems
) -> None:
    codes = sorted({form["municipality"] for form in forms.values()})
    if codes != sorted(truth["municipalities"]):
        problems["municipalities"].append("forms and truth name different municipalities")
    for form_id, form in forms.items():
        code = form["municipality"]
        if not (code.startswith("GM") and 9100 <= int(code[2:]) <= 9499):
            problems["municipalities"].append(f"{form_id}: {code} outside GM9100-GM9499")
        if form["example"] is not True or not form_id.startswith(code.lower() + "-"):
            problems["municipalities"].append(f"{form_id}: not an example of {code}")
    if size in SIZES:
        least, low, high = SIZES[size]
        n_fields = len(truth["fields"])
        if len(codes) < least or not low <= n_fields <= high:
            problems["size"].append(
                f"{len(codes)} municipalities, {n_fields} fields; expected >= {least}, {low}-{high}"
            )
        if codes != [f"GM{9100 + k}" for k in range(size)]:
            problems["municipalities"].append(f"codes are not GM9100-GM{9100 + size - 1}")


# --------------------------------------------------------------------------- frozen
def frozen_files(root: Path = HERE) -> list[Path]:
    files = [root / "truth-40.json", root / "concepts.yaml", root / "derive.py"]
    files += sorted((root / "archetypes").glob("*.yaml"))
    files += sorted((root / "forms-40").rglob("*.yaml"))
    return files


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def check_frozen(root: Path = HERE) -> list[str]:
    """The committed 40 set is what FROZEN.sha256 says: no file changed, added or removed."""
    if not MANIFEST.exists():
        return ["FROZEN.sha256 is missing"]
    listed = dict(
        reversed(line.split("  ", 1)) for line in MANIFEST.read_text(encoding="utf-8").splitlines()
    )
    present = {str(p.relative_to(root)): p for p in frozen_files(root) if p.exists()}
    found = []
    for name in sorted(set(listed) | set(present)):
        if name not in present:
            found.append(f"{name}: listed in FROZEN.sha256 but missing")
        elif name not in listed:
            found.append(f"{name}: not in FROZEN.sha256 (added after freezing)")
        elif digest(present[name]) != listed[name]:
            found.append(f"{name}: changed since it was frozen")
    return found


def write_manifest() -> None:
    lines = [f"{digest(p)}  {p.relative_to(HERE)}" for p in frozen_files()]
    MANIFEST.write_text("\n".join(lines) + "\n", encoding="utf-8")


def check_regenerates() -> list[str]:
    """derive.py must rebuild the committed 40 set byte for byte."""
    with tempfile.TemporaryDirectory() as tmp:
        out, truth = Path(tmp) / "forms", Path(tmp) / "truth.json"
        run = subprocess.run(
            [sys.executable, str(HERE / "derive.py"), "--out", str(out), "--truth", str(truth)],
            capture_output=True,
            text=True,
            check=False,
        )
        if run.returncode != 0:
            return [f"derive.py failed: {run.stderr[-300:]}"]
        found = []
        if truth.read_bytes() != (HERE / "truth-40.json").read_bytes():
            found.append("truth-40.json differs from what derive.py makes")
        made = {str(p.relative_to(out)): p for p in out.rglob("*.yaml")}
        committed = {
            str(p.relative_to(HERE / "forms-40")): p for p in (HERE / "forms-40").rglob("*.yaml")
        }
        for name in sorted(set(made) ^ set(committed))[:10]:
            found.append(f"forms-40/{name}: only in one of committed and regenerated")
        for name in sorted(set(made) & set(committed)):
            if made[name].read_bytes() != committed[name].read_bytes():
                found.append(f"forms-40/{name}: differs from what derive.py makes")
        return found


# --------------------------------------------------------------------------- self-test
def self_test() -> int:
    """Break a copy of the 40 set in each way the checks guard against; each must be caught."""
    truth0 = json.loads((HERE / "truth-40.json").read_text(encoding="utf-8"))
    clean = check(HERE / "forms-40", truth0, 40)
    if any(clean.values()):
        print("self-test: the committed set itself has problems; run the normal check first")
        return 1
    cases: list[tuple[str, str, Callable[[Path, dict[str, Any]], None]]] = [
        ("drop a truth entry", "coverage", _drop_entry),
        ("truth entry for a missing field", "coverage", _ghost_entry),
        ("field added to a form", "coverage", _add_field),
        ("mistyped concept", "declared", _typo_concept),
        ("unlabelled double ask", "repeats", _unlabelled_double),
        ("false friends merged", "false_friends", _merge_false_friends),
        ("a local question at two municipalities", "local", _local_twice),
        ("a form the loader refuses", "loader", _break_form),
        ("standard field left out", "coverage", _drop_standard),
    ]
    failed = 0
    for name, kind, mutate in cases:
        with tempfile.TemporaryDirectory() as tmp:
            forms_dir = Path(tmp) / "forms-40"
            shutil.copytree(HERE / "forms-40", forms_dir)
            truth = json.loads(json.dumps(truth0))
            mutate(forms_dir, truth)
            caught = check(forms_dir, truth, 40).get(kind, [])
            failed += not caught
            print(f"{'gevangen' if caught else 'GEMIST  '}  {name}: {caught[:1]}")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for name in ("truth-40.json", "concepts.yaml", "derive.py"):
            shutil.copy(HERE / name, root / name)
        shutil.copytree(HERE / "archetypes", root / "archetypes")
        shutil.copytree(HERE / "forms-40", root / "forms-40")
        target = sorted((root / "forms-40").rglob("*.yaml"))[0]
        target.write_text(target.read_text(encoding="utf-8").replace("label: ", "label: X", 1))
        caught = check_frozen(root)
        failed += not caught
        print(
            f"{'gevangen' if caught else 'GEMIST  '}  a label edited after freezing: {caught[:1]}"
        )
    print(f"self-test: {failed} van {len(cases) + 1} defecten niet gevangen")
    return 1 if failed else 0


def _first_form(forms_dir: Path) -> Path:
    return sorted(forms_dir.rglob("*.yaml"))[0]


def _drop_entry(forms_dir: Path, truth: dict[str, Any]) -> None:
    truth["fields"].pop(sorted(truth["fields"])[0])


def _ghost_entry(forms_dir: Path, truth: dict[str, Any]) -> None:
    key = sorted(truth["fields"])[0]
    truth["fields"][key.split("/")[0] + "/bestaat-niet"] = truth["fields"][key]


def _add_field(forms_dir: Path, truth: dict[str, Any]) -> None:
    path = _first_form(forms_dir)
    form = yaml.safe_load(path.read_text(encoding="utf-8"))
    form["fields"].append({"id": "extra-veld", "label": "Extra vraag", "type": "text"})
    path.write_text(yaml.safe_dump(form, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _typo_concept(forms_dir: Path, truth: dict[str, Any]) -> None:
    key = next(k for k, c in sorted(truth["fields"].items()) if c == "kind.bsn")
    truth["fields"][key] = "kind.bns"


def _unlabelled_double(forms_dir: Path, truth: dict[str, Any]) -> None:
    by_form: dict[str, list[str]] = defaultdict(list)
    for key in sorted(truth["fields"]):
        by_form[key.split("/")[0]].append(key)
    keys = next(ks for ks in by_form.values() if len(ks) > 3)
    truth["fields"][keys[1]] = truth["fields"][keys[0]]


def _merge_false_friends(forms_dir: Path, truth: dict[str, Any]) -> None:
    a, b = truth["false_friends"][0]
    for key, concept in truth["fields"].items():
        if concept == b:
            truth["fields"][key] = a


def _local_twice(forms_dir: Path, truth: dict[str, Any]) -> None:
    concept = truth["local_by_design"][0]
    holder = next(k for k, c in truth["fields"].items() if c == concept).split("-")[0]
    other = next(k for k in sorted(truth["fields"]) if not k.startswith(holder + "-"))
    truth["fields"][other] = concept


def _break_form(forms_dir: Path, truth: dict[str, Any]) -> None:
    path = _first_form(forms_dir)
    path.write_text(path.read_text(encoding="utf-8").replace("type: text", "type: tekst", 1))


def _drop_standard(forms_dir: Path, truth: dict[str, Any]) -> None:
    truth["standard_fields"].pop("jw315/verwijzer")


# --------------------------------------------------------------------------- main
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", type=int, default=40, help="40 (frozen, default) or 342")
    parser.add_argument("--self-test", action="store_true")
    parser.add_argument(
        "--refreeze", action="store_true", help="rewrite FROZEN.sha256 (only with a reason)"
    )
    args = parser.parse_args(argv)
    if args.self_test:
        return self_test()
    if args.refreeze:
        write_manifest()
        print(f"{MANIFEST.name} herschreven: {len(frozen_files())} bestanden")
        return 0
    forms_dir, truth_path = HERE / f"forms-{args.set}", HERE / f"truth-{args.set}.json"
    if not truth_path.exists():
        print(
            f"Fout: {truth_path.name} ontbreekt; maak het met derive.py --municipalities {args.set}"
        )
        return 1
    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    problems = check(forms_dir, truth, args.set)
    if args.set == 40:
        problems["frozen"] += check_frozen()
        problems["regenerate"] += check_regenerates()
    total = sum(len(v) for v in problems.values())
    for kind, found in problems.items():
        for line in found:
            print(f"{kind}: {line}")
    forms_count = len({k.split("/")[0] for k in truth["fields"]})
    print(
        f"{'In orde' if not total else f'{total} problemen'}: {len(truth['municipalities'])} "
        f"gemeenten, {forms_count} formulieren, {len(truth['fields'])} velden, "
        f"{len(set(truth['fields'].values()))} concepten, {len(truth['false_friends'])} "
        f"valse vrienden, {len(truth['local'])} lokaal, {len(truth['double_asks'])} dubbele vragen"
    )
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main())
