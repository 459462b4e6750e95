"""Anonymised sector packages (SPEC section 5): generalise, suppress, and prove it holds.

Cells are (period, area, category) with the number of distinct workers and the hours.
1. Generalise: the whole package uses one level, from (week, municipality) up to
   (quarter, NL): the finest that still publishes 80% of the hours.
2. Primary suppression: fewer than k distinct workers, or one worker with more than half
   of the cell's hours (dominance).
3. Complementary suppression: assume an attacker knows every published cell *and* the
   total of every line (a sum over one dimension) that holds a published cell, e.g. from
   other publications. A suppressed cell is recoverable when its unit vector lies in the
   span of those equations; while one is, another published cell of one of its lines is
   suppressed too. Ranks are computed exactly, modulo a 61-bit prime.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from regeldruk.municipalities import by_code

PRIME = (1 << 61) - 1
MIN_K = 5
DOMINANCE = 0.5

Key = tuple[str, str, str]  # period, area, category


@dataclass(frozen=True)
class Contribution:
    """Minutes one worker logged on one day, in one municipality (or none), per category."""

    worker: int
    day: date
    municipality: str | None
    category: str
    kind: str
    minutes: int


@dataclass
class Cell:
    period: str
    area: str
    category: str
    kind: str
    minutes_by_worker: dict[int, int]

    @property
    def key(self) -> Key:
        return (self.period, self.area, self.category)

    @property
    def minutes(self) -> int:
        return sum(self.minutes_by_worker.values())

    @property
    def workers(self) -> int:
        return len(self.minutes_by_worker)

    def dominated(self) -> bool:
        total = self.minutes
        return total > 0 and max(self.minutes_by_worker.values()) > DOMINANCE * total


@dataclass
class Package:
    level: tuple[str, str]  # (period level, area level)
    published: list[Cell]
    suppressed: list[Cell]

    @property
    def published_minutes(self) -> int:
        return sum(c.minutes for c in self.published)

    @property
    def suppressed_minutes(self) -> int:
        return sum(c.minutes for c in self.suppressed)

    @property
    def suppressed_share(self) -> float:
        total = self.published_minutes + self.suppressed_minutes
        return self.suppressed_minutes / total if total else 0.0


PERIOD_LEVELS = ("week", "month", "quarter")
AREA_LEVELS = ("municipality", "region", "NL")


def period_label(day: date, level: str) -> str:
    if level == "week":
        iso = day.isocalendar()
        return f"{iso.year}-W{iso.week:02d}"
    if level == "month":
        return f"{day.year}-{day.month:02d}"
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def area_label(municipality: str | None, level: str) -> str:
    if municipality is None or level == "NL":
        return "NL"
    if level == "municipality":
        return municipality
    found = by_code(municipality)
    return f"regio:{found.region}" if found else "NL"


def build_cells(contributions: Iterable[Contribution], level: tuple[str, str]) -> list[Cell]:
    cells: dict[Key, Cell] = {}
    for c in contributions:
        key = (period_label(c.day, level[0]), area_label(c.municipality, level[1]), c.category)
        cell = cells.get(key)
        if cell is None:
            cell = cells[key] = Cell(*key, c.kind, defaultdict(int))
        cell.minutes_by_worker[c.worker] += c.minutes
    return sorted(cells.values(), key=lambda cell: cell.key)


def primary(cells: list[Cell], k: int) -> set[Key]:
    return {c.key for c in cells if c.workers < k or c.dominated()}


LineId = tuple[int, str, str]


def line_of(key: Key, dim: int) -> LineId:
    """The line through ``key`` along dimension ``dim``: the other two coordinates."""
    others = [v for i, v in enumerate(key) if i != dim]
    return (dim, others[0], others[1])


def lines(keys: Iterable[Key]) -> dict[LineId, list[Key]]:
    """Each line: the cells that share all coordinates but one."""
    found: dict[LineId, list[Key]] = defaultdict(list)
    for key in keys:
        for dim in range(3):
            found[line_of(key, dim)].append(key)
    return found


def recoverable(suppressed: set[Key], all_keys: list[Key]) -> set[Key]:
    """The suppressed cells an attacker can compute exactly from the published cells and
    the totals of the lines that hold a published cell."""
    unknown = sorted(suppressed)
    if not unknown:
        return set()
    index = {key: i for i, key in enumerate(unknown)}
    rows: list[dict[int, int]] = []
    for members in lines(all_keys).values():
        row = {index[m]: 1 for m in members if m in index}
        # A line's total is known only where the line shows up in the table at all, i.e.
        # holds a published cell; a line of suppressed cells alone is hidden as a whole.
        if row and len(row) < len(members):
            rows.append(row)
    basis = _echelon(rows)
    return {key for key in unknown if _in_span(basis, index[key])}


def _reduce(vector: dict[int, int], basis: dict[int, dict[int, int]]) -> dict[int, int]:
    """Eliminate the basis' pivots from ``vector`` until its leading column is new (or it
    vanishes): the shared step of building the basis and testing membership."""
    while vector:
        pivot = min(vector)
        if pivot not in basis:
            return vector
        factor = vector[pivot]
        for column, value in basis[pivot].items():
            updated = (vector.get(column, 0) - factor * value) % PRIME
            if updated:
                vector[column] = updated
            else:
                vector.pop(column, None)
    return vector


def _echelon(rows: list[dict[int, int]]) -> dict[int, dict[int, int]]:
    """Reduced rows keyed by pivot column, over GF(PRIME) (sparse Gaussian elimination)."""
    basis: dict[int, dict[int, int]] = {}
    for row in rows:
        vector = _reduce(dict(row), basis)
        if vector:
            pivot = min(vector)
            inverse = pow(vector[pivot], PRIME - 2, PRIME)
            basis[pivot] = {c: v * inverse % PRIME for c, v in vector.items()}
    return basis


def _in_span(basis: dict[int, dict[int, int]], column: int) -> bool:
    return not _reduce({column: 1}, basis)


def complementary(cells: list[Cell], suppressed: set[Key]) -> set[Key]:
    """Suppress more cells until no suppressed cell can be recovered."""
    keys = [c.key for c in cells]
    minutes = {c.key: c.minutes for c in cells}
    members_of = lines(keys)
    result = set(suppressed)
    while True:
        exposed = recoverable(result, keys)
        if not exposed:
            return result
        key = min(exposed)
        candidates = _companions([key], members_of, result)
        if not candidates:  # its own lines are used up: hide it behind any suppressed line
            candidates = _companions(sorted(result), members_of, result)
        if not candidates:
            return set(keys)
        result.add(min(candidates, key=lambda m: (minutes[m], m)))


def _companions(
    keys: list[Key], members_of: dict[LineId, list[Key]], suppressed: set[Key]
) -> list[Key]:
    """Published cells that share a line with one of ``keys``."""
    found: list[Key] = []
    for key in keys:
        for dim in range(3):
            found += [m for m in members_of[line_of(key, dim)] if m not in suppressed]
    return found


# From fine to coarse: space before time, since where the burden falls matters most.
LEVELS = (
    ("week", "municipality"),
    ("week", "region"),
    ("month", "municipality"),
    ("month", "region"),
    ("quarter", "municipality"),
    ("quarter", "region"),
    ("week", "NL"),
    ("month", "NL"),
    ("quarter", "NL"),
)
MAX_LOSS = 0.20  # generalise no further than needed to publish 80% of the hours


def anonymise(contributions: list[Contribution], k: int) -> Package:
    """The finest level that publishes at least 80% of the hours; failing that, the level
    that publishes the most."""
    if k < MIN_K:
        raise ValueError(f"k below {MIN_K}")
    best: Package | None = None
    for level in LEVELS:
        cells = build_cells(contributions, level)
        hidden = complementary(cells, primary(cells, k))
        package = Package(
            level,
            [c for c in cells if c.key not in hidden],
            [c for c in cells if c.key in hidden],
        )
        if package.suppressed_share <= MAX_LOSS:
            return package
        if best is None or package.published_minutes > best.published_minutes:
            best = package
    assert best is not None
    return best
