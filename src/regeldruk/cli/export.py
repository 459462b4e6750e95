"""`regeldruk export ...`: the Excel summary (and, later, the sector package)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import click

from regeldruk.cli.common import resolve_days
from regeldruk.cli.context import AppContext
from regeldruk.fmt import local
from regeldruk.timeparse import now_utc


@click.group()
def export() -> None:
    """Exporteer overzichten.

    Voorbeeld: regeldruk export xlsx -o team.xlsx --from 2026-10-01 --to 2026-10-31
    """


@export.command()
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="Het Excel-bestand (.xlsx).",
)
@click.option("--team", metavar="TEAM", help="Team (voor teamleiders; standaard uw eigen team).")
@click.option("--from", "first", metavar="DATE", help="Eerste dag (standaard: deze maand).")
@click.option("--to", "last", metavar="DATE", help="Laatste dag (inclusief).")
@click.pass_obj
def xlsx(
    app: AppContext, output: Path, team: str | None, first: str | None, last: str | None
) -> None:
    """Excel-overzicht: per soort, per week, per gemeente, per formulier, alle registraties.

    Een teamleider exporteert het team, een medewerker alleen de eigen cijfers.

    Voorbeeld: regeldruk export xlsx -o oktober.xlsx --from 2026-10-01 --to 2026-10-31
    """
    from regeldruk.exports.xlsx_team import write_team_workbook
    from regeldruk.reporting import Period
    from regeldruk.teamexport import build_team_export, resolve_scope

    if output.suffix.lower() != ".xlsx":
        raise click.UsageError("Het uitvoerbestand moet op .xlsx eindigen.")
    start, end = _month_or_given(app, first, last)
    db = app.database()
    scope = resolve_scope(db, app.worker_name(), team)
    data = build_team_export(db, scope, Period(start, end, app.tz), now_utc())
    output.parent.mkdir(parents=True, exist_ok=True)
    partial = output.with_name(output.name + ".deel")
    count = write_team_workbook(data, partial)
    partial.replace(output)  # a half-written workbook never takes the name
    click.echo(
        f"Geschreven: {output} ({scope.label}, {start:%d-%m-%Y} t/m {end:%d-%m-%Y}, "
        f"{count} registraties)"
    )


def _month_or_given(app: AppContext, first: str | None, last: str | None) -> tuple[date, date]:
    """--from/--to (--from alone runs to today); neither means the current month."""
    today = local(now_utc(), app.tz).date()
    if first or last:
        return resolve_days(app.tz, None, first, last or today.isoformat())
    start = today.replace(day=1)
    end = (start + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    return start, end


def _register_sector() -> None:
    from regeldruk.cli.sector import export_sector

    export.add_command(export_sector)


_register_sector()
