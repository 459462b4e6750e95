"""What the privacy costs in accuracy: cell-key noise against a differentially private
release (OpenDP's Laplace mechanism), on the demo's ten organisations.

The demo organisation (36 workers, October 2026) and the nine generated ones are packaged
as the demo does (monthly, per youth-care region, k = 10). On the published cells, the
sector figures per region (hours, accountability share) are computed three ways: from
the true minutes, from the cell-key-noised minutes regeldruk publishes, and with
Laplace noise calibrated by OpenDP to epsilon-differential privacy per organisation and
month, where one worker's whole month (capped at --cap hours) is what is protected.
Prints the errors of each against the truth.

    python bench/bench_sector_noise.py [--cap 200] [--epsilon 1 --epsilon 10]
"""

from __future__ import annotations

import argparse
import hashlib
import statistics
import tempfile
from collections import defaultdict
from datetime import datetime
from pathlib import Path

from regeldruk.anonymise import NOISE, anonymise
from regeldruk.db.engine import Database, ensure_schema
from regeldruk.demo import build_demo, synthetic_minutes
from regeldruk.sector import _period_minutes
from regeldruk.sectorkeys import OrganisationKey
from regeldruk.sectorprofile import make_profile, parse_period

NOW = datetime.fromisoformat("2026-11-02T09:00:00+01:00")


def organisations() -> list[dict]:
    october = parse_period("2026-10")
    with tempfile.TemporaryDirectory() as tmp:
        db = Database(f"sqlite:///{Path(tmp) / 'demo.sqlite'}")
        ensure_schema(db.engine)
        build_demo(db)
        with db.transaction() as connection:
            own = _period_minutes(connection, october, "Europe/Amsterdam", NOW)
        db.dispose()
    return [own] + [synthetic_minutes(n, october.first, october.last) for n in range(1, 10)]


def laplace(values: list[float], scale: float) -> tuple[list[float], float]:
    """OpenDP's Laplace mechanism on a vector whose L1 sensitivity is the cap; returns the
    noisy values and the epsilon OpenDP certifies for that sensitivity."""
    import opendp.prelude as dp

    dp.enable_features("contrib")
    space = dp.vector_domain(dp.atom_domain(T=float, nan=False)), dp.l1_distance(T=float)
    measurement = dp.m.make_laplace(*space, scale=scale)
    return list(measurement(values)), scale


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cap", type=float, default=200.0, help="hours per worker per month")
    parser.add_argument("--epsilon", type=float, action="append")
    args = parser.parse_args()
    epsilons = args.epsilon or [1.0, 10.0]
    profile = make_profile("month", "region", 10)
    truth: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    ckm: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    dp_figures = {e: defaultdict(lambda: defaultdict(float)) for e in epsilons}
    cell_errors: dict[str, list[float]] = defaultdict(list)
    suppressed = published = 0.0
    for number, minutes in enumerate(organisations()):
        secret = OrganisationKey(hashlib.sha256(b"bench-%d" % number).digest()).noise_secret()
        rows = [(w, code, cat, kind, m) for (w, code, cat, kind), m in minutes.items()]
        package = anonymise(rows, "2026-10", profile.area, profile.k, secret)
        suppressed += package.suppressed_minutes
        published += package.published_minutes
        cells = package.published
        true_values = [p.cell.minutes for p in cells]
        noisy = {
            e: laplace([float(v) for v in true_values], args.cap * 60 / e)[0] for e in epsilons
        }
        for index, p in enumerate(cells):
            region = p.cell.area
            for figures, value in ((truth, p.cell.minutes), (ckm, p.noisy_minutes)):
                figures[region][p.cell.kind] += value
            cell_errors["cell-key"].append(abs(p.noisy_minutes - p.cell.minutes) / p.cell.minutes)
            for e in epsilons:
                dp_figures[e][region][p.cell.kind] += noisy[e][index]
                cell_errors[f"DP eps={e:g}"].append(
                    abs(noisy[e][index] - p.cell.minutes) / p.cell.minutes
                )
    print(
        f"10 organisations, October 2026, per region, k = 10: {published / 60:,.0f} h published, "
        f"{suppressed / 60:,.0f} h suppressed ({suppressed / (suppressed + published):.1%})"
    )
    print(f"cell-key noise: at most {NOISE:.0%} of a cell's largest worker's minutes")
    methods = {"cell-key": ckm, **{f"DP eps={e:g}": dp_figures[e] for e in epsilons}}
    for name, figures in methods.items():
        hours_errors, share_errors = [], []
        for region, kinds in truth.items():
            true_total = sum(kinds.values())
            noisy_total = sum(figures[region].values())
            hours_errors.append(abs(noisy_total - true_total) / true_total)
            true_share = kinds["accountability"] / true_total
            noisy_share = figures[region]["accountability"] / noisy_total if noisy_total else 0
            share_errors.append(abs(noisy_share - true_share) * 100)
        print(
            f"{name:>12}: per cell median error {statistics.median(cell_errors[name]):.1%}; "
            f"hours per region: mean error {statistics.mean(hours_errors):.2%}, max "
            f"{max(hours_errors):.2%}; accountability share per region: mean error "
            f"{statistics.mean(share_errors):.2f} pp, max {max(share_errors):.2f} pp"
        )
    print(
        f"(DP: Laplace scale = cap {args.cap:g} h / epsilon per cell, one worker's month "
        f"protected per organisation; {len(truth)} regions; Laplace noise is drawn fresh each run)"
    )


if __name__ == "__main__":
    main()
