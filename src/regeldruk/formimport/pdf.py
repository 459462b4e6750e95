"""PDF forms: AcroForm fields first; a PDF without fields is read by the layout of its text.

Fillable PDFs carry their questions as fields with a name (/T), often a tooltip (/TU), a
type (/FT), flags (/Ff: required, radio, multiple choice) and choices (/Opt, or the
export values of radio buttons). The label is the tooltip, else the text printed left of
or above the field on its page, else the field name made readable.

A PDF without fields is a printed form: lines that end in ':' or '?' (or are followed by
a line to write on, or by check boxes) are questions, larger text is a section heading.
That is a guess from the layout, so those drafts carry a low confidence.

The object graph of a PDF is walked by our own code with a set of visited objects and
hard limits (fields, pages, depth), so a PDF whose references loop ends, and ends soon.
"""

from __future__ import annotations

import io
import re
import statistics
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from regeldruk.formimport.common import (
    BLANK,
    MAX_FIELDS,
    DraftField,
    DraftForm,
    ImportError_,
    Source,
    clean_text,
    field_id_from,
    guess_type,
    question_fields,
    refuse,
    slugify,
    unique_ids,
)

MAX_PAGES = 100  # pages whose text is read (a form is rarely longer than a few pages)
MAX_TREE_NODES = 20_000  # page-tree and field-tree nodes visited, cycles or not
MAX_DEPTH = 32
MAX_LINES = 20_000
# Prefixes form builders put before a field's name: 'txtNaam', 'chk_akkoord'.
NAME_PREFIX = re.compile(r"^(txt|fld|chk|cb|rb|dd|field|veld|text|tekst)\s*(\d*)\b", re.I)
FLAG_REQUIRED = 1 << 1
FLAG_RADIO = 1 << 15
FLAG_PUSHBUTTON = 1 << 16
FLAG_MULTISELECT = 1 << 21


@dataclass
class _Line:
    page: int
    y: float
    x: float
    text: str
    size: float


@dataclass
class _Widget:
    page: int | None
    rect: tuple[float, float, float, float] | None
    export: str | None


def read_pdf(source: Source) -> DraftForm:
    if b"%PDF-" not in source.data[:1024]:
        raise refuse(source.path, "geen PDF-bestand")
    try:
        return _read(source)
    except ImportError_:
        raise
    except RecursionError:
        raise refuse(source.path, "de PDF verwijst in een kring naar zichzelf") from None
    except MemoryError:
        raise refuse(source.path, "de PDF pakt uit tot te veel gegevens") from None
    except Exception as err:  # noqa: BLE001 - pypdf on hostile bytes raises anything
        if type(err).__name__ == "LimitReachedError":  # pypdf's own guards
            raise refuse(source.path, "de PDF overschrijdt een veiligheidsgrens") from None
        raise refuse(source.path, f"beschadigde of onleesbare PDF ({type(err).__name__})") from None


def _read(source: Source) -> DraftForm:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(source.data), strict=False)
    if reader.is_encrypted and not reader.decrypt(""):
        raise refuse(source.path, "de PDF is met een wachtwoord beveiligd")
    pages = _pages(source, reader)
    annotation_page = {
        key: number for number, page in enumerate(pages) for key in _annotation_keys(page)
    }
    lines: list[_Line] | None = None
    fields: list[DraftField] = []
    for name, spec, widgets in _acroform_fields(source, reader):
        for widget_key, widget in widgets:
            if widget.page is None:
                widget.page = annotation_page.get(widget_key)
        if lines is None:
            lines = _text_lines(reader, pages)
        draft = _field(name, spec, widgets, lines)
        if draft is not None:
            fields.append(draft)
    title = _title(reader, lines or [])
    importer = "pdf-acroform"
    left_out: list[str] = []
    if not fields:
        importer = "pdf-tekst"
        lines = _text_lines(reader, pages) if lines is None else lines
        title = _title(reader, lines)
        fields = _questions(lines)
        left_out.append("geen invulvelden: de vragen zijn uit de opmaak van de tekst gelezen")
        if not fields:
            left_out.append("geen regel die op een vraag lijkt")
    if len(pages) >= MAX_PAGES:
        left_out.append(f"alleen de eerste {MAX_PAGES} pagina's gelezen")
    unique_ids(fields)
    title = title or source.path.stem
    return DraftForm(
        slug=slugify(title) or slugify(source.path.stem) or "formulier",
        title=title,
        fields=fields,
        importer=importer,
        source=source.path.name,
        sha256=source.sha256,
        left_out=left_out,
    )


