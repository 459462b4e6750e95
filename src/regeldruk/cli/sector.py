"""`regeldruk export sector` and the `regeldruk sector ...` commands.

Organisation side: `sector register` (once), `export sector` (per period of the grid).
Sector side: `sector profile`, `sector trust`, `sector import`, `sector report`.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from regeldruk.cli.context import AppContext

KEY_HELP = "Het bestand met de sleutel van de organisatie (standaard in de gegevensmap)."


def _key_path(given: Path | None) -> Path:
    from regeldruk import locations

    return given or locations.data_dir() / "sector-sleutel.pem"


def _refuse_old_option(ctx: click.Context, param: click.Parameter, value: object) -> None:
    if value is not None:
        raise click.UsageError(
            f"{param.opts[0]} bestaat niet meer voor sectorpakketten: een pakket beslaat één "
            "periode van het sectorprofiel, met de k van de sector (--period 2026-10)."
        )


def _old_option(name: str) -> Callable[[Any], Any]:
    """An option of the old contract, refused with a Dutch line before anything else."""
    return click.option(
        name, hidden=True, expose_value=False, is_eager=True, callback=_refuse_old_option
    )


@click.command("sector")
@_old_option("--from")
@_old_option("--to")
@_old_option("--k")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="Het pakket (.zip).",
)
@click.option(
    "--profile",
    "profile_path",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="Het sectorprofiel dat de sector u stuurde (regeldruk/sector-profile@1).",
)
@click.option(
    "--period",
    metavar="PERIODE",
    help="De maand (2026-10) of het kwartaal (2026-Q4); standaard de laatste die voorbij is.",
)
@click.option("--key", type=click.Path(dir_okay=False, path_type=Path), help=KEY_HELP)
@click.pass_obj
def export_sector(
    app: AppContext, output: Path, profile_path: Path, period: str | None, key: Path | None
) -> None:
    """Geanonimiseerd, ondertekend sectorpakket van één periode, zonder namen.

    Een periode die al verstuurd is, komt precies zo nog eens (nooit een tweede versie);
    wat later nog voor een verstuurde periode is geregistreerd, gaat als correctie mee in
    het volgende pakket.

    Voorbeeld: regeldruk export sector -o pakket.zip --profile sectorprofiel.json --period 2026-10
    """
    from regeldruk.fmt import local
    from regeldruk.sector import build_export, write_export
    from regeldruk.sectorkeys import load_key
    from regeldruk.sectorprofile import last_complete, parse_period, read_profile
    from regeldruk.textsafe import for_terminal
    from regeldruk.timeparse import now_utc

    if output.suffix.lower() != ".zip":
        raise click.UsageError("Het pakket moet op .zip eindigen.")
    profile = read_profile(profile_path)
    now = now_utc()
    grid = (
        parse_period(period) if period else last_complete(profile.period, local(now, app.tz).date())
    )
    result = build_export(app.database(), profile, load_key(_key_path(key)), grid, app.tz, now)
    write_export(result, output)
    if result.repeated:
        click.echo(
            f"Geschreven: {for_terminal(output)} (periode {grid.label} was al verstuurd: "
            "hetzelfde pakket opnieuw, ongewijzigd)"
        )
        return
    package = result.package
    assert package is not None
    corrections = result.manifest["corrections"]
    extra = f", met correcties voor {', '.join(corrections)}" if corrections else ""
    click.echo(
        f"Geschreven: {for_terminal(output)} ({len(package.published)} cellen, {grid.label}, "
        f"{profile.describe()}{extra})"
    )
    click.echo(
        f"Onderdrukt: {package.suppressed_minutes / 60:.1f} van "
        f"{(package.published_minutes + package.suppressed_minutes) / 60:.1f} uur "
        f"({package.suppressed_share:.1%}) in {len(package.suppressed)} cellen."
    )


@click.group()
def sector() -> None:
    """Sectorpakketten: registreren (organisatie), profiel, vertrouwen, importeren, rapport.

    Voorbeeld: regeldruk --database postgresql://localhost/sector sector import *.zip
    """


@sector.command("register")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="Het registratiebestand voor de sector (.json).",
)
@click.option("--key", type=click.Path(dir_okay=False, path_type=Path), help=KEY_HELP)
@click.pass_obj
def register_command(app: AppContext, output: Path, key: Path | None) -> None:
    """Registreer deze organisatie bij de sector: een sleutelpaar en een registratiebestand.

    De geheime sleutel blijft hier; het registratiebestand (organisatie-id en publieke
    sleutel) gaat naar de sector. Lees de vingerafdruk telefonisch voor ter controle.

    Voorbeeld: regeldruk sector register -o registratie.json
    """
    import json

    from sqlalchemy import select

    from regeldruk.db.schema import organisation
    from regeldruk.errors import RegeldrukError
    from regeldruk.sectorkeys import fingerprint, load_or_create_key, registration
    from regeldruk.textsafe import for_terminal
    from regeldruk.timeparse import now_utc

    with app.database().transaction() as connection:
        org = connection.execute(select(organisation.c.uuid)).scalar()
    if org is None:
        raise RegeldrukError("Er is nog geen organisatie: voer eerst 'regeldruk init' uit.")
    path = _key_path(key)
    secret, made = load_or_create_key(path)
    content = registration(str(org).lower(), secret, now_utc())
    output.write_text(json.dumps(content, indent=1) + "\n", encoding="utf-8")
    state = "nieuw gemaakt" if made else "bestaand"
    click.echo(f"Sleutel ({state}): {for_terminal(path)}")
    click.echo(f"Geschreven: {for_terminal(output)} (organisatie {content['organisation']})")
    click.echo(f"Vingerafdruk: {fingerprint(secret.public_bytes)}")


@sector.command("profile")
@click.option("--period", type=click.Choice(["month", "quarter"]), help="Maand of kwartaal.")
@click.option(
    "--area", type=click.Choice(["municipality", "region", "NL"]), help="Het gebiedsniveau."
)
@click.option("--k", type=int, help="Minimum aantal medewerkers achter elke cel (5 tot 1000).")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Schrijf het profiel als bestand voor de organisaties.",
)
@click.pass_obj
def profile_command(
    app: AppContext, period: str | None, area: str | None, k: int | None, output: Path | None
) -> None:
    """Het sectorprofiel: periode, gebiedsniveau en k die elke organisatie gebruikt.

    Zonder opties: toon het profiel. Met -o: schrijf het als bestand voor de organisaties.

    Voorbeeld: regeldruk sector profile --period month --area region --k 10 -o sectorprofiel.json
    """
    from regeldruk.errors import RegeldrukError
    from regeldruk.sector import require_profile, sector_profile, set_sector_profile
    from regeldruk.sectorprofile import make_profile, write_profile
    from regeldruk.textsafe import for_terminal

    db = app.database()
    if period or area or k is not None:
        with db.transaction() as connection:
            current = sector_profile(connection)
        if current is None and not (period and area and k is not None):
            raise RegeldrukError("Een eerste sectorprofiel heeft --period, --area en --k nodig.")
        profile = make_profile(
            period or (current.period if current else None),
            area or (current.area if current else None),
            k if k is not None else (current.k if current else None),
        )
        previous = set_sector_profile(db, profile)
        click.echo(f"Sectorprofiel: {profile.describe()}")
        if previous is not None:
            click.echo(
                f"Let op: het vorige profiel ({previous.describe()}) geldt niet meer; "
                "pakketten die ermee gemaakt zijn, worden geweigerd."
            )
    with db.transaction() as connection:
        profile = require_profile(connection)
    if output is not None:
        write_profile(profile, output)
        click.echo(f"Geschreven: {for_terminal(output)}")
    elif not (period or area or k is not None):
        click.echo(f"Sectorprofiel: {profile.describe()}")


@sector.command("trust")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--replace", is_flag=True, help="Vervang de sleutel van een bekende organisatie.")
@click.pass_obj
def trust_command(app: AppContext, files: tuple[Path, ...], replace: bool) -> None:
    """Vertrouw organisaties: leg hun registratie (id en publieke sleutel) vast.

    Controleer eerst de vingerafdruk telefonisch met de organisatie.

    Voorbeeld: regeldruk sector trust registratie-jeugdhulp-noord.json
    """
    from regeldruk.sector import trust
    from regeldruk.sectorkeys import read_registration
    from regeldruk.textsafe import for_terminal

    db = app.database()
    registrations = [read_registration(path) for path in files]  # all checked first
    for path, found in zip(files, registrations, strict=True):
        outcome = trust(db, found, replace)
        click.echo(
            f"{for_terminal(path.name)}: organisatie {found.organisation} {outcome} "
            f"(vingerafdruk {found.fingerprint})"
        )


@sector.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@_old_option("--min-k")
@click.pass_obj
def import_command(app: AppContext, files: tuple[Path, ...]) -> None:
    """Importeer sectorpakketten: alles of niets, dubbel importeren verandert niets.

    Alleen ondertekende pakketten van vertrouwde organisaties, volgens het sectorprofiel,
    één per organisatie en periode.

    Voorbeeld: regeldruk sector import pakket-*.zip
    """
    from regeldruk.sector import import_packages

    db = app.database()
    if sys.stderr.isatty() and len(files) > 3:
        from rich.progress import Progress

        with Progress(transient=True) as bar:
            task = bar.add_task("Pakketten importeren…", total=len(files))
            messages = import_packages(db, list(files), lambda n: bar.update(task, completed=n))
    else:
        messages = import_packages(db, list(files))
    from regeldruk.textsafe import for_terminal

    for message in messages:
        click.echo(for_terminal(message))


@sector.command("report")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="Het rapport: .xlsx, .md of .html.",
)
@click.option(
    "--period",
    metavar="PERIODE",
    help="Alleen deze maand (2026-10), dit kwartaal (2026-Q4) of dit jaar (2026).",
)
@click.pass_obj
def report_command(app: AppContext, output: Path, period: str | None) -> None:
    """Sectorbeeld per regio, gemeente, categorie en periode (minstens 3 organisaties).

    Voorbeeld: regeldruk sector report -o sectorbeeld.xlsx --period 2026-Q4
    """
    from regeldruk.exports.sector_report import write_sector_report
    from regeldruk.sectorreport import build_sector_report
    from regeldruk.textsafe import for_terminal

    if output.suffix.lower() not in (".xlsx", ".md", ".html"):
        raise click.UsageError("Kies een rapport met .xlsx, .md of .html.")
    report = build_sector_report(app.database(), period)
    write_sector_report(report, output)
    click.echo(
        f"Geschreven: {for_terminal(output)} ({report.span}: {report.packages} pakketten, "
        f"{report.organisations} organisaties)"
    )
