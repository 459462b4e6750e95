"""Anonymised sector cells of one grid period: suppress, protect, perturb (issue #12).

A package covers one period of the sector's grid (sectorprofile.py), so its cells form a
table of area (at the profile's level) x category. Per cell: the distinct workers and
their minutes.

1. Primary suppression: fewer than k distinct workers, one worker with more than half of
   the cell's minutes (dominance), or a cell that a late correction made zero or negative.
2. Protection (complementary suppression). The attacker of the README knows every
   published cell and the true total of every line (an area's row, a category's column)
   that holds a published cell, and that no cell is negative. A suppressed cell is safe
   when that knowledge still leaves it a range of at least +-X, X = P x its largest
   worker's minutes. Sufficient, and checked exactly: the cell lies on a cycle of
   suppressed cells, alternating between rows and columns (lines without a published
   cell are free), whose other cells each hold at least X minutes -- then moving X
   minutes around the cycle, either way, changes no known total. While a suppressed cell
   has no such cycle, the cheapest published cells that close one are suppressed too.
3. Perturbation (cell key). Every published cell gets noise u x NOISE x its largest
   worker's minutes (NOISE = 25%), u in [-1, 1] from a key of its contributors (the sum
   of their record keys, each an HMAC of the worker under the organisation's secret) and
   its coordinates. The
   same cell always gets the same noise; two cells that differ by one worker get
   unrelated noise, so their difference is not that worker's minutes. Even someone who
   knows every other worker's minutes in a cell only learns a worker's to within a
   range of +-X around what was published.
"""

from __future__ import annotations

import hashlib
import heapq
import hmac
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from regeldruk.municipalities import by_code

MIN_K = 5
DOMINANCE = 0.5
P = 0.20  # the protection X: +-P of a worker's minutes, for suppressed and published cells
# The noise on a published cell reaches +-NOISE x its largest worker's minutes. Someone who
# knows every other worker's minutes then narrows the largest worker's w down to at best
# [w(1 - NOISE)/(1 + NOISE), w] or [w, w(1 + NOISE)/(1 - NOISE)] when the noise drew an
# end; a width of 2P x w takes NOISE = P / (1 - P).
NOISE = P / (1 - P)

Key = tuple[str, str]  # area, category


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
    area: str
    category: str
    kind: str
    minutes_by_worker: dict[int, int] = field(default_factory=lambda: defaultdict(int))

    @property
    def key(self) -> Key:
        return (self.area, self.category)

    @property
    def minutes(self) -> int:
        return sum(self.minutes_by_worker.values())

    @property
    def workers(self) -> int:
        return sum(1 for m in self.minutes_by_worker.values() if m)

    @property
    def largest(self) -> int:
        return max((abs(m) for m in self.minutes_by_worker.values()), default=0)

    @property
    def protection(self) -> float:
        """X: how far either way the cell must stay uncertain."""
        return P * self.largest

    def dominated(self) -> bool:
        total = self.minutes
        return total > 0 and self.largest > DOMINANCE * total

    def corrected_below_zero(self) -> bool:
        return self.minutes <= 0 or any(m < 0 for m in self.minutes_by_worker.values())


@dataclass(frozen=True)
class Published:
    """A published cell: its true figures (which stay at the organisation) and the noisy
    minutes that leave it."""

    cell: Cell
    noisy_minutes: float


@dataclass
class Package:
    period: str
    area_level: str
    published: list[Published]
    suppressed: list[Cell]

    @property
    def published_minutes(self) -> int:
        return sum(p.cell.minutes for p in self.published)

    @property
    def suppressed_minutes(self) -> int:
        return sum(c.minutes for c in self.suppressed)

    @property
    def suppressed_share(self) -> float:
        total = self.published_minutes + self.suppressed_minutes
        return self.suppressed_minutes / total if total > 0 else 0.0


def area_label(municipality: str | None, level: str) -> str:
    """A municipality at the profile's area level; time without one is 'NL'."""
    if municipality is None or level == "NL":
        return "NL"
    if level == "municipality":
        return municipality
    found = by_code(municipality)
    return f"regio:{found.region}" if found else "NL"


def build_cells(minutes: Iterable[tuple[int, str | None, str, str, int]], level: str) -> list[Cell]:
    """Cells from (worker, municipality, category, kind, minutes), at the area level."""
    cells: dict[Key, Cell] = {}
    for worker, municipality, category, kind, amount in minutes:
        key = (area_label(municipality, level), category)
        cell = cells.get(key)
        if cell is None:
            cell = cells[key] = Cell(key[0], category, kind)
        cell.minutes_by_worker[worker] += amount
    return sorted((c for c in cells.values() if c.workers), key=lambda c: c.key)


def primary(cells: list[Cell], k: int) -> set[Key]:
    return {c.key for c in cells if c.workers < k or c.dominated() or c.corrected_below_zero()}


Node = tuple[str, str]  # ("area", name), ("category", key), or FREE
FREE: Node = ("free", "")


