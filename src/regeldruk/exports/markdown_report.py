"""The period report as Markdown (the demo's week report)."""

from __future__ import annotations

from regeldruk.fmt import decimal_nl, hours_minutes, percent, short_day
from regeldruk.fmt import ratio as fmt_ratio
from regeldruk.reporting import Report, Summary
from regeldruk.taxonomy import KIND_LABELS, KINDS


def _row(name: str, summary: Summary) -> str:
    cells = [hours_minutes(summary.minutes[kind]) for kind in KINDS]
    return (
        f"| {name} | "
        + " | ".join(cells)
        + f" | {hours_minutes(summary.total_minutes)} | {percent(summary.accountability_share)} | "
        + ("–" if summary.paperwork_ratio is None else decimal_nl(summary.paperwork_ratio))
        + " |"
    )


def render_report_markdown(report: Report) -> str:
    s = report.summary
    header = (
        "| | " + " | ".join(KIND_LABELS[k] for k in KINDS) + " | Totaal | Verantwoording | "
        "Papier per uur cliënt (min) |"
    )
    rule = "|---" * (len(KINDS) + 4) + "|"
    lines = [
        f"# Tijdsbesteding {report.scope}",
        "",
        f"Periode: {report.period.first.isoformat()} t/m {report.period.last.isoformat()}.",
        "",
        f"- Totaal geregistreerd: **{hours_minutes(s.total_minutes)}** uur",
        f"- Aandeel verantwoording: **{percent(s.accountability_share)}**",
        f"- Papierwerkratio: **{fmt_ratio(s.paperwork_ratio)}**",
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
    if report.per_worker:
        lines += ["", "## Per medewerker", "", header, rule]
        for name, summary in report.per_worker.items():
            lines.append(_row(name, summary))
    lines += [
        "",
        "Uren als uu:mm. Papierwerkratio: minuten verantwoording per uur direct cliëntcontact.",
        "",
    ]
    return "\n".join(lines)
