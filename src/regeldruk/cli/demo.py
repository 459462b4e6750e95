"""`regeldruk demo`: a demo organisation on embedded SQLite, with every report written."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import click

from regeldruk.cli.context import AppContext

if TYPE_CHECKING:
    from regeldruk.analysis import Analysis
    from regeldruk.db.engine import Database
    from regeldruk.demo import DemoResult

DEMO_DATABASE = "regeldruk-demo.sqlite"


@click.command()
@click.option(
    "--dir",
    "directory",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("regeldruk-demo"),
    show_default=True,
    help="Map voor de demodatabase en de rapporten.",
)
@click.pass_obj
def demo(app: AppContext, directory: Path) -> None:
    """Bouw een fictieve demo-organisatie en schrijf alle rapporten in een map.

    Heeft geen 'regeldruk init' nodig en raakt uw eigen database niet aan.

    Voorbeeld: regeldruk demo --dir /tmp/demo
    """
    from regeldruk.db.engine import Database, ensure_schema
    from regeldruk.demo import REPORT_WEEK, approve_demo_weeks, build_demo, measure_demo
    from regeldruk.exports.markdown_report import render_report_markdown
    from regeldruk.exports.xlsx_team import write_team_workbook
    from regeldruk.fmt import percent
    from regeldruk.reporting import Period, build_report
    from regeldruk.teamexport import build_team_export, resolve_scope
    from regeldruk.timeparse import now_utc

    directory.mkdir(parents=True, exist_ok=True)
    database_path = directory / DEMO_DATABASE
    for suffix in ("", "-wal", "-shm"):  # the demo database is ours to rebuild
        Path(f"{database_path}{suffix}").unlink(missing_ok=True)
    db = Database(f"sqlite:///{database_path}")
    ensure_schema(db.engine)
    click.echo("Demo-organisatie opbouwen…")
    result = build_demo(db)
    app.database_url = db.url  # errors below name the demo database
    click.echo(
        f"  {result.teams} teams, {result.workers} medewerkers, {result.entries} registraties "
        f"({result.first:%d-%m-%Y} t/m {result.last:%d-%m-%Y})"
    )
    weeks, shared, answered = measure_demo(db, result)
    click.echo(
        f"  {weeks} meetweken gepland, {shared} medewerkers delen hun eigen cijfers met de "
        f"teamleider, {answered} peilingen beantwoord"
    )
    monday = date.fromisocalendar(*REPORT_WEEK, 1)
    period = Period(monday, date.fromisocalendar(*REPORT_WEEK, 7), app.tz)
    with db.transaction() as connection:
        from sqlalchemy import select

        from regeldruk.db.schema import worker

        ids = list(connection.scalars(select(worker.c.id)))
        report = build_report(connection, period, now_utc(), "De Voorbeeldhaven", ids, True)
    written = [
        directory / "weekrapport.md",
        directory / "weekrapport.json",
        directory / "teamoverzicht-team-noord.xlsx",
        directory / "formulieren-analyse.json",
        directory / "formulieren-analyse.xlsx",
        directory / "voorstellen.md",
        directory / "voorstellen.html",
        directory / "voorstellen.xlsx",
        directory / "voorstellen.json",
        directory / "sectorpakket.zip",
        directory / "sectorbeeld.xlsx",
        directory / "sectorbeeld.md",
        directory / "sectorbeeld.html",
    ]
    written[0].write_text(render_report_markdown(report), encoding="utf-8")
    written[1].write_text(
        json.dumps(report.to_json(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    approve_demo_weeks(db, result)
    lead = result.leads["Team Noord"]
    scope = resolve_scope(db, lead, "Team Noord")
    team_export = build_team_export(db, scope, Period(result.first, result.last, app.tz), now_utc())
    write_team_workbook(team_export, written[2])
    analysis = _analyse_shipped_catalogue()
    written[3].write_text(
        json.dumps(analysis.to_json(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    from regeldruk.exports.xlsx_analysis import write_analysis_workbook

    write_analysis_workbook(analysis, written[4])
    written.append(_write_proposals(db, analysis, result, app.tz, written[5:9]))
    _write_sector(db, result, app.tz, directory, written[9], written[10:13])
    written.append(_import_openforms_example(directory))
    db.dispose()
    s = report.summary
    click.echo(
        f"Week {REPORT_WEEK[0]}-W{REPORT_WEEK[1]}: aandeel verantwoording "
        f"{percent(s.accountability_share)}, aandeel administratie volgens CBS "
        f"{percent(s.administration_share)} (met dossier en verslaglegging)"
    )
    click.echo("Geschreven:")
    click.echo(f"  {database_path}")
    for path in written:
        click.echo(f"  {path}")
    click.echo(
        f"Verder kijken: regeldruk --database sqlite:///{database_path} report --team "
        "'Team Noord' --week 2026-W44"
    )


def _analyse_shipped_catalogue() -> Analysis:
    from regeldruk.analysis import analyse
    from regeldruk.errors import RegeldrukError
    from regeldruk.forms import load_catalogue, shipped_catalogue

    catalogue, problems = load_catalogue(shipped_catalogue())
    if problems:
        raise RegeldrukError(f"De meegeleverde catalogus heeft problemen: {problems[0]}")
    return analyse(catalogue)


def _import_openforms_example(directory: Path) -> Path:
    """A real form in: Nijmegen's Open Forms export (shipped, Apache-2.0) as a draft, checked."""
    from importlib import resources

    from regeldruk.errors import RegeldrukError
    from regeldruk.formimport import import_forms
    from regeldruk.forms import load_catalogue
    from regeldruk.timeparse import now_utc

    target = directory / "formulieren-import"
    for old in target.glob("*.yaml"):  # the demo's own drafts: rebuilt on every run
        old.unlink()
    shipped = resources.files("regeldruk.data").joinpath("openforms")
    with resources.as_file(shipped / "maatwerkovereenkomstJeugdEnWmoAanvragen3.zip") as export:
        stamp = now_utc().replace(microsecond=0).isoformat()
        (outcome,) = import_forms([export], "GM0268", target, stamp)
    catalogue, problems = load_catalogue(target)
    if problems or outcome.path is None:
        raise RegeldrukError(f"De geïmporteerde demo-export is niet in orde: {problems[:1]}")
    click.echo(
        f"  Open Forms-export van Nijmegen geïmporteerd: {len(catalogue.forms[0].fields)} velden, "
        "concept (forms check: in orde)"
    )
    return outcome.path


