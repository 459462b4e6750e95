"""Property-based tests of the sector package's anonymisation (hypothesis)."""

from __future__ import annotations

from datetime import date, timedelta
from fractions import Fraction

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from regeldruk.anonymise import Contribution, Key, anonymise, lines

MUNICIPALITIES = ["GM0344", "GM0355", "GM0307", "GM0363"]
CATEGORIES = [("client-face", "client"), ("rapportage", "accountability"), ("netwerk", "indirect")]


@st.composite
def organisations(draw: st.DrawFn) -> list[Contribution]:
    workers = draw(st.integers(min_value=1, max_value=25))
    contributions = []
    for worker in range(workers):
        home = draw(st.sampled_from(MUNICIPALITIES))
        for _ in range(draw(st.integers(min_value=1, max_value=6))):
            day = date(2026, 10, 5) + timedelta(days=draw(st.integers(0, 20)))
            place = draw(st.sampled_from([home, home, None, *MUNICIPALITIES]))
            category, kind = draw(st.sampled_from(CATEGORIES))
            minutes = draw(st.integers(min_value=5, max_value=480))
            contributions.append(Contribution(worker, day, place, category, kind, minutes))
    return contributions


def attacker_recovers(published: dict[Key, int], suppressed: set[Key]) -> set[Key]:
    """An independent attacker: knows every published cell and the total of every line
    (sum over one dimension) that holds a published cell; solves exactly over the rationals
    and reports the suppressed cells it pins down."""
    unknown = sorted(suppressed)
    if not unknown:
        return set()
    index = {key: i for i, key in enumerate(unknown)}
    rows = []
    for members in lines([*published, *suppressed]).values():
        row = [Fraction(0)] * len(unknown)
        for member in members:
            if member in index:
                row[index[member]] = Fraction(1)
        if any(row) and any(member in published for member in members):
            rows.append(row)

    def rank(matrix: list[list[Fraction]]) -> int:
        matrix = [r[:] for r in matrix]
        found, column_count = 0, len(unknown)
        for column in range(column_count):
            pivot = next((i for i in range(found, len(matrix)) if matrix[i][column] != 0), None)
            if pivot is None:
                continue
            matrix[found], matrix[pivot] = matrix[pivot], matrix[found]
            for i in range(len(matrix)):
                if i != found and matrix[i][column] != 0:
                    factor = matrix[i][column] / matrix[found][column]
                    matrix[i] = [
                        a - factor * b for a, b in zip(matrix[i], matrix[found], strict=True)
                    ]
            found += 1
        return found

    base = rank(rows)
    recovered = set()
    for key, i in index.items():
        unit = [Fraction(0)] * len(unknown)
        unit[i] = Fraction(1)
        if rank([*rows, unit]) == base:
            recovered.add(key)
    return recovered


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(organisations(), st.sampled_from([5, 10]))
def test_published_cells_are_safe(contributions: list[Contribution], k: int) -> None:
    package = anonymise(contributions, k)
    for cell in package.published:
        assert cell.workers >= k
        assert max(cell.minutes_by_worker.values()) <= 0.5 * cell.minutes
    published = {cell.key: cell.minutes for cell in package.published}
    suppressed = {cell.key for cell in package.suppressed}
    assert attacker_recovers(published, suppressed) == set()
    total = sum(c.minutes for c in contributions)
    assert package.published_minutes + package.suppressed_minutes == total


def test_a_single_suppressed_cell_in_a_line_gets_a_companion() -> None:
    # Twelve workers in Utrecht, three in Zeist: Zeist alone would be recoverable from the
    # week total, so another cell is suppressed with it (or the area is generalised).
    contributions = [
        Contribution(
            w, date(2026, 10, 5), "GM0344" if w < 12 else "GM0355", "client-face", "client", 60
        )
        for w in range(15)
    ] + [
        Contribution(w, date(2026, 10, 5), "GM0344", "rapportage", "accountability", 30)
        for w in range(12)
    ]
    package = anonymise(contributions, 10)
    published = {cell.key: cell.minutes for cell in package.published}
    assert attacker_recovers(published, {c.key for c in package.suppressed}) == set()
    assert all(cell.workers >= 10 for cell in package.published)
