"""Figures for the sector attacks of issue #12, on random organisations.

Runs the attackers of tests/sector/test_attacks.py (the LP attacker within one package and
across every package the CLI makes, the report's rank-test attacker, the forgeries) on
``--orgs`` random organisations from a fixed seed and prints, per attack, how many
organisations it broke and how close it came: the narrowest range it got for a target,
as a share of the 2X the guarantee promises (below 1.0 is a break).

    python bench/bench_sector_attacks.py [--orgs 40] [--seed 12]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
import uuid
from collections import defaultdict
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.sector import test_attacks as attacks  # noqa: E402


def random_organisation(rng: random.Random, low: int, high: int, late: bool) -> list:
    """The test's organisation strategy, drawn with a seeded random generator."""
    places = rng.sample(attacks.MUNICIPALITIES, rng.randint(1, 3))
    result = []
    used: dict = defaultdict(int)
    for worker in range(rng.randint(low, high)):
        home = rng.choice(places)
        for _ in range(rng.randint(1, 8)):
            day = attacks.OCTOBER[0] + timedelta(days=rng.randint(0, 30))
            minutes = rng.randint(3, 96) * 5
            if used[worker, day] + minutes > 600:
                continue
            used[worker, day] += minutes
            category = rng.choice(attacks.CATEGORIES)
            place = None if category == "reistijd" else rng.choice([home, home, *places])
            result.append(attacks.Minutes(worker, day, place, category, minutes))
    if late:
        for worker in rng.sample(range(4), rng.randint(1, 3)):
            day = attacks.OCTOBER[0] + timedelta(days=rng.randint(0, 30))
            if used[worker, day] + 120 > 720:
                continue
            category = rng.choice(attacks.CATEGORIES)
            place = None if category == "reistijd" else rng.choice(places)
            minutes = rng.randint(1, 24) * 5
            result.append(attacks.Minutes(worker, day, place, category, minutes, 1))
    return result


def closest(all_ratios: list[float]) -> str:
    ratio = min(all_ratios, default=float("inf"))
    return f"narrowest range {ratio:.3f} x 2X" if ratio < float("inf") else "no bounded target"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--orgs", type=int, default=40)
    parser.add_argument("--seed", type=int, default=12)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    begin = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        broken, ratios = 0, []
        for n in range(args.orgs):
            org = random_organisation(rng, 2, 24, late=False)
            directory = root / f"one{n}"
            directory.mkdir()
            path = directory / "org.zip"
            attacks.write_package(org, str(uuid.uuid4()), path, 5, directory)
            found = attacks.lp_attack(org, [attacks.read_obtained(path, 0, 0)], ratios=ratios)
            broken += bool(found)
        print(f"one package, LP: {broken}/{args.orgs} organisations broken; {closest(ratios)}")

        broken, ratios, overlapping = 0, [], 0
        for n in range(args.orgs):
            org = random_organisation(rng, 8, 24, late=True)
            directory = root / f"two{n}"
            directory.mkdir()
            found, double = attacks.attack_one_organisation(directory, org, ratios)
            broken += bool(found or double)
            overlapping += bool(double)
        print(
            f"every package of one organisation, LP and differences: {broken}/{args.orgs} "
            f"broken ({overlapping} with overlapping packages in the sector database); "
            f"{closest(ratios)}"
        )

        broken, examples = 0, []
        for n in range(args.orgs):
            orgs = [random_organisation(rng, 8, 30, late=False) for _ in range(rng.randint(3, 6))]
            directory = root / f"report{n}"
            directory.mkdir()
            found = attacks.attack_report(directory, orgs)
            broken += bool(found)
            examples += found[:1]
        print(f"sector report, rank test: {broken}/{args.orgs} sectors broken")
        for line in examples[:3]:
            print(f"  e.g. {line}")

        broken = 0
        for n in range(max(1, args.orgs // 4)):
            lonely = random_organisation(rng, 12, 24, late=False)
            others = [random_organisation(rng, 8, 30, late=False) for _ in range(3)]
            directory = root / f"forge{n}"
            directory.mkdir()
            accepted, found = attacks.attack_forgeries(directory, lonely, others)
            broken += bool(accepted or found)
        print(f"forged/altered packages: {broken}/{max(1, args.orgs // 4)} sectors broken")
    print(f"({time.perf_counter() - begin:.0f} s)")


if __name__ == "__main__":
    main()
