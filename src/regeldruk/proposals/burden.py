"""The Standard Cost Model (Standaardkostenmodel) applied to each form of the catalogue.

burden = price x quantity; price = hourly tariff x time per occurrence; quantity = number of
those affected x frequency per year ("Handboek meting regeldrukkosten").

- Time per occurrence: the median of the time logged against the form when there are at
  least ``min_measurements`` entries (range: 25th to 75th percentile); else the catalogue's
  ``minutes`` (range -33%/+50%); else the form's fields at a typical pace (fields.EFFORT)
  times the calibration factor: the median, over the measured forms, of measured minutes
  divided by typical-pace minutes (range: the quartiles of that ratio).
- Quantity: a QuantitySource (quantities.py).
- A field's share of its form's time is its effort weight over the form's total weight,
  so a narrative field carries far more of a report's time than the BSN on it.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable
from dataclasses import dataclass

from regeldruk.forms import Form
from regeldruk.proposals.estimate import Estimate
from regeldruk.proposals.fields import kind_of
from regeldruk.proposals.measured import FormLog
from regeldruk.proposals.quantities import Occurrences, QuantitySource
from regeldruk.proposals.settings import Settings

WEEKS_PER_YEAR = 52
ESTIMATE_SPREAD = (2 / 3, 1.5)  # a catalogue's estimate of minutes: -33% to +50%
UNCALIBRATED_SPREAD = (0.5, 2.0)  # typical-pace minutes without any measured form
MIN_CALIBRATION_FORMS = 3


def scm_cost(affected: float, per_year: float, hours: float, tariff: float) -> float:
    """Euros per year: affected x frequency x time per occurrence x hourly tariff."""
    return affected * per_year * hours * tariff


@dataclass(frozen=True)
class Calibration:
    """Measured minutes per typical-pace minute, from the forms that were logged."""

    factor: Estimate
    forms: int  # measured forms behind it; 0 = not calibrated (factor 1)

    def describe(self) -> str:
        if not self.forms:
            return (
                "niet gekalibreerd (geen gemeten formulieren): typische tijd per veld, "
                f"bandbreedte ×{UNCALIBRATED_SPREAD[0]:.1f}–×{UNCALIBRATED_SPREAD[1]:.1f}"
            ).replace(".", ",")
        return (
            f"gemeten tijd is {_nl(self.factor.value)} × de typische tijd van de velden "
            f"(mediaan over {self.forms} gemeten formulieren; kwartielen "
            f"{_nl(self.factor.low)}–{_nl(self.factor.high)})"
        )


@dataclass(frozen=True)
class FormBurden:
    form: Form
    minutes: Estimate  # per occurrence
    minutes_source: str  # Dutch
    measured: int  # logged occurrences behind ``minutes``; 0 = not measured
    occurrences: Occurrences  # per year
    shares: dict[str, float]  # field id -> share of the form's time (sums to 1)
    tariff: float

    @property
    def hours(self) -> Estimate:
        return self.occurrences.estimate.times(self.minutes).scaled(1 / 60)

    @property
    def euros(self) -> Estimate:
        return self.hours.scaled(self.tariff)


def typical_minutes(form: Form) -> float:
    return sum(kind_of(item).weight for item in form.fields)


def shares_of(form: Form) -> dict[str, float]:
    weights = {item.id: kind_of(item).weight for item in form.fields}
    total = sum(weights.values())
    return {key: weight / total for key, weight in weights.items()} if total else {}


def calibrate(forms: Iterable[Form], log: FormLog, settings: Settings) -> Calibration:
    ratios = sorted(
        statistics.median(log.minutes[form.id]) / typical_minutes(form)
        for form in forms
        if len(log.minutes.get(form.id, [])) >= max(1, settings.min_measurements)
        and typical_minutes(form) > 0
    )
    if len(ratios) < MIN_CALIBRATION_FORMS:
        return Calibration(Estimate.spread(1.0, *UNCALIBRATED_SPREAD), 0)
    low, middle, high = statistics.quantiles(ratios, n=4, method="inclusive")
    return Calibration(Estimate(middle, low, high), len(ratios))


def minutes_of(
    form: Form, log: FormLog, settings: Settings, calibration: Calibration
) -> tuple[Estimate, str, int]:
    """Time per occurrence, where it comes from, and how many measurements are behind it."""
    times = log.minutes.get(form.id, [])
    if len(times) >= max(1, settings.min_measurements):
        if len(times) >= 2:
            low, _, high = statistics.quantiles(times, n=4, method="inclusive")
        else:
            low = high = float(times[0])
        median = float(statistics.median(times))
        source = (
            f"gemeten: mediaan van {len(times)} registraties (kwartielen {low:.0f}–{high:.0f} min)"
        )
        return Estimate(median, min(low, median), max(high, median)), source, len(times)
    if form.minutes is not None:
        estimate = Estimate.spread(form.minutes, *ESTIMATE_SPREAD)
        return estimate, "schatting uit de catalogus (−33%/+50%)", 0
    typical = typical_minutes(form)
    estimate = calibration.factor.scaled(typical)
    source = (
        f"geschat uit de velden: {_nl(typical)} typische minuten × {_nl(calibration.factor.value)}"
    )
    return estimate, source, 0


def burdens(
    forms: Iterable[Form],
    log: FormLog,
    settings: Settings,
    quantities: QuantitySource,
    calibration: Calibration | None = None,
) -> dict[str, FormBurden]:
    """The yearly burden of every municipal form (the standard messages are not a burden
    municipalities add)."""
    municipal = [form for form in forms if not form.is_standard]
    calibration = calibration or calibrate(municipal, log, settings)
    found: dict[str, FormBurden] = {}
    for form in municipal:
        occurrences = quantities.occurrences(form)
        if occurrences is None:
            continue
        minutes, source, measured = minutes_of(form, log, settings, calibration)
        found[form.id] = FormBurden(
            form, minutes, source, measured, occurrences, shares_of(form), settings.tariff
        )
    return found


def _nl(value: float) -> str:
    return f"{value:.2f}".replace(".", ",")
