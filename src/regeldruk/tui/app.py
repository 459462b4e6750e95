"""The Textual app: one App, two screens, modals, and a single background thread for the core.

Core operations run one at a time, in order, on one worker thread (a single-thread
executor): pressing 1 then 2 quickly must start 1 before switching to 2, which Textual's
per-call thread workers do not guarantee. Results come back as messages.

The time log itself (SQLAlchemy, the database) is built on that thread too, after the
first frame is on screen: the worker sees the app at once, its data a moment later.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import suppress
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from textual.app import App
from textual.binding import Binding
from textual.message import Message

from regeldruk.errors import RegeldrukError
from regeldruk.fmt import local
from regeldruk.taxonomy import Category
from regeldruk.tui.entry_modal import EntryForm, EntryModal
from regeldruk.tui.messages import Changed, Refused, TodayLoaded, WeekLoaded
from regeldruk.tui.picker import FormPicker, MunicipalityPicker
from regeldruk.tui.today import TodayScreen
from regeldruk.tui.week import WeekScreen

if TYPE_CHECKING:
    from regeldruk.cli.context import AppContext
    from regeldruk.dashboard import TodayView
    from regeldruk.measurement import Week
    from regeldruk.timelog import Entry, TimeLog
    from regeldruk.tui.survey_modal import SurveyForm

T = TypeVar("T")


class RegeldrukApp(App[None]):
    CSS_PATH = "regeldruk.tcss"
    TITLE = "regeldruk"
    BINDINGS = [
        Binding("ctrl+t", "toggle_theme", "Thema", id="theme", show=False),
        Binding("q", "quit", "Sluit", id="quit"),
    ]

    def __init__(
        self,
        open_timelog: Callable[[], TimeLog],
        worker_name: str,
        categories: tuple[Category, ...],
        tz: str,
        clock: Callable[[], datetime] | None = None,
        favourites: tuple[str, ...] = (),
    ) -> None:
        super().__init__()
        self.open_timelog = open_timelog
        self._timelog: TimeLog | None = None
        self.worker_name = worker_name
        self.categories = categories
        self.tz = tz
        self.clock = clock or _now
        self.favourites = favourites
        self.catalogue_dir: Path | None = None  # None: ./forms or the shipped catalogue
        self.today: TodayView | None = None
        self.today_screen = TodayScreen()
        self.executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="regeldruk-core")
        self.survey_offered: set[str] = set()  # weeks whose peiling opened by itself

    @property
    def timelog(self) -> TimeLog:
        """The worker's time log; opened by the first core operation (see load_today)."""
        if self._timelog is None:
            self._timelog = self.open_timelog()
        return self._timelog

    def on_mount(self) -> None:
        self.title = f"regeldruk — {self.worker_name}"
        self.push_screen(self.today_screen)

    def on_unmount(self) -> None:
        self.executor.shutdown(wait=True)

    # -- the core, off the UI thread ---------------------------------------------------------

    def run_core(self, operation: Callable[[], T], done: Callable[[T], Message]) -> Future[Any]:
        def run() -> Message:
            try:
                return done(operation())
            except RegeldrukError as err:
                return Refused(str(err))
            except Exception as err:  # shown, not raised: the UI must keep running
                from regeldruk.cli import _log_unexpected

                where = _log_unexpected(err)
                traceback.clear_frames(err.__traceback__)
                return Refused(f"Onverwachte fout ({type(err).__name__}); zie {where}.")

        future = self.executor.submit(run)
        future.add_done_callback(self._deliver_from_thread)
        return future

    def _deliver_from_thread(self, future: Future[Message]) -> None:
        with suppress(RuntimeError):  # the app has already closed
            self.call_from_thread(self.deliver, future.result())

    def deliver(self, message: Message) -> None:
        if isinstance(message, TodayLoaded):
            self.today = message.view
            self.today_screen.post_message(message)
        elif isinstance(message, WeekLoaded):
            if isinstance(self.screen, WeekScreen):
                self.screen.post_message(message)
        else:
            self.today_screen.post_message(message)

    async def wait_for_core(self) -> None:
        """Until every queued core operation has finished (for tests and benchmarks)."""
        import asyncio

        await asyncio.get_running_loop().run_in_executor(
            None, lambda: self.executor.submit(lambda: None).result()
        )

    # -- what the screens ask for ------------------------------------------------------------

    def load_today(self) -> None:
        # The number keys are chosen once per session: keys that move under the fingers
        # while working would start the wrong activity.
        keys = self.today.keys if self.today else None

        def load() -> TodayView:
            from regeldruk.dashboard import today_view

            return today_view(self.timelog, self.favourites, keys)

        self.run_core(load, TodayLoaded)

    def load_week(self, monday: date) -> None:
        def load() -> Any:
            from regeldruk.dashboard import week_view

            return week_view(self.timelog, monday)

        self.run_core(load, WeekLoaded)

    def start(self, key: str) -> None:
        def done(result: Any) -> Message:
            text = f"Gestart: {result.started.label}"
            stopped = result.stopped
            if stopped and stopped.dropped:
                text += f" ({stopped.category} niet bewaard: < 1 min)"
            elif stopped:
                text += f" (gestopt: {stopped.category})"
            return Changed(text)

        self.run_core(lambda: self.timelog.start(key), done)

    def stop(self) -> None:
        def done(entry: Entry) -> Message:
            if entry.dropped:
                return Changed(f"Gestopt na minder dan een minuut; niet bewaard: {entry.label}")
            return Changed(f"Gestopt: {entry.label}")

        self.run_core(self.timelog.stop, done)

    def delete(self, entry_id: int) -> None:
        self.run_core(
            lambda: self.timelog.delete(entry_id),
            lambda entry: Changed(f"Verwijderd: #{entry.id} {entry.category} (u = ongedaan)"),
        )

    def undo(self) -> None:
        self.run_core(self.timelog.undo, Changed)

    def pick_gemeente(self) -> None:
        """Set the municipality of the running activity."""
        running = self.today.running if self.today else None
        if running is None:
            self.today_screen.set_status("Er loopt niets: start eerst een activiteit.", True)
            return

        def chosen(code: str | None) -> None:
            if code is not None:
                self.run_core(
                    lambda: self.timelog.edit(running.id, gemeente=code),
                    lambda entry: Changed(f"Gemeente: {entry.gemeente or 'geen'}"),
                )

        self.push_screen(MunicipalityPicker(self.timelog.recent_municipalities()), chosen)

    def pick_form(self) -> None:
        """Set the catalogue form the running activity is spent on."""
        running = self.today.running if self.today else None
        if running is None:
            self.today_screen.set_status("Er loopt niets: start eerst een activiteit.", True)
            return
        from regeldruk.forms import load_catalogue, shipped_catalogue

        catalogue, _ = load_catalogue(self.catalogue_dir or shipped_catalogue())
        forms = [(f.id, f.title, f.municipality) for f in catalogue.forms if not f.is_standard]

        def chosen(form_id: str | None) -> None:
            if form_id is not None:
                self.run_core(
                    lambda: self.timelog.edit(running.id, form=form_id),
                    lambda entry: Changed(f"Formulier: {entry.form or 'geen'}"),
                )

        self.push_screen(FormPicker(forms, running.gemeente), chosen)

    def open_entry_modal(self, entry: Entry | None) -> None:
        title = "Registratie toevoegen" if entry is None else f"Registratie #{entry.id} wijzigen"
        modal = EntryModal(
            title,
            self.categories,
            lambda form: self.save_form(form, entry),
            self.tz,
            self.clock(),
            entry,
        )

        def closed(saved: bool | None) -> None:
            if saved:
                self.today_screen.set_status("Opgeslagen.")
                self.load_today()

        self.push_screen(modal, closed)

    def save_form(self, form: EntryForm, entry: Entry | None) -> str | None:
        """Parse and save the modal's form; the core's refusal text, or None when saved.

        Runs on the UI thread (a few milliseconds), so the refusal appears next to the form.
        """
        from regeldruk.timeparse import parse_date, parse_span, parse_time

        tz, now = self.tz, self.clock()
        try:
            day = parse_date(form.day, tz, now) if form.day else local(now, tz).date()
            if entry is None:
                if not form.start or not form.end:
                    return "Vul een begin- en eindtijd in."
                start, end = parse_span(form.start, form.end, tz, day, now)
                self.timelog.add(form.category, start, end, form.gemeente, form.form, form.note)
                return None
            start_text = form.start or local(entry.start, tz).format("HH:mm")
            new_end: datetime | None = None
            if form.end:
                new_start, new_end = parse_span(start_text, form.end, tz, day, now)
            else:
                new_start = parse_time(start_text, tz, day, now)
            self.timelog.edit(
                entry.id, form.category, new_start, new_end, form.gemeente, form.form, form.note
            )
            return None
        except RegeldrukError as err:
            return str(err)

    def offer_survey(self, week: Week) -> None:
        """Open the peiling by itself once per session; after 'Later' it waits for p."""
        if week.label in self.survey_offered or self.screen is not self.today_screen:
            return
        self.survey_offered.add(week.label)
        self.open_survey(week)

    def open_survey(self, week: Week) -> None:
        from regeldruk.survey import rule_choices
        from regeldruk.tui.survey_modal import SurveyModal

        def closed(saved: bool | None) -> None:
            if saved:
                self.today_screen.set_status(f"Peiling over {week.label} opgeslagen. Dank u.")
                self.load_today()

        modal = SurveyModal(
            week.label, rule_choices(self.categories), lambda form: self.save_survey(week, form)
        )
        self.push_screen(modal, closed)

    def save_survey(self, week: Week, form: SurveyForm) -> str | None:
        """Save the peiling (on the UI thread, a few ms); the refusal text, or None."""
        from regeldruk import survey

        if form.unnecessary is None or form.change is None:
            return "Beantwoord vraag 1 en 3; vraag 2 mag leeg blijven."
        try:
            survey.save(
                self.timelog.db,
                self.timelog.worker_name,
                survey.Answer(week, form.unnecessary, form.rule, form.text or None, form.change),
                self.categories,
                self.clock(),
            )
        except RegeldrukError as err:
            return str(err)
        return None

    def show_week(self) -> None:
        day = self.today.day if self.today else local(self.clock(), self.tz).date()
        self.push_screen(WeekScreen(day - timedelta(days=day.weekday())))

    def action_toggle_theme(self) -> None:
        self.theme = "textual-light" if self.theme == "textual-dark" else "textual-dark"


def _now() -> datetime:
    from regeldruk.timeparse import now_utc

    return now_utc()


def make_app(timelog: TimeLog, favourites: tuple[str, ...] = ()) -> RegeldrukApp:
    """The app factory; tests pass a TimeLog with a fixed clock."""
    return RegeldrukApp(
        lambda: timelog,
        timelog.worker_name,
        timelog.categories,
        timelog.tz,
        timelog.clock,
        favourites,
    )


def run(context: AppContext) -> None:
    app = RegeldrukApp(
        context.timelog,
        context.worker_name(),  # refuses in the terminal, before the UI, when not set up
        context.categories,
        context.tz,
        favourites=context.config.favourites,
    )
    app.run()
