"""Sector packages: export from an organisation, checked import into a sector database.

Nothing that leaves the organisation names a worker, a client or the organisation: a
package holds the cells of one period of the sector's grid (area x category: distinct
workers, hours with cell-key noise) that passed anonymise.py, a manifest with the
organisation's random id, and the organisation's signature over the manifest, which
names the SHA-256 of the cells (``regeldruk/sector-export@2``, README "For sector
bodies"). The report lives in sectorreport.py.
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
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, NoReturn

from sqlalchemy import insert, select, text
from sqlalchemy.engine import Connection

from regeldruk import __version__
from regeldruk.anonymise import NOISE, Package, anonymise
from regeldruk.db.engine import Database
from regeldruk.db.schema import (
    organisation,
    sector_cell,
    sector_export,
    sector_export_minutes,
    sector_member,
    sector_package,
    sector_setting,
)
from regeldruk.errors import RegeldrukError, quote
from regeldruk.municipalities import all_municipalities, regions
from regeldruk.reporting import Period, day_contributions
from regeldruk.sectorkeys import (
    OrganisationKey,
    Registration,
    decode_base64,
    is_canonical_uuid,
    verify,
)
from regeldruk.sectorprofile import (
    MAX_K,
    MIN_K,
    GridPeriod,
    Profile,
    ProfileError,
    make_profile,
    parse_period,
)
from regeldruk.taxonomy import DEFAULT_CATEGORIES, DEFAULT_VERSION
from regeldruk.timeparse import now_utc

SCHEMA = "regeldruk/sector-export@2"
OLD_SCHEMA = "regeldruk/sector-export@1"
COLUMNS = ("period", "area", "category", "kind", "workers", "hours")
SIGNATURE = "signature.ed25519"
MEMBER_LIMITS = {"manifest.json": 64 * 1024, "cells.csv": 256 * 1024 * 1024, SIGNATURE: 1024}
MAX_PACKAGE_BYTES = 64 * 1024 * 1024
MAX_RATIO = 200  # uncompressed / compressed: more is a zip bomb
MAX_WORKERS = 100_000
MAX_ROWS = 2_000_000
MAX_CORRECTIONS = 120
NOISE_DECLARED = {"method": "cell-key", "p": round(NOISE, 6)}
MANIFEST_KEYS = {
    "schema",
    "export_id",
    "organisation",
    "period",
    "profile",
    "generated_at",
    "k",
    "taxonomy",
    "rows",
    "sha256",
    "software",
    "noise",
    "corrections",
}
# The taxonomies a package may use, by version: category -> kind. Version 2026.2 (taxonomy
# v2) kept every key of 2026.1 with its kind, so a 2026.1 package is read as the subset.
TAXONOMY_2026_1 = (
    *("client-face", "client-remote", "client-group", "netwerk", "casusoverleg", "dossier"),
    *("voorbereiding", "rapportage", "toewijzing", "verlenging", "declaratie"),
    *("tijdregistratie", "gegevenslevering", "reistijd", "scholing", "teamoverleg", "overig"),
)
SECTOR_TAXONOMIES = {DEFAULT_VERSION: {c.key: c.kind for c in DEFAULT_CATEGORIES}}
SECTOR_TAXONOMIES["2026.1"] = {
    key: kind for key, kind in SECTOR_TAXONOMIES[DEFAULT_VERSION].items() if key in TAXONOMY_2026_1
}
_COUNT = re.compile(r"[0-9]{1,9}", re.ASCII)
_HOURS = re.compile(r"[0-9]{1,9}(\.[0-9]{1,6})?", re.ASCII)


class PackageError(RegeldrukError):
    """A sector package that can't be imported; the message says which file and why."""


# -- the sector's settings --------------------------------------------------------------------


def sector_profile(connection: Connection) -> Profile | None:
    value = connection.execute(
        select(sector_setting.c.value).where(sector_setting.c.key == "profile")
    ).scalar()
    if value is None:
        return None
    raw = json.loads(value)
    return make_profile(raw["period"], raw["area"], raw["k"])


def require_profile(connection: Connection) -> Profile:
    profile = sector_profile(connection)
    if profile is None:
        raise RegeldrukError(
            "Deze sectordatabase heeft nog geen sectorprofiel: stel het in met "
            "'regeldruk sector profile --period month --area region --k 10'."
        )
    return profile


def set_sector_profile(db: Database, profile: Profile) -> Profile | None:
    """Store the profile; the previous one, if it differed."""
    with db.transaction() as connection:
        previous = sector_profile(connection)
        value = json.dumps(profile.to_json())
        if previous is None:
            connection.execute(insert(sector_setting).values(key="profile", value=value))
        else:
            connection.execute(
                sector_setting.update().where(sector_setting.c.key == "profile"),
                {"value": value},
            )
    return previous if previous != profile else None


