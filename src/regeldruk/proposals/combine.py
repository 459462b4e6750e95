"""One burden model, no double counting: proposals that touch a form combine on it.

A form's yearly burden B is the ceiling. What remains of it after the proposals is

    B x F x sum over the fields still asked of (share of the field x (1 - partial saving))

where F is the product of the frequency factors. Proposals are applied in theme order
(first what is removed, then lower frequencies over what remains, then partial savings),
and each gets the marginal gain it adds on top of the ones before it. The gains on a form
therefore add up to B minus what remains, which is never more than B.

Everything is computed three times: with the central figures, with the low ends (burden
low, savings low) and with the high ends; a gain's range is what the low and the high
scenario give.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from regeldruk.proposals.burden import FormBurden
from regeldruk.proposals.estimate import Estimate
from regeldruk.proposals.model import Action, Proposal

SCENARIOS = ("value", "low", "high")


@dataclass
class _State:
    burden: float
    shares: dict[str, float]
    removed: set[str] = field(default_factory=set)
    partial: dict[str, float] = field(default_factory=dict)
    frequency: float = 1.0

    def remaining(self) -> float:
        asked = sum(
            share * (1 - self.partial.get(key, 0.0))
            for key, share in self.shares.items()
            if key not in self.removed
        )
        return self.burden * self.frequency * asked

    def apply(self, action: Action, saving: float) -> float:
        """Apply ``action`` and return the hours it saves on top of what came before."""
        before = self.remaining()
        if action.kind == "remove":
            self.removed |= set(action.fields)
        elif action.kind == "frequency":
            self.frequency *= 1 - saving
        elif action.kind == "partial":
            for key in action.fields:
                self.partial[key] = 1 - (1 - self.partial.get(key, 0.0)) * (1 - saving)
        return max(0.0, before - self.remaining())


def combine(proposals: list[Proposal], burdens: dict[str, FormBurden]) -> dict[str, Estimate]:
    """Fill in every counted proposal's gain per form; return what remains of each form."""
    states: dict[tuple[str, str], _State] = {}
    for scenario in SCENARIOS:
        for form_id, burden in burdens.items():
            states[(form_id, scenario)] = _State(getattr(burden.hours, scenario), burden.shares)
    ordered = sorted(proposals, key=lambda p: p.theme.order)
    for proposal in ordered:
        proposal.gains = {}
        if not proposal.counted:
            continue
        for action in proposal.actions:
            if action.form not in burdens:
                continue
            gained = [
                states[(action.form, scenario)].apply(action, getattr(action.saving, scenario))
                for scenario in SCENARIOS
            ]
            before = proposal.gains.get(action.form, Estimate(0.0, 0.0, 0.0))
            proposal.gains[action.form] = before.plus(Estimate(*gained))
    for proposal in ordered:
        proposal.gains = {key: _floor(gain) for key, gain in proposal.gains.items()}
    return {
        form_id: Estimate(*(states[(form_id, s)].remaining() for s in SCENARIOS))
        for form_id in burdens
    }


def _floor(gain: Estimate) -> Estimate:
    """Hundredths of an hour, rounded down: the sums in the report and the JSON then add up
    exactly, and a rounded gain never exceeds the burden."""
    return Estimate(*(math.floor(getattr(gain, s) * 100 + 1e-9) / 100 for s in SCENARIOS))
