"""Stable proposal ids: the same proposal keeps its id across runs, measurements and
catalogue edits that leave its theme, addressee and forms alone."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import yaml

from regeldruk.forms import load_catalogue, shipped_catalogue
from regeldruk.proposals import report_for
from regeldruk.proposals.ids import content_key, stable_id
from regeldruk.proposals.measured import FormLog
from regeldruk.proposals.report import build_report
from regeldruk.proposals.settings import Settings

DAY = date(2026, 11, 1)


def ids_of(directory: Path, log: FormLog | None = None) -> dict[str, str]:
    catalogue, problems = load_catalogue(directory)
    assert problems == []
    report = report_for(catalogue, Settings(), None, "Test", DAY)
    if log is not None:
        from regeldruk.analysis import analyse
        from regeldruk.proposals.places import load_places

        places = load_places(directory, Settings())
        report = build_report(analyse(catalogue), Settings(), log, places, "Test", DAY)
    return {content_key(p): p.id for p in report.proposals}


def edit(path: Path, change: dict[str, object]) -> None:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    raw.update(change)
    path.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_ids_are_stable_across_runs_measurements_and_unrelated_edits(tmp_path: Path) -> None:
    copy = tmp_path / "forms"
    shutil.copytree(shipped_catalogue(), copy)
    first = ids_of(copy)
    assert len(set(first.values())) == len(first) > 20
    assert ids_of(copy) == first
    # Measured times and counts change every gain, not a single id.
    measured = FormLog({"gm9001-voortgangsrapportage": [70] * 30}, date(2026, 9, 1), DAY)
    assert set(ids_of(copy, measured).values()) == set(first.values())
    # Titles, minutes and sources reworded: same ids.
    examples = copy / "voorbeelden"
    edit(examples / "gm9001-voortgangsrapportage.yaml", {"minutes": 90, "title": "Rapport"})
    edit(examples / "gm9002-startmelding.yaml", {"source": "Inkoopdocument 2027, bijlage 2"})
    assert ids_of(copy) == first


def test_a_proposal_touching_other_forms_is_another_proposal(tmp_path: Path) -> None:
    copy = tmp_path / "forms"
    shutil.copytree(shipped_catalogue(), copy)
    first = ids_of(copy)
    # Voorbeeldstad drops its separate start notice: its payment-process proposal now
    # touches other forms and gets a new id; the other municipalities' keep theirs.
    (copy / "voorbeelden" / "gm9001-startmelding.yaml").unlink()
    second = ids_of(copy)
    changed = {key for key in first if key not in second}
    assert any(key.startswith("betaalproces|gemeente|GM9001|") for key in changed)
    kept = [key for key in first if key.startswith("betaalproces|gemeente|GM9002|")]
    assert kept and all(second[key] == first[key] for key in kept)


def test_the_id_is_a_function_of_the_content_key() -> None:
    class Stub:
        class theme:  # noqa: N801 - mimics the attribute
            key, code = "voortgang", "VGR"

        class addressee:  # noqa: N801
            kind, key = "regio", "Utrecht"

        forms = ["gm0344-voortgang", "gm0307-voortgang"]

    assert content_key(Stub) == "voortgang|regio|Utrecht|gm0344-voortgang|gm0307-voortgang"  # type: ignore[arg-type]
    assert stable_id(Stub) == stable_id(Stub)  # type: ignore[arg-type]
    assert stable_id(Stub).startswith("VGR-") and len(stable_id(Stub)) == 10  # type: ignore[arg-type]