def trust(db: Database, registration: Registration, replace: bool = False) -> str:
    """Record an organisation's public key; a different key for a known id only with
    ``replace`` (a key the organisation lost or replaced)."""
    import base64

    public = base64.b64encode(registration.public_key).decode()
    with db.transaction() as connection:
        known = connection.execute(
            select(sector_member.c.public_key).where(
                sector_member.c.organisation == registration.organisation
            )
        ).scalar()
        if known == public:
            return "al vertrouwd; niets gewijzigd"
        if known is not None and not replace:
            raise RegeldrukError(
                f"Organisatie {registration.organisation} is al vertrouwd met een andere "
                "sleutel; gebruik --replace als de organisatie een nieuwe sleutel heeft."
            )
        if known is not None:
            connection.execute(
                sector_member.update().where(
                    sector_member.c.organisation == registration.organisation
                ),
                {"public_key": public, "trusted_at": now_utc()},
            )
            return "sleutel vervangen"
        connection.execute(
            insert(sector_member).values(
                organisation=registration.organisation, public_key=public, trusted_at=now_utc()
            )
        )
    return "vertrouwd"


def trusted_keys(connection: Connection) -> dict[str, bytes]:
    import base64

    return {
        row.organisation: base64.b64decode(row.public_key)
        for row in connection.execute(select(sector_member))
    }


# -- export -----------------------------------------------------------------------------------

Minutes = tuple[int, str | None, str, str]  # worker, municipality, category, kind


@dataclass
class SectorExport:
    manifest: dict[str, Any]
    cells_csv: bytes
    data: bytes  # the zip, as it is written and stored
    package: Package | None = None  # None when an earlier package is sent again
    repeated: bool = False
    carried: dict[str, dict[Minutes, int]] = field(default_factory=dict)


def build_export(
    db: Database,
    profile: Profile,
    key: OrganisationKey,
    period: GridPeriod,
    tz: str,
    now: datetime | None = None,
) -> SectorExport:
    """The organisation's package for one period of the grid.

    A period that was sent before is sent again exactly as it was (never a second version
    that could be set against the first). Whatever was logged for earlier sent periods
    after they were sent goes into this package as a correction, under this period.
    """
    moment = now or now_utc()
    if period.kind != profile.period:
        raise RegeldrukError(
            f"Het sectorprofiel vraagt pakketten per {_kind_name(profile.period)}, "
            f"niet per {_kind_name(period.kind)} ({period.label})."
        )
    today = moment.astimezone(_zone(tz)).date()
    if period.last >= today:
        raise RegeldrukError(
            f"Periode {period.label} is nog niet voorbij: een pakket kan pas daarna "
            "(wat later nog wordt geregistreerd, gaat mee in het volgende pakket)."
        )
    with db.transaction() as connection:
        org = connection.execute(select(organisation.c.uuid)).scalar()
        if org is None:
            raise RegeldrukError("Er is nog geen organisatie: voer eerst 'regeldruk init' uit.")
        stored = connection.execute(
            select(sector_export).where(sector_export.c.period == period.label)
        ).first()
        if stored is not None:
            return _stored(stored.package)
        sent = connection.execute(
            select(sector_export.c.period, sector_export.c.period_from, sector_export.c.period_to)
        ).all()
        for row in sent:
            if (
                row.period_from <= period.last.isoformat()
                and period.first.isoformat() <= row.period_to
            ):
                raise RegeldrukError(
                    f"Periode {period.label} overlapt met het al verstuurde pakket van "
                    f"{row.period}; er kan geen tweede versie van dezelfde dagen komen."
                )
        own = _period_minutes(connection, period, tz, moment)
        corrections = {
            row.period: _late_minutes(connection, parse_period(row.period), tz, moment)
            for row in sent
            if row.period_to < period.first.isoformat()
        }
        corrections = {label: late for label, late in corrections.items() if late}
        export = package_contributions(
            own, str(org).lower(), profile, key, period, corrections, moment
        )
        _store(connection, export, period)
    return export


def _kind_name(kind: str) -> str:
    return {"month": "maand", "quarter": "kwartaal"}.get(kind, kind)


def _zone(tz: str) -> Any:
    from zoneinfo import ZoneInfo

    return ZoneInfo(tz)


