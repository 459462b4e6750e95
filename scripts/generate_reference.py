"""Generate package data from ../shared/reference (run again for a new year's list).

    python scripts/generate_reference.py [REFERENCE_DIR]

Writes src/regeldruk/data/gemeenten.json: the municipalities with their 4-digit iJw code,
CBS code, name, province and youth-care region.
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_REFERENCE = ROOT.parent / "shared" / "reference"
TARGET = ROOT / "src" / "regeldruk" / "data" / "gemeenten.json"


def build_municipalities(reference: Path) -> dict[str, object]:
    with (reference / "gemeenten-2026.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    municipalities = [
        {
            "code": row["cbs_code"].strip(),
            "ijw_code": row["gemeentecode"].strip(),
            "name": row["gemeentenaam"].strip(),
            "province": row["provincie"].strip(),
            "region": row["jeugdzorgregio"].strip(),
        }
        for row in rows
    ]
    municipalities.sort(key=lambda m: m["code"])
    return {
        "source": "CBS, Gemeentelijke indeling op 1 januari 2026 (gemeenten-2026.csv)",
        "year": 2026,
        "municipalities": municipalities,
    }


def render(reference: Path) -> str:
    return json.dumps(build_municipalities(reference), ensure_ascii=False, indent=1) + "\n"


def main() -> None:
    reference = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_REFERENCE
    TARGET.write_text(render(reference), encoding="utf-8")
    print(f"{TARGET.relative_to(ROOT)} geschreven")


if __name__ == "__main__":
    main()
