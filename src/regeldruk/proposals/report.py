"""The proposals report: burdens, proposals, totals and the assumptions behind them, and its
machine-readable form (``regeldruk/proposals@1``).

Every sum re-adds: a proposal's gain is the sum of its gains per form (hundredths of an
hour, rounded down), the total gain the sum of the counted proposals' gains, the total
burden the sum of the forms' burdens (hundredths, rounded).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from regeldruk.analysis import Analysis, analyse
from regeldruk.db.engine import Database
from regeldruk.forms import Catalogue
from regeldruk.proposals.burden import WEEKS_PER_YEAR, Calibration, FormBurden, burdens, calibrate
from regeldruk.proposals.combine import combine
from regeldruk.proposals.estimate import ZERO, Estimate
from regeldruk.proposals.fields import EFFORT
from regeldruk.proposals.ids import assign_ids
from regeldruk.proposals.measured import FormLog, read_form_log
from regeldruk.proposals.model import KIND_LABELS, Addressee, Proposal, Theme, owner_of
from regeldruk.proposals.places import Places, load_places
from regeldruk.proposals.quantities import DefaultQuantities, QuantitySource, default_quantities
from regeldruk.proposals.rules import check
from regeldruk.proposals.settings import Settings
from regeldruk.proposals.themes import (
    EXTENSIONS_AVOIDED,
    THEMES,
    UNIFORM_SAVING,
    Context,
    build,
)

SCHEMA = "regeldruk/proposals@1"
COMBINATION = (
    "Elk formulier kost ten hoogste zijn eigen regeldruk. Voorstellen die hetzelfde formulier "
    "raken, tellen samen: eerst wat geschrapt wordt, dan de lagere frequentie over wat "
    "overblijft, dan het uniformeren; elk voorstel krijgt de winst die het bovenop de eerdere "
    "toevoegt. Een geschrapt veld wordt dus niet ook nog minder vaak gevraagd."
)


@dataclass(frozen=True)
class ClientFigure:
    code: str
    name: str
    clients: Estimate
    source: str


@dataclass
class ProposalReport:
    organisation: str
    generated: date
    settings: Settings
    places: Places
    log: FormLog
    calibration: Calibration
    burdens: dict[str, FormBurden]
    remaining: dict[str, Estimate]
    proposals: list[Proposal]
    clients: list[ClientFigure]
    catalogue_forms: int
    scope: Addressee | None = None
    themes: tuple[Theme, ...] = field(default=THEMES)

    # --- totals ---

    @property
    def counted(self) -> list[Proposal]:
        return [p for p in self.proposals if p.counted]

    @property
    def burden(self) -> Estimate:
        return _sum(_round(b.hours) for b in self.burdens.values())

    @property
    def burden_euros(self) -> Estimate:
        return _sum(_round(b.euros) for b in self.burdens.values())

    @property
    def gain(self) -> Estimate:
        return _sum(p.gain for p in self.counted)

    def euros(self, hours: Estimate) -> Estimate:
        return _round(hours.scaled(self.settings.tariff))

    @property
    def gain_euros(self) -> Estimate:
        return _sum(self.euros(g) for p in self.counted for g in p.gains.values())

    @property
    def share(self) -> float:
        return self.gain.value / self.burden.value if self.burden.value else 0.0

    @property
    def fte(self) -> float:
        return self.gain.value / self.settings.fte_hours

    @property
    def municipalities(self) -> list[str]:
        return sorted({b.form.municipality for b in self.burdens.values()}, key=self.places.name)

    @property
    def client_count(self) -> float:
        known = {c.code: c.clients.value for c in self.clients}
        return sum(known.get(code, 0.0) for code in self.municipalities)

    def minutes_per_client_week(self, hours: float) -> float:
        clients = self.client_count
        return hours * 60 / clients / WEEKS_PER_YEAR if clients else 0.0

    def form_gain(self, form_id: str) -> Estimate:
        return _sum(p.gains.get(form_id, ZERO) for p in self.counted)

    def gain_euros_of(self, proposal: Proposal) -> Estimate:
        return _sum(self.euros(g) for g in proposal.gains.values())

    @property
    def measured_forms(self) -> int:
        return sum(1 for b in self.burdens.values() if b.measured)

    # --- grouping ---

    def groups(self) -> list[tuple[str, list[tuple[Theme, list[Proposal]]]]]:
        """Per kind of addressee, per theme, the proposals (largest gain first)."""
        by_kind: dict[str, dict[Theme, list[Proposal]]] = defaultdict(lambda: defaultdict(list))
        for proposal in self.proposals:
            by_kind[proposal.addressee.kind][proposal.theme].append(proposal)
        return [
            (
                KIND_LABELS[kind],
                [
                    (theme, sorted(group, key=lambda p: (-p.gain.value, p.addressee.name)))
                    for theme, group in sorted(by_kind[kind].items(), key=lambda t: t[0].order)
                ],
            )
            for kind in KIND_LABELS
            if kind in by_kind
        ]

    def addressees(self) -> list[Addressee]:
        return sorted({p.addressee for p in self.proposals}, key=lambda a: (a.rank, a.name))

    def for_addressee(self, addressee: Addressee) -> ProposalReport:
        """The same figures, limited to one addressee's proposals and the forms they touch."""
        mine = [p for p in self.proposals if p.addressee == addressee]
        touched = {form for p in mine for form in p.forms}
        return replace(
            self,
            proposals=mine,
            burdens={k: v for k, v in self.burdens.items() if k in touched},
            remaining={k: v for k, v in self.remaining.items() if k in touched},
            scope=addressee,
        )

    def chart(self, limit: int = 15) -> tuple[list[Proposal], int]:
        """The counted proposals with the largest gain (at most ``limit``), and how many
        counted proposals there are."""
        ranked = sorted(self.counted, key=lambda p: (-p.gain.value, p.id))
        ranked = [p for p in ranked if p.gain.value > 0]
        return ranked[:limit], len(ranked)

    # --- JSON ---

    def to_json(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "generated": self.generated.isoformat(),
            "organisation": self.organisation,
            "scope": _addressee(self.scope) if self.scope else None,
            "assumptions": self._assumptions_json(),
            "forms": [self._form_json(b) for b in self.burdens.values()],
            "proposals": [self._proposal_json(p) for p in self.proposals],
            "totals": {
                **_figure("burden_hours", self.burden),
                **_figure("burden_euros", self.burden_euros),
                **_figure("gain_hours", self.gain),
                **_figure("gain_euros", self.gain_euros),
                "gain_fte": round(self.fte, 3),
                "share": round(self.share, 4),
                "minutes_per_client_per_week": round(
                    self.minutes_per_client_week(self.gain.value), 2
                ),
                "proposals": len(self.proposals),
                "counted": len(self.counted),
            },
        }

    def _assumptions_json(self) -> dict[str, Any]:
        log = self.log
        return {
            "tariff": self.settings.tariff,
            "tariff_source": self.settings.tariff_source,
            "fte_hours": self.settings.fte_hours,
            "settings_file": self.settings.path,
            "measurement_period": {
                "from": log.first.isoformat() if log.first else None,
                "to": log.last.isoformat() if log.last else None,
                "days": log.days,
                "entries": log.entries,
                "forms": len(log.minutes),
            },
            "clients": [
                {
                    "municipality": c.code,
                    "name": c.name,
                    "clients": round(c.clients.value, 1),
                    "low": round(c.clients.low, 1),
                    "high": round(c.clients.high, 1),
                    "source": c.source,
                }
                for c in self.clients
            ],
            "variants": [
                {
                    "municipality": code,
                    "name": self.places.name(code),
                    "variant": self.places[code].variant,
                    "source": self.places[code].variant_source,
                }
                for code in self.municipalities
            ],
            "calibration": {
                "factor": round(self.calibration.factor.value, 3),
                "low": round(self.calibration.factor.low, 3),
                "high": round(self.calibration.factor.high, 3),
                "forms": self.calibration.forms,
                "text": self.calibration.describe(),
            },
            "effort_minutes": {key: minutes for key, (minutes, _) in EFFORT.items()},
            "extensions_avoided": _estimate(EXTENSIONS_AVOIDED, 2),
            "uniform_saving": _estimate(UNIFORM_SAVING, 2),
            "combination": COMBINATION,
        }

    def _form_json(self, burden: FormBurden) -> dict[str, Any]:
        form = burden.form
        return {
            "form": form.id,
            "title": form.title,
            "municipality": form.municipality,
            "municipality_name": self.places.name(form.municipality),
            "owner": owner_of(form),
            "purpose": form.purpose,
            "frequency": form.frequency.describe(),
            "fields": len(form.fields),
            "minutes": {
                **_estimate(burden.minutes, 1),
                "source": burden.minutes_source,
                "measured": burden.measured,
            },
            "occurrences": {
                **_estimate(burden.occurrences.estimate, 1),
                "clients": round(burden.occurrences.clients, 1)
                if burden.occurrences.clients is not None
                else None,
                "source": burden.occurrences.source,
            },
            "burden": {
                **_figure("hours", _round(burden.hours)),
                **_figure("euros", _round(burden.euros)),
            },
            "gain_hours": round(self.form_gain(form.id).value, 2),
            "remaining_hours": round(self.remaining[form.id].value, 2),
        }

    def _proposal_json(self, proposal: Proposal) -> dict[str, Any]:
        forms = {b.form.id: b.form for b in self.burdens.values()}
        touches: list[dict[str, Any]] = []
        for action in proposal.actions:
            form = forms.get(action.form)
            labels = {item.id: item.label for item in form.fields} if form else {}
            gain = proposal.gains.get(action.form, ZERO)
            touches.append(
                {
                    "form": action.form,
                    "action": action.kind,
                    "fields": [{"id": f, "label": labels.get(f, f)} for f in action.fields],
                    "saving": _estimate(action.saving, 3),
                    "note": action.note,
                    "grounds": [g.key for g in action.grounds],
                }
            )
            # A form touched by several actions of one proposal carries its gain once.
            if all(t["form"] != action.form for t in touches[:-1]):
                touches[-1].update(_figure("gain_hours", gain))
                touches[-1]["gain_euros"] = round(self.euros(gain).value, 2)
        gain = proposal.gain
        return {
            "id": proposal.id,
            "theme": {
                "key": proposal.theme.key,
                "code": proposal.theme.code,
                "title": proposal.theme.title,
            },
            "addressee": _addressee(proposal.addressee),
            "municipalities": [
                {"code": code, "name": self.places.name(code)} for code in proposal.municipalities
            ],
            "grounds": [{"key": g.key, "text": g.text} for g in proposal.grounds],
            "counted": proposal.counted,
            "not_counted_reason": proposal.theme.not_counted or None,
            "problem": proposal.problem,
            "proposal": proposal.proposal,
            "touches": touches,
            "gain": {
                **_figure("hours", gain),
                **_figure("euros", self.gain_euros_of(proposal)),
                "fte": round(gain.value / self.settings.fte_hours, 3),
            },
        }


