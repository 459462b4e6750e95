"""`regeldruk init` and `regeldruk categories`."""

from __future__ import annotations

import dataclasses
import json
import sys

import click

from regeldruk.cli.context import AppContext
from regeldruk.taxonomy import FOR_WHOM_LABELS, KIND_LABELS, category_json


@click.command()
@click.option("--database", "database", metavar="URL", help="Database-URL om te bewaren.")
@click.option("--worker", help="Uw naam zoals die in de teamoverzichten staat.")
@click.option("--team", help="Uw team.")
@click.option("--organisation", help="Naam van de organisatie (blijft binnen de organisatie).")
@click.option(
    "--role",
    type=click.Choice(["medewerker", "teamleider", "beheerder"]),
    default="medewerker",
    show_default=True,
)
@click.option("--contract-hours", type=click.FloatRange(0, 60), default=36.0, show_default=True)
@click.pass_obj
def init(
    app: AppContext,
    database: str | None,
    worker: str | None,
    team: str | None,
    organisation: str | None,
    role: str,
    contract_hours: float,
) -> None:
    """Maak configuratie en database aan (veilig om te herhalen).

    Vraagt alleen naar wat de opties openlaten, en nooit als invoer niet van een terminal komt.

    Voorbeeld: regeldruk init --worker "Sanne de Vries" --team "Team Noord"
    """
    from regeldruk.organisation import ensure_organisation, ensure_team, ensure_worker

    config = app.config
    interactive = sys.stdin.isatty()
    worker = worker or config.worker
    team = team or config.team
    if interactive and not worker:
        worker = click.prompt("Uw naam")
    if interactive and not team:
        team = click.prompt("Uw team")
    updated = dataclasses.replace(
        config,
        database=database or config.database,
        worker=worker,
        team=team,
        organisation=organisation or config.organisation,
    )
    if updated != config or not config.exists:
        from regeldruk.config import write_config

        write_config(updated)
    app.config = updated
    if database:
        app.database_url = database
    db = app.database()
    with db.session() as session:
        org = ensure_organisation(session, updated.organisation)
        if worker and team:
            ensure_worker(session, ensure_team(session, org, team), worker, role, contract_hours)
    click.echo(f"Configuratie: {updated.path}")
    click.echo(f"Database:     {db.engine.url.render_as_string(hide_password=True)}")
    if worker and team:
        click.echo(f"Medewerker:   {worker} ({team}, {role})")
    else:
        click.echo("Nog geen medewerker ingesteld: geef --worker en --team op.")


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Als JSON.")
@click.pass_obj
def categories(app: AppContext, as_json: bool) -> None:
    """Toon de activiteitencategorieën (de taxonomie).

    Voorbeeld: regeldruk categories --json
    """
    if as_json:
        payload = [category_json(c) for c in app.categories]
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    width = max(len(c.key) for c in app.categories)
    for kind, label in KIND_LABELS.items():
        click.echo(f"{label}:")
        for category in app.categories:
            if category.kind == kind:
                whom = FOR_WHOM_LABELS.get(category.for_whom, category.for_whom)
                mark = " *" if category.administration and kind != "accountability" else ""
                click.echo(f"  {category.key:<{width}}  {category.label}{mark}  [{whom}]")
    click.echo(
        "[...] = voor wie; * = telt als administratie volgens CBS (naast alle verantwoording)."
    )
