"""The peiling: three questions on perceived burden at the end of a measurement week."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select

from regeldruk.survey import (
    CHANGE,
    QUESTION_CHANGE,
    QUESTION_RULE,
    QUESTION_UNNECESSARY,
    UNNECESSARY,
)
from regeldruk.taxonomy import Category


@dataclass(frozen=True)
class SurveyForm:
    unnecessary: int | None
    rule: str | None
    text: str
    change: int | None


# Saves through the core; returns None when saved, else the Dutch refusal.
SubmitSurvey = Callable[[SurveyForm], str | None]


class SurveyModal(ModalScreen[bool]):
    BINDINGS = [
        Binding("escape", "cancel", "Later", id="survey.cancel"),
        Binding("ctrl+s", "save", "Opslaan", id="survey.save"),
    ]

    def __init__(self, week_label: str, rules: list[Category], submit: SubmitSurvey) -> None:
        super().__init__()
        self.week_label = week_label
        self.rules = rules
        self.submit = submit

    def compose(self) -> ComposeResult:
        with Vertical(id="survey-dialog"):
            yield Label(f"Peiling na meetweek {self.week_label}", id="survey-title")
            yield Label(f"1. {QUESTION_UNNECESSARY}", classes="survey-question")
            yield Select(
                [(f"{n}. {text}", n) for n, text in UNNECESSARY.items()],
                prompt="Kies…",
                id="unnecessary",
                compact=True,
            )
            yield Label(f"2. {QUESTION_RULE}", classes="survey-question")
            yield Select(
                [(c.label[:60], c.key) for c in self.rules],
                prompt="(geen keuze)",
                id="rule",
                compact=True,
            )
            yield Input(
                placeholder="toelichting, mag leeg (geen namen of nummers)",
                id="rule-text",
                compact=True,
            )
            yield Label(f"3. {QUESTION_CHANGE}", classes="survey-question")
            yield Select(
                [(f"{n}. {text}", n) for n, text in CHANGE.items()],
                prompt="Kies…",
                id="change",
                compact=True,
            )
            yield Label("", id="survey-error")
            with Horizontal(id="survey-buttons"):
                yield Button("Opslaan (ctrl+s)", variant="primary", id="save", compact=True)
                yield Button("Later (esc)", id="cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one("#unnecessary", Select).focus()

    def form(self) -> SurveyForm:
        def chosen(widget_id: str) -> object:
            # `selection` is None while nothing is chosen (whatever the blank's name).
            selection: object = self.query_one(f"#{widget_id}", Select).selection
            return selection

        unnecessary, rule, change = chosen("unnecessary"), chosen("rule"), chosen("change")
        return SurveyForm(
            int(str(unnecessary)) if unnecessary is not None else None,
            str(rule) if rule is not None else None,
            self.query_one("#rule-text", Input).value.strip(),
            int(str(change)) if change is not None else None,
        )

    def action_save(self) -> None:
        error = self.submit(self.form())
        if error is None:
            self.dismiss(True)
        else:
            self.query_one("#survey-error", Label).update(error)

    def action_cancel(self) -> None:
        self.dismiss(False)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.action_save()
        else:
            self.action_cancel()

    def on_input_submitted(self) -> None:
        self.action_save()
