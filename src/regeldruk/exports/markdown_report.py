"""The period report as Markdown (the demo's week report)."""

from __future__ import annotations

from regeldruk.fmt import decimal_nl, hours_minutes, percent, short_day
from regeldruk.fmt import ratio as fmt_ratio
from regeldruk.reporting import Report, Summary
from regeldruk.taxonomy import FOR_WHOM, FOR_WHOM_LABELS, KIND_LABELS, KINDS
from regeldruk.textsafe import for_markdown


def _measurement_lines(report: Report) -> list[str]:
    """Which measurement weeks the figures rest on, the year's estimate, the peiling."""
    lines = report.estimate.describe() if report.estimate else []
    return lines + (report.survey.describe() if report.survey else [])


def _points(difference: float | None) -> str:
    return "–" if difference is None else f"{decimal_nl(difference * 100)} procentpunt"


def _difference(summary: Summary) -> float | None:
    """Administration share minus accountability share: what CBS counts on top."""
    a, b = summary.administration_share, summary.accountability_share
    return None if a is None or b is None else a - b


def _row(name: str, summary: Summary) -> str:
    cells = [hours_minutes(summary.minutes[kind]) for kind in KINDS]
    return (
        f"| {name} | "
        + " | ".join(cells)
        + f" | {hours_minutes(summary.total_minutes)} | {percent(summary.accountability_share)}"
        + f" | {percent(summary.administration_share)} | "
        + ("–" if summary.paperwork_ratio is None else decimal_nl(summary.paperwork_ratio))
        + " |"
    )


def render_report_markdown(report: Report) -> str:
    s = report.summary
    header = (
        "| | " + " | ".join(KIND_LABELS[k] for k in KINDS) + " | Totaal | Verantwoording | "
        "Administratie (CBS) | Papier per uur cliënt (min) |"
    )
    rule = "|---" * (len(KINDS) + 5) + "|"
    lines = [
        f"# Tijdsbesteding {report.scope}",
        "",
        f"Periode: {report.period.first.isoformat()} t/m {report.period.last.isoformat()}.",
        "",
        f"- Totaal geregistreerd: **{hours_minutes(s.total_minutes)}** uur",
        f"- Aandeel verantwoording: **{percent(s.accountability_share)}** "
        "(verantwoording aan financiers en toezichthouders / alle uren)",
        f"- Aandeel administratie volgens CBS: **{percent(s.administration_share)}** "
        "(verantwoording + dossier en verslaglegging / alle uren; vergelijkbaar met de "
        "38% van CBS voor cliëntgebonden medewerkers in de jeugdzorg, AZW 2025)",
        f"- Verschil: **{_points(_difference(s))}** dossier en verslaglegging voor de zorg, "
        "die CBS als administratie telt",
        f"- Papierwerkratio: **{fmt_ratio(s.paperwork_ratio)}**",
        "",
        *(f"- {for_markdown(line)}" for line in _measurement_lines(report)),
        "",
        "## Voor wie",
        "",
        "| Voor wie | Uren | Aandeel |",
        "|---|---|---|",
        *(
            f"| {FOR_WHOM_LABELS[whom]} | {hours_minutes(s.for_whom[whom])} | "
            f"{percent(s.for_whom[whom] / s.total_minutes if s.total_minutes else None)} |"
            for whom in FOR_WHOM
            if s.for_whom.get(whom)
        ),
        "",
        "## Per soort",
        "",
        "| Soort | Uren | Aandeel |",
        "|---|---|---|",
    ]
    for kind in KINDS:
        share = s.minutes[kind] / s.total_minutes if s.total_minutes else None
        lines.append(
            f"| {KIND_LABELS[kind]} | {hours_minutes(s.minutes[kind])} | {percent(share)} |"
        )
    lines += ["", "## Per dag", "", header, rule]
    for day, summary in report.per_day.items():
        lines.append(_row(short_day(day), summary))
    if report.per_worker is not None:
        lines += ["", "## Per medewerker", "", header, rule]
        for name, summary in report.per_worker.items():
            lines.append(_row(for_markdown(name), summary))
        if report.team_note:
            lines += ["", for_markdown(report.team_note)]
    lines += [
        "",
        "Uren als uu:mm. Papierwerkratio: minuten verantwoording per uur direct cliëntcontact.",
        "",
    ]
    return "\n".join(lines)
