"""The forms catalogue (regeldruk/form@1): loading with validation that names file and line.

One YAML file per form, anywhere below the catalogue directory. `concepten.yaml` at the
top is not a form: it holds the policy adviser's decisions on concepts (see matching.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import yaml

from regeldruk.municipalities import by_code, regions

SCHEMA = "regeldruk/form@1"
DECISIONS_FILE = "concepten.yaml"
# Facts about the municipalities of a catalogue (names of fictional ones, execution variant);
# read by regeldruk.proposals.places, not a form.
MUNICIPALITIES_FILE = "gemeenten.yaml"
PURPOSES = (
    "toewijzing",
    "verlenging",
    "verantwoording",
    "declaratie",
    "evaluatie",
    "melding",
    "overig",
)
FIELD_TYPES = ("text", "number", "date", "bsn", "choice", "boolean", "file", "code", "scale")
FORM_KEYS = {
    "schema",
    "id",
    "municipality",
    "title",
    "purpose",
    "applies_to",
    "frequency",
    "minutes",
    "source",
    "example",
    "fields",
    "draft",  # optional: an imported draft's provenance and review state (formimport)
    "owner",  # optional: who owns the rule (proposals)
}
REQUIRED_FORM_KEYS = ("schema", "id", "municipality", "title", "purpose", "frequency", "fields")
FIELD_KEYS = {"id", "label", "type", "required", "format", "help", "owner", "changes", "answer"}
# Who owns the rule that asks a form or field (optional; see README "form@1, extended").
OWNERS = ("wet", "gemeente", "regio", "igj", "cbs", "accountant", "skj", "eigen")
CHANGES = ("static", "periodic")  # a fact, or a measurement at a moment
ANSWERS = ("narrative", "short")  # for text fields: a written account, or a name/number
# Optional per-field keys an importer writes: how sure it is, where the field sits, and
# what the source says that form@1 has no key for (conditions, repeats, lost types).
IMPORT_FIELD_KEYS = {"confidence", "section", "note"}
DRAFT_KEYS = {"source", "sha256", "importer", "imported_at", "reviewed", "left_out"}
UNITS = {
    "day": 365.0,
    "days": 365.0,
    "dag": 365.0,
    "dagen": 365.0,
    "week": 52.0,
    "weeks": 52.0,
    "weken": 52.0,
    "month": 12.0,
    "months": 12.0,
    "maand": 12.0,
    "maanden": 12.0,
    "quarter": 4.0,
    "quarters": 4.0,
    "kwartaal": 4.0,
    "year": 1.0,
    "years": 1.0,
    "jaar": 1.0,
}
DUTCH_PERIODS = {
    365.0: lambda n: "dagelijks" if n == "1" else f"elke {n} dagen",
    52.0: lambda n: "wekelijks" if n == "1" else f"elke {n} weken",
    12.0: lambda n: "maandelijks" if n == "1" else f"elke {n} maanden",
    4.0: lambda n: "elk kwartaal" if n == "1" else f"elke {n} kwartalen",
    1.0: lambda n: "jaarlijks" if n == "1" else f"elke {n} jaar",
}
ID_PATTERN = re.compile(r"[a-z0-9-]+")
MAX_FILE_BYTES = 2_000_000


@dataclass(frozen=True)
class Problem:
    path: Path
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


@dataclass(frozen=True)
class Frequency:
    per: str  # client | provider
    every: str | None = None  # "3 months"
    at: str | None = None  # start | end | change

    def times_per_year(self) -> float | None:
        """Occurrences per client (or provider) per year; None for event-driven ones."""
        if self.every is None:
            return None
        count, unit = self.every.split()
        return UNITS[unit] / float(count)

    def describe(self) -> str:
        who = "per cliënt" if self.per == "client" else "per aanbieder"
        if self.every:
            count, unit = self.every.split()
            return f"{who}, {DUTCH_PERIODS[UNITS[unit]](count)}"
        moment = {"start": "bij de start", "end": "bij het einde", "change": "bij een wijziging"}
        return f"{who}, {moment.get(self.at or '', self.at)}"


@dataclass(frozen=True)
class FormField:
    id: str
    label: str
    type: str
    required: bool = True
    format: str | list[str] | None = None
    help: str | None = None
    line: int = 0
    confidence: float | None = None
    section: str | None = None
    note: str | None = None
    owner: str | None = None  # the rest: optional keys for the proposals
    changes: str | None = None
    answer: str | None = None


@dataclass(frozen=True)
class Draft:
    """Where an imported form came from; it counts once a person sets ``reviewed``."""

    source: str
    sha256: str
    importer: str
    imported_at: str
    reviewed: bool
    left_out: tuple[str, ...] = ()


@dataclass(frozen=True)
class Form:
    id: str
    municipality: str  # GM0344, regio:<name> or standaard
    title: str
    purpose: str
    frequency: Frequency
    fields: tuple[FormField, ...]
    path: Path
    applies_to: tuple[str, ...] = ()
    minutes: float | None = None
    source: str | None = None
    example: bool = False
    draft: Draft | None = None
    owner: str | None = None

    @property
    def is_standard(self) -> bool:
        return self.municipality == "standaard"

    @property
    def unreviewed(self) -> bool:
        """An imported draft that no person has reviewed yet."""
        return self.draft is not None and not self.draft.reviewed


@dataclass
class Catalogue:
    directory: Path
    forms: list[Form] = field(default_factory=list)
    # Unreviewed drafts of a newer version, waiting beside the reviewed form of their id.
    pending: list[Form] = field(default_factory=list)

    def reviewed_only(self) -> Catalogue:
        """The catalogue without unreviewed drafts: what counts until a person looks."""
        kept = [form for form in self.forms if not form.unreviewed]
        return Catalogue(self.directory, kept, self.pending)

    def by_id(self) -> dict[str, Form]:
        return {form.id: form for form in self.forms}

    def fields(self) -> Iterator[tuple[Form, FormField]]:
        for form in self.forms:
            for item in form.fields:
                yield form, item


class _LineLoader(yaml.SafeLoader):
    """A safe loader that remembers the line of every mapping and of each of its keys."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        mapping: dict[Any, Any] = super().construct_mapping(node, deep=deep)
        mapping["__line__"] = node.start_mark.line + 1
        mapping["__lines__"] = {
            key.value: key.start_mark.line + 1 for key, _ in node.value if hasattr(key, "value")
        }
        return mapping


