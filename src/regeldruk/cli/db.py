"""`regeldruk db ...`: schema upgrades."""

from __future__ import annotations

from pathlib import Path

import click

from regeldruk.cli.context import AppContext


@click.group()
def db() -> None:
    """Beheer de database.

    Voorbeeld: regeldruk db upgrade
    """


@db.command()
@click.pass_obj
def upgrade(app: AppContext) -> None:
    """Werk het databaseschema bij naar de nieuwste versie.

    Voorbeeld: regeldruk --database postgresql://localhost/regeldruk db upgrade
    """
    from regeldruk.db.engine import Database
    from regeldruk.db.engine import upgrade as run_upgrade

    database = Database(app.database_url)
    before, after = run_upgrade(database.engine)
    if before == after:
        click.echo(f"Het schema is al actueel (versie {after}).")
    else:
        click.echo(f"Schema bijgewerkt van {before or 'leeg'} naar {after}.")


@db.command("backup")
@click.argument("target", type=click.Path(dir_okay=False, path_type=Path))
@click.pass_obj
def backup_command(app: AppContext, target: Path) -> None:
    """Maak een consistente reservekopie van de SQLite-database, ook terwijl die in gebruik is.

    Voorbeeld: regeldruk db backup regeldruk-2026-11-22.sqlite
    """
    from regeldruk.backup import backup

    count = backup(app.database_url, target)
    click.echo(f"Reservekopie: {target} ({count} registraties, integriteit in orde).")


@db.command("restore")
@click.argument("source", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--yes", is_flag=True, help="Niet vragen om bevestiging.")
@click.pass_obj
def restore_command(app: AppContext, source: Path, yes: bool) -> None:
    """Zet een reservekopie terug; de huidige database blijft bewaard als *.voor-herstel.

    Voorbeeld: regeldruk db restore regeldruk-2026-11-22.sqlite --yes
    """
    from regeldruk.backup import restore

    if not yes and not click.confirm("De huidige database vervangen door de reservekopie?"):
        raise click.Abort()
    count = restore(app.database_url, source)
    click.echo(f"Teruggezet: {count} registraties uit {source}.")
