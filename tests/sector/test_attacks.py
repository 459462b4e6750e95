"""Attacks on the sector data (issue #12), run on random organisations (hypothesis).

Written before the fixes, from the six reproduced cases of the issue and their
generalisations. The attacker works only from what a sector body or a reader receives and
what the README grants an attacker: the packages (every published cell, the manifest),
the sector report, and the README's attacker model -- the true total of every line (a sum
over one dimension of a package) that holds a published cell.

The attacker's part (LP bounds, differences, rank tests, forgeries) is independent of the
code under attack: it knows nothing of how regeldruk suppresses or perturbs. The harness
part (building organisations, asking the CLI for packages, importing them) uses whatever
the CLI offers; a request the CLI refuses simply yields nothing for the attacker.

What "finds nothing" means:

- Workers: no attack may narrow down a worker's contribution, or a suppressed cell, to a
  range narrower than +-X around it, X = 20% of the largest single worker's part of what is
  targeted. Why 20% and relative: hours per cell range from minutes to days, so one absolute
  X would be either meaningless for large cells or impossible for small ones; a relative X
  is the p% rule that statistical offices apply to magnitude tables, and 20% is a band a
  works council can picture (a worker's 10 hours can't be told from 8 or 12). The issue's
  attacks got single workers to the minute (197 min, 83 min) and to +-3% ([581, 619] of 600).
- Organisations (sector report): nothing derivable from the report (its sections combined,
  and several reports of overlapping periods) may rest on fewer than 3 organisations or let
  the second-largest organisation estimate the largest closer than 20% (the p% rule:
  the organisations other than the two largest bring at least 20% of the largest's hours).
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import uuid
import zipfile
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

from regeldruk.municipalities import by_code
from regeldruk.taxonomy import DEFAULT_CATEGORIES

P = 0.20  # X = P x the largest single worker's part; also the p% of the report rule
MIN_ORGANISATIONS = 3

ATTACK = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
    # Each example builds databases and packages: report the first failure as found
    # instead of spending minutes shrinking it.
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
)

# Five municipalities in three youth-care regions, so regions have shown and hidden parts.
MUNICIPALITIES = ["GM0355", "GM0310", "GM0356", "GM0321", "GM0344"]
KIND = {c.key: c.kind for c in DEFAULT_CATEGORIES}
CATEGORIES = ["client-face", "client-remote", "netwerk", "rapportage", "declaratie", "reistijd"]
OCTOBER = (date(2026, 10, 1), date(2026, 10, 31))


# -- organisations ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Minutes:
    """One worker's minutes on one day, in one municipality (or none), in one category.
    ``stage`` 0 was logged before the attacker's first export, 1 after it (a late entry)."""

    worker: int
    day: date
    municipality: str | None
    category: str
    minutes: int
    stage: int = 0

    @property
    def kind(self) -> str:
        return KIND[self.category]


@st.composite
def organisation(
    draw: st.DrawFn, min_workers: int = 2, max_workers: int = 24, late: bool = False
) -> list[Minutes]:
    """A random organisation's October: a few home municipalities per worker, a mix of
    categories, days that never hold more than ten hours for one worker."""
    places = draw(st.lists(st.sampled_from(MUNICIPALITIES), min_size=1, max_size=3, unique=True))
    result: list[Minutes] = []
    used: dict[tuple[int, date], int] = defaultdict(int)
    for worker in range(draw(st.integers(min_workers, max_workers))):
        home = draw(st.sampled_from(places))
        for _ in range(draw(st.integers(1, 8))):
            day = OCTOBER[0] + timedelta(days=draw(st.integers(0, 30)))
            minutes = draw(st.integers(3, 96)) * 5
            if used[worker, day] + minutes > 600:
                continue
            used[worker, day] += minutes
            category = draw(st.sampled_from(CATEGORIES))
            place = None if category == "reistijd" else draw(st.sampled_from([home, home, *places]))
            result.append(Minutes(worker, day, place, category, minutes))
    if late:  # entries logged after the first export, for days already exported
        for worker in draw(st.lists(st.integers(0, 3), min_size=1, max_size=3, unique=True)):
            day = OCTOBER[0] + timedelta(days=draw(st.integers(0, 30)))
            if used[worker, day] + 120 > 720:
                continue
            used[worker, day] += 120
            category = draw(st.sampled_from(CATEGORIES))
            place = None if category == "reistijd" else draw(st.sampled_from(places))
            result.append(Minutes(worker, day, place, category, draw(st.integers(1, 24)) * 5, 1))
    return result


