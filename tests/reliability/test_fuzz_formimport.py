"""Hostile input for the form importers (hypothesis): random bytes, random zips, random
Form.io trees, and mutated PDF and Word files made by the tests. Every case ends in a draft
or one clear Dutch message, never another exception; every draft written is valid form@1."""

from __future__ import annotations

import io
import json
import tempfile
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from regeldruk.errors import RegeldrukError
from regeldruk.formimport import read_form_file
from regeldruk.formimport.writer import draft_document, file_name, form_id, to_yaml
from regeldruk.forms import load_form
from tests.formimport.makers import fillable_pdf, printed_pdf, word_form

pytestmark = pytest.mark.filterwarnings("ignore")


def cases(count: int):  # type: ignore[no-untyped-def]
    return settings(
        max_examples=count, deadline=5000, suppress_health_check=list(HealthCheck), database=None
    )


def read_or_clear(name: str, content: bytes) -> None:
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / name
        path.write_bytes(content)
        try:
            draft = read_form_file(path)
        except RegeldrukError as err:
            message = str(err)
            assert message and "\n" not in message and "Traceback" not in message
            return
        if not draft.fields:
            return
        document = draft_document(draft, "GM0268", "2026-11-02T10:00:00+00:00")
        target = Path(directory) / file_name(form_id(draft, "GM0268"))
        target.write_text(to_yaml(document), encoding="utf-8")
        form, problems = load_form(target)
        assert problems == [] and form is not None, problems
        assert len(form.fields) == len(draft.fields)


TEXT = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["<b>Naam</b>", "&amp;", "a\nb", "\x1b[31mrood", "- x", "key: v", "'\"", ""]),
)
SCALAR = st.one_of(st.none(), st.booleans(), st.integers(), TEXT)
TYPES = st.sampled_from(
    [
        "textfield",
        "textarea",
        "email",
        "radio",
        "select",
        "selectboxes",
        "checkbox",
        "file",
        "date",
        "datetime",
        "fieldset",
        "panel",
        "columns",
        "datagrid",
        "editgrid",
        "content",
        "hidden",
        "adres",
        "onbekend",
        "",
        None,
        3,
    ]
)


def component(children: st.SearchStrategy[list[object]]) -> st.SearchStrategy[dict[str, object]]:
    return st.fixed_dictionaries(
        {"type": TYPES},
        optional={
            "key": st.one_of(TEXT, SCALAR),
            "label": st.one_of(TEXT, SCALAR),
            "input": st.booleans(),
            "validate": st.one_of(st.fixed_dictionaries({"required": SCALAR}), SCALAR),
            "values": st.one_of(
                st.lists(st.fixed_dictionaries({"label": SCALAR, "value": SCALAR}), max_size=3),
                SCALAR,
            ),
            "conditional": st.one_of(
                st.fixed_dictionaries({"show": SCALAR, "when": SCALAR, "eq": SCALAR}), SCALAR
            ),
            "customConditional": SCALAR,
            "description": SCALAR,
            "components": children,
            "columns": st.lists(st.fixed_dictionaries({"components": children}), max_size=2),
        },
    )


TREES = st.recursive(
    st.lists(component(st.just([])), max_size=4),
    lambda inner: st.lists(component(inner), max_size=3),
    max_leaves=20,
)


def export(name: object, steps: object, trees: list[object]) -> bytes:
    definitions = [
        {"url": f"d{i}", "name": f"Stap {i}", "configuration": {"components": tree}}
        for i, tree in enumerate(trees)
    ]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("forms.json", json.dumps([{"name": name, "slug": name}]))
        archive.writestr(
            "formSteps.json",
            json.dumps(
                steps
                if steps is not None
                else [{"index": i, "form_definition": f"d{i}"} for i in range(len(trees))]
            ),
        )
        archive.writestr("formDefinitions.json", json.dumps(definitions))
    return buffer.getvalue()


@cases(2_000)
@given(st.one_of(TEXT, SCALAR), st.one_of(st.none(), SCALAR), st.lists(TREES, max_size=3))
def test_openforms_trees(name: object, steps: object, trees: list[object]) -> None:
    read_or_clear("export.zip", export(name, steps, trees))


@cases(2_000)
@given(
    st.one_of(
        st.binary(max_size=300),
        st.binary(max_size=300).map(lambda b: b"PK\x03\x04" + b),
        st.lists(
            st.tuples(
                st.sampled_from(["forms.json", "formSteps.json", "formDefinitions.json", "x"]),
                st.binary(max_size=80),
            ),
            max_size=4,
        ).map(lambda members: _zip(members)),
    )
)
def test_random_bytes_and_zips(content: bytes) -> None:
    read_or_clear("bestand.zip", content)


def _zip(members: list[tuple[str, bytes]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members:
            archive.writestr(name, data)
    return buffer.getvalue()


_MADE: dict[str, bytes] = {}


def made(name: str) -> bytes:
    if name not in _MADE:
        with tempfile.TemporaryDirectory() as directory:
            maker = {"f.pdf": fillable_pdf, "p.pdf": printed_pdf, "w.docx": word_form}[name]
            _MADE[name] = maker(Path(directory) / name).read_bytes()
    return _MADE[name]


MUTATIONS = st.lists(
    st.tuples(
        st.floats(0, 1),
        st.sampled_from(["flip", "cut", "insert", "delete"]),
        st.binary(min_size=1, max_size=8),
    ),
    min_size=1,
    max_size=4,
)


def mutate(data: bytes, mutations: list[tuple[float, str, bytes]]) -> bytes:
    out = bytearray(data)
    for where, how, junk in mutations:
        at = int(where * (len(out) - 1)) if out else 0
        if how == "flip" and out:
            out[at] ^= junk[0] or 1
        elif how == "cut":
            del out[at:]
        elif how == "insert":
            out[at:at] = junk
        else:
            del out[at : at + len(junk)]
    return bytes(out)


@cases(1_500)
@given(st.sampled_from(["f.pdf", "p.pdf"]), MUTATIONS)
def test_mutated_pdfs(name: str, mutations: list[tuple[float, str, bytes]]) -> None:
    read_or_clear(name, mutate(made(name), mutations))


@cases(1_500)
@given(MUTATIONS, st.booleans())
def test_mutated_word_files(mutations: list[tuple[float, str, bytes]], inner: bool) -> None:
    data = made("w.docx")
    if inner:  # mutate word/document.xml itself, in a valid zip
        with zipfile.ZipFile(io.BytesIO(data)) as source:
            members = [(i.filename, source.read(i)) for i in source.infolist()]
        members = [(n, mutate(d, mutations) if n == "word/document.xml" else d) for n, d in members]
        data = _zip(members)
    else:
        data = mutate(data, mutations)
    read_or_clear("w.docx", data)
