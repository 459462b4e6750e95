"""Pilot tests of every flow of the youth worker's TUI."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from datetime import date

from textual.pilot import Pilot
from textual.widgets import Input, Label

from regeldruk.tui.app import RegeldrukApp
from regeldruk.tui.entry_modal import EntryModal
from regeldruk.tui.picker import MunicipalityPicker
from regeldruk.tui.today import TodayScreen
from regeldruk.tui.week import WeekScreen
from tests.tui.conftest import World, at

Scenario = Callable[[RegeldrukApp, Pilot[None]], Awaitable[None]]


def run(world: World, scenario: Scenario) -> None:
    async def main() -> None:
        app = world.app()
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(app, pilot)
            await scenario(app, pilot)

    asyncio.run(main())


async def settle(app: RegeldrukApp, pilot: Pilot[None]) -> None:
    """Let queued core operations finish and their results reach the screen."""
    for _ in range(3):
        await app.wait_for_core()
        await pilot.pause()


async def press(app: RegeldrukApp, pilot: Pilot[None], *keys: str) -> None:
    await pilot.press(*keys)
    await settle(app, pilot)


def status(app: RegeldrukApp) -> str:
    return str(app.today_screen.query_one("#status", Label).render())


def test_number_keys_start_switch_and_stop(world: World) -> None:
    async def scenario(app: RegeldrukApp, pilot: Pilot[None]) -> None:
        assert [c.key for c in app.today.keys[:2]] == ["client-face", "rapportage"]  # type: ignore[union-attr]
        await press(app, pilot, "1")
        running = world.timelog.running()
        assert running is not None and running.category == "client-face"
        assert running.start == at("2026-10-21T11:00")
        world.clock.now = at("2026-10-21T11:40:10")
        await press(app, pilot, "2")
        running = world.timelog.running()
        assert running is not None and running.category == "rapportage"
        assert "Gestart" in status(app)
        world.clock.now = at("2026-10-21T12:00")
        await press(app, pilot, "s")
        assert world.timelog.running() is None
        entries = world.timelog.entries_for_days(date(2026, 10, 21), date(2026, 10, 21))
        assert [(e.category, e.minutes()) for e in entries] == [
            ("client-face", 40),
            ("rapportage", 20),
        ]
        assert app.today is not None and app.today.today.minutes["accountability"] == 20

    run(world, scenario)


def test_a_timer_under_a_minute_says_it_was_not_kept(world: World) -> None:
    async def scenario(app: RegeldrukApp, pilot: Pilot[None]) -> None:
        await press(app, pilot, "1", "2")  # switched within the minute
        assert "(client-face niet bewaard: < 1 min)" in status(app)
        await press(app, pilot, "s")
        assert "Gestopt na minder dan een minuut; niet bewaard" in status(app)
        assert world.timelog.entries_for_days(date(2026, 10, 21), date(2026, 10, 21)) == []

    run(world, scenario)


def test_a_key_without_activity_says_so(world: World) -> None:
    async def scenario(app: RegeldrukApp, pilot: Pilot[None]) -> None:
        await press(app, pilot, "s")
        assert "geen activiteit" in status(app)

    run(world, scenario)


def test_running_panel_counts_every_second(world: World) -> None:
    async def scenario(app: RegeldrukApp, pilot: Pilot[None]) -> None:
        await press(app, pilot, "1")
        world.clock.now = at("2026-10-21T11:03:07")
        app.today_screen.tick()
        assert "0:03:07" in str(app.today_screen.query_one("#running").render())

    run(world, scenario)


def test_overlap_refusal_appears_inline(day_logged: World) -> None:
    day_logged.clock.now = at("2026-10-21T10:30")

    async def scenario(app: RegeldrukApp, pilot: Pilot[None]) -> None:
        await press(app, pilot, "1")
        assert "Overlapt met registratie" in status(app)
        assert "error" in app.today_screen.query_one("#status").classes
        assert day_logged.timelog.running() is None

    run(day_logged, scenario)


def test_add_through_the_modal_and_refusal_for_a_bsn(world: World) -> None:
    async def scenario(app: RegeldrukApp, pilot: Pilot[None]) -> None:
        await press(app, pilot, "a")
        modal = app.screen
        assert isinstance(modal, EntryModal)
        modal.query_one("#start", Input).value = "8:00"
        modal.query_one("#end", Input).value = "9:15"
        modal.query_one("#gemeente", Input).value = "Zeist"
        modal.query_one("#note", Input).value = "gebeld, bsn 111.222.333"
        await press(app, pilot, "ctrl+s")
        assert app.screen is modal  # still open, the refusal next to the form
        assert "BSN" in str(modal.query_one("#entry-error", Label).render())
        assert world.timelog.entries_for_days(date(2026, 10, 21), date(2026, 10, 21)) == []
        modal.query_one("#note", Input).value = "Q3"
        await press(app, pilot, "ctrl+s")
        assert isinstance(app.screen, TodayScreen)
        [entry] = world.timelog.entries_for_days(date(2026, 10, 21), date(2026, 10, 21))
        assert (entry.category, entry.minutes(), entry.gemeente, entry.note) == (
            "client-face",
            75,
            "GM0355",
            "Q3",
        )

    run(world, scenario)


def test_add_with_bad_time_and_cancel(world: World) -> None:
    async def scenario(app: RegeldrukApp, pilot: Pilot[None]) -> None:
        await press(app, pilot, "a")
        modal = app.screen
        assert isinstance(modal, EntryModal)
        modal.query_one("#start", Input).value = "negen uur"
        modal.query_one("#end", Input).value = "10:00"
        await press(app, pilot, "ctrl+s")
        assert "Onbekende tijd" in str(modal.query_one("#entry-error", Label).render())
        await press(app, pilot, "escape")
        assert isinstance(app.screen, TodayScreen)

    run(world, scenario)


def test_edit_the_selected_entry(day_logged: World) -> None:
    async def scenario(app: RegeldrukApp, pilot: Pilot[None]) -> None:
        await press(app, pilot, "up")  # from the last row (rapportage) to reistijd
        await press(app, pilot, "e")
        modal = app.screen
        assert isinstance(modal, EntryModal)
        assert modal.query_one("#start", Input).value == "09:45"
        modal.query_one("#end", Input).value = "10:00"
        await press(app, pilot, "ctrl+s")
        entries = day_logged.timelog.entries_for_days(date(2026, 10, 21), date(2026, 10, 21))
        assert [(e.category, e.minutes()) for e in entries][1] == ("reistijd", 15)

    run(day_logged, scenario)


def test_edit_refuses_an_overlap_inline(day_logged: World) -> None:
    async def scenario(app: RegeldrukApp, pilot: Pilot[None]) -> None:
        await press(app, pilot, "up", "e")
        modal = app.screen
        assert isinstance(modal, EntryModal)
        modal.query_one("#end", Input).value = "10:30"
        await press(app, pilot, "ctrl+s")
        assert "Overlapt met registratie" in str(modal.query_one("#entry-error", Label).render())

    run(day_logged, scenario)


def test_delete_and_undo(day_logged: World) -> None:
    async def scenario(app: RegeldrukApp, pilot: Pilot[None]) -> None:
        await press(app, pilot, "d")
        entries = day_logged.timelog.entries_for_days(date(2026, 10, 21), date(2026, 10, 21))
        assert [e.category for e in entries] == ["client-face", "reistijd"]
        assert "Verwijderd" in status(app)
        await press(app, pilot, "u")
        entries = day_logged.timelog.entries_for_days(date(2026, 10, 21), date(2026, 10, 21))
        assert [e.category for e in entries] == ["client-face", "reistijd", "rapportage"]
        assert "Ongedaan gemaakt" in status(app)

    run(day_logged, scenario)


def test_pick_the_municipality_of_the_running_activity(day_logged: World) -> None:
    async def scenario(app: RegeldrukApp, pilot: Pilot[None]) -> None:
        await press(app, pilot, "1", "g")
        picker = app.screen
        assert isinstance(picker, MunicipalityPicker)
        # Recently used municipalities come first.
        assert [m.code for m in picker.candidates("")[:2]] == ["GM0344", "GM0355"]
        await pilot.press(*"amersf")
        await settle(app, pilot)
        assert picker.query_one("#picker-query", Input).value == "amersf"
        await press(app, pilot, "enter")
        running = day_logged.timelog.running()
        assert running is not None and running.gemeente == "GM0307"

    run(day_logged, scenario)


def test_week_screen_and_navigation(day_logged: World) -> None:
    async def scenario(app: RegeldrukApp, pilot: Pilot[None]) -> None:
        await press(app, pilot, "w")
        week = app.screen
        assert isinstance(week, WeekScreen)
        assert week.monday == date(2026, 10, 19)
        assert "Week 43" in week.sub_title
        await press(app, pilot, "left")
        assert week.monday == date(2026, 10, 12)
        assert "Week 42" in week.sub_title
        await press(app, pilot, "right", "right")
        assert week.monday == date(2026, 10, 26)
        await press(app, pilot, "escape")
        assert isinstance(app.screen, TodayScreen)

    run(day_logged, scenario)


def test_timer_from_a_killed_process_is_shown_from_its_original_start(world: World) -> None:
    # The previous process started the timer and died; this app finds it in the database.
    world.timelog.start("netwerk", at("2026-10-21T09:12"))

    async def scenario(app: RegeldrukApp, pilot: Pilot[None]) -> None:
        text = str(app.today_screen.query_one("#running").render())
        assert "netwerk" in text and "sinds 09:12" in text and "1:48:30" in text

    run(world, scenario)


def test_theme_toggle(world: World) -> None:
    async def scenario(app: RegeldrukApp, pilot: Pilot[None]) -> None:
        before = app.theme
        await press(app, pilot, "ctrl+t")
        assert app.theme != before

    run(world, scenario)


def test_pick_the_form_of_the_running_activity(world: World) -> None:
    from regeldruk.tui.picker import FormPicker

    async def scenario(app: RegeldrukApp, pilot: Pilot[None]) -> None:
        await press(app, pilot, "2", "f")
        picker = app.screen
        assert isinstance(picker, FormPicker)
        await pilot.press(*"gm9003-voortgang")
        await settle(app, pilot)
        await press(app, pilot, "enter")
        running = world.timelog.running()
        assert running is not None and running.form == "gm9003-voortgangsrapportage"

    run(world, scenario)
