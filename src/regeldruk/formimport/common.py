"""What every importer shares: the draft it produces, input limits, safe reading, clean text.

An importer turns one file into one or more `DraftForm`s; `writer.py` makes form@1 YAML of
them. Every limit below is checked before the work it guards, so a hostile file costs at
most these bytes and this much time.
"""

from __future__ import annotations

import hashlib
import html
import io
import re
import zipfile
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from regeldruk.errors import RegeldrukError, quote

# A real form file is far below these; a larger one is refused before it is read.
MAX_INPUT_BYTES = 30 * 1024 * 1024
# A zip's members are inflated in chunks and counted as they come: the central directory's
# claimed sizes are never trusted.
MAX_INFLATED_BYTES = 64 * 1024 * 1024
MAX_ZIP_MEMBERS = 2_000
MAX_FIELDS = 5_000
MAX_NESTING = 40


class ImportError_(RegeldrukError):  # noqa: N801 - "ImportError" is a builtin
    """A file that cannot be imported; the message names the file and says why."""


def refuse(path: Path, reason: str) -> ImportError_:
    return ImportError_(f"{quote(path.name, 60)}: {reason}; er is niets geschreven.")


@dataclass
class DraftField:
    id: str
    label: str
    type: str  # one of forms.FIELD_TYPES
    required: bool = False
    format: str | list[str] | None = None
    help: str | None = None
    section: str | None = None
    note: str | None = None
    confidence: float = 1.0


@dataclass
class DraftForm:
    slug: str  # the form's own name for itself: the id is <municipality>-<slug>
    title: str
    fields: list[DraftField]
    importer: str  # "openforms" | "pdf-acroform" | "pdf-tekst" | "docx"
    source: str  # the file name
    sha256: str
    left_out: list[str] = field(default_factory=list)
    superseded: bool = False  # the export says it is an old version ("... oud")


@dataclass(frozen=True)
class Source:
    path: Path
    data: bytes
    sha256: str


def read_source(path: Path) -> Source:
    """The file's bytes, refused before reading when it is too large."""
    try:
        size = path.stat().st_size
    except OSError as err:
        raise refuse(path, f"kan het bestand niet lezen ({err.strerror})") from None
    if not path.is_file():
        raise refuse(path, "geen bestand")
    if size > MAX_INPUT_BYTES:
        raise refuse(path, f"groter dan {MAX_INPUT_BYTES // 1024 // 1024} MB")
    if size == 0:
        raise refuse(path, "leeg bestand")
    try:
        data = path.read_bytes()
    except OSError as err:
        raise refuse(path, f"kan het bestand niet lezen ({err.strerror})") from None
    return Source(path, data, hashlib.sha256(data).hexdigest())


def read_zip(source: Source, wanted: set[str] | None = None) -> dict[str, bytes]:
    """The members of a zip (only ``wanted`` ones, when given), inflated under a byte budget.

    Each member is read in chunks and the bytes that actually come out are counted, so a
    zip bomb stops at the budget whatever its directory claims.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(source.data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError):
        raise refuse(source.path, "geen geldig zip-bestand (beschadigd of afgebroken)") from None
    budget = MAX_INFLATED_BYTES
    members: dict[str, bytes] = {}
    with archive:
        infos = archive.infolist()
        if len(infos) > MAX_ZIP_MEMBERS:
            raise refuse(source.path, f"meer dan {MAX_ZIP_MEMBERS} bestanden in de zip")
        for info in infos:
            if info.is_dir() or (wanted is not None and info.filename not in wanted):
                continue
            if info.filename in members:
                raise refuse(source.path, f"{quote(info.filename)} staat twee keer in de zip")
            chunks: list[bytes] = []
            try:
                with archive.open(info) as handle:
                    while chunk := handle.read(1024 * 1024):
                        budget -= len(chunk)
                        if budget < 0:
                            raise refuse(
                                source.path,
                                "pakt uit tot meer dan "
                                f"{MAX_INFLATED_BYTES // 1024 // 1024} MB (zip-bom)",
                            )
                        chunks.append(chunk)
            except ImportError_:
                raise
            except (
                zipfile.BadZipFile,
                zipfile.LargeZipFile,
                NotImplementedError,
                RuntimeError,  # encrypted member
                ValueError,
                EOFError,
                OSError,
            ) as err:
                raise refuse(
                    source.path, f"{quote(info.filename)} is beschadigd of versleuteld ({err})"
                ) from None
            except Exception as err:  # noqa: BLE001 - zlib.error and kin from a corrupt stream
                raise refuse(
                    source.path,
                    f"{quote(info.filename)} is beschadigd ({type(err).__name__})",
                ) from None
            members[info.filename] = b"".join(chunks)
    return members


class _TextOnly(HTMLParser):
    """Collects the text of an HTML fragment; block elements become spaces."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