def org_database(path: Path, minutes: list[Minutes], stage: int) -> str:
    """An organisation's SQLite database holding the entries of ``stage`` (appended)."""
    from regeldruk.db.engine import Database, ensure_schema
    from regeldruk.db.models import TimeEntry
    from regeldruk.organisation import ensure_organisation, ensure_team, ensure_worker
    from regeldruk.timeparse import local_datetime, now_utc

    url = f"sqlite:///{path}"
    db = Database(url)
    ensure_schema(db.engine)
    with db.session() as session:
        org = ensure_organisation(session, "Aanvaller-testorganisatie")
        team = ensure_team(session, org, "Team")
        ids = {w: ensure_worker(session, team, f"w{w}").id for w in {m.worker for m in minutes}}
        # Stage 1 entries start after stage 0's on the same day, so they never overlap.
        offset: dict[tuple[int, date], int] = defaultdict(int)
        for m in sorted(minutes, key=lambda m: m.stage):
            start = local_datetime(m.day, 7, 0, "Europe/Amsterdam").add(
                minutes=offset[m.worker, m.day]
            )
            offset[m.worker, m.day] += m.minutes
            if m.stage != stage:
                continue
            session.add(
                TimeEntry(
                    worker_id=ids[m.worker],
                    category_key=m.category,
                    start_at=start,
                    end_at=start.add(minutes=m.minutes),
                    municipality_code=m.municipality,
                    created_at=now_utc(),
                    updated_at=now_utc(),
                )
            )
    db.dispose()
    return url


# -- the harness: what the CLI gives the attacker ---------------------------------------------


NOW = "2027-01-10T12:00:00+01:00"  # every package of the attacks is made after October


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    from click.testing import CliRunner

    from regeldruk.cli import root

    environment = {"REGELDRUK_NOW": NOW, **(env or {})}
    result = CliRunner().invoke(root, list(args), env=environment, catch_exceptions=False)
    return result.exit_code, result.output


@dataclass
class Sector:
    """A sector body's database, set up with whatever the CLI offers (a profile, trust)."""

    directory: Path
    k: int
    area: str = "municipality"
    url: str = ""
    profile: Path | None = None

    def __post_init__(self) -> None:
        self.url = f"sqlite:///{self.directory / 'sector.sqlite'}"
        profile = self.directory / "profiel.json"
        code, _ = run(
            "--database", self.url, "sector", "profile", "--period", "month",
            "--area", self.area, "--k", str(self.k), "-o", str(profile),
        )  # fmt: skip
        self.profile = profile if code == 0 else None

    def trust(self, registration: Path | None) -> None:
        if registration is not None:
            code, output = run("--database", self.url, "sector", "trust", str(registration))
            assert code == 0, output

    def import_one(self, path: Path) -> bool:
        code, _ = run("--database", self.url, "sector", "import", str(path), "--min-k", "5")
        if code == 2:  # no --min-k (any more): the profile sets k
            code, _ = run("--database", self.url, "sector", "import", str(path))
        return code == 0


@dataclass
class Organisation:
    """An organisation that registers (where the CLI has that) and exports by the CLI."""

    directory: Path
    url: str
    key: Path = field(init=False)
    registration: Path | None = None

    def __post_init__(self) -> None:
        self.key = self.directory / "sleutel.pem"
        registration = self.directory / "registratie.json"
        code, _ = run(
            "--database", self.url, "sector", "register", "--key", str(self.key),
            "-o", str(registration),
        )  # fmt: skip
        self.registration = registration if code == 0 else None

    def export(self, target: Path, options: tuple[str, ...], sector: Sector) -> bool:
        extra: tuple[str, ...] = ()
        if sector.profile is not None:
            extra = ("--profile", str(sector.profile), "--key", str(self.key))
        code, _ = run(
            "--database", self.url, "export", "sector", "-o", str(target), *options, *extra
        )  # fmt: skip
        return code == 0 and target.exists()


# Everything an attacker might ask the CLI for, old options and new: overlapping periods
# (issue case 2), different k (case 3), the default period, months and quarters.
EXPORT_REQUESTS: list[tuple[str, ...]] = [
    ("--from", "2026-10-01", "--to", "2026-10-31"),
    ("--from", "2026-10-01", "--to", "2026-10-30"),
    ("--from", "2026-10-02", "--to", "2026-10-31"),
    ("--from", "2026-10-01", "--to", "2026-10-31", "--k", "5"),
    ("--from", "2026-10-01", "--to", "2026-10-31", "--k", "10"),
    (),
    ("--period", "2026-10"),
    ("--period", "2026-Q4"),
]


# -- packages as the attacker reads them ------------------------------------------------------


