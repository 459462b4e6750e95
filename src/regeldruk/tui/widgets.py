"""Small display widgets: the running activity, the number keys and the split bar."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from regeldruk.fmt import clock, decimal_nl, hours_minutes
from regeldruk.taxonomy import KIND_SHORT_LABELS, KINDS, Category

if TYPE_CHECKING:
    from regeldruk.reporting import Summary
    from regeldruk.timelog import Entry

KIND_STYLES = {
    "client": "bold green",
    "indirect": "bold cyan",
    "accountability": "bold red",
    "other": "bold yellow",
}


def elapsed(entry: Entry, now: datetime) -> str:
    seconds = max(0, int((now - entry.start).total_seconds()))
    return f"{seconds // 3600}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"


class RunningPanel(Static):
    """What runs now, with its time updating every second."""

    def show(self, entry: Entry | None, now: datetime, tz: str) -> None:
        if entry is None:
            self.update(Text("Er loopt niets. Druk op een cijfer om te starten.", style="dim"))
            return
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append("▶ ", style="bold green")
        text.append(elapsed(entry, now), style="bold")
        text.append(f"  {entry.category}", style=KIND_STYLES.get(entry.kind, "bold"))
        details = [f"sinds {clock(entry.start, tz)}"]
        if entry.gemeente:
            details.append(entry.gemeente)
        if entry.form:
            details.append(entry.form)
        text.append(" · " + " · ".join(details))
        text.append(f" · {entry.label}", style="dim")
        self.update(text)


class KeysPanel(Static):
    """Which digit starts which activity."""

    def show(self, keys: list[Category]) -> None:
        text = Text()
        for number, category in enumerate(keys, start=1):
            text.append(f" {number} ", style="reverse bold")
            text.append(f" {category.key:<15}", style=KIND_STYLES.get(category.kind, ""))
            if number % 4 == 0:
                text.append("\n")
        self.update(text)


def split_bar(summary: Summary, width: int = 30) -> Text:
    """A bar of the four kinds, proportional to their minutes."""
    text = Text()
    total = summary.total_minutes
    if not total:
        return text.append("░" * width, style="dim")
    used = 0
    for index, kind in enumerate(KINDS):
        cells = (
            width - used
            if index == len(KINDS) - 1
            else round(summary.minutes[kind] * width / total)
        )
        cells = max(0, min(cells, width - used))
        text.append("█" * cells, style=KIND_STYLES[kind].replace("bold ", ""))
        used += cells
    return text


class SplitPanel(Static):
    """Today's and this week's split over the four kinds, and the paperwork ratio."""

    def show(self, today: Summary, week: Summary) -> None:
        table = Table(box=None, padding=(0, 1), expand=False, show_edge=False)
        table.add_column("")
        table.add_column("", no_wrap=True)
        for kind in KINDS:
            table.add_column(KIND_SHORT_LABELS[kind], justify="right", style=KIND_STYLES[kind])
        table.add_column("Min/uur", justify="right")
        for label, summary in (("Vandaag", today), ("Week", week)):
            ratio = summary.paperwork_ratio
            table.add_row(
                label,
                split_bar(summary, 18),
                *(hours_minutes(summary.minutes[kind]) for kind in KINDS),
                "–" if ratio is None else decimal_nl(ratio),
            )
        self.update(table)
