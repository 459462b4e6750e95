"""Snapshots of the main screens at 80×24, with a fixed clock and fixed data."""

from __future__ import annotations

from typing import Any

from textual.pilot import Pilot

from regeldruk.tui.app import RegeldrukApp
from tests.tui.conftest import World


async def _settle(pilot: Pilot[Any]) -> None:
    app = pilot.app
    assert isinstance(app, RegeldrukApp)
    for _ in range(3):
        await app.wait_for_core()
        await pilot.pause()


def test_today_screen(day_logged: World, snap_compare: Any) -> None:
    day_logged.timelog.start("netwerk", day_logged.clock.now)
    assert snap_compare(day_logged.app(), terminal_size=(80, 24), run_before=_settle)


def test_week_screen(day_logged: World, snap_compare: Any) -> None:
    async def before(pilot: Pilot[Any]) -> None:
        await _settle(pilot)
        await pilot.press("w")
        await _settle(pilot)

    assert snap_compare(day_logged.app(), terminal_size=(80, 24), run_before=before)


def test_entry_modal(day_logged: World, snap_compare: Any) -> None:
    async def before(pilot: Pilot[Any]) -> None:
        await _settle(pilot)
        await pilot.press("e")
        await _settle(pilot)

    assert snap_compare(day_logged.app(), terminal_size=(80, 24), run_before=before)


def test_today_screen_light_theme(day_logged: World, snap_compare: Any) -> None:
    async def before(pilot: Pilot[Any]) -> None:
        await _settle(pilot)
        await pilot.press("ctrl+t")
        await _settle(pilot)

    assert snap_compare(day_logged.app(), terminal_size=(80, 24), run_before=before)


def test_today_screen_in_a_measurement_week(day_logged: World, snap_compare: Any) -> None:
    from regeldruk.measurement import Week, plan

    plan(day_logged.db, "Team Noord", 2026, weeks=[Week(2026, 43)])
    assert snap_compare(day_logged.app(), terminal_size=(80, 24), run_before=_settle)


def test_peiling_modal(day_logged: World, snap_compare: Any) -> None:
    from regeldruk.measurement import Week, plan

    plan(day_logged.db, "Team Noord", 2026, weeks=[Week(2026, 42)])  # opens by itself
    assert snap_compare(day_logged.app(), terminal_size=(80, 24), run_before=_settle)
