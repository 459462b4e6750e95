"""The sector report: hours per region, municipality, category and period that no
combination of its figures can take apart (issue #12), and that add up to one total on
every sheet (issue #19).

A figure is shown when it rests on at least 3 organisations and passes the p% rule (the
organisations other than the two largest bring at least P of the largest's hours), for
each kind of hours it has. The report's figures form a hierarchy per period: the total;
regions (their municipalities and region-level cells), the part without an area, and
municipalities; the total per kind and its categories. In such a hierarchy the smallest
things a reader can compute are, for each shown figure, what remains after taking away
its shown parts; each of those remainders must pass the same rule, and while one does
not, its smallest shown part is hidden too.

Suppression is decided per grid period on that period's data alone, and a figure appears
in a report over several periods only when it may be shown in every one of them. So any
report, set against any other report over other periods, gives nothing that the
per-period decisions did not allow (the remainders only ever add up passing parts).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select, text

from regeldruk.anonymise import P
from regeldruk.db.engine import Database
from regeldruk.db.schema import sector_package
from regeldruk.municipalities import by_code
from regeldruk.sectorprofile import ProfileError, dutch_span, parse_period
from regeldruk.taxonomy import DEFAULT_CATEGORIES, KINDS

MIN_ORGANISATIONS = 3
EPSILON = 1e-6

ByOrg = dict[str, float]  # organisation -> hours
ByKind = dict[str, ByOrg]  # kind -> organisation -> hours


def passes(by_org: Mapping[str, float]) -> bool:
    """At least 3 organisations and the p% rule; nothing at all passes too."""
    parts = sorted((h for h in by_org.values() if h > EPSILON), reverse=True)
    if not parts:
        return True
    return len(parts) >= MIN_ORGANISATIONS and sum(parts[2:]) >= P * parts[0] - EPSILON


def _add(target: ByKind, source: ByKind, sign: float = 1.0) -> None:
    for kind, by_org in source.items():
        into = target.setdefault(kind, {})
        for org, hours in by_org.items():
            into[org] = into.get(org, 0.0) + sign * hours


def _empty(hours: ByKind) -> bool:
    return all(h <= EPSILON for by_org in hours.values() for h in by_org.values())


def _failing_kind(hours: ByKind) -> str | None:
    for kind in KINDS:
        if not passes(hours.get(kind, {})):
            return kind
    return None


@dataclass
class _Node:
    parent: str | None
    hours: ByKind = field(default_factory=dict)


def _shown(nodes: dict[str, _Node]) -> set[str] | None:
    """The nodes of one period's hierarchy that may be shown; None when the root may not."""
    shown = {
        name for name, n in nodes.items() if not _empty(n.hours) and not _failing_kind(n.hours)
    }
    if "" not in shown:
        return None

    def nearest_shown_ancestor(name: str) -> str:
        parent = nodes[name].parent
        while parent is not None and parent not in shown:
            parent = nodes[parent].parent
        assert parent is not None  # the root is shown
        return parent

    while True:
        children: dict[str, list[str]] = defaultdict(list)
        for name in shown - {""}:
            children[nearest_shown_ancestor(name)].append(name)
        victim = None
        for name in sorted(shown):
            remainder: ByKind = {}
            _add(remainder, nodes[name].hours)
            for child in children[name]:
                _add(remainder, nodes[child].hours, -1.0)
            kind = _failing_kind(remainder)
            if kind is None:
                continue
            candidates = [c for c in children[name] if _total(nodes[c].hours, kind) > EPSILON]
            victim = min(candidates, key=lambda c: (_total(nodes[c].hours, kind), c))
            break
        if victim is None:
            return shown
        shown.discard(victim)


def _total(hours: ByKind, kind: str | None = None) -> float:
    kinds = [kind] if kind else list(hours)
    return sum(h for k in kinds for h in hours.get(k, {}).values())


@dataclass(frozen=True)
class SectorFigure:
    group: str
    hours: dict[str, float]
    organisations: int

    @property
    def total(self) -> float:
        return sum(self.hours.values())

    @property
    def accountability_share(self) -> float | None:
        return self.hours["accountability"] / self.total if self.total > EPSILON else None

    @property
    def paperwork_ratio(self) -> float | None:
        client = self.hours["client"]
        return self.hours["accountability"] * 60 / client if client > EPSILON else None


@dataclass
class SectorReport:
    periods: list[str]  # the grid periods the figures cover
    packages: int
    organisations: int
    per_region: list[SectorFigure]
    not_by_area: SectorFigure | None  # hours logged without a municipality
    per_municipality: list[SectorFigure]
    per_category: list[SectorFigure]
    per_period: list[SectorFigure]
    rest: dict[str, SectorFigure]  # per section: what could not be shown apart, together
    total: SectorFigure
    hidden: int  # groups not shown apart
    left_out_periods: list[str] = field(default_factory=list)  # too few organisations
    old_packages: int = 0  # packages of the old format, which no report counts
    municipality_cells: bool = False  # whether any package publishes per municipality

    @property
    def span(self) -> str:
        return dutch_span(self.periods)


