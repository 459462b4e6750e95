"""Opening the terminal UI from the CLI (Textual is imported only here)."""

from __future__ import annotations

from regeldruk.cli.context import AppContext
from regeldruk.errors import RegeldrukError


def open_tui(app: AppContext) -> None:
    try:
        from regeldruk.tui.app import run
    except ImportError as err:
        raise RegeldrukError(f"De terminalinterface is niet beschikbaar ({err}).") from None
    run(app)
