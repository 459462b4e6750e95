"""Add or edit an entry in a modal; the core's refusals appear inline, in Dutch."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select

from regeldruk.fmt import local
from regeldruk.taxonomy import Category

if TYPE_CHECKING:
    from regeldruk.timelog import Entry


@dataclass(frozen=True)
class EntryForm:
    """What the user typed; parsed and validated by the core, not here."""

    category: str
    day: str
    start: str
    end: str
    gemeente: str
    form: str
    note: str


# Runs the form through the core; returns None when saved, else the Dutch refusal.
Submit = Callable[[EntryForm], str | None]


class EntryModal(ModalScreen[bool]):
    BINDINGS = [
        Binding("escape", "cancel", "Annuleren", id="entry.cancel"),
        Binding("ctrl+s", "save", "Opslaan", id="entry.save"),
    ]

    def __init__(
        self,
        title: str,
        categories: tuple[Category, ...],
        submit: Submit,
        tz: str,
        now: datetime,
        entry: Entry | None = None,
    ) -> None:
        super().__init__()
        self.title_text = title
        self.categories = categories
        self.submit = submit
        self.tz = tz
        self.now = now
        self.entry = entry

    def compose(self) -> ComposeResult:
        entry = self.entry
        start = local(entry.start, self.tz) if entry else local(self.now, self.tz)
        end = local(entry.end, self.tz).format("HH:mm") if entry and entry.end else ""
        options = [(f"{c.key} – {c.label}"[:52], c.key) for c in self.categories]
        with Vertical(id="entry-dialog"):
            yield Label(self.title_text, id="entry-title")
            with Grid(id="entry-grid"):
                yield Label("Categorie")
                yield Select(
                    options,
                    allow_blank=False,
                    value=entry.category if entry else self.categories[0].key,
                    id="category",
                    compact=True,
                )
                yield Label("Datum")
                yield Input(start.date().isoformat(), id="day", compact=True)
                yield Label("Van")
                yield Input(
                    start.format("HH:mm") if entry else "",
                    placeholder="9:15",
                    id="start",
                    compact=True,
                )
                yield Label("Tot")
                yield Input(end, placeholder="10:00, now of -15m", id="end", compact=True)
                yield Label("Gemeente")
                yield Input(
                    entry.gemeente or "" if entry else "",
                    placeholder="GM0344, 0344 of naam",
                    id="gemeente",
                    compact=True,
                )
                yield Label("Formulier")
                yield Input(entry.form or "" if entry else "", id="form", compact=True)
                yield Label("Notitie")
                yield Input(
                    entry.note or "" if entry else "",
                    placeholder="zonder namen, BSN, e-mail, telefoon of IBAN",
                    id="note",
                    compact=True,
                )
            yield Label("", id="entry-error")
            with Horizontal(id="entry-buttons"):
                yield Button("Opslaan (ctrl+s)", variant="primary", id="save", compact=True)
                yield Button("Annuleren (esc)", id="cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one("#start" if self.entry is None else "#end", Input).focus()

    def form(self) -> EntryForm:
        def value(widget_id: str) -> str:
            return self.query_one(f"#{widget_id}", Input).value.strip()

        category = self.query_one("#category", Select).value
        return EntryForm(
            category=str(category),
            day=value("day"),
            start=value("start"),
            end=value("end"),
            gemeente=value("gemeente"),
            form=value("form"),
            note=value("note"),
        )

    def show_error(self, text: str) -> None:
        self.query_one("#entry-error", Label).update(text)

    def action_save(self) -> None:
        error = self.submit(self.form())
        if error is None:
            self.dismiss(True)
        else:
            self.show_error(error)

    def action_cancel(self) -> None:
        self.dismiss(False)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.action_save()
        else:
            self.action_cancel()

    def on_input_submitted(self) -> None:
        self.action_save()