def _period_minutes(
    connection: Connection, period: GridPeriod, tz: str, now: datetime
) -> dict[Minutes, int]:
    found: dict[Minutes, int] = defaultdict(int)
    for _day, worker, code, key, kind, minutes in day_contributions(
        connection, Period(period.first, period.last, tz), now
    ):
        if minutes:
            found[worker, code, key, kind] += minutes
    return dict(found)


def _late_minutes(
    connection: Connection, period: GridPeriod, tz: str, now: datetime
) -> dict[Minutes, int]:
    """What is logged now for a sent period, minus what its packages carried."""
    carried: dict[Minutes, int] = defaultdict(int)
    for row in connection.execute(
        select(
            sector_export_minutes.c.worker_id,
            sector_export_minutes.c.municipality,
            sector_export_minutes.c.category,
            sector_export_minutes.c.kind,
            sector_export_minutes.c.minutes,
        ).where(sector_export_minutes.c.for_period == period.label)
    ):
        carried[row[0], row[1], row[2], row[3]] += row[4]
    late = dict(_period_minutes(connection, period, tz, now))
    for key, minutes in carried.items():
        late[key] = late.get(key, 0) - minutes
    return {key: minutes for key, minutes in late.items() if minutes}


def package_contributions(
    own: Mapping[Minutes, int],
    organisation_id: str,
    profile: Profile,
    key: OrganisationKey,
    period: GridPeriod,
    corrections: Mapping[str, Mapping[Minutes, int]] | None = None,
    now: datetime | None = None,
) -> SectorExport:
    """Anonymise one period's minutes (and any corrections) into a signed package."""
    if not is_canonical_uuid(organisation_id):
        raise RegeldrukError(f"Organisatie-id {quote(organisation_id)} is geen UUID.")
    corrections = corrections or {}
    taxonomy = SECTOR_TAXONOMIES[DEFAULT_VERSION]
    combined: dict[Minutes, int] = defaultdict(int)
    for minutes in (own, *corrections.values()):
        for (worker, code, category, kind), amount in minutes.items():
            if taxonomy.get(category) != kind:
                raise RegeldrukError(
                    f"Categorie {quote(category)} ({kind}) staat niet zo in de "
                    f"sectortaxonomie {DEFAULT_VERSION}; een sectorpakket kan alleen de "
                    "standaardcategorieën bevatten."
                )
            combined[worker, code, category, kind] += amount
    package = anonymise(
        ((w, code, cat, kind, m) for (w, code, cat, kind), m in combined.items()),
        period.label,
        profile.area,
        profile.k,
        key.noise_secret(),
    )
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for published in package.published:
        cell = published.cell
        hours = f"{published.noisy_minutes / 60:.2f}"
        writer.writerow([period.label, cell.area, cell.category, cell.kind, cell.workers, hours])
    cells_csv = buffer.getvalue().encode("utf-8")
    manifest = {
        "schema": SCHEMA,
        "export_id": str(uuid.uuid4()),
        "organisation": organisation_id,
        "period": {
            "label": period.label,
            "from": period.first.isoformat(),
            "to": period.last.isoformat(),
        },
        "profile": {"period": profile.period, "area": profile.area, "k": profile.k},
        "generated_at": (now or now_utc()).isoformat(timespec="seconds"),
        "k": profile.k,
        "taxonomy": DEFAULT_VERSION,
        "rows": len(package.published),
        "sha256": hashlib.sha256(cells_csv).hexdigest(),
        "software": {"name": "regeldruk", "version": __version__},
        "noise": dict(NOISE_DECLARED),
        "corrections": sorted(corrections),
    }
    manifest_bytes = json.dumps(manifest, indent=1).encode("utf-8")
    signature = key.sign(manifest_bytes)
    import base64

    data = _zip(
        {
            "manifest.json": manifest_bytes,
            "cells.csv": cells_csv,
            SIGNATURE: base64.b64encode(signature) + b"\n",
        }
    )
    carried = {period.label: dict(own), **{k: dict(v) for k, v in corrections.items()}}
    return SectorExport(manifest, cells_csv, data, package, False, carried)


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _stored(data: bytes) -> SectorExport:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        cells = archive.read("cells.csv")
    return SectorExport(manifest, cells, data, None, True)


def _store(connection: Connection, export: SectorExport, period: GridPeriod) -> None:
    """Remember the package and what it carried, in the export's own transaction."""
    export_row = connection.execute(
        insert(sector_export).values(
            export_id=export.manifest["export_id"],
            period=period.label,
            period_from=period.first.isoformat(),
            period_to=period.last.isoformat(),
            generated_at=export.manifest["generated_at"],
            package=export.data,
        )
    ).inserted_primary_key
    assert export_row is not None
    rows = [
        {
            "export_id": export_row[0],
            "for_period": label,
            "worker_id": worker,
            "municipality": code,
            "category": category,
            "kind": kind,
            "minutes": minutes,
        }
        for label, carried in export.carried.items()
        for (worker, code, category, kind), minutes in carried.items()
    ]
    if rows:
        connection.execute(insert(sector_export_minutes), rows)


