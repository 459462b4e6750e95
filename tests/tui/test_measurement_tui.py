"""Pilot tests: the TUI asks for full logging only in a measurement week, and asks the
three peiling questions at the end of one (issue #18)."""

from __future__ import annotations

from sqlalchemy import select
from textual.pilot import Pilot
from textual.widgets import Input, Label, Select

from regeldruk.db.schema import burden_survey
from regeldruk.measurement import Week, plan
from regeldruk.tui.app import RegeldrukApp
from regeldruk.tui.survey_modal import SurveyModal
from tests.tui.conftest import World
from tests.tui.test_flows import press, run, settle, status


def measure_line(app: RegeldrukApp) -> str:
    return str(app.today_screen.query_one("#measure", Label).render())


def test_no_weeks_planned_says_so(world: World) -> None:
    async def scenario(app: RegeldrukApp, pilot: Pilot[None]) -> None:
        assert "Geen meetweken gepland" in measure_line(app)

    run(world, scenario)


def test_in_a_measurement_week_full_logging_is_asked(world: World) -> None:
    plan(world.db, "Team Noord", 2026, weeks=[Week(2026, 43), Week(2026, 50)])  # today: W43

    async def scenario(app: RegeldrukApp, pilot: Pilot[None]) -> None:
        line = measure_line(app)
        assert "Meetweek 2026-W43: registreer deze week al uw tijd." in line
        assert app.today_screen.query_one("#measure").has_class("measuring")
        assert not isinstance(app.screen, SurveyModal)  # Wednesday: not yet the end

    run(world, scenario)


def test_outside_a_measurement_week_logging_is_optional(world: World) -> None:
    plan(world.db, "Team Noord", 2026, weeks=[Week(2026, 45)])

    async def scenario(app: RegeldrukApp, pilot: Pilot[None]) -> None:
        line = measure_line(app)
        assert "Geen meetweek: registreren is nu niet nodig (mag wel)." in line
        assert "Volgende meetweek: 2026-W45." in line
        assert not app.today_screen.query_one("#measure").has_class("measuring")
        await press(app, pilot, "p")
        assert "geen peiling open" in status(app)

    run(world, scenario)


def answers(world: World) -> list[tuple[int, int, int, str | None, str | None, int]]:
    with world.db.transaction() as connection:
        rows = connection.execute(
            select(
                burden_survey.c.iso_year,
                burden_survey.c.iso_week,
                burden_survey.c.unnecessary,
                burden_survey.c.rule_category,
                burden_survey.c.rule_text,
                burden_survey.c.change,
            )
        ).all()
    return [tuple(row) for row in rows]  # type: ignore[misc]


def test_the_peiling_opens_after_a_measurement_week_and_is_stored(world: World) -> None:
    plan(world.db, "Team Noord", 2026, weeks=[Week(2026, 42)])  # ended last Sunday

    async def scenario(app: RegeldrukApp, pilot: Pilot[None]) -> None:
        modal = app.screen
        assert isinstance(modal, SurveyModal)  # opened by itself
        assert "peiling over meetweek 2026-W42 staat open: druk p" in measure_line(app)
        await press(app, pilot, "ctrl+s")  # nothing chosen yet
        error = str(modal.query_one("#survey-error", Label).render())
        assert "Beantwoord vraag 1 en 3" in error and answers(world) == []
        modal.query_one("#unnecessary", Select).value = 4
        modal.query_one("#rule", Select).value = "verlenging"
        modal.query_one("#change", Select).value = 5
        text = modal.query_one("#rule-text", Input)
        text.value = "Bel 06-12345678 als het niet lukt"  # a phone number: refused
        await press(app, pilot, "ctrl+s")
        assert "telefoonnummer" in str(modal.query_one("#survey-error", Label).render())
        assert answers(world) == []
        text.value = "Elke drie maanden opnieuw aanvragen"
        await press(app, pilot, "ctrl+s")
        assert not isinstance(app.screen, SurveyModal)
        assert "Peiling over 2026-W42 opgeslagen" in status(app)
        assert answers(world) == [
            (2026, 42, 4, "verlenging", "Elke drie maanden opnieuw aanvragen", 5)
        ]
        await settle(app, pilot)
        assert "staat open" not in measure_line(app)  # answered: no longer asked

    run(world, scenario)


def test_later_closes_the_peiling_and_p_opens_it_again(world: World) -> None:
    plan(world.db, "Team Noord", 2026, weeks=[Week(2026, 42)])

    async def scenario(app: RegeldrukApp, pilot: Pilot[None]) -> None:
        assert isinstance(app.screen, SurveyModal)
        await press(app, pilot, "escape")
        assert not isinstance(app.screen, SurveyModal)
        await press(app, pilot, "s")  # a reload must not push it on the user again
        assert not isinstance(app.screen, SurveyModal)
        await press(app, pilot, "p")
        assert isinstance(app.screen, SurveyModal)

    run(world, scenario)
