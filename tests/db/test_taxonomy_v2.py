"""Taxonomy v2 (issue #18): the CBS-definition administration share of a constructed week,
to the minute; an old database and an old config keep working."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pendulum
import pytest
from sqlalchemy import select, text

from regeldruk.config import parse_config
from regeldruk.db.engine import HEAD_REVISION, Database, ensure_schema, upgrade
from regeldruk.db.schema import category, time_entry
from regeldruk.organisation import ensure_organisation, ensure_team, ensure_worker
from regeldruk.reporting import Period, summarise
from regeldruk.taxonomy import DEFAULT_CATEGORIES, is_administration
from regeldruk.timelog import TimeLog

TZ = "Europe/Amsterdam"
WEEK = Period(date(2026, 10, 19), date(2026, 10, 25), TZ)  # W43, ending on the DST night
NOW = pendulum.datetime(2026, 11, 2, 12, tz=TZ)


def at(text_: str) -> pendulum.DateTime:
    moment = pendulum.parse(text_, tz=TZ)
    assert isinstance(moment, pendulum.DateTime)
    return moment


# (category, start, end, minutes) of one constructed week. The minutes are counted by hand
# (the DST night: 01:30 to 03:30 on the clock is three hours), not by the code under test.
WEEK_ENTRIES = [
    ("client-face", "2026-10-19T09:00", "2026-10-19T11:17", 137),
    ("dossier", "2026-10-19T11:17", "2026-10-19T12:00", 43),
    ("rapportage", "2026-10-19T13:00", "2026-10-19T13:59", 59),
    ("tijdregistratie", "2026-10-19T16:50", "2026-10-19T17:03", 13),
    ("meetregistratie", "2026-10-19T17:03", "2026-10-19T17:10", 7),
    ("toewijzing-najagen", "2026-10-20T08:31", "2026-10-20T09:02", 31),
    ("dubbele-invoer", "2026-10-20T09:02", "2026-10-20T09:19", 17),
    ("netwerk", "2026-10-20T10:00", "2026-10-20T10:45", 45),
    ("dossier", "2026-10-21T23:40", "2026-10-22T00:29", 49),  # across midnight
    ("skj-registratie", "2026-10-23T14:00", "2026-10-23T14:11", 11),
    ("kwaliteitssysteem", "2026-10-23T14:11", "2026-10-23T15:00", 49),
    ("reistijd", "2026-10-23T15:00", "2026-10-23T15:25", 25),
    ("client-remote", "2026-10-25T01:30", "2026-10-25T03:30", 180),  # DST: 3 hours
]
# Accountability: rapportage 59 + tijdregistratie 13 + toewijzing-najagen 31 +
# dubbele-invoer 17 + skj-registratie 11 + kwaliteitssysteem 49 = 180.
# Care documentation (dossier): 43 + 49 = 92. Administration by CBS: 180 + 92 = 272.
# meetregistratie (7) is kind "other" and no administration. Total: 666.
EXPECTED = {"total": 666, "accountability": 180, "administration": 272, "other": 32}


@pytest.fixture
def db(tmp_path: Path) -> Database:
    database = Database(f"sqlite:///{tmp_path / 'v2.sqlite'}")
    ensure_schema(database.engine)
    with database.session() as session:
        team = ensure_team(session, ensure_organisation(session, "Test"), "Team Noord")
        ensure_worker(session, team, "Sanne")
    return database


def test_the_cbs_share_of_a_constructed_week_is_right_to_the_minute(db: Database) -> None:
    log = TimeLog(db, "Sanne", DEFAULT_CATEGORIES, TZ)
    for key, start, end, minutes in WEEK_ENTRIES:
        entry = log.add(key, at(start), at(end))
        assert entry.minutes() == minutes
    assert sum(m for *_, m in WEEK_ENTRIES) == EXPECTED["total"]
    with db.transaction() as connection:
        summary = summarise(connection, WEEK, NOW)
    assert summary.total_minutes == EXPECTED["total"]
    assert summary.minutes["accountability"] == EXPECTED["accountability"]
    assert summary.minutes["other"] == EXPECTED["other"]
    assert summary.administration_minutes == EXPECTED["administration"]
    assert summary.administration_share == EXPECTED["administration"] / EXPECTED["total"]
    assert summary.accountability_share == EXPECTED["accountability"] / EXPECTED["total"]
    # for whom: the municipality 59 + 13 + 31 + 17, SKJ 11, the own organisation 49 + 25 + 7
    assert summary.for_whom["gemeente"] == 120
    assert summary.for_whom["skj"] == 11
    assert summary.for_whom["organisatie"] == 81
    assert sum(summary.for_whom.values()) == EXPECTED["total"]


def test_the_definition_counts_accountability_and_care_documentation_only() -> None:
    administration = {c.key for c in DEFAULT_CATEGORIES if c.administration}
    accountability = {c.key for c in DEFAULT_CATEGORIES if c.kind == "accountability"}
    assert administration == accountability | {"dossier"}
    assert "meetregistratie" not in administration  # the measurement does not count itself
    assert "tijdregistratie" in accountability  # time-writing a financier demands does
    assert is_administration("indirect", True) and not is_administration("indirect", False)
    issue_categories = {  # the work professionals name (issue #18)
        "toewijzing-najagen", "dubbele-invoer", "kwaliteitssysteem", "incidentmelding",
        "meldcode-verwijsindex", "uitkomstvragenlijst", "skj-registratie",
        "accountantscontrole", "rechter-rvdk",
    }  # fmt: skip
    assert issue_categories <= accountability
    assert {c.for_whom for c in DEFAULT_CATEGORIES} == {
        "zorg", "organisatie", "gemeente", "igj", "rechter", "cbs", "accountant", "skj",
    }  # fmt: skip


def test_an_old_config_taxonomy_still_loads_with_sensible_axes(tmp_path: Path) -> None:
    config = parse_config(
        """