def write_export(export: SectorExport, path: Path) -> None:
    partial = path.with_name(path.name + ".deel")
    partial.write_bytes(export.data)
    partial.replace(path)


# -- reading a package ------------------------------------------------------------------------

Row = tuple[str, str, str, str, int, float]


@dataclass
class ReadPackage:
    path: Path
    manifest: dict[str, Any]
    rows: list[Row]
    cells_csv: bytes = b""

    @property
    def period(self) -> GridPeriod:
        return parse_period(self.manifest["period"]["label"])


def read_package(
    path: Path,
    profile: Profile,
    keys: Mapping[str, bytes],
    parse_rows: bool = True,
    now: datetime | None = None,
) -> ReadPackage:
    """Check everything before anything is written; one clear Dutch message when not.

    With ``parse_rows`` false (PostgreSQL) the cells are checked by the database while
    they are copied, inside the same all-or-nothing transaction.
    """
    name = path.name

    def fail(reason: str) -> PackageError:
        return PackageError(f"{name}: {reason}; er is niets geïmporteerd.")

    members = _members(path, fail)
    manifest = _manifest(members["manifest.json"], profile, fail, now or now_utc())
    signature = decode_base64(members[SIGNATURE].strip().decode("ascii", "replace"), 64)
    public = keys.get(manifest["organisation"])
    if public is None:
        raise fail(
            f"organisatie {manifest['organisation']} is niet bij deze sector geregistreerd "
            "(regeldruk sector trust REGISTRATIE)"
        )
    if signature is None or not verify(public, signature, members["manifest.json"]):
        raise fail("de handtekening klopt niet (gewijzigd, of niet door deze organisatie gemaakt)")
    cells_bytes = members["cells.csv"]
    if hashlib.sha256(cells_bytes).hexdigest() != manifest["sha256"]:
        raise fail("de controlesom van cells.csv klopt niet (gewijzigd of beschadigd)")
    if not parse_rows:
        lines = cells_bytes.count(b"\n") - (0 if cells_bytes.endswith(b"\n") else -1) - 1
        if lines != manifest["rows"]:
            raise fail(f"manifest noemt {manifest['rows']} regels, cells.csv heeft er {lines}")
        if not cells_bytes.startswith(",".join(COLUMNS).encode() + b"\n"):
            raise fail(f"cells.csv: verwacht de kolommen {', '.join(COLUMNS)}")
        _no_cell_twice(cells_bytes, manifest, profile, fail)
        return ReadPackage(path, manifest, [], cells_bytes)
    rows = _cells(cells_bytes, manifest, profile, fail)
    if len(rows) != manifest["rows"]:
        raise fail(f"manifest noemt {manifest['rows']} regels, cells.csv heeft er {len(rows)}")
    return ReadPackage(path, manifest, rows)


# Area and category: the second and third field of a line. No valid value needs quoting,
# so a line without quotes splits as COPY splits it.
_CELL_KEY = re.compile(rb"^[^,\n]*,([^,\n]*,[^,\n]*),", re.MULTILINE)


def _no_cell_twice(
    cells: bytes, manifest: dict[str, Any], profile: Profile, fail: Callable[[str], PackageError]
) -> None:
    """The one cell check PostgreSQL's COPY can't do cheaply (a unique index cost more than
    this): a cell twice in the package. A quote anywhere means a line that is not ours:
    then the whole file is read as CSV and checked as on SQLite."""
    body = cells.partition(b"\n")[2]
    if b'"' in body:
        _cells(cells, manifest, profile, fail)
        return
    keys = _CELL_KEY.findall(body)
    if len(set(keys)) != len(keys):
        _cells(cells, manifest, profile, fail)
        raise fail("cells.csv bevat een cel twee keer")


