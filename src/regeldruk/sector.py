"""Sector packages: export from an organisation, import and report in a sector database.

Nothing that leaves the organisation names a worker, a client or the organisation: the
package holds cells (period x area x category: distinct workers, hours) that passed the
checks of anonymise.py, and a manifest with the organisation's random UUID.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import math
import re
import uuid
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any, NoReturn

from sqlalchemy import and_, case, delete, func, insert, literal, select, text
from sqlalchemy.engine import Connection

from regeldruk import __version__
from regeldruk.anonymise import MIN_K, Contribution, Package, anonymise
from regeldruk.db.engine import Database
from regeldruk.db.schema import municipality, organisation, sector_cell, sector_package
from regeldruk.errors import RegeldrukError
from regeldruk.municipalities import by_code, regions
from regeldruk.reporting import Period, day_contributions
from regeldruk.taxonomy import DEFAULT_CATEGORIES, DEFAULT_VERSION, KINDS
from regeldruk.timeparse import now_utc

SCHEMA = "regeldruk/sector-export@1"
COLUMNS = ("period", "area", "category", "kind", "workers", "hours")
MANIFEST_KEYS = {
    "schema",
    "export_id",
    "organisation",
    "period",
    "generated_at",
    "k",
    "taxonomy",
    "rows",
    "sha256",
    "software",
}
MAX_PACKAGE_BYTES = 64 * 1024 * 1024
MAX_MEMBER_BYTES = 256 * 1024 * 1024
MAX_RATIO = 200  # uncompressed / compressed: more is a zip bomb
MIN_ORGANISATIONS = 3  # sector figures resting on fewer organisations are not shown
PERIOD_PATTERN = re.compile(r"\d{4}-(W\d{2}|\d{2}|Q[1-4])", re.ASCII)


class PackageError(RegeldrukError):
    """A sector package that can't be imported; the message says which file and why."""


# -- export ---------------------------------------------------------------------------------


@dataclass
class SectorExport:
    package: Package
    manifest: dict[str, Any]
    cells_csv: bytes


def build_export(db: Database, period: Period, k: int, now: datetime | None = None) -> SectorExport:
    """The package of the organisation in ``db`` for the days of ``period``."""
    if k < MIN_K:
        raise RegeldrukError(f"k = {k} is te klein: het minimum is {MIN_K} medewerkers per cel.")
    with db.transaction() as connection:
        org = connection.execute(select(organisation.c.uuid)).scalar()
        if org is None:
            raise RegeldrukError("Er is nog geen organisatie: voer eerst 'regeldruk init' uit.")
        rows = day_contributions(connection, period, now or now_utc())
    contributions = [
        Contribution(worker, day, code, key, kind, minutes)
        for day, worker, code, key, kind, minutes in rows
        if minutes > 0
    ]
    return package_contributions(contributions, str(org), period, k, now)


def package_contributions(
    contributions: list[Contribution],
    organisation_uuid: str,
    period: Period,
    k: int,
    now: datetime | None = None,
) -> SectorExport:
    """Anonymise contributions into cells.csv and its manifest."""
    package = anonymise(contributions, k)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for cell in package.published:
        writer.writerow(
            [
                cell.period,
                cell.area,
                cell.category,
                cell.kind,
                cell.workers,
                f"{cell.minutes / 60:.4f}",
            ]
        )
    cells_csv = buffer.getvalue().encode("utf-8")
    manifest = {
        "schema": SCHEMA,
        "export_id": str(uuid.uuid4()),
        "organisation": organisation_uuid,
        "period": {"from": period.first.isoformat(), "to": period.last.isoformat()},
        "generated_at": (now or now_utc()).isoformat(),
        "k": k,
        "taxonomy": DEFAULT_VERSION,
        "rows": len(package.published),
        "sha256": hashlib.sha256(cells_csv).hexdigest(),
        "software": {"name": "regeldruk", "version": __version__},
        "level": {"period": package.level[0], "area": package.level[1]},
        "suppressed_hours_share": round(package.suppressed_share, 4),
    }
    return SectorExport(package, manifest, cells_csv)


def write_export(export: SectorExport, path: Path) -> None:
    partial = path.with_name(path.name + ".deel")
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("manifest.json", json.dumps(export.manifest, indent=1))
        archive.writestr("cells.csv", export.cells_csv)
    partial.replace(path)