LABELS = {c.key: c.label for c in DEFAULT_CATEGORIES}
KIND_OF = {c.key: c.kind for c in DEFAULT_CATEGORIES}
NOT_BY_AREA = "Niet aan een gemeente toe te wijzen"


def _area_nodes(rows: Iterable[tuple[str, str, str, float]]) -> dict[str, _Node]:
    """Root '', regions 'region:X', 'NL', municipalities 'municipality:GM....'."""
    nodes: dict[str, _Node] = {"": _Node(None)}
    for area, kind, org, hours in rows:
        path: list[str] = [""]
        if area == "NL":
            path.append("NL")
        elif area.startswith("regio:"):
            path.append(f"region:{area[6:]}")
        else:
            found = by_code(area)
            region = found.region if found else "onbekend"
            path += [f"region:{region}", f"municipality:{area}"]
        for depth, name in enumerate(path):
            node = nodes.setdefault(name, _Node(path[depth - 1] if depth else None))
            by_org = node.hours.setdefault(kind, {})
            by_org[org] = by_org.get(org, 0.0) + hours
    return nodes


def _category_nodes(rows: Iterable[tuple[str, str, float]]) -> dict[str, _Node]:
    nodes: dict[str, _Node] = {"": _Node(None)}
    for category, org, hours in rows:
        kind = KIND_OF.get(category, "other")
        for name in ("", f"category:{category}"):
            node = nodes.setdefault(name, _Node("" if name else None))
            by_org = node.hours.setdefault(kind, {})
            by_org[org] = by_org.get(org, 0.0) + hours
    return nodes


def _span_periods(available: list[str], span: str | None) -> list[str]:
    """The grid periods of the database inside ``span`` (a month, quarter or year)."""
    if span is None:
        return sorted(available, key=lambda p: parse_period(p).first)
    span = span.strip()
    if len(span) == 4 and span.isascii() and span.isdigit():
        first, last = parse_period(f"{span}-01").first, parse_period(f"{span}-12").last
    else:
        try:
            wanted = parse_period(span)
        except ProfileError:
            raise ProfileError(
                f"Periode '{span[:20]}' onbekend: kies een maand (2026-10), een kwartaal "
                "(2026-Q4) of een jaar (2026)."
            ) from None
        first, last = wanted.first, wanted.last
    inside = [
        p for p in available if first <= parse_period(p).first <= parse_period(p).last <= last
    ]
    return sorted(inside, key=lambda p: parse_period(p).first)


def build_sector_report(db: Database, span: str | None = None) -> SectorReport:
    with db.transaction() as connection:
        available = [
            str(p)
            for p in connection.scalars(
                select(sector_package.c.period)
                .where(sector_package.c.schema_version == 2)
                .distinct()
            )
        ]
        periods = _span_periods(available, span)
        old = connection.execute(
            select(func.count()).where(sector_package.c.schema_version != 2)
        ).scalar()
        area_rows: dict[str, list[tuple[str, str, str, float]]] = defaultdict(list)
        category_rows: dict[str, list[tuple[str, str, float]]] = defaultdict(list)
        packages = 0
        if periods:
            params = {"periods": periods}
            where = "p.schema_version = 2 AND p.period IN :periods"
            for period, area, kind, org, hours in connection.execute(
                text(
                    "SELECT c.period, c.area, c.kind, p.organisation, sum(c.hours)"
                    " FROM sector_cell c JOIN sector_package p ON p.id = c.package_id"
                    f" WHERE {where} GROUP BY c.period, c.area, c.kind, p.organisation"
                ).bindparams(_expanding()),
                params,
            ):
                area_rows[period].append((area, kind, org, float(hours)))
            for period, category, org, hours in connection.execute(
                text(
                    "SELECT c.period, c.category, p.organisation, sum(c.hours)"
                    " FROM sector_cell c JOIN sector_package p ON p.id = c.package_id"
                    f" WHERE {where} GROUP BY c.period, c.category, p.organisation"
                ).bindparams(_expanding()),
                params,
            ):
                category_rows[period].append((category, org, float(hours)))
            packages = int(
                connection.execute(
                    text(f"SELECT count(*) FROM sector_package p WHERE {where}").bindparams(
                        _expanding()
                    ),
                    params,
                ).scalar()
                or 0
            )
    return _assemble(periods, area_rows, category_rows, packages, int(old or 0))


def _expanding() -> Any:
    from sqlalchemy import bindparam

    return bindparam("periods", expanding=True)