[[taxonomy]]
key = "dossier"
label = "Dossier"
kind = "indirect"

[[taxonomy]]
key = "wijkoverleg"
label = "Wijkoverleg"
kind = "accountability"

[[taxonomy]]
key = "huisbezoek"
label = "Huisbezoek"
kind = "client"
""",
        tmp_path / "config.toml",
    )
    assert config.taxonomy is not None
    found = {c.key: c for c in config.taxonomy}
    assert found["dossier"].care_documentation and found["dossier"].administration
    assert found["wijkoverleg"].for_whom == "gemeente" and found["wijkoverleg"].administration
    assert found["huisbezoek"].for_whom == "zorg" and not found["huisbezoek"].administration


def test_a_new_config_can_set_the_axes(tmp_path: Path) -> None:
    config = parse_config(
        '[[taxonomy]]\nkey = "verslag"\nlabel = "Verslag"\nkind = "indirect"\n'
        'for_whom = "rechter"\ncare_documentation = true\n',
        tmp_path / "config.toml",
    )
    assert config.taxonomy is not None
    (only,) = config.taxonomy
    assert (only.for_whom, only.administration) == ("rechter", True)
    from regeldruk.errors import ConfigError

    with pytest.raises(ConfigError, match="for_whom"):
        parse_config(
            '[[taxonomy]]\nkey = "x"\nlabel = "X"\nkind = "other"\nfor_whom = "baas"\n',
            tmp_path / "config.toml",
        )


def test_a_0005_database_with_entries_upgrades(db_url: str) -> None:
    """Stored keys do not change: old entries keep their category and now count right."""
    db = Database(db_url)
    upgrade(db.engine, "0005")
    with db.engine.begin() as connection:
        # A 0005 database as an older regeldruk left it: its own (v1) labels, no axes.
        connection.execute(
            text("DELETE FROM category WHERE key IN ('meetregistratie', 'skj-registratie')")
        )
        connection.execute(
            text("UPDATE category SET label = 'Tijdregistratie' WHERE key = 'tijdregistratie'")
        )
        connection.execute(
            text(
                "INSERT INTO category (key, label, kind) "
                "VALUES ('eigen', 'Eigen', 'accountability')"
            )
        )
        connection.execute(
            text(
                "INSERT INTO organisation (id, uuid, name, created_at) VALUES "
                "(1, 'u', 'Test', '2026-01-01 00:00:00')"
            )
        )
        connection.execute(text("INSERT INTO team (id, organisation_id, name) VALUES (1, 1, 'T')"))
        connection.execute(
            text(
                "INSERT INTO worker (id, team_id, name, role, contract_hours) "
                "VALUES (1, 1, 'W', 'medewerker', 36)"
            )
        )
        for n, key in enumerate(("dossier", "tijdregistratie", "eigen"), start=1):
            connection.execute(
                text(
                    "INSERT INTO time_entry (id, worker_id, category_key, start_at, end_at, "
                    "created_at, updated_at) VALUES (:id, 1, :key, :s, :e, :s, :s)"
                ),
                {"id": n, "key": key, "s": f"2026-10-0{n} 08:00:00", "e": f"2026-10-0{n} 09:00:00"},
            )
        connection.execute(
            text(
                "INSERT INTO audit_event (id, at, actor_id, entry_id, action) "
                "VALUES (1, '2026-10-01 09:00:00', 1, 1, 'create')"
            )
        )
    assert upgrade(db.engine) == ("0005", HEAD_REVISION)  # through 0006_i18 and later ones
    with db.transaction() as connection:
        rows = {
            key: (whom, bool(admin))
            for key, whom, admin in connection.execute(
                select(category.c.key, category.c.for_whom, category.c.administration)
            )
        }
        assert rows["dossier"] == ("zorg", True)
        assert rows["tijdregistratie"] == ("gemeente", True)
        assert rows["eigen"] == ("gemeente", True)  # a key of its own: default by kind
        assert rows["meetregistratie"] == ("organisatie", False)  # added
        assert rows["skj-registratie"] == ("skj", True)
        keys = list(connection.scalars(select(time_entry.c.category_key).order_by(time_entry.c.id)))
        assert keys == ["dossier", "tijdregistratie", "eigen"]
        audit = connection.execute(text("SELECT action, entry_id FROM audit_event")).all()
        assert [tuple(a) for a in audit] == [("create", 1)]
        october = Period(date(2026, 10, 1), date(2026, 10, 31), TZ)
        summary = summarise(connection, october, NOW)
    assert summary.administration_minutes == 180 and summary.minutes["accountability"] == 120
    db.dispose()
