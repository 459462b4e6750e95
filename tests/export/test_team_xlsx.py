"""The team lead's workbook, read back and checked against the database."""

from __future__ import annotations

import re
import zipfile
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pendulum
import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from regeldruk.approval import approve_week, reopen_week
from regeldruk.consent import set_sharing
from regeldruk.db.engine import Database, ensure_schema
from regeldruk.db.schema import audit_event, worker
from regeldruk.errors import LockedError, RegeldrukError
from regeldruk.exports.xlsx_team import write_team_workbook
from regeldruk.organisation import ensure_organisation, ensure_team, ensure_worker
from regeldruk.reporting import Period, summarise, summarise_per_worker
from regeldruk.taxonomy import DEFAULT_CATEGORIES
from regeldruk.teamexport import build_team_export, resolve_scope
from regeldruk.timelog import TimeLog

TZ = "Europe/Amsterdam"
NOW = pendulum.datetime(2026, 11, 5, 12, tz=TZ)
OCTOBER = Period(date(2026, 10, 1), date(2026, 10, 31), TZ)


def at(text: str) -> pendulum.DateTime:
    moment = pendulum.parse(text, tz=TZ)
    assert isinstance(moment, pendulum.DateTime)
    return moment


@pytest.fixture
def db(tmp_path: Path) -> Database:
    database = Database(f"sqlite:///{tmp_path / 'team.sqlite'}")
    ensure_schema(database.engine)
    with database.session() as session:
        org = ensure_organisation(session, "Test")
        noord, oost = (
            ensure_team(session, org, "Team Noord"),
            ensure_team(session, org, "Team Oost"),
        )
        ensure_worker(session, noord, "Lead", "teamleider")
        ensure_worker(session, noord, "Anna")
        ensure_worker(session, noord, "Bram")
        ensure_worker(session, oost, "Cor")
    log = {
        name: TimeLog(database, name, DEFAULT_CATEGORIES, TZ) for name in ("Anna", "Bram", "Cor")
    }
    # The DST night, a midnight crossing, three 20-minute entries, forms and municipalities.
    log["Anna"].add("client-face", at("2026-10-25T01:30"), at("2026-10-25T03:30"), "Utrecht")
    log["Anna"].add("client-face", at("2026-10-20T23:00"), at("2026-10-21T01:15"), "Zeist")
    for start, end in (("09:00", "09:20"), ("10:00", "10:20"), ("11:00", "11:20")):
        log["Anna"].add(
            "declaratie",
            at(f"2026-10-21T{start}"),
            at(f"2026-10-21T{end}"),
            "Utrecht",
            "gm0344-declaratie",
        )
    log["Anna"].add(
        "rapportage", at("2026-10-05T09:00"), at("2026-10-05T09:45"), "Zeist", "gm0355-voortgang"
    )
    log["Bram"].add(
        "rapportage",
        at("2026-10-06T13:00"),
        at("2026-10-06T14:30"),
        "Utrecht",
        "gm0344-voortgang",
        "Q3",
    )
    log["Bram"].add("netwerk", at("2026-10-31T23:30"), at("2026-11-01T00:30"))  # half in October
    log["Bram"].add("client-remote", at("2026-09-30T23:00"), at("2026-10-01T01:00"), "Utrecht")
    log["Cor"].add("client-face", at("2026-10-07T09:00"), at("2026-10-07T12:00"))  # other team
    # Everyone here has said yes to sharing (issue #18; without it their own rows are
    # combined, see tests/export/test_consent_export.py).
    for name in ("Anna", "Bram", "Cor"):
        set_sharing(database, name, True)
    return database


def export(
    db: Database,
    tmp_path: Path,
    requester: str = "Lead",
    team: str | None = None,
    period: Period = OCTOBER,
) -> Path:
    data = build_team_export(db, resolve_scope(db, requester, team), period, NOW)
    path = tmp_path / "out.xlsx"
    write_team_workbook(data, path)
    return path


