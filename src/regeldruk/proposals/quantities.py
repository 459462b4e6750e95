"""How often a form is filled in per year: the "quantity" of the Standard Cost Model.

The burden model asks one object, a ``QuantitySource``, for each form's occurrences per
year. The default (``default_quantities``) answers from, in this order:

1. the settings: clients per year of the form's municipality in ``organisatie.toml``;
2. the time log: the form was logged at least ``min_measurements`` times in the period;
3. the time log again: clients of the municipality derived from its other logged forms;
4. an assumption: ``default_clients`` per municipality, ``providers`` per-provider forms.

Another source (for example measured iJw messages) plugs in by implementing the protocol
and going first: ``Chain([MySource(...), default_quantities(...)])``.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from regeldruk.forms import Form
from regeldruk.proposals.estimate import Estimate
from regeldruk.proposals.measured import FormLog
from regeldruk.proposals.settings import Settings

# Stated uncertainty of the assumptions (shown in the report with every figure using them).
START_END_SPREAD = (0.75, 1.25)  # forms at the start or end of care, per client per year
CHANGE_SPREAD = (0.5, 1.5)  # forms at a change (extension, modification), per client per year
ASSUMED_CLIENTS_SPREAD = (0.5, 2.0)  # the default number of clients of a municipality
Z95 = 1.96  # a Poisson count n has a 95% range of about n +- 1.96 sqrt(n)


@dataclass(frozen=True)
class Occurrences:
    """Occurrences of a form per year, with a range and where the figure comes from."""

    value: float
    low: float
    high: float
    clients: float | None  # the clients behind it, for per-client forms when known
    source: str  # Dutch, for the report: "gemeten: ...", "aangenomen: ...", ...

    @property
    def estimate(self) -> Estimate:
        return Estimate(self.value, self.low, self.high)


class QuantitySource(Protocol):
    def occurrences(self, form: Form) -> Occurrences | None:
        """Occurrences per year of ``form``, or None when this source does not know."""


def rate(form: Form, settings: Settings) -> tuple[Estimate, str]:
    """Occurrences per client (or per provider) per year, and how that is known."""
    per_year = form.frequency.times_per_year()
    if per_year is not None:
        return Estimate.exact(per_year), form.frequency.describe()
    if form.frequency.at == "change":
        value, spread = settings.changes_per_client, CHANGE_SPREAD
        text = f"{_nl(value)} per cliënt per jaar bij een wijziging (aanname changes_per_client)"
    else:
        value, spread = settings.starts_per_client, START_END_SPREAD
        text = f"{_nl(value)} per cliënt per jaar (aanname starts_per_client)"
    return Estimate.spread(value, *spread), text


class Chain:
    """The first source that knows."""

    def __init__(self, sources: Iterable[QuantitySource]) -> None:
        self.sources = list(sources)

    def occurrences(self, form: Form) -> Occurrences | None:
        for source in self.sources:
            found = source.occurrences(form)
            if found is not None:
                return found
        return None


class FromSettings:
    """Clients per year of the municipality, as the organisation set them."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def occurrences(self, form: Form) -> Occurrences | None:
        clients = self.settings.clients.get(form.municipality)
        if form.frequency.per != "client" or clients is None:
            return None
        per, text = rate(form, self.settings)
        total = per.scaled(clients)
        source = f"instelling: {clients} cliënten per jaar (organisatie.toml) × {text}"
        return Occurrences(total.value, total.low, total.high, clients, source)


class FromLog:
    """The form's own logged occurrences in the measurement period, scaled to a year."""

    def __init__(self, log: FormLog, settings: Settings) -> None:
        self.log, self.settings = log, settings

    def occurrences(self, form: Form) -> Occurrences | None:
        count = len(self.log.minutes.get(form.id, []))
        if count < max(1, self.settings.min_measurements) or not self.log.days:
            return None
        low, high = _poisson(count)
        value = self.log.per_year(count)
        per_client = rate(form, self.settings)[0].value
        clients = value / per_client if form.frequency.per == "client" and per_client else None
        source = (
            f"gemeten: {count} keer geregistreerd in {self.log.days} dagen, "
            f"× {_nl(self.log.per_year(1), 2)} naar een jaar"
        )
        return Occurrences(value, self.log.per_year(low), self.log.per_year(high), clients, source)


