"""Stable proposal ids, derived from what a proposal is: its theme, its addressee and the
rules (forms) it touches. The same proposal keeps its id across runs and across catalogue
edits that leave those alone (a label reworded, minutes re-estimated, another form added);
a proposal that starts or stops touching a form is, for the register, another proposal.
"""

from __future__ import annotations

import hashlib

from regeldruk.proposals.model import Proposal

DIGITS = 6


def content_key(proposal: Proposal) -> str:
    parts = [proposal.theme.key, proposal.addressee.kind, proposal.addressee.key]
    return "|".join(parts + proposal.forms)


def stable_id(proposal: Proposal, digits: int = DIGITS) -> str:
    digest = hashlib.sha256(content_key(proposal).encode("utf-8")).hexdigest()
    return f"{proposal.theme.code}-{digest[:digits]}"


def assign_ids(proposals: list[Proposal]) -> None:
    """Give every proposal its stable id; on the (unlikely) clash of two short ids, those
    two get a longer one, which is just as stable (theme and addressee make the content
    key unique within a run)."""
    short = [stable_id(p) for p in proposals]
    clashing = {found for found in short if short.count(found) > 1}
    for proposal, found in zip(proposals, short, strict=True):
        proposal.id = stable_id(proposal, 16) if found in clashing else found