# -- reading a package ------------------------------------------------------------------------


@dataclass
class ReadPackage:
    path: Path
    manifest: dict[str, Any]
    rows: list[tuple[str, str, str, str, int, float]]
    cells_csv: bytes = b""


def read_package(path: Path, min_k: int, parse_rows: bool = True) -> ReadPackage:
    """Check everything before anything is written; one clear Dutch message when not.

    With ``parse_rows`` false (PostgreSQL) the cells are checked by the database after COPY,
    inside the same all-or-nothing transaction.
    """
    name = path.name

    def fail(reason: str) -> PackageError:
        return PackageError(f"{name}: {reason}; er is niets geïmporteerd.")

    try:
        size = path.stat().st_size
    except OSError as err:
        raise fail(f"kan het bestand niet lezen ({err.strerror})") from None
    if size > MAX_PACKAGE_BYTES:
        raise fail(f"groter dan {MAX_PACKAGE_BYTES // 1024 // 1024} MB")
    if not zipfile.is_zipfile(path):
        raise fail("geen sectorpakket (geen zip-bestand, of afgebroken)")
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            names = sorted(info.filename for info in infos)
            if names != ["cells.csv", "manifest.json"]:
                raise fail(f"verwacht precies manifest.json en cells.csv, niet {names[:5]}")
            for info in infos:
                if info.file_size > MAX_MEMBER_BYTES or (
                    info.compress_size and info.file_size / info.compress_size > MAX_RATIO
                ):
                    raise fail(f"{info.filename} is verdacht groot uitgepakt (zip-bom)")
            manifest_bytes = archive.read("manifest.json")
            cells_bytes = archive.read("cells.csv")
    except zipfile.BadZipFile as err:
        raise fail(f"beschadigd zip-bestand ({err})") from None
    except (EOFError, OSError, zipfile.LargeZipFile) as err:
        raise fail(f"afgebroken of onleesbaar ({err})") from None
    manifest = _manifest(manifest_bytes, fail)
    if hashlib.sha256(cells_bytes).hexdigest() != manifest["sha256"]:
        raise fail("de controlesom van cells.csv klopt niet (gewijzigd of beschadigd)")
    k = manifest["k"]
    if k < max(MIN_K, min_k):
        raise fail(f"k = {k}, deze sectordatabase eist minstens {max(MIN_K, min_k)}")
    if not parse_rows:
        lines = cells_bytes.count(b"\n") - (0 if cells_bytes.endswith(b"\n") else -1) - 1
        if lines != manifest["rows"]:
            raise fail(f"manifest noemt {manifest['rows']} regels, cells.csv heeft er {lines}")
        if not cells_bytes.startswith(",".join(COLUMNS).encode()):
            raise fail(f"cells.csv: verwacht de kolommen {', '.join(COLUMNS)}")
        return ReadPackage(path, manifest, [], cells_bytes)
    rows = _cells(cells_bytes, k, fail)
    if len(rows) != manifest["rows"]:
        raise fail(f"manifest noemt {manifest['rows']} regels, cells.csv heeft er {len(rows)}")
    return ReadPackage(path, manifest, rows)