@dataclass
class Obtained:
    """A package the attacker holds, and (for the test's truth only) when it was made."""

    manifest: dict[str, Any]
    cells: dict[tuple[str, str, str], float]  # published (period, area, category) -> minutes
    workers: dict[tuple[str, str, str], int]
    stage: int
    order: int

    @property
    def export_id(self) -> str:
        return str(self.manifest["export_id"])


def read_obtained(path: Path, stage: int, order: int) -> Obtained:
    with zipfile.ZipFile(path) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        text = archive.read("cells.csv").decode()
    cells, workers = {}, {}
    lines = text.splitlines()
    header = lines[0].split(",")
    for line in lines[1:]:
        row = dict(zip(header, line.split(","), strict=True))
        key = (row["period"], row["area"], row["category"])
        cells[key] = float(row["hours"]) * 60
        workers[key] = int(row["workers"])
    return Obtained(manifest, cells, workers, stage, order)


def level_of(manifest: dict[str, Any]) -> tuple[str, str]:
    """The package's (period level, area level), from the manifest as the README says."""
    if "profile" in manifest:
        return str(manifest["profile"]["period"]), str(manifest["profile"]["area"])
    return str(manifest["level"]["period"]), str(manifest["level"]["area"])


def period_of(day: date, level: str) -> str:
    if level == "week":
        iso = day.isocalendar()
        return f"{iso.year}-W{iso.week:02d}"
    if level == "month":
        return f"{day.year}-{day.month:02d}"
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def area_of(municipality: str | None, level: str) -> str:
    if municipality is None or level == "NL":
        return "NL"
    if level == "municipality":
        return municipality
    found = by_code(municipality)
    return f"regio:{found.region}" if found else "NL"


def published_range(package: Obtained, minutes: float) -> tuple[float, float]:
    """What a published value tells about the true one: rounding, and the noise bound the
    manifest declares (a cell's noise is at most p/2 of its true value)."""
    rounding = 0.6  # hours are written with at least two decimals: +-0.3 minutes
    noise = package.manifest.get("noise")
    if isinstance(noise, dict) and noise.get("p"):
        p = float(noise["p"])
        return (minutes - rounding) / (1 + p / 2), (minutes + rounding) / (1 - p / 2)
    return minutes - rounding, minutes + rounding


def true_cells(
    package: Obtained, org: list[Minutes], earlier: list[Obtained]
) -> dict[tuple[str, str, str], list[Minutes]]:
    """Which of the organisation's minutes each cell of ``package`` sums (the truth).

    A package covers its manifest period's days as logged when it was made; a package that
    names corrections also carries what was logged late for those periods since the last
    distinct package that covered them, under its own period.
    """
    period_level, area_level = level_of(package.manifest)
    first = date.fromisoformat(package.manifest["period"]["from"])
    last = date.fromisoformat(package.manifest["period"]["to"])
    label = package.manifest["period"].get("label")
    corrections = set(package.manifest.get("corrections", []))
    carried = {
        id(m)
        for other in earlier
        if other.export_id != package.export_id
        for members in true_cells(other, org, []).values()
        for m in members
    }
    cells: dict[tuple[str, str, str], list[Minutes]] = defaultdict(list)
    for m in org:
        if m.stage > package.stage:
            continue
        if first <= m.day <= last:
            period = label or period_of(m.day, period_level)
        elif period_of(m.day, "month") in corrections or period_of(m.day, "quarter") in corrections:
            if id(m) in carried:
                continue
            period = label
        else:
            continue
        cells[period, area_of(m.municipality, area_level), m.category].append(m)
    return cells


def largest_worker(members: list[Minutes]) -> int:
    parts: dict[int, int] = defaultdict(int)
    for m in members:
        parts[m.worker] += m.minutes
    return max(parts.values())


# -- the LP attacker --------------------------------------------------------------------------


@dataclass
class Finding:
    what: str
    true_minutes: float
    low: float
    high: float
    x: float

    def __str__(self) -> str:
        return (
            f"{self.what}: true {self.true_minutes:.0f} min, attacker's range "
            f"[{self.low:.1f}, {self.high:.1f}] (width {self.high - self.low:.1f} < 2X = "
            f"{2 * self.x:.1f})"
        )


