"""Word forms (.docx): content controls, legacy form fields, table cells and paragraphs.

In document order:
- a content control (w:sdt) is a field: its title (alias) or tag is the label, else the
  text before it; its kind gives the type (date, drop-down list, check box, picture);
- a legacy form field (FORMTEXT, FORMCHECKBOX, FORMDROPDOWN) likewise;
- in a table, a cell with text next to an empty cell (or one with only a line to write
  on, or check boxes) is a question;
- a paragraph 'Label:' or 'Label?' with nothing after it but a line or check boxes is a
  question; a heading starts a section.

The file is a zip: it is inflated under the byte budget (`read_zip`) before python-docx
opens it, and python-docx parses without resolving entities.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from regeldruk.formimport.common import (
    BLANK,
    CHECKBOX,
    MAX_FIELDS,
    MAX_NESTING,
    DraftField,
    DraftForm,
    ImportError_,
    Source,
    add_options,
    clean_text,
    field_id_from,
    guess_type,
    question_fields,
    read_zip,
    refuse,
    slugify,
    unique_ids,
)

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
W14 = "{http://schemas.microsoft.com/office/word/2010/wordml}"
HEADING_STYLES = ("heading", "kop", "title", "titel")


@dataclass
class _State:
    fields: list[DraftField] = field(default_factory=list)
    section: str | None = None
    last_text: str = ""  # the last paragraph text seen: a label for a control below it
    title: str = ""


def read_docx(source: Source) -> DraftForm:
    members = read_zip(source)
    if "word/document.xml" not in members:
        raise refuse(source.path, "geen Word-document (word/document.xml ontbreekt)")
    try:
        return _read(source)
    except ImportError_:
        raise
    except RecursionError:
        raise refuse(source.path, "het Word-document is te diep genest") from None
    except Exception as err:  # noqa: BLE001 - python-docx/lxml on a corrupt file raise anything
        raise refuse(
            source.path, f"beschadigd of onleesbaar Word-document ({type(err).__name__})"
        ) from None


def _read(source: Source) -> DraftForm:
    from docx import Document

    document = Document(io.BytesIO(source.data))
    state = _State()
    _block(document.element.body, state, 0)
    fields = state.fields
    unique_ids(fields)
    core_title = clean_text(document.core_properties.title, 200)
    title = core_title or state.title or source.path.stem
    left_out = [] if fields else ["geen vraag gevonden (geen invulvelden, tabelvragen of 'Vraag:')"]
    return DraftForm(
        slug=slugify(title) or slugify(source.path.stem) or "formulier",
        title=title,
        fields=fields,
        importer="docx",
        source=source.path.name,
        sha256=source.sha256,
        left_out=left_out,
    )


def _block(element: Any, state: _State, depth: int) -> None:
    """Paragraphs, tables and block-level content controls, in document order."""
    if depth > MAX_NESTING:
        raise ImportError_("te diep genest")
    for child in element.iterchildren():
        if len(state.fields) >= MAX_FIELDS:
            return
        if child.tag == f"{W}p":
            _paragraph(child, state)
        elif child.tag == f"{W}tbl":
            _table(child, state, depth + 1)
        elif child.tag == f"{W}sdt":
            content = child.find(f"{W}sdtContent")
            if _is_container(child) and content is not None:
                _block(content, state, depth + 1)
            else:
                _control(child, state.last_text, state, 0.8)
                state.last_text = ""


def _inside_control(node: Any, stop: Any) -> bool:
    return any(ancestor.tag == f"{W}sdt" for ancestor in _ancestors(node, stop))


def _ancestors(node: Any, stop: Any) -> Iterator[Any]:
    for ancestor in node.iterancestors():
        if ancestor is stop:
            return
        yield ancestor


def _text(element: Any, until: Any = None) -> str:
    """The visible text of an element outside its content controls, up to ``until``."""
    parts: list[str] = []
    for node in element.iter():
        if node is until:
            break
        if node.tag in (f"{W}t", f"{W}tab", f"{W}br") and not _inside_control(node, element):
            parts.append(node.text or "" if node.tag == f"{W}t" else " ")
    return clean_text("".join(parts), 500)


def _label(text: str) -> str:
    return BLANK.sub(" ", text).strip(" :").strip()


def _style(paragraph: Any) -> str:
    style = paragraph.find(f"{W}pPr/{W}pStyle")
    return str(style.get(f"{W}val") or "").lower() if style is not None else ""


def _controls(paragraph: Any) -> Iterator[Any]:
    """Content controls (outermost) and legacy form fields inside a paragraph."""
    for node in paragraph.iter(f"{W}sdt", f"{W}ffData"):
        if node.tag == f"{W}ffData" or not _inside_control(node, paragraph):
            yield node


def _add_control(control: Any, label: str, state: _State) -> None:
    if control.tag == f"{W}sdt":
        _control(control, label, state, 0.8)
    else:
        _legacy(control, label, state)


def _paragraph_controls(paragraph: Any, fallback: str, state: _State) -> bool:
    """Each control of a paragraph as a field, labelled by the text before it (else the
    paragraph's other text, else ``fallback``). False when the paragraph has none."""
    controls = list(_controls(paragraph))
    for control in controls:
        anchor = control if control.tag == f"{W}sdt" else control.getparent()
        label = _label(_text(paragraph, until=anchor)) or _label(_text(paragraph)) or fallback
        _add_control(control, label, state)
    return bool(controls)


def _paragraph(paragraph: Any, state: _State) -> None:
    if _paragraph_controls(paragraph, state.last_text, state):
        state.last_text = ""
        return
    text = _text(paragraph)
    if not text:
        return
    style = _style(paragraph)
    if style.startswith(HEADING_STYLES):
        if not state.title and style.startswith(("title", "titel", "heading1", "kop1")):
            state.title = text
        state.section = text
        state.last_text = ""
        return
    found = question_fields(text, state.section, 0.5, state.fields)
    state.fields += found or []
    state.last_text = _label(text) if found is None else ""


def _table(table: Any, state: _State, depth: int) -> None:
    if depth > MAX_NESTING:
        raise ImportError_("te diep genest")
    header: list[str] | None = None
    for row in table.iterchildren(f"{W}tr"):
        cells = list(row.iterchildren(f"{W}tc"))
        texts = [_text(cell) for cell in cells]
        if _cell_fields(cells, texts, state, depth):
            header = None
            continue
        blank = [not BLANK.sub("", text).strip() for text in texts]
        if header is not None and len(cells) >= 2 and all(blank):
            _column_questions(header, state)  # labels above empty rows to fill in
            header = None
            continue
        header = texts if len(cells) >= 2 and not any(blank) else None
        _row_questions(texts, state)


def _cell_fields(cells: list[Any], texts: list[str], state: _State, depth: int) -> bool:
    """Controls and nested tables inside the cells of one row; True when there were any."""
    found = False
    for index, cell in enumerate(cells):
        left = _label(texts[index - 1]) if index > 0 else ""
        for child in cell.iterchildren():
            if child.tag == f"{W}tbl":
                _table(child, state, depth + 1)
                found = True
            elif child.tag == f"{W}p":
                found |= _paragraph_controls(child, left or state.last_text, state)
            elif child.tag == f"{W}sdt":
                _add_control(child, _label(texts[index]) or left or state.last_text, state)
                found = True
    return found


def _column_questions(header: list[str], state: _State) -> None:
    for text in header:
        label = _label(text)
        if label:
            field_type, fmt = guess_type(label)
            state.fields.append(
                DraftField(
                    id=field_id_from(label),
                    label=label,
                    type=field_type,
                    format=fmt,
                    section=state.section,
                    note="kolom van een tabel om in te vullen (herhaalbaar)",
                    confidence=0.5,
                )
            )


def _row_questions(texts: list[str], state: _State) -> None:
    """A cell with text before an empty cell (or blanks, or check boxes) is a question; a
    row with one short text and nothing to fill in is a section heading."""
    if len([text for text in texts if text]) == 1 and texts[-1]:
        only = next(text for text in texts if text)
        found = question_fields(only, state.section, 0.6, state.fields)
        if found is not None:
            state.fields += found
        elif len(only) <= 80:
            state.section = _label(only)
        return
    for index, text in enumerate(texts[:-1]):
        answer = texts[index + 1]
        boxes = [clean_text(part, 100) for part in CHECKBOX.split(answer)[1:]]
        empty = not BLANK.sub("", answer).strip()
        label = _label(text)
        if not label or CHECKBOX.search(text) or len(text) > 200 or not (empty or boxes):
            continue
        field_type, fmt = guess_type(label)
        draft = DraftField(
            id=field_id_from(label),
            label=label,
            type=field_type,
            format=fmt,
            section=state.section,
            confidence=0.6,
        )
        if any(boxes):
            add_options(draft, [box for box in boxes if box])
        state.fields.append(draft)


def _is_container(sdt: Any) -> bool:
    """A content control that groups others (or a cover page, a table of contents)."""
    properties = sdt.find(f"{W}sdtPr")
    if properties is None:
        return True
    return any(
        properties.find(f"{W}{kind}") is not None for kind in ("group", "docPartObj", "docPartList")
    ) or _has_inner_fields(sdt)


def _has_inner_fields(sdt: Any) -> bool:
    content = sdt.find(f"{W}sdtContent")
    return content is not None and (
        content.find(f".//{W}sdt") is not None or content.find(f".//{W}tbl") is not None
    )


def _control(sdt: Any, label_hint: str, state: _State, confidence: float) -> None:
    properties = sdt.find(f"{W}sdtPr")
    alias = tag = ""
    if properties is not None:
        alias_node, tag_node = properties.find(f"{W}alias"), properties.find(f"{W}tag")
        alias = clean_text(alias_node.get(f"{W}val") if alias_node is not None else "", 300)
        tag = clean_text(tag_node.get(f"{W}val") if tag_node is not None else "", 100)
    label = alias or label_hint or tag
    if not label:
        label, confidence = "veld", 0.3
    elif not alias:
        confidence -= 0.1
    fmt: str | list[str] | None
    field_type, fmt = guess_type(label)
    if properties is not None:
        if properties.find(f"{W}date") is not None:
            field_type, fmt = "date", "DD-MM-JJJJ"
        elif properties.find(f"{W14}checkbox") is not None:
            field_type, fmt = "boolean", None
        elif properties.find(f"{W}picture") is not None:
            field_type, fmt = "file", "afbeelding"
        else:
            choices = properties.find(f"{W}dropDownList")
            if choices is None:
                choices = properties.find(f"{W}comboBox")
            if choices is not None:
                options = [
                    clean_text(item.get(f"{W}displayText") or item.get(f"{W}value"), 200)
                    for item in choices.iterchildren(f"{W}listItem")
                ]
                field_type, fmt = "choice", [o for o in dict.fromkeys(options) if o] or None
    state.fields.append(
        DraftField(
            id=field_id_from(tag or label),
            label=label,
            type=field_type,
            format=fmt,
            section=state.section,
            note="inhoudsbesturingselement (content control)",
            confidence=round(confidence, 2),
        )
    )


def _legacy(ff_data: Any, label_hint: str, state: _State) -> None:
    """A legacy form field (Word 97-2003): its help text or the text before it is the label."""
    values = {
        child.tag.removeprefix(W): clean_text(child.get(f"{W}val"), 300)
        for child in ff_data.iterchildren()
        if isinstance(child.tag, str)
    }
    label = values.get("statusText") or label_hint or values.get("name") or "veld"
    help_text = values.get("helpText") or None
    fmt: str | list[str] | None
    field_type, fmt = guess_type(label)
    if ff_data.find(f"{W}checkBox") is not None:
        field_type, fmt = "boolean", None
    choices = ff_data.find(f"{W}ddList")
    if choices is not None:
        options = [clean_text(e.get(f"{W}val"), 200) for e in choices.iterchildren(f"{W}listEntry")]
        field_type, fmt = "choice", [o for o in dict.fromkeys(options) if o] or None
    state.fields.append(
        DraftField(
            id=field_id_from(values.get("name") or label),
            label=label,
            type=field_type,
            format=fmt,
            help=help_text,
            section=state.section,
            note="formulierveld (oud Word-formulier)",
            confidence=0.8 if label != "veld" else 0.3,
        )
    )
