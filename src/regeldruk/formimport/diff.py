"""What changed between two versions of one form: fields added, removed, reworded, made
required (or optional), retyped, their options changed.

Fields are paired by id first (Open Forms keys survive a new version); what is left is
paired by label, so a field whose key was renamed but whose question stayed is one field.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from regeldruk.errors import quote
from regeldruk.municipalities import fold


@dataclass(frozen=True)
class Side:
    """One field as the diff sees it, from a loaded form or from a new draft."""

    id: str
    label: str
    type: str
    required: bool
    format: Any
    help: str | None = None
    note: str | None = None  # conditions, repeats: what form@1 has no key for


@dataclass
class FormDiff:
    added: list[Side] = field(default_factory=list)
    removed: list[Side] = field(default_factory=list)
    reworded: list[tuple[Side, Side]] = field(default_factory=list)
    made_required: list[Side] = field(default_factory=list)
    made_optional: list[Side] = field(default_factory=list)
    retyped: list[tuple[Side, Side]] = field(default_factory=list)
    options: list[tuple[Side, Side]] = field(default_factory=list)
    helped: list[Side] = field(default_factory=list)  # help text changed
    conditioned: list[Side] = field(default_factory=list)  # condition or note changed

    @property
    def empty(self) -> bool:
        return not any(
            (
                self.added,
                self.removed,
                self.reworded,
                self.made_required,
                self.made_optional,
                self.retyped,
                self.options,
                self.helped,
                self.conditioned,
            )
        )

    def summary(self) -> str:
        parts = [
            (len(self.added), "toegevoegd"),
            (len(self.removed), "verwijderd"),
            (len(self.reworded), "anders verwoord"),
            (len(self.made_required), "verplicht geworden"),
            (len(self.made_optional), "niet meer verplicht"),
            (len(self.retyped), "ander type"),
            (len(self.options), "andere keuzes"),
            (len(self.helped), "andere toelichting"),
            (len(self.conditioned), "andere voorwaarde of opmerking"),
        ]
        text = ", ".join(f"{count} {what}" for count, what in parts if count)
        return text or "geen wijzigingen in de velden"

    def lines(self) -> list[str]:
        """One Dutch line per change, in a fixed order."""
        out = [f"+ {quote(s.label, 70)} ({s.id}, {s.type})" for s in self.added]
        out += [f"- {quote(s.label, 70)} ({s.id})" for s in self.removed]
        for a, b in self.reworded:
            out += [f"~ {quote(a.label, 110)} ({a.id})", f"  wordt {quote(b.label, 110)}"]
        out += [f"! verplicht: {quote(s.label, 70)} ({s.id})" for s in self.made_required]
        out += [f"? niet meer verplicht: {quote(s.label, 60)} ({s.id})" for s in self.made_optional]
        out += [
            f"~ type {a.type} -> {b.type}: {quote(b.label, 60)} ({b.id})" for a, b in self.retyped
        ]
        for a, b in self.options:
            before, after = _options(a), _options(b)
            gained = _some([o for o in after if o not in before])
            lost = _some([o for o in before if o not in after])
            out.append(f"~ keuzes van {quote(b.label, 50)} ({b.id}): erbij {gained}; eraf {lost}")
        out += [f"~ toelichting: {quote(s.label, 70)} ({s.id})" for s in self.helped]
        out += [f"~ voorwaarde/opmerking: {quote(s.label, 60)} ({s.id})" for s in self.conditioned]
        return out


def compare(old: list[Side], new: list[Side]) -> FormDiff:
    result = FormDiff()
    old_by_id = {side.id: side for side in old}
    new_by_id = {side.id: side for side in new}
    pairs = [(old_by_id[key], new_by_id[key]) for key in new_by_id if key in old_by_id]
    lone_old = [side for side in old if side.id not in new_by_id]
    lone_new = [side for side in new if side.id not in old_by_id]
    by_label = {fold(side.label): side for side in lone_old}
    for side in list(lone_new):
        match = by_label.pop(fold(side.label), None)
        if match is not None:
            pairs.append((match, side))
            lone_new.remove(side)
            lone_old.remove(match)
    result.added, result.removed = lone_new, lone_old
    for before, after in pairs:
        if before.label.strip() != after.label.strip():
            result.reworded.append((before, after))
        if after.required and not before.required:
            result.made_required.append(after)
        if before.required and not after.required:
            result.made_optional.append(after)
        if before.type != after.type:
            result.retyped.append((before, after))
        elif before.type == "choice" and _options(before) != _options(after):
            result.options.append((before, after))
        if (before.help or "") != (after.help or ""):
            result.helped.append(after)
        if (before.note or "") != (after.note or ""):
            result.conditioned.append(after)
    return result


def _options(side: Side) -> list[str]:
    return [str(option) for option in side.format] if isinstance(side.format, list) else []


def _some(options: list[str], shown: int = 3) -> str:
    """'geen', or the first few options and how many more."""
    if not options:
        return "geen"
    text = ", ".join(quote(option, 40) for option in options[:shown])
    return text + (f" en nog {len(options) - shown}" if len(options) > shown else "")
