"""Generate forms/standaard/ from the iJw XSDs (run again for a new release).

    python scripts/generate_standard_forms.py [XSD_DIR]

Each iJw message becomes a form of the catalogue (regeldruk/form@1, municipality
"standaard"): every leaf element of the message is a field, with its
documentation as help text, a type derived from its iJw data type, and its cardinality
(minOccurs="0" anywhere on the path makes it optional). The technical message metadata and the
return messages (JW302, JW306, ...: technical answers, filled in by no one) are left out.
The output is deterministic: running it again gives the same files.
"""

from __future__ import annotations

import re
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_XSD = ROOT.parent / "shared" / "reference" / "ijw-3.2"
TARGET = ROOT / "forms" / "standaard"
XS = "{http://www.w3.org/2001/XMLSchema}"

# The messages a provider or municipality actually fills in, with what they are for.
MESSAGES = {
    "JW301": ("Toewijzing jeugdhulp", "toewijzing", {"per": "client", "at": "start"}),
    "JW305": ("Start zorg", "melding", {"per": "client", "at": "start"}),
    "JW307": ("Stop zorg", "melding", {"per": "client", "at": "end"}),
    "JW315": ("Verzoek om toewijzing", "toewijzing", {"per": "client", "at": "start"}),
    "JW317": ("Verzoek om wijziging", "verlenging", {"per": "client", "at": "change"}),
    "JW319": ("Antwoordbericht op verzoek", "toewijzing", {"per": "client", "at": "change"}),
    "JW323": ("Declaratie jeugdhulp", "declaratie", {"per": "provider", "every": "1 month"}),
}

TYPE_RULES: list[tuple[str, str]] = [
    (r"BurgerServicenummer|Bsn", "bsn"),
    (r"Datum|Periode|Geboortedatum|Dagtekening", "date"),
    (r"JaNee", "boolean"),
    (r"Bedrag|Budget|Volume|Tarief|Omvang", "number"),
    (
        r"Code|Geslacht|Product|Eenheid|Frequentie|Categorie|Reden|Status|Soort|Type|Gemeente"
        r"|Verwijzer|Taal|Juridische|Wettelijke|Relatie|Communicatie",
        "code",
    ),
]

# Message metadata in every Header: filled in by software, not asked of anyone.
TECHNICAL = {
    "BerichtCode",
    "BerichtVersie",
    "BerichtSubversie",
    "Afzender",
    "Ontvanger",
    "BerichtIdentificatie",
    "XsdVersie",
    "ExtensieVersie",
    "IdentificatieRetour",
}

ACRONYMS = {"bsn": "BSN", "agb": "AGB", "id": "ID"}


@dataclass(frozen=True)
class Leaf:
    path: tuple[str, ...]
    type_name: str
    required: bool
    help: str


def label_of(name: str) -> str:
    """'ToewijzingIngangsdatum' -> 'Toewijzing ingangsdatum', 'Bsn' -> 'BSN'."""
    words = re.findall(r"[A-Z][a-z0-9]*|[a-z0-9]+", name)
    words = [ACRONYMS.get(w.lower(), w.lower()) for w in words]
    text = " ".join(words)
    return text[0].upper() + text[1:]


# Parts of a message whose generic element names (Naam, Einddatum, ...) need their context
# in the label: "Naam" of a Relatie is a parent's name, not the client's.
CONTEXTS = {
    "Relatie": "relatie",
    "Contact": "contact",
    "Toewijzing": "toewijzing",
    "StartProduct": "zorg",
    "StopProduct": "zorg",
    "ToegewezenProduct": "toewijzing",
    "NieuwProduct": "toewijzing",
    "OngewijzigdProduct": "toewijzing",
    "TeWijzigenProduct": "toewijzing",
    "Verwijzer": "verwijzer",
}
GENERIC = {
    "Naam",
    "Geboortedatum",
    "Geslacht",
    "Adres",
    "Telefoon",
    "Emailadres",
    "Periode",
    "Soort",
    "Nummer",
    "Organisatie",
    "Volgorde",
    "Ingangsdatum",
    "Einddatum",
    "Begindatum",
    "Communicatie",
    "GewensteIngangsdatum",
}


