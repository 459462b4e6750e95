"""Import and report in a sector database, on SQLite and on the real PostgreSQL.

Packages here are written by hand (as SPEC section 5 and the README describe them) and
signed with a key the sector trusts, so every check of the import is reached: the
hardening findings of issue #13 each have a case, and each fails on the code before it.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import struct
import uuid
import zipfile
import zlib
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, insert, select

from regeldruk.db.engine import Database, ensure_schema
from regeldruk.db.schema import sector_cell, sector_package
from regeldruk.errors import RegeldrukError
from regeldruk.exports.sector_report import write_sector_report
from regeldruk.sector import import_packages, set_sector_profile, trust
from regeldruk.sectorkeys import OrganisationKey, Registration
from regeldruk.sectorprofile import make_profile
from regeldruk.sectorreport import build_sector_report
from regeldruk.taxonomy import DEFAULT_CATEGORIES

ROWS = [
    ("2026-10", "GM0344", "client-face", "client", 12, 120.0),
    ("2026-10", "GM0344", "rapportage", "accountability", 11, 40.0),
    ("2026-10", "GM0355", "netwerk", "indirect", 10, 20.0),
    ("2026-10", "NL", "reistijd", "other", 12, 10.0),
]
NOW = "2026-11-20T10:00:00+01:00"


@pytest.fixture
def db(db_url: str) -> Database:
    database = Database(db_url)
    ensure_schema(database.engine)
    set_sector_profile(database, make_profile("month", "municipality", 10))
    return database


def key_for(db: Database, organisation: str) -> OrganisationKey:
    """A key for the organisation, trusted by the sector (made once per organisation)."""
    key = OrganisationKey(hashlib.sha256(organisation.encode()).digest())
    trust(db, Registration(organisation, key.public_bytes))
    return key


def make_package(
    db: Database,
    path: Path,
    organisation: str | None = None,
    rows: Any = ROWS,
    body: bytes | None = None,
    manifest_changes: dict[str, Any] | None = None,
    extra: dict[str, bytes] | None = None,
    tamper_cells: bool = False,
    sign: bool = True,
    trusted: bool = True,
) -> Path:
    organisation = organisation or str(uuid.uuid4())
    lines = ["period,area,category,kind,workers,hours"] + [",".join(map(str, r)) for r in rows]
    cells = body if body is not None else ("\n".join(lines) + "\n").encode()
    manifest = {
        "schema": "regeldruk/sector-export@2",
        "export_id": str(uuid.uuid4()),
        "organisation": organisation,
        "period": {"label": "2026-10", "from": "2026-10-01", "to": "2026-10-31"},
        "profile": {"period": "month", "area": "municipality", "k": 10},
        "generated_at": "2026-11-02T10:00:00+01:00",
        "k": 10,
        "taxonomy": "2026.1",
        "rows": len(rows),
        "sha256": hashlib.sha256(cells).hexdigest(),
        "software": {"name": "regeldruk", "version": "0.1.0"},
        "noise": {"method": "cell-key", "p": 0.25},
        "corrections": [],
        **(manifest_changes or {}),
    }
    raw = json.dumps(manifest).encode()
    key = key_for(db, organisation.lower()) if trusted else OrganisationKey.generate()
    members = {
        "manifest.json": raw,
        "cells.csv": cells + (b"2026-10,NL,overig,other,12,1.00\n" if tamper_cells else b""),
    }
    if sign:
        members["signature.ed25519"] = base64.b64encode(key.sign(raw))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in {**members, **(extra or {})}.items():
            archive.writestr(name, data)
    return path


def run_import(db: Database, paths: list[Path], now: str = NOW) -> list[str]:
    from datetime import datetime

    return import_packages(db, paths, now=datetime.fromisoformat(now))


def counts(db: Database) -> tuple[int, int]:
    with db.transaction() as connection:
        packages = connection.execute(select(func.count()).select_from(sector_package)).scalar()
        cells = connection.execute(select(func.count()).select_from(sector_cell)).scalar()
    return int(packages or 0), int(cells or 0)


def test_import_report_and_the_three_organisation_rule(db: Database, tmp_path: Path) -> None:
    paths = [make_package(db, tmp_path / f"p{n}.zip") for n in range(2)]
    assert all("4 cellen geïmporteerd" in m for m in run_import(db, paths))
    assert counts(db) == (2, 8)
    report = build_sector_report(db)
    assert report.periods == [] and report.left_out_periods == ["2026-10"]  # 2 organisations
    run_import(db, [make_package(db, tmp_path / "p3.zip")])
    report = build_sector_report(db)
    utrecht = next(f for f in report.per_region if f.group == "Utrecht stad")
    assert utrecht.organisations == 3
    assert utrecht.hours == {"client": 360.0, "indirect": 0.0, "accountability": 120.0, "other": 0}
    assert utrecht.accountability_share == pytest.approx(120 / 480)
    assert utrecht.paperwork_ratio == pytest.approx(120 * 60 / 360)
    assert [f.group for f in report.per_municipality] == ["Utrecht", "Zeist"]
    assert report.not_by_area is not None and report.not_by_area.total == 30.0
    assert report.total.total == 3 * 190.0 and report.span == "oktober 2026"
    for suffix in ("xlsx", "md", "html"):
        target = tmp_path / f"sector.{suffix}"
        write_sector_report(report, target)
        assert target.stat().st_size > 200
    markdown = (tmp_path / "sector.md").read_text()
    assert markdown.startswith("# Regeldruk in de jeugdhulp: sectorbeeld oktober 2026")
    assert "Utrecht stad" in markdown


def test_a_municipality_with_one_organisation_stays_hidden_in_every_sum(
    db: Database, tmp_path: Path
) -> None:
    """Issue #12 case 1: one organisation alone in Zeist. Its region, the other
    municipalities and the total are shown; Zeist's hours are only ever in a sum that
    rests on three organisations."""
    lonely = [("2026-10", "GM0355", "client-face", "client", 10, 50.0)]
    shared = [
        ("2026-10", "GM0344", "client-face", "client", 12, 100.0),
        ("2026-10", "GM0310", "client-face", "client", 12, 80.0),
    ]
    paths = [make_package(db, tmp_path / "lonely.zip", rows=lonely + shared)]
    paths += [make_package(db, tmp_path / f"p{n}.zip", rows=shared) for n in range(3)]
    run_import(db, paths)
    report = build_sector_report(db)
    shown = {f.group for f in report.per_municipality}
    assert "Zeist" not in shown
    # Zeist and De Bilt make up Zuid-Oost Utrecht: De Bilt is hidden with Zeist, so the
    # region minus its shown municipalities is not Zeist alone.
    assert "De Bilt" not in shown
    rest = report.rest["per_municipality"]
    assert rest.total == pytest.approx(50.0 + 4 * 80.0)


def test_the_sector_workbook_reads_right(db: Database, tmp_path: Path) -> None:
    """Issue #19: one total on every sheet, rows that add up to it, the row without an
    area apart and out of the chart, the period in the title, axes that show, markers."""
    from openpyxl import load_workbook

    paths = [make_package(db, tmp_path / f"p{n}.zip") for n in range(3)]
    run_import(db, paths)
    report = build_sector_report(db)
    target = tmp_path / "sector.xlsx"
    write_sector_report(report, target)
    book = load_workbook(target)
    assert book.sheetnames == [
        "Per jeugdzorgregio",
        "Per gemeente",
        "Per categorie",
        "Per periode",
        "Toelichting",
    ]
    totals = []
    for name in book.sheetnames[:4]:
        sheet = book[name]
        rows = [r for r in sheet.iter_rows(min_row=2, values_only=True) if r[1] is not None]
        assert rows[-1][0] == "Totaal"
        totals.append(rows[-1][1])
        assert sum(r[1] for r in rows[:-1]) == pytest.approx(rows[-1][1])
        for kind_column in range(2, 6):
            assert sum(r[kind_column] for r in rows[:-1]) == pytest.approx(rows[-1][kind_column])
        assert "oktober 2026" in sheet.oddHeader.center.text
    assert totals == [pytest.approx(570.0)] * 4
    regions = book["Per jeugdzorgregio"]
    labels = [row[0].value for row in regions.iter_rows(min_row=2)]
    assert labels == ["Utrecht stad", "Zuid-Oost Utrecht", "Niet aan een gemeente toe te wijzen",
                      "Totaal"]  # fmt: skip
    chart = regions._charts[0]
    assert chart.x_axis.delete is False and chart.y_axis.delete is False
    assert "oktober 2026" in str(chart.title.tx.rich.p[0].r[0].t)
    reference = chart.series[0].cat.strRef or chart.series[0].cat.numRef
    categories = reference.f
    assert categories.endswith("$A$3")  # the two regions only, not the row without an area
    trend = book["Per periode"]._charts[0]
    assert trend.series[0].marker.symbol == "circle"
    assert book["Toelichting"]["A1"].value == "Regeldruk in de jeugdhulp: sectorbeeld oktober 2026"
    for sheet in book.worksheets:
        assert sheet.page_setup.orientation == "landscape"


def test_the_same_package_twice_changes_nothing(db: Database, tmp_path: Path) -> None:
    path = make_package(db, tmp_path / "p.zip")
    run_import(db, [path])
    assert "al geïmporteerd" in run_import(db, [path])[0]
    assert counts(db) == (1, 4)


def test_a_second_version_of_a_period_is_refused(db: Database, tmp_path: Path) -> None:
    """Issue #12 cases 2 and 4: no second package of one organisation for the same days,
    neither a newer version nor one of an overlapping period."""
    org = str(uuid.uuid4())
    run_import(db, [make_package(db, tmp_path / "old.zip", org)])
    newer = make_package(
        db, tmp_path / "new.zip", org, rows=ROWS[:2],
        manifest_changes={"generated_at": "2026-11-03T10:00:00+01:00"},
    )  # fmt: skip
    with pytest.raises(RegeldrukError, match="al een pakket voor 2026-10"):
        run_import(db, [newer])
    set_sector_profile(db, make_profile("quarter", "municipality", 10))
    quarter = make_package(
        db, tmp_path / "q.zip", org, rows=[(("2026-Q4",) + r[1:]) for r in ROWS],
        manifest_changes={
            "period": {"label": "2026-Q4", "from": "2026-10-01", "to": "2026-12-31"},
            "profile": {"period": "quarter", "area": "municipality", "k": 10},
            "generated_at": "2027-01-05T10:00:00+01:00",
        },
    )  # fmt: skip
    with pytest.raises(RegeldrukError, match="al een pakket voor 2026-10"):
        run_import(db, [quarter], now="2027-01-06T10:00:00+01:00")
    assert counts(db) == (1, 4)


def test_old_packages_in_the_database_are_not_counted(db: Database, tmp_path: Path) -> None:
    run_import(db, [make_package(db, tmp_path / f"p{n}.zip") for n in range(3)])
    with db.transaction() as connection:
        package_id = connection.execute(
            insert(sector_package).values(
                export_id=str(uuid.uuid4()), organisation=str(uuid.uuid4()),
                period_from="2026-10-01", period_to="2026-10-31", generated_at="x", k=10,
                rows=1, sha256="0" * 64, software="regeldruk 0.1.0",
                imported_at=__import__("datetime").datetime.now(__import__("datetime").UTC),
            )
        ).inserted_primary_key[0]  # fmt: skip
        connection.execute(
            insert(sector_cell).values(
                package_id=package_id, period="2026-10", area="GM0344",
                category="rapportage", kind="accountability", workers=10, hours=999.0,
            )
        )  # fmt: skip
    report = build_sector_report(db)
    assert report.old_packages == 1 and report.total.total == pytest.approx(570.0)


def _encrypted(path: Path) -> Path:
    """A package whose manifest member says it is encrypted (general purpose flag bit 0)."""
    data = bytearray(path.read_bytes())
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        start = data.find(signature)
        while start != -1:
            flags = struct.unpack_from("<H", data, start + offset)[0]
            struct.pack_into("<H", data, start + offset, flags | 0x1)
            start = data.find(signature, start + 4)
    path.write_bytes(bytes(data))
    return path


def _deflate64(path: Path) -> Path:
    """The same package with every member marked as deflate64 (method 9)."""
    data = bytearray(path.read_bytes())
    for signature, offset in ((b"PK\x03\x04", 8), (b"PK\x01\x02", 10)):
        start = data.find(signature)
        while start != -1:
            struct.pack_into("<H", data, start + offset, 9)
            start = data.find(signature, start + 4)
    path.write_bytes(bytes(data))
    return path


HYPERLINK = '"=HYPERLINK(""http://x"",""klik"")"'
BAD = {
    "tampered cells": (dict(tamper_cells=True), "controlesom"),
    "altered manifest": ("alter", "handtekening"),
    "unsigned": (dict(sign=False), "niet ondertekend"),
    "unknown organisation": (dict(trusted=False), "niet bij deze sector geregistreerd"),
    "id in capitals": (dict(organisation=str(uuid.uuid4()).upper()), "UUID in kleine letters"),
    "old format": (dict(sign=False, manifest_changes={"schema": "regeldruk/sector-export@1"}),
                   "oude formaat"),
    "low k": (dict(manifest_changes={"k": 4}), "k = 4"),
    "k of another profile": (dict(manifest_changes={"k": 12}), "ander sectorprofiel"),
    "k 10**30": (dict(manifest_changes={"k": 10**30}), "kan niet"),
    "region level": (dict(manifest_changes={"profile": {"period": "month", "area": "region",
                                                        "k": 10}}), "ander sectorprofiel"),
    "cell under k": (dict(rows=[ROWS[0][:4] + (3, 1.0)]), "niet tussen k = 10"),
    "workers 99,999,999,999": (dict(rows=[ROWS[0][:4] + (99999999999, 1.0)]), "gewone getallen"),
    "extra member": (dict(extra={"notes.txt": b"x"}), "verwacht precies manifest.json"),
    "path traversal": (dict(extra={"../../etc/evil": b"x"}), "verwacht precies manifest.json"),
    "foreign schema": (dict(manifest_changes={"schema": "other/1"}), "onbekend schema"),
    "missing key": (dict(manifest_changes={"sha256": None}), "sha256"),
    "nonsense generated_at": (dict(manifest_changes={"generated_at": "gisteren"}),
                              "generated_at"),
    "generated before the period ended": (
        dict(manifest_changes={"generated_at": "2026-10-15T10:00:00+02:00"}), "generated_at"),
    "generated in the future": (
        dict(manifest_changes={"generated_at": "2031-01-01T10:00:00+01:00"}), "generated_at"),
    "period 2026-W99": (dict(manifest_changes={"period": {"label": "2026-W99", "from": "x",
                                                          "to": "y"}}), "bestaat niet"),
    "period 2026-00": (dict(manifest_changes={"period": {"label": "2026-00", "from": "x",
                                                         "to": "y"}}), "bestaat niet"),
    "period dates that do not fit": (
        dict(manifest_changes={"period": {"label": "2026-10", "from": "2026-10-01",
                                          "to": "2026-11-30"}}), "passen niet"),
    "cell of another period": (dict(rows=[*ROWS, ("2026-11", "NL", "overig", "other", 12, 1.0)]),
                               "hoort niet bij 2026-10"),
    "cell period 1999-W01": (dict(rows=[*ROWS, ("1999-W01", "NL", "overig", "other", 12, 1.0)]),
                             "hoort niet bij"),
    "unknown area": (dict(rows=[("2026-10", "GM9999", "overig", "other", 12, 1.0)]), "gebied"),
    "region at municipality level": (
        dict(rows=[*ROWS, ("2026-10", "regio:Utrecht stad", "overig", "other", 12, 1.0)]),
        "gebied"),
    "non-ascii digits": (dict(rows=[*ROWS, ("2026-10", "NL", "overig", "other", "١٢", 1.0)]),
                         "gewone getallen"),
    "unknown category": (dict(rows=[*ROWS, ("2026-10", "NL", "x", "other", 12, 1.0)]),
                         "taxonomie"),
    "formula as category": (dict(rows=[*ROWS, ("2026-10", "NL", HYPERLINK, "other", 12, 1.0)]),
                            "taxonomie"),
    "DDE as category": (dict(rows=[*ROWS, ("2026-10", "NL", "cmd|' /C calc'!A0", "other", 12,
                                           1.0)]), "taxonomie"),
    "newline in category": (dict(rows=[*ROWS, ("2026-10", "NL", '"a\n# kop"', "other", 12, 1.0)]),
                            "taxonomie|regels"),  # PostgreSQL counts lines before it parses
    "client category as accountability": (
        dict(rows=[*ROWS, ("2026-10", "NL", "overig", "accountability", 12, 1.0)]), "soort"),
    "negative hours": (dict(rows=[*ROWS, ("2026-10", "NL", "overig", "other", 12, -1.0)]),
                       "gewone getallen"),
    "zero hours": (dict(rows=[*ROWS, ("2026-10", "NL", "overig", "other", 12, 0.0)]), "uren"),
    "NaN hours": (dict(rows=[*ROWS, ("2026-10", "NL", "overig", "other", 12, "NaN")]),
                  "gewone getallen"),
    "inf hours": (dict(rows=[*ROWS, ("2026-10", "NL", "overig", "other", 12, "inf")]),
                  "gewone getallen"),
    "1e308 hours": (dict(rows=[*ROWS, ("2026-10", "NL", "overig", "other", 12, "1e308")]),
                    "gewone getallen"),
    "more hours than the month has": (
        dict(rows=[*ROWS, ("2026-10", "NL", "overig", "other", 12, 12 * 24 * 31 * 1.3)]), "uren"),
    "duplicate cell": (dict(rows=[*ROWS, ROWS[0]]), "twee keer"),
    "text as workers": (dict(rows=[*ROWS, ("2026-10", "NL", "overig", "other", "veel", 1.0)]),
                        "gewone getallen"),
    "rows that do not match": (dict(manifest_changes={"rows": 9}), "regels"),
    "encrypted member": ("encrypted", "versleuteld"),
    "deflate64": ("deflate64", "methode"),
}  # fmt: skip


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_packages_change_nothing(db: Database, tmp_path: Path, case: str) -> None:
    options, fragment = BAD[case]
    good = make_package(db, tmp_path / "good.zip")
    if options == "alter":
        bad = make_package(db, tmp_path / "bad.zip")
        with zipfile.ZipFile(bad) as archive:
            members = {n: archive.read(n) for n in archive.namelist()}
        manifest = json.loads(members["manifest.json"])
        manifest["organisation"] = json.loads(zipfile.ZipFile(good).read("manifest.json"))[
            "organisation"
        ]
        members["manifest.json"] = json.dumps(manifest).encode()
        with zipfile.ZipFile(bad, "w") as archive:
            for name, data in members.items():
                archive.writestr(name, data)
    elif options in ("encrypted", "deflate64"):
        bad = make_package(db, tmp_path / "bad.zip")
        bad = _encrypted(bad) if options == "encrypted" else _deflate64(bad)
    else:
        bad = make_package(db, tmp_path / "bad.zip", **options)
    with pytest.raises(RegeldrukError, match=fragment) as raised:
        run_import(db, [good, bad])
    message = str(raised.value)
    assert "\n" not in message and "bad.zip" in message  # one line, naming the file
    assert counts(db) == (0, 0)  # all or nothing


BOMB_READER = """
import resource, sys
from pathlib import Path
from regeldruk.sector import read_package
from regeldruk.sectorprofile import make_profile
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
try:
    read_package(Path(sys.argv[1]), make_profile("month", "municipality", 10), {})
