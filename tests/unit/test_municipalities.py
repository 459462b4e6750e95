import importlib.util
from pathlib import Path

import pytest

from regeldruk.errors import NotFoundError
from regeldruk.municipalities import (
    all_municipalities,
    regions,
    resolve_municipality,
    search_municipalities,
)

ROOT = Path(__file__).resolve().parents[2]
REFERENCE = ROOT.parent / "shared" / "reference"


def test_342_municipalities_in_42_regions() -> None:
    assert len(all_municipalities()) == 342
    assert len(regions()) == 42
    assert len({m.code for m in all_municipalities()}) == 342


@pytest.mark.parametrize("text", ["GM0344", "gm0344", "0344", "344", "Utrecht", "utrecht"])
def test_resolve_by_code_or_name(text: str) -> None:
    found = resolve_municipality(text)
    assert (found.code, found.ijw_code, found.name) == ("GM0344", "0344", "Utrecht")


def test_accents_and_unique_prefixes() -> None:
    assert (
        resolve_municipality("sudwest fryslan").code == resolve_municipality("Súdwest-Fryslân").code
    )
    assert resolve_municipality("Amersf").name == "Amersfoort"


def test_ambiguous_and_unknown_names_are_refused() -> None:
    with pytest.raises(NotFoundError, match="niet eenduidig"):
        resolve_municipality("Ams")  # Amstelveen, Amsterdam
    with pytest.raises(NotFoundError, match="Onbekende gemeente"):
        resolve_municipality("Atlantis")
    with pytest.raises(NotFoundError, match="gemeentecode"):
        resolve_municipality("GM9999")


def test_search_puts_prefix_matches_first() -> None:
    names = [m.name for m in search_municipalities("veen", limit=50)]
    assert names[0].lower().startswith("veen")
    assert "Amstelveen" in names


@pytest.mark.skipif(not REFERENCE.exists(), reason="shared/reference not beside the checkout")
def test_package_data_is_what_the_script_generates() -> None:
    spec = importlib.util.spec_from_file_location(
        "generate_reference", ROOT / "scripts" / "generate_reference.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    shipped = (ROOT / "src" / "regeldruk" / "data" / "gemeenten.json").read_text(encoding="utf-8")
    assert shipped == module.render(REFERENCE)
