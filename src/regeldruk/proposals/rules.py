"""The grounds a proposal may cite, as a small table from subject to ground.

Jeugdwet art. 2.15 lid 2 forbids municipalities extra or different requirements only on the
subjects of lid 1 *under a*: the financing and the administrative processes of payment
(Regeling Jeugdwet §6c: the execution variants and the iJw messages). It is a ground against
separate start/stop notices, declaration attachments and request or extension forms that
copy JW315/JW305/JW307/JW317/JW323 within that process, and only where the municipality's
execution variant makes that message exist. It is no ground against a BSN on an evaluation
or against accountability as such; no general "ban on asking twice" exists.

Every ground of every proposal is checked against this table (``check``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from regeldruk.forms import Form

# The iJw messages of the payment process under each execution variant (Regeling Jeugdwet
# art. 6c.1: iJw is mandatory for the inspanningsgericht and outputgericht variants; under
# taakgericht the start/stop messages may be left out, and regeldruk claims no message
# beyond the allocation for it: a task-based budget has no declaration per client).
ALL_MESSAGES = frozenset({"JW301", "JW305", "JW307", "JW315", "JW317", "JW319", "JW323"})
MESSAGES_BY_VARIANT = {
    "inspanningsgericht": ALL_MESSAGES,
    "outputgericht": ALL_MESSAGES,
    "taakgericht": frozenset({"JW301", "JW315", "JW317", "JW319"}),
}


@dataclass(frozen=True)
class Step:
    """A step of the payment process and the iJw messages that do its work."""

    key: str
    label: str  # Dutch
    messages: frozenset[str]
    whole_form: bool  # a separate form for this step is itself the extra requirement
    form_name: str = ""  # Dutch: what a separate form for this step is called


STEPS = {
    "aanvraag": Step("aanvraag", "aanvraag van een toewijzing", frozenset({"JW315"}), False),
    "verlenging": Step(
        "verlenging", "verlenging of wijziging", frozenset({"JW315", "JW317"}), False
    ),
    "start": Step("start", "melding start zorg", frozenset({"JW305"}), True, "startmelding"),
    "stop": Step("stop", "melding einde zorg", frozenset({"JW307"}), True, "stopmelding"),
    "declaratie": Step("declaratie", "declaratie", frozenset({"JW323"}), True, "declaratiebijlage"),
}


def payment_step(form: Form) -> Step | None:
    """The payment-process step a municipal form belongs to, if any."""
    if form.purpose == "toewijzing":
        return STEPS["aanvraag"]
    if form.purpose == "verlenging":
        return STEPS["verlenging"]
    if form.purpose == "declaratie":
        return STEPS["declaratie"]
    if form.purpose == "melding" and form.frequency.at in ("start", "end"):
        return STEPS["start" if form.frequency.at == "start" else "stop"]
    return None


@dataclass(frozen=True)
class Ground:
    key: str
    short: str  # Dutch, for tables
    text: str  # Dutch, in full
    tag: str = ""  # a few characters, for narrow columns


JEUGDWET_2_15 = Ground(
    "jeugdwet-2.15",
    "Jeugdwet art. 2.15 lid 2 jo. lid 1 onder a; Regeling Jeugdwet §6c",
    "Jeugdwet art. 2.15 lid 2 jo. lid 1 onder a: gemeenten hanteren geen aanvullende of "
    "afwijkende eisen over de financieringswijzen en de administratieve processen van de "
    "bekostiging, waarvoor de Regeling Jeugdwet (§6c: de uitvoeringsvarianten en het "
    "iJw-berichtenverkeer) de regels geeft.",
    "Jeugdwet 2.15",
)
AVG_5_1_C = Ground(
    "avg-5-1-c",
    "AVG art. 5 lid 1 onder c (minimale gegevensverwerking)",
    "AVG art. 5 lid 1 onder c: persoonsgegevens zijn toereikend, ter zake dienend en beperkt "
    "tot wat noodzakelijk is voor het doel (minimale gegevensverwerking). Wat de meeste "
    "gemeenten niet vragen, moet de gemeente als noodzakelijk kunnen onderbouwen.",
    "AVG 5(1)(c)",
)
SER_8 = Ground(
    "ser-8",
    "SER 'Van systemen naar mensen', aanbeveling 8",
    "SER-advies 'Van systemen naar mensen', aanbeveling 8: vereenvoudig en uniformeer.",
    "SER 8",
)
IJW_CHANGE = Ground(
    "ijw-wijzigingsverzoek",
    "Wijzigingsverzoek iJw (Zorginstituut Nederland, Jeugdwet art. 2.15 lid 3)",
    "Zorginstituut Nederland beheert de iStandaarden (Jeugdwet art. 2.15 lid 3); een "
    "gegeven dat gemeenten in het betaalproces nodig hebben maar dat de iJw mist, hoort via "
    "een wijzigingsverzoek in het bericht, niet op een eigen formulier per gemeente.",
    "iJw-wijziging",
)
GROUNDS = {g.key: g for g in (JEUGDWET_2_15, AVG_5_1_C, SER_8, IJW_CHANGE)}
# Below this share of municipalities asking it, a concept is "asked locally".
LOCAL_SHARE = 0.5
ADMINISTRATIVE_TYPES = ("date", "number", "code", "choice")


@dataclass(frozen=True)
class Facts:
    """What the rules look at, for a whole form or for one field of a form."""

    step: str | None  # payment-process step of the form (STEPS), or None
    variant: str  # the municipality's execution variant
    copies: frozenset[str]  # iJw messages carrying this data (any variant)
    personal: bool = False  # personal data of the young person or family
    hours: bool = False  # hours or volume of care
    administrative: bool = False  # a date, number, code or choice (not a narrative)
    static: bool = False  # a fact that does not change between forms
    share_asking: float = 1.0  # share of the catalogue's municipalities asking it

    @property
    def existing(self) -> frozenset[str]:
        """The messages this municipality's variant has."""
        return MESSAGES_BY_VARIANT[self.variant]

    @property
    def in_payment_process(self) -> bool:
        """In a payment step whose own message exists under the variant."""
        return self.step is not None and bool(STEPS[self.step].messages & self.existing)


