"""The time logging core, on SQLite and on the real PostgreSQL."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, datetime

import pendulum
import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError

from regeldruk.db.engine import Database, ensure_schema
from regeldruk.db.models import AuditEvent, TimeEntry
from regeldruk.errors import NotFoundError, OverlapError, PrivacyError, RegeldrukError
from regeldruk.organisation import ensure_organisation, ensure_team, ensure_worker
from regeldruk.reporting import Period, summarise, summarise_per_day
from regeldruk.taxonomy import DEFAULT_CATEGORIES
from regeldruk.timelog import WORKER_LOCK_NAMESPACE, TimeLog

TZ = "Europe/Amsterdam"


def at(text: str) -> pendulum.DateTime:
    moment = pendulum.parse(text, tz=TZ)
    assert isinstance(moment, pendulum.DateTime)
    return moment


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    database = Database(db_url)
    ensure_schema(database.engine)
    with database.session() as session:
        team = ensure_team(session, ensure_organisation(session, "Test"), "Team Noord")
        ensure_worker(session, team, "Sanne")
        ensure_worker(session, team, "Daan")
    yield database
    database.dispose()


def timelog(db: Database, worker: str = "Sanne", now: str = "2026-10-20T17:00") -> TimeLog:
    return TimeLog(db, worker, DEFAULT_CATEGORIES, TZ, clock=lambda: at(now))


def test_add_and_list(db: Database) -> None:
    log = timelog(db)
    entry = log.add("rapp", at("2026-10-20T09:00"), at("2026-10-20T09:45"), "Utrecht", None, "Q3")
    assert (entry.category, entry.kind, entry.gemeente, entry.minutes()) == (
        "rapportage",
        "accountability",
        "GM0344",
        45,
    )
    listed = log.entries_for_days(date(2026, 10, 20), date(2026, 10, 20))
    assert [e.id for e in listed] == [entry.id]
    assert listed[0].note == "Q3"


def test_start_switch_stop(db: Database) -> None:
    log = timelog(db)
    first = log.start("client-face", at("2026-10-20T09:00:40"))
    assert first.stopped is None
    assert first.started.start == at("2026-10-20T09:00")  # kept to the minute
    second = log.start("rapportage", at("2026-10-20T10:15"))
    assert second.stopped is not None
    assert second.stopped.id == first.started.id
    assert second.stopped.minutes() == 75
    stopped = log.stop(at("2026-10-20T10:45"))
    assert stopped.id == second.started.id and stopped.minutes() == 30
    assert log.running() is None
    with pytest.raises(NotFoundError, match="geen activiteit"):
        log.stop()


def test_stop_before_start_is_refused(db: Database) -> None:
    log = timelog(db)
    log.start("client-face", at("2026-10-20T09:00"))
    with pytest.raises(RegeldrukError, match="vóór de start"):
        log.stop(at("2026-10-20T08:00"))


def test_running_timer_survives_a_new_process(db: Database, db_url: str) -> None:
    timelog(db).start("client-face", at("2026-10-20T09:00"))
    other = Database(db_url)  # a new engine: as if the process had been restarted
    running = timelog(other).running()
    other.dispose()
    assert running is not None
    assert running.start == at("2026-10-20T09:00")


def test_overlap_is_refused_naming_the_conflicting_entry(db: Database) -> None:
    log = timelog(db)
    first = log.add("client-face", at("2026-10-20T09:00"), at("2026-10-20T10:00"))
    with pytest.raises(OverlapError) as caught:
        log.add("rapportage", at("2026-10-20T09:30"), at("2026-10-20T10:30"))
    assert f"#{first.id}" in str(caught.value)
    assert "09:00" in str(caught.value)
    # Touching is not overlapping.
    log.add("rapportage", at("2026-10-20T10:00"), at("2026-10-20T10:30"))
    # Another worker may log the same time.
    timelog(db, "Daan").add("rapportage", at("2026-10-20T09:30"), at("2026-10-20T10:30"))


def test_a_running_timer_blocks_later_entries(db: Database) -> None:
    log = timelog(db)
    log.start("client-face", at("2026-10-20T09:00"))
    with pytest.raises(OverlapError):
        log.add("rapportage", at("2026-10-20T11:00"), at("2026-10-20T11:30"))


def test_edit_delete_and_undo_use_the_audit_trail(db: Database) -> None:
    log = timelog(db)
    entry = log.add("client-face", at("2026-10-20T09:00"), at("2026-10-20T10:00"))
    edited = log.edit(entry.id, category="declaratie", end=at("2026-10-20T10:30"), gemeente="0344")
    assert (edited.category, edited.minutes(), edited.gemeente) == ("declaratie", 90, "GM0344")
    log.delete(entry.id)
    assert log.entries_for_days(date(2026, 10, 20), date(2026, 10, 20)) == []
    assert "verwijderen" in log.undo()
    restored = log.get(entry.id)
    assert restored.category == "declaratie"
    assert "wijzigen" in log.undo()
    assert log.get(entry.id).category == "client-face"
    assert "toevoegen" in log.undo()
    with pytest.raises(NotFoundError):
        log.get(entry.id)
    with pytest.raises(NotFoundError, match="niets om ongedaan"):
        log.undo()
    with db.session() as session:
        actions = [e.action for e in session.scalars(select(AuditEvent).order_by(AuditEvent.id))]
    assert actions == ["create", "edit", "delete", "undo", "undo", "undo"]


def test_undo_of_a_delete_refuses_to_create_an_overlap(db: Database) -> None:
    log = timelog(db)
    entry = log.add("client-face", at("2026-10-20T09:00"), at("2026-10-20T10:00"))
    log.delete(entry.id)
    # Another tool (a team lead, an import) fills the hour without this worker's undo stack.
    with db.session() as session:
        session.add(
            TimeEntry(
                worker_id=log.worker_id(session),
                category_key="rapportage",
                start_at=at("2026-10-20T09:30"),
                end_at=at("2026-10-20T10:30"),
                created_at=at("2026-10-20T11:00"),
                updated_at=at("2026-10-20T11:00"),
            )
        )
    with pytest.raises(OverlapError):
        log.undo()
    with pytest.raises(NotFoundError):
        log.get(entry.id)  # still deleted: the failed undo changed nothing


def test_note_with_personal_data_is_not_stored(db: Database) -> None:
    log = timelog(db)
    with pytest.raises(PrivacyError, match="BSN"):
        log.add(
            "rapportage", at("2026-10-20T09:00"), at("2026-10-20T10:00"), note="bsn 123.456.782"
        )
    with db.session() as session:
        assert session.scalars(select(TimeEntry)).all() == []


def test_unknown_category_and_municipality(db: Database) -> None:
    log = timelog(db)
    with pytest.raises(NotFoundError, match="Onbekende categorie"):
        log.add("koffie", at("2026-10-20T09:00"), at("2026-10-20T10:00"))
    with pytest.raises(NotFoundError, match="niet eenduidig"):
        log.add("client", at("2026-10-20T09:00"), at("2026-10-20T10:00"))
    with pytest.raises(NotFoundError, match="gemeente"):
        log.add("rapportage", at("2026-10-20T09:00"), at("2026-10-20T10:00"), "Atlantis")


def test_dst_nights_have_their_real_length(db: Database) -> None:
    log = timelog(db)
    autumn = log.add("client-face", at("2026-10-25T01:30"), at("2026-10-25T03:30"))
    spring = log.add("client-face", at("2026-03-29T01:30"), at("2026-03-29T03:30"))
    assert autumn.minutes() == 180
    assert spring.minutes() == 60
    with db.session() as session:
        autumn_day = summarise(
            session, Period(date(2026, 10, 25), date(2026, 10, 25), TZ), at("2026-11-01")
        )
        spring_day = summarise(
            session, Period(date(2026, 3, 29), date(2026, 3, 29), TZ), at("2026-11-01")
        )
    assert autumn_day.minutes["client"] == 180
    assert spring_day.minutes["client"] == 60


def test_entry_across_midnight_counts_on_each_day(db: Database) -> None:
    log = timelog(db)
    log.add("client-face", at("2026-10-20T23:00"), at("2026-10-21T01:30"))
    log.add("declaratie", at("2026-10-21T09:00"), at("2026-10-21T09:20"))
    with db.session() as session:
        days = summarise_per_day(
            session, Period(date(2026, 10, 20), date(2026, 10, 21), TZ), at("2026-11-01")
        )
        whole = summarise(
            session, Period(date(2026, 10, 20), date(2026, 10, 21), TZ), at("2026-11-01")
        )
        second_day = summarise(
            session, Period(date(2026, 10, 21), date(2026, 10, 21), TZ), at("2026-11-01")
        )
    assert days[date(2026, 10, 20)].minutes["client"] == 60
    assert days[date(2026, 10, 21)].minutes["client"] == 90
    assert second_day.minutes["client"] == 90
    assert whole.minutes == {"client": 150, "indirect": 0, "accountability": 20, "other": 0}
    assert whole.paperwork_ratio == pytest.approx(20 * 60 / 150)
    assert whole.accountability_share == pytest.approx(20 / 170)


def test_three_twenty_minute_entries_make_exactly_one_hour(db: Database) -> None:
    log = timelog(db)
    for start, end in (("09:00", "09:20"), ("10:00", "10:20"), ("11:00", "11:20")):
        log.add("declaratie", at(f"2026-10-20T{start}"), at(f"2026-10-20T{end}"))
    with db.session() as session:
        summary = summarise(
            session, Period(date(2026, 10, 20), date(2026, 10, 20), TZ), at("2026-11-01")
        )
    assert summary.minutes["accountability"] == 60
    assert summary.to_json()["hours"]["accountability"] == 1.0


def test_running_entry_counts_until_now(db: Database) -> None:
    timelog(db).start("client-face", at("2026-10-20T09:00"))
    with db.session() as session:
        summary = summarise(
            session, Period(date(2026, 10, 20), date(2026, 10, 20), TZ), at("2026-10-20T10:30")
        )
    assert summary.minutes["client"] == 90


def test_custom_taxonomy_category_is_added_to_the_database(db: Database) -> None:
    from regeldruk.taxonomy import Category

    categories = (*DEFAULT_CATEGORIES, Category("inspectie", "Inspectiebezoek", "accountability"))
    log = TimeLog(db, "Sanne", categories, TZ)
    entry = log.add("inspectie", at("2026-10-20T09:00"), at("2026-10-20T10:00"))
    assert entry.kind == "accountability"


@pytest.mark.postgres
@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)
def test_postgres_constraint_refuses_an_overlap_that_bypasses_the_check(db: Database) -> None:
    timelog(db).add("client-face", at("2026-10-20T09:00"), at("2026-10-20T10:00"))
    with (
        pytest.raises(IntegrityError, match="ex_entry_no_overlap"),
        db.engine.begin() as connection,
    ):
        worker_id = connection.execute(text("SELECT id FROM worker WHERE name = 'Sanne'")).scalar()
        connection.execute(
            text(
                "INSERT INTO time_entry (worker_id, category_key, start_at, end_at, created_at, "
                "updated_at) VALUES (:w, 'rapportage', :s, :e, now(), now())"
            ),
            {
                "w": worker_id,
                "s": datetime.fromisoformat("2026-10-20T09:30+02:00"),
                "e": datetime.fromisoformat("2026-10-20T10:30+02:00"),
            },
        )


@pytest.mark.postgres
@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)
def test_postgres_writers_for_one_worker_take_turns(db: Database) -> None:
    """A second writer waits for the first, then sees its entry: a plain overlap, no deadlock.

    Without the per-worker lock the second insert would wait in the exclusion constraint
    instead, and two such waits can deadlock (seen once in CI under load).
    """
    import threading

    outcome: list[str] = []
    with db.engine.connect() as holder:
        transaction = holder.begin()
        worker_id = holder.execute(text("SELECT id FROM worker WHERE name = 'Sanne'")).scalar()
        holder.execute(
            text("SELECT pg_advisory_xact_lock(:ns, :w)"),
            {"ns": WORKER_LOCK_NAMESPACE, "w": worker_id},
        )
        holder.execute(
            text(
                "INSERT INTO time_entry (worker_id, category_key, start_at, end_at, created_at, "
                "updated_at) VALUES (:w, 'rapportage', :s, :e, now(), now())"
            ),
            {
                "w": worker_id,
                "s": datetime.fromisoformat("2026-10-20T09:00+02:00"),
                "e": datetime.fromisoformat("2026-10-20T10:00+02:00"),
            },
        )

        def add() -> None:
            try:
                timelog(db).add("client-face", at("2026-10-20T09:30"), at("2026-10-20T10:30"))
                outcome.append("saved")
            except OverlapError as err:
                outcome.append(str(err))

        writer = threading.Thread(target=add)
        writer.start()
        writer.join(timeout=1.0)
        assert writer.is_alive(), "the second writer did not wait for the first"
        transaction.commit()
    writer.join(timeout=10)
    assert len(outcome) == 1 and outcome[0].startswith("Overlapt met registratie"), outcome


def test_two_processes_racing_into_an_overlap_one_loses(db: Database, db_url: str) -> None:
    """Two workers' time logs for the same worker, in threads, both adding the same hour."""
    import threading

    results: list[str] = []
    barrier = threading.Barrier(2)

    def add() -> None:
        other = Database(db_url)
        barrier.wait()
        try:
            timelog(other).add("client-face", at("2026-10-20T09:00"), at("2026-10-20T10:00"))
            results.append("ok")
        except OverlapError:
            results.append("overlap")
        finally:
            other.dispose()

    threads = [threading.Thread(target=add) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == ["ok", "overlap"]
    with db.session() as session:
        assert len(session.scalars(select(TimeEntry)).all()) == 1


def test_audit_events_record_before_and_after(db: Database) -> None:
    log = timelog(db)
    entry = log.add("client-face", at("2026-10-20T09:00"), at("2026-10-20T10:00"))
    log.edit(entry.id, note="Q3 verslag")
    with db.session() as session:
        edit = session.scalars(select(AuditEvent).where(AuditEvent.action == "edit")).one()
    assert edit.before is not None and edit.after is not None
    assert json.loads(edit.before)["note"] is None
    assert json.loads(edit.after)["note"] == "Q3 verslag"
