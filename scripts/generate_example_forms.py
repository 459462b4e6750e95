"""Generate the fictional example catalogue forms/voorbeelden/ and its labelled truth.

    python scripts/generate_example_forms.py

Fourteen fictional municipalities (GM9001-GM9014, `example: true`; no real municipality)
ask for youth care in their own words: each form picks concepts from a vocabulary and words
them the way real forms do, with the usual boilerplate ("*", "(verplicht)", abbreviations).
The vocabulary holds the false friends on purpose (start vs end date, child vs parent vs
practitioner, goals vs progress on goals, planned vs delivered hours, registration vs start
date). The truth (field -> concept) goes to bench/eval/voorbeelden-concepten.json; it is
the labelled evaluation set of bench/bench_matching.py. Seeded: the same files every run.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "forms" / "voorbeelden"
TRUTH = ROOT / "bench" / "eval" / "voorbeelden-concepten.json"

# Youth-care region (the purchasing contract) and execution variant of each fictional
# municipality: most pay per effort, some per output, two by task (no declarations, and
# start/stop messages may be left out).
REGIONS = {
    "Voorbeeldregio Noord (fictief)": ["GM9001", "GM9002", "GM9003", "GM9004", "GM9005"],
    "Voorbeeldregio Midden (fictief)": ["GM9006", "GM9007", "GM9008", "GM9009", "GM9010"],
    "Voorbeeldregio Zuid (fictief)": ["GM9011", "GM9012", "GM9013", "GM9014"],
}
VARIANTS = {
    "GM9003": "taakgericht",
    "GM9007": "taakgericht",
    "GM9004": "outputgericht",
    "GM9009": "outputgericht",
    "GM9012": "outputgericht",
}
MUNICIPALITIES_FILE = ROOT / "forms" / "gemeenten.yaml"

MUNICIPALITIES = {
    "GM9001": "Voorbeeldstad",
    "GM9002": "Denkendam",
    "GM9003": "Proefwijk",
    "GM9004": "Modelveen",
    "GM9005": "Oefenkerk",
    "GM9006": "Testerhout",
    "GM9007": "Schetsdorp",
    "GM9008": "Ontwerpen",
    "GM9009": "Fictiegein",
    "GM9010": "Verzinnebroek",
    "GM9011": "Nepmunde",
    "GM9012": "Droomhoven",
    "GM9013": "Bedenkerveld",
    "GM9014": "Sjabloonstede",
}

# concept: (type, [label variants], [format variants or None])
VOCABULARY: dict[str, tuple[str, list[str], list[object]]] = {
    "bsn-jeugdige": (
        "bsn",
        [
            "BSN jeugdige",
            "Burgerservicenummer cliënt",
            "BSN-nummer kind",
            "BSN (verplicht)",
            "Burgerservicenr. jeugdige *",
        ],
        [None],
    ),
    "geboortedatum-jeugdige": (
        "date",
        [
            "Geboortedatum jeugdige",
            "Geb. datum cliënt",
            "Geboortedatum kind",
            "Geb.datum jeugdige *",
        ],
        ["DD-MM-JJJJ", "JJJJ-MM-DD", None],
    ),
    "geslacht-jeugdige": (
        "choice",
        ["Geslacht", "Geslacht jeugdige", "Geslacht cliënt"],
        [["man", "vrouw", "onbekend"], ["M", "V", "X"]],
    ),
    "naam-jeugdige": (
        "text",
        [
            "Naam jeugdige",
            "Achternaam cliënt",
            "Naam kind",
            "Volledige naam jeugdige",
            "Naam cliënt *",
        ],
        [None],
    ),
    "ingangsdatum-toewijzing": (
        "date",
        ["Ingangsdatum toewijzing", "Gewenste ingangsdatum toewijzing", "Toewijzing per (datum)"],
        [None],
    ),
    "einddatum-toewijzing": (
        "date",
        ["Einddatum toewijzing", "Toewijzing t/m (datum)", "Gewenste einddatum toewijzing"],
        [None],
    ),
    "beschikkingsnummer": (
        "text",
        ["Beschikkingsnummer", "Nr. beschikking", "Beschikking nr", "Beschikkingsnr. (verplicht)"],
        [None],
    ),
    "productcode": (
        "code",
        ["Productcode", "Productcode (iJw)", "Code product", "Productcode volgens inkoopcontract"],
        [None],
    ),
    "productcategorie": (
        "code",
        ["Productcategorie", "Product categorie", "Categorie product (iJw)"],
        [None],
    ),
    "verwijzer": (
        "choice",
        ["Verwijzer", "Verwezen door", "Verwijzende instantie"],
        [["huisarts", "gemeente", "jeugdarts", "GI"], None],
    ),
    "omvang": (
        "number",
        ["Omvang (uren)", "Aangevraagde omvang", "Gevraagde omvang in uren", "Omvang toewijzing"],
        ["uren per week", "uren totaal", None],
    ),
    "budget": ("number", ["Budget", "Gevraagd budget (€)", "Budget toewijzing"], [None]),
    "reden-beeindiging": (
        "choice",
        ["Reden beëindiging", "Reden beëindiging zorg", "Reden van beëindigen"],
        [None],
    ),
    "startdatum-zorg": (
        "date",
        ["Startdatum zorg", "Datum start zorg", "Begindatum zorg", "Begindatum jeugdhulp"],
        [None],
    ),
    "einddatum-zorg": (
        "date",
        ["Einddatum zorg", "Datum einde zorg", "Einddatum jeugdhulp", "Datum beëindiging zorg"],
        [None],
    ),
    "aanmelddatum": (
        "date",
        ["Datum aanmelding", "Aanmelddatum", "Registratiedatum aanvraag", "Datum van aanmelden"],
        [None],
    ),
    "gezagsdrager-bekend": (
        "boolean",
        ["Gezagsdrager bekend", "Is de gezagsdrager bekend?", "Gezagsdrager bekend (ja/nee)"],
        [None],
    ),
    "declaratieperiode": (
        "date",
        ["Declaratieperiode", "Periode declaratie", "Declaratie over periode"],
        [None],
    ),
    "ingediend-bedrag": (
        "number",
        ["Ingediend bedrag", "Gedeclareerd bedrag (€)", "Ingediend bedrag declaratie"],
        [None],
    ),
    "geleverd-volume": (
        "number",
        ["Geleverd volume", "Geleverde uren", "Gerealiseerde uren", "Geleverde uren (totaal)"],
        [None],
    ),
    "geplande-uren": (
        "number",
        ["Geplande uren", "Begrote uren", "Verwachte inzet in uren", "Geplande inzet (uren)"],
        [None],
    ),
    "tarief": ("number", ["Product tarief", "Tarief per eenheid", "Producttarief (€)"], [None]),
    "eenheid": ("code", ["Eenheid", "Eenheid (uur/etmaal/dagdeel)", "Eenheid product"], [None]),
    "behandeldoelen": (
        "text",
        [
            "Behandeldoelen",
            "Doelen van de hulp",
            "Hulpverleningsdoelen",
            "Beoogde doelen behandeling",
        ],
        [None],
    ),
    "voortgang-doelen": (
        "text",
        [
            "Voortgang op doelen",
            "Voortgang behandeldoelen",
            "Mate van doelrealisatie",
            "Voortgang ten aanzien van de doelen",
        ],
        [None],
    ),
    "naam-ouder": (
        "text",
        ["Naam ouder/verzorger", "Naam gezaghebbende ouder", "Naam ouder", "Naam verzorger"],
        [None],
    ),
    "geboortedatum-ouder": (
        "date",
        ["Geboortedatum ouder", "Geb. datum gezaghebbende ouder", "Geboortedatum verzorger"],
        [None],
    ),
    "telefoon-ouder": (
        "text",
        ["Telefoonnummer ouder", "Tel. ouder/verzorger", "Telefoon gezaghebbende ouder"],
        [None],
    ),
    "naam-behandelaar": (
        "text",
        [
            "Naam behandelaar",
            "Naam hulpverlener",
            "Naam jeugdprofessional",
            "Naam behandelaar aanbieder",
        ],
        [None],
    ),
    "telefoon-behandelaar": (
        "text",
        ["Telefoonnummer behandelaar", "Tel. hulpverlener", "Telefoon jeugdprofessional"],
        [None],
    ),
    "email-behandelaar": (
        "text",
        ["E-mail behandelaar", "E-mailadres hulpverlener", "Mailadres jeugdprofessional"],
        [None],
    ),
    "hulpvraag": (
        "text",
        [
            "Hulpvraag",
            "Omschrijving hulpvraag",
            "Hulpvraag jeugdige/gezin",
            "Omschrijving van de hulpvraag",
        ],
        [None],
    ),
    "diagnose": (
        "text",
        ["Diagnose (DSM-5)", "DSM-classificatie", "Diagnose", "Classificatie DSM-5"],
        [None],
    ),
    "ernst-problematiek": (
        "scale",
        ["Ernst van de problematiek", "Zwaarte problematiek", "Inschatting ernst problematiek"],
        ["1-5", "1-10"],
    ),
    "veiligheid": (
        "boolean",
        [
            "Veiligheidsinschatting",
            "Zijn er zorgen over de veiligheid?",
            "Signalen van onveiligheid",
        ],
        [None],
    ),
    "meldcode": (
        "boolean",
        ["Meldcode doorlopen", "Is de meldcode gevolgd?", "Meldcode huiselijk geweld toegepast"],
        [None],
    ),
    "school": (
        "text",
        ["Naam school", "School / onderwijsinstelling", "Onderwijsinstelling jeugdige"],
        [None],
    ),
    "gezinssituatie": (
        "text",
        ["Gezinssituatie", "Samenstelling gezin", "Beschrijving gezinssituatie"],
        [None],
    ),
    "betrokken-netwerk": (
        "text",
        ["Betrokken netwerk", "Andere betrokken hulpverleners", "Betrokken instanties"],
        [None],
    ),
    "behandelplan": (
        "file",
        [
            "Behandelplan",
            "Behandelplan (bijlage)",
            "Plan van aanpak",
            "Hulpverleningsplan (bijlage)",
        ],
        [None],
    ),
    "evaluatiedatum": (
        "date",
        ["Datum evaluatie", "Evaluatiedatum", "Datum laatste evaluatie"],
        [None],
    ),
    "tevredenheid": (
        "scale",
        ["Cliënttevredenheid", "Tevredenheid jeugdige", "Waardering cliënt"],
        ["1-10", "1-5"],
    ),
    "reden-verlenging": (
        "text",
        [
            "Reden verlenging",
            "Motivatie verlengingsaanvraag",
            "Onderbouwing verlenging",
            "Waarom is verlenging nodig?",
        ],
        [None],
    ),
    "verwachte-duur": (
        "number",
        ["Verwachte duur behandeling", "Verwachte looptijd (maanden)", "Geschatte behandelduur"],
        [None],
    ),
    "uitstroomperspectief": (
        "text",
        ["Perspectief na afsluiting", "Uitstroomperspectief", "Vervolg na beëindiging"],
        [None],
    ),
    "woonplaats-jeugdige": (
        "text",
        ["Woonplaats jeugdige", "Woonplaats cliënt", "Woonplaats kind"],
        [None],
    ),
    "adres-jeugdige": ("text", ["Adres jeugdige", "Woonadres cliënt", "Adres kind"], [None]),
    "postcode-jeugdige": ("text", ["Postcode", "Postcode jeugdige", "Postcode woonadres"], [None]),
    "handtekening-aanbieder": (
        "file",
        ["Handtekening aanbieder", "Handtekening zorgaanbieder", "Ondertekening aanbieder"],
        [None],
    ),
    "datum-ondertekening": (
        "date",
        ["Datum ondertekening", "Datum handtekening", "Getekend op (datum)"],
        [None],
    ),
    "gedragswetenschapper": (
        "text",
        [
            "Naam gedragswetenschapper",
            "Verantwoordelijk gedragswetenschapper",
            "Gedragswetenschapper (naam)",
        ],
        [None],
    ),
    "big-registratie": (
        "text",
        ["BIG-nummer", "BIG-registratienummer behandelaar", "BIG-registratie behandelaar"],
        [None],
    ),
    "agb-aanbieder": (
        "code",
        ["AGB-code aanbieder", "AGB code zorgaanbieder", "AGB-code organisatie"],
        [None],
    ),
    "methodiek": (
        "text",
        [
            "Ingezette methodiek",
            "Gebruikte interventie",
            "Behandelmethode",
            "Ingezette interventie",
        ],
        [None],
    ),
    "aantal-contacten": (
        "number",
        ["Aantal contactmomenten", "Aantal gesprekken", "Aantal face-to-face contacten"],
        [None],
    ),
    "wachttijd": (
        "number",
        ["Wachttijd (dagen)", "Aantal dagen op wachtlijst", "Wachttijd tot start in dagen"],
        [None],
    ),
    "crisis": (
        "boolean",
        ["Crisisplaatsing", "Betreft het een crisisplaatsing?", "Crisis (ja/nee)"],
        [None],
    ),
    "verblijfsvorm": (
        "choice",
        ["Verblijfsvorm", "Soort verblijf", "Type verblijf"],
        [["pleegzorg", "gezinshuis", "residentieel"], None],
    ),
    "toestemming-ouders": (
        "boolean",
        [
            "Toestemming ouders gegevensdeling",
            "Toestemming gezaghebbende voor gegevensdeling",
            "Akkoord ouders met gegevensdeling",
        ],
        [None],
    ),
    "huisarts": ("text", ["Naam huisarts", "Huisarts jeugdige", "Huisarts (naam)"], [None]),
    "zorgverzekeraar": (
        "text",
        ["Zorgverzekeraar", "Naam zorgverzekeraar", "Zorgverzekeraar jeugdige"],
        [None],
    ),
    "locatie-hulp": (
        "text",
        ["Locatie hulpverlening", "Waar vindt de hulp plaats?", "Locatie van de hulp"],
        [None],
    ),
    "nationaliteit": ("text", ["Nationaliteit", "Nationaliteit jeugdige"], [None]),
}

# The forms a municipality has, with the concepts each may ask for.
FORM_TYPES: dict[str, dict[str, object]] = {
    "aanvraag-toewijzing": {
        "owner": "gemeente",
        "title": "Aanvraagformulier jeugdhulp",
        "purpose": "toewijzing",
        "frequency": {"per": "client", "at": "start"},
        "minutes": 50,
        "always": [
            "bsn-jeugdige",
            "geboortedatum-jeugdige",
            "naam-jeugdige",
            "ingangsdatum-toewijzing",
            "productcode",
        ],
        "maybe": [
            "geslacht-jeugdige",
            "einddatum-toewijzing",
            "verwijzer",
            "omvang",
            "budget",
            "hulpvraag",
            "diagnose",
            "naam-ouder",
            "telefoon-ouder",
            "adres-jeugdige",
            "postcode-jeugdige",
            "woonplaats-jeugdige",
            "school",
            "gezinssituatie",
            "behandeldoelen",
            "geplande-uren",
            "aanmelddatum",
            "gezagsdrager-bekend",
            "naam-behandelaar",
            "email-behandelaar",
            "agb-aanbieder",
            "crisis",
            "toestemming-ouders",
            "huisarts",
            "ernst-problematiek",
            "veiligheid",
            "wachttijd",
            "verwachte-duur",
            "productcategorie",
            "behandelplan",
        ],
        "count": (12, 18),
    },
    "verlengingsaanvraag": {
        "owner": "gemeente",
        "title": "Verzoek verlenging jeugdhulp",
        "purpose": "verlenging",
        "frequency": {"per": "client", "at": "change"},
        "minutes": 40,
        "always": ["bsn-jeugdige", "naam-jeugdige", "reden-verlenging", "einddatum-toewijzing"],
        "maybe": [
            "geboortedatum-jeugdige",
            "beschikkingsnummer",
            "productcode",
            "omvang",
            "voortgang-doelen",
            "behandeldoelen",
            "geplande-uren",
            "geleverd-volume",
            "verwachte-duur",
            "naam-behandelaar",
            "gedragswetenschapper",
            "handtekening-aanbieder",
            "datum-ondertekening",
            "evaluatiedatum",
            "methodiek",
            "ernst-problematiek",
        ],
        "count": (8, 12),
    },
    "voortgangsrapportage": {
        "owner": "regio",
        "title": "Voortgangsrapportage jeugdhulp",
        "purpose": "verantwoording",
        "frequency": [
            {"per": "client", "every": "3 months"},
            {"per": "client", "every": "6 months"},
        ],
        "minutes": 45,
        "always": ["bsn-jeugdige", "naam-jeugdige", "voortgang-doelen"],
        "maybe": [
            "geboortedatum-jeugdige",
            "beschikkingsnummer",
            "behandeldoelen",
            "geleverd-volume",
            "aantal-contacten",
            "methodiek",
            "evaluatiedatum",
            "naam-behandelaar",
            "telefoon-behandelaar",
            "tevredenheid",
            "veiligheid",
            "meldcode",
            "betrokken-netwerk",
            "gedragswetenschapper",
            "big-registratie",
            "datum-ondertekening",
            "startdatum-zorg",
            "gezinssituatie",
        ],
        "count": (8, 13),
    },
    "eindevaluatie": {
        "owner": "regio",
        "title": "Eindevaluatie jeugdhulp",
        "purpose": "evaluatie",
        "frequency": {"per": "client", "at": "end"},
        "minutes": 35,
        "always": ["bsn-jeugdige", "einddatum-zorg", "reden-beeindiging"],
        "maybe": [
            "naam-jeugdige",
            "geboortedatum-jeugdige",
            "startdatum-zorg",
            "voortgang-doelen",
            "behandeldoelen",
            "tevredenheid",
            "uitstroomperspectief",
            "geleverd-volume",
            "aantal-contacten",
            "naam-behandelaar",
            "handtekening-aanbieder",
            "datum-ondertekening",
            "productcode",
        ],
        "count": (7, 11),
    },
    "startmelding": {
        "owner": "gemeente",
        "title": "Melding start jeugdhulp",
        "purpose": "melding",
        "frequency": {"per": "client", "at": "start"},
        "minutes": 15,
        "always": ["bsn-jeugdige", "startdatum-zorg"],
        "maybe": [
            "naam-jeugdige",
            "geboortedatum-jeugdige",
            "productcode",
            "beschikkingsnummer",
            "aanmelddatum",
            "wachttijd",
            "naam-behandelaar",
            "locatie-hulp",
            "verblijfsvorm",
        ],
        "count": (5, 8),
    },
    "declaratiebijlage": {
        "owner": "gemeente",
        "title": "Bijlage bij declaratie",
        "purpose": "declaratie",
        "frequency": {"per": "provider", "every": "1 month"},
        "minutes": 30,
        "always": ["bsn-jeugdige", "declaratieperiode", "ingediend-bedrag"],
        "maybe": [
            "productcode",
            "geleverd-volume",
            "tarief",
            "eenheid",
            "naam-jeugdige",
            "beschikkingsnummer",
            "agb-aanbieder",
            "aantal-contacten",
        ],
        "count": (6, 9),
    },
}

# The concepts an iJw standard message already carries (the truth for the in_standard flag).
IN_STANDARD = {
    "bsn-jeugdige",
    "geboortedatum-jeugdige",
    "geslacht-jeugdige",
    "naam-jeugdige",
    "ingangsdatum-toewijzing",
    "einddatum-toewijzing",
    "beschikkingsnummer",
    "productcode",
    "productcategorie",
    "verwijzer",
    "omvang",
    "budget",
    "reden-beeindiging",
    "startdatum-zorg",
    "einddatum-zorg",
    "gezagsdrager-bekend",
    "declaratieperiode",
    "ingediend-bedrag",
    "geleverd-volume",
    "tarief",
    "eenheid",
    "naam-ouder",
}

# Concepts only a single municipality asks (the "local" flag must find them).
LOCAL_ONLY = {"zorgverzekeraar": "GM9003", "nationaliteit": "GM9008", "huisarts": "GM9011"}


def build(seed: int = 43) -> tuple[dict[str, dict[str, object]], dict[str, str]]:
    rng = random.Random(seed)
    forms: dict[str, dict[str, object]] = {}
    truth: dict[str, str] = {}
    for index, (code, name) in enumerate(MUNICIPALITIES.items()):
        kinds = list(FORM_TYPES)
        rng.shuffle(kinds)
        chosen = ["aanvraag-toewijzing", "voortgangsrapportage"] + [
            k for k in kinds if k not in ("aanvraag-toewijzing", "voortgangsrapportage")
        ][: 3 + index % 2]
        for kind in chosen:
            spec = FORM_TYPES[kind]
            form_id = f"{code.lower()}-{kind}"
            lo, hi = spec["count"]  # type: ignore[misc]
            maybe = [
                c
                for c in spec["maybe"]  # type: ignore[attr-defined]
                if c not in LOCAL_ONLY or LOCAL_ONLY[c] == code
            ]
            for concept, owner in LOCAL_ONLY.items():
                if owner == code and kind == "aanvraag-toewijzing":
                    maybe.append(concept)
            picked = list(spec["always"]) + rng.sample(maybe, min(len(maybe), rng.randint(lo, hi)))  # type: ignore[call-overload]
            if rng.random() < 0.25:  # the same thing asked twice on one form
                picked.append(
                    rng.choice(["bsn-jeugdige", "naam-jeugdige", "geboortedatum-jeugdige"])
                )
            for concept, owner in LOCAL_ONLY.items():
                if owner == code and kind == "aanvraag-toewijzing" and concept not in picked:
                    picked.append(concept)
            fields = []
            used_labels: set[str] = set()
            for number, concept in enumerate(picked, start=1):
                kind_of, labels, formats = VOCABULARY[concept]
                options = [label for label in labels if label not in used_labels] or labels
                label = rng.choice(options)
                used_labels.add(label)
                field_id = f"v{number:02d}"
                fmt = rng.choice(formats)
                fields.append(
                    {
                        "id": field_id,
                        "label": label,
                        "type": kind_of,
                        "required": rng.random() > 0.2,
                        "format": fmt,
                    }
                )
                truth[f"{form_id}/{field_id}"] = concept
            frequency = spec["frequency"]
            if isinstance(frequency, list):
                frequency = rng.choice(frequency)
            forms[form_id] = {
                "schema": "regeldruk/form@1",
                "id": form_id,
                "municipality": code,
                "title": f"{spec['title']} {name}",
                "purpose": spec["purpose"],
                "frequency": frequency,
                "minutes": spec["minutes"],
                "source": f"Fictief voorbeeld: inkoopdocumenten gemeente {name}",
                "example": True,
                "owner": spec["owner"],
                "fields": fields,
            }
    return forms, truth


def municipalities_yaml() -> str:
    """forms/gemeenten.yaml: names, regions and execution variants of the examples."""
    region_of = {code: region for region, codes in REGIONS.items() for code in codes}
    entries = [
        {
            "code": code,
            "name": name,
            "region": region_of[code],
            "variant": VARIANTS.get(code, "inspanningsgericht"),
        }
        for code, name in MUNICIPALITIES.items()
    ]
    header = "# Fictieve voorbeeldgemeenten, gemaakt door scripts/generate_example_forms.py.\n"
    body = {"schema": "regeldruk/municipalities@1", "municipalities": entries}
    return header + yaml.safe_dump(body, sort_keys=False, allow_unicode=True, width=100)


def main() -> None:
    forms, truth = build()
    TARGET.mkdir(parents=True, exist_ok=True)
    for old in TARGET.glob("*.yaml"):
        old.unlink()
    header = "# Fictief voorbeeld, gemaakt door scripts/generate_example_forms.py.\n"
    for form_id, form in forms.items():
        (TARGET / f"{form_id}.yaml").write_text(
            header + yaml.safe_dump(form, sort_keys=False, allow_unicode=True, width=100),
            encoding="utf-8",
        )
    MUNICIPALITIES_FILE.write_text(municipalities_yaml(), encoding="utf-8")
    TRUTH.parent.mkdir(parents=True, exist_ok=True)
    payload = {"fields": truth, "in_standard": sorted(IN_STANDARD)}
    TRUTH.write_text(json.dumps(payload, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    concepts = len(set(truth.values()))
    print(f"{len(forms)} formulieren, {len(truth)} velden, {concepts} concepten")


if __name__ == "__main__":
    main()
