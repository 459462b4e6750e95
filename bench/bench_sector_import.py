"""Benchmark: `regeldruk sector import` of 100 organisation packages into PostgreSQL.

Each generated package holds about 31,000 cells (52 weeks x 35 municipalities x 17
categories), so some 3 million cells in all. Against the peer in the same run: a plain
COPY of exactly the same rows into a bare table over the same connection (no zip, no
checks). Prints both throughputs and their ratio (target >= 0.5), and the time of the
sector report on the imported data.

    python bench/bench_sector_import.py [--packages 100] [--rounds 3] [--url postgresql://...]
"""

from __future__ import annotations

import argparse
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
from regeldruk.sector import build_sector_report, import_packages
from regeldruk.taxonomy import DEFAULT_CATEGORIES

ADMIN_URL = os.environ.get(
    "REGELDRUK_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
BENCH_DB = "regeldruk_bench_sector"


def package_rows(seed: int) -> list[tuple[str, str, str, str, int, float]]:
    rng = random.Random(seed)
    places = rng.sample([m.code for m in all_municipalities()], 35)
    rows = []
    for week in range(1, 53):
        for place in places:
            for category in DEFAULT_CATEGORIES:
                rows.append(
                    (
                        f"2026-W{week:02d}",
                        place,
                        category.key,
                        category.kind,
                        rng.randint(10, 40),
                        round(rng.uniform(5, 200), 4),
                    )
                )
    return rows


def write_package(path: Path, rows: list[tuple[str, str, str, str, int, float]]) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["period", "area", "category", "kind", "workers", "hours"])
    writer.writerows(rows)
    cells = buffer.getvalue().encode()
    manifest = {
        "schema": "regeldruk/sector-export@1",
        "export_id": str(uuid.uuid4()),
        "organisation": str(uuid.uuid4()),
        "period": {"from": "2026-01-01", "to": "2026-12-31"},
        "generated_at": "2027-01-05T09:00:00+00:00",
        "k": 10,
        "taxonomy": "2026.1",
        "rows": len(rows),
        "sha256": hashlib.sha256(cells).hexdigest(),
        "software": {"name": "regeldruk", "version": "bench"},
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("manifest.json", json.dumps(manifest))
        archive.writestr("cells.csv", cells)


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


def one_round(admin_url: str, paths: list[Path], all_rows: list, peer_first: bool) -> tuple:
    """A fresh database; our import and the peer's COPY, in the order given."""
    url = fresh_database(admin_url)
    db = Database(url)
    ensure_schema(db.engine)
    peer = raw_copy(url, all_rows) if peer_first else 0.0
    begin = time.perf_counter()
    import_packages(db, paths)
    ours = time.perf_counter() - begin
    if not peer_first:
        peer = raw_copy(url, all_rows)
    return ours, peer, db


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--packages", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--url", default=ADMIN_URL)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        begin = time.perf_counter()
        all_rows = [package_rows(seed) for seed in range(args.packages)]
        paths = []
        for seed, rows in enumerate(all_rows):
            path = Path(tmp) / f"org-{seed:03d}.zip"
            write_package(path, rows)
            paths.append(path)
        cells = sum(len(rows) for rows in all_rows)
        print(
            f"generated {args.packages} packages, {cells:,} cells in "
            f"{time.perf_counter() - begin:.1f} s"
        )
        ours_times, peer_times = [], []
        for number in range(args.rounds):
            # This machine is noisy: alternate who goes first, compare medians.
            ours, peer, db = one_round(args.url, paths, all_rows, peer_first=number % 2 == 1)
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
        "(zip, checksum, every cell checked, one transaction, COPY)"
    )
    print(f"plain COPY of the same rows: median {peer:.1f} s, {cells / peer:,.0f} cells/s")
    print(f"ratio {peer / ours:.2f} of raw COPY throughput (target >= 0.5)")
    print(
        f"sector report on {cells:,} cells ({report.organisations} organisations): "
        f"{report_seconds:.1f} s"
    )


if __name__ == "__main__":
    main()
