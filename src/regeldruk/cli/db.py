"""`regeldruk db ...`: schema upgrades."""

from __future__ import annotations

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
