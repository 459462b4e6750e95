"""Benchmark: `regeldruk export xlsx` of a team-year of 250,000 entries.

Against the peer: openpyxl in write-only mode dumping the same raw rows alone (one SELECT,
one sheet, no aggregation), in the same run. Each side runs in its own process, so peak
memory (max RSS) is its own. Targets: ratio <= 1.5, peak memory <= 500 MB.

    python bench/bench_export_xlsx.py [--entries 250000]      (needs GNU time: /usr/bin/time)
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

WORKERS = 100

OURS = """
import sys
from datetime import date
from pathlib import Path
import pendulum
from regeldruk.db.engine import Database
from regeldruk.exports.xlsx_team import write_team_workbook
from regeldruk.reporting import Period
from regeldruk.teamexport import build_team_export, resolve_scope

db = Database(sys.argv[1])
scope = resolve_scope(db, "Lead", "Team Jaar")
period = Period(date(2026, 1, 1), date(2026, 12, 31), "Europe/Amsterdam")
data = build_team_export(db, scope, period, pendulum.datetime(2027, 1, 5, tz="UTC"))
print(write_team_workbook(data, Path(sys.argv[2])))
"""

PEER = """
import sys
import sqlite3
from openpyxl import Workbook

connection = sqlite3.connect(sys.argv[1].removeprefix("sqlite:///"))
book = Workbook(write_only=True)
sheet = book.create_sheet("Registraties")
sheet.append(["start", "end", "worker", "category", "municipality", "form"])
count = 0
for row in connection.execute(
    "SELECT e.start_at, e.end_at, w.name, e.category_key, e.municipality_code, e.form_id "
    "FROM time_entry e JOIN worker w ON w.id = e.worker_id ORDER BY w.name, e.start_at"
):
    sheet.append(row)
    count += 1
book.save(sys.argv[2])
print(count)
"""


def seed(url: str, entries: int) -> None:
    from sqlalchemy import insert

    from regeldruk.db.engine import Database, ensure_schema
    from regeldruk.db.schema import share_consent, time_entry
    from regeldruk.organisation import ensure_organisation, ensure_team, ensure_worker

    db = Database(url)
    ensure_schema(db.engine)
    with db.session() as session:
        team = ensure_team(session, ensure_organisation(session, "Bench"), "Team Jaar")
        ensure_worker(session, team, "Lead", "teamleider")
        ids = [ensure_worker(session, team, f"Medewerker {n:03d}").id for n in range(WORKERS)]
    categories = ["client-face", "rapportage", "netwerk", "declaratie", "reistijd", "dossier"]
    codes = ["GM0344", "GM0355", "GM0307", None]
    per_worker = entries // WORKERS
    created = datetime(2027, 1, 1, tzinfo=UTC)
    rows = []
    for worker_id in ids:
        day, slot = date(2026, 1, 1), 0
        for n in range(per_worker):
            if slot == 10:
                day, slot = day + timedelta(days=1), 0
            start = datetime(day.year, day.month, day.day, 7, tzinfo=UTC) + timedelta(
                minutes=45 * slot
            )
            rows.append(
                {
                    "worker_id": worker_id,
                    "category_key": categories[n % 6],
                    "start_at": start,
                    "end_at": start + timedelta(minutes=40),
                    "municipality_code": codes[n % 4],
                    "form_id": "gm0344-voortgang" if n % 6 == 1 else None,
                    "created_at": created,
                    "updated_at": created,
                }
            )
            slot += 1
    with db.transaction() as connection:
        for chunk in range(0, len(rows), 20_000):
            connection.execute(insert(time_entry), rows[chunk : chunk + 20_000])
        # Every worker shares their own row with the lead (issue #18), so the workbook
        # holds all 250,000 entries, as it did before consent existed.
        connection.execute(
            insert(share_consent),
            [
                {"worker_id": i, "audience": "teamleider", "shared": True, "at": created}
                for i in ids
            ],
        )
    db.dispose()


def measure(code: str, url: str, target: Path) -> tuple[float, float, int]:
    """(seconds, peak RSS in MB, rows written) of one child process, via GNU time."""
    begin = time.perf_counter()
    result = subprocess.run(
        ["/usr/bin/time", "-f", "MAXRSS %M", sys.executable, "-c", code, url, str(target)],
        capture_output=True,
        text=True,
        check=True,
    )
    elapsed = time.perf_counter() - begin
    rss_kb = int(result.stderr.rsplit("MAXRSS", 1)[1].split()[0])
    return elapsed, rss_kb / 1024, int(result.stdout.strip())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--entries", type=int, default=250_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'year.sqlite'}"
        begin = time.perf_counter()
        seed(url, args.entries)
        seconds = time.perf_counter() - begin
        print(f"seeded {args.entries} entries for {WORKERS} workers in {seconds:.1f} s")
        ours = measure(OURS, url, Path(tmp) / "ours.xlsx")
        peer = measure(PEER, url, Path(tmp) / "peer.xlsx")
    print(
        f"regeldruk export xlsx: {ours[0]:.1f} s, peak {ours[1]:.0f} MB, {ours[2]} entries "
        "(five sheets, charts, table)"
    )
    print(f"openpyxl write-only raw dump: {peer[0]:.1f} s, peak {peer[1]:.0f} MB, {peer[2]} rows")
    print(
        f"ratio {ours[0] / peer[0]:.2f} (target <= 1.5); peak memory {ours[1]:.0f} MB "
        "(target <= 500 MB)"
    )


if __name__ == "__main__":
    main()
