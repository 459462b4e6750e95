# ruff: noqa: E501  (the vocabulary tables read best one concept per line)
"""Generate a hard tuning catalogue for the matcher, with its truth, at any scale.

    python scripts/generate_tuning_forms.py DIR [--municipalities 40] [--seed 14]

This is the matcher's second TUNING set (the first is forms/voorbeelden). It is built by a
different procedure than the first: labels are composed as attribute x entity ("Telefoon"
x "ouder/verzorger"), in several orders and templates, and then made noisy the way real
forms are: numbering ("12.", "(8)", "Vraag 7:"), a trailing ":", abbreviations, typos,
section-only labels (a bare "Naam" or "Datum" whose meaning comes from the section in the
field id or from the help text), and false friends side by side (the provider's vs the
referrer's AGB code, the parent's phone vs the parent's name, the number of clients vs the
waiting-list count, product code vs product category, the child's vs the parent's BSN, the
report date vs the incident date vs the registration date vs the reference date).

Writes DIR/forms/ (a regeldruk/form@1 catalogue, with a copy of forms/standaard) and
DIR/truth.json ({"fields": {form/field: concept}, "in_standard": [concept, ...]}).
Municipalities get fictional codes from GM9100 on (`example: true`). Seeded.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent

# Entity wordings: how forms name the person or organisation a field is about.
ENTITIES: dict[str, list[str]] = {
    "jeugdige": ["jeugdige", "cliënt", "kind", "jongere", "client"],
    "ouder": [
        "ouder/verzorger",
        "ouder",
        "verzorger",
        "gezaghebbende ouder",
        "wettelijk vertegenwoordiger",
    ],
    "aanbieder": ["aanbieder", "zorgaanbieder", "jeugdhulpaanbieder", "instelling", "organisatie"],
    "verwijzer": ["verwijzer", "verwijzende partij", "verwijzend arts"],
    "consulent": [
        "consulent",
        "casemanager",
        "jeugdconsulent",
        "contactpersoon gemeente",
        "regisseur",
    ],
    "behandelaar": ["behandelaar", "hulpverlener", "jeugdprofessional", "regiebehandelaar"],
}
# Section words that appear in field ids (`ouder-naam`, `s2_1`).
SECTION_WORDS: dict[str, list[str]] = {
    "jeugdige": ["jeugdige", "client", "kind"],
    "ouder": ["ouder", "verzorger", "gezag"],
    "aanbieder": ["aanbieder", "zorgaanbieder", "instelling"],
    "verwijzer": ["verwijzer", "verwijzing"],
    "consulent": ["consulent", "casemanager", "contactpersoon-gemeente"],
    "behandelaar": ["behandelaar", "hulpverlener"],
}
# Attribute wordings and the field type.
ATTRIBUTES: dict[str, tuple[str, list[str]]] = {
    "naam": ("text", ["Naam", "Achternaam", "Naam en voorletters", "Geslachtsnaam"]),
    "voornaam": ("text", ["Voornaam", "Voornamen", "Roepnaam"]),
    "telefoon": ("text", ["Telefoonnummer", "Tel.", "Telefoon", "Tel.nr.", "Mobiel nummer"]),
    "email": ("text", ["E-mailadres", "E-mail", "Mailadres"]),
    "bsn": ("bsn", ["BSN", "Burgerservicenummer", "BSN-nummer", "Burgerservicenr."]),
    "geboortedatum": ("date", ["Geboortedatum", "Geb. datum", "Datum van geboorte", "Geb.datum"]),
    "agb": ("code", ["AGB-code", "AGB code", "AGB-nummer", "Zorgverlenerscode (AGB)"]),
    "adres": ("text", ["Adres", "Woonadres", "Straat en huisnummer"]),
}
# Which attribute x entity concepts exist.
COMPOSED = {
    "naam": ["jeugdige", "ouder", "aanbieder", "verwijzer", "consulent", "behandelaar"],
    "voornaam": ["jeugdige", "ouder"],
    "telefoon": ["ouder", "consulent", "behandelaar", "aanbieder"],
    "email": ["ouder", "consulent", "behandelaar"],
    "bsn": ["jeugdige", "ouder"],
    "geboortedatum": ["jeugdige", "ouder"],
    "agb": ["aanbieder", "verwijzer"],
    "adres": ["jeugdige", "ouder"],
}
# Concepts worded as a whole: (type, wordings, formats).
WHOLE: dict[str, tuple[str, list[str], list[object]]] = {
    "productcode": (
        "code",
        [
            "Productcode",
            "Code product",
            "Product (code)",
            "iJw-productcode",
            "Productcode jeugdhulp",
        ],
        [None, "5 cijfers"],
    ),
    "productcategorie": (
        "code",
        ["Productcategorie", "Categorie product", "Product categorie", "Hoofdcategorie product"],
        [None],
    ),
    "aantal-clienten": (
        "number",
        [
            "Aantal cliënten",
            "Aantal jeugdigen in zorg",
            "Aantal unieke cliënten",
            "Cliënten in zorg (aantal)",
        ],
        [None],
    ),
    "aantal-wachtlijst": (
        "number",
        [
            "Aantal cliënten op de wachtlijst",
            "Wachtlijst (aantal)",
            "Aantal wachtenden",
            "Aantal jeugdigen op wachtlijst",
        ],
        [None],
    ),
    "wachttijd": (
        "number",
        ["Wachttijd in weken", "Gemiddelde wachttijd", "Wachttijd (weken)"],
        [None],
    ),
    "datum-melding": (
        "date",
        ["Datum melding", "Meldingsdatum", "Datum van de melding", "Gemeld op (datum)"],
        [None, "DD-MM-JJJJ"],
    ),
    "datum-incident": (
        "date",
        [
            "Datum incident",
            "Incidentdatum",
            "Datum van het incident",
            "Wanneer vond het incident plaats?",
        ],
        [None],
    ),
    "registratiedatum": (
        "date",
        ["Registratiedatum", "Datum registratie", "Datum inschrijving", "Inschrijfdatum"],
        [None],
    ),
    "peildatum": (
        "date",
        ["Peildatum", "Stand per (datum)", "Datum peilmoment", "Peildatum gegevens"],
        [None],
    ),
    "omschrijving-incident": (
        "text",
        [
            "Omschrijving incident",
            "Beschrijving van het incident",
            "Wat is er gebeurd?",
            "Toelichting op het incident",
        ],
        [None],
    ),
    "soort-incident": (
        "choice",
        ["Soort incident", "Type incident", "Aard van het incident", "Categorie incident"],
        [["agressie", "vermissing", "medicatie", "overig"]],
    ),
    "maatregelen": (
        "text",
        ["Genomen maatregelen", "Welke maatregelen zijn genomen?", "Maatregelen na het incident"],
        [None],
    ),
    "diagnose": (
        "text",
        ["DSM-classificatie", "Diagnose (DSM-5)", "Classificatie volgens DSM", "Diagnose"],
        [None],
    ),
    "startdatum-zorg": (
        "date",
        ["Startdatum zorg", "Begindatum jeugdhulp", "Datum start hulp", "Zorg gestart op"],
        [None, "DD-MM-JJJJ"],
    ),
    "einddatum-zorg": (
        "date",
        ["Einddatum zorg", "Datum einde jeugdhulp", "Zorg beëindigd op", "Einddatum hulp"],
        [None],
    ),
    "ingangsdatum-toewijzing": (
        "date",
        ["Ingangsdatum toewijzing", "Toewijzing per (datum)", "Startdatum toewijzing"],
        [None],
    ),
    "beschikkingsnummer": (
        "text",
        ["Beschikkingsnummer", "Nr. beschikking", "Kenmerk beschikking", "Beschikking nr."],
        [None],
    ),
    "hulpvraag": (
        "text",
        ["Hulpvraag", "Omschrijving hulpvraag", "Wat is de hulpvraag?", "Hulpvraag van het gezin"],
        [None],
    ),
    "behandeldoelen": (
        "text",
        ["Behandeldoelen", "Doelen van de behandeling", "Hulpverleningsdoelen", "Doelen"],
        [None],
    ),
    "voortgang-doelen": (
        "text",
        [
            "Voortgang op doelen",
            "Voortgang behandeldoelen",
            "Mate van doelrealisatie",
            "Hoe verloopt de voortgang?",
        ],
        [None],
    ),
    "geleverd-volume": (
        "number",
        ["Geleverde uren", "Gerealiseerde inzet (uren)", "Geleverd volume"],
        [None],
    ),
    "geplande-uren": (
        "number",
        ["Geplande uren", "Begrote inzet (uren)", "Verwachte inzet in uren"],
        [None],
    ),
    "reden-beeindiging": (
        "choice",
        ["Reden beëindiging", "Reden einde zorg", "Waarom is de zorg gestopt?"],
        [None],
    ),
    "datum-ondertekening": (
        "date",
        ["Datum ondertekening", "Datum handtekening", "Getekend op"],
        [None],
    ),
    "handtekening": (
        "file",
        ["Handtekening", "Ondertekening", "Handtekening bevoegd persoon"],
        [None],
    ),
    "omzet": ("number", ["Omzet jeugdhulp (€)", "Totale omzet", "Gerealiseerde omzet"], [None]),
    "fte": ("number", ["Aantal fte", "Formatie (fte)", "Inzet medewerkers in fte"], [None]),
    "verslagperiode": (
        "text",
        ["Verslagperiode", "Periode van verantwoording", "Rapportageperiode"],
        [None],
    ),
    "veiligheid": (
        "boolean",
        [
            "Zijn er zorgen over de veiligheid?",
            "Veiligheidsinschatting",
            "Signalen van onveiligheid",
        ],
        [None],
    ),
    "gezinssituatie": (
        "text",
        ["Gezinssituatie", "Samenstelling gezin", "Beschrijving gezinssituatie"],
        [None],
    ),
    "school": (
        "text",
        ["Naam school", "School / onderwijsinstelling", "Onderwijsinstelling"],
        [None],
    ),
    "verblijfsvorm": (
        "choice",
        ["Verblijfsvorm", "Soort verblijf", "Type verblijf"],
        [["pleegzorg", "gezinshuis", "residentieel"], None],
    ),
    "ernst": ("scale", ["Ernst van de problematiek", "Zwaarte problematiek"], ["1-5", "1-10"]),
}
# Natural phrasings, written as forms ask them, added per concept (the "question" style that
# some municipalities use for every field).
QUESTIONS: dict[str, list[str]] = {
    "naam-jeugdige": ["Wat is de achternaam van het kind?", "Achternaam van de jongere"],
    "voornaam-jeugdige": ["Wat zijn de voornamen van het kind?", "Voornaam van de jongere"],
    "bsn-jeugdige": ["Wat is het burgerservicenummer van de jeugdige?", "BSN van het kind (9 cijfers)"],
    "geboortedatum-jeugdige": ["Wanneer is het kind geboren?", "Geboortedatum van de jongere (dd-mm-jjjj)"],
    "adres-jeugdige": ["Op welk adres woont het kind?", "Woonadres van de jeugdige"],
    "naam-ouder": ["Wat is de achternaam van de ouder of verzorger?", "Achternaam ouder/voogd"],
    "voornaam-ouder": ["Voornamen van de ouder of verzorger"],
    "telefoon-ouder": ["Op welk telefoonnummer is de ouder bereikbaar?", "Telefoonnummer waarop ouders bereikbaar zijn"],
    "email-ouder": ["Wat is het e-mailadres van de ouder?", "E-mail adres ouders"],
    "bsn-ouder": ["BSN van de ouder of verzorger", "Burgerservicenummer van de gezaghebbende"],
    "geboortedatum-ouder": ["Geboortedatum van de ouder/voogd (dd-mm-jjjj)"],
    "naam-verwijzer": ["Door wie is het kind verwezen?", "Naam van de verwijzende huisarts of jeugdarts"],
    "agb-verwijzer": ["AGB-code van de verwijzer (8 cijfers)", "Zorgverlenerscode van de verwijzende arts"],
    "naam-aanbieder": ["Naam van de jeugdhulpaanbieder", "Welke organisatie levert de hulp?"],
    "agb-aanbieder": ["AGB-code van de zorgaanbieder (8 cijfers)", "Wat is de AGB-code van uw organisatie?"],
    "telefoon-aanbieder": ["Telefoonnummer van de organisatie"],
    "naam-consulent": ["Naam van de jeugdconsulent van de gemeente", "Wie is de casemanager?"],
    "telefoon-consulent": ["Telefoonnummer van de consulent"],
    "email-consulent": ["E-mailadres van de casemanager"],
    "naam-behandelaar": ["Naam van de regiebehandelaar", "Wie is de behandelaar?"],
    "telefoon-behandelaar": ["Telefoonnummer van de hulpverlener"],
    "email-behandelaar": ["E-mailadres van de behandelaar"],
    "productcode": ["Welke productcode is van toepassing?", "Productcode (5 cijfers, zie productcodelijst)"],
    "productcategorie": ["Welke productcategorie?", "Productcategorie (2 cijfers)"],
    "aantal-clienten": ["Hoeveel cliënten waren in zorg?", "Aantal cliënten in zorg op de peildatum"],
    "aantal-wachtlijst": ["Hoeveel jeugdigen staan op de wachtlijst?", "Aantal aanmeldingen op de wachtlijst"],
    "wachttijd": ["Hoe lang is de gemiddelde wachttijd (in weken)?"],
    "datum-melding": ["Op welke datum is de melding gedaan?", "Datum van melden"],
    "datum-incident": ["Op welke datum vond het incident plaats?", "Datum waarop het incident gebeurde"],
    "registratiedatum": ["Datum waarop de cliënt is ingeschreven", "Datum van inschrijving"],
    "peildatum": ["Op welke datum zijn de gegevens gepeild?"],
    "omschrijving-incident": ["Beschrijf wat er is gebeurd", "Omschrijving van het voorval"],
    "soort-incident": ["Wat voor soort incident betreft het?", "Soort voorval"],
    "maatregelen": ["Welke maatregelen zijn er na het incident genomen?", "Genomen maatregelen naar aanleiding van het incident"],
    "diagnose": ["Is er een DSM-classificatie gesteld?", "Diagnose volgens DSM-5"],
    "startdatum-zorg": ["Op welke datum is de hulp gestart?", "Datum aanvang jeugdhulp"],
    "einddatum-zorg": ["Op welke datum is de hulp beëindigd?", "Datum einde hulpverlening"],
    "ingangsdatum-toewijzing": ["Per welke datum gaat de toewijzing in?"],
    "beschikkingsnummer": ["Wat is het nummer van de beschikking?", "Beschikkingsnummer (zie beschikking)"],
    "hulpvraag": ["Wat is de hulpvraag?", "Beschrijf de hulpvraag van het gezin"],
    "behandeldoelen": ["Welke doelen zijn er gesteld?", "Doelen van de behandeling"],
    "voortgang-doelen": ["Hoe staat het met de voortgang op de doelen?", "Voortgang ten opzichte van de doelen"],
    "geleverd-volume": ["Hoeveel uren zijn er geleverd?", "Aantal geleverde uren"],
    "geplande-uren": ["Hoeveel uren zijn er gepland?", "Aantal geplande uren"],
    "reden-beeindiging": ["Wat is de reden van beëindiging?", "Waarom is de hulp beëindigd?"],
    "datum-ondertekening": ["Datum van ondertekening", "Ondertekend op (datum)"],
    "handtekening": ["Handtekening van de gemachtigde"],
    "omzet": ["Wat was de omzet in deze periode?"],
    "fte": ["Hoeveel fte is ingezet?"],
    "verslagperiode": ["Over welke periode gaat dit verslag?"],
    "veiligheid": ["Zijn er zorgen over de veiligheid van het kind?"],
    "gezinssituatie": ["Beschrijf de gezinssituatie"],
    "school": ["Welke school bezoekt het kind?", "Naam van de school"],
    "verblijfsvorm": ["In welke vorm verblijft het kind?", "Verblijfsvorm (pleegzorg/gezinshuis/residentieel)"],
    "ernst": ["Hoe ernstig is de problematiek (1-5)?"],
}  # fmt: skip
# Concepts an iJw message carries (the truth of the in_standard flag).
IN_STANDARD = {
    "naam-jeugdige", "bsn-jeugdige", "geboortedatum-jeugdige", "naam-ouder",
    "geboortedatum-ouder", "productcode", "productcategorie", "startdatum-zorg",
    "einddatum-zorg", "ingangsdatum-toewijzing", "beschikkingsnummer", "geleverd-volume",
    "reden-beeindiging", "naam-verwijzer",  # JW315 Verwijzer: type, naam, zorgverlenercode
}  # fmt: skip
# Local questions: each asked by one municipality only.
LOCAL = [
    ("Heeft het gezin huisdieren?", "boolean"), ("Lidmaatschap sportvereniging", "text"),
    ("Vervoer naar de locatie geregeld", "boolean"), ("Religieuze achtergrond", "text"),
    ("Voorkeur voor vrouwelijke hulpverlener", "boolean"), ("Aantal verhuizingen afgelopen jaar", "number"),
    ("Bereikbaarheid met openbaar vervoer", "text"), ("Schuldhulpverlening betrokken", "boolean"),
    ("Deelname aan buurtproject", "boolean"), ("Gebruik van tolkdiensten", "boolean"),
    ("Zakgeldregeling afgesproken", "boolean"), ("Bijzonderheden mantelzorg", "text"),
]  # fmt: skip

# Forms: (suffix, title, purpose, frequency, sections) with sections as
# (entity or topic, concepts); a municipality picks some of each section's concepts.
FORMS: list[tuple[str, str, str, dict[str, str], list[tuple[str, list[str]]]]] = [
    ("aanvraag", "Aanvraag jeugdhulp", "toewijzing", {"per": "client", "at": "start"}, [
        ("jeugdige", ["naam-jeugdige", "voornaam-jeugdige", "bsn-jeugdige", "geboortedatum-jeugdige", "adres-jeugdige"]),
        ("ouder", ["naam-ouder", "voornaam-ouder", "telefoon-ouder", "email-ouder", "bsn-ouder", "geboortedatum-ouder", "adres-ouder"]),
        ("verwijzer", ["naam-verwijzer", "agb-verwijzer", "registratiedatum"]),
        ("zorg", ["hulpvraag", "diagnose", "productcode", "productcategorie", "geplande-uren", "ingangsdatum-toewijzing", "gezinssituatie", "school", "veiligheid", "verblijfsvorm", "ernst"]),
        ("aanbieder", ["naam-aanbieder", "agb-aanbieder", "telefoon-aanbieder"]),
        ("ondertekening", ["datum-ondertekening", "handtekening"]),
    ]),
    ("voortgang", "Voortgangsverslag", "verantwoording", {"per": "client", "every": "3 months"}, [
        ("jeugdige", ["naam-jeugdige", "bsn-jeugdige", "geboortedatum-jeugdige"]),
        ("zorg", ["beschikkingsnummer", "behandeldoelen", "voortgang-doelen", "geleverd-volume", "startdatum-zorg", "veiligheid", "ernst"]),
        ("behandelaar", ["naam-behandelaar", "telefoon-behandelaar", "email-behandelaar"]),
        ("consulent", ["naam-consulent", "telefoon-consulent", "email-consulent"]),
        ("ondertekening", ["datum-ondertekening", "handtekening"]),
    ]),
    ("incident", "Melding incident", "melding", {"per": "client", "at": "change"}, [
        ("jeugdige", ["naam-jeugdige", "bsn-jeugdige", "geboortedatum-jeugdige"]),
        ("incident", ["datum-melding", "datum-incident", "omschrijving-incident", "soort-incident", "maatregelen"]),
        ("aanbieder", ["naam-aanbieder", "agb-aanbieder", "telefoon-aanbieder"]),
        ("consulent", ["naam-consulent", "email-consulent"]),
    ]),
    ("productie", "Productieverantwoording", "verantwoording", {"per": "provider", "every": "3 months"}, [
        ("aanbieder", ["naam-aanbieder", "agb-aanbieder"]),
        ("cijfers", ["aantal-clienten", "aantal-wachtlijst", "wachttijd", "peildatum", "omzet", "fte", "verslagperiode", "productcategorie"]),
        ("ondertekening", ["datum-ondertekening", "handtekening"]),
    ]),
    ("einde", "Afsluiting jeugdhulp", "evaluatie", {"per": "client", "at": "end"}, [
        ("jeugdige", ["naam-jeugdige", "bsn-jeugdige"]),
        ("zorg", ["einddatum-zorg", "reden-beeindiging", "voortgang-doelen", "geleverd-volume", "productcode", "startdatum-zorg"]),
        ("behandelaar", ["naam-behandelaar"]),
    ]),
]  # fmt: skip
TEMPLATES = ["{a} {e}", "{a} van de {e}", "{e}: {a}", "{a} ({e})", "{e} - {a}", "{a} {e}"]
NUMBERING = ["{n}. ", "({n}) ", "Vraag {n}: ", "{n}) ", "{n}.{m} "]
# Framing that forms put around a question, with words the matcher's lexicon does not know.
FRAMES = [
    "Vul hier {l} in", "{l} (svp invullen)", "{l}, indien bekend", "Graag {l} vermelden",
    "Betreffende {l}", "Actuele {l}", "{l} opgeven", "Noteer {l}", "{l} (eventueel)",
]  # fmt: skip


def concept_type(concept: str) -> str:  # noqa: D103
    if concept in WHOLE:
        return WHOLE[concept][0]
    return ATTRIBUTES[concept.split("-", 1)[0]][0]


def typo(text: str, rng: random.Random) -> str:
    words = text.split()
    long = [i for i, w in enumerate(words) if len(w) >= 7 and w.isalpha()]
    if not long:
        return text
    i = rng.choice(long)
    word = words[i]
    j = rng.randrange(1, len(word) - 2)
    if rng.random() < 0.5:
        word = word[:j] + word[j + 1] + word[j] + word[j + 2 :]  # swap two letters
    else:
        word = word[:j] + word[j + 1 :]  # drop one
    words[i] = word
    return " ".join(words)


def wording(concept: str, section: str, rng: random.Random) -> tuple[str, str | None, bool]:
    """(label, help, bare): bare labels leave the entity to the section or the help."""
    if concept in WHOLE:
        return rng.choice(WHOLE[concept][1]), None, False
    attribute, entity = concept.split("-", 1)
    words = ATTRIBUTES[attribute][1]
    if section == entity and rng.random() < 0.45:
        label = rng.choice(words)
        help_text = None
        if rng.random() < 0.3:
            help_text = f"{words[0]} van de {ENTITIES[entity][0]}"
        return label, help_text, True
    template = rng.choice(TEMPLATES)
    label = template.format(a=rng.choice(words), e=rng.choice(ENTITIES[entity]))
    return label[0].upper() + label[1:], None, False


def build(
    municipalities: int, seed: int = 14
) -> tuple[dict[str, dict[str, object]], dict[str, str]]:
    rng = random.Random(seed)
    forms: dict[str, dict[str, object]] = {}
    truth: dict[str, str] = {}
    local_owner = {i: rng.randrange(municipalities) for i in range(len(LOCAL))}
    for number in range(municipalities):
        code = f"GM{9100 + number}"
        id_style = rng.choice(["plain", "section", "opaque", "section", "camel"])
        asks = rng.random() < 0.3  # this municipality words its fields as questions
        for suffix, title, purpose, frequency, sections in FORMS:
            if rng.random() < 0.15:
                continue  # not every municipality has every form
            form_id = f"{code.lower()}-{suffix}"
            fields: list[dict[str, object]] = []
            counter = 0
            for s_index, (section, concepts) in enumerate(sections, start=1):
                picked = [c for c in concepts if rng.random() < 0.7]
                if suffix == "aanvraag" and section == "zorg":
                    picked += [f"local-{i}" for i, owner in local_owner.items() if owner == number]
                if picked and rng.random() < 0.1:
                    picked.append(rng.choice(picked))  # asked twice on one form
                section_word = rng.choice(SECTION_WORDS.get(section, [section]))
                for f_index, concept in enumerate(picked, start=1):
                    counter += 1
                    if concept.startswith("local-"):
                        label, kind = LOCAL[int(concept[6:])]
                        help_text, bare, fmt = None, False, None
                    else:
                        label, help_text, bare = wording(concept, section, rng)
                        if asks and concept in QUESTIONS and rng.random() < 0.7:
                            label, help_text, bare = rng.choice(QUESTIONS[concept]), None, False
                        kind = concept_type(concept)
                        formats = WHOLE[concept][2] if concept in WHOLE else [None]
                        fmt = rng.choice(formats)
                    if id_style == "plain" or (bare and id_style == "opaque" and not help_text):
                        # A bare label needs its section somewhere: the id carries it.
                        field_id = f"{section_word}-{counter:02d}" if bare else f"v{counter:02d}"
                    elif id_style == "section":
                        field_id = f"{section_word}_{f_index}"
                    elif id_style == "camel":
                        words = (section_word.replace("-", " ") + " " + concept).split("-")
                        parts = " ".join(words).split()
                        field_id = parts[0] + "".join(p.title() for p in parts[1:3])
                    else:
                        field_id = f"s{s_index}.{f_index}"
                    if not bare and rng.random() < 0.08:
                        label = typo(label, rng)
                    if not bare and rng.random() < 0.12 and not label.endswith("?"):
                        frame = rng.choice(FRAMES)
                        text = label[0].lower() + label[1:] if frame[0] != "{" else label
                        label = frame.format(l=text)
                        label = label[0].upper() + label[1:]
                    if rng.random() < 0.2:
                        label = rng.choice(NUMBERING).format(n=counter, m=f_index) + label
                    if rng.random() < 0.2 and not label.endswith("?"):
                        label += ":"
                    while any(f["id"] == field_id for f in fields):
                        field_id += "b"
                    item: dict[str, object] = {
                        "id": field_id,
                        "label": label,
                        "type": kind,
                        "required": rng.random() > 0.25,
                    }
                    if fmt is not None:
                        item["format"] = fmt
                    if help_text:
                        item["help"] = help_text
                    fields.append(item)
                    truth[f"{form_id}/{field_id}"] = concept
            if not fields:
                continue
            forms[form_id] = {
                "schema": "regeldruk/form@1",
                "id": form_id,
                "municipality": code,
                "title": f"{title} {code}",
                "purpose": purpose,
                "frequency": frequency,
                "example": True,
                "fields": fields,
            }
    return forms, truth


def write(target: Path, municipalities: int, seed: int = 14) -> tuple[int, int]:
    """Write DIR/forms and DIR/truth.json; returns (forms, fields)."""
    forms, truth = build(municipalities, seed)
    catalogue = target / "forms"
    if catalogue.exists():
        shutil.rmtree(catalogue)
    catalogue.mkdir(parents=True)
    for form_id, form in forms.items():
        (catalogue / f"{form_id}.yaml").write_text(
            yaml.safe_dump(form, sort_keys=False, allow_unicode=True, width=100), encoding="utf-8"
        )
    shutil.copytree(ROOT / "forms" / "standaard", catalogue / "standaard")
    payload = {"fields": truth, "in_standard": sorted(IN_STANDARD)}
    (target / "truth.json").write_text(json.dumps(payload, indent=1, sort_keys=True) + "\n")
    return len(forms), len(truth)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("target", type=Path)
    parser.add_argument("--municipalities", type=int, default=40)
    parser.add_argument("--seed", type=int, default=14)
    args = parser.parse_args()
    forms, fields = write(args.target, args.municipalities, args.seed)
    print(f"{forms} formulieren, {fields} velden in {args.target}")


if __name__ == "__main__":
    main()
