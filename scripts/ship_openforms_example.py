"""Copy the one Open Forms export the demo imports into the package data, with its licence.

    python scripts/ship_openforms_example.py [REFERENCE_DIR]

Copies ../shared/reference/openforms-nijmegen/maatwerkovereenkomstJeugdEnWmoAanvragen3.zip
(the municipality of Nijmegen's request for a tailor-made agreement under the Jeugdwet and
the Wmo, Apache-2.0) to src/regeldruk/data/openforms/, with the folder's LICENSE and README
beside it, as that README asks of every copy. The bytes are copied unchanged.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_REFERENCE = ROOT.parent / "shared" / "reference"
TARGET = ROOT / "src" / "regeldruk" / "data" / "openforms"
EXPORT = "maatwerkovereenkomstJeugdEnWmoAanvragen3.zip"
FILES = (EXPORT, "LICENSE", "README.md")


def ship(reference: Path, target: Path = TARGET) -> list[Path]:
    source = reference / "openforms-nijmegen"
    target.mkdir(parents=True, exist_ok=True)
    copied = []
    for name in FILES:
        shutil.copyfile(source / name, target / name)
        copied.append(target / name)
    return copied


if __name__ == "__main__":
    reference = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_REFERENCE
    for path in ship(reference):
        print(f"Geschreven: {path.relative_to(ROOT)}")