def lp_attack(
    org: list[Minutes], packages: list[Obtained], ratios: list[float] | None = None
) -> list[Finding]:
    """Bound every suppressed cell and every difference of two packages' common cells.

    Unknowns: the organisation's minutes per (day, municipality, category, stage), >= 0,
    and only those that are non-zero (the attacker is granted the pattern). Equations:
    each published cell within what its value tells (rounding, declared noise); the true
    total of every line of a package that holds a published cell; any share the manifest
    gives away. Each target is minimised and maximised (scipy's HiGHS). ``ratios``, when
    given, receives every target's range width as a share of 2X.
    """
    atoms: dict[tuple[date, str | None, str, int], int] = {}
    for m in org:
        atom = (m.day, m.municipality, m.category, m.stage)
        atoms.setdefault(atom, len(atoms))
    ordered = sorted(packages, key=lambda p: p.order)
    truths = [true_cells(p, org, ordered[: ordered.index(p)]) for p in ordered]

    def vector(members: list[Minutes]) -> np.ndarray:
        row = np.zeros(len(atoms))
        for m in members:
            row[atoms[m.day, m.municipality, m.category, m.stage]] = 1.0
        return row

    truth_vector = np.zeros(len(atoms))
    for m in org:
        truth_vector[atoms[m.day, m.municipality, m.category, m.stage]] += m.minutes
    upper_rows: list[np.ndarray] = []
    upper_values: list[float] = []
    equal_rows: list[np.ndarray] = []
    equal_values: list[float] = []
    targets: list[tuple[str, list[Minutes], float]] = []
    for package, truth in zip(ordered, truths, strict=True):
        for key, value in package.cells.items():
            low, high = published_range(package, value)
            row = vector(truth.get(key, []))
            upper_rows += [row, -row]
            upper_values += [high, -low]
        for dim in range(3):
            if len({key[dim] for key in truth}) < 2:
                continue  # one value only: a "line" along it is a single cell, not a total
            lines: dict[tuple[str, ...], list[tuple[str, str, str]]] = defaultdict(list)
            for key in truth:
                lines[tuple(v for i, v in enumerate(key) if i != dim)].append(key)
            for members in lines.values():
                if any(key in package.cells for key in members):
                    row = sum((vector(truth[key]) for key in members), np.zeros(len(atoms)))
                    equal_rows.append(row)
                    equal_values.append(float(row @ truth_vector))
        suppressed = [key for key in truth if key not in package.cells]
        share = package.manifest.get("suppressed_hours_share")
        if isinstance(share, (int, float)) and truth:
            hidden = sum((vector(truth[key]) for key in suppressed), np.zeros(len(atoms)))
            everything = sum((vector(m) for m in truth.values()), np.zeros(len(atoms)))
            upper_rows += [hidden - (share + 5e-5) * everything]
            upper_values += [0.0]
            upper_rows += [-(hidden - (share - 5e-5) * everything)]
            upper_values += [0.0]
        for key in suppressed:
            members = truth[key]
            targets.append((f"suppressed cell {key}", members, P * largest_worker(members)))
    # Any two packages: what one cell holds and the same cell of the other does not.
    k_of = {p.export_id: int(p.manifest["k"]) for p in ordered}
    for i, first in enumerate(ordered):
        for second in ordered[i + 1 :]:
            if first.export_id == second.export_id:
                continue
            for key in first.cells.keys() & second.cells.keys():
                a, b = truths[i][key], truths[ordered.index(second)][key]
                for only, name in ((_minus(a, b), "first"), (_minus(b, a), "second")):
                    k = min(k_of[first.export_id], k_of[second.export_id])
                    if only and len({m.worker for m in only}) < k:
                        x = P * largest_worker(only)
                        targets.append((f"difference {key} ({name} only)", only, x))
    findings = []
    for package, truth in zip(ordered, truths, strict=True):
        findings += insider_findings(package, truth, ratios)
    bounds = [(0, None)] * len(atoms)
    for what, members, x in targets:
        objective = vector(members)
        true = float(objective @ truth_vector)
        ends = []
        for sign in (1.0, -1.0):
            result = linprog(
                sign * objective,
                A_ub=np.array(upper_rows) if upper_rows else None,
                b_ub=np.array(upper_values) if upper_values else None,
                A_eq=np.array(equal_rows) if equal_rows else None,
                b_eq=np.array(equal_values) if equal_values else None,
                bounds=bounds,
                method="highs",
            )
            assert result.status in (0, 3), result.message  # the truth is always feasible
            if result.status == 0:
                ends.append(sign * result.fun)
            else:  # unbounded: nothing caps the target from above
                ends.append(np.inf if sign < 0 else -np.inf)
        low, high = ends
        assert low - 1e-6 <= true <= high + 1e-6  # a sound attacker never excludes the truth
        if ratios is not None and x > 0:
            ratios.append((high - low) / (2 * x))
        if high - low < 2 * x - 1e-6:
            findings.append(Finding(what, true, low, high, x))
    return findings