@dataclass
class _Period:
    """One grid period's two hierarchies and what of them may be shown."""

    label: str
    areas: dict[str, _Node]
    shown_areas: set[str]
    categories: dict[str, _Node]
    shown_categories: set[str]


def _decide(
    periods: list[str], area_rows: Any, category_rows: Any
) -> tuple[list[_Period], list[str]]:
    decided, left_out = [], []
    for period in periods:
        areas = _area_nodes(area_rows.get(period, []))
        categories = _category_nodes(category_rows.get(period, []))
        shown_areas = _shown(areas)
        shown_categories = _shown(categories)
        if shown_areas is None or shown_categories is None:
            left_out.append(period)
            continue
        decided.append(_Period(period, areas, shown_areas, categories, shown_categories))
    return decided, left_out


def _shown_in_all(decided: list[_Period], areas: bool) -> set[str]:
    """Nodes shown (or empty) in every period."""

    def parts(entry: _Period) -> tuple[dict[str, _Node], set[str]]:
        if areas:
            return entry.areas, entry.shown_areas
        return entry.categories, entry.shown_categories

    names = {name for entry in decided for name in parts(entry)[0]}
    result = set()
    for name in names:
        if all(
            name in parts(entry)[1]
            or name not in parts(entry)[0]
            or _empty(parts(entry)[0][name].hours)
            for entry in decided
        ):
            result.add(name)
    return result


def _summed(decided: list[_Period], areas: bool, name: str) -> ByKind:
    hours: ByKind = {}
    for entry in decided:
        node = (entry.areas if areas else entry.categories).get(name)
        if node is not None:
            _add(hours, node.hours)
    return hours


def _figure(group: str, hours: ByKind) -> SectorFigure:
    orgs = {o for by_org in hours.values() for o, h in by_org.items() if h > EPSILON}
    return SectorFigure(group, {k: max(0.0, _total(hours, k)) for k in KINDS}, len(orgs))


def _rest(parts: list[SectorFigure], hours: ByKind, label: str) -> SectorFigure | None:
    left = {k: _total(hours, k) - sum(f.hours[k] for f in parts) for k in KINDS}
    if all(abs(v) <= EPSILON for v in left.values()):
        return None
    return SectorFigure(label, {k: max(0.0, v) for k, v in left.items()}, 0)


def _assemble(
    periods: list[str],
    area_rows: Mapping[str, list[tuple[str, str, str, float]]],
    category_rows: Mapping[str, list[tuple[str, str, float]]],
    packages: int,
    old: int,
) -> SectorReport:
    """Decide per period, then add up over the periods where everything may be shown."""
    decided, left_out = _decide(periods, area_rows, category_rows)
    shown_areas = _shown_in_all(decided, areas=True)
    shown_categories = _shown_in_all(decided, areas=False)
    total_hours = _summed(decided, True, "")
    total = _figure("Totaal", total_hours)
    per_region = [
        _figure(n[7:], _summed(decided, True, n))
        for n in sorted(shown_areas)
        if n.startswith("region:")
    ]
    not_by_area = None
    if "NL" in shown_areas and not _empty(_summed(decided, True, "NL")):
        not_by_area = _figure(NOT_BY_AREA, _summed(decided, True, "NL"))
    per_municipality = sorted(
        (
            _figure(_municipality_name(n[13:]), _summed(decided, True, n))
            for n in shown_areas
            if n.startswith("municipality:")
        ),
        key=lambda f: f.group,
    )
    per_category = sorted(
        (
            _figure(LABELS.get(n[9:], n[9:]), _summed(decided, False, n))
            for n in shown_categories
            if n
        ),
        key=lambda f: (-f.total, f.group),
    )
    per_period = [_figure(entry.label, entry.areas[""].hours) for entry in decided]
    apart = "Niet apart te tonen (samen)"
    rests = {
        "per_region": _rest(
            per_region + ([not_by_area] if not_by_area else []), total_hours, apart
        ),
        "per_municipality": _rest(
            per_municipality, total_hours, "Niet per gemeente te tonen (samen)"
        ),
        "per_category": _rest(per_category, total_hours, apart),
    }
    groups = {n for entry in decided for n in (*entry.areas, *entry.categories) if n}
    return SectorReport(
        periods=[entry.label for entry in decided],
        packages=packages,
        organisations=total.organisations,
        per_region=per_region,
        not_by_area=not_by_area,
        per_municipality=per_municipality,
        per_category=per_category,
        per_period=per_period,
        rest={k: v for k, v in rests.items() if v is not None},
        total=total,
        hidden=len(groups - shown_areas - shown_categories),
        left_out_periods=left_out,
        old_packages=old,
        municipality_cells=any(
            n.startswith("municipality:") for entry in decided for n in entry.areas
        ),
    )


def _municipality_name(code: str) -> str:
    found = by_code(code)
    return found.name if found else code
