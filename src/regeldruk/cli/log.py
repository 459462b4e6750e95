"""`regeldruk log ...`: logging time from the command line."""

from __future__ import annotations

import json
from datetime import date, timedelta

import click

from regeldruk.cli.common import resolve_days
from regeldruk.cli.context import AppContext
from regeldruk.fmt import clock, hours_minutes, local
from regeldruk.timelog import UNCHANGED, Entry
from regeldruk.timeparse import is_clock_time, parse_date, parse_span, parse_time


def describe(entry: Entry, tz: str) -> str:
    span = f"{clock(entry.start, tz)}–{clock(entry.end, tz)}"
    parts = [
        f"#{entry.id} {entry.category}",
        local(entry.start, tz).format("dd D MMM", locale="nl"),
    ]
    parts.append(f"{span} ({hours_minutes(entry.minutes())})")
    if entry.gemeente:
        parts.append(entry.gemeente)
    if entry.form:
        parts.append(entry.form)
    return " · ".join(parts)


@click.group()
def log() -> None:
    """Registreer tijd: starten, stoppen, toevoegen, wijzigen.

    Voorbeeld: regeldruk log add rapportage --from 9:00 --to 9:45 --gemeente Utrecht
    """


@log.command()
@click.argument("category")
@click.option("--gemeente", help="CBS-code (GM0344), iJw-code (0344) of naam.")
@click.option("--form", "form", metavar="FORM_ID", help="Formulier uit de catalogus.")
@click.option("--note", help="Korte notitie, zonder gegevens van cliënten.")
@click.option("--at", "at", metavar="TIME", help="Begintijd (standaard: nu).")
@click.pass_obj
def start(
    app: AppContext,
    category: str,
    gemeente: str | None,
    form: str | None,
    note: str | None,
    at: str | None,
) -> None:
    """Start een activiteit; een lopende activiteit stopt op hetzelfde moment.

    Voorbeeld: regeldruk log start client-face --gemeente GM0344
    """
    timelog = app.timelog()
    moment = parse_time(at, app.tz) if at else None
    result = timelog.start(category, moment, gemeente, form, note)
    if result.stopped:
        click.echo(_stopped(result.stopped, app.tz))
    click.echo(f"Gestart:  {describe(result.started, app.tz)}")


@log.command()
@click.option("--at", "at", metavar="TIME", help="Stoptijd (standaard: nu).")
@click.pass_obj
def stop(app: AppContext, at: str | None) -> None:
    """Stop de lopende activiteit.

    Voorbeeld: regeldruk log stop --at 10:30
    """
    timelog = app.timelog()
    entry = timelog.stop(parse_time(at, app.tz) if at else None)
    click.echo(_stopped(entry, app.tz))


def _stopped(entry: Entry, tz: str) -> str:
    if entry.dropped:
        return f"Gestopt na minder dan een minuut; niet bewaard: {entry.category}."
    return f"Gestopt:  {describe(entry, tz)}"


@log.command()
@click.argument("category")
@click.option("--from", "start_text", required=True, metavar="TIME", help="Begintijd.")
@click.option("--to", "end_text", required=True, metavar="TIME", help="Eindtijd.")
@click.option("--date", "day_text", metavar="DATE", help="Dag (standaard: vandaag).")
@click.option("--gemeente", help="CBS-code (GM0344), iJw-code (0344) of naam.")
@click.option("--form", "form", metavar="FORM_ID", help="Formulier uit de catalogus.")
@click.option("--note", help="Korte notitie, zonder gegevens van cliënten.")
@click.pass_obj
def add(
    app: AppContext,
    category: str,
    start_text: str,
    end_text: str,
    day_text: str | None,
    gemeente: str | None,
    form: str | None,
    note: str | None,
) -> None:
    """Voeg een afgeronde activiteit toe. Een eindtijd vóór de begintijd valt op de volgende dag.

    Voorbeeld: regeldruk log add declaratie --from 13:00 --to 13:40 --date yesterday
    """
    day = parse_date(day_text, app.tz) if day_text else None
    start_at, end_at = parse_span(start_text, end_text, app.tz, day)
    entry = app.timelog().add(category, start_at, end_at, gemeente, form, note)
    click.echo(f"Toegevoegd: {describe(entry, app.tz)}")


