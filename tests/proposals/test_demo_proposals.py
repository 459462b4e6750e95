"""The demo's proposals pass the same checks as the random catalogues, and its burden agrees
with the time logged on the forms it measured (an input the model was not tuned on)."""

from __future__ import annotations

from pathlib import Path

import pytest

from regeldruk.db.engine import Database, ensure_schema
from regeldruk.demo import build_demo
from regeldruk.forms import load_catalogue, shipped_catalogue
from regeldruk.proposals import ProposalReport, report_for
from regeldruk.proposals.settings import Settings
from tests.proposals.test_combine import (
    assert_gains_within_burdens,
    assert_grounds_allowed,
    assert_it_re_adds,
    assert_no_measurement_is_a_duplicate,
)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> ProposalReport:
    path: Path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    db = Database(f"sqlite:///{path}")
    ensure_schema(db.engine)
    result = build_demo(db)
    catalogue, _ = load_catalogue(shipped_catalogue())
    report = report_for(catalogue, Settings(), db, "Demo", result.last, result.first, result.last)
    db.dispose()
    return report


def test_the_demo_passes_the_property_checks(demo: ProposalReport) -> None:
    assert_gains_within_burdens(demo)
    assert_it_re_adds(demo)
    assert_grounds_allowed(demo)
    assert_no_measurement_is_a_duplicate(demo)
    assert 0 < demo.gain.value < demo.burden.value
    assert demo.log.days == 42 and demo.measured_forms == 40


def test_the_demo_groups_themes_per_addressee_with_names(demo: ProposalReport) -> None:
    kinds = [kind for kind, _ in demo.groups()]
    assert kinds[:2] == ["Gemeenten", "Jeugdzorgregio's (inkoop)"]
    assert {"VNG", "Zorginstituut Nederland"} <= set(kinds)
    themes = {p.theme.key for p in demo.proposals}
    assert len(themes) <= 8
    names = {demo.places.name(code) for p in demo.proposals for code in p.municipalities}
    assert "Voorbeeldstad" in names and not any(name.startswith("GM") for name in names)


def test_a_measured_form_costs_what_was_logged_on_it(demo: ProposalReport) -> None:
    """Median x count is close to the logged total scaled to a year (not equal: a median)."""
    for burden in demo.burdens.values():
        if not burden.measured:
            continue
        logged = sum(demo.log.minutes[burden.form.id]) / 60 * 365 / demo.log.days
        assert burden.hours.value == pytest.approx(logged, rel=0.2), burden.form.id
