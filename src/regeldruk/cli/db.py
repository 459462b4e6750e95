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


@db.command("roles")
@click.pass_obj
def roles_command(app: AppContext) -> None:
    """Zet databaserollen en rijbeveiliging op een gedeelde PostgreSQL op (herhaalbaar).

    Maakt de groepsrollen regeldruk_medewerker (alleen eigen registraties),
    regeldruk_teamleider (die van het eigen team) en regeldruk_sector (alleen de
    sectortabellen). Voer het uit als eigenaar van de database, ook na 'db upgrade'.

    Voorbeeld: regeldruk --database postgresql://beheer@db/regeldruk db roles
    """
    from regeldruk.access import GROUPS, setup_roles

    synced = setup_roles(app.database().engine, app.tz)
    click.echo(f"Rollen en rijbeveiliging ingesteld: {', '.join(GROUPS)}.")
    click.echo(f"{synced} medewerkerlogin(s) in de juiste groep gezet.")


@db.command("login")
@click.argument("login")
@click.option("--worker", "worker_name", help="De medewerker bij wie deze login hoort.")
@click.option("--sector", is_flag=True, help="Een login voor alleen de sectortabellen.")
@click.option("--password", is_flag=True, help="Vraag om een wachtwoord voor de login.")
@click.pass_obj
def login_command(
    app: AppContext, login: str, worker_name: str | None, sector: bool, password: bool
) -> None:
    """Geef een persoon een eigen databaselogin met de rechten van zijn of haar rol.

    Voorbeeld: regeldruk db login sanne --worker "Sanne" --password
    """
    from regeldruk.access import grant_sector_login, grant_worker_login
    from regeldruk.errors import RegeldrukError

    if sector == bool(worker_name):
        raise RegeldrukError("Kies precies één van --worker NAAM of --sector.")
    secret = (
        click.prompt("Wachtwoord", hide_input=True, confirmation_prompt=True) if password else None
    )
    engine = app.database().engine
    if sector:
        made = grant_sector_login(engine, login, secret)
        click.echo(f"Login {made.login} mag alleen de sectortabellen gebruiken ({made.group}).")
    else:
        assert worker_name is not None
        made = grant_worker_login(engine, login, worker_name, secret)
        click.echo(f"Login {made.login} hoort bij {made.worker} ({made.group}).")


@db.command("revoke")
@click.argument("login")
@click.pass_obj
def revoke_command(app: AppContext, login: str) -> None:
    """Trek een databaselogin in: geen groep meer, niet meer inloggen.

    Voorbeeld: regeldruk db revoke sanne
    """
    from regeldruk.access import revoke_login

    revoke_login(app.database().engine, login)
    click.echo(f"Login {login} ingetrokken.")


@db.command("logins")
@click.pass_obj
def logins_command(app: AppContext) -> None:
    """Toon welke databaselogins er zijn, in welke groep, en bij welke medewerker.

    Voorbeeld: regeldruk db logins
    """
    from regeldruk.access import list_logins

    logins = list_logins(app.database().engine)
    if not logins:
        click.echo("Nog geen databaselogins. Maak er een met 'regeldruk db login'.")
    for item in logins:
        click.echo(f"{item.login:<24} {item.group:<22} {item.worker or '-'}")
