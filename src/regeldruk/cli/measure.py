"""`regeldruk meetweek`, `regeldruk peiling` and `regeldruk delen` (issue #18)."""

from __future__ import annotations

import sys

import click

from regeldruk.cli.context import AppContext
from regeldruk.errors import RegeldrukError
from regeldruk.textsafe import for_terminal
from regeldruk.timeparse import parse_iso_week


def _week(text: str) -> tuple[int, int]:
    monday, _ = parse_iso_week(text)
    iso = monday.isocalendar()
    return iso.year, iso.week


def _team_of(app: AppContext, team: str | None) -> str:
    chosen = team or app.config.team
    if not chosen:
        raise RegeldrukError("Geef een team op met --team (of zet 'team' in de configuratie).")
    return chosen


def _require_lead(app: AppContext, team: str) -> None:
    """Planning is for the team lead (or a beheerder); a worker only looks."""
    from sqlalchemy import select

    from regeldruk.approval import LEADS
    from regeldruk.db.schema import team as team_table
    from regeldruk.db.schema import worker

    with app.database().transaction() as connection:
        row = connection.execute(
            select(worker.c.role, team_table.c.name)
            .join(team_table, team_table.c.id == worker.c.team_id)
            .where(worker.c.name == app.worker_name())
        ).first()
    if row is None or row.role not in LEADS or (row.role == "teamleider" and row.name != team):
        raise RegeldrukError(
            f"Alleen de teamleider van {team} (of een beheerder) plant meetweken; "
            "'regeldruk meetweek list' toont ze."
        )


@click.group()
def meetweek() -> None:
    """Meetweken: de weken waarin het team alle tijd registreert.

    Buiten een meetweek is registreren niet nodig. Standaard twee weken per kwartaal,
    willekeurig gekozen binnen het kwartaal.

    Voorbeeld: regeldruk meetweek plan --team "Team Noord" --year 2027
    """


@meetweek.command("list")
@click.option("--team", metavar="TEAM", help="Alleen dit team (standaard: alle teams).")
@click.option("--year", type=int, help="Alleen dit ISO-jaar.")
@click.pass_obj
def list_weeks(app: AppContext, team: str | None, year: int | None) -> None:
    """Toon de geplande meetweken.

    Voorbeeld: regeldruk meetweek list --team "Team Noord"
    """
    from regeldruk.measurement import list_planned

    found = list_planned(app.database(), team, year)
    if not found:
        click.echo("Geen meetweken gepland.")
        return
    for item in found:
        monday = item.week.monday
        click.echo(f"{for_terminal(item.team)}  {item.week.label}  (vanaf ma {monday:%d-%m-%Y})")


@meetweek.command()
@click.option("--team", metavar="TEAM", help="Het team (standaard: uw eigen team).")
@click.option("--year", type=int, help="ISO-jaar om te plannen (standaard: dit jaar).")
@click.option(
    "--per-quarter", type=click.IntRange(1, 13), default=2, show_default=True,
    help="Aantal meetweken per kwartaal.",
)  # fmt: skip
@click.option("--week", "weeks", multiple=True, metavar="ISOWEEK", help="Precies deze week.")
@click.option("--seed", type=int, help="Vaste loting (herhaalbaar).")
@click.pass_obj
def plan(
    app: AppContext,
    team: str | None,
    year: int | None,
    per_quarter: int,
    weeks: tuple[str, ...],
    seed: int | None,
) -> None:
    """Plan meetweken: loot ze per kwartaal, of geef ze met --week.

    Voorbeeld: regeldruk meetweek plan --team "Team Noord" --year 2027 --per-quarter 2
    """
    from regeldruk.measurement import Week, plan
    from regeldruk.timeparse import local_date, now_utc

    chosen = _team_of(app, team)
    _require_lead(app, chosen)
    given = [Week(*_week(text)) for text in weeks]
    target = year or (given[0].iso_year if given else local_date(now_utc(), app.tz).year)
    new = plan(app.database(), chosen, target, per_quarter, given, app.worker_name(), seed)
    if not new:
        click.echo("Niets nieuws: die weken waren al gepland.")
    for week in new:
        click.echo(f"Gepland: {week.label} voor {for_terminal(chosen)}")


@meetweek.command()
@click.option("--team", metavar="TEAM", help="Het team (standaard: uw eigen team).")
@click.option("--week", "iso_week", required=True, metavar="ISOWEEK", help="Bijv. 2026-W43.")
@click.pass_obj
def remove(app: AppContext, team: str | None, iso_week: str) -> None:
    """Haal een meetweek weg.

    Voorbeeld: regeldruk meetweek remove --team "Team Noord" --week 2026-W43
    """
    from regeldruk.measurement import Week, remove

    chosen = _team_of(app, team)
    _require_lead(app, chosen)
    week = Week(*_week(iso_week))
    remove(app.database(), chosen, week)
    click.echo(f"Verwijderd: meetweek {week.label} van {for_terminal(chosen)}")


