"""The today screen: what runs, today's entries, and the split of today and this week."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Label

from regeldruk.fmt import clock, hours_minutes
from regeldruk.tui.messages import Changed, Refused, TodayLoaded
from regeldruk.tui.widgets import KeysPanel, RunningPanel, SplitPanel

if TYPE_CHECKING:
    from regeldruk.dashboard import TodayView
    from regeldruk.timelog import Entry
    from regeldruk.tui.app import RegeldrukApp


class TodayScreen(Screen[None]):
    BINDINGS = [
        *[
            Binding(str(n), f"start({n})", f"Start {n}", show=False, id=f"start.{n}")
            for n in range(1, 10)
        ],
        Binding("s", "stop", "Stop", id="stop"),
        Binding("g", "gemeente", "Gemeente", id="gemeente"),
        Binding("f", "form", "Formulier", id="form", show=False),
        Binding("a", "add", "Nieuw", id="add"),
        Binding("e", "edit", "Wijzig", id="edit"),
        Binding("d", "delete", "Wis", id="delete"),
        Binding("u", "undo", "Herstel", id="undo"),
        Binding("w", "week", "Week", id="week"),
        Binding("p", "survey", "Peiling", id="survey", show=False),
    ]

    @property
    def regeldruk(self) -> RegeldrukApp:
        from regeldruk.tui.app import RegeldrukApp

        assert isinstance(self.app, RegeldrukApp)
        return self.app

    def compose(self) -> ComposeResult:
        yield Header()
        yield RunningPanel(id="running")
        yield KeysPanel(id="keys")
        table: DataTable[str] = DataTable(id="entries", cursor_type="row", zebra_stripes=True)
        yield table
        yield SplitPanel(id="split")
        yield Label("", id="measure")
        yield Label("", id="status")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#entries", DataTable)
        table.add_columns("#", "Van", "Tot", "Duur", "Categorie", "Gemeente", "Formulier")
        self.set_interval(1, self.tick)
        self.set_interval(60, self.reload)  # a running timer moves the split along
        # Load after the first frame is painted: the worker sees the app at once.
        self.call_after_refresh(self.reload)

    # -- data ------------------------------------------------------------------------------

    def reload(self) -> None:
        self.regeldruk.load_today()

    def tick(self) -> None:
        view = self.regeldruk.today
        self.query_one(RunningPanel).show(
            view.running if view else None, self.regeldruk.clock(), self.regeldruk.tz
        )

    def on_today_loaded(self, message: TodayLoaded) -> None:
        self.show(message.view)

    def show(self, view: TodayView) -> None:
        tz = self.regeldruk.tz
        self.sub_title = view.day.strftime("%d-%m-%Y")
        self.tick()
        self.query_one(KeysPanel).show(view.keys)
        table = self.query_one("#entries", DataTable)
        selected = self.selected_id()
        table.clear()
        for entry in view.entries:
            table.add_row(
                str(entry.id),
                clock(entry.start, tz),
                clock(entry.end, tz) if entry.end else "loopt",
                hours_minutes(entry.minutes(self.regeldruk.clock())),
                entry.category,
                entry.gemeente or "",
                entry.form or "",
                key=str(entry.id),
            )
        if selected is not None and str(selected) in {str(e.id) for e in view.entries}:
            table.move_cursor(row=table.get_row_index(str(selected)))
        elif view.entries:
            table.move_cursor(row=len(view.entries) - 1)
        self.query_one(SplitPanel).show(view.today, view.week)
        self.show_measurement(view)

    def show_measurement(self, view: TodayView) -> None:
        """Full logging is asked only in a measurement week; the peiling at its end."""
        line = view.measurement.line() if view.measurement else ""
        if view.survey_due is not None:
            line = f"De peiling over meetweek {view.survey_due.label} staat open: druk p."
        label = self.query_one("#measure", Label)
        label.update(line)
        label.set_class(bool(view.measurement and view.measurement.current), "measuring")
        if view.survey_due is not None:
            self.regeldruk.offer_survey(view.survey_due)

    def on_changed(self, message: Changed) -> None:
        self.set_status(message.text)
        self.reload()

    def on_refused(self, message: Refused) -> None:
        self.set_status(message.text, error=True)

    def set_status(self, text: str, error: bool = False) -> None:
        status = self.query_one("#status", Label)
        status.update(text)
        status.set_class(error, "error")

    def selected_id(self) -> int | None:
        table = self.query_one("#entries", DataTable)
        if not table.row_count:
            return None
        row_key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
        return int(str(row_key.value))

    def selected_entry(self) -> Entry | None:
        view = self.regeldruk.today
        chosen = self.selected_id()
        if view is None or chosen is None:
            return None
        return next((e for e in view.entries if e.id == chosen), None)

    # -- actions ---------------------------------------------------------------------------

    def action_start(self, number: int) -> None:
        view = self.regeldruk.today
        if view is None or number > len(view.keys):
            self.set_status(f"Toets {number} heeft nog geen activiteit.", error=True)
            return
        self.regeldruk.start(view.keys[number - 1].key)

    def action_stop(self) -> None:
        self.regeldruk.stop()

    def action_gemeente(self) -> None:
        self.regeldruk.pick_gemeente()

    def action_form(self) -> None:
        self.regeldruk.pick_form()

    def action_add(self) -> None:
        self.regeldruk.open_entry_modal(None)

    def action_edit(self) -> None:
        entry = self.selected_entry()
        if entry is None:
            self.set_status("Kies eerst een registratie in de tabel.", error=True)
            return
        self.regeldruk.open_entry_modal(entry)

    def action_delete(self) -> None:
        entry = self.selected_entry()
        if entry is None:
            self.set_status("Kies eerst een registratie in de tabel.", error=True)
            return
        self.regeldruk.delete(entry.id)

    def action_undo(self) -> None:
        self.regeldruk.undo()

    def action_week(self) -> None:
        self.regeldruk.show_week()

    def action_survey(self) -> None:
        view = self.regeldruk.today
        if view is None or view.survey_due is None:
            self.set_status(
                "Er staat geen peiling open; die komt aan het eind van een meetweek.", error=True
            )
            return
        self.regeldruk.open_survey(view.survey_due)