def _members(path: Path, fail: Callable[[str], PackageError]) -> dict[str, bytes]:
    """The three members, read in chunks and counted as they inflate, whatever the zip's
    directory claims about their size."""
    try:
        size = path.stat().st_size
    except OSError as err:
        raise fail(f"kan het bestand niet lezen ({err.strerror})") from None
    if size > MAX_PACKAGE_BYTES:
        raise fail(f"groter dan {MAX_PACKAGE_BYTES // 1024 // 1024} MB")
    if not zipfile.is_zipfile(path):
        raise fail("geen sectorpakket (geen zip-bestand, of afgebroken)")
    members: dict[str, bytes] = {}
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            names = sorted(info.filename for info in infos)
            if names == ["cells.csv", "manifest.json"]:
                raise fail(
                    f"niet ondertekend (geen {SIGNATURE}); pakketten in het oude formaat "
                    f"({OLD_SCHEMA}) volgen het publicatierooster niet en worden niet meer "
                    "geïmporteerd: vraag de organisatie om een nieuw pakket"
                )
            if names != sorted(MEMBER_LIMITS):
                shown = ", ".join(quote(n, 30) for n in names[:4])
                raise fail(
                    f"verwacht precies manifest.json, cells.csv en {SIGNATURE}, niet {shown}"
                )
            for info in infos:
                if info.flag_bits & 0x1:
                    raise fail(
                        f"{info.filename} is versleuteld; dat kan een sectorpakket niet zijn"
                    )
                if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                    raise fail(
                        f"{info.filename} is ingepakt met een methode die regeldruk niet leest "
                        f"(nummer {info.compress_type}); gebruik gewone zip (deflate)"
                    )
            for info in infos:
                members[info.filename] = _read_bounded(archive, info, fail)
    except zipfile.BadZipFile as err:
        raise fail(f"beschadigd zip-bestand ({str(err)[:60]})") from None
    except (EOFError, OSError, zipfile.LargeZipFile, NotImplementedError, RuntimeError) as err:
        raise fail(f"afgebroken of onleesbaar ({str(err)[:60]})") from None
    return members


def _read_bounded(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, fail: Callable[[str], PackageError]
) -> bytes:
    limit = MEMBER_LIMITS[info.filename]
    ceiling = min(limit, MAX_RATIO * max(info.compress_size, 1024))
    if info.file_size > ceiling:
        raise fail(f"{info.filename} is verdacht groot uitgepakt (zip-bom)")
    chunks, total = [], 0
    with archive.open(info) as handle:
        while chunk := handle.read(64 * 1024):
            total += len(chunk)
            if total > ceiling:
                raise fail(f"{info.filename} is verdacht groot uitgepakt (zip-bom)")
            chunks.append(chunk)
    return b"".join(chunks)


def _manifest(
    raw: bytes, profile: Profile, fail: Callable[[str], PackageError], now: datetime
) -> dict[str, Any]:
    try:
        manifest = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        raise fail("manifest.json is geen geldige JSON") from None
    if not isinstance(manifest, dict):
        raise fail("manifest.json is geen object")
    if manifest.get("schema") == OLD_SCHEMA:
        raise fail(f"een pakket in het oude formaat ({OLD_SCHEMA}); vraag om een nieuw pakket")
    if manifest.get("schema") != SCHEMA:
        raise fail(f"onbekend schema {quote(manifest.get('schema'), 40)}, verwacht '{SCHEMA}'")
    missing = sorted(MANIFEST_KEYS - set(manifest))
    if missing:
        raise fail(f"manifest.json mist '{missing[0]}'")
    for key in ("export_id", "organisation"):
        if not is_canonical_uuid(manifest[key]):
            raise fail(f"manifest.json: '{key}' is geen UUID in kleine letters")
    period = _manifest_period(manifest["period"], fail)
    _manifest_profile(manifest, profile, period, fail)
    _manifest_time(manifest["generated_at"], period, now, fail)
    rows = manifest["rows"]
    if not isinstance(rows, int) or isinstance(rows, bool) or not 0 <= rows <= MAX_ROWS:
        raise fail(f"manifest.json: 'rows' moet een geheel getal van 0 tot {MAX_ROWS} zijn")
    if not isinstance(manifest["sha256"], str) or not re.fullmatch(
        r"[0-9a-f]{64}", manifest["sha256"], re.ASCII
    ):
        raise fail("manifest.json: 'sha256' is geen SHA-256")
    if manifest["taxonomy"] not in SECTOR_TAXONOMIES:
        raise fail(f"onbekende taxonomie {quote(manifest['taxonomy'], 20)}")
    software = manifest["software"]
    if not (
        isinstance(software, dict)
        and all(
            isinstance(software.get(k), str) and len(software[k]) <= 40 for k in ("name", "version")
        )
    ):
        raise fail("manifest.json: 'software' moet {name, version} als korte tekst zijn")
    if manifest["noise"] != NOISE_DECLARED:
        raise fail("manifest.json: 'noise' hoort de ruis van deze regeldruk te beschrijven")
    corrections = manifest["corrections"]
    if not isinstance(corrections, list) or len(corrections) > MAX_CORRECTIONS:
        raise fail("manifest.json: 'corrections' moet een lijst van periodes zijn")
    for label in corrections:
        try:
            corrected = parse_period(label)
        except ProfileError:
            raise fail(
                f"manifest.json: correctie voor onbekende periode {quote(label, 20)}"
            ) from None
        if corrected.last >= period.first:
            raise fail(f"manifest.json: correctie voor {corrected.label} ligt niet vóór de periode")
    return manifest