def insider_range(
    published: float, others: float, largest_other: float, p: float
) -> tuple[float, float]:
    """What someone who knows every other worker's minutes in a published cell can tell
    of the remaining worker's, when the manifest declares noise of at most p x the cell's
    largest worker's minutes (p = 0: no noise, only the rounding of the hours)."""
    low, high = published - 0.3 - others, published + 0.3 - others
    if p == 0:
        return low, high
    ends = []
    if high / (1 - p) >= largest_other:  # the worker is the largest
        ends += [max(low / (1 + p), largest_other), high / (1 - p)]
    below = (max(low - p * largest_other, 0.0), min(high + p * largest_other, largest_other))
    if below[0] <= below[1]:
        ends += list(below)
    return min(ends), max(ends)


def insider_findings(
    package: Obtained, truth: dict[tuple[str, str, str], list[Minutes]], ratios: list[float] | None
) -> list[Finding]:
    """Every published cell against a worker whose colleagues in it all tell their minutes."""
    noise = package.manifest.get("noise")
    p = float(noise["p"]) if isinstance(noise, dict) else 0.0
    found = []
    for key, value in package.cells.items():
        parts: dict[int, int] = defaultdict(int)
        for m in truth.get(key, []):
            parts[m.worker] += m.minutes
        if not parts:
            continue
        worker = max(parts, key=lambda w: parts[w])
        others = [m for w, m in parts.items() if w != worker]
        low, high = insider_range(value, sum(others), max(others, default=0), p)
        x = P * parts[worker]
        if ratios is not None:
            ratios.append((high - low) / (2 * x))
        if high - low < 2 * x - 1e-6:
            found.append(Finding(f"insider on published cell {key}", parts[worker], low, high, x))
    return found


def _minus(a: list[Minutes], b: list[Minutes]) -> list[Minutes]:
    inside = {id(m) for m in b}
    return [m for m in a if id(m) not in inside]


# -- the report attacker ----------------------------------------------------------------------


def safe(hours_by_org: dict[str, float]) -> bool:
    """At least 3 organisations, and the p% rule: the organisations other than the two
    largest bring at least P of the largest's hours."""
    parts = sorted((h for h in hours_by_org.values() if h > 1e-9), reverse=True)
    if not parts:
        return True
    return len(parts) >= MIN_ORGANISATIONS and sum(parts[2:]) >= P * parts[0] - 1e-9


Atom = tuple[str, str, str, str]  # period, area as stored, category, organisation


def sector_atoms(url: str) -> dict[Atom, float]:
    """The hours behind the report, per period, area, category and organisation."""
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.connect() as connection:
        rows = connection.execute(
            text(
                "SELECT c.period, c.area, c.category, p.organisation, sum(c.hours)"
                " FROM sector_cell c JOIN sector_package p ON p.id = c.package_id"
                " GROUP BY c.period, c.area, c.category, p.organisation"
            )
        ).all()
    engine.dispose()
    return {(r[0], r[1], r[2], r[3]): float(r[4]) for r in rows}


def region_of_area(area: str) -> str | None:
    if area.startswith("regio:"):
        return area[6:]
    found = by_code(area)
    return found.region if found else None


def report_rows(report: Any, atoms: dict[Atom, float]) -> list[tuple[str, frozenset[Atom]]]:
    """Every published figure of a report as (kind, the atoms it sums), read from the
    report's sections by what their first column names (README: region, municipality,
    category label, period; a total and a rest row where the report has them)."""
    labels = {c.label: c.key for c in DEFAULT_CATEGORIES}
    covered = getattr(report, "periods", None)  # a report names the periods it covers
    if covered is not None:
        atoms = {a: h for a, h in atoms.items() if a[0] in covered}
    sections = {
        "per_region": lambda atom, group: (
            region_of_area(atom[1]) == group
            if group in {m for a in atoms if (m := region_of_area(a[1]))}
            else atom[1] == "NL"
        ),
        "per_municipality": lambda atom, group: (
            (found := by_code(atom[1])) is not None and found.name == group
        ),
        "per_category": lambda atom, group: atom[2] == labels.get(group, group),
        "per_period": lambda atom, group: atom[0] == group,
    }
    rows: list[tuple[str, frozenset[Atom]]] = []
    for name, member in sections.items():
        shown: set[Atom] = set()
        figures = list(getattr(report, name))
        if name == "per_region" and getattr(report, "not_by_area", None) is not None:
            figures.append(report.not_by_area)  # its group is no region: the NL cells
        for figure in figures:
            chosen = frozenset(a for a in atoms if member(a, figure.group))
            shown |= chosen
            rows += _by_kind(chosen, figure.hours)
        universe = _section_universe(report, name, atoms)
        rest = getattr(report, "rest", {}).get(name)
        if rest is not None:
            rows += _by_kind(frozenset(universe - shown), rest.hours)
        total = getattr(report, "total", None)
        if total is not None:
            rows += _by_kind(frozenset(atoms), total.hours)
    return rows


