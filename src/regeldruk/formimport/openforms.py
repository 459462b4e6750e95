"""Open Forms exports: a zip with forms.json, formSteps.json and formDefinitions.json.

Each step's form definition holds a Form.io component tree. Input components become
fields; layout components (fieldset, panel, columns, ...) give the section a field sits in;
repeating groups (datagrid, editgrid) keep their children, whose ids are Form.io's data
path (``grid.child``); text blocks (content) are text, not fields. Show-when conditions are
kept as a note on the field, with the label and option the condition refers to.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from regeldruk.errors import quote
from regeldruk.formimport.common import (
    MAX_FIELDS,
    MAX_NESTING,
    DraftField,
    DraftForm,
    Source,
    clean_text,
    read_zip,
    refuse,
    slugify,
)

IMPORTER = "openforms"
MEMBERS = ("forms.json", "formSteps.json", "formDefinitions.json")

# Form.io input type -> (form@1 type, format). The format says what the form@1 type loses:
# an e-mail address is text in form@1, asked as an e-mail address on the form.
TYPES: dict[str, tuple[str, str | None]] = {
    "textfield": ("text", None),
    "textarea": ("text", "meerdere regels"),
    "email": ("text", "e-mail"),
    "phoneNumber": ("text", "telefoonnummer"),
    "phonenumber": ("text", "telefoonnummer"),
    "postcode": ("text", "postcode"),
    "iban": ("text", "IBAN"),
    "licenseplate": ("text", "kenteken"),
    "bsn": ("bsn", None),
    "date": ("date", "DD-MM-JJJJ"),
    "datetime": ("date", "DD-MM-JJJJ"),  # "DD-MM-JJJJ UU:MM" when the time is asked too
    "time": ("text", "UU:MM"),
    "number": ("number", None),
    "currency": ("number", "bedrag in euro"),
    "radio": ("choice", None),  # the options become the format
    "select": ("choice", None),
    "selectboxes": ("choice", None),
    "checkbox": ("boolean", None),
    "switch": ("boolean", None),
    "file": ("file", None),
    "signature": ("file", "handtekening"),
    "map": ("text", "locatie op een kaart"),
    "address": ("text", "adres"),
    "adres": ("text", "adres"),  # Nijmegen's own address component
    "addressNL": ("text", "adres"),
    "cosign": ("text", "e-mailadres van de medeondertekenaar"),
    "npFamilyMembers": ("text", "gezinsleden uit de BRP"),
    "partners": ("text", "partner uit de BRP"),
    "children": ("text", "kinderen uit de BRP"),
}
# Components that ask nothing: what they are, for the record of what was left out.
NOT_ASKED = {
    "content": "tekstblok",
    "htmlelement": "tekstblok",
    "summary": "samenvatting van de antwoorden",
    "hidden": "verborgen veld dat het formulier zelf invult",
    "button": "knop",
    "softRequiredErrors": "melding over ontbrekende antwoorden",
    "productPrice": "prijs van het product",
}
REPEATING = {"datagrid", "editgrid"}
# Default titles the form builder gives a container; they say nothing about the section.
DEFAULT_TITLES = {"field set", "fieldset", "panel", "columns", "kolommen", "well", "table", "tabs"}
# Nijmegen marks a superseded version by appending "oud" to its name and slug.
SUPERSEDED = re.compile(r"(?i)[\s-]*\(?oud\)?$")


@dataclass(frozen=True)
class _Place:
    """Where a component sits: its section trail, data path and inherited conditions."""

    sections: tuple[str, ...] = ()
    path: tuple[str, ...] = ()
    conditions: tuple[str, ...] = ()
    depth: int = 0


def read_openforms(source: Source) -> DraftForm:
    members = read_zip(source, set(MEMBERS))
    missing = [name for name in MEMBERS if name not in members]
    if missing:
        raise refuse(source.path, f"geen Open Forms-export: {', '.join(missing)} ontbreekt")
    form = _json(source, members, "forms.json")
    steps = _json(source, members, "formSteps.json")
    definitions = _json(source, members, "formDefinitions.json")
    if isinstance(form, list) and len(form) == 1:
        form = form[0]
    if not isinstance(form, dict) or not isinstance(steps, list):
        raise refuse(source.path, "forms.json of formSteps.json heeft niet de vorm van Open Forms")
    if not isinstance(definitions, list):
        raise refuse(source.path, "formDefinitions.json heeft niet de vorm van Open Forms")
    name = clean_text(form.get("name"), 200)
    slug_text = str(form.get("slug") or name)
    superseded = bool(SUPERSEDED.search(name) or SUPERSEDED.search(slug_text))
    title = SUPERSEDED.sub("", name) or name
    slug = slugify(SUPERSEDED.sub("", slug_text)) or slugify(title)
    if not slug or not title:
        raise refuse(source.path, "forms.json noemt geen naam of slug van het formulier")
    importer = _Importer(source)
    for _, components in _steps(source, steps, definitions):
        importer.index(components, 0)
    for step_title, components in _steps(source, steps, definitions):
        importer.walk(components, _Place(sections=(step_title,) if step_title else ()))
    if not importer.fields:
        importer.left_out.append("het formulier vraagt niets: geen enkel invoerveld")
    return DraftForm(
        slug=slug,
        title=title,
        fields=importer.fields,
        importer=IMPORTER,
        source=source.path.name,
        sha256=source.sha256,
        left_out=importer.summary(),
        superseded=superseded,
    )


def _json(source: Source, members: dict[str, bytes], name: str) -> Any:
    try:
        return json.loads(members[name].decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise refuse(source.path, f"{name} is geen UTF-8-tekst") from None
    except RecursionError:
        raise refuse(source.path, f"{name} is te diep genest") from None
    except ValueError as err:
        raise refuse(source.path, f"{name} is geen geldige JSON ({err})") from None


def _steps(
    source: Source, steps: list[Any], definitions: list[Any]
) -> Iterator[tuple[str, list[Any]]]:
    """(step title, its top-level components) in the order of the steps."""
    by_url: dict[str, dict[str, Any]] = {}
    for definition in definitions:
        if not isinstance(definition, dict):
            raise refuse(source.path, "formDefinitions.json: verwacht een lijst van definities")
        for key in ("url", "uuid"):
            if isinstance(definition.get(key), str):
                by_url[definition[key]] = definition
    ordered = sorted(
        (step for step in steps if isinstance(step, dict)),
        key=lambda step: _index(step.get("index")),
    )
    for step in ordered:
        reference = str(step.get("form_definition") or step.get("formDefinition") or "")
        definition = by_url.get(reference) or by_url.get(reference.rstrip("/").rsplit("/", 1)[-1])
        if definition is None:
            raise refuse(
                source.path, f"stap {quote(step.get('slug'))} verwijst naar een onbekende definitie"
            )
        configuration = definition.get("configuration")
        components = configuration.get("components") if isinstance(configuration, dict) else None
        if not isinstance(components, list):
            raise refuse(source.path, f"stap {quote(step.get('slug'))} heeft geen componenten")
        title = clean_text(definition.get("name") or step.get("slug") or "", 200)
        yield title, components


def _index(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


class _Importer:
    def __init__(self, source: Source) -> None:
        self.source = source
        self.fields: list[DraftField] = []
        self.ids: set[str] = set()
        self.left: dict[str, int] = {}
        self.left_out: list[str] = []
        # key -> (label, {option value: option label}), for conditions that name a key.
        self.known: dict[str, tuple[str, dict[str, str]]] = {}

    def index(self, components: Any, depth: int) -> None:
        """First pass: every key's label and options, so conditions can be written out."""
        if depth > MAX_NESTING or not isinstance(components, list):
            return
        for component in components:
            if not isinstance(component, dict):
                continue
            key = component.get("key")
            if isinstance(key, str):
                self.known[key] = (clean_text(component.get("label"), 200), _options(component))
            for children in _children(component):
                self.index(children, depth + 1)

    def walk(self, components: Any, place: _Place) -> None:
        if place.depth > MAX_NESTING:
            raise refuse(self.source.path, f"componenten dieper genest dan {MAX_NESTING} niveaus")
        if not isinstance(components, list):
            return
        for component in components:
            if isinstance(component, dict):
                self.component(component, place)

    def component(self, component: dict[str, Any], place: _Place) -> None:
        kind = str(component.get("type") or "")
        key = str(component.get("key") or "")
        conditions = place.conditions + tuple(self.conditions(component))
        if kind in NOT_ASKED:
            self.left[NOT_ASKED[kind]] = self.left.get(NOT_ASKED[kind], 0) + 1
            return
        children = list(_children(component))
        if children or kind in REPEATING or component.get("input") is False or kind == "":
            self.container(component, kind, key, children, place, conditions)
            return
        self.add(component, kind, key, place, conditions)

    def container(
        self,
        component: dict[str, Any],
        kind: str,
        key: str,
        children: list[Any],
        place: _Place,
        conditions: tuple[str, ...],
    ) -> None:
        title = _title(component)
        sections = place.sections + ((title,) if title else ())
        path = place.path
        if kind in REPEATING:
            label = title or key or "herhaalbare groep"
            sections = place.sections + (f"{label} (herhaalbaar)",)
            path = path + (key,)
        elif kind == "container" and key:  # Form.io nests a container's data under its key
            path = path + (key,)
        if not children and kind not in REPEATING and kind not in ("columns", "fieldset", "panel"):
            what = f"onderdeel zonder vraag ({kind or 'zonder type'})"
            self.left[what] = self.left.get(what, 0) + 1
        inner = _Place(sections, path, conditions, place.depth + 1)
        for group in children:
            self.walk(group, inner)

    def add(
        self,
        component: dict[str, Any],
        kind: str,
        key: str,
        place: _Place,
        conditions: tuple[str, ...],
    ) -> None:
        if len(self.fields) >= MAX_FIELDS:
            raise refuse(self.source.path, f"meer dan {MAX_FIELDS} velden")
        confidence = 1.0
        notes: list[str] = []
        mapped = TYPES.get(kind)
        if mapped is None:
            mapped = ("text", None)
            confidence = 0.5
            notes.append(f"onbekend Form.io-type {quote(kind, 30)}, als tekst gelezen")
        field_type, fmt = mapped
        options = _options(component)
        format_value: str | list[str] | None = fmt
        if field_type == "choice":
            format_value = list(dict.fromkeys(label for label in options.values() if label))
            if not format_value:
                format_value = None
                notes.append("keuzes komen uit een externe bron")
        if kind == "datetime" and _with_time(component):
            format_value = "DD-MM-JJJJ UU:MM"
        if kind == "file":
            pattern = clean_text(component.get("filePattern"), 200)
            format_value = pattern.replace(",", ", ") if pattern and pattern != "*" else None
        if kind == "selectboxes" or (kind == "select" and component.get("multiple") is True):
            notes.append("meer dan één keuze mogelijk")
        if component.get("multiple") is True and kind not in ("select", "selectboxes"):
            notes.append("meer dan één antwoord mogelijk")
        if component.get("hidden") is True:
            notes.append("standaard verborgen; het formulier toont het veld zelf")
        label = clean_text(component.get("label"), 500)
        if not label:
            label = key or "veld"
            confidence = min(confidence, 0.6)
            notes.append("geen label op het formulier; de sleutel staat in de plaats")
        if conditions:
            notes.append("; ".join(dict.fromkeys(conditions)))
        validate = component.get("validate")
        required = isinstance(validate, dict) and validate.get("required") is True
        help_parts = [clean_text(component.get(k), 1000) for k in ("description", "tooltip")]
        help_text = " — ".join(part for part in help_parts if part) or None
        field_id = ".".join(place.path + (key,)) if key else f"veld-{len(self.fields) + 1}"
        if field_id in self.ids:  # Form.io forbids this; an export with it still imports
            field_id = f"{field_id}-{len(self.fields) + 1}"
            notes.append("sleutel kwam al eerder voor in dit formulier")
        self.ids.add(field_id)
        self.fields.append(
            DraftField(
                id=field_id,
                label=label,
                type=field_type,
                required=required,
                format=format_value,
                help=help_text,
                section=" › ".join(part for part in place.sections if part) or None,
                note="; ".join(notes) or None,
                confidence=confidence,
            )
        )

    def conditions(self, component: dict[str, Any]) -> Iterator[str]:
        """Show-when rules as Dutch text: the simple kind with the label it refers to."""
        rule = component.get("conditional")
        if isinstance(rule, dict) and rule.get("when"):
            when = str(rule.get("when"))
            label, options = self.known.get(when, (when, {}))
            value = rule.get("eq")
            shown = options.get(str(value), clean_text(value, 100))
            verb = "alleen getoond" if rule.get("show") in (True, "true") else "verborgen"
            yield f"{verb} als {quote(label or when, 80)} = {quote(shown, 60)}"
        elif isinstance(rule, dict) and rule.get("json"):
            yield "getoond onder een voorwaarde (JSON-logica)"
        custom = component.get("customConditional")
        if isinstance(custom, str) and custom.strip():
            yield f"getoond onder een voorwaarde in JavaScript: {clean_text(custom, 160)}"

    def summary(self) -> list[str]:
        lines = [f"{count}× {what}" for what, count in sorted(self.left.items())]
        return lines + self.left_out


