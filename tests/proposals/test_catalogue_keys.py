"""form@1's optional keys for the proposals: owner (form and field), changes, answer."""

from __future__ import annotations

from pathlib import Path

from regeldruk.forms import load_catalogue, load_form
from regeldruk.proposals.model import addressee_of, owner_of
from regeldruk.proposals.places import Places
from regeldruk.proposals.settings import Settings

FORM = """schema: regeldruk/form@1
id: gm9001-rapport
municipality: GM9001
title: Rapport
purpose: verantwoording
frequency: {per: client, every: 3 months}
example: true
"""


def test_owner_changes_and_answer_are_read(tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    path.write_text(
        FORM
        + "owner: regio\nfields:\n"
        + "  - {id: a, label: Betrokken netwerk, type: text, answer: short, changes: static}\n"
        + "  - {id: b, label: Meldcode gevolgd, type: boolean, owner: igj}\n",
        encoding="utf-8",
    )
    form, problems = load_form(path)
    assert problems == [] and form is not None
    assert form.owner == "regio"
    assert (form.fields[0].answer, form.fields[0].changes) == ("short", "static")
    assert form.fields[1].owner == "igj"
    assert owner_of(form) == "regio" and owner_of(form, form.fields[1]) == "igj"
    places = Places({}, Settings())
    assert addressee_of(form, form.fields[1], places).name == "Inspectie Gezondheidszorg en Jeugd"


def test_wrong_values_are_problems_with_their_line(tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    path.write_text(
        FORM
        + "owner: minister\nfields:\n"
        + "  - id: a\n    label: A\n    type: text\n    changes: soms\n",
        encoding="utf-8",
    )
    form, problems = load_form(path)
    assert form is None
    messages = [f"{p.line}: {p.message}" for p in problems]
    assert any(
        m.startswith("8: owner 'minister'; verwacht een van wet, gemeente") for m in messages
    )
    assert any(m.startswith("13: fields[1]: changes 'soms'") for m in messages)


def test_old_files_stay_valid_and_gemeenten_yaml_is_no_form(tmp_path: Path) -> None:
    (tmp_path / "f.yaml").write_text(
        FORM + "fields:\n  - {id: a, label: A, type: text}\n", encoding="utf-8"
    )
    (tmp_path / "gemeenten.yaml").write_text(
        "schema: regeldruk/municipalities@1\nmunicipalities: []\n", encoding="utf-8"
    )
    catalogue, problems = load_catalogue(tmp_path)
    assert problems == [] and [f.id for f in catalogue.forms] == ["gm9001-rapport"]
    form = catalogue.forms[0]
    assert form.owner is None and form.fields[0].owner is None
    assert owner_of(form) == "gemeente"