def contextual_label(path: tuple[str, ...]) -> str:
    label = label_of(path[-1])
    if path[-1] in GENERIC:
        for part in reversed(path[:-1]):
            if part in CONTEXTS:
                return f"{label} {CONTEXTS[part]}"
    return label


def field_type(type_name: str, element: str) -> str:
    for pattern, kind in TYPE_RULES:
        if re.search(pattern, type_name) or re.search(pattern, element):
            return kind
    return "text"


def documentation(element: ET.Element) -> str:
    parts = [
        " ".join((d.text or "").split())
        for d in element.findall(f"{XS}annotation/{XS}documentation")
    ]
    return " ".join(p for p in parts if p)


def leaves(schema: ET.Element, prefix: str) -> list[Leaf]:
    types = {t.get("name"): t for t in schema.findall(f"{XS}complexType")}
    found: list[Leaf] = []

    def walk(type_name: str, path: tuple[str, ...], required: bool) -> None:
        for element in types[type_name].iter(f"{XS}element"):
            name = element.get("name") or ""
            declared = element.get("type") or ""
            if not declared:  # an inline restriction of an iJw type
                base = element.find(f".//{XS}restriction")
                declared = base.get("base", "") if base is not None else ""
            needed = required and element.get("minOccurs") != "0"
            local = declared.removeprefix(f"{prefix}:")
            if declared.startswith(f"{prefix}:") and local in types:
                walk(local, (*path, name), needed)
            else:
                found.append(Leaf((*path, name), declared, needed, documentation(element)))

    walk("Root", (), True)
    return [leaf for leaf in found if leaf.path[-1] not in TECHNICAL]


def field_ids(found: list[Leaf]) -> list[str]:
    """The element name in lower case; where that repeats, its parent's name before it; where
    that repeats too, the whole path; and a number as the last resort."""
    counts: dict[str, int] = {}
    for leaf in found:
        counts[leaf.path[-1].lower()] = counts.get(leaf.path[-1].lower(), 0) + 1
    ids: list[str] = []
    for leaf in found:
        parts = [p.lower() for p in leaf.path]
        candidates = [parts[-1], "-".join(parts[-2:]), "-".join(parts)]
        choice = next(
            (c for c in candidates[0 if counts[parts[-1]] == 1 else 1 :] if c not in ids),
            None,
        )
        number = 2
        while choice is None or choice in ids:
            choice = f"{candidates[-1]}-{number}"
            number += 1
        ids.append(choice)
    return ids


def form_for(xsd: Path) -> dict[str, object]:
    code = xsd.stem.upper()
    title, purpose, frequency = MESSAGES[code]
    schema = ET.parse(xsd).getroot()
    prefix = code.lower()
    found = leaves(schema, prefix)
    fields = []
    for field_id, leaf in zip(field_ids(found), found, strict=True):
        fields.append(
            {
                "id": field_id,
                "label": contextual_label(leaf.path),
                "type": field_type(leaf.type_name, leaf.path[-1]),
                "required": leaf.required,
                "format": leaf.type_name.split(":")[-1] or None,
                "help": leaf.help or None,
            }
        )
    return {
        "schema": "regeldruk/form@1",
        "id": code.lower(),
        "municipality": "standaard",
        "title": f"{code} {title}",
        "purpose": purpose,
        "frequency": frequency,
        "source": f"iStandaarden iJw release 3.2, {xsd.name}",
        "example": False,
        "fields": fields,
    }


def render(xsd_dir: Path) -> dict[str, str]:
    """File name -> YAML text, for every message in MESSAGES."""
    header = (
        "# Generated by scripts/generate_standard_forms.py from the iJw 3.2 XSDs.\n"
        "# Do not edit by hand: run the script again for a new release.\n"
    )
    return {
        f"{code.lower()}.yaml": header
        + yaml.safe_dump(
            form_for(xsd_dir / f"{code}.xsd"), sort_keys=False, allow_unicode=True, width=100
        )
        for code in sorted(MESSAGES)
    }


def main() -> None:
    xsd_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_XSD
    TARGET.mkdir(parents=True, exist_ok=True)
    for name, text in render(xsd_dir).items():
        (TARGET / name).write_text(text, encoding="utf-8")
        print(f"forms/standaard/{name}")


if __name__ == "__main__":
    main()
