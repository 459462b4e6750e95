"""The crash harness at CI size: SIGKILL writers, then nothing lost, nothing half-written.
(The full run, 220 kills per database, is `python bench/crash_harness.py`.)"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def harness():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(
        "crash_harness", ROOT / "bench" / "crash_harness.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["crash_harness"] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("kills", [12])
def test_kills_lose_nothing(db_url: str, kills: int) -> None:
    outcome = harness().run(db_url, kills, seed=7)
    assert outcome.kills == kills
    assert outcome.saved > kills  # the writers did write
    assert (outcome.lost, outcome.half_written, outcome.integrity_failures) == (0, 0, 0)
    assert outcome.timers_lost == 0
    assert outcome.problems == []