class _Table:
    """The suppression state of one package's table, for the protection check."""

    def __init__(self, cells: list[Cell], hidden: set[Key]) -> None:
        self.cells = {c.key: c for c in cells}
        self.hidden = set(hidden)
        self.shown_in: dict[Node, int] = defaultdict(int)  # published cells per line
        for cell in cells:
            if cell.key not in self.hidden:
                for line in self._lines(cell.key):
                    self.shown_in[line] += 1

    @staticmethod
    def _lines(key: Key) -> tuple[Node, Node]:
        return ("area", key[0]), ("category", key[1])

    def node(self, line: Node) -> Node:
        """A line whose total the attacker knows is a node of its own; all others are one
        free node (no equation ties them)."""
        return line if self.shown_in[line] else FREE

    def hide(self, key: Key) -> None:
        if key not in self.hidden:
            self.hidden.add(key)
            for line in self._lines(key):
                self.shown_in[line] -= 1

    def edges(self, key: Key) -> tuple[Node, Node]:
        row, column = self._lines(key)
        return self.node(row), self.node(column)

    def cheapest_cycle(self, target: Key, threshold: float, hidden_only: bool) -> list[Key] | None:
        """The cells (besides ``target``) of a cheapest cycle through ``target`` whose cells
        all hold at least ``threshold`` minutes: Dijkstra from one end of the target's
        edge to the other, where a suppressed cell costs nothing and a published one its
        minutes. With ``hidden_only``, only suppressed cells may be used."""
        start, goal = self.edges(target)
        if start == goal:  # both lines free, or the cycle is the cell itself: unbounded
            return []
        adjacency: dict[Node, list[tuple[Node, Key]]] = defaultdict(list)
        for key, cell in self.cells.items():
            if key == target or cell.minutes < threshold:
                continue
            if hidden_only and key not in self.hidden:
                continue
            a, b = self.edges(key)
            adjacency[a].append((b, key))
            adjacency[b].append((a, key))
        best: dict[Node, float] = {start: 0.0}
        came: dict[Node, tuple[Node, Key]] = {}
        queue: list[tuple[float, Node]] = [(0.0, start)]
        while queue:
            cost, here = heapq.heappop(queue)
            if here == goal:
                path, node = [], goal
                while node != start:
                    node, key = came[node]
                    path.append(key)
                return path
            if cost > best.get(here, float("inf")):
                continue
            for there, key in adjacency[here]:
                step = 0.0 if key in self.hidden else float(self.cells[key].minutes)
                if cost + step < best.get(there, float("inf")):
                    best[there] = cost + step
                    came[there] = (here, key)
                    heapq.heappush(queue, (cost + step, there))
        return None


def protect(cells: list[Cell], hidden: set[Key]) -> set[Key]:
    """Suppress more cells until every suppressed cell has a protecting cycle.

    Protection only grows as cells are suppressed (a cycle stays a cycle, a line only
    becomes free), so each cell is checked once, and again only if it is newly hidden.
    """
    table = _Table(cells, hidden)
    queue = sorted(hidden)
    while queue:
        key = queue.pop(0)
        cell = table.cells[key]
        if table.cheapest_cycle(key, cell.protection, hidden_only=True) is not None:
            continue
        path = table.cheapest_cycle(key, cell.protection, hidden_only=False)
        added = [k for k in path if k not in table.hidden] if path is not None else []
        if path is None:  # no cycle can be made: fall back to the smallest companion
            added = _companion(table, key, cell.protection)
            if not added:
                return set(table.cells)  # nothing can protect it: publish nothing
        for extra in added:
            table.hide(extra)
        queue = sorted({*queue, key, *added})
    return table.hidden


def _companion(table: _Table, key: Key, threshold: float) -> list[Key]:
    """One more published cell (at least ``threshold``), in the target's lines first: it
    turns lines free or brings new cycles within reach."""
    published = [
        k for k, c in table.cells.items() if k not in table.hidden and c.minutes >= threshold
    ]
    same_line = [k for k in published if k[0] == key[0] or k[1] == key[1]]
    pool = same_line or published
    if not pool:
        return []
    return [min(pool, key=lambda k: (table.cells[k].minutes, k))]


def record_key(secret: bytes, worker: int) -> int:
    digest = hmac.new(secret, b"record:%d" % worker, hashlib.sha256).digest()
    return int.from_bytes(digest[:8], "big")


def cell_noise(secret: bytes, period: str, cell: Cell) -> float:
    """The cell's noise in minutes: u x NOISE x its largest worker's minutes, u in [-1, 1]
    from the cell key (its contributors' record keys summed) and its coordinates."""
    cell_key = sum(record_key(secret, w) for w, m in cell.minutes_by_worker.items() if m)
    message = f"{period}|{cell.area}|{cell.category}|{cell_key % (1 << 64)}".encode()
    digest = hmac.new(secret, message, hashlib.sha256).digest()
    u = int.from_bytes(digest[:7], "big") / float(1 << 56) * 2.0 - 1.0
    return u * NOISE * cell.largest


def anonymise(
    minutes: Iterable[tuple[int, str | None, str, str, int]],
    period: str,
    level: str,
    k: int,
    secret: bytes,
) -> Package:
    """One grid period's package: cells at ``level``, suppressed, protected, perturbed."""
    if k < MIN_K:
        raise ValueError(f"k below {MIN_K}")
    cells = build_cells(minutes, level)
    hidden = protect(cells, primary(cells, k))
    published = [
        Published(c, c.minutes + cell_noise(secret, period, c))
        for c in cells
        if c.key not in hidden
    ]
    return Package(period, level, published, [c for c in cells if c.key in hidden])
