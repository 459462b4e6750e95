"""`regeldruk proposals`: 'Ontregel de zorg' reduction proposals as Markdown, HTML, Excel
or JSON, for everyone or one document per addressee."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from regeldruk.cli.context import AppContext

if TYPE_CHECKING:
    from regeldruk.proposals import ProposalReport

FORMATS = ("md", "html", "xlsx", "json")


@click.command()
@click.option(
    "--forms",
    "forms_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="De catalogus (standaard: ./forms of de meegeleverde).",
)
@click.option("--format", "fmt", type=click.Choice(FORMATS), help="Standaard: uit de extensie.")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Het bestand (zonder -o en met --format json: naar het scherm).",
)
@click.option(
    "--per-addressee",
    "per_addressee",
    type=click.Path(file_okay=False, path_type=Path),
    help="Schrijf ook één document per geadresseerde in deze map.",
)
@click.option(
    "--settings",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Organisatie-instellingen (TOML; standaard organisatie.toml naast de config).",
)
@click.option("--from", "first", metavar="DATE", help="Begin van de meetperiode.")
@click.option("--to", "last", metavar="DATE", help="Einde van de meetperiode.")
@click.pass_obj
def proposals(
    app: AppContext,
    forms_dir: Path | None,
    fmt: str | None,
    output: Path | None,
    per_addressee: Path | None,
    settings: Path | None,
    first: str | None,
    last: str | None,
) -> None:
    """Voorstellen om regeldruk te schrappen: thema's per geadresseerde, met winst en grondslag.

    De regeldruk per formulier komt uit de tijdregistratie (gemeten tijd en aantallen in de
    meetperiode) en anders uit de catalogus en de instellingen (Standaardkostenmodel).

    Voorbeeld: regeldruk proposals --format html -o voorstellen.html --per-addressee brieven
    """
    from datetime import date

    from regeldruk import locations
    from regeldruk.cli.forms import catalogue_dir, load_or_fail
    from regeldruk.forms import Catalogue
    from regeldruk.timeparse import parse_date

    fmt = fmt or (output.suffix.lower().lstrip(".") if output else None)
    if fmt not in FORMATS:
        raise click.UsageError("Kies --format md, html, xlsx of json (of een -o met die extensie).")
    if output is None and per_addressee is None and fmt != "json":
        raise click.UsageError("Geef -o BESTAND of --per-addressee MAP (of --format json).")
    directory = catalogue_dir(forms_dir)
    catalogue = load_or_fail(directory)
    assert isinstance(catalogue, Catalogue)
    from_day = parse_date(first, app.tz) if first else None
    to_day = parse_date(last, app.tz) if last else None
    if from_day and to_day and to_day < from_day:
        raise click.UsageError("--to ligt voor --from.")
    from regeldruk.proposals import report_for
    from regeldruk.proposals.settings import load_settings

    chosen = load_settings(settings or locations.config_path().parent / "organisatie.toml")
    organisation = app.config.organisation or "regeldruk"
    report = report_for(
        catalogue, chosen, app.database(), organisation, date.today(), from_day, to_day, app.tz
    )
    _write(report, fmt, output, per_addressee)


def _write(
    report: ProposalReport, fmt: str, output: Path | None, per_addressee: Path | None
) -> None:
    import json

    from regeldruk.exports.proposals_render import nl, write_per_addressee, write_proposals

    if output is None and per_addressee is None:
        click.echo(json.dumps(report.to_json(), ensure_ascii=False, indent=1))
        return
    if output is not None:
        write_proposals(output, fmt, report)
        gain, burden = nl(report.gain.value, 0), nl(report.burden.value, 0)
        click.echo(
            f"Geschreven: {output} ({len(report.proposals)} voorstellen; te winnen {gain} van "
            f"{burden} uur per jaar, {report.share:.0%})"
        )
    if per_addressee is not None:
        written = write_per_addressee(per_addressee, fmt, report)
        click.echo(f"Geschreven: {len(written)} documenten per geadresseerde in {per_addressee}")
