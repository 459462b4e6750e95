"""Type-to-search pickers: the 342 municipalities (recent first) and the catalogue's forms."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from regeldruk.municipalities import Municipality, by_code, fold, search_municipalities


class SearchPicker(ModalScreen[str | None]):
    """A query box over a list; returns the chosen id, "" to clear, or None when cancelled."""

    BINDINGS = [
        Binding("escape", "cancel", "Annuleren", id="picker.cancel"),
        Binding("down", "focus_list", "Lijst", show=False, id="picker.down"),
    ]
    prompt = ""
    placeholder = ""

    def options(self, query: str) -> list[Option]:
        """What matches ``query``; each picker below lists its own things."""
        return []

    def compose(self) -> ComposeResult:
        with Vertical(id="picker-dialog"):
            yield Label(self.prompt)
            yield Input(placeholder=self.placeholder, id="picker-query")
            yield OptionList(id="picker-options")

    def on_mount(self) -> None:
        self.fill("")
        self.query_one(Input).focus()

    def fill(self, query: str) -> None:
        options = self.query_one(OptionList)
        options.clear_options()
        options.add_options(self.options(query))
        if options.option_count:
            options.highlighted = 0

    def on_input_changed(self, event: Input.Changed) -> None:
        self.fill(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if not event.value.strip():
            self.dismiss("")
            return
        options = self.query_one(OptionList)
        if options.highlighted is not None:
            self.dismiss(options.get_option_at_index(options.highlighted).id)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_focus_list(self) -> None:
        self.query_one(OptionList).focus()

    def action_cancel(self) -> None:
        self.dismiss(None)


class MunicipalityPicker(SearchPicker):
    """Returns a CBS code, "" to clear, or None when cancelled."""

    prompt = "Gemeente (typ om te zoeken; Enter kiest, leeg = geen)"
    placeholder = "naam of code"

    def __init__(self, recent: list[str]) -> None:
        super().__init__()
        self.recent = [m for m in (by_code(code) for code in recent) if m is not None]

    def candidates(self, query: str) -> list[Municipality]:
        if not query.strip():
            rest = [m for m in search_municipalities("", 400) if m not in self.recent]
            return (self.recent + rest)[:30]
        found = search_municipalities(query, 30)
        return [m for m in self.recent if m in found] + [m for m in found if m not in self.recent]

    def options(self, query: str) -> list[Option]:
        return [
            Option(f"{m.name} ({m.code}, {m.region})", id=m.code) for m in self.candidates(query)
        ]


class FormPicker(SearchPicker):
    """The catalogue's forms, the running activity's municipality first; returns a form id."""

    prompt = "Formulier (typ om te zoeken; Enter kiest, leeg = geen)"
    placeholder = "titel of id"

    def __init__(self, forms: list[tuple[str, str, str]], municipality: str | None) -> None:
        super().__init__()
        # (form id, title, municipality)
        self.forms = sorted(forms, key=lambda f: (f[2] != municipality, f[0]))

    def options(self, query: str) -> list[Option]:
        wanted = fold(query)
        found = [f for f in self.forms if wanted in fold(f"{f[0]} {f[1]}")][:40]
        return [Option(f"{title} ({form_id})", id=form_id) for form_id, title, _ in found]