def _key(raw: Any) -> tuple[int, int] | int:
    """A visited-set key: the object number of a reference, else the Python identity."""
    from pypdf.generic import IndirectObject

    if isinstance(raw, IndirectObject):
        return (raw.idnum, raw.generation)
    return id(raw)


def _resolve(raw: Any) -> Any:
    from pypdf.generic import IndirectObject

    hops = 0
    while isinstance(raw, IndirectObject):
        raw = raw.get_object()
        hops += 1
        if hops > MAX_DEPTH:
            return None
    return raw


def _get(mapping: Any, key: str) -> Any:
    return _resolve(dict.get(mapping, key)) if isinstance(mapping, dict) else None


def _pages(source: Source, reader: Any) -> list[Any]:
    """The page dictionaries (at most MAX_PAGES), walking the page tree with a visited set."""
    root = _resolve(reader.trailer.get("/Root"))
    top = dict.get(root, "/Pages") if isinstance(root, dict) else None
    pages: list[Any] = []
    seen: set[Any] = set()
    stack: list[tuple[Any, int]] = [(top, 0)] if top is not None else []
    while stack and len(pages) < MAX_PAGES:
        raw, depth = stack.pop()
        key = _key(raw)
        if key in seen:  # a page tree is a tree: a node met twice is a loop
            raise refuse(source.path, "de paginaboom van de PDF verwijst in een kring")
        if depth > MAX_DEPTH:
            raise refuse(source.path, "de paginaboom van de PDF is te diep")
        seen.add(key)
        if len(seen) > MAX_TREE_NODES:
            raise refuse(source.path, "de paginaboom van de PDF is te groot")
        node = _resolve(raw)
        if not isinstance(node, dict):
            continue
        kids = _get(node, "/Kids")
        if isinstance(kids, list):
            stack.extend((kid, depth + 1) for kid in reversed(kids[:MAX_TREE_NODES]))
        elif _get(node, "/Type") == "/Page" or "/Contents" in node:
            pages.append(node)
    return pages


def _annotation_keys(page: Any) -> Iterator[Any]:
    annotations = _get(page, "/Annots")
    for raw in annotations if isinstance(annotations, list) else []:
        yield _key(raw)


def _acroform_fields(
    source: Source, reader: Any
) -> Iterator[tuple[str, dict[str, Any], list[tuple[Any, _Widget]]]]:
    """(full name, inherited attributes, widgets) of every terminal field."""
    root = _resolve(reader.trailer.get("/Root"))
    form = _get(root, "/AcroForm")
    top = _get(form, "/Fields")
    if not isinstance(top, list):
        return
    seen: set[Any] = set()
    count = 0
    stack: list[tuple[Any, str, dict[str, Any], int]] = [
        (raw, "", {}, 0) for raw in reversed(top[:MAX_FIELDS])
    ]
    while stack:
        raw, parent, inherited, depth = stack.pop()
        key = _key(raw)
        if key in seen:  # listed twice, or a loop: each field is read once
            continue
        if depth > MAX_DEPTH:
            raise refuse(source.path, "de formuliervelden van de PDF zijn te diep genest")
        seen.add(key)
        if len(seen) > MAX_TREE_NODES:
            raise refuse(source.path, "de PDF heeft te veel formulierobjecten")
        node = _resolve(raw)
        if not isinstance(node, dict):
            continue
        partial = _get(node, "/T")
        name = ".".join(part for part in (parent, str(partial) if partial else "") if part)
        spec = dict(inherited)
        for attribute in ("/FT", "/Ff", "/Opt", "/TU"):
            value = _get(node, attribute)
            if value is not None:
                spec[attribute] = value
        kids = _get(node, "/Kids")
        kid_list = kids[:MAX_FIELDS] if isinstance(kids, list) else []
        named_kids = [kid for kid in kid_list if _get(_resolve(kid), "/T") is not None]
        if named_kids:
            stack.extend((kid, name, spec, depth + 1) for kid in reversed(named_kids))
            continue
        widgets = [(_key(kid), _widget(_resolve(kid))) for kid in kid_list] or [
            (key, _widget(node))
        ]
        count += 1
        if count > MAX_FIELDS:
            raise refuse(source.path, f"meer dan {MAX_FIELDS} velden")
        yield name, spec, widgets