def build_report(
    analysis: Analysis,
    settings: Settings,
    log: FormLog,
    places: Places,
    organisation: str,
    generated: date,
    quantities: QuantitySource | None = None,
) -> ProposalReport:
    """Burdens, proposals, their combination and stable ids, for one catalogue."""
    forms = analysis.catalogue.forms
    defaults = default_quantities(settings, log, [f for f in forms if not f.is_standard])
    found = burdens(forms, log, settings, quantities or defaults)
    context = Context(analysis, found, places)
    proposals = build(context)
    _check_grounds(proposals)
    remaining = combine(proposals, found)
    assign_ids(proposals)
    proposals.sort(key=lambda p: (p.addressee.rank, p.theme.order, -p.gain.value, p.addressee))
    calibration = _calibration(found, log, settings)
    clients = _clients(defaults, found, places)
    return ProposalReport(
        organisation,
        generated,
        settings,
        places,
        log,
        calibration,
        found,
        remaining,
        proposals,
        clients,
        len(forms),
    )


def report_for(
    catalogue: Catalogue,
    settings: Settings,
    db: Database | None,
    organisation: str,
    generated: date,
    first: date | None = None,
    last: date | None = None,
    tz: str = "Europe/Amsterdam",
    analysis: Analysis | None = None,
) -> ProposalReport:
    """The report for a catalogue, the settings and the time log in ``db`` (between
    ``first`` and ``last`` when given)."""
    log = read_form_log(db, first, last, tz)
    places = load_places(catalogue.directory, settings)
    analysis = analysis or analyse(catalogue)
    return build_report(analysis, settings, log, places, organisation, generated)


