"""`regeldruk proposals`: 'Ontregel de zorg' reduction proposals as Markdown, HTML or Excel."""

from __future__ import annotations

from pathlib import Path

import click

from regeldruk.cli.context import AppContext

FORMATS = ("md", "html", "xlsx")


@click.command()
@click.option(
    "--forms",
    "forms_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="De catalogus (standaard: ./forms of de meegeleverde).",
)
@click.option("--format", "fmt", type=click.Choice(FORMATS), help="Standaard: uit de extensie.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True)
@click.option(
    "--settings",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Organisatie-instellingen (TOML; standaard organisatie.toml naast de config).",
)
@click.pass_obj
def proposals(
    app: AppContext, forms_dir: Path | None, fmt: str | None, output: Path, settings: Path | None
) -> None:
    """Voorstellen om regeldruk te schrappen, gerangschikt naar winst, per geadresseerde.

    Gebruikt de gemeten tijd per formulier uit de tijdregistratie en anders de schatting uit
    de catalogus (Standaardkostenmodel).

    Voorbeeld: regeldruk proposals --format html -o voorstellen.html
    """
    from regeldruk import locations
    from regeldruk.analysis import analyse
    from regeldruk.burden import burdens, load_settings, measured_minutes
    from regeldruk.cli.forms import catalogue_dir, load_or_fail
    from regeldruk.exports.proposals_render import write_proposals
    from regeldruk.forms import Catalogue
    from regeldruk.proposals import generate

    fmt = fmt or output.suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        raise click.UsageError("Kies --format md, html of xlsx (of een -o met die extensie).")
    catalogue = load_or_fail(catalogue_dir(forms_dir))
    assert isinstance(catalogue, Catalogue)
    chosen = load_settings(settings or locations.config_path().parent / "organisatie.toml")
    measurements = measured_minutes(app.database())
    found = burdens(catalogue, chosen, measurements)
    result = generate(analyse(catalogue), found, chosen)
    municipalities = len({f.municipality for f in catalogue.forms if not f.is_standard})
    write_proposals(
        output,
        fmt,
        result,
        chosen,
        found,
        len(catalogue.forms),
        municipalities,
        app.config.organisation or "regeldruk",
    )
    click.echo(f"Geschreven: {output} ({len(result)} voorstellen)")
