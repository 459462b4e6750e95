"""Benchmark: `regeldruk sector import` of 600 signed packages into PostgreSQL.

100 organisations x 6 months (the grid of a monthly profile at municipality level), each
package about 5,100 cells (300 municipalities x 17 categories), so some 3 million cells in
all. Every package is signed and checked (signature, manifest, every cell in COPY's WHERE,
duplicates). Against the peer in the same run: a plain COPY of exactly the same rows into
a bare table over the same connection (no zip, no checks). Prints both throughputs and
their ratio (target >= 0.5), and the time of the sector report on the imported data.

    python bench/bench_sector_import.py [--organisations 100] [--rounds 3] [--url ...]
"""

from __future__ import annotations

import argparse
import base64
import csv
import hashlib
import io
import json
import os
import random
import statistics
import tempfile
import time
import uuid
import zipfile
from pathlib import Path

from sqlalchemy import create_engine, text

from regeldruk.db.engine import Database, ensure_schema
from regeldruk.municipalities import all_municipalities
from regeldruk.sector import import_packages, set_sector_profile, trust
from regeldruk.sectorkeys import OrganisationKey, Registration
from regeldruk.sectorprofile import make_profile, parse_period
from regeldruk.sectorreport import build_sector_report
from regeldruk.taxonomy import DEFAULT_CATEGORIES

ADMIN_URL = os.environ.get(
    "REGELDRUK_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
BENCH_DB = "regeldruk_bench_sector"


MONTHS = [f"2026-{month:02d}" for month in range(1, 7)]
PROFILE = make_profile("month", "municipality", 10)


def package_rows(seed: int, period: str) -> list[tuple[str, str, str, str, int, float]]:
    rng = random.Random(seed)
    places = rng.sample([m.code for m in all_municipalities()], 300)
    rows = []
    for place in sorted(places):
        for category in DEFAULT_CATEGORIES:
            rows.append(
                (
                    period,
                    place,
                    category.key,
                    category.kind,
                    rng.randint(10, 40),
                    round(rng.uniform(5, 200), 2),
                )
            )
    return rows


def write_package(
    path: Path, rows: list[tuple[str, str, str, str, int, float]], org: str, period: str
) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["period", "area", "category", "kind", "workers", "hours"])
    writer.writerows(rows)
    cells = buffer.getvalue().encode()
    grid = parse_period(period)
    manifest = {
        "schema": "regeldruk/sector-export@2",
        "export_id": str(uuid.uuid4()),
        "organisation": org,
        "period": {"label": period, "from": grid.first.isoformat(), "to": grid.last.isoformat()},
        "profile": {"period": "month", "area": "municipality", "k": 10},
        "generated_at": "2026-07-05T09:00:00+02:00",
        "k": 10,
        "taxonomy": "2026.1",
        "rows": len(rows),
        "sha256": hashlib.sha256(cells).hexdigest(),
        "software": {"name": "regeldruk", "version": "bench"},
        "noise": {"method": "cell-key", "p": 0.25},
        "corrections": [],
    }
    raw = json.dumps(manifest).encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("manifest.json", raw)
        archive.writestr("cells.csv", cells)
        archive.writestr("signature.ed25519", base64.b64encode(key_of(org).sign(raw)))


def key_of(org: str) -> OrganisationKey:
    return OrganisationKey(hashlib.sha256(org.encode()).digest())


def fresh_database(admin_url: str) -> str:
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f"DROP DATABASE IF EXISTS {BENCH_DB}"))
        connection.execute(text(f"CREATE DATABASE {BENCH_DB}"))
    admin.dispose()
    return admin_url.rsplit("/", 1)[0] + f"/{BENCH_DB}"


def raw_copy(url: str, all_rows: list[list[tuple[str, str, str, str, int, float]]]) -> float:
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(
            text(
                "CREATE TABLE raw_cell (package_id integer, period varchar(10), area varchar(110), "
                "category varchar(60), kind varchar(20), workers integer, hours double precision)"
            )
        )
    begin = time.perf_counter()
    with engine.begin() as connection:
        raw = connection.connection.driver_connection
        with raw.cursor() as cursor:
            for number, rows in enumerate(all_rows):
                with cursor.copy("COPY raw_cell FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row((number, *row))
    seconds = time.perf_counter() - begin
    engine.dispose()
    return seconds


def one_round(
    admin_url: str, paths: list[Path], all_rows: list, orgs: list[str], peer_first: bool
) -> tuple:
    """A fresh database; our import and the peer's COPY, in the order given."""
    url = fresh_database(admin_url)
    db = Database(url)
    ensure_schema(db.engine)
    set_sector_profile(db, PROFILE)
    for org in orgs:
        trust(db, Registration(org, key_of(org).public_bytes))
    peer = raw_copy(url, all_rows) if peer_first else 0.0
    begin = time.perf_counter()
    import_packages(db, paths)
    ours = time.perf_counter() - begin
    if not peer_first:
        peer = raw_copy(url, all_rows)
    return ours, peer, db


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--organisations", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--url", default=ADMIN_URL)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        begin = time.perf_counter()
        orgs = [str(uuid.UUID(int=seed + 1)) for seed in range(args.organisations)]
        all_rows, paths = [], []
        for seed, org in enumerate(orgs):
            for month in MONTHS:
                rows = package_rows(seed * 100 + int(month[-2:]), month)
                path = Path(tmp) / f"org-{seed:03d}-{month}.zip"
                write_package(path, rows, org, month)
                all_rows.append(rows)
                paths.append(path)
        cells = sum(len(rows) for rows in all_rows)
        print(
            f"generated {len(paths)} packages, {cells:,} cells in "
            f"{time.perf_counter() - begin:.1f} s"
        )
        ours_times, peer_times = [], []
        for number in range(args.rounds):
            # This machine is noisy: alternate who goes first, compare medians.
            ours, peer, db = one_round(args.url, paths, all_rows, orgs, peer_first=number % 2 == 1)
            ours_times.append(ours)
            peer_times.append(peer)
            print(f"round {number + 1}: regeldruk {ours:.1f} s, plain COPY {peer:.1f} s")
            if number < args.rounds - 1:
                db.dispose()
    begin = time.perf_counter()
    report = build_sector_report(db)
    report_seconds = time.perf_counter() - begin
    db.dispose()
    ours, peer = statistics.median(ours_times), statistics.median(peer_times)
    print(
        f"regeldruk sector import: median {ours:.1f} s, {cells / ours:,.0f} cells/s "
        "(zip, signature, manifest, every cell checked, one transaction, COPY)"
    )
    print(f"plain COPY of the same rows: median {peer:.1f} s, {cells / peer:,.0f} cells/s")
    print(f"ratio {peer / ours:.2f} of raw COPY throughput (target >= 0.5)")
    print(
        f"sector report on {cells:,} cells ({report.organisations} organisations): "
        f"{report_seconds:.1f} s"
    )


if __name__ == "__main__":
    main()
