"""The anonymisation of one period's cells: k, dominance, protection, cell-key noise."""

from __future__ import annotations

import statistics

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from regeldruk.anonymise import NOISE, Cell, P, _Table, anonymise, cell_noise, primary

SECRET = b"s" * 32
MUNICIPALITIES = ["GM0344", "GM0355", "GM0307", "GM0363"]
CATEGORIES = [("client-face", "client"), ("rapportage", "accountability"), ("netwerk", "indirect")]


@st.composite
def minutes(draw: st.DrawFn) -> list[tuple[int, str | None, str, str, int]]:
    rows = []
    for worker in range(draw(st.integers(1, 30))):
        for _ in range(draw(st.integers(1, 4))):
            category, kind = draw(st.sampled_from(CATEGORIES))
            place = draw(st.sampled_from([None, *MUNICIPALITIES]))
            rows.append((worker, place, category, kind, draw(st.integers(5, 2400))))
    return rows


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(minutes(), st.sampled_from([5, 10]))
def test_published_cells_keep_k_dominance_and_noise_bounds(rows: list, k: int) -> None:
    package = anonymise(rows, "2026-10", "municipality", k, SECRET)
    for published in package.published:
        cell = published.cell
        assert cell.workers >= k and not cell.dominated()
        assert abs(published.noisy_minutes - cell.minutes) <= NOISE * cell.largest + 1e-9
    assert package.published_minutes + package.suppressed_minutes == sum(r[4] for r in rows)
    # Every suppressed cell has a cycle of suppressed cells of at least X minutes each.
    table = _Table(package.suppressed + [p.cell for p in package.published],
                   {c.key for c in package.suppressed})  # fmt: skip
    for cell in package.suppressed:
        assert table.cheapest_cycle(cell.key, cell.protection, hidden_only=True) is not None


def test_a_single_suppressed_cell_in_a_line_gets_a_companion() -> None:
    # Twelve workers in Utrecht, three in Zeist for the same category: Zeist alone would be
    # the category's total minus Utrecht, so another cell is suppressed with it.
    rows = [(w, "GM0344" if w < 12 else "GM0355", "client-face", "client", 60) for w in range(15)]
    rows += [(w, "GM0344", "rapportage", "accountability", 30) for w in range(12)]
    rows += [(w, "GM0355", "rapportage", "accountability", 120) for w in range(12, 15)]
    package = anonymise(rows, "2026-10", "municipality", 10, SECRET)
    hidden = {c.key for c in package.suppressed}
    assert ("GM0355", "client-face") in hidden
    assert len(hidden) >= 2


def test_a_cell_corrected_below_zero_is_not_published() -> None:
    cell = Cell("GM0344", "rapportage", "accountability")
    for worker in range(12):
        cell.minutes_by_worker[worker] = 60
    assert primary([cell], 10) == set()
    cell.minutes_by_worker[3] = -20  # a late correction took time away
    assert primary([cell], 10) == {cell.key}


def test_the_noise_is_consistent_bounded_and_real() -> None:
    """The same cell always gets the same noise; one worker more gives unrelated noise; and
    across many cells the noise really uses its range (mean |u| near 1/2)."""
    draws = []
    for n in range(400):
        cell = Cell(f"GM{n:04d}", "rapportage", "accountability")
        for worker in range(10):
            cell.minutes_by_worker[worker + n] = 60 + worker
        first = cell_noise(SECRET, "2026-10", cell)
        assert cell_noise(SECRET, "2026-10", cell) == first
        bound = NOISE * cell.largest
        assert abs(first) <= bound
        draws.append(first / bound)
        cell.minutes_by_worker[1000] = 1
        assert cell_noise(SECRET, "2026-10", cell) != first
    assert 0.4 < statistics.mean(abs(u) for u in draws) < 0.6
    assert abs(statistics.mean(draws)) < 0.1
    assert NOISE == P / (1 - P)
