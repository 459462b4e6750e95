"""Import and report in a sector database, on SQLite and on the real PostgreSQL."""

from __future__ import annotations

import hashlib
import json
import uuid
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import func, select

from regeldruk.db.engine import Database, ensure_schema
from regeldruk.db.schema import sector_cell, sector_package
from regeldruk.errors import RegeldrukError
from regeldruk.exports.sector_report import write_sector_report
from regeldruk.sector import build_sector_report, import_packages
from regeldruk.taxonomy import DEFAULT_CATEGORIES

ROWS = [
    ("2026-W41", "GM0344", "client-face", "client", 12, 120.0),
    ("2026-W41", "GM0344", "rapportage", "accountability", 11, 40.0),
    ("2026-W41", "regio:Utrecht stad", "netwerk", "indirect", 10, 20.0),
    ("2026-W41", "NL", "reistijd", "other", 12, 10.0),
]


def make_package(
    path: Path,
    organisation: str | None = None,
    rows=ROWS,
    k: int = 10,
    generated: str = "2026-11-01T10:00:00+00:00",
    period=("2026-10-05", "2026-10-11"),
    tamper: bool = False,
    extra: dict[str, bytes] | None = None,
    manifest_changes: dict | None = None,
) -> Path:
    lines = ["period,area,category,kind,workers,hours"] + [",".join(map(str, r)) for r in rows]
    cells = ("\n".join(lines) + "\n").encode()
    manifest = {
        "schema": "regeldruk/sector-export@1",
        "export_id": str(uuid.uuid4()),
        "organisation": organisation or str(uuid.uuid4()),
        "period": {"from": period[0], "to": period[1]},
        "generated_at": generated,
        "k": k,
        "taxonomy": "2026.1",
        "rows": len(rows),
        "sha256": hashlib.sha256(cells).hexdigest(),
        "software": {"name": "regeldruk", "version": "0.1.0"},
        **(manifest_changes or {}),
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("manifest.json", json.dumps(manifest))
        archive.writestr("cells.csv", cells + (b"2026-W41,NL,x,other,12,1\n" if tamper else b""))
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return path


@pytest.fixture
def db(db_url: str) -> Database:
    database = Database(db_url)
    ensure_schema(database.engine)
    return database


def counts(db: Database) -> tuple[int, int]:
    with db.transaction() as connection:
        packages = connection.execute(select(func.count()).select_from(sector_package)).scalar()
        cells = connection.execute(select(func.count()).select_from(sector_cell)).scalar()
    return int(packages or 0), int(cells or 0)


def test_import_report_and_the_three_organisation_rule(db: Database, tmp_path: Path) -> None:
    paths = [make_package(tmp_path / f"p{n}.zip") for n in range(2)]
    assert all("4 cellen geïmporteerd" in m for m in import_packages(db, paths))
    assert counts(db) == (2, 8)
    report = build_sector_report(db)
    assert (report.organisations, report.per_region) == (2, [])  # two organisations: hidden
    assert report.hidden > 0
    import_packages(db, [make_package(tmp_path / "p3.zip")])
    report = build_sector_report(db)
    utrecht = next(f for f in report.per_region if f.group == "Utrecht stad")
    assert utrecht.organisations == 3
    assert utrecht.hours == {
        "client": 360.0,
        "indirect": 60.0,
        "accountability": 120.0,
        "other": 0.0,
    }
    assert utrecht.accountability_share == pytest.approx(120 / 540)
    assert utrecht.paperwork_ratio == pytest.approx(120 * 60 / 360)
    assert [f.group for f in report.per_municipality] == ["Utrecht"]
    for suffix in ("xlsx", "md", "html"):
        target = tmp_path / f"sector.{suffix}"
        write_sector_report(report, target)
        assert target.stat().st_size > 200
    assert "Utrecht stad" in (tmp_path / "sector.md").read_text()


def test_the_sector_workbook_reads_without_fixing_anything(db: Database, tmp_path: Path) -> None:
    """Named first columns, numbers formatted as hours and shares, labels, charts, print set-up.

    No municipality cell here (only region and NL), so that sheet says why it is empty.
    """
    from openpyxl import load_workbook

    rows = [*ROWS[2:], ("2026-W41", "NL", "eigen-categorie", "accountability", 11, 30.0)]
    import_packages(db, [make_package(tmp_path / f"p{n}.zip", rows=rows) for n in range(3)])
    report = build_sector_report(db)
    label = {c.key: c.label for c in DEFAULT_CATEGORIES}
    # Largest first (90, 60, 30 hours); a key the taxonomy does not know stays a key.
    assert [f.group for f in report.per_category] == [
        "eigen-categorie",
        label["netwerk"],
        label["reistijd"],
    ]
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
    firsts = [book[name]["A1"].value for name in book.sheetnames[:4]]
    assert firsts == ["Jeugdzorgregio", "Gemeente", "Categorie", "Periode"]
    regions = book["Per jeugdzorgregio"]
    utrecht = next(row for row in regions.iter_rows(min_row=2) if row[0].value == "Utrecht stad")
    assert (utrecht[1].value, utrecht[1].number_format) == (60.0, "#,##0.0")
    assert utrecht[6].number_format == "0.0%" and utrecht[8].value == 3
    assert book["Per gemeente"]["A2"].value == "Geen cijfers met minstens 3 organisaties."
    assert len(regions._charts) == 1 and len(book["Per periode"]._charts) == 1
    assert not book["Per gemeente"]._charts
    for sheet in book.worksheets:
        assert sheet.page_setup.orientation == "landscape"
        assert sheet.sheet_properties.pageSetUpPr.fitToPage and sheet.page_setup.fitToWidth == 1
    markdown = tmp_path / "sector.md"
    write_sector_report(report, markdown)
    municipality_section = markdown.read_text().split("## Per gemeente")[1].split("##")[0]
    assert "|" not in municipality_section and "Geen cijfers" in municipality_section


def test_the_same_package_twice_changes_nothing(db: Database, tmp_path: Path) -> None:
    path = make_package(tmp_path / "p.zip")
    import_packages(db, [path])
    assert "al geïmporteerd" in import_packages(db, [path])[0]
    assert counts(db) == (1, 4)


def test_a_newer_package_replaces_the_older(db: Database, tmp_path: Path) -> None:
    org = str(uuid.uuid4())
    old = make_package(tmp_path / "old.zip", org, generated="2026-11-01T10:00:00+00:00")
    new = make_package(
        tmp_path / "new.zip", org, rows=ROWS[:2], generated="2026-11-02T10:00:00+00:00"
    )
    import_packages(db, [old])
    assert "vervangt" in import_packages(db, [new])[0]
    assert counts(db) == (1, 2)
    assert "nieuwer pakket" in import_packages(db, [old])[0]
    assert counts(db) == (1, 2)


BAD = {
    "tampered": (dict(tamper=True), "controlesom"),
    "low k": (dict(k=4), "k = 4"),
    "below sector minimum": (dict(k=6, rows=[r[:4] + (6, r[5]) for r in ROWS]), "eist minstens 10"),
    "cell under k": (dict(rows=[ROWS[0][:4] + (3, 1.0)]), "minder dan k"),
    "extra member": (dict(extra={"notes.txt": b"x"}), "precies manifest.json en cells.csv"),
    "path traversal": (dict(extra={"../../etc/evil": b"x"}), "precies manifest.json en cells.csv"),
    "foreign schema": (dict(manifest_changes={"schema": "other/1"}), "onbekend schema"),
    "missing key": (dict(manifest_changes={"sha256": None}), "sha256"),
    "unknown area": (dict(rows=[("2026-W41", "GM9999", "x", "other", 12, 1.0)]), "gebied"),
    # One wrong cell among good ones, in each column the database checks.
    "bad period": (dict(rows=[*ROWS, ("2026-X41", "NL", "x", "other", 12, 1.0)]), "periode"),
    "non-ascii digits": (dict(rows=[*ROWS, ("٢٠٢٦-W41", "NL", "x", "other", 12, 1.0)]), "periode"),
    "unknown region": (dict(rows=[*ROWS, ("2026-W41", "regio:Atlantis", "x", "other", 12, 1.0)]),
                       "gebied"),
    "unknown kind": (dict(rows=[*ROWS, ("2026-W41", "NL", "x", "vrije tijd", 12, 1.0)]), "soort"),
    "negative hours": (dict(rows=[*ROWS, ("2026-W41", "NL", "x", "other", 12, -1.0)]), "uren"),
    "NaN hours": (dict(rows=[*ROWS, ("2026-W41", "NL", "x", "other", 12, "NaN")]), "uren"),
    "empty category": (dict(rows=[*ROWS, ("2026-W41", "NL", '""', "other", 12, 1.0)]),
                       "ongeldig"),
    "second period under k": (dict(rows=[*ROWS, ("2026-W42", "NL", "x", "other", 9, 1.0)]),
                              "minder dan k"),
    "text as workers": (dict(rows=[*ROWS, ("2026-W41", "NL", "x", "other", "veel", 1.0)]),
                        "ongeldig|getallen"),
}  # fmt: skip


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_packages_change_nothing(db: Database, tmp_path: Path, case: str) -> None:
    options, fragment = BAD[case]
    good = make_package(tmp_path / "good.zip")
    bad = make_package(tmp_path / "bad.zip", **options)
    with pytest.raises(RegeldrukError, match=fragment):
        import_packages(db, [good, bad])
    assert counts(db) == (0, 0)  # all or nothing


def test_truncated_foreign_and_bomb_files(db: Database, tmp_path: Path) -> None:
    good = make_package(tmp_path / "good.zip").read_bytes()
    truncated = tmp_path / "truncated.zip"
    truncated.write_bytes(good[: len(good) // 2])
    foreign = tmp_path / "foreign.zip"
    foreign.write_text("PK but not really")
    bomb = tmp_path / "bomb.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("manifest.json", b"{" + b" " * 50_000_000 + b"}")
        archive.writestr("cells.csv", b"")
    for path, fragment in ((truncated, "zip"), (foreign, "geen sectorpakket"), (bomb, "zip-bom")):
        with pytest.raises(RegeldrukError, match=fragment):
            import_packages(db, [path])
    assert counts(db) == (0, 0)