def form_files(directory: Path) -> list[Path]:
    return sorted(
        path
        for pattern in ("*.yaml", "*.yml")
        for path in directory.rglob(pattern)
        if path.is_file()
        and not (path.parent == directory and path.name in (DECISIONS_FILE, MUNICIPALITIES_FILE))
    )


def load_catalogue(directory: Path) -> tuple[Catalogue, list[Problem]]:
    """Every form below ``directory``, and every problem found (file:line: expected ...)."""
    catalogue = Catalogue(directory)
    problems: list[Problem] = []
    if not directory.is_dir():
        return catalogue, [Problem(directory, 0, "map bestaat niet")]
    seen: dict[str, Path] = {}
    for path in form_files(directory):
        form, found = load_form(path)
        problems += found
        if form is None:
            continue
        if form.id in seen and _pending(catalogue, form):
            continue
        if form.id in seen:
            problems.append(
                Problem(
                    path,
                    1,
                    f"id '{form.id}' komt ook voor in {seen[form.id]}; verwacht een unieke id",
                )
            )
            continue
        seen[form.id] = path
        catalogue.forms.append(form)
    return catalogue, problems


def _pending(catalogue: Catalogue, form: Form) -> bool:
    """A new version's unreviewed draft beside the reviewed form of the same id waits; it
    is not a duplicate. True when ``form`` or the one already loaded was set aside."""
    index = next(i for i, known in enumerate(catalogue.forms) if known.id == form.id)
    known = catalogue.forms[index]
    if form.unreviewed and not known.unreviewed:
        catalogue.pending.append(form)
        return True
    if known.unreviewed and not form.unreviewed:
        catalogue.pending.append(known)
        catalogue.forms[index] = form
        return True
    return False