def _manifest(raw: bytes, fail: Callable[[str], PackageError]) -> dict[str, Any]:
    try:
        manifest = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise fail("manifest.json is geen geldige JSON") from None
    if not isinstance(manifest, dict):
        raise fail("manifest.json is geen object")
    missing = sorted(MANIFEST_KEYS - set(manifest))
    if missing:
        raise fail(f"manifest.json mist '{missing[0]}'")
    if manifest["schema"] != SCHEMA:
        raise fail(f"onbekend schema '{manifest['schema']}', verwacht '{SCHEMA}'")
    for key in ("export_id", "organisation"):
        try:
            uuid.UUID(str(manifest[key]))
        except ValueError:
            raise fail(f"manifest.json: '{key}' is geen UUID") from None
    period = manifest["period"]
    if not isinstance(period, dict) or not all(
        isinstance(period.get(k), str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", period[k])
        for k in ("from", "to")
    ):
        raise fail("manifest.json: 'period' moet {from, to} als datums zijn")
    for key in ("k", "rows"):
        if (
            not isinstance(manifest[key], int)
            or isinstance(manifest[key], bool)
            or manifest[key] < 0
        ):
            raise fail(f"manifest.json: '{key}' moet een geheel getal zijn")
    if not isinstance(manifest["sha256"], str) or not re.fullmatch(
        r"[0-9a-f]{64}", manifest["sha256"]
    ):
        raise fail("manifest.json: 'sha256' is geen SHA-256")
    if not isinstance(manifest["generated_at"], str):
        raise fail("manifest.json: 'generated_at' moet een tijdstip zijn")
    return manifest


def _area_ok(area: str) -> bool:
    if area == "NL":
        return True
    if area.startswith("regio:"):
        return area[6:] in regions()
    return by_code(area) is not None


def _cells(
    raw: bytes, k: int, fail: Callable[[str], PackageError]
) -> list[tuple[str, str, str, str, int, float]]:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise fail("cells.csv is geen UTF-8") from None
    reader = csv.reader(io.StringIO(text))
    header = next(reader, None)
    if header is None or tuple(header[: len(COLUMNS)]) != COLUMNS:
        raise fail(f"cells.csv: verwacht de kolommen {', '.join(COLUMNS)}")
    rows: list[tuple[str, str, str, str, int, float]] = []
    for number, row in enumerate(reader, start=2):
        if len(row) < len(COLUMNS):
            raise fail(f"cells.csv regel {number}: te weinig kolommen")
        period, area, category, kind, workers_text, hours_text = row[: len(COLUMNS)]
        try:
            workers, hours = int(workers_text), float(hours_text)
        except ValueError:
            raise fail(f"cells.csv regel {number}: workers en hours moeten getallen zijn") from None
        if not PERIOD_PATTERN.fullmatch(period):
            raise fail(f"cells.csv regel {number}: periode '{period[:20]}' onbekend")
        if not _area_ok(area):
            raise fail(f"cells.csv regel {number}: gebied '{area[:40]}' onbekend")
        if kind not in KINDS or not category or len(category) > 60:
            raise fail(f"cells.csv regel {number}: categorie of soort ongeldig")
        if workers < k:
            raise fail(f"cells.csv regel {number}: {workers} medewerkers, minder dan k = {k}")
        if not math.isfinite(hours) or hours < 0:
            raise fail(f"cells.csv regel {number}: uren ongeldig")
        rows.append((period, area, category, kind, workers, hours))
    return rows


# -- import -----------------------------------------------------------------------------------


def import_packages(
    db: Database,
    paths: list[Path],
    min_k: int = 10,
    progress: Callable[[int], None] | None = None,
) -> list[str]:
    """All packages or none: every file is checked first, then all go in one transaction.

    On PostgreSQL the cells go in with COPY as they come and the database checks all of
    them in one pass at the end, still inside the transaction (check_copied_cells).
    """
    on_postgres = db.dialect == "postgresql"
    packages = [read_package(path, min_k, parse_rows=not on_postgres) for path in paths]
    messages: list[str] = []
    with db.transaction() as connection:
        copied: dict[int, ReadPackage] = {}
        for number, package in enumerate(packages, start=1):
            message, package_id = _import_one(connection, package)
            messages.append(message)
            if package_id is not None and package.cells_csv:
                copy_cells(connection, package_id, package)
                copied[package_id] = package
            elif package_id is not None:
                bulk_insert_cells(connection, package_id, package.rows)
            if progress:
                progress(number)
        check_copied_cells(connection, copied)
    return messages


def _import_one(connection: Connection, package: ReadPackage) -> tuple[str, int | None]:
    """Register the package (replacing an older one); its id when its cells should go in,
    None when it is already there or older than the one there."""
    manifest = package.manifest
    name = package.path.name
    if connection.execute(
        select(sector_package.c.id).where(sector_package.c.export_id == manifest["export_id"])
    ).first():
        return f"{name}: al geïmporteerd; niets gewijzigd.", None
    same = connection.execute(
        select(sector_package.c.id, sector_package.c.generated_at).where(
            sector_package.c.organisation == manifest["organisation"],
            sector_package.c.period_from == manifest["period"]["from"],
            sector_package.c.period_to == manifest["period"]["to"],
        )
    ).first()
    replaced = ""
    if same is not None:
        if same.generated_at >= manifest["generated_at"]:
            return (
                f"{name}: er is al een nieuwer pakket van deze organisatie en periode; "
                "overgeslagen."
            ), None
        connection.execute(delete(sector_cell).where(sector_cell.c.package_id == same.id))
        connection.execute(delete(sector_package).where(sector_package.c.id == same.id))
        replaced = " (vervangt een ouder pakket van dezelfde organisatie en periode)"
    package_id = int(
        connection.execute(
            insert(sector_package).values(
                export_id=manifest["export_id"],
                organisation=manifest["organisation"],
                period_from=manifest["period"]["from"],
                period_to=manifest["period"]["to"],
                generated_at=manifest["generated_at"],
                k=manifest["k"],
                rows=manifest["rows"],
                sha256=manifest["sha256"],
                software=str(manifest["software"])[:60],
                imported_at=now_utc(),
            )
        ).inserted_primary_key[0]  # type: ignore[index]
    )
    return f"{name}: {manifest['rows']} cellen geïmporteerd{replaced}.", package_id


def copy_cells(connection: Connection, package_id: int, package: ReadPackage) -> None:
    """PostgreSQL: COPY cells.csv as it is, with the package id in front of every line.

    COPY's WHERE skips every cell that breaks a per-cell rule; fewer cells in than the
    manifest promises means a wrong cell, and the import stops. Periods and areas, which
    need a lookup, are checked afterwards (check_copied_cells).
    """
    body = package.cells_csv.partition(b"\n")[2].rstrip(b"\n")
    if not body:
        return
    prefix = b"%d," % package_id
    data = prefix + body.replace(b"\n", b"\n" + prefix) + b"\n"
    k = int(package.manifest["k"])
    raw = connection.connection.driver_connection
    assert raw is not None
    try:
        with raw.cursor() as cursor:
            with cursor.copy(
                "COPY sector_cell (package_id, period, area, category, kind, workers, hours) "
                "FROM STDIN WITH (FORMAT csv) "
                f"WHERE workers >= {k} AND hours >= 0 AND hours < 'Infinity'::float8"
                " AND category <> '' AND kind IN ('client', 'indirect', 'accountability', 'other')"
            ) as copy:
                copy.write(data)
            copied = cursor.rowcount
    except Exception as err:  # psycopg's DataError and friends: a malformed cell
        detail = str(err).splitlines()[0][:120]
        raise PackageError(
            f"{package.path.name}: cells.csv is ongeldig ({detail}); er is niets geïmporteerd."
        ) from None
    if copied != body.count(b"\n") + 1:
        raise_for_wrong_cell(package)


def check_copied_cells(connection: Connection, copied: dict[int, ReadPackage]) -> None:
    """Check the period and area of every copied cell in one pass; a wrong one raises.

    One grouped scan over all new cells: per package and period, whether any area is
    unknown. The period pattern is then checked on those few thousand groups.
    """
    if not copied:
        return
    groups = connection.execute(
        text(
            "SELECT c.package_id, c.period, bool_or(NOT (c.area = 'NL'"
            "   OR (c.area LIKE 'regio:%'"
            "       AND substr(c.area, 7) IN (SELECT region FROM municipality))"
            "   OR c.area IN (SELECT code FROM municipality))) AS unknown_area"
            " FROM sector_cell c WHERE c.package_id = ANY(:ids) GROUP BY c.package_id, c.period"
        ),
        {"ids": list(copied)},
    ).all()
    for group in groups:
        if group.unknown_area or not PERIOD_PATTERN.fullmatch(group.period):
            raise_for_wrong_cell(copied[group.package_id])


def raise_for_wrong_cell(package: ReadPackage) -> NoReturn:
    """The database found a wrong cell: read the package in Python to name it."""
    name = package.path.name

    def fail(reason: str) -> PackageError:
        return PackageError(f"{name}: {reason}; er is niets geïmporteerd.")

    _cells(package.cells_csv, package.manifest["k"], fail)
    raise fail("cells.csv bevat cellen die niet aan de regels voldoen")


def bulk_insert_cells(
    connection: Connection, package_id: int, rows: list[tuple[str, str, str, str, int, float]]
) -> None:
    """COPY on PostgreSQL, executemany elsewhere; never row by row."""
    if connection.dialect.name == "postgresql":
        raw = connection.connection.driver_connection
        assert raw is not None
        with (
            raw.cursor() as cursor,
            cursor.copy(
                "COPY sector_cell (package_id, period, area, category, kind, workers, hours) "
                "FROM STDIN"
            ) as copy,
        ):
            for row in rows:
                copy.write_row((package_id, *row))
        return
    if rows:
        connection.execute(
            insert(sector_cell),
            [
                {
                    "package_id": package_id,
                    "period": p,
                    "area": a,
                    "category": c,
                    "kind": k,
                    "workers": w,
                    "hours": h,
                }
                for p, a, c, k, w, h in rows
            ],
        )


# -- report -----------------------------------------------------------------------------------


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
        return self.hours["accountability"] / self.total if self.total else None

    @property
    def paperwork_ratio(self) -> float | None:
        client = self.hours["client"]
        return self.hours["accountability"] * 60 / client if client else None


@dataclass
class SectorReport:
    packages: int
    organisations: int
    per_region: list[SectorFigure]
    per_municipality: list[SectorFigure]
    per_category: list[SectorFigure]
    per_period: list[SectorFigure]
    hidden: int  # groups not shown: fewer than MIN_ORGANISATIONS organisations


def _figures(
    connection: Connection, group_by: Any, where: Any = None
) -> tuple[list[SectorFigure], int]:
    """Hours per kind per group, with the number of organisations; SQL does the summing.

    First per group and organisation, then per group: counting the organisations is then
    a count of rows, where count(DISTINCT ...) would sort all cells (3 s -> 1 s for
    3 million).
    """
    kind_sums = [
        func.sum(case((sector_cell.c.kind == kind, sector_cell.c.hours), else_=0.0)).label(kind)
        for kind in KINDS
    ]
    per_organisation = (
        select(group_by.label("grp"), *kind_sums)
        .select_from(sector_cell)
        .join(sector_package, sector_package.c.id == sector_cell.c.package_id)
        .outerjoin(municipality, municipality.c.code == sector_cell.c.area)
        .group_by(group_by, sector_package.c.organisation)
    )
    if where is not None:
        per_organisation = per_organisation.where(where)
    inner = per_organisation.subquery("per_organisation")
    query = (
        select(
            inner.c.grp,
            *(func.sum(inner.c[kind]).label(kind) for kind in KINDS),
            func.count().label("orgs"),
        )
        .group_by(inner.c.grp)
        .order_by(inner.c.grp)
    )
    shown, hidden = [], 0
    for row in connection.execute(query):
        if row.orgs < MIN_ORGANISATIONS:
            hidden += 1
            continue
        shown.append(
            SectorFigure(str(row.grp), {k: float(getattr(row, k) or 0) for k in KINDS}, row.orgs)
        )
    return shown, hidden


def build_sector_report(db: Database) -> SectorReport:
    region = case(
        (sector_cell.c.area.like("regio:%"), func.substr(sector_cell.c.area, 7)),
        (sector_cell.c.area == "NL", literal("NL (niet naar gebied uit te splitsen)")),
        else_=func.coalesce(municipality.c.region, literal("onbekend")),
    )
    with db.transaction() as connection:
        packages = connection.execute(select(func.count()).select_from(sector_package)).scalar()
        orgs = connection.execute(
            select(func.count(func.distinct(sector_package.c.organisation)))
        ).scalar()
        per_region, h1 = _figures(connection, region)
        per_municipality, h2 = _figures(
            connection,
            func.coalesce(municipality.c.name, sector_cell.c.area),
            and_(sector_cell.c.area.like("GM%")),
        )
        per_category, h3 = _figures(connection, sector_cell.c.category)
        per_period, h4 = _figures(connection, sector_cell.c.period)
    # Categories travel as keys; show the taxonomy's label where the key is one of ours.
    labels = {c.key: c.label for c in DEFAULT_CATEGORIES}
    per_category = sorted(
        (replace(f, group=labels.get(f.group, f.group)) for f in per_category),
        key=lambda f: -f.total,
    )
    return SectorReport(
        int(packages or 0),
        int(orgs or 0),
        per_region,
        per_municipality,
        per_category,
        per_period,
        h1 + h2 + h3 + h4,
    )