def clean_text(value: object, limit: int = 1_000) -> str:
    """Plain one-line text: HTML tags stripped, entities decoded, controls removed."""
    text = str(value) if value is not None else ""
    if "<" in text or "&" in text:
        parser = _TextOnly()
        try:
            parser.feed(text)
            parser.close()
            text = "".join(parser.parts)
        except Exception:  # noqa: BLE001 - html.parser on hostile input; keep the raw text
            text = html.unescape(text)
    text = " ".join(_CONTROL.sub(" ", text).split())
    text = re.sub(r" ([.,;:!?])(?=\s|$)", r"\1", text)  # "tarieven ." after a stripped link
    return text[:limit].rstrip() + ("…" if len(text) > limit else "")


def slugify(text: str) -> str:
    """Lower case, ASCII letters and digits joined by single hyphens (a form@1 id part)."""
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()
    return "-".join(re.findall(r"[a-z0-9]+", plain))[:80].strip("-")


def field_id_from(text: str) -> str:
    """A field id from a label or a name: its slug, or 'veld' when nothing is left."""
    return slugify(text)[:60].strip("-") or "veld"


def unique_ids(fields: list[DraftField]) -> None:
    """Make field ids unique within a form by numbering repeats (-2, -3, ...)."""
    seen: set[str] = set()
    for item in fields:
        base, number = item.id, 1
        while item.id in seen:
            number += 1
            item.id = f"{base}-{number}"
        seen.add(item.id)


# Words in a label that say what type a free-text question really asks for. Used only by
# the PDF and Word importers, whose sources say nothing about types.
_TYPE_HINTS: tuple[tuple[re.Pattern[str], str, str | None], ...] = (
    (re.compile(r"\b(bsn|burgerservicenummer)\b", re.I), "bsn", None),
    (re.compile(r"datum|geboren op|\bd\.d\.", re.I), "date", "DD-MM-JJJJ"),
    (re.compile(r"handtekening|ondertekening", re.I), "file", "handtekening"),
    (re.compile(r"\b(bijlage|upload)\b", re.I), "file", None),
    (re.compile(r"\b(aantal|bedrag|uren)\b", re.I), "number", None),
    (re.compile(r"e-?mail", re.I), "text", "e-mail"),
    (re.compile(r"telefoon", re.I), "text", "telefoonnummer"),
    (re.compile(r"postcode", re.I), "text", "postcode"),
    (re.compile(r"\biban\b|rekeningnummer", re.I), "text", "IBAN"),
)


def guess_type(label: str) -> tuple[str, str | None]:
    """(form@1 type, format) that a label's words suggest; plain text otherwise."""
    for pattern, kind, fmt in _TYPE_HINTS:
        if pattern.search(label):
            return kind, fmt
    return "text", None


# A printed question: "Label:" or "Label?" followed by nothing but a line to write on or
# check boxes. Several can share a line when blanks separate them.
CHECKBOX = re.compile(r"[☐□❏❑▢◻■☑☒]|\[\s?[xX]?\s?\]")
BLANK = re.compile(r"(?:_{3,}|\.{4,}|…{2,})")
QUESTION = re.compile(r"^(?P<label>[^:?]{2,140}?)\s*(?P<mark>[:?])\s*(?P<rest>.*)$")


def question_fields(
    text: str, section: str | None, confidence: float, earlier: list[DraftField]
) -> list[DraftField] | None:
    """The questions one line of printed text asks; None when it asks none.

    A line of nothing but check boxes answers the last earlier question: its options are
    added there (and an empty list returned).
    """
    if not BLANK.sub("", text).strip():
        return None
    head, *boxes = (clean_text(part, 100) for part in CHECKBOX.split(text))
    options = [box for box in boxes if box]
    if not head and options:
        if not earlier:
            return None
        add_options(earlier[-1], options)
        return []
    found = [
        match
        for segment in BLANK.split(head)
        if (match := QUESTION.match(segment.strip())) and not match.group("rest").strip()
    ]
    if not found:
        return None
    fields = []
    for match in found:
        label = clean_text(match.group("label"), 200)
        field_type, fmt = guess_type(label)
        fields.append(
            DraftField(
                id=field_id_from(label),
                label=label + ("?" if match.group("mark") == "?" else ""),
                type=field_type,
                format=fmt,
                section=section,
                confidence=confidence,
            )
        )
    if options:
        add_options(fields[-1], options)
    return fields


def add_options(draft: DraftField, options: list[str]) -> None:
    """Check-box options make a choice; only Ja and Nee make a yes/no question."""
    known = draft.format if isinstance(draft.format, list) else []
    merged = list(dict.fromkeys([*known, *options]))
    if {option.lower() for option in merged} <= {"ja", "nee"}:
        draft.type, draft.format = "boolean", None
    else:
        draft.type, draft.format = "choice", merged