def load_form(path: Path) -> tuple[Form | None, list[Problem]]:
    try:
        raw_bytes = path.read_bytes()
    except OSError as err:
        return None, [Problem(path, 0, f"kan het bestand niet lezen ({err.strerror})")]
    if len(raw_bytes) > MAX_FILE_BYTES:
        return None, [Problem(path, 1, f"bestand is groter dan {MAX_FILE_BYTES} bytes")]
    if b"\x00" in raw_bytes:
        return None, [Problem(path, 1, "binair bestand; verwacht YAML-tekst (UTF-8)")]
    try:
        text = raw_bytes.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw_bytes[: err.start].count(b"\n") + 1
        return None, [Problem(path, line, "geen UTF-8-tekst; sla het bestand op als UTF-8")]
    if not text.strip():
        return None, [Problem(path, 1, f"leeg bestand; verwacht een formulier ({SCHEMA})")]
    try:
        raw = yaml.load(text, Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 if mark else 1
        return None, [Problem(path, line, f"geen geldige YAML: {err.problem or err}")]
    except yaml.YAMLError as err:
        return None, [Problem(path, 1, f"geen geldige YAML: {err}")]
    if not isinstance(raw, dict):
        return None, [Problem(path, 1, "verwacht een mapping met de sleutels van een formulier")]
    return _validate(path, raw)


def _validate(path: Path, raw: dict[str, Any]) -> tuple[Form | None, list[Problem]]:
    problems: list[Problem] = []
    lines: dict[str, int] = raw.get("__lines__", {})

    def problem(key: str, message: str) -> None:
        problems.append(Problem(path, lines.get(key, raw.get("__line__", 1)), message))

    for key in sorted(set(raw) - FORM_KEYS - {"__line__", "__lines__"}):
        problem(
            str(key), f"onbekende sleutel '{key}'; verwacht een van {', '.join(sorted(FORM_KEYS))}"
        )
    for key in REQUIRED_FORM_KEYS:
        if key not in raw:
            problem(key, f"sleutel '{key}' ontbreekt")
    if problems and any("ontbreekt" in p.message for p in problems):
        return None, problems
    if raw["schema"] != SCHEMA:
        problem("schema", f"schema '{raw['schema']}'; verwacht '{SCHEMA}'")
    form_id = raw["id"]
    if not isinstance(form_id, str) or not ID_PATTERN.fullmatch(form_id):
        problem("id", f"id {form_id!r}; verwacht kleine letters, cijfers en '-'")
    example = raw.get("example", False)
    if not isinstance(example, bool):
        problem("example", "example moet true of false zijn")
    municipality = raw["municipality"]
    problems += _check_municipality(path, lines.get("municipality", 1), municipality, example)
    for key in ("title", "source"):
        if key in raw and (not isinstance(raw[key], str) or not raw[key].strip()):
            problem(key, f"'{key}' moet tekst zijn")
    if raw["purpose"] not in PURPOSES:
        problem("purpose", f"purpose {raw['purpose']!r}; verwacht een van {', '.join(PURPOSES)}")
    applies_to = raw.get("applies_to", [])
    if not isinstance(applies_to, list) or not all(isinstance(a, str) for a in applies_to):
        problem("applies_to", "applies_to moet een lijst van woorden zijn")
        applies_to = []
    minutes = raw.get("minutes")
    if minutes is not None and (
        isinstance(minutes, bool) or not isinstance(minutes, (int, float)) or minutes <= 0
    ):
        problem("minutes", f"minutes {minutes!r}; verwacht een positief aantal minuten")
        minutes = None
    draft = (
        _draft(raw.get("draft"), lines.get("draft", 1), path, problems) if "draft" in raw else None
    )
    owner = raw.get("owner")
    if owner is not None and owner not in OWNERS:
        problem("owner", f"owner {owner!r}; verwacht een van {', '.join(OWNERS)}")
    frequency = _frequency(raw["frequency"], lines.get("frequency", 1), path, problems)
    fields = _fields(raw["fields"], lines.get("fields", 1), path, problems)
    if problems:
        return None, problems
    assert frequency is not None
    return Form(
        id=form_id,
        municipality=municipality,
        title=raw["title"].strip(),
        purpose=raw["purpose"],
        frequency=frequency,
        fields=tuple(fields),
        path=path,
        applies_to=tuple(applies_to),
        minutes=float(minutes) if minutes is not None else None,
        source=raw.get("source"),
        example=example,
        draft=draft,
        owner=owner,
    ), []


def _check_municipality(path: Path, line: int, value: Any, example: Any) -> list[Problem]:
    expected = "verwacht een CBS-code (GM0344), 'regio:<naam>' of 'standaard'"
    if not isinstance(value, str):
        return [Problem(path, line, f"municipality {value!r}; {expected}")]
    if value == "standaard":
        return []
    if value.startswith("regio:"):
        if value[6:] not in regions():
            return [Problem(path, line, f"onbekende jeugdzorgregio '{value[6:]}'; {expected}")]
        return []
    match = re.fullmatch(r"GM(\d{4})", value)
    if not match:
        return [Problem(path, line, f"municipality '{value}'; {expected}")]
    fictional = 9000 <= int(match.group(1)) <= 9999
    if fictional and example is not True:
        return [Problem(path, line, f"{value} is een fictieve code: zet 'example: true'")]
    if not fictional and by_code(value) is None:
        return [Problem(path, line, f"{value} is geen gemeente in 2026; {expected}")]
    if not fictional and example is True:
        return [
            Problem(
                path,
                line,
                f"{value} is een echte gemeente; een voorbeeld (example: true) "
                "gebruikt een fictieve code GM9000–GM9999",
            )
        ]
    return []


def _draft(raw: Any, line: int, path: Path, problems: list[Problem]) -> Draft | None:
    expected = "verwacht {source, sha256, importer, imported_at, reviewed: true|false}"
    if not isinstance(raw, dict):
        problems.append(Problem(path, line, f"draft; {expected}"))
        return None
    line = raw.get("__line__", line)
    unknown = sorted(str(key) for key in set(raw) - DRAFT_KEYS - {"__line__", "__lines__"})
    if unknown:
        problems.append(Problem(path, line, f"draft: onbekende sleutel '{unknown[0]}'; {expected}"))
    text = {key: raw.get(key) for key in ("source", "sha256", "importer")}
    imported_at = raw.get("imported_at")
    if isinstance(imported_at, (date, datetime)):  # YAML reads an unquoted timestamp
        imported_at = imported_at.isoformat()
    left_out = raw.get("left_out", [])
    reviewed = raw.get("reviewed")
    if (
        any(not isinstance(value, str) or not value.strip() for value in text.values())
        or not isinstance(imported_at, str)
        or not isinstance(reviewed, bool)
        or not isinstance(left_out, list)
        or not all(isinstance(item, str) for item in left_out)
    ):
        problems.append(Problem(path, line, f"draft; {expected}"))
        return None
    if not re.fullmatch(r"[0-9a-f]{64}", str(text["sha256"])):
        problems.append(Problem(path, line, "draft.sha256; verwacht 64 hexadecimale tekens"))
        return None
    return Draft(
        str(text["source"]),
        str(text["sha256"]),
        str(text["importer"]),
        imported_at,
        reviewed,
        tuple(left_out),
    )


def _frequency(raw: Any, line: int, path: Path, problems: list[Problem]) -> Frequency | None:
    expected = (
        "verwacht {per: client|provider, every: '3 months'} of {per: client, at: start|end|change}"
    )
    if not isinstance(raw, dict):
        problems.append(Problem(path, line, f"frequency; {expected}"))
        return None
    line = raw.get("__line__", line)
    per, every, at = raw.get("per"), raw.get("every"), raw.get("at")
    unknown = set(raw) - {"per", "every", "at", "__line__", "__lines__"}
    if unknown or per not in ("client", "provider") or (every is None) == (at is None):
        problems.append(Problem(path, line, f"frequency; {expected}"))
        return None
    if every is not None:
        parts = str(every).split()
        valid = len(parts) == 2 and parts[0].replace(".", "", 1).isdigit() and parts[1] in UNITS
        if not valid or float(parts[0]) <= 0:
            problems.append(
                Problem(path, line, f"frequency.every '{every}'; verwacht bv. '3 months'")
            )
            return None
        return Frequency(per, every=str(every))
    if at not in ("start", "end", "change"):
        problems.append(Problem(path, line, f"frequency.at '{at}'; verwacht start, end of change"))
        return None
    return Frequency(per, at=at)


def _fields(raw: Any, line: int, path: Path, problems: list[Problem]) -> list[FormField]:
    if not isinstance(raw, list) or not raw:
        problems.append(Problem(path, line, "fields; verwacht een niet-lege lijst van velden"))
        return []
    fields: list[FormField] = []
    seen: set[str] = set()
    for index, item in enumerate(raw, start=1):
        if not isinstance(item, dict):
            problems.append(Problem(path, line, f"fields[{index}]; verwacht een mapping"))
            continue
        problem = _field_reporter(problems, path, item, line, index)
        for key in sorted(set(item) - FIELD_KEYS - IMPORT_FIELD_KEYS - {"__line__", "__lines__"}):
            known = ", ".join(sorted(FIELD_KEYS))
            problem(str(key), f"onbekende sleutel '{key}'; verwacht {known}")
        field_id, label, kind = item.get("id"), item.get("label"), item.get("type")
        if not isinstance(field_id, str) or not field_id.strip():
            problem("id", "id ontbreekt of is geen tekst")
            continue
        if field_id in seen:
            problem("id", f"id '{field_id}' komt twee keer voor in dit formulier")
        seen.add(field_id)
        if not isinstance(label, str) or not label.strip():
            problem("label", "label ontbreekt of is geen tekst")
        if kind not in FIELD_TYPES:
            problem("type", f"type {kind!r}; verwacht een van {', '.join(FIELD_TYPES)}")
        required = item.get("required", True)
        if not isinstance(required, bool):
            problem("required", "required moet true of false zijn")
        fmt = item.get("format")
        if fmt is not None and not isinstance(fmt, (str, list)):
            problem("format", "format moet tekst of een lijst van keuzes zijn")
        help_text = item.get("help")
        if help_text is not None and not isinstance(help_text, str):
            problem("help", "help moet tekst zijn")
        extra = _import_keys(item, problem)
        for key, allowed in (("owner", OWNERS), ("changes", CHANGES), ("answer", ANSWERS)):
            extra[key] = _one_of(item, key, allowed, problem)
        if isinstance(label, str) and kind in FIELD_TYPES and isinstance(required, bool):
            where = item.get("__line__", line)
            fields.append(
                FormField(field_id, label.strip(), kind, required, fmt, help_text, where, **extra)
            )
    return fields


def _import_keys(item: dict[str, Any], problem: Callable[[str, str], None]) -> dict[str, Any]:
    """The optional keys an importer writes on a field, checked."""
    found: dict[str, Any] = {}
    confidence = item.get("confidence")
    if confidence is not None:
        number = not isinstance(confidence, bool) and isinstance(confidence, (int, float))
        if not number or not 0 <= confidence <= 1:
            problem("confidence", "confidence moet een getal van 0 tot en met 1 zijn")
        else:
            found["confidence"] = float(confidence)
    for key in ("section", "note"):
        value = item.get(key)
        if value is not None and not isinstance(value, str):
            problem(key, f"{key} moet tekst zijn")
        elif value is not None:
            found[key] = value
    return found


def _one_of(
    item: dict[str, Any], key: str, allowed: tuple[str, ...], problem: Callable[[str, str], None]
) -> str | None:
    """An optional key with a fixed set of values; a wrong value is a problem."""
    value = item.get(key)
    if value is None:
        return None
    if value not in allowed:
        problem(key, f"{key} {value!r}; verwacht een van {', '.join(allowed)}")
        return None
    return str(value)


def _field_reporter(
    problems: list[Problem], path: Path, item: dict[str, Any], line: int, index: int
) -> Callable[[str, str], None]:
    """Report a problem of one field at the line of the offending key."""
    where = item.get("__line__", line)
    lines: dict[str, int] = item.get("__lines__", {})

    def problem(key: str, message: str) -> None:
        problems.append(Problem(path, lines.get(key, where), f"fields[{index}]: {message}"))

    return problem


def shipped_catalogue() -> Path:
    """The catalogue that ships with regeldruk: ./forms in a checkout, else the package copy."""
    checkout = Path(__file__).resolve().parents[2] / "forms"
    if checkout.is_dir():
        return checkout
    return Path(__file__).resolve().parent / "catalogue"
