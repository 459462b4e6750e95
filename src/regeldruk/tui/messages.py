"""Messages that core operations, run off the UI thread, post back to the app."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from regeldruk.dashboard import TodayView, WeekView


@dataclass
class Changed(Message):
    """A change was committed; ``text`` tells the user what happened."""

    text: str


@dataclass
class Refused(Message):
    """The core refused a change (overlap, personal data in a note, ...): Dutch text."""

    text: str


@dataclass
class TodayLoaded(Message):
    view: TodayView


@dataclass
class WeekLoaded(Message):
    view: WeekView
