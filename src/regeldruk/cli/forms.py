"""`regeldruk forms ...`: import, check and analyse the catalogue of registration requirements."""

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
    from rich.console import Console

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


def load_or_fail(directory: Path, drafts: bool = False) -> object:
    """The catalogue, or every problem on stderr and exit 1. Unreviewed imported drafts
    count only with ``drafts``: a draft counts once a person has reviewed it."""
    from regeldruk.forms import load_catalogue

    catalogue, problems = load_catalogue(directory)
    if problems:
        for problem in problems:
            click.echo(str(problem), err=True)
        raise RegeldrukError(
            f"{len(problems)} probleem/problemen in de catalogus {directory}; "
            "zie hierboven (bestand:regel: wat verwacht werd)."
        )
    return catalogue if drafts else catalogue.reviewed_only()


@forms.command()
@click.argument("directory", type=CATALOGUE, required=False)
@click.pass_obj
def check(app: AppContext, directory: Path | None) -> None:
    """Controleer de catalogus; elk probleem met bestand:regel en wat verwacht werd.

    Voorbeeld: regeldruk forms check forms/
    """
    from regeldruk.forms import Catalogue
    from regeldruk.textsafe import for_terminal

    directory = catalogue_dir(directory)
    catalogue = load_or_fail(directory, drafts=True)
    assert isinstance(catalogue, Catalogue)
    fields = sum(len(form.fields) for form in catalogue.forms)
    click.echo(f"In orde: {len(catalogue.forms)} formulieren, {fields} velden in {directory}.")
    drafts = [form for form in catalogue.forms if form.unreviewed]
    for form in drafts:
        click.echo(
            f"{for_terminal(form.path)}:1: waarschuwing: concept uit een import, nog niet "
            "beoordeeld; telt pas mee na controle (zet draft.reviewed op true)"
        )
    for form in catalogue.pending:
        click.echo(
            f"{for_terminal(form.path)}:1: waarschuwing: nieuwe versie van {form.id}, wacht op "
            "beoordeling; vervang na controle het beoordeelde bestand ermee"
        )
    if drafts or catalogue.pending:
        click.echo(
            f"Let op: {len(drafts) + len(catalogue.pending)} concept(en) nog niet beoordeeld; "
            "'forms analyse' laat ze weg (tenzij --drafts)."
        )


@forms.command()
@click.argument("directory", type=CATALOGUE, required=False)
@click.option("--json", "as_json", is_flag=True, help="Als JSON (regeldruk/analysis@1).")
@click.option(
    "--drafts",
    is_flag=True,
    help="Tel ook onbeoordeelde concepten uit 'forms import' mee (standaard: niet).",
)
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
    app: AppContext,
    directory: Path | None,
    as_json: bool,
    drafts: bool,
    output: Path | None,
    xlsx: Path | None,
) -> None:
    """Vind wat dubbel, al in de iJw-berichten, niet uniform of alleen lokaal gevraagd wordt.

    Voorbeeld: regeldruk forms analyse forms/ --json -o analyse.json
    """
    from regeldruk.analysis import analyse as run_analysis
    from regeldruk.forms import Catalogue

    everything = load_or_fail(catalogue_dir(directory), drafts=True)
    assert isinstance(everything, Catalogue)
    catalogue = everything if drafts else everything.reviewed_only()
    left_out = len(everything.forms) - len(catalogue.forms)
    if left_out:
        click.echo(
            f"{left_out} onbeoordeelde concept(en) niet meegeteld; gebruik --drafts om ze mee "
            "te tellen.",
            err=True,
        )
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
    from rich.markup import escape
    from rich.table import Table

    from regeldruk.exports.xlsx_analysis import KIND_LABELS
    from regeldruk.textsafe import for_terminal

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
        "in_standard": "in iJw-bericht (Jeugdwet art. 2.15 lid 2)",
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
            table.add_row(
                escape(for_terminal(result.concept(flag.concept).label)),
                names,
                escape(for_terminal(flag.detail)),
            )
        if len(flags) > 10:
            table.caption = f"en nog {len(flags) - 10}; alles in --json of --xlsx"
        console.print(table)
    _print_review(console, result)


