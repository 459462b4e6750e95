"""`regeldruk export sector`, `regeldruk sector import` and `regeldruk sector report`."""

from __future__ import annotations

import sys
from datetime import timedelta
from pathlib import Path

import click

from regeldruk.cli.context import AppContext


@click.command("sector")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="Het pakket (.zip).",
)
@click.option("--from", "first", metavar="DATE", help="Eerste dag (standaard: vorig kwartaal).")
@click.option("--to", "last", metavar="DATE", help="Laatste dag (inclusief).")
@click.option(
    "--k",
    "k",
    type=int,
    default=10,
    show_default=True,
    help="Minimum aantal medewerkers achter elke cel (minstens 5).",
)
@click.pass_obj
def export_sector(
    app: AppContext, output: Path, first: str | None, last: str | None, k: int
) -> None:
    """Geanonimiseerd sectorpakket: cellen van minstens k medewerkers, zonder namen.

    Voorbeeld: regeldruk export sector -o pakket.zip --from 2026-07-01 --to 2026-09-30
    """
    from regeldruk.cli.common import resolve_days
    from regeldruk.fmt import local
    from regeldruk.reporting import Period
    from regeldruk.sector import build_export, write_export
    from regeldruk.timeparse import now_utc

    if output.suffix.lower() != ".zip":
        raise click.UsageError("Het pakket moet op .zip eindigen.")
    if first or last:
        start, end = resolve_days(
            app.tz, None, first, last or local(now_utc(), app.tz).date().isoformat()
        )
    else:
        today = local(now_utc(), app.tz).date()
        quarter_start = today.replace(month=(today.month - 1) // 3 * 3 + 1, day=1)
        end = quarter_start - timedelta(days=1)
        start = end.replace(month=(end.month - 1) // 3 * 3 + 1, day=1)
    result = build_export(app.database(), Period(start, end, app.tz), k)
    write_export(result, output)
    package = result.package
    click.echo(
        f"Geschreven: {output} ({len(package.published)} cellen per {package.level[0]} en "
        f"{_area_name(package.level[1])}, k = {k})"
    )
    click.echo(
        f"Onderdrukt: {package.suppressed_minutes / 60:.1f} van "
        f"{(package.published_minutes + package.suppressed_minutes) / 60:.1f} uur "
        f"({package.suppressed_share:.1%}) in {len(package.suppressed)} cellen."
    )


def _area_name(level: str) -> str:
    return {"municipality": "gemeente", "region": "jeugdzorgregio", "NL": "heel Nederland"}[level]


@click.group()
def sector() -> None:
    """De sectordatabase: pakketten importeren en een sectorbeeld maken.

    Voorbeeld: regeldruk --database postgresql://localhost/sector sector import *.zip
    """


@sector.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--min-k",
    type=int,
    default=10,
    show_default=True,
    help="Het minimum k dat deze sectordatabase accepteert.",
)
@click.pass_obj
def import_command(app: AppContext, files: tuple[Path, ...], min_k: int) -> None:
    """Importeer sectorpakketten: alles of niets, dubbel importeren verandert niets.

    Voorbeeld: regeldruk sector import pakket-*.zip
    """
    from regeldruk.sector import import_packages

    db = app.database()
    if sys.stderr.isatty() and len(files) > 3:
        from rich.progress import Progress

        with Progress(transient=True) as bar:
            task = bar.add_task("Pakketten importeren…", total=len(files))
            messages = import_packages(
                db, list(files), min_k, lambda n: bar.update(task, completed=n)
            )
    else:
        messages = import_packages(db, list(files), min_k)
    for message in messages:
        click.echo(message)


@sector.command("report")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="Het rapport: .xlsx, .md of .html.",
)
@click.pass_obj
def report_command(app: AppContext, output: Path) -> None:
    """Sectorbeeld per regio, gemeente, categorie en periode (minstens 3 organisaties).

    Voorbeeld: regeldruk sector report -o sectorbeeld.xlsx
    """
    from regeldruk.exports.sector_report import write_sector_report
    from regeldruk.sector import build_sector_report

    if output.suffix.lower() not in (".xlsx", ".md", ".html"):
        raise click.UsageError("Kies een rapport met .xlsx, .md of .html.")
    report = build_sector_report(app.database())
    write_sector_report(report, output)
    click.echo(
        f"Geschreven: {output} ({report.packages} pakketten, {report.organisations} organisaties)"
    )