def _manifest_period(value: object, fail: Callable[[str], PackageError]) -> GridPeriod:
    if not isinstance(value, dict) or not isinstance(value.get("label"), str):
        raise fail("manifest.json: 'period' moet {label, from, to} zijn")
    try:
        period = parse_period(value["label"])
    except ProfileError:
        raise fail(f"manifest.json: periode {quote(value['label'], 20)} bestaat niet") from None
    if value.get("from") != period.first.isoformat() or value.get("to") != period.last.isoformat():
        raise fail(f"manifest.json: 'from' en 'to' passen niet bij periode {period.label}")
    return period


def _manifest_profile(
    manifest: dict[str, Any],
    profile: Profile,
    period: GridPeriod,
    fail: Callable[[str], PackageError],
) -> None:
    k = manifest["k"]
    if not isinstance(k, int) or isinstance(k, bool) or not MIN_K <= k <= MAX_K:
        shown = k if isinstance(k, int) and abs(k) < 10**6 else quote(k, 20)
        raise fail(f"k = {shown} kan niet (van {MIN_K} tot en met {MAX_K})")
    stated = manifest["profile"]
    wanted = {"period": profile.period, "area": profile.area, "k": profile.k}
    if stated != wanted or k != profile.k or period.kind != profile.period:
        raise fail(
            f"gemaakt met een ander sectorprofiel ({quote(stated, 60)}); deze sector vraagt "
            f"{profile.describe()}"
        )


def _manifest_time(
    value: object, period: GridPeriod, now: datetime, fail: Callable[[str], PackageError]
) -> None:
    try:
        moment = (
            datetime.fromisoformat(value) if isinstance(value, str) and len(value) <= 40 else None
        )
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is None:
        raise fail("manifest.json: 'generated_at' is geen tijdstip met tijdzone")
    if moment.astimezone(UTC).date() < period.last or moment > now + timedelta(days=1):
        raise fail(
            f"manifest.json: 'generated_at' ({quote(value, 30)}) ligt niet na de periode en vóór nu"
        )


def valid_areas(level: str) -> set[str]:
    if level == "municipality":
        return {"NL", *(m.code for m in all_municipalities())}
    if level == "region":
        return {"NL", *(f"regio:{r}" for r in regions())}
    return {"NL"}


def max_hours_per_worker(period: GridPeriod) -> float:
    """Nobody logs more than 24 hours a day; noise adds at most NOISE/2."""
    return 24.0 * period.days * (1 + NOISE)


def _cells(
    raw: bytes, manifest: dict[str, Any], profile: Profile, fail: Callable[[str], PackageError]
) -> list[Row]:
    try:
        body = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise fail("cells.csv is geen UTF-8") from None
    period = parse_period(manifest["period"]["label"])
    areas = valid_areas(profile.area)
    taxonomy = SECTOR_TAXONOMIES[manifest["taxonomy"]]
    ceiling = max_hours_per_worker(period)
    k = int(manifest["k"])
    reader = csv.reader(io.StringIO(body))
    header = next(reader, None)
    if header is None or tuple(header) != COLUMNS:
        raise fail(f"cells.csv: verwacht de kolommen {', '.join(COLUMNS)}")
    rows: list[Row] = []
    seen: set[tuple[str, str]] = set()
    for number, row in enumerate(reader, start=2):
        where = f"cells.csv regel {number}"
        if len(row) != len(COLUMNS):
            raise fail(f"{where}: verwacht {len(COLUMNS)} kolommen")
        label, area, category, kind, workers_text, hours_text = row
        if label != period.label:
            raise fail(f"{where}: periode {quote(label, 20)} hoort niet bij {period.label}")
        if area not in areas:
            raise fail(f"{where}: gebied {quote(area, 40)} onbekend op dit niveau")
        if taxonomy.get(category) is None:
            raise fail(f"{where}: categorie {quote(category, 40)} staat niet in de taxonomie")
        if taxonomy[category] != kind:
            raise fail(f"{where}: categorie {category} is van de soort {taxonomy[category]}")
        if not _COUNT.fullmatch(workers_text) or not _HOURS.fullmatch(hours_text):
            raise fail(f"{where}: workers en hours moeten gewone getallen zijn")
        workers, hours = int(workers_text), float(hours_text)
        if not k <= workers <= MAX_WORKERS:
            raise fail(f"{where}: {workers} medewerkers, niet tussen k = {k} en {MAX_WORKERS}")
        if not (math.isfinite(hours) and 0 < hours <= workers * ceiling):
            raise fail(f"{where}: uren ongeldig ({quote(hours_text, 20)})")
        if (area, category) in seen:
            raise fail(f"{where}: de cel {area}, {category} staat er twee keer in")
        seen.add((area, category))
        rows.append((label, area, category, kind, workers, hours))
    return rows


