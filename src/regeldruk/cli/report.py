"""`regeldruk report`: hours per kind, the two shares (accountability; administration by
the CBS definition), paperwork ratio, and the measurement weeks the figures rest on."""

from __future__ import annotations

import json

import click

from regeldruk.cli.common import resolve_days
from regeldruk.cli.context import AppContext
from regeldruk.fmt import decimal_nl, hours_minutes, percent, short_day
from regeldruk.fmt import ratio as fmt_ratio
from regeldruk.reporting import Period, Report, Summary, build_report
from regeldruk.taxonomy import KIND_LABELS, KIND_SHORT_LABELS, KINDS
from regeldruk.timeparse import now_utc


def load_report(app: AppContext, period: Period, team: str | None) -> Report:
    from regeldruk.organisation import find_team, find_worker, team_worker_ids, worker_id

    with app.database().session() as session:
        connection = session.connection()
        if team:
            found = find_team(session, team)
            ids = team_worker_ids(session, found)
            # The requester's own line is theirs to see; anyone else's needs that worker's yes.
            me = worker_id(session, app.config.worker) if app.config.worker else None
            return build_report(
                connection, period, now_utc(), f"team {found.name}", ids, True, requester_id=me
            )
        worker = find_worker(session, app.worker_name())
        return build_report(connection, period, now_utc(), worker.name, [worker.id])


def _summary_cells(summary: Summary) -> list[str]:
    return [hours_minutes(summary.minutes[kind]) for kind in KINDS] + [
        hours_minutes(summary.total_minutes),
        percent(summary.accountability_share),
        percent(summary.administration_share),
        "–" if summary.paperwork_ratio is None else decimal_nl(summary.paperwork_ratio),
    ]


def print_report(report: Report) -> None:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    console = Console()
    s = report.summary
    period = f"{report.period.first:%d-%m-%Y} t/m {report.period.last:%d-%m-%Y}"
    kinds = Table(title=f"Tijdsbesteding {report.scope}, {period}", title_justify="left")
    kinds.add_column("Soort")
    kinds.add_column("Uren", justify="right")
    kinds.add_column("Decimaal", justify="right")
    kinds.add_column("Aandeel", justify="right")
    for kind in KINDS:
        minutes = s.minutes[kind]
        kinds.add_row(
            KIND_LABELS[kind],
            hours_minutes(minutes),
            decimal_nl(minutes / 60, 2),
            percent(minutes / s.total_minutes if s.total_minutes else None),
        )
    kinds.add_row("Totaal", hours_minutes(s.total_minutes), decimal_nl(s.total_minutes / 60, 2), "")
    console.print(kinds)
    console.print(f"Aandeel verantwoording: [bold]{percent(s.accountability_share)}[/bold]")
    console.print(
        f"Aandeel administratie (CBS-definitie): [bold]{percent(s.administration_share)}[/bold]"
        f" (verantwoording + dossier en verslaglegging; {hours_minutes(s.administration_minutes)})"
    )
    console.print(f"Papierwerkratio: [bold]{fmt_ratio(s.paperwork_ratio)}[/bold]")
    console.print(
        "Verantw. = aandeel verantwoording; Admin. = aandeel administratie volgens CBS "
        "(vergelijkbaar met CBS' 38% voor cliëntgebonden jeugdzorgmedewerkers); "
        "Min/uur = papierwerkratio.",
        style="dim",
    )
    if report.estimate is not None:
        for line in report.estimate.describe():
            console.print(escape(line))
    for line in report.survey.describe() if report.survey else []:
        console.print(escape(line))
    if report.team_note:
        console.print(escape(report.team_note), style="italic")

    def detail_table(title: str, rows: dict[str, Summary]) -> None:
        table = Table(title=title, title_justify="left")
        table.add_column("", no_wrap=True)
        for kind in KINDS:
            table.add_column(KIND_SHORT_LABELS[kind], justify="right")
        for name in ("Totaal", "Verantw.", "Admin.", "Min/uur"):
            table.add_column(name, justify="right")
        for name, summary in rows.items():
            table.add_row(escape(name), *_summary_cells(summary))
        console.print(table)

    detail_table(
        "Per dag",
        {short_day(day): summary for day, summary in report.per_day.items()},
    )
    if report.per_worker is not None:
        detail_table("Per medewerker", report.per_worker)


@click.command()
@click.option("--week", metavar="ISOWEEK", help="ISO-week, bijvoorbeeld 2026-W43.")
@click.option("--from", "first", metavar="DATE", help="Eerste dag.")
@click.option("--to", "last", metavar="DATE", help="Laatste dag (inclusief).")
@click.option("--team", metavar="TEAM", help="Het hele team, met een regel per medewerker.")
@click.option("--json", "as_json", is_flag=True, help="Als JSON.")
@click.pass_obj
def report(
    app: AppContext,
    week: str | None,
    first: str | None,
    last: str | None,
    team: str | None,
    as_json: bool,
) -> None:
    """Uren per soort, aandeel verantwoording en papierwerkratio (standaard: deze week).

    Voorbeeld: regeldruk report --week 2026-W43 --team "Team Noord"
    """
    first_day, last_day = resolve_days(app.tz, week, first, last)
    result = load_report(app, Period(first_day, last_day, app.tz), team)
    if as_json:
        click.echo(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
    else:
        print_report(result)