def _children(component: dict[str, Any]) -> Iterator[list[Any]]:
    """The lists of child components of a layout or repeating component."""
    components = component.get("components")
    if isinstance(components, list):
        yield components
    columns = component.get("columns")
    if isinstance(columns, list):
        for column in columns:
            if isinstance(column, dict) and isinstance(column.get("components"), list):
                yield column["components"]
    rows = component.get("rows")
    if component.get("type") == "table" and isinstance(rows, list):
        for row in rows:
            for cell in row if isinstance(row, list) else []:
                if isinstance(cell, dict) and isinstance(cell.get("components"), list):
                    yield cell["components"]


def _title(component: dict[str, Any]) -> str:
    for key in ("legend", "title", "label"):
        text = clean_text(component.get(key), 200)
        if text and text.lower() not in DEFAULT_TITLES:
            return text
    return ""


def _options(component: dict[str, Any]) -> dict[str, str]:
    """{value: label} of a radio, selectboxes or select component."""
    values = component.get("values")
    data = component.get("data")
    if not isinstance(values, list) and isinstance(data, dict):
        values = data.get("values")
    found: dict[str, str] = {}
    for option in values if isinstance(values, list) else []:
        if isinstance(option, dict):
            label = clean_text(option.get("label"), 200)
            found[str(option.get("value"))] = label or clean_text(option.get("value"), 200)
    return found


def _with_time(component: dict[str, Any]) -> bool:
    widget = component.get("widget")
    if isinstance(widget, dict) and "enableTime" in widget:
        return widget.get("enableTime") is True
    return component.get("enableTime") is True