# -- import -----------------------------------------------------------------------------------


def import_packages(
    db: Database,
    paths: list[Path],
    progress: Callable[[int], None] | None = None,
    now: datetime | None = None,
) -> list[str]:
    """All packages or none: every file is checked first, then all go in one transaction.

    The packages are registered with a few batched statements (known export ids,
    overlapping periods, one multi-row insert). On PostgreSQL all cells then go in with
    one COPY, cheap per-cell rules in its WHERE; one planned pass afterwards checks areas,
    categories and periods (a cell twice in a package is found while reading).
    """
    on_postgres = db.dialect == "postgresql"
    with db.transaction() as connection:
        profile = require_profile(connection)
        keys = trusted_keys(connection)
    packages = [
        read_package(path, profile, keys, parse_rows=not on_postgres, now=now) for path in paths
    ]
    with db.transaction() as connection:
        messages, new = _register(connection, packages)
        if on_postgres:
            copy_cells(connection, new, profile)
            check_copied_cells(connection, new, profile)
        else:
            for package_id, package in new.items():
                insert_cells(connection, package_id, package.rows)
    if progress:
        progress(len(packages))
    return messages


def _register(
    connection: Connection, packages: list[ReadPackage]
) -> tuple[list[str], dict[int, ReadPackage]]:
    """Register the new packages; a message per file and the new ones by id. Raises for
    an altered package under a known export id and for a second package of one
    organisation for the same days (also within this batch)."""
    known = {
        row.export_id: row.sha256
        for row in connection.execute(
            select(sector_package.c.export_id, sector_package.c.sha256).where(
                sector_package.c.export_id.in_([p.manifest["export_id"] for p in packages])
            )
        )
    }
    taken: dict[str, list[tuple[GridPeriod, str]]] = defaultdict(list)
    for row in connection.execute(
        select(sector_package.c.organisation, sector_package.c.period).where(
            sector_package.c.organisation.in_({p.manifest["organisation"] for p in packages}),
            sector_package.c.schema_version == 2,
        )
    ):
        taken[row.organisation].append((parse_period(row.period), row.period))
    messages: list[str] = []
    fresh: list[ReadPackage] = []
    for package in packages:
        manifest, name, period = package.manifest, package.path.name, package.period
        if manifest["export_id"] in known:
            if known[manifest["export_id"]] != manifest["sha256"]:
                raise PackageError(
                    f"{name}: een ander pakket met hetzelfde export-id is al geïmporteerd; "
                    "er is niets geïmporteerd."
                )
            messages.append(f"{name}: al geïmporteerd; niets gewijzigd.")
            continue
        for other, label in taken[manifest["organisation"]]:
            if period.overlaps(other.first, other.last):
                raise PackageError(
                    f"{name}: deze organisatie heeft al een pakket voor {label}; een tweede "
                    "versie van dezelfde periode wordt niet geïmporteerd (late registraties "
                    "horen in het pakket van de volgende periode); er is niets geïmporteerd."
                )
        taken[manifest["organisation"]].append((period, period.label))
        known[manifest["export_id"]] = manifest["sha256"]
        fresh.append(package)
        messages.append(f"{name}: {manifest['rows']} cellen geïmporteerd ({period.label}).")
    if not fresh:
        return messages, {}
    moment = now_utc()
    rows = [
        {
            "export_id": p.manifest["export_id"],
            "organisation": p.manifest["organisation"],
            "period_from": p.period.first.isoformat(),
            "period_to": p.period.last.isoformat(),
            "generated_at": p.manifest["generated_at"],
            "k": p.manifest["k"],
            "rows": p.manifest["rows"],
            "sha256": p.manifest["sha256"],
            "software": f"{p.manifest['software']['name']} {p.manifest['software']['version']}",
            "imported_at": moment,
            "schema_version": 2,
            "period": p.period.label,
        }
        for p in fresh
    ]
    inserted = connection.execute(
        insert(sector_package).returning(
            sector_package.c.id, sector_package.c.export_id, sort_by_parameter_order=True
        ),
        rows,
    ).all()
    by_export = {p.manifest["export_id"]: p for p in fresh}
    return messages, {int(row.id): by_export[row.export_id] for row in inserted}