@click.command()
@click.option("--week", "iso_week", metavar="ISOWEEK", help="De meetweek (standaard: de open).")
@click.option("--overbodig", type=click.IntRange(1, 5), help="Vraag 1, antwoord 1-5.")
@click.option("--regel", metavar="CATEGORIE", help="Vraag 2: de meest belastende regel.")
@click.option("--toelichting", metavar="TEKST", help="Vraag 2: toelichting (geen namen).")
@click.option("--verandering", type=click.IntRange(1, 5), help="Vraag 3, antwoord 1-5.")
@click.pass_obj
def peiling(
    app: AppContext,
    iso_week: str | None,
    overbodig: int | None,
    regel: str | None,
    toelichting: str | None,
    verandering: int | None,
) -> None:
    """Beantwoord de drie vragen over ervaren regeldruk na een meetweek.

    Zonder antwoorden als opties vraagt het ze (alleen in een terminal).

    Voorbeeld: regeldruk peiling --overbodig 3 --regel verlenging --verandering 4
    """
    from regeldruk import survey
    from regeldruk.consent import worker_id_of
    from regeldruk.measurement import Week
    from regeldruk.taxonomy import resolve_category
    from regeldruk.timeparse import local_date, now_utc

    db = app.database()
    if iso_week:
        week = Week(*_week(iso_week))
    else:
        with db.transaction() as connection:
            found = survey.due(
                connection,
                worker_id_of(connection, app.worker_name()),
                local_date(now_utc(), app.tz),
            )
        if found is None:
            raise RegeldrukError(
                "Er staat geen peiling open (die komt aan het eind van een meetweek); "
                "kies een week met --week."
            )
        week = found
    interactive = sys.stdin.isatty()
    if overbodig is None or verandering is None:
        if not interactive:
            raise RegeldrukError("Geef --overbodig en --verandering op (1-5).")
        click.echo(f"Peiling over meetweek {week.label}. {survey.SOURCE}")
        overbodig = overbodig or _ask(survey.QUESTION_UNNECESSARY, survey.UNNECESSARY)
        if regel is None:
            choices = survey.rule_choices(app.categories)
            click.echo(survey.QUESTION_RULE)
            for number, category in enumerate(choices, start=1):
                click.echo(f"  {number:>2}. {category.label}")
            picked = click.prompt("Nummer (leeg: geen)", default="", show_default=False)
            if picked.strip():
                index = int(picked) if picked.strip().isdigit() else 0
                if not 1 <= index <= len(choices):
                    raise RegeldrukError(f"Kies een nummer van 1 tot en met {len(choices)}.")
                regel = choices[index - 1].key
            toelichting = toelichting or click.prompt(
                "Toelichting (geen namen of nummers; leeg mag)", default="", show_default=False
            )
        verandering = verandering or _ask(survey.QUESTION_CHANGE, survey.CHANGE)
    rule = (
        resolve_category(regel, tuple(survey.rule_choices(app.categories))).key if regel else None
    )
    saved = survey.save(
        db,
        app.worker_name(),
        survey.Answer(week, overbodig, rule, toelichting or None, verandering),
        app.categories,
    )
    click.echo(
        f"Opgeslagen voor {week.label}: overbodig '{survey.UNNECESSARY[saved.unnecessary]}', "
        f"regel {saved.rule_category or '–'}, verandering '{survey.CHANGE[saved.change]}'."
    )


def _ask(question: str, scale: dict[int, str]) -> int:
    click.echo(question)
    for number, label in scale.items():
        click.echo(f"  {number}. {label}")
    answer: int = click.prompt("Antwoord", type=click.IntRange(1, len(scale)))
    return answer


@click.command()
@click.argument("audience", type=click.Choice(["teamleider"]), required=False)
@click.argument("state", type=click.Choice(["aan", "uit"]), required=False)
@click.pass_obj
def delen(app: AppContext, audience: str | None, state: str | None) -> None:
    """Laat uw eigen cijfers wel of niet aan uw teamleider zien (steeds te herroepen).

    Zonder 'aan' of 'uit' toont het uw keuze en wanneer u die maakte. Zonder uw ja staan
    uw uren in teamoverzichten alleen samengevoegd met die van anderen (groepen van
    minstens 5); uw keuze komt met datum in het auditspoor.

    Voorbeeld: regeldruk delen teamleider aan
    """
    from regeldruk.consent import history, set_sharing
    from regeldruk.fmt import local

    db = app.database()
    name = app.worker_name()
    if state is None:
        changes = history(db, name)
        if not changes:
            click.echo("U deelt uw eigen cijfers niet met de teamleider (nooit gekozen).")
        for change in changes:
            word = "aan" if change.shared else "uit"
            when = local(change.at, app.tz).format("YYYY-MM-DD HH:mm")
            click.echo(f"{when}  delen met teamleider: {word}")
        return
    change = set_sharing(db, name, state == "aan")
    if change.shared:
        click.echo("Uw teamleider ziet voortaan uw eigen regel (uit te zetten met 'uit').")
    else:
        click.echo("Uw teamleider ziet uw eigen cijfers niet meer; alleen samengevoegd.")