def _section_universe(report: Any, name: str, atoms: dict[Atom, float]) -> set[Atom]:
    """Every section's rest row is the total minus the section's other rows."""
    return set(atoms)


def _by_kind(chosen: frozenset[Atom], hours: dict[str, float]) -> list[tuple[str, frozenset[Atom]]]:
    return [
        (kind, frozenset(a for a in chosen if KIND.get(a[2]) == kind))
        for kind in hours
        if any(KIND.get(a[2]) == kind for a in chosen)
    ]


def report_findings(
    rows: list[tuple[str, frozenset[Atom]]], atoms: dict[Atom, float], targets: list[Any]
) -> list[str]:
    """Per kind: every set of atoms the published figures distinguish (atoms every published
    figure covers alike), and every named target, that is derivable from the figures (exact
    rank test) and not safe."""
    findings = []
    for kind in ("client", "indirect", "accountability", "other"):
        universe = sorted(a for a in atoms if KIND.get(a[2]) == kind)
        if not universe:
            continue
        index = {a: i for i, a in enumerate(universe)}
        published = [members for k, members in rows if k == kind and members]
        if not published:
            continue
        matrix = np.zeros((len(published), len(universe)))
        for r, members in enumerate(published):
            for a in members:
                matrix[r, index[a]] = 1.0
        rank = np.linalg.matrix_rank(matrix)
        signature: dict[tuple[int, ...], set[Atom]] = defaultdict(set)
        for a in universe:
            covered = tuple(int(matrix[r, index[a]]) for r in range(len(published)))
            if any(covered):
                signature[covered].add(a)
        candidates = [("class", frozenset(s)) for s in signature.values()]
        candidates += [(name, frozenset(a for a in group if a in index)) for name, group in targets]
        for name, group in candidates:
            if not group:
                continue
            by_org: dict[str, float] = defaultdict(float)
            for a in group:
                by_org[a[3]] += atoms[a]
            if safe(by_org):
                continue
            target = np.zeros(len(universe))
            for a in group:
                target[index[a]] = 1.0
            if np.linalg.matrix_rank(np.vstack([matrix, target])) == rank:
                shares = ", ".join(f"{h:.1f} h" for h in sorted(by_org.values(), reverse=True))
                findings.append(f"{kind}: {name} derivable, resting on {shares}")
    return findings


def group_targets(atoms: dict[Atom, float]) -> list[tuple[str, set[Atom]]]:
    """Every municipality, region, category and period the sector holds, whether the report
    shows it or not: the groups an attacker wants."""
    groups: dict[str, set[Atom]] = defaultdict(set)
    for a in atoms:
        groups[f"area {a[1]}"].add(a)
        region = region_of_area(a[1])
        if region:
            groups[f"region {region}"].add(a)
        groups[f"category {a[2]}"].add(a)
        groups[f"period {a[0]}"].add(a)
    return sorted(groups.items())


# -- building a sector from random organisations (harness) -------------------------------------


def write_package(
    org: list[Minutes], organisation_id: str, path: Path, k: int, directory: Path
) -> None:
    """The organisation's October package, made by regeldruk's own packaging code, by an
    organisation registered with (and trusted by) the sector in ``directory``."""
    from regeldruk.db.engine import Database, ensure_schema
    from regeldruk.sector import package_contributions, trust, write_export
    from regeldruk.sectorkeys import OrganisationKey, Registration
    from regeldruk.sectorprofile import make_profile, parse_period

    key = OrganisationKey.generate()
    sector = Database(f"sqlite:///{directory / 'sector.sqlite'}")
    ensure_schema(sector.engine)
    trust(sector, Registration(organisation_id, key.public_bytes))
    sector.dispose()
    minutes: dict[tuple[int, str | None, str, str], int] = defaultdict(int)
    for m in org:
        minutes[m.worker, m.municipality, m.category, m.kind] += m.minutes
    profile = make_profile("month", "municipality", k)
    october = parse_period("2026-10")
    write_export(package_contributions(minutes, organisation_id, profile, key, october), path)


def sector_reports(url: str) -> list[Any]:
    """The report over everything, and over each period on its own."""
    from regeldruk.db.engine import Database
    from regeldruk.sectorreport import build_sector_report

    db = Database(url)
    try:
        return [build_sector_report(db), build_sector_report(db, "2026-10")]
    finally:
        db.dispose()


@st.composite
def sectors(draw: st.DrawFn) -> list[list[Minutes]]:
    """Three to six organisations big enough to publish something."""
    return draw(st.lists(organisation(min_workers=8, max_workers=30), min_size=3, max_size=6))


