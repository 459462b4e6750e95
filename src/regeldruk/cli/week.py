"""`regeldruk week ...`: a team lead approves (locks) and reopens workers' weeks."""

from __future__ import annotations

import click

from regeldruk.cli.context import AppContext
from regeldruk.timeparse import parse_iso_week


@click.group()
def week() -> None:
    """Weken goedkeuren en heropenen (teamleiders).

    Voorbeeld: regeldruk week approve "Sanne de Vries" --week 2026-W43
    """


def _year_week(text: str) -> tuple[int, int]:
    monday, _ = parse_iso_week(text)
    iso = monday.isocalendar()
    return iso.year, iso.week


@week.command()
@click.argument("worker")
@click.option("--week", "iso_week", required=True, metavar="ISOWEEK", help="Bijv. 2026-W43.")
@click.pass_obj
def approve(app: AppContext, worker: str, iso_week: str) -> None:
    """Keur de week van een medewerker goed; de registraties worden vergrendeld.

    Voorbeeld: regeldruk week approve "Sanne de Vries" --week 2026-W43
    """
    from regeldruk.approval import approve_week

    click.echo(approve_week(app.database(), app.worker_name(), worker, *_year_week(iso_week)))


@week.command()
@click.argument("worker")
@click.option("--week", "iso_week", required=True, metavar="ISOWEEK", help="Bijv. 2026-W43.")
@click.pass_obj
def reopen(app: AppContext, worker: str, iso_week: str) -> None:
    """Heropen een goedgekeurde week, zodat de medewerker weer kan wijzigen.

    Voorbeeld: regeldruk week reopen "Sanne de Vries" --week 2026-W43
    """
    from regeldruk.approval import reopen_week

    click.echo(reopen_week(app.database(), app.worker_name(), worker, *_year_week(iso_week)))
