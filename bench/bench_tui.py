"""Benchmark the TUI: start-up to the first useful frame, and key press to committed entry.

1. Start-up: a fresh process until the today screen shows its data (headless), against a
   minimal Textual app (one Static) measured the same way, interleaved. Target ratio <= 1.5.
2. Key press to commit: press 1/2 alternately (start, then switch) in a running app, until
   the entry is in the database; against the floor of one SQLite INSERT + COMMIT with
   synchronous=FULL on the same disk (the physical limit of a durable write here).

    python bench/bench_tui.py [--runs 15]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# Both apps leave at their first frame: the moment Textual hands a rendered screen to the
# driver (App._display). WITH_DATA waits for the first frame that shows the worker's data.
FIRST_FRAME_HOOK = """
import os
from textual.app import App

_display = App._display

def _first_frame_then_leave(self, screen, renderable):
    _display(self, screen, renderable)
    if not os.environ.get("WITH_DATA") or getattr(self, "today", None) is not None:
        os._exit(0)

App._display = _first_frame_then_leave
"""

# What a bare `regeldruk` runs (regeldruk.tui.app.run).
OURS = (
    FIRST_FRAME_HOOK
    + """
from regeldruk.cli.context import AppContext
from regeldruk.tui.app import RegeldrukApp

context = AppContext.load(None)
RegeldrukApp(
    context.timelog, context.worker_name(), context.categories, context.tz,
    favourites=context.config.favourites,
).run(headless=True, size=(80, 24))
"""
)

MINIMAL = (
    FIRST_FRAME_HOOK
    + """
from textual.widgets import Static

class Minimal(App):
    def compose(self):
        yield Static("hallo")

Minimal().run(headless=True, size=(80, 24))
"""
)


def timed(code: str, env: dict[str, str]) -> float:
    begin = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], env=env, check=True, capture_output=True)
    return time.perf_counter() - begin


def startup(runs: int, env: dict[str, str]) -> tuple[float, float, float]:
    ours, with_data, minimal = [], [], []
    data_env = {**env, "WITH_DATA": "1"}
    timed(OURS, data_env), timed(MINIMAL, env)  # warm the bytecode caches
    for _ in range(runs):  # interleaved, so machine noise hits all alike
        ours.append(timed(OURS, env))
        with_data.append(timed(OURS, data_env))
        minimal.append(timed(MINIMAL, env))
    return statistics.median(ours), statistics.median(with_data), statistics.median(minimal)


def key_to_commit(runs: int, home: Path) -> float:
    """From pilot.press() until another connection sees the entry committed."""
    import threading

    import pendulum

    from regeldruk.db.engine import Database
    from regeldruk.taxonomy import DEFAULT_CATEGORIES
    from regeldruk.timelog import TimeLog
    from regeldruk.tui.app import make_app

    path = home / "regeldruk.sqlite"
    moment = [pendulum.datetime(2030, 1, 7, 8, tz="Europe/Amsterdam")]
    timelog = TimeLog(
        Database(f"sqlite:///{path}"), "Bench", DEFAULT_CATEGORIES, clock=lambda: moment[0]
    )
    app = make_app(timelog, ("client-face", "rapportage"))
    samples: list[float] = []

    def wait_for_row(count: int, committed: list[float]) -> None:
        watcher = sqlite3.connect(path)
        while watcher.execute("SELECT count(*) FROM time_entry").fetchone()[0] < count:
            time.sleep(0.0005)
        committed.append(time.perf_counter())
        watcher.close()

    async def scenario() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            for _ in range(3):
                await app.wait_for_core()
                await pilot.pause()
            for n in range(runs):
                moment[0] = moment[0].add(minutes=5)
                committed: list[float] = []
                watcher = threading.Thread(target=wait_for_row, args=(n + 1, committed))
                watcher.start()
                begin = time.perf_counter()
                await pilot.press("1" if n % 2 == 0 else "2")
                await asyncio.to_thread(watcher.join)
                samples.append(committed[0] - begin)
                await app.wait_for_core()
                await pilot.pause()

    asyncio.run(scenario())
    return statistics.median(samples)


def durable_insert_floor(runs: int, directory: Path) -> float:
    connection = sqlite3.connect(directory / "floor.sqlite", isolation_level=None)
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA synchronous = FULL")
    connection.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)")
    samples = []
    for n in range(runs):
        begin = time.perf_counter()
        connection.execute("BEGIN IMMEDIATE")
        connection.execute("INSERT INTO t (v) VALUES (?)", (str(n),))
        connection.execute("COMMIT")
        samples.append(time.perf_counter() - begin)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        env = {**os.environ, "REGELDRUK_HOME": str(home)}
        env.pop("REGELDRUK_DATABASE_URL", None)
        subprocess.run(
            [sys.executable, "-m", "regeldruk", "init", "--worker", "Bench", "--team", "T"],
            env=env,
            check=True,
            capture_output=True,
        )
        ours, with_data, minimal = startup(args.runs, env)
        os.environ["REGELDRUK_HOME"] = str(home)
        press = key_to_commit(args.runs * 2, home)
        floor = durable_insert_floor(args.runs * 2, home)
    print(
        f"start-up to first frame: regeldruk {ours * 1000:.0f} ms, "
        f"minimal Textual app {minimal * 1000:.0f} ms, ratio {ours / minimal:.2f} (target <= 1.5)"
    )
    print(
        f"start-up to first frame with the worker's data: {with_data * 1000:.0f} ms, "
        f"ratio {with_data / minimal:.2f}"
    )
    print(
        f"key press to committed entry: {press * 1000:.1f} ms median; "
        f"one durable SQLite insert {floor * 1000:.1f} ms; ratio {press / floor:.1f}"
    )


if __name__ == "__main__":
    main()