def _widget(node: Any) -> _Widget:
    rect = _get(node, "/Rect")
    box: tuple[float, float, float, float] | None = None
    if isinstance(rect, list) and len(rect) == 4:
        try:
            x0, y0, x1, y1 = (float(_resolve(v)) for v in rect)
            box = (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))
        except (TypeError, ValueError):
            box = None
    export = None
    appearance = _get(_get(node, "/AP"), "/N")
    if isinstance(appearance, dict):
        states = [str(k).lstrip("/") for k in appearance if str(k) != "/Off"]
        export = states[0] if states else None
    return _Widget(None, box, export)


def _field(
    name: str, spec: dict[str, Any], widgets: list[tuple[Any, _Widget]], lines: list[_Line]
) -> DraftField | None:
    kind = str(spec.get("/FT") or "")
    try:
        flags = int(spec.get("/Ff") or 0)
    except (TypeError, ValueError):
        flags = 0
    if kind == "/Btn" and flags & FLAG_PUSHBUTTON:
        return None  # a button (print, reset) asks nothing
    tooltip = clean_text(spec.get("/TU"), 300)
    label, confidence = tooltip, 0.9
    if not label:
        label, confidence = _printed_label(widgets, lines), 0.7
    if not label:
        label, confidence = _readable(name.rsplit(".", 1)[-1] or name), 0.5
    if not label:
        label, confidence = "veld", 0.3
    options: list[str] | None = None
    fmt: str | list[str] | None = None
    if kind == "/Btn" and flags & FLAG_RADIO:
        field_type = "choice"
        options = [_readable(w.export) or w.export for _, w in widgets if w.export]
    elif kind == "/Btn":
        field_type = "boolean"
    elif kind == "/Ch":
        field_type = "choice"
        options = _choices(spec.get("/Opt"))
    elif kind == "/Sig":
        field_type, fmt = "file", "handtekening"
    else:
        field_type, fmt = guess_type(label)
    if options is not None:
        fmt = list(dict.fromkeys(option for option in options if option)) or None
    note = "meer dan één keuze mogelijk" if kind == "/Ch" and flags & FLAG_MULTISELECT else None
    return DraftField(
        id=field_id_from(name) if name else field_id_from(label),
        label=label,
        type=field_type,
        required=bool(flags & FLAG_REQUIRED),
        format=fmt,
        note=note,
        confidence=confidence,
    )


def _choices(raw: Any) -> list[str]:
    found: list[str] = []
    for option in _resolve(raw) if isinstance(_resolve(raw), list) else []:
        option = _resolve(option)
        if isinstance(option, list) and len(option) == 2:
            option = _resolve(option[1])  # [export value, display text]
        text = clean_text(option, 200)
        if text:
            found.append(text)
    return found[:500]