def _check_grounds(proposals: list[Proposal]) -> None:
    """Every ground must be one the rules table allows for what the proposal touches."""
    for proposal in proposals:
        for action in proposal.actions:
            for facts in action.facts:
                wrong = check(action.grounds, facts)
                if wrong:
                    raise AssertionError(
                        f"{proposal.theme.key} -> {action.form}: grounds {wrong} not allowed"
                    )


def _calibration(found: dict[str, FormBurden], log: FormLog, settings: Settings) -> Calibration:
    return calibrate([b.form for b in found.values()], log, settings)


def _clients(
    quantities: DefaultQuantities, found: dict[str, FormBurden], places: Places
) -> list[ClientFigure]:
    codes = sorted({b.form.municipality for b in found.values()}, key=places.name)
    figures = []
    for code in codes:
        clients, source = quantities.clients_of(code)
        figures.append(ClientFigure(code, places.name(code), clients, source))
    return figures


def _sum(items: Any) -> Estimate:
    total = ZERO
    for item in items:
        total = total.plus(item)
    return Estimate(round(total.value, 2), round(total.low, 2), round(total.high, 2))


def _round(estimate: Estimate) -> Estimate:
    return Estimate(*(round(x, 2) for x in (estimate.value, estimate.low, estimate.high)))


def _estimate(estimate: Estimate, digits: int) -> dict[str, float]:
    return {
        "value": round(estimate.value, digits),
        "low": round(min(estimate.low, estimate.value), digits),
        "high": round(max(estimate.high, estimate.value), digits),
    }


def _figure(name: str, estimate: Estimate) -> dict[str, float]:
    return {
        name: round(estimate.value, 2),
        f"{name}_low": round(min(estimate.low, estimate.value, estimate.high), 2),
        f"{name}_high": round(max(estimate.high, estimate.value, estimate.low), 2),
    }


def _addressee(addressee: Addressee) -> dict[str, str]:
    return {"kind": addressee.kind, "key": addressee.key, "name": addressee.name}


__all__ = ["SCHEMA", "ProposalReport", "build_report", "report_for"]
