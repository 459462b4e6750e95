"""One burden model: gains combine on a form and never exceed its burden.

The property test builds random catalogues (municipalities with random execution variants,
forms of every kind, owners, measured and estimated times) and checks, for every form,
every addressee, every municipality and in total, that the gain stays within the burden,
in the central, the low and the high scenario; and that the JSON re-adds.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from regeldruk.analysis import analyse
from regeldruk.forms import Form, Frequency
from regeldruk.matching import Decisions
from regeldruk.proposals import ProposalReport, build_report
from regeldruk.proposals.combine import combine
from regeldruk.proposals.estimate import Estimate
from regeldruk.proposals.fields import kind_of
from regeldruk.proposals.measured import FormLog
from regeldruk.proposals.model import Action, Addressee, Proposal
from regeldruk.proposals.places import Place, Places
from regeldruk.proposals.rules import SER_8, Facts, check
from regeldruk.proposals.settings import VARIANTS, Settings
from regeldruk.proposals.themes import IJW, ONCE, PAYMENT, REPORTS
from tests.proposals.helpers import catalogue, field, form, standard_forms

LABELS = [
    ("BSN jeugdige", "bsn"),
    ("Burgerservicenummer cliënt", "bsn"),
    ("Naam jeugdige", "text"),
    ("Geboortedatum kind", "date"),
    ("Begindatum zorg", "date"),
    ("Geleverde uren", "number"),
    ("Geplande uren", "number"),
    ("Ingediend bedrag", "number"),
    ("Voortgang op de doelen", "text"),
    ("Veiligheidsinschatting", "boolean"),
    ("Datum ondertekening", "date"),
    ("Naam behandelaar", "text"),
    ("Nationaliteit jeugdige", "text"),
    ("Naam huisarts", "text"),
    ("Wachttijd (dagen)", "number"),
    ("Datum aanmelding", "date"),
    ("Verblijfsvorm", "choice"),
    ("Reden verlenging", "text"),
    ("Behandelplan", "file"),
    ("Tevredenheid", "scale"),
]
KINDS = [
    ("toewijzing", Frequency("client", at="start")),
    ("verlenging", Frequency("client", at="change")),
    ("melding", Frequency("client", at="start")),
    ("melding", Frequency("client", at="end")),
    ("declaratie", Frequency("provider", every="1 month")),
    ("verantwoording", Frequency("client", every="3 months")),
    ("verantwoording", Frequency("client", every="1 month")),
    ("verantwoording", Frequency("client", every="6 months")),
    ("evaluatie", Frequency("client", at="end")),
]
OWNERS = [None, "gemeente", "regio", "eigen", "igj"]
PERIOD = (date(2026, 9, 21), date(2026, 11, 1))


@st.composite
def catalogues(draw: st.DrawFn) -> tuple[list[Form], Places, Settings, FormLog]:
    codes = draw(
        st.lists(
            st.sampled_from([f"GM90{n:02d}" for n in range(1, 9)]),
            min_size=1,
            max_size=5,
            unique=True,
        )
    )
    settings = Settings(
        clients={c: draw(st.integers(1, 500)) for c in codes if draw(st.booleans())},
        min_measurements=draw(st.integers(1, 6)),
        default_clients=draw(st.integers(1, 300)),
    )
    places = Places(
        {
            code: Place(
                code,
                f"Plaats {code}",
                f"Regio {int(code[-1]) % 2}",
                draw(st.sampled_from(VARIANTS)),
                "test",
            )
            for code in codes
        },
        settings,
    )
    forms: list[Form] = []
    minutes: dict[str, list[int]] = {}
    for code in codes:
        for number in range(draw(st.integers(1, 5))):
            purpose, frequency = draw(st.sampled_from(KINDS))
            chosen = draw(st.lists(st.sampled_from(LABELS), min_size=1, max_size=8))
            form_id = f"{code.lower()}-{number}"
            forms.append(
                form(
                    form_id,
                    code,
                    [field(f"v{i}", label, kind) for i, (label, kind) in enumerate(chosen)],
                    purpose,
                    frequency,
                    draw(st.one_of(st.none(), st.integers(1, 120))),
                    draw(st.sampled_from(OWNERS)),
                )
            )
            if draw(st.booleans()):
                minutes[form_id] = draw(st.lists(st.integers(1, 180), min_size=1, max_size=12))
    return forms, places, settings, FormLog(minutes, *PERIOD)


def report_of(forms: list[Form], places: Places, chosen: Settings, log: FormLog) -> ProposalReport:
    analysis = analyse(catalogue(standard_forms() + forms), Decisions())
    return build_report(analysis, chosen, log, places, "Test", PERIOD[1])


def assert_gains_within_burdens(report: ProposalReport) -> None:
    tolerance = 1e-6
    scenarios = ("value", "low", "high")
    per_form: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
    for proposal in report.counted:
        for form_id, gain in proposal.gains.items():
            for index, scenario in enumerate(scenarios):
                assert getattr(gain, scenario) >= 0
                per_form[form_id][index] += getattr(gain, scenario)
    for form_id, burden in report.burdens.items():
        for index, scenario in enumerate(scenarios):
            assert per_form[form_id][index] <= getattr(burden.hours, scenario) + tolerance
    for addressee in report.addressees():
        mine = [p for p in report.counted if p.addressee == addressee]
        touched = {f for p in mine for f in p.forms}
        gain = sum(p.gain.value for p in mine)
        assert gain <= sum(report.burdens[f].hours.value for f in touched) + tolerance
    by_place: dict[str, float] = defaultdict(float)
    for form_id, gains in per_form.items():
        by_place[report.burdens[form_id].form.municipality] += gains[0]
    for code, gain in by_place.items():
        mine = [b.hours.value for b in report.burdens.values() if b.form.municipality == code]
        assert gain <= sum(mine) + tolerance
    assert report.gain.value <= report.burden.value + tolerance
    assert report.gain.low <= report.burden.low + tolerance
    assert report.gain.high <= report.burden.high + tolerance
    assert 0 <= report.share <= 1


def assert_it_re_adds(report: ProposalReport) -> None:
    data = report.to_json()
    totals = data["totals"]
    counted = [p for p in data["proposals"] if p["counted"]]
    assert round(sum(p["gain"]["hours"] for p in counted), 2) == totals["gain_hours"]
    assert round(sum(p["gain"]["euros"] for p in counted), 2) == totals["gain_euros"]
    assert round(sum(f["burden"]["hours"] for f in data["forms"]), 2) == totals["burden_hours"]
    for proposal in data["proposals"]:
        touched = sum(t.get("gain_hours", 0) for t in proposal["touches"])
        assert round(touched, 2) == proposal["gain"]["hours"]
    for item in data["forms"]:
        assert item["gain_hours"] <= item["burden"]["hours"]


def assert_grounds_allowed(report: ProposalReport) -> None:
    for proposal in report.proposals:
        for action in proposal.actions:
            for facts in action.facts:
                assert check(action.grounds, facts) == [], (proposal.id, action.form)


def assert_no_measurement_is_a_duplicate(report: ProposalReport) -> None:
    forms = {b.form.id: b.form for b in report.burdens.values()}
    for proposal in report.proposals:
        if proposal.theme != ONCE:
            continue
        for action in proposal.actions:
            items = {item.id: item for item in forms[action.form].fields}
            for field_id in action.fields:
                if kind_of(items[field_id]).changes == "periodic":
                    assert "nog eens op hetzelfde moment" in action.note, action.note


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(catalogues())
def test_gain_never_exceeds_burden_on_random_catalogues(
    drawn: tuple[list[Form], Places, Settings, FormLog],
) -> None:
    report = report_of(*drawn)
    assert_gains_within_burdens(report)
    assert_it_re_adds(report)
    assert_grounds_allowed(report)
    assert_no_measurement_is_a_duplicate(report)


def _state_burden(hours: float) -> object:
    from regeldruk.proposals.burden import FormBurden
    from regeldruk.proposals.quantities import Occurrences

    report = form(
        "r",
        "GM9001",
        [field("a", "Voortgang"), field("b", "Ernst", "scale")],
        "verantwoording",
        Frequency("client", every="3 months"),
    )
    return FormBurden(
        report,
        Estimate.exact(hours * 60 / 100),
        "test",
        0,
        Occurrences(100, 100, 100, 25, "test"),
        {"a": 0.75, "b": 0.25},
        80.0,
    )


def _proposal(theme: object, *actions: Action) -> Proposal:
    return Proposal(
        theme,
        Addressee("gemeente", "GM9001", "Gemeente X"),
        list(actions),  # type: ignore[arg-type]
        ["GM9001"],
        "",
        "",
    )


def _action(kind: str, fields: tuple[str, ...], saving: float) -> Action:
    return Action(
        "r",
        kind,
        fields,
        Estimate.exact(saving),
        (SER_8,),
        (Facts(None, "inspanningsgericht", frozenset()),),
        "",
    )


def test_a_removed_field_is_not_also_made_less_frequent() -> None:
    burden = _state_burden(100.0)
    remove = _proposal(PAYMENT, _action("remove", ("a",), 1.0))
    halve = _proposal(REPORTS, _action("frequency", (), 0.5))
    remaining = combine([halve, remove], {"r": burden})  # order of the list does not matter
    assert remove.gains["r"].value == pytest.approx(75)  # field a is 75% of the form
    assert halve.gains["r"].value == pytest.approx(12.5)  # half of what is left, not of 100
    assert remaining["r"].value == pytest.approx(12.5)
    assert remove.gains["r"].value + halve.gains["r"].value + 12.5 == pytest.approx(100)


def test_a_form_removed_twice_counts_once_and_uncounted_proposals_get_nothing() -> None:
    burden = _state_burden(40.0)
    first = _proposal(PAYMENT, _action("remove", ("a", "b"), 1.0))
    again = _proposal(ONCE, _action("remove", ("a",), 1.0))
    route = _proposal(IJW, _action("none", ("a",), 0.0))
    combine([first, again, route], {"r": burden})
    assert first.gains["r"].value == pytest.approx(40)
    assert again.gains["r"].value == 0
    assert route.gains == {}
