"""`regeldruk forms ...`: check and analyse the catalogue of registration requirements."""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from regeldruk.cli.context import AppContext
from regeldruk.errors import RegeldrukError

if TYPE_CHECKING:
    from regeldruk.analysis import Analysis

CATALOGUE = click.Path(file_okay=False, path_type=Path)


@click.group()
def forms() -> None:
    """De catalogus van registratie-eisen (formulieren).

    Voorbeeld: regeldruk forms analyse forms/
    """


def catalogue_dir(directory: Path | None) -> Path:
    """DIR as given; without one, ./forms, else the catalogue that ships with regeldruk."""
    from regeldruk.forms import shipped_catalogue

    if directory is not None:
        return directory
    return Path("forms") if Path("forms").is_dir() else shipped_catalogue()


def load_or_fail(directory: Path) -> object:
    from regeldruk.forms import load_catalogue

    catalogue, problems = load_catalogue(directory)
    if problems:
        for problem in problems:
            click.echo(str(problem), err=True)
        raise RegeldrukError(
            f"{len(problems)} probleem/problemen in de catalogus {directory}; "
            "zie hierboven (bestand:regel: wat verwacht werd)."
        )
    return catalogue


@forms.command()
@click.argument("directory", type=CATALOGUE, required=False)
@click.pass_obj
def check(app: AppContext, directory: Path | None) -> None:
    """Controleer de catalogus; elk probleem met bestand:regel en wat verwacht werd.

    Voorbeeld: regeldruk forms check forms/
    """
    from regeldruk.forms import Catalogue

    directory = catalogue_dir(directory)
    catalogue = load_or_fail(directory)
    assert isinstance(catalogue, Catalogue)
    fields = sum(len(form.fields) for form in catalogue.forms)
    click.echo(f"In orde: {len(catalogue.forms)} formulieren, {fields} velden in {directory}.")


@forms.command()
@click.argument("directory", type=CATALOGUE, required=False)
@click.option("--json", "as_json", is_flag=True, help="Als JSON (regeldruk/analysis@1).")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Schrijf de JSON naar dit bestand.",
)
@click.option(
    "--xlsx",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Schrijf ook een Excel-overzicht.",
)
@click.pass_obj
def analyse(
    app: AppContext, directory: Path | None, as_json: bool, output: Path | None, xlsx: Path | None
) -> None:
    """Vind wat dubbel, al in de iJw-berichten, niet uniform of alleen lokaal gevraagd wordt.

    Voorbeeld: regeldruk forms analyse forms/ --json -o analyse.json
    """
    from regeldruk.analysis import analyse as run_analysis
    from regeldruk.forms import Catalogue

    catalogue = load_or_fail(catalogue_dir(directory))
    assert isinstance(catalogue, Catalogue)
    result = _with_progress(lambda progress: run_analysis(catalogue, progress=progress))
    payload = json.dumps(result.to_json(), ensure_ascii=False, indent=1)
    if output:
        output.write_text(payload + "\n", encoding="utf-8")
        click.echo(f"Geschreven: {output}", err=as_json)
    if xlsx:
        from regeldruk.exports.xlsx_analysis import write_analysis_workbook

        write_analysis_workbook(result, xlsx)
        click.echo(f"Geschreven: {xlsx}", err=as_json)
    if as_json and not output:
        click.echo(payload)
    elif not as_json:
        _print_table(result)


def _with_progress(
    run: Callable[[Callable[[int, int], None] | None], Analysis],
) -> Analysis:
    """A progress bar on a terminal for long analyses; nothing when piped."""
    if not sys.stderr.isatty():
        return run(None)
    from rich.progress import Progress

    with Progress(transient=True) as bar:
        task = bar.add_task("Velden vergelijken…", total=1)

        def progress(done: int, total: int) -> None:
            bar.update(task, completed=done, total=max(total, 1))

        return run(progress)


def _print_table(result: Analysis) -> None:
    from rich.console import Console
    from rich.table import Table

    from regeldruk.exports.xlsx_analysis import KIND_LABELS

    console = Console()
    counts = Counter(flag.kind for flag in result.flags)
    console.print(
        f"[bold]{len(result.catalogue.forms)}[/bold] formulieren, "
        f"[bold]{result.field_count}[/bold] velden, [bold]{len(result.concepts)}[/bold] concepten."
    )
    summary = Table(title="Signalen", title_justify="left")
    summary.add_column("Soort")
    summary.add_column("Aantal", justify="right")
    summary.add_column("Betekenis")
    meaning = {
        "duplicate": "dezelfde vraag meer dan eens door één gemeente",
        "in_standard": "al geleverd via een iJw-bericht (Jeugdwet art. 2.15 lid 2)",
        "non_uniform": "per gemeente anders gevraagd (type, format, frequentie, verplicht)",
        "local": "door maar één gemeente (of een kleine minderheid) gevraagd",
    }
    for kind in ("in_standard", "duplicate", "non_uniform", "local"):
        summary.add_row(KIND_LABELS[kind], str(counts[kind]), meaning[kind])
    console.print(summary)
    for kind in ("in_standard", "non_uniform", "local", "duplicate"):
        flags = [flag for flag in result.flags if flag.kind == kind]
        if not flags:
            continue
        table = Table(title=KIND_LABELS[kind], title_justify="left", show_lines=True)
        table.add_column("Concept", max_width=24)
        table.add_column("Gemeenten", max_width=22)
        table.add_column("Toelichting")
        flags.sort(key=lambda f: -len(f.fields))
        for flag in flags[:10]:
            names = ", ".join(flag.municipalities[:4])
            if len(flag.municipalities) > 4:
                names += f" +{len(flag.municipalities) - 4}"
            table.add_row(result.concept(flag.concept).label, names, flag.detail)
        if len(flags) > 10:
            table.caption = f"en nog {len(flags) - 10}; alles in --json of --xlsx"
        console.print(table)
