"""Benchmark: `regeldruk forms analyse` on a generated national catalogue.

342 municipalities x 12 forms x about 25 fields (some 100,000 fields) are written as YAML
to a temporary directory (fictional codes GM9000-GM9341, example: true), then analysed by
the CLI in a child process. Prints the time and the peak memory (max RSS, via GNU time)
against the targets of issue #14: under 30 s and under 1 GB on this 2-core machine.

    python bench/bench_forms_scale.py [--municipalities 342]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def vocabulary() -> dict[str, tuple[str, list[str], list[object]]]:
    spec = importlib.util.spec_from_file_location(
        "generate_example_forms", ROOT / "scripts" / "generate_example_forms.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["generate_example_forms"] = module
    spec.loader.exec_module(module)
    return module.VOCABULARY  # type: ignore[no-any-return]


def write_catalogue(target: Path, municipalities: int, seed: int = 342) -> int:
    rng = random.Random(seed)
    words = vocabulary()
    concepts = sorted(words)
    purposes = ["toewijzing", "verlenging", "verantwoording", "evaluatie", "melding", "declaratie"]
    fields_written = 0
    for number in range(municipalities):
        code = f"GM{9000 + number}"
        directory = target / code.lower()
        directory.mkdir(parents=True)
        for form_number in range(12):
            picked = rng.sample(concepts, rng.randint(20, 30))
            fields = []
            for index, concept in enumerate(picked):
                kind, labels, formats = words[concept]
                # Local wording: some municipalities add their own qualifier.
                label = rng.choice(labels)
                if rng.random() < 0.15:
                    label += rng.choice([" *", " (verplicht)", " gemeente", " volgens protocol"])
                fields.append(
                    {
                        "id": f"v{index:02d}",
                        "label": label,
                        "type": kind,
                        "required": rng.random() > 0.2,
                        "format": rng.choice(formats),
                    }
                )
            form = {
                "schema": "regeldruk/form@1",
                "id": f"{code.lower()}-f{form_number:02d}",
                "municipality": code,
                "title": f"Formulier {form_number} {code}",
                "purpose": rng.choice(purposes),
                "frequency": rng.choice(
                    [{"per": "client", "at": "start"}, {"per": "client", "every": "3 months"}]
                ),
                "example": True,
                "fields": fields,
            }
            (directory / f"f{form_number:02d}.yaml").write_text(
                yaml.safe_dump(form, sort_keys=False, allow_unicode=True), encoding="utf-8"
            )
            fields_written += len(fields)
    shutil.copytree(ROOT / "forms" / "standaard", target / "standaard")
    return fields_written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--municipalities", type=int, default=342)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        catalogue = Path(tmp) / "forms"
        begin = time.perf_counter()
        fields = write_catalogue(catalogue, args.municipalities)
        print(
            f"generated {args.municipalities * 12} forms, {fields} fields in "
            f"{time.perf_counter() - begin:.1f} s"
        )
        output = Path(tmp) / "analyse.json"
        begin = time.perf_counter()
        result = subprocess.run(
            [
                "/usr/bin/time",
                "-f",
                "MAXRSS %M CPU %U %S",
                sys.executable,
                "-m",
                "regeldruk",
                "forms",
                "analyse",
                str(catalogue),
                "--json",
                "-o",
                str(output),
            ],
            capture_output=True,
            text=True,
        )
        seconds = time.perf_counter() - begin
        if result.returncode != 0:
            raise SystemExit(result.stderr[-2000:])
        measured = result.stderr.rsplit("MAXRSS", 1)[1].split()
        rss_mb = int(measured[0]) / 1024
        cpu = float(measured[2]) + float(measured[3])
        payload = json.loads(output.read_text())
    kinds: dict[str, int] = {}
    for flag in payload["flags"]:
        kinds[flag["kind"]] = kinds.get(flag["kind"], 0) + 1
    print(
        f"regeldruk forms analyse: {seconds:.1f} s ({cpu:.1f} s CPU; the machine is shared, so "
        f"wall time varies), peak {rss_mb:.0f} MB for "
        f"{payload['fields']} fields in {payload['forms']} forms -> {len(payload['concepts'])} "
        f"concepts, flags {kinds}"
    )
    print(
        f"targets: < 30 s ({seconds / 30:.2f} of the limit), < 1024 MB "
        f"({rss_mb / 1024:.2f} of the limit)"
    )


if __name__ == "__main__":
    main()