@log.command("list")
@click.option("--week", metavar="ISOWEEK", help="ISO-week, bijvoorbeeld 2026-W43.")
@click.option("--from", "first", metavar="DATE", help="Eerste dag.")
@click.option("--to", "last", metavar="DATE", help="Laatste dag (inclusief).")
@click.option("--json", "as_json", is_flag=True, help="Als JSON.")
@click.pass_obj
def list_entries(
    app: AppContext, week: str | None, first: str | None, last: str | None, as_json: bool
) -> None:
    """Toon registraties (standaard: deze week).

    Voorbeeld: regeldruk log list --week 2026-W43 --json
    """
    first_day, last_day = resolve_days(app.tz, week, first, last)
    entries = app.timelog().entries_for_days(first_day, last_day)
    if as_json:
        payload = [entry.to_json(app.tz) for entry in entries]
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    if not entries:
        click.echo(f"Geen registraties van {first_day} tot en met {last_day}.")
        return
    current_day: date | None = None
    for entry in entries:
        day = local(entry.start, app.tz).date()
        if day != current_day:
            current_day = day
            click.echo(local(entry.start, app.tz).format("dddd D MMMM YYYY", locale="nl"))
        where = " · ".join(x for x in (entry.gemeente, entry.form) if x)
        click.echo(
            f"  #{entry.id:<5} {clock(entry.start, app.tz)}–{clock(entry.end, app.tz):<5} "
            f"{hours_minutes(entry.minutes()):>6}  {entry.category:<16} {where}"
        )
    total = sum(entry.minutes() for entry in entries)
    click.echo(f"Totaal {hours_minutes(total)} in {len(entries)} registraties.")


@log.command()
@click.argument("entry_id", metavar="ID", type=int)
@click.option("--category", help="Nieuwe categorie.")
@click.option("--from", "start_text", metavar="TIME", help="Nieuwe begintijd.")
@click.option("--to", "end_text", metavar="TIME", help="Nieuwe eindtijd.")
@click.option("--date", "day_text", metavar="DATE", help="Dag van de nieuwe tijden.")
@click.option("--gemeente", help="Nieuwe gemeente; '-' wist.")
@click.option("--form", "form", metavar="FORM_ID", help="Nieuw formulier; '-' wist.")
@click.option("--note", help="Nieuwe notitie; '-' wist.")
@click.pass_obj
def edit(
    app: AppContext,
    entry_id: int,
    category: str | None,
    start_text: str | None,
    end_text: str | None,
    day_text: str | None,
    gemeente: str | None,
    form: str | None,
    note: str | None,
) -> None:
    """Wijzig een registratie.

    Voorbeeld: regeldruk log edit 12 --to 10:15 --gemeente GM0363
    """
    timelog = app.timelog()
    current = timelog.get(entry_id)
    day = parse_date(day_text, app.tz) if day_text else local(current.start, app.tz).date()
    start_at = parse_time(start_text, app.tz, day) if start_text else None
    end_at = None
    if end_text:
        begin = start_at or current.start
        end_day = day if day_text or not current.end else local(current.end, app.tz).date()
        end_at = parse_time(end_text, app.tz, end_day)
        if end_at <= begin and is_clock_time(end_text):
            end_at = parse_time(end_text, app.tz, local(begin, app.tz).date() + timedelta(days=1))

    def change(value: str | None) -> str | None:
        return UNCHANGED if value is None else ("" if value == "-" else value)

    entry = timelog.edit(
        entry_id, category, start_at, end_at, change(gemeente), change(form), change(note)
    )
    click.echo(f"Gewijzigd: {describe(entry, app.tz)}")


@log.command()
@click.argument("entry_id", metavar="ID", type=int)
@click.pass_obj
def delete(app: AppContext, entry_id: int) -> None:
    """Verwijder een registratie (terug te halen met 'regeldruk log undo').

    Voorbeeld: regeldruk log delete 12
    """
    entry = app.timelog().delete(entry_id)
    click.echo(f"Verwijderd: {describe(entry, app.tz)}. Terughalen: regeldruk log undo")


@log.command()
@click.pass_obj
def undo(app: AppContext) -> None:
    """Maak de laatste wijziging ongedaan (herhaal om verder terug te gaan).

    Voorbeeld: regeldruk log undo
    """
    click.echo(app.timelog().undo())
