"""`regeldruk forms check` and `regeldruk forms analyse` as a policy adviser runs them."""

from __future__ import annotations

import json
from pathlib import Path

from openpyxl import load_workbook

from tests.conftest import CliRunnerHelper

ROOT = Path(__file__).resolve().parents[2]


def test_check_the_shipped_catalogue(cli: CliRunnerHelper) -> None:
    result = cli("forms", "check", str(ROOT / "forms"))
    assert result.exit_code == 0
    assert "In orde: 84 formulieren" in result.output


def test_check_reports_file_and_line_and_exits_1(cli: CliRunnerHelper, tmp_path: Path) -> None:
    (tmp_path / "kapot.yaml").write_text("schema: regeldruk/form@1\nid: x\nmunicipality: GM0344\n")
    result = cli("forms", "check", str(tmp_path))
    assert result.exit_code == 1
    assert f"{tmp_path / 'kapot.yaml'}:1: sleutel 'title' ontbreekt" in result.output
    assert "Traceback" not in result.output


def test_check_a_missing_directory(cli: CliRunnerHelper, tmp_path: Path) -> None:
    result = cli("forms", "check", str(tmp_path / "nergens"))
    assert result.exit_code == 1 and "map bestaat niet" in result.output


def test_analyse_json_and_xlsx(cli: CliRunnerHelper, tmp_path: Path) -> None:
    target, book = tmp_path / "analyse.json", tmp_path / "analyse.xlsx"
    result = cli(
        "forms", "analyse", str(ROOT / "forms"), "--json", "-o", str(target), "--xlsx", str(book)
    )
    assert result.exit_code == 0, result.output
    payload = json.loads(target.read_text())
    assert payload["schema"] == "regeldruk/analysis@1" and payload["forms"] == 84
    workbook = load_workbook(book)
    assert workbook.sheetnames == ["Signalen", "Eerst controleren", "Concepten"]
    for sheet in workbook.worksheets:  # printed landscape, one page wide
        assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.fitToWidth == 1
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
    printed = json.loads(cli("forms", "analyse", str(ROOT / "forms"), "--json").output)
    assert printed["fields"] == payload["fields"]


def test_analyse_table_in_dutch(cli: CliRunnerHelper) -> None:
    result = cli("forms", "analyse", str(ROOT / "forms"))
    assert result.exit_code == 0
    for heading in ("Al in iJw-bericht", "Dubbel gevraagd", "Niet uniform", "Lokaal"):
        assert heading in result.output
    assert "Jeugdwet art. 2.15 lid 2" in result.output