@contextlib.contextmanager
def workspace(factory: pytest.TempPathFactory) -> Iterator[Path]:
    yield factory.mktemp("attack")


# -- the attacks ------------------------------------------------------------------------------


@ATTACK
@given(sectors())
def test_the_report_cannot_be_subtracted(
    tmp_path_factory: pytest.TempPathFactory, orgs: list[list[Minutes]]
) -> None:
    """Case 1 and its generalisation: region minus municipalities, all periods minus the
    shown categories, the sections against each other, several reports against each other,
    and (through the p% rule) any report against an organisation's own package."""
    with workspace(tmp_path_factory) as directory:
        findings = attack_report(directory, orgs)
        assert not findings, "\n".join(findings[:10])


def attack_report(directory: Path, orgs: list[list[Minutes]]) -> list[str]:
    sector = Sector(directory, k=5)
    for number, org in enumerate(orgs):
        path = directory / f"org{number}.zip"
        write_package(org, str(uuid.uuid4()), path, 5, directory)
        assert sector.import_one(path)
    atoms = sector_atoms(sector.url)
    rows = [row for report in sector_reports(sector.url) for row in report_rows(report, atoms)]
    return report_findings(rows, atoms, group_targets(atoms))


@settings(ATTACK, max_examples=100)
@given(organisation(min_workers=2, max_workers=24))
def test_no_suppressed_cell_is_bounded_within_one_package(
    tmp_path_factory: pytest.TempPathFactory, org: list[Minutes]
) -> None:
    """Case 5: linear programming on one package under the README's attacker model, with
    everything the manifest gives away."""
    with workspace(tmp_path_factory) as directory:
        path = directory / "org.zip"
        write_package(org, str(uuid.uuid4()), path, 5, directory)
        package = read_obtained(path, stage=0, order=0)
        findings = lp_attack(org, [package])
        assert not findings, "\n".join(map(str, findings[:10]))


@settings(ATTACK, max_examples=15)
@given(organisation(min_workers=8, max_workers=24, late=True))
def test_two_packages_of_one_organisation_cannot_be_differenced(
    tmp_path_factory: pytest.TempPathFactory, org: list[Minutes]
) -> None:
    """Cases 2, 3 and 4, generalised: every package the CLI will make for October (any
    period, any k, the default), before and after a late entry; any two are differenced
    and bounded together, and the sector database must never count a day twice."""
    with workspace(tmp_path_factory) as directory:
        findings, overlapping = attack_one_organisation(directory, org)
        assert not overlapping and not findings, "\n".join([*overlapping, *findings][:10])


def attack_one_organisation(
    directory: Path, org: list[Minutes], ratios: list[float] | None = None
) -> tuple[list[str], list[str]]:
    """(what the LP attacker found, overlapping packages in the sector database)."""
    sector = Sector(directory, k=5)
    url = org_database(directory / "org.sqlite", org, stage=0)
    organisation_ = Organisation(directory, url)
    sector.trust(organisation_.registration)
    obtained: list[Obtained] = []
    paths: list[Path] = []
    for stage in (0, 1):
        if stage == 1:
            org_database(directory / "org.sqlite", org, stage=1)
        for number, request in enumerate(EXPORT_REQUESTS):
            path = directory / f"s{stage}-r{number}.zip"
            if organisation_.export(path, request, sector):
                package = read_obtained(path, stage, len(obtained))
                seen = {p.export_id: p for p in obtained}
                if package.export_id in seen:  # the same package again: made back then
                    package.stage = seen[package.export_id].stage
                obtained.append(package)
                paths.append(path)
    assert obtained, "the CLI made no package at all"
    for path in paths:
        sector.import_one(path)
    return [str(f) for f in lp_attack(org, obtained, ratios)], _double_counted(sector.url)


def _double_counted(url: str) -> list[str]:
    """Packages of one organisation in the sector database whose periods overlap."""
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.connect() as connection:
        rows = connection.execute(
            text("SELECT organisation, period_from, period_to FROM sector_package")
        ).all()
    engine.dispose()
    overlaps = []
    for i, a in enumerate(rows):
        for b in rows[i + 1 :]:
            if a[0].lower() == b[0].lower() and a[1] <= b[2] and b[1] <= a[2]:
                overlaps.append(f"{a} overlaps {b}")
    return overlaps