def _write_proposals(
    db: Database, analysis: Analysis, result: DemoResult, tz: str, paths: list[Path]
) -> Path:
    """The proposals in every format, and one Markdown document per addressee. The
    measurement period is the demo's six weeks; the settings are the defaults."""
    from regeldruk.demo import ORGANISATION
    from regeldruk.exports.proposals_render import write_per_addressee, write_proposals
    from regeldruk.proposals import report_for
    from regeldruk.proposals.settings import Settings

    report = report_for(
        analysis.catalogue,
        Settings(),
        db,
        ORGANISATION,
        result.last,
        result.first,
        result.last,
        tz,
        analysis,
    )
    for path in paths:
        write_proposals(path, path.suffix.lstrip("."), report)
    letters = paths[0].parent / "voorstellen-per-geadresseerde"
    write_per_addressee(letters, "md", report)
    return letters


DEMO_NOW = "2026-11-02T09:00:00+01:00"  # the demo's packages are made early November


def _write_sector(
    db: Database,
    result: DemoResult,
    tz: str,
    directory: Path,
    package: Path,
    reports: list[Path],
) -> None:
    """A demo sector body with its profile; the demo organisation and nine made-up ones
    register, and their signed October packages go into the sector database, from which
    the sector report comes."""
    import hashlib
    import json
    import uuid
    from datetime import datetime

    from regeldruk.db.engine import Database, ensure_schema
    from regeldruk.demo import synthetic_minutes
    from regeldruk.exports.sector_report import write_sector_report
    from regeldruk.sector import (
        build_export,
        import_packages,
        package_contributions,
        set_sector_profile,
        trust,
        write_export,
    )
    from regeldruk.sectorkeys import OrganisationKey, Registration, registration, save_key
    from regeldruk.sectorprofile import make_profile, parse_period, write_profile
    from regeldruk.sectorreport import build_sector_report

    now = datetime.fromisoformat(DEMO_NOW)
    sector_path = directory / "regeldruk-sector.sqlite"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{sector_path}{suffix}").unlink(missing_ok=True)
    sector = Database(f"sqlite:///{sector_path}")
    ensure_schema(sector.engine)
    profile = make_profile("month", "region", 10)
    set_sector_profile(sector, profile)
    write_profile(profile, directory / "sectorprofiel.json")

    def demo_key(number: int) -> OrganisationKey:
        # Fixed keys, so the demo gives the same packages every run; never for real use.
        return OrganisationKey(hashlib.sha256(b"regeldruk-demo-%d" % number).digest())

    own_key = demo_key(0)
    key_path = directory / "sector-sleutel.pem"
    key_path.unlink(missing_ok=True)
    save_key(own_key, key_path)
    with db.transaction() as connection:
        from sqlalchemy import select

        from regeldruk.db.schema import organisation

        own_id = str(connection.execute(select(organisation.c.uuid)).scalar()).lower()
    own_registration = registration(own_id, own_key, now)
    (directory / "registratie.json").write_text(
        json.dumps(own_registration, indent=1) + "\n", encoding="utf-8"
    )
    trust(sector, Registration(own_id, own_key.public_bytes))
    october = parse_period("2026-10")
    write_export(build_export(db, profile, own_key, october, tz, now), package)
    others = directory / "sector-andere-organisaties"
    others.mkdir(exist_ok=True)
    paths = [package]
    for number in range(1, 10):
        key = demo_key(number)
        organisation_id = str(uuid.UUID(int=number))
        trust(sector, Registration(organisation_id, key.public_bytes))
        minutes = synthetic_minutes(number, october.first, october.last)
        path = others / f"organisatie-{number}.zip"
        export = package_contributions(minutes, organisation_id, profile, key, october, None, now)
        write_export(export, path)
        paths.append(path)
    import_packages(sector, paths, now=now)
    report = build_sector_report(sector)
    for path in reports:
        write_sector_report(report, path)
    sector.dispose()
