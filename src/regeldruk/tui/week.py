"""The week screen: days × categories, totals per kind and the paperwork ratio."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Label

from regeldruk.fmt import decimal_nl, hours_minutes, percent, short_day
from regeldruk.taxonomy import KIND_SHORT_LABELS, KINDS
from regeldruk.tui.messages import WeekLoaded

if TYPE_CHECKING:
    from regeldruk.dashboard import WeekView
    from regeldruk.tui.app import RegeldrukApp


def _cell(minutes: int) -> Text:
    return Text(hours_minutes(minutes) if minutes else "·", justify="right")


def _bold(text: Text) -> Text:
    text.stylize("bold")
    return text


class WeekScreen(Screen[None]):
    BINDINGS = [
        Binding("left,p", "previous", "Vorige week", id="week.previous"),
        Binding("right,n", "next", "Volgende week", id="week.next"),
        Binding("escape,t,w", "today", "Vandaag", id="week.today"),
    ]

    def __init__(self, monday: date) -> None:
        super().__init__()
        self.monday = monday

    @property
    def regeldruk(self) -> RegeldrukApp:
        from regeldruk.tui.app import RegeldrukApp

        assert isinstance(self.app, RegeldrukApp)
        return self.app

    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable(id="week", cursor_type="row", zebra_stripes=True)
        yield Label(
            "Aandeel V.: verantwoording / totaal · Min/uur: papierwerkratio",
            id="week-legend",
        )
        yield Footer()

    def on_mount(self) -> None:
        self.regeldruk.load_week(self.monday)

    def on_week_loaded(self, message: WeekLoaded) -> None:
        if message.view.period.first == self.monday:
            self.show(message.view)

    def show(self, view: WeekView) -> None:
        iso = view.period.first.isocalendar()
        self.sub_title = (
            f"Week {iso.week} ({view.period.first:%d-%m} t/m {view.period.last:%d-%m-%Y})"
        )
        days = view.period.days()
        table = self.query_one("#week", DataTable)
        table.clear(columns=True)
        table.add_column("Categorie", key="category")
        for day in days:
            table.add_column(short_day(day)[:5], key=day.isoformat())
        table.add_column("Totaal", key="total")
        labels = {c.key: c for c in self.regeldruk.categories}
        for kind in KINDS:
            keys = [k for k in view.grid if (labels[k].kind if k in labels else "other") == kind]
            for key in sorted(keys):
                row = view.grid[key]
                table.add_row(
                    f"  {key}", *(_cell(row.get(d, 0)) for d in days), _cell(sum(row.values()))
                )
            table.add_row(
                Text(KIND_SHORT_LABELS[kind], style="bold"),
                *(_bold(_cell(view.per_day[d].minutes[kind])) for d in days),
                _bold(_cell(view.total.minutes[kind])),
            )
        table.add_row(
            Text("Totaal", style="bold"),
            *(_bold(_cell(view.per_day[d].total_minutes)) for d in days),
            _bold(_cell(view.total.total_minutes)),
        )
        table.add_row(
            "Aandeel V.",
            *(Text(percent(view.per_day[d].accountability_share), justify="right") for d in days),
            Text(percent(view.total.accountability_share), justify="right"),
        )

        def ratio(value: float | None) -> Text:
            return Text("–" if value is None else decimal_nl(value), justify="right")

        table.add_row(
            "Min/uur",
            *(ratio(view.per_day[d].paperwork_ratio) for d in days),
            ratio(view.total.paperwork_ratio),
        )

    def action_previous(self) -> None:
        self.monday -= timedelta(days=7)
        self.regeldruk.load_week(self.monday)

    def action_next(self) -> None:
        self.monday += timedelta(days=7)
        self.regeldruk.load_week(self.monday)

    def action_today(self) -> None:
        self.app.pop_screen()
