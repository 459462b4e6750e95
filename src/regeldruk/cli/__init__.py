"""The command line (click). A bare ``regeldruk`` opens the TUI.

Every command runs through ``RegeldrukGroup.invoke``, which turns domain errors into one
Dutch line on stderr and exit code 1; no traceback ever reaches the user.
"""

from __future__ import annotations

import importlib
import os
import sys
import traceback
from typing import Any

import click

from regeldruk import __version__
from regeldruk.cli.context import AppContext
from regeldruk.errors import RegeldrukError


def _log_unexpected(err: BaseException) -> str:
    from regeldruk import locations

    path = locations.error_log_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as handle:
            handle.write("".join(traceback.format_exception(err)) + "\n")
        return str(path)
    except OSError:
        return "(logbestand niet schrijfbaar)"


def fail(message: str, code: int = 1) -> None:
    click.echo(f"Fout: {message}", err=True)
    sys.exit(code)


class RegeldrukGroup(click.Group):
    def invoke(self, ctx: click.Context) -> Any:
        from sqlalchemy.exc import SQLAlchemyError

        try:
            return super().invoke(ctx)
        except RegeldrukError as err:
            fail(str(err))
        except SQLAlchemyError as err:
            from regeldruk.db.engine import describe_db_error

            obj = ctx.obj if isinstance(ctx.obj, AppContext) else None
            fail(describe_db_error(err, obj.database_url if obj else ""))
        except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit):
            raise
        except KeyboardInterrupt:
            fail("Afgebroken.")
        except BrokenPipeError:
            # The reader went away (`regeldruk categories | head`): stop quietly, as
            # shell tools do, without Python's complaint about flushing stdout.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(141)
        except OSError as err:
            fail(f"{err.filename or ''}: {err.strerror or err}".strip(": "))
        except Exception as err:  # the last line of defence: log it, tell the user briefly
            where = _log_unexpected(err)
            fail(f"Onverwachte fout ({type(err).__name__}); details staan in {where}.")


# Sub-commands are imported when they are used: `regeldruk log add` must start fast.
LAZY_COMMANDS = {
    "init": "regeldruk.cli.basics:init",
    "categories": "regeldruk.cli.basics:categories",
    "log": "regeldruk.cli.log:log",
    "report": "regeldruk.cli.report:report",
    "db": "regeldruk.cli.db:db",
    "demo": "regeldruk.cli.demo:demo",
    "serve": "regeldruk.cli.serve:serve",
    "export": "regeldruk.cli.export:export",
    "week": "regeldruk.cli.week:week",
    "forms": "regeldruk.cli.forms:forms",
    "proposals": "regeldruk.cli.proposals:proposals",
    "sector": "regeldruk.cli.sector:sector",
    "meetweek": "regeldruk.cli.measure:meetweek",
    "peiling": "regeldruk.cli.measure:peiling",
    "delen": "regeldruk.cli.measure:delen",
}


class LazyRootGroup(RegeldrukGroup):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(LAZY_COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = LAZY_COMMANDS.get(cmd_name)
        if target is None:
            return None
        module_name, attribute = target.split(":")
        command: click.Command = getattr(importlib.import_module(module_name), attribute)
        return command


@click.group(cls=LazyRootGroup, invoke_without_command=True)
@click.option(
    "--database",
    "database",
    metavar="URL",
    help="SQLAlchemy-URL van de database (ook: REGELDRUK_DATABASE_URL).",
)
@click.version_option(__version__, prog_name="regeldruk", message="%(prog)s %(version)s")
@click.pass_context
def root(ctx: click.Context, database: str | None) -> None:
    """Meet de regeldruk in de jeugdhulp: tijdregistratie, rapportages en voorstellen.

    Zonder opdracht opent de tijdregistratie in de terminal.

    Voorbeeld: regeldruk log start client-face --gemeente GM0344
    """
    ctx.obj = AppContext.load(database)
    if ctx.invoked_subcommand is None:
        from regeldruk.cli.tui import open_tui

        open_tui(ctx.obj)


def main() -> None:
    try:
        root.main(prog_name="regeldruk")
    except KeyboardInterrupt:
        fail("Afgebroken.")