def _readable(name: str | None) -> str:
    """'naam_aanvrager' / 'NaamAanvrager' / 'txtNaam' -> 'Naam aanvrager'."""
    text = re.sub(r"([a-z])([A-Z])", r"\1 \2", str(name or ""))
    text = re.sub(r"[_\-.#\[\]]+", " ", text)
    text = NAME_PREFIX.sub(r"\2", text, count=1)
    text = clean_text(text, 200).strip()
    if not text or re.fullmatch(r"\d+", text):
        return ""
    return text[0].upper() + text[1:].lower()


def _printed_label(widgets: list[tuple[Any, _Widget]], lines: list[_Line]) -> str:
    """The text left of a field on its line, else the line just above it."""
    for _, widget in widgets:
        if widget.page is None or widget.rect is None:
            continue
        x0, y0, x1, y1 = widget.rect
        page = [line for line in lines if line.page == widget.page]
        beside = [ln for ln in page if y0 - 3 <= ln.y <= y1 + 3 and ln.x < x0 - 1]
        if beside:
            return _label_text(max(beside, key=lambda ln: ln.x).text)
        above = [ln for ln in page if y1 <= ln.y <= y1 + 30 and abs(ln.x - x0) < 60]
        if above:
            return _label_text(min(above, key=lambda ln: ln.y).text)
    return ""


def _label_text(text: str) -> str:
    return BLANK.sub(" ", text).strip(" :").strip()


def _text_lines(reader: Any, pages: list[Any]) -> list[_Line]:
    """Every text line of the first pages: position, text and font size."""
    from pypdf import PageObject

    lines: list[_Line] = []
    for number, node in enumerate(pages):
        page = PageObject(reader, node.indirect_reference)
        page.update(node)
        runs: list[tuple[float, float, str, float]] = []

        def visit(text: str, cm: Any, tm: Any, font: Any, size: Any, runs: Any = runs) -> None:
            if text.strip() and len(runs) < MAX_LINES:
                x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
                y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
                scale = abs(tm[3] * cm[3]) or 1.0
                runs.append((float(y), float(x), text, float(size or 0) * scale))

        page.extract_text(visitor_text=visit)
        lines += _join_runs(number, runs)
        if len(lines) > MAX_LINES:
            break
    return lines


def _join_runs(page: int, runs: list[tuple[float, float, str, float]]) -> list[_Line]:
    """Runs on (almost) the same baseline form one line, left to right."""
    lines: list[_Line] = []
    for y, x, text, size in sorted(runs, key=lambda run: (-round(run[0]), run[1])):
        for part in text.splitlines():
            if not part.strip():
                continue
            last = lines[-1] if lines else None
            if last is not None and abs(last.y - y) < 2.5:
                last.text = f"{last.text} {part.strip()}"
                last.size = max(last.size, size)
            else:
                lines.append(_Line(page, y, x, part.strip(), size))
    return lines


def _title(reader: Any, lines: list[_Line]) -> str:
    try:
        metadata = reader.metadata
        title = clean_text(metadata.title if metadata else "", 200)
    except Exception:  # noqa: BLE001 - a broken /Info is no reason to refuse the form
        title = ""
    title = re.sub(r"^Microsoft Word - ", "", title)
    if title and title.lower() not in ("untitled", "(anonymous)", "anonymous", "naamloos"):
        return title
    first = [line for line in lines if line.page == 0]
    if first:
        biggest = max(line.size for line in first)
        for line in first:
            if line.size == biggest and len(line.text) <= 120:
                return clean_text(line.text, 200)
    return ""


def _questions(lines: list[_Line]) -> list[DraftField]:
    """Question lines by layout (see `question_fields`); larger short lines are sections."""
    sizes = [line.size for line in lines if line.size > 0]
    body = statistics.median(sizes) if sizes else 0.0
    fields: list[DraftField] = []
    section: str | None = None
    for line in lines:
        if len(fields) >= MAX_FIELDS:
            break
        text = clean_text(line.text, 300)
        found = question_fields(text, section, 0.4, fields)
        if found is None and body and line.size >= body * 1.2 and len(text) <= 80:
            section = text
        fields += found or []
    return fields
