"""`regeldruk serve`: the same TUI in a browser on localhost (textual-serve)."""

from __future__ import annotations

import shlex
import sys
import tempfile
from pathlib import Path

import click

from regeldruk.cli.context import AppContext


def offline_templates(target: Path) -> Path:
    """textual-serve's page template without its web-font link, so it needs no internet.

    The template is taken from the installed textual-serve at run time and only that one
    <link> is removed; the terminal falls back to the browser's monospace font.
    """
    import re

    import textual_serve

    source = Path(textual_serve.__file__).parent / "templates"
    target.mkdir(parents=True, exist_ok=True)
    for template in source.iterdir():
        text = template.read_text(encoding="utf-8")
        text = re.sub(r"<link[^>]*fonts\.googleapis\.com[^>]*/>", "", text, flags=re.DOTALL)
        (target / template.name).write_text(text, encoding="utf-8")
    return target


@click.command()
@click.option("--host", default="localhost", show_default=True, help="Adres om op te luisteren.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.pass_obj
def serve(app: AppContext, host: str, port: int) -> None:
    """Open de tijdregistratie in de browser (alleen op deze computer, zonder internet).

    Voorbeeld: regeldruk serve --port 8000
    """
    from textual_serve.server import Server

    app.timelog()  # refuse now, in the terminal, when init has not been done
    command = [sys.executable, "-m", "regeldruk"]
    if app.database_url:
        command += ["--database", app.database_url]
    with tempfile.TemporaryDirectory(prefix="regeldruk-serve-") as tmp:
        templates = offline_templates(Path(tmp) / "templates")
        click.echo(f"Open http://{host}:{port} in uw browser (Ctrl+C stopt).")
        Server(
            shlex.join(command), host=host, port=port, title="regeldruk", templates_path=templates
        ).serve()
