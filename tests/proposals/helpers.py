"""Small catalogues built in code, for the proposals tests."""

from __future__ import annotations

from pathlib import Path

from regeldruk.forms import Catalogue, Form, FormField, Frequency


def field(field_id: str, label: str, kind: str = "text", **keys: str) -> FormField:
    return FormField(field_id, label, kind, **keys)  # type: ignore[arg-type]


def form(
    form_id: str,
    municipality: str,
    fields: list[FormField],
    purpose: str = "toewijzing",
    frequency: Frequency | None = None,
    minutes: float | None = 30,
    owner: str | None = None,
) -> Form:
    return Form(
        form_id,
        municipality,
        f"Formulier {form_id}",
        purpose,
        frequency or Frequency("client", at="start"),
        tuple(fields),
        Path(f"{form_id}.yaml"),
        minutes=minutes,
        example=municipality.startswith("GM9"),
        owner=owner,
    )


def standard_forms() -> list[Form]:
    """JW315, JW305 and JW323 as the analysis sees them: what the messages carry."""
    return [
        form(
            "jw315",
            "standaard",
            [
                field("bsn", "BSN", "bsn"),
                field("naam", "Naam"),
                field("geb", "Geboortedatum", "date"),
            ],
            minutes=None,
        ),
        form(
            "jw305",
            "standaard",
            [field("bsn", "BSN", "bsn"), field("start", "Begindatum zorg", "date")],
            "melding",
            minutes=None,
        ),
        form(
            "jw323",
            "standaard",
            [
                field("bsn", "BSN", "bsn"),
                field("bedrag", "Ingediend bedrag", "number"),
                field("volume", "Geleverd volume", "number"),
            ],
            "declaratie",
            Frequency("provider", every="1 month"),
            minutes=None,
        ),
    ]


def catalogue(forms: list[Form], directory: Path | None = None) -> Catalogue:
    return Catalogue(directory or Path("."), forms)