def _print_review(console: Console, result: Analysis) -> None:
    """The concepts the matcher is least sure of: an adviser confirms or splits them first."""
    from rich.markup import escape
    from rich.table import Table

    from regeldruk.textsafe import for_terminal

    review = result.review()
    if not review:
        return
    table = Table(title="Eerst controleren", title_justify="left", show_lines=True)
    table.add_column("Concept", max_width=24)
    table.add_column("Samenhang", justify="right")
    table.add_column("Velden", justify="right")
    table.add_column("Gevraagd als")
    for concept in review[:10]:
        labels = sorted({item.label for _, item in concept.members})
        shown = "; ".join(labels[:4]) + (f" (+{len(labels) - 4})" if len(labels) > 4 else "")
        table.add_row(
            escape(for_terminal(concept.label)),
            f"{concept.cohesion:.2f}",
            str(len(concept.members)),
            escape(for_terminal(shown)),
        )
    table.caption = (
        "Laagste samenhang eerst. Bevestig (confirm) of splits (split) ze in "
        "concepten.yaml; alle in --json (review) of --xlsx."
    )
    console.print(table)


@forms.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--gemeente",
    "municipality",
    required=True,
    help="De gemeente van de formulieren: CBS-code (GM0268), iJw-code (0268) of naam.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    help="Map voor de concepten (standaard: forms/import/<gemeente>).",
)
@click.pass_obj
def import_(
    app: AppContext, files: tuple[Path, ...], municipality: str, output: Path | None
) -> None:
    """Maak van Open Forms-exports, PDF- en Word-formulieren concepten in de catalogus.

    Eén YAML-bestand per formulier (regeldruk/form@1), als concept: het telt pas mee als een
    mens het heeft gecontroleerd (draft.reviewed: true). Een nieuwe versie van een formulier
    laat zien wat er veranderde; een gecontroleerd bestand wordt nooit overschreven.

    Voorbeeld: regeldruk forms import aanvraag.zip formulier.pdf --gemeente Nijmegen
    """
    from regeldruk.formimport import BatchError, import_forms
    from regeldruk.formimport.common import slugify
    from regeldruk.municipalities import resolve_municipality
    from regeldruk.textsafe import for_terminal
    from regeldruk.timeparse import now_utc

    place = resolve_municipality(municipality)
    directory = output or Path("forms") / "import" / slugify(place.name)
    try:
        outcomes = import_forms(
            list(files), place.code, directory, now_utc().replace(microsecond=0).isoformat()
        )
    except BatchError as err:
        for line in err.lines:
            click.echo(f"Fout: {for_terminal(line)}", err=True)
        raise
    written: dict[Path, int] = {}  # file -> its fields (a later version replaces)
    for outcome in outcomes:
        count = len(outcome.draft.fields)
        where = for_terminal(outcome.path) if outcome.path else ""
        source = for_terminal(outcome.draft.source)
        if outcome.status == "empty":
            click.echo(f"Overgeslagen: {source} vraagt niets (geen invoervelden).")
            continue
        if outcome.status == "unchanged":
            click.echo(f"Ongewijzigd: {where} (dit bestand is al geïmporteerd).")
            continue
        assert outcome.path is not None
        written[outcome.path] = count
        if outcome.status == "new":
            click.echo(f"Nieuw concept: {where} ({count} velden, {outcome.draft.importer}).")
        elif outcome.status == "updated":
            click.echo(f"Concept bijgewerkt: {where} ({count} velden, uit {source}).")
        else:
            click.echo(
                f"Nieuwe versie: {where} ({count} velden); het gecontroleerde "
                f"{for_terminal(outcome.previous)} blijft staan."
            )
        if outcome.diff is not None:
            click.echo(f"  Ten opzichte van de vorige versie: {outcome.diff.summary()}.")
            for line in outcome.diff.lines():
                click.echo(f"    {for_terminal(line)}")
    click.echo(
        f"{len(written)} concept(en) met {sum(written.values())} velden geschreven in "
        f"{for_terminal(directory)}. "
        "Controleer ze en zet draft.reviewed op true; dan tellen ze mee."
    )
    click.echo(f"Controle: regeldruk forms check {for_terminal(directory)}")