def forged_package(path: Path, cells: list[tuple[str, str, str, str, int, float]]) -> Path:
    """A package written by hand from the README and SPEC, by someone with no key the
    sector trusts: the old format, and the signed format with a key of its own."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    lines = ["period,area,category,kind,workers,hours"] + [",".join(map(str, c)) for c in cells]
    body = ("\n".join(lines) + "\n").encode()
    manifest = {
        "schema": "regeldruk/sector-export@1",
        "export_id": str(uuid.uuid4()),
        "organisation": str(uuid.uuid4()),
        "period": {"from": "2026-10-01", "to": "2026-10-31", "label": "2026-10"},
        "generated_at": "2026-11-02T10:00:00+01:00",
        "k": 5,
        "taxonomy": "2026.1",
        "rows": len(cells),
        "sha256": hashlib.sha256(body).hexdigest(),
        "software": {"name": "regeldruk", "version": "0.1.0"},
    }
    members = {"cells.csv": body}
    if path.name.endswith("-v2.zip"):
        manifest["schema"] = "regeldruk/sector-export@2"
        manifest["profile"] = {"period": "month", "area": "municipality", "k": 5}
        raw = json.dumps(manifest).encode()
        key = Ed25519PrivateKey.generate()
        members["signature.ed25519"] = base64.b64encode(key.sign(raw))
        members["manifest.json"] = raw
    else:
        members["manifest.json"] = json.dumps(manifest).encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def altered(source: Path, target: Path, change: Any) -> Path:
    """The same package with its manifest changed (cells and checksum untouched)."""
    with zipfile.ZipFile(source) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    manifest = json.loads(members["manifest.json"])
    change(manifest)
    members["manifest.json"] = json.dumps(manifest).encode()
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return target


def _upper(manifest: dict[str, Any]) -> None:
    manifest["organisation"] = manifest["organisation"].upper()


def _other_period(manifest: dict[str, Any]) -> None:
    manifest["period"]["from"], manifest["period"]["to"] = "2026-09-01", "2026-09-30"
    if "label" in manifest["period"]:
        manifest["period"]["label"] = "2026-09"
    manifest["export_id"] = str(uuid.uuid4())


@settings(ATTACK, max_examples=10)
@given(organisation(min_workers=12, max_workers=24), sectors())
def test_forged_and_altered_packages_unlock_nothing(
    tmp_path_factory: pytest.TempPathFactory, lonely: list[Minutes], others: list[list[Minutes]]
) -> None:
    """Case 6: two fake organisations with 0 hours (and with a few minutes) in a
    municipality where only one real organisation works; the real package with its UUID in
    capitals; the real package with an altered manifest. Then the report is attacked."""
    with workspace(tmp_path_factory) as directory:
        accepted, findings = attack_forgeries(directory, lonely, others)
        assert not accepted and not findings, "\n".join([*accepted, *findings[:10]])


def attack_forgeries(
    directory: Path, lonely: list[Minutes], others: list[list[Minutes]]
) -> tuple[list[str], list[str]]:
    """(the forged or altered packages the sector accepted, what the report then gave)."""
    lonely = [
        Minutes(m.worker, m.day, "GM0344" if m.municipality else None, m.category, m.minutes)
        for m in lonely
    ]
    others = [[m for m in org if m.municipality != "GM0344"] for org in others]
    sector = Sector(directory, k=5)
    real = directory / "real.zip"
    write_package(lonely, str(uuid.uuid4()), real, 5, directory)
    assert sector.import_one(real)
    for number, org in enumerate(others):
        path = directory / f"other{number}.zip"
        write_package(org, str(uuid.uuid4()), path, 5, directory)
        assert sector.import_one(path)
    accepted = []
    for number in range(4):
        for hours in (0.0, 0.1):
            suffix = "-v2.zip" if number % 2 else "-v1.zip"
            name = f"fake{number}-{hours}{suffix}"
            cells = [("2026-10", "GM0344", key, KIND[key], 5, hours) for key in CATEGORIES[:5]]
            if sector.import_one(forged_package(directory / name, cells)):
                accepted.append(name)
    for change in (_upper, _other_period):
        path = altered(real, directory / f"altered-{change.__name__}.zip", change)
        if sector.import_one(path):
            accepted.append(path.name)
    # Two organisations that did register (the sector can't tell they are the attacker's)
    # send real, signed packages with a few minutes in the lonely municipality.
    for number in range(2):
        tiny = [
            Minutes(worker, OCTOBER[0], "GM0344", category, 5 + number)
            for worker in range(5)
            for category in CATEGORIES[:5]
        ]
        path = directory / f"registered-tiny{number}.zip"
        write_package(tiny, str(uuid.uuid4()), path, 5, directory)
        sector.import_one(path)  # accepted or not: the report must give nothing away
    atoms = sector_atoms(sector.url)
    rows = [row for report in sector_reports(sector.url) for row in report_rows(report, atoms)]
    return accepted, report_findings(rows, atoms, group_targets(atoms))
