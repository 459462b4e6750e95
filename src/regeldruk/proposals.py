"""'Ontregel de zorg' reduction proposals, from the flags of the analysis and the burden.

Each proposal names the problem, what to do, who must act, on what grounds, with which
evidence, and the expected gain (hours and euros per year, FTE, minutes per client per
week). The time of one field is its form's burden divided over the form's fields: a
stated, simple allocation, so every gain can be traced back to a form and a measurement.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from regeldruk.analysis import MESSAGE_NAMES, Analysis, Flag, municipality_name
from regeldruk.burden import WEEKS_PER_YEAR, Burden, Settings
from regeldruk.forms import Form

ART_2_15 = (
    "Jeugdwet art. 2.15 lid 2: gemeenten hanteren geen aanvullende of afwijkende eisen over "
    "onderwerpen waarvoor landelijke regels gelden (het berichtenverkeer, de iStandaard iJw)."
)
SER_8 = (
    "SER-advies 'Van systemen naar mensen', aanbeveling 8: vereenvoudig en standaardiseer "
    "administratieve verplichtingen."
)
# Uniform definitions save part of the work on differing fields: learning each variant,
# re-entering data in another format. A stated assumption, shown with the gain.
UNIFORM_SAVING = 0.10


@dataclass
class Gain:
    hours: float = 0.0
    euros: float = 0.0
    fte_hours: float = 1_650.0
    clients: dict[str, int] = field(default_factory=dict)  # municipality -> clients affected

    @property
    def fte(self) -> float:
        return self.hours / self.fte_hours

    @property
    def client_weeks_minutes(self) -> float:
        """Minutes per client per week, over the clients of the municipalities concerned."""
        clients = sum(self.clients.values())
        return self.hours * 60 / clients / WEEKS_PER_YEAR if clients else 0.0

    def add(self, burden: Burden, share: float) -> None:
        self.hours += burden.hours_per_year * share
        self.euros += burden.euros_per_year * share
        self.clients[burden.form.municipality] = burden.clients

    def scaled(self, factor: float) -> Gain:
        return Gain(self.hours * factor, self.euros * factor, self.fte_hours, dict(self.clients))

    def merge(self, other: Gain) -> None:
        self.hours += other.hours
        self.euros += other.euros
        self.clients.update(other.clients)


@dataclass
class Proposal:
    title: str
    type: str  # schrappen | uniformeren | eenmalig uitvragen | frequentie verlagen | vereenvoudigen
    addressee: str
    problem: str
    proposal: str
    grounds: list[str]
    evidence: list[str]
    gain: Gain
    id: str = ""
    flags: list[Flag] = field(default_factory=list)
    # False for a route to a gain that other proposals already count (no double counting).
    in_total: bool = True


def _share(form: Form, fields: int) -> float:
    return fields / len(form.fields) if form.fields else 0.0


def _evidence_line(burden: Burden, fields: list[str]) -> str:
    return (
        f"{burden.form.title} ({burden.form.id}): {', '.join(fields)}; "
        f"{burden.minutes:.0f} min per keer ({burden.source}), "
        f"{burden.occurrences:.0f} keer per jaar"
    )


def generate(analysis: Analysis, burdens: dict[str, Burden], settings: Settings) -> list[Proposal]:
    forms = analysis.catalogue.by_id()
    label_of = {f"{form.id}/{item.id}": item.label for form, item in analysis.catalogue.fields()}
    proposals: list[Proposal] = []

    def gain_and_evidence(refs: list[str]) -> tuple[Gain, list[str]]:
        per_form: dict[str, list[str]] = defaultdict(list)
        for ref in refs:
            per_form[ref.split("/", 1)[0]].append(label_of[ref])
        gain, evidence = Gain(fte_hours=settings.fte_hours), []
        for form_id, labels in sorted(per_form.items()):
            burden = burdens.get(form_id)
            if burden is None:
                continue
            gain.add(burden, _share(forms[form_id], len(labels)))
            evidence.append(_evidence_line(burden, [f"'{label}'" for label in labels]))
        return gain, evidence

    by_kind_and_place: dict[tuple[str, str], list[Flag]] = defaultdict(list)
    for flag in analysis.flags:
        if flag.kind in ("in_standard", "local"):
            for code in flag.municipalities:
                by_kind_and_place[(flag.kind, code)].append(flag)
        elif flag.kind == "duplicate":
            by_kind_and_place[("duplicate", flag.municipalities[0])].append(flag)

    in_standard_refs: set[str] = set()
    for (kind, code), flags in sorted(by_kind_and_place.items()):
        name = municipality_name(code)
        concepts = [analysis.concept(f.concept) for f in flags]
        if kind == "in_standard":
            refs = [
                r for f in flags for r in f.fields if forms[r.split("/")[0]].municipality == code
            ]
            in_standard_refs |= set(refs)
            messages = sorted({m for c in concepts for m in c.standard})
            gain, evidence = gain_and_evidence(refs)
            labels = ", ".join(c.label for c in concepts[:8])
            proposals.append(
                Proposal(
                    title=f"{name}: neem gegevens over uit het berichtenverkeer",
                    type="eenmalig uitvragen / hergebruiken uit het berichtenverkeer",
                    addressee=f"Gemeente {name}",
                    problem=(
                        f"{name} vraagt op eigen formulieren {len(concepts)} gegevens die de "
                        f"aanbieder al aanlevert via {_messages(messages)}: {labels}."
                    ),
                    proposal=(
                        "Haal deze gegevens uit de iJw-berichten die de gemeente al ontvangt en "
                        "schrap ze van de formulieren."
                    ),
                    grounds=[ART_2_15, SER_8, f"De gegevens zitten al in {_messages(messages)}."],
                    evidence=evidence,
                    gain=gain,
                    flags=flags,
                )
            )
        elif kind == "duplicate":
            refs = []
            for flag in flags:
                remaining = [r for r in flag.fields if r not in in_standard_refs]
                refs += remaining[1:]  # the first time is needed, the repeats are not
            if not refs:
                continue
            gain, evidence = gain_and_evidence(refs)
            proposals.append(
                Proposal(
                    title=f"{name}: vraag elk gegeven één keer uit",
                    type="eenmalig uitvragen",
                    addressee=f"Gemeente {name}",
                    problem=(
                        f"{name} vraagt {len(flags)} gegevens meer dan eens, op verschillende "
                        f"formulieren of twee keer op hetzelfde formulier: "
                        f"{', '.join(c.label for c in concepts[:8])}."
                    ),
                    proposal=(
                        "Vraag elk gegeven één keer uit (bij de aanvraag) en hergebruik het in "
                        "latere formulieren; laat herhaalde velden weg."
                    ),
                    grounds=[SER_8],
                    evidence=evidence,
                    gain=gain,
                    flags=flags,
                )
            )
        elif kind == "local":
            refs = [r for f in flags for r in f.fields]
            gain, evidence = gain_and_evidence(refs)
            proposals.append(
                Proposal(
                    title=f"{name}: schrap wat alleen deze gemeente vraagt",
                    type="schrappen",
                    addressee=f"Gemeente {name}",
                    problem=(
                        f"Alleen {name} vraagt {', '.join(c.label for c in concepts)}; andere "
                        "gemeenten kunnen de jeugdhulp zonder deze gegevens toewijzen en volgen."
                    ),
                    proposal=(
                        "Schrap deze velden, of onderbouw waarvoor de gemeente ze nodig heeft."
                    ),
                    grounds=[SER_8],
                    evidence=evidence,
                    gain=gain,
                    flags=flags,
                )
            )

    proposals += _national(analysis, settings, gain_and_evidence, in_standard_refs)
    proposals += _frequency(analysis, burdens, settings)
    proposals += _simplify(analysis, burdens, settings)
    proposals.sort(key=lambda p: -p.gain.euros)
    for number, proposal in enumerate(proposals, start=1):
        proposal.id = f"V{number:02d}"
    return proposals


def _messages(codes: list[str]) -> str:
    return ", ".join(f"{c} ({MESSAGE_NAMES.get(c, c)})" for c in codes)


def _national(
    analysis: Analysis,
    settings: Settings,
    gain_and_evidence: Callable[[list[str]], tuple[Gain, list[str]]],
    in_standard_refs: set[str],
) -> list[Proposal]:
    """Proposals for VNG and the ministry: what no single municipality can fix alone."""
    proposals: list[Proposal] = []
    non_uniform = [f for f in analysis.flags if f.kind == "non_uniform"]
    if non_uniform:
        gain, evidence = Gain(fte_hours=settings.fte_hours), []
        for flag in non_uniform:
            part, _ = gain_and_evidence(flag.fields)
            gain.merge(part.scaled(UNIFORM_SAVING))
        for flag in sorted(non_uniform, key=lambda f: -len(f.municipalities))[:8]:
            evidence.append(flag.detail)
        labels = ", ".join(analysis.concept(f.concept).label for f in non_uniform[:8])
        proposals.append(
            Proposal(
                title="Eén landelijke definitie voor gegevens die gemeenten verschillend vragen",
                type="uniformeren",
                addressee="VNG",
                problem=(
                    f"{len(non_uniform)} gegevens worden per gemeente anders gevraagd (type, "
                    f"format, frequentie of verplichting), onder meer: {labels}."
                ),
                proposal=(
                    "Stel per gegeven één landelijke definitie vast (format, frequentie, "
                    "verplichting) in de modelformulieren van de VNG en laat gemeenten die "
                    "volgen."
                ),
                grounds=[
                    SER_8,
                    f"Aanname bij de winst: {UNIFORM_SAVING:.0%} van de tijd die deze "
                    "velden kosten, verdwijnt met één definitie.",
                ],
                evidence=evidence,
                gain=gain,
                flags=non_uniform,
            )
        )
    in_standard = [f for f in analysis.flags if f.kind == "in_standard"]
    if in_standard:
        gain, evidence = gain_and_evidence(sorted(in_standard_refs))
        municipalities = sorted({c for f in in_standard for c in f.municipalities})
        proposals.append(
            Proposal(
                title="Handhaaf het verbod op dubbele uitvraag naast het berichtenverkeer",
                type="schrappen",
                addressee="Ministerie van VWS",
                problem=(
                    f"{len(municipalities)} gemeenten vragen gegevens die de iJw-berichten al "
                    f"bevatten ({len(in_standard)} soorten gegevens)."
                ),
                proposal=(
                    "Spreek gemeenten aan op art. 2.15 lid 2 en neem in de Regeling Jeugdwet op "
                    "dat gegevens uit het berichtenverkeer niet opnieuw gevraagd mogen worden. "
                    "Dit is dezelfde winst als die van de voorstellen aan de gemeenten om "
                    "gegevens uit het berichtenverkeer over te nemen; het totaal telt haar één "
                    "keer."
                ),
                grounds=[ART_2_15, SER_8],
                evidence=[f.detail for f in in_standard[:6]],
                gain=gain,
                flags=in_standard,
                in_total=False,
            )
        )
    return proposals


def _by_purpose(burdens: Iterable[Burden]) -> list[tuple[str, list[Burden]]]:
    groups: dict[str, list[Burden]] = defaultdict(list)
    for burden in burdens:
        groups[burden.form.purpose].append(burden)
    return sorted(groups.items())


def _form_proposal(
    burden: Burden,
    share: float,
    settings: Settings,
    title: str,
    kind: str,
    problem: str,
    proposal: str,
) -> Proposal:
    """A proposal about one municipal form that saves ``share`` of its burden."""
    gain = Gain(fte_hours=settings.fte_hours)
    gain.add(burden, share)
    name = municipality_name(burden.form.municipality)
    return Proposal(
        title=f"{name}: {title}",
        type=kind,
        addressee=f"Gemeente {name}",
        problem=problem,
        proposal=proposal,
        grounds=[SER_8],
        evidence=[_evidence_line(burden, [f"{len(burden.form.fields)} velden"])],
        gain=gain,
    )


def _frequency(
    analysis: Analysis, burdens: dict[str, Burden], settings: Settings
) -> list[Proposal]:
    """Periodic forms asked more often than another municipality asks the same kind."""
    proposals: list[Proposal] = []
    periodic = [b for b in burdens.values() if b.form.frequency.times_per_year()]
    for purpose, group in _by_purpose(periodic):
        lowest = min(b.form.frequency.times_per_year() or 0 for b in group)
        example = next(b for b in group if b.form.frequency.times_per_year() == lowest)
        less_often = example.form.frequency.describe()
        for burden in group:
            current = burden.form.frequency.times_per_year() or 0
            if current <= lowest:
                continue
            proposals.append(
                _form_proposal(
                    burden,
                    1 - lowest / current,
                    settings,
                    f"{burden.form.title} minder vaak",
                    "frequentie verlagen",
                    f"{burden.form.title} wordt {burden.form.frequency.describe()} gevraagd; "
                    f"{municipality_name(example.form.municipality)} vraagt dezelfde soort "
                    f"{purpose} {less_often}.",
                    f"Verlaag de frequentie naar {less_often}, en vraag tussentijds alleen bij een "
                    "wezenlijke wijziging.",
                )
            )
    return proposals


def _simplify(analysis: Analysis, burdens: dict[str, Burden], settings: Settings) -> list[Proposal]:
    """Forms with far more fields than the usual form for the same purpose."""
    proposals: list[Proposal] = []
    for purpose, group in _by_purpose(burdens.values()):
        counts = sorted(len(b.form.fields) for b in group)
        median = counts[len(counts) // 2]
        for burden in group:
            extra = len(burden.form.fields) - median
            if len(group) < 3 or extra < max(3, median // 3):
                continue
            proposals.append(
                _form_proposal(
                    burden,
                    extra / len(burden.form.fields),
                    settings,
                    f"vereenvoudig {burden.form.title}",
                    "vereenvoudigen",
                    f"{burden.form.title} heeft {len(burden.form.fields)} velden; een formulier "
                    f"voor {purpose} heeft er in de catalogus doorgaans {median}.",
                    f"Breng het formulier terug tot de {median} gegevens die andere gemeenten ook "
                    "volstaan, te beginnen met wat al elders bekend is.",
                )
            )
    return proposals


def per_addressee(proposals: list[Proposal]) -> list[tuple[str, list[Proposal]]]:
    """Grouped per addressee, the groups ranked by their total gain."""
    groups: dict[str, list[Proposal]] = defaultdict(list)
    for proposal in proposals:
        groups[proposal.addressee].append(proposal)
    return sorted(groups.items(), key=lambda item: -sum(p.gain.euros for p in item[1]))


def totals(proposals: list[Proposal], settings: Settings) -> Gain:
    total = Gain(fte_hours=settings.fte_hours)
    for proposal in proposals:
        if proposal.in_total:
            total.merge(proposal.gain)
    return total


__all__ = ["WEEKS_PER_YEAR", "Gain", "Proposal", "generate", "per_addressee", "totals"]