def minutes(value: object) -> int:
    """An [h]:mm cell: openpyxl reads the stored number back as a timedelta."""
    if isinstance(value, timedelta):
        assert value.total_seconds() % 60 == 0
        return int(value.total_seconds() // 60)
    assert isinstance(value, (int, float)), f"duration {value!r} is not a number"
    return round(value * 1440)


def test_every_figure_matches_the_database(db: Database, tmp_path: Path) -> None:
    book = load_workbook(export(db, tmp_path))
    assert book.sheetnames == [
        "Samenvatting",
        "Per week",
        "Per gemeente",
        "Per formulier",
        "Registraties",
    ]
    with db.transaction() as connection:
        names = ["Lead", "Anna", "Bram"]
        ids = list(connection.scalars(select(worker.c.id).where(worker.c.name.in_(names))))
        expected_total = summarise(connection, OCTOBER, NOW, ids)
        expected_workers = summarise_per_worker(connection, OCTOBER, NOW, ids)
    summary = book["Samenvatting"]
    rows = {r[0]: r for r in summary.iter_rows(min_row=9, values_only=True) if r[0]}
    for name, expected in expected_workers.items():
        row = rows[name]
        assert [minutes(v) for v in row[1:6]] == [
            expected.minutes["client"],
            expected.minutes["indirect"],
            expected.minutes["accountability"],
            expected.minutes["other"],
            expected.total_minutes,
        ]
    total = rows["Totaal"]
    assert [minutes(v) for v in total[1:6]] == [
        expected_total.minutes[k] for k in ("client", "indirect", "accountability", "other")
    ] + [expected_total.total_minutes]
    # Anna: 180 (DST) + 135 (crossing) client; 60 + 45 accountability.
    assert [minutes(v) for v in rows["Anna"][1:6]] == [315, 0, 105, 0, 420]
    # Bram: 60 of 120 client-remote and 30 of 60 netwerk fall in October; 90 rapportage.
    assert [minutes(v) for v in rows["Bram"][1:6]] == [60, 30, 90, 0, 180]
    assert "Cor" not in rows  # another team
    # Totals are the sums of their rows, to the minute, on every sheet.
    worker_rows = [r for n, r in rows.items() if n in expected_workers]
    for column in range(1, 6):
        assert sum(minutes(r[column]) for r in worker_rows) == minutes(total[column])
    entries = list(book["Registraties"].iter_rows(min_row=2, values_only=True))
    assert sum(minutes(r[2]) for r in entries) == expected_total.total_minutes
    weeks = list(book["Per week"].iter_rows(min_row=2, values_only=True))
    assert sum(minutes(r[6]) for r in weeks) == expected_total.total_minutes
    assert summary["B4"].value == pytest.approx(expected_total.accountability_share)
    assert summary["B5"].value == pytest.approx(expected_total.administration_share)
    assert summary["B6"].value == pytest.approx(expected_total.paperwork_ratio)


def test_no_duration_is_text_and_no_notes_leave(db: Database, tmp_path: Path) -> None:
    path = export(db, tmp_path)
    book = load_workbook(path)
    for row in book["Registraties"].iter_rows(min_row=2):
        assert row[2].number_format == "[h]:mm" and isinstance(row[2].value, timedelta)
        assert isinstance(row[0].value, datetime) and isinstance(row[1].value, datetime)
    # In the file itself every duration cell is a plain number (no t="s"/"str" type).
    with zipfile.ZipFile(path) as archive:
        sheet = archive.read("xl/worksheets/sheet5.xml").decode()
    duration_cells = re.findall(r'<c r="C(\d+)"([^>]*)>', sheet)
    assert len(duration_cells) > 5
    for row_number, attributes in duration_cells:
        if row_number != "1":
            assert ' t="' not in attributes or ' t="n"' in attributes
    for sheet in book.worksheets:
        for row in sheet.iter_rows(values_only=True):
            assert "Q3" not in [str(v) for v in row]


def test_forms_and_municipalities(db: Database, tmp_path: Path) -> None:
    book = load_workbook(export(db, tmp_path))
    forms = {r[0]: r for r in book["Per formulier"].iter_rows(min_row=2, values_only=True)}
    assert forms["gm0344-declaratie"][1] == 3
    assert minutes(forms["gm0344-declaratie"][2]) == 60
    assert minutes(forms["gm0344-declaratie"][3]) == 20
    assert minutes(forms["gm0344-voortgang"][2]) == 90
    places = {r[0]: r for r in book["Per gemeente"].iter_rows(min_row=2, values_only=True) if r[0]}
    assert places["GM0344"][1] == "Utrecht" and places["GM0344"][2] == "Utrecht stad"
    # Utrecht: client 180 + 60, accountability 60 + 90 -> 150 / (240 / 60) = 37.5 min per hour.
    assert places["GM0344"][10] == pytest.approx(37.5)


def test_charts_table_frozen_panes_and_print_setup(db: Database, tmp_path: Path) -> None:
    path = export(db, tmp_path)
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        assert len([n for n in names if n.startswith("xl/charts/chart")]) == 3
        assert any(n.startswith("xl/tables/table") for n in names)
    book = load_workbook(path)
    for sheet in book.worksheets:
        assert sheet.freeze_panes is not None
        assert sheet.page_setup.orientation == "landscape"
        assert sheet.page_setup.fitToWidth == 1
    table = book["Registraties"].tables["Registraties"]
    assert table.ref.startswith("A1:H") and table.autoFilter is not None


def test_empty_period_gives_a_clear_workbook(db: Database, tmp_path: Path) -> None:
    book = load_workbook(
        export(db, tmp_path, period=Period(date(2025, 1, 1), date(2025, 1, 31), TZ))
    )
    assert book["Registraties"]["A2"].value == "Geen registraties in deze periode."
    assert any(
        "Geen registraties" in str(r[0]) for r in book["Samenvatting"].iter_rows(values_only=True)
    )


def test_scope_lead_team_and_worker_self(db: Database, tmp_path: Path) -> None:
    assert resolve_scope(db, "Lead", None).label == "Team Noord"
    anna = resolve_scope(db, "Anna", None)
    assert anna.label == "Anna" and len(anna.worker_ids) == 1
    with pytest.raises(RegeldrukError, match="alleen uw eigen cijfers"):
        resolve_scope(db, "Anna", "Team Oost")
    with pytest.raises(RegeldrukError, match="niet van Team Oost"):
        resolve_scope(db, "Lead", "Team Oost")
    book = load_workbook(export(db, tmp_path, requester="Anna"))
    names = {r[3] for r in book["Registraties"].iter_rows(min_row=2, values_only=True)}
    assert names == {"Anna"}


def test_week_approval_locks_and_reopening_unlocks(db: Database, tmp_path: Path) -> None:
    anna = TimeLog(db, "Anna", DEFAULT_CATEGORIES, TZ)
    entry = anna.entries_for_days(date(2026, 10, 21), date(2026, 10, 21))[-1]
    assert "goedgekeurd" in approve_week(db, "Lead", "Anna", 2026, 43)
    with pytest.raises(LockedError, match="2026-W43 is goedgekeurd door Lead"):
        anna.edit(entry.id, note="later")
    with pytest.raises(LockedError):
        anna.delete(entry.id)
    with pytest.raises(LockedError):
        anna.add("dossier", at("2026-10-22T09:00"), at("2026-10-22T10:00"))
    with pytest.raises(LockedError):  # an entry that only ends in the locked week
        anna.add("dossier", at("2026-10-18T23:30"), at("2026-10-19T00:30"))
    anna.add("dossier", at("2026-10-27T09:00"), at("2026-10-27T10:00"))  # next week is open
    with pytest.raises(RegeldrukError, match="Alleen een teamleider"):
        approve_week(db, "Bram", "Anna", 2026, 44)
    with pytest.raises(RegeldrukError, match="niet in het team"):
        approve_week(db, "Lead", "Cor", 2026, 43)
    book = load_workbook(export(db, tmp_path))
    weeks = {r[0]: r for r in book["Per week"].iter_rows(min_row=2, values_only=True)}
    assert weeks["2026-W43"][10] == "1 van 1"
    assert weeks["2026-W41"][10] == "0 van 2"
    approved = {
        (r[3], r[0].isocalendar().week, r[7])
        for r in book["Registraties"].iter_rows(min_row=2, values_only=True)
    }
    assert ("Anna", 43, "ja") in approved and ("Anna", 41, "nee") in approved
    reopen_week(db, "Lead", "Anna", 2026, 43)
    anna.edit(entry.id, note="later")
    with db.transaction() as connection:
        actions = list(connection.scalars(select(audit_event.c.action).order_by(audit_event.c.id)))
    assert actions[-4:] == ["approve", "create", "reopen", "edit"]
    assert actions.count("consent") == 3  # the fixture's three yeses


def test_every_entry_row_matches_the_database(db: Database, tmp_path: Path) -> None:
    """The Registraties rows are written as XML text: check them cell by cell."""
    with db.session() as session:
        team = ensure_team(session, ensure_organisation(session, None), "Team Noord")
        ensure_worker(session, team, 'Ma & Pa <"Zorg">')
    set_sharing(db, 'Ma & Pa <"Zorg">', True)
    odd = TimeLog(db, 'Ma & Pa <"Zorg">', DEFAULT_CATEGORIES, TZ)
    odd.add("dossier", at("2026-10-12T08:00"), at("2026-10-12T08:07"), "Zeist")
    book = load_workbook(export(db, tmp_path))
    rows = list(book["Registraties"].iter_rows(min_row=2, values_only=True))
    expected = []
    for name in ("Anna", "Bram", 'Ma & Pa <"Zorg">'):
        log = TimeLog(db, name, DEFAULT_CATEGORIES, TZ)
        for entry in log.entries(OCTOBER.start, OCTOBER.end):
            begin = max(entry.start, OCTOBER.start)
            end = min(entry.end or NOW, OCTOBER.end)
            expected.append(
                (
                    datetime.fromtimestamp(begin.timestamp(), ZoneInfo(TZ)).replace(tzinfo=None),
                    datetime.fromtimestamp(end.timestamp(), ZoneInfo(TZ)).replace(tzinfo=None),
                    int(end.timestamp() - begin.timestamp()) // 60,
                    name,
                    entry.category,
                    entry.gemeente,
                    entry.form,
                )
            )
    found = [(r[0], r[1], minutes(r[2]), r[3], r[4], r[5], r[6]) for r in rows]
    assert sorted(found, key=repr) == sorted(expected, key=repr)
    # The DST night: 01:30 to 03:30 on the clock, three hours of work.
    assert (datetime(2026, 10, 25, 1, 30), datetime(2026, 10, 25, 3, 30), 180) in [
        f[:3] for f in found
    ]
    assert {r[7] for r in rows} == {"nee"}