except Exception as err:
    print(type(err).__name__, str(err).replace(chr(10), " "))
print((resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) // 1024)
"""


def test_a_lying_central_directory_is_read_by_what_inflates(db: Database, tmp_path: Path) -> None:
    """Issue #13: a member whose directory claims 60 bytes but inflates to 300 MB. It is
    read in chunks and counted, so memory stays small (measured in a fresh process, whose
    high-water mark starts low), and it ends in one clear line."""
    import subprocess
    import sys

    good = make_package(db, tmp_path / "good.zip")
    with zipfile.ZipFile(good) as archive:
        members = {n: archive.read(n) for n in archive.namelist()}
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    chunk = b"\0" * (1 << 20)
    bomb = b"".join(compressor.compress(chunk) for _ in range(300)) + compressor.flush()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("manifest.json", members["manifest.json"])
        archive.writestr("signature.ed25519", members["signature.ed25519"])
        info = zipfile.ZipInfo("cells.csv")
        info.compress_type = zipfile.ZIP_STORED
        archive.writestr(info, bomb)  # the raw deflate stream, stored as it is
    data = bytearray(buffer.getvalue())
    for signature, method, size in ((b"PK\x03\x04", 8, 22), (b"PK\x01\x02", 10, 24)):
        start = data.find(signature)
        while start != -1:
            name_at = start + (30 if signature == b"PK\x03\x04" else 46)
            if data[name_at : name_at + 9] == b"cells.csv":
                struct.pack_into("<H", data, start + method, 8)  # deflate
                struct.pack_into("<I", data, start + size, 60)  # "60 bytes uncompressed"
            start = data.find(signature, start + 4)
    path = tmp_path / "bomb.zip"
    path.write_bytes(bytes(data))
    result = subprocess.run(
        [sys.executable, "-c", BOMB_READER, str(path)],
        capture_output=True, text=True, timeout=120, check=True,
    )  # fmt: skip
    message, grown = result.stdout.strip().splitlines()
    assert message.startswith("PackageError bomb.zip: ")
    assert int(grown) < 100, f"reading the bomb grew the process by {grown} MB"
    with pytest.raises(RegeldrukError, match="bomb.zip"):
        run_import(db, [path])
    assert counts(db) == (0, 0)


def test_categories_in_the_report_are_the_taxonomys_labels(db: Database, tmp_path: Path) -> None:
    run_import(db, [make_package(db, tmp_path / f"p{n}.zip") for n in range(3)])
    labels = {c.label for c in DEFAULT_CATEGORIES}
    report = build_sector_report(db)
    assert {f.group for f in report.per_category} <= labels