class DerivedClients:
    """Clients of a municipality derived from its logged per-client forms: occurrences per
    year divided by occurrences per client per year, pooled over those forms."""

    def __init__(self, log: FormLog, settings: Settings, forms: Iterable[Form]) -> None:
        self.log, self.settings = log, settings
        counts: dict[str, int] = defaultdict(int)
        rates: dict[str, float] = defaultdict(float)
        self.forms: dict[str, int] = defaultdict(int)
        for form in forms:
            count = len(log.minutes.get(form.id, []))
            if form.frequency.per != "client" or count < max(1, settings.min_measurements):
                continue
            counts[form.municipality] += count
            rates[form.municipality] += rate(form, settings)[0].value
            self.forms[form.municipality] += 1
        self.counts = dict(counts)
        self.rates = dict(rates)

    def clients(self, municipality: str) -> Estimate | None:
        count = self.counts.get(municipality)
        per_client = self.rates.get(municipality, 0.0)
        if not count or not per_client or not self.log.days:
            return None
        low, high = _poisson(count)
        return Estimate(
            self.log.per_year(count) / per_client,
            self.log.per_year(low) / per_client,
            self.log.per_year(high) / per_client,
        )

    def occurrences(self, form: Form) -> Occurrences | None:
        clients = self.clients(form.municipality)
        if form.frequency.per != "client" or clients is None:
            return None
        per, text = rate(form, self.settings)
        total = clients.times(per)
        source = (
            f"afgeleid: ≈ {clients.value:.0f} cliënten per jaar, uit "
            f"{self.counts[form.municipality]} registraties op "
            f"{self.forms[form.municipality]} formulier(en) van deze gemeente × {text}"
        )
        return Occurrences(total.value, total.low, total.high, clients.value, source)


class Assumed:
    """The last resort: ``default_clients`` per municipality, ``providers`` per provider."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def occurrences(self, form: Form) -> Occurrences | None:
        per, text = rate(form, self.settings)
        if form.frequency.per == "client":
            clients = Estimate.spread(self.settings.default_clients, *ASSUMED_CLIENTS_SPREAD)
            total = clients.times(per)
            source = (
                f"aangenomen: {self.settings.default_clients} cliënten per jaar "
                f"(default_clients; geen instelling of meting, bandbreedte "
                f"{clients.low:.0f}–{clients.high:.0f}) × {text}"
            )
            return Occurrences(total.value, total.low, total.high, clients.value, source)
        total = per.scaled(self.settings.providers)
        source = f"aangenomen: {self.settings.providers} aanbieder(s) (providers) × {text}"
        return Occurrences(total.value, total.low, total.high, None, source)


class DefaultQuantities(Chain):
    """Settings, then the time log, then clients derived from the log, then assumptions."""

    def __init__(self, settings: Settings, log: FormLog, forms: Iterable[Form]) -> None:
        self.derived = DerivedClients(log, settings, forms)
        self.settings = settings
        super().__init__(
            [FromSettings(settings), FromLog(log, settings), self.derived, Assumed(settings)]
        )

    def clients_of(self, municipality: str) -> tuple[Estimate, str]:
        """Clients per year of a municipality and where the figure comes from (Dutch)."""
        if municipality in self.settings.clients:
            return Estimate.exact(self.settings.clients[municipality]), "instelling"
        derived = self.derived.clients(municipality)
        if derived is not None:
            return derived, (
                f"afgeleid uit {self.derived.counts[municipality]} registraties op "
                f"{self.derived.forms[municipality]} formulier(en)"
            )
        assumed = Estimate.spread(self.settings.default_clients, *ASSUMED_CLIENTS_SPREAD)
        return assumed, "aangenomen (default_clients)"


def default_quantities(
    settings: Settings, log: FormLog, forms: Iterable[Form]
) -> DefaultQuantities:
    return DefaultQuantities(settings, log, forms)


def _poisson(count: int) -> tuple[float, float]:
    spread = Z95 * math.sqrt(count)
    return max(0.0, count - spread), count + spread


def _nl(value: float, digits: int = 1) -> str:
    text = f"{value:.{digits}f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")
