"""Import real forms as draft form@1 YAML: Open Forms exports, PDFs and Word files.

`import_forms` reads every file first; only when all of them could be read does it write
anything. Each form becomes one draft file named after its id (<municipality>-<slug>).
A reviewed file is never overwritten: a newer version's draft goes beside it as
``<id>.nieuw.yaml``, and the changes between the two are returned to be shown.
"""

from __future__ import annotations

import io
import os
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from regeldruk.errors import RegeldrukError
from regeldruk.formimport.common import DraftForm, ImportError_, Source, read_source, refuse
from regeldruk.formimport.diff import FormDiff, Side, compare
from regeldruk.formimport.writer import draft_document, file_name, form_id, to_yaml

__all__ = ["Outcome", "import_forms", "read_form_file", "BatchError", "ImportError_"]

NEW_VERSION_SUFFIX = ".nieuw.yaml"


class BatchError(RegeldrukError):
    """Some files could not be read; ``lines`` has one Dutch line per file."""

    def __init__(self, lines: list[str], total: int) -> None:
        super().__init__(
            f"{len(lines)} van {total} bestanden niet te importeren; er is niets geschreven."
        )
        self.lines = lines


@dataclass
class Outcome:
    draft: DraftForm
    form_id: str
    path: Path | None  # the file written (None: nothing to write)
    status: str  # new | unchanged | updated | beside-reviewed | empty
    diff: FormDiff | None = None
    previous: Path | None = None  # the file the diff compares against


def read_form_file(path: Path) -> DraftForm:
    """One file as a draft form, by what its bytes are (not by its name)."""
    source = read_source(path)
    return _reader_for(source)(source)


def _reader_for(source: Source) -> Callable[[Source], DraftForm]:
    from regeldruk.formimport.docx import read_docx
    from regeldruk.formimport.openforms import read_openforms
    from regeldruk.formimport.pdf import read_pdf

    if b"%PDF-" in source.data[:1024]:
        return read_pdf
    if source.data.startswith(b"PK"):
        try:  # the central directory only: nothing is inflated here
            names = set(zipfile.ZipFile(io.BytesIO(source.data)).namelist())
        except Exception:  # noqa: BLE001 - the reader itself says what is wrong with it
            names = set()
        if "word/document.xml" in names or source.path.suffix.lower() in (".docx", ".docm"):
            return read_docx
        return read_openforms
    raise refuse(
        source.path, "onbekend soort bestand; verwacht een Open Forms-export (.zip), PDF of .docx"
    )


@dataclass
class _Known:
    """What a target file holds: on disk, or planned earlier in this batch."""

    sides: list[Side] | None  # None: the file is there but not a loadable form
    sha256: str | None
    unreviewed: bool


def import_forms(paths: list[Path], municipality: str, directory: Path, now: str) -> list[Outcome]:
    """Read every file, plan every draft, then write them: all or nothing."""
    drafts: list[DraftForm] = []
    errors: list[str] = []
    for path in paths:
        try:
            drafts.append(read_form_file(path))
        except RegeldrukError as err:
            errors.append(str(err))
    if errors:
        if len(paths) == 1:
            raise ImportError_(errors[0])
        raise BatchError(errors, len(paths))
    # Versions of one form in one batch: the ones marked old first, else in the given order.
    ordered = sorted(enumerate(drafts), key=lambda item: (not item[1].superseded, item[0]))
    planned: dict[Path, _Known] = {}
    writes: dict[Path, str] = {}
    outcomes = []
    for _, draft in ordered:
        outcome, text = _plan(draft, municipality, directory, now, planned)
        outcomes.append(outcome)
        if text is not None and outcome.path is not None:
            writes[outcome.path] = text
            planned[outcome.path] = _Known(_sides(draft), draft.sha256, True)
    for target, text in writes.items():
        _write(target, text)
    return outcomes


def _known(path: Path, planned: dict[Path, _Known]) -> _Known | None:
    from regeldruk.forms import load_form

    if path in planned:
        return planned[path]
    if not path.exists():
        return None
    form, _ = load_form(path)
    if form is None:
        return _Known(None, None, False)
    sides = [Side(f.id, f.label, f.type, f.required, f.format, f.help, f.note) for f in form.fields]
    return _Known(sides, form.draft.sha256 if form.draft else None, form.unreviewed)


def _plan(
    draft: DraftForm, municipality: str, directory: Path, now: str, planned: dict[Path, _Known]
) -> tuple[Outcome, str | None]:
    identifier = form_id(draft, municipality)
    if not draft.fields:
        return Outcome(draft, identifier, None, "empty"), None
    target = directory / file_name(identifier)
    text = to_yaml(draft_document(draft, municipality, now))
    existing = _known(target, planned)
    new_sides = _sides(draft)
    if existing is None:
        return Outcome(draft, identifier, target, "new"), text
    if existing.sha256 == draft.sha256:
        return Outcome(draft, identifier, target, "unchanged", previous=target), None
    diff = compare(existing.sides, new_sides) if existing.sides is not None else None
    if existing.unreviewed:
        return Outcome(draft, identifier, target, "updated", diff, target), text
    beside = target.with_name(target.name.removesuffix(".yaml") + NEW_VERSION_SUFFIX)
    waiting = _known(beside, planned)
    if waiting is not None and not waiting.unreviewed:
        raise refuse(
            Path(draft.source),
            f"{beside.name} bestaat al en is geen onbeoordeeld concept; verplaats het eerst",
        )
    if waiting is not None and waiting.sha256 == draft.sha256:
        return Outcome(draft, identifier, beside, "unchanged", diff, target), None
    return Outcome(draft, identifier, beside, "beside-reviewed", diff, target), text


def _sides(draft: DraftForm) -> list[Side]:
    return [Side(f.id, f.label, f.type, f.required, f.format, f.help, f.note) for f in draft.fields]


def _write(target: Path, text: str) -> None:
    """Write via a temporary file and a rename: a draft is whole or not there."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".import-", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
