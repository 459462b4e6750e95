"""A `DraftForm` as form@1 YAML: the draft a person reviews before it counts."""

from __future__ import annotations

import re
from typing import Any

import yaml

from regeldruk.formimport.common import DraftForm, clean_text, slugify
from regeldruk.forms import SCHEMA

# Words in a title that say what a form is for; anything else is "overig" until reviewed.
PURPOSE_WORDS = (
    (re.compile(r"declar", re.I), "declaratie"),
    (re.compile(r"verleng", re.I), "verlenging"),
    (re.compile(r"evaluat", re.I), "evaluatie"),
    (re.compile(r"rapportage|verantwoord", re.I), "verantwoording"),
    (re.compile(r"\bmeld|melding", re.I), "melding"),
    (re.compile(r"toewijzing|toegang", re.I), "toewijzing"),
)


def form_id(draft: DraftForm, municipality: str) -> str:
    """<municipality>-<slug>: stable across versions of one form, [a-z0-9-]+."""
    return f"{municipality.lower()}-{draft.slug}"[:90].rstrip("-")


def file_name(identifier: str) -> str:
    return f"{slugify(identifier) or 'formulier'}.yaml"


def guess_purpose(title: str) -> str:
    for pattern, purpose in PURPOSE_WORDS:
        if pattern.search(title):
            return purpose
    return "overig"


class _Flow(list[Any]):
    """A list written on one line: the options of a choice, the frequency."""


class _FlowMap(dict[str, Any]):
    pass


class _Dumper(yaml.SafeDumper):
    pass


_Dumper.add_representer(
    _Flow, lambda dumper, data: dumper.represent_sequence("tag:yaml.org,2002:seq", data, True)
)
_Dumper.add_representer(
    _FlowMap,
    lambda dumper, data: dumper.represent_mapping("tag:yaml.org,2002:map", data.items(), True),
)


def draft_document(draft: DraftForm, municipality: str, imported_at: str) -> dict[str, Any]:
    """The form@1 mapping of a draft; a real municipality is never an example."""
    fields = []
    for item in draft.fields:
        entry: dict[str, Any] = {
            "id": item.id,
            "label": item.label,
            "type": item.type,
            "required": item.required,
        }
        for key in ("format", "help", "section", "note"):
            value = getattr(item, key)
            if value:
                entry[key] = _Flow(value) if isinstance(value, list) else value
        entry["confidence"] = round(item.confidence, 2)
        fields.append(entry)
    document: dict[str, Any] = {
        "schema": SCHEMA,
        "id": form_id(draft, municipality),
        "municipality": municipality,
        "title": draft.title,
        "purpose": guess_purpose(draft.title),
        "frequency": _FlowMap(per="client", at="start"),
        "example": False,
        "draft": {
            "source": draft.source,
            "sha256": draft.sha256,
            "importer": draft.importer,
            "imported_at": imported_at,
            "reviewed": False,
        },
        "fields": fields,
    }
    if draft.left_out:
        document["draft"]["left_out"] = list(draft.left_out)
    return document


def to_yaml(document: dict[str, Any]) -> str:
    """YAML text with a header that says what a reviewer must do."""
    source = clean_text(document["draft"]["source"], 120)
    header = (
        f"# Concept, gemaakt door 'regeldruk forms import' uit {source}.\n"
        "# Een mens controleert het voordat het telt: purpose en frequency zijn geschat, de\n"
        "# velden komen uit het bestand (confidence: hoe zeker de import is). Zet daarna\n"
        "# draft.reviewed op true.\n"
    )
    body = yaml.dump(
        document,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        width=100,
        default_flow_style=False,
    )
    return header + body