def _sql_list(values: Iterable[str]) -> str:
    return ", ".join("'" + v.replace("'", "''") + "'" for v in sorted(values))


def copy_cells(connection: Connection, new: dict[int, ReadPackage], profile: Profile) -> None:
    """PostgreSQL: one COPY of every new package's cells.csv as it is, with the package id
    in front of every line.

    COPY's WHERE is not planned, so it holds only cheap comparisons (kind, workers, hours
    within what a period of the profile allows); fewer cells in than the manifests promise
    means a wrong cell, and the package that has it is named.
    """
    # The longest period of the profile's kind bounds the hours; each package's own period
    # is checked exactly afterwards (check_copied_cells) and in Python when one is wrong.
    ceiling = max_hours_per_worker(
        parse_period("2026-01" if profile.period == "month" else "2026-Q3")
    )
    condition = (
        f"kind IN ({_sql_list(set(SECTOR_TAXONOMIES[DEFAULT_VERSION].values()))})"
        f" AND workers BETWEEN {profile.k} AND {MAX_WORKERS}"
        f" AND hours > 0 AND hours <= workers * {ceiling!r}"
    )
    expected = 0
    raw = connection.connection.driver_connection
    assert raw is not None
    try:
        with raw.cursor() as cursor:
            with cursor.copy(
                "COPY sector_cell (package_id, period, area, category, kind, workers, hours) "
                f"FROM STDIN WITH (FORMAT csv) WHERE {condition}"
            ) as copy:
                for package_id, package in new.items():
                    body = package.cells_csv.partition(b"\n")[2].rstrip(b"\n")
                    if not body:
                        continue
                    prefix = b"%d," % package_id
                    copy.write(prefix + body.replace(b"\n", b"\n" + prefix) + b"\n")
                    expected += body.count(b"\n") + 1
            copied = cursor.rowcount
    except Exception:  # psycopg's DataError and friends: a cell COPY can't even parse
        _name_wrong_package(new, profile)
    if copied != expected:
        _name_wrong_package(new, profile)


def _name_wrong_package(new: dict[int, ReadPackage], profile: Profile) -> NoReturn:
    for package in new.values():
        _cells(package.cells_csv, package.manifest, profile, _failer(package))
    raise PackageError(
        "cells.csv bevat cellen die niet aan de regels voldoen; er is niets geïmporteerd."
    )


def _failer(package: ReadPackage) -> Callable[[str], PackageError]:
    def fail(reason: str) -> PackageError:
        return PackageError(f"{package.path.name}: {reason}; er is niets geïmporteerd.")

    return fail


def check_copied_cells(
    connection: Connection, copied: dict[int, ReadPackage], profile: Profile
) -> None:
    """One planned pass over the new cells: a period that is not its package's, an unknown
    area, a category that is not the taxonomy's (or has another kind). A cell twice in a
    package was found while reading it (_no_cell_twice)."""
    if not copied:
        return
    taxonomies = {p.manifest["taxonomy"] for p in copied.values()}
    pairs = sorted(
        f"{category}|{kind}"
        for version in taxonomies
        for category, kind in SECTOR_TAXONOMIES[version].items()
    )
    params = {"ids": list(copied), "areas": sorted(valid_areas(profile.area)), "pairs": pairs}
    # Grouped by package and period: a few groups, so the aggregate stays in memory; the
    # area and pair lookups are hashed subplans.
    wrong = None
    for package_id, period, bad in connection.execute(
        text(
            "SELECT package_id, period, bool_or("
            "  area NOT IN (SELECT unnest(CAST(:areas AS text[])))"
            "  OR category || '|' || kind NOT IN (SELECT unnest(CAST(:pairs AS text[]))))"
            " FROM sector_cell WHERE package_id = ANY(:ids) GROUP BY package_id, period"
        ),
        params,
    ):
        if bad or period != copied[package_id].period.label:
            wrong = package_id
            break
    if wrong is not None:
        raise_for_wrong_cell(copied[wrong], profile)


def raise_for_wrong_cell(package: ReadPackage, profile: Profile) -> NoReturn:
    """The database found a wrong cell: read the package in Python to name it."""
    fail = _failer(package)
    _cells(package.cells_csv, package.manifest, profile, fail)
    raise fail("cells.csv bevat cellen die niet aan de regels voldoen")


def insert_cells(connection: Connection, package_id: int, rows: list[Row]) -> None:
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