@dataclass(frozen=True)
class Rule:
    ground: Ground
    subject: str  # Dutch: when the ground applies
    applies: Callable[[Facts], bool]


def _payment_copy(facts: Facts) -> bool:
    if not facts.in_payment_process or facts.step is None:
        return False
    copies_step = bool(facts.copies & STEPS[facts.step].messages & facts.existing)
    hours_under_output = facts.hours and facts.variant == "outputgericht"
    return copies_step or hours_under_output


RULES = (
    Rule(
        JEUGDWET_2_15,
        "Een formulier of veld in het betaalproces (aanvraag, verlenging, start/stop, "
        "declaratie) dat herhaalt wat het iJw-bericht van die stap al draagt, als dat bericht "
        "bij de uitvoeringsvariant van de gemeente bestaat; of uren bij outputfinanciering.",
        _payment_copy,
    ),
    Rule(
        AVG_5_1_C,
        "Persoonsgegevens van jeugdige of gezin die geen iJw-bericht draagt en die minder dan "
        "de helft van de gemeenten vraagt.",
        lambda f: f.personal and not f.copies and f.share_asking < LOCAL_SHARE,
    ),
    Rule(
        SER_8,
        "Elke registratieverplichting: vereenvoudigen en uniformeren.",
        lambda f: True,
    ),
    Rule(
        IJW_CHANGE,
        "Een vast, administratief gegeven (datum, getal, code, keuze) in het betaalproces dat "
        "geen iJw-bericht draagt en dat minstens de helft van de gemeenten vraagt.",
        lambda f: (
            f.in_payment_process
            and not f.copies
            and f.administrative
            and f.static
            and f.share_asking >= LOCAL_SHARE
        ),
    ),
)


def allowed(facts: Facts) -> tuple[Ground, ...]:
    return tuple(rule.ground for rule in RULES if rule.applies(facts))


def check(grounds: tuple[Ground, ...], facts: Facts) -> list[str]:
    """Every ground that the table does not allow for these facts (empty: all right)."""
    permitted = allowed(facts)
    return [ground.key for ground in grounds if ground not in permitted]
