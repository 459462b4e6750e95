"""Benchmark: `regeldruk log add` against Watson's `watson add`, same run, same machine.

Both tools start from a store that already holds 10,000 entries, and each run adds one
entry as a fresh process (that is how a user calls them). Prints both medians and the
ratio regeldruk / watson (target: <= 1.0).

    python bench/bench_log_add.py [--runs 21]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

ENTRIES = 10_000


def seed_regeldruk(home: Path) -> None:
    """10,000 entries for one worker through the core (with audit events), one transaction."""
    from regeldruk.db.engine import Database, ensure_schema
    from regeldruk.db.models import AuditEvent, TimeEntry
    from regeldruk.organisation import ensure_organisation, ensure_team, ensure_worker

    url = f"sqlite:///{home / 'regeldruk.sqlite'}"
    db = Database(url)
    ensure_schema(db.engine)
    start = datetime(2024, 1, 1, 8, tzinfo=UTC)
    with db.session() as session:
        team = ensure_team(session, ensure_organisation(session, "Bench"), "Team")
        worker = ensure_worker(session, team, "Bench")
        for n in range(ENTRIES):
            begin = start + timedelta(hours=n)
            row = TimeEntry(
                worker_id=worker.id,
                category_key="rapportage",
                start_at=begin,
                end_at=begin + timedelta(minutes=30),
                created_at=begin,
                updated_at=begin,
            )
            session.add(row)
            session.flush()
            session.add(
                AuditEvent(
                    at=begin,
                    actor_id=worker.id,
                    entry_id=row.id,
                    action="create",
                    before=None,
                    after="{}",
                )
            )
    db.dispose()
    (home / "config.toml").write_text('worker = "Bench"\nteam = "Team"\n', encoding="utf-8")


def seed_watson(directory: Path) -> None:
    start = int(datetime(2024, 1, 1, 8, tzinfo=UTC).timestamp())
    frames = [
        [
            start + n * 3600,
            start + n * 3600 + 1800,
            "rapportage",
            uuid.uuid4().hex,
            ["gm0344"],
            start + n * 3600 + 1800,
        ]
        for n in range(ENTRIES)
    ]
    (directory / "frames").write_text(json.dumps(frames), encoding="utf-8")


def timed(command: list[str], env: dict[str, str]) -> float:
    begin = time.perf_counter()
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - begin
    if result.returncode != 0:
        raise SystemExit(f"{command[0]} failed: {result.stderr or result.stdout}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args()
    bin_dir = Path(sys.executable).parent
    regeldruk = shutil.which("regeldruk", path=str(bin_dir)) or "regeldruk"
    watson = shutil.which("watson", path=str(bin_dir)) or shutil.which("watson")
    if watson is None:
        raise SystemExit("watson not found: pip install -e '.[bench]'")
    with tempfile.TemporaryDirectory() as tmp:
        home, watson_dir = Path(tmp) / "regeldruk", Path(tmp) / "watson"
        home.mkdir()
        watson_dir.mkdir()
        seed_regeldruk(home)
        seed_watson(watson_dir)
        env = {**os.environ, "REGELDRUK_HOME": str(home), "WATSON_DIR": str(watson_dir)}
        env.pop("REGELDRUK_DATABASE_URL", None)
        ours: list[float] = []
        theirs: list[float] = []
        base = datetime(2027, 1, 4, 8)
        for n in range(args.runs):  # interleaved, so machine noise hits both alike
            begin, end = base + timedelta(hours=n), base + timedelta(hours=n, minutes=30)
            ours.append(
                timed(
                    [
                        regeldruk,
                        "log",
                        "add",
                        "rapportage",
                        "--from",
                        begin.isoformat(timespec="minutes"),
                        "--to",
                        end.isoformat(timespec="minutes"),
                    ],
                    env,
                )
            )
            theirs.append(
                timed(
                    [
                        watson,
                        "add",
                        "-f",
                        begin.strftime("%Y-%m-%d %H:%M"),
                        "-t",
                        end.strftime("%Y-%m-%d %H:%M"),
                        "rapportage",
                    ],
                    env,
                )
            )
    ours_median, theirs_median = statistics.median(ours), statistics.median(theirs)
    print(f"store: {ENTRIES} entries each; {args.runs} runs each, interleaved")
    print(f"regeldruk log add  median {ours_median * 1000:7.1f} ms")
    print(f"watson add         median {theirs_median * 1000:7.1f} ms")
    print(f"ratio regeldruk/watson: {ours_median / theirs_median:.2f} (target <= 1.0)")


if __name__ == "__main__":
    main()
