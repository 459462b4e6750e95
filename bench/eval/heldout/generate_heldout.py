"""Generate the frozen held-out forms catalogue for the concept matcher (issue #14).

This catalogue is a TEST SET. It is written by a procedure independent of the matcher's
lexicon and of the example generator (scripts/generate_example_forms.py, which this file
never imports or reads): its wordings come from real Dutch municipal forms (the Open Forms
exports of Nijmegen in shared/reference), the iJw element names, and the way youth-care
forms are worded in practice. Every field carries its true concept, decided by the answer
it asks for (same answer = same concept).

Deterministic: the same seed and size give byte-identical files, and municipality GM95xx
comes out the same whatever the size (the 40 catalogue is the first 40 of the 342 one).

    python bench/eval/heldout/generate_heldout.py                       # forms-40 + truth-40
    python bench/eval/heldout/generate_heldout.py --municipalities 342 -o DIR

Only the standard library and PyYAML, so that it runs without the package installed.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import sys
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml

SEED = "heldout-1"  # the frozen seed: change it only with a note in README.md
FIRST_CODE = 9500
LAST_CODE = 9899
HERE = Path(__file__).resolve().parent

# ---------------------------------------------------------------------------------------
# Concepts: the answer a field asks for. Labels marked with "?" are questions; {uw}, {u},
# {Heeft u} ... are filled in formally ("u") or informally ("je") per municipality.
# `bare` holds section-only wordings ("Naam", "Datum") that mean this concept only under
# the heading of that section.
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Concept:
    name: str
    labels: tuple[str, ...]
    types: tuple[tuple[str, int], ...]
    bare: dict[str, tuple[str, ...]] = field(default_factory=dict)
    help: tuple[str, ...] = ()
    options: tuple[tuple[str, ...], ...] = ()
    formats: tuple[str | None, ...] = ()
    required: float = 0.8


CONCEPTS: dict[str, Concept] = {}


def concept(
    name: str,
    labels: list[str],
    types: dict[str, int],
    *,
    bare: dict[str, list[str]] | None = None,
    help: list[str] | None = None,
    options: list[list[str]] | None = None,
    formats: list[str | None] | None = None,
    required: float = 0.8,
) -> None:
    assert name not in CONCEPTS, name
    CONCEPTS[name] = Concept(
        name=name,
        labels=tuple(labels),
        types=tuple(types.items()),
        bare={key: tuple(value) for key, value in (bare or {}).items()},
        help=tuple(help or ()),
        options=tuple(tuple(o) for o in options or ()),
        formats=tuple(formats or ()),
        required=required,
    )


DATE_FORMATS: list[str | None] = [None, None, "DD-MM-JJJJ", "dd-mm-jjjj", "JJJJ-MM-DD", "d-m-jjjj"]
PHONE_FORMATS: list[str | None] = [None, None, "06-12345678", "10 cijfers", "+31 6 12345678"]
YES_NO = [["Ja", "Nee"], ["ja", "nee"], ["Ja", "Nee", "Onbekend"], ["Ja", "Nee", "N.v.t."]]

# -- the child (jeugdige / cliënt) -------------------------------------------------------
concept(
    "child-bsn",
    [
        "BSN jeugdige",
        "BSN cliënt",
        "Burgerservicenummer van het kind",
        "Burgerservicenummer jeugdige",
        "BSN van de jeugdige",
        "BSN kind",
        "Burgerservicenummer (BSN) van de cliënt",
        "BSN-nummer jeugdige",
        "Cliënt BSN",
        "BSN jongere",
        "Wat is het BSN van de jeugdige?",
        "Burgerservicenummer jeugdige/cliënt",
    ],
    {"bsn": 6, "text": 2, "number": 1, "code": 1},
    bare={"jeugdige": ["BSN", "Burgerservicenummer", "BSN-nummer", "BSN (9 cijfers)"]},
    help=[
        "Het BSN staat op het paspoort, de ID-kaart of de zorgpas.",
        "9 cijfers, zonder punten of spaties",
        "Het burgerservicenummer van de jeugdige voor wie de hulp bedoeld is",
    ],
    formats=[None, None, "9 cijfers", "#########"],
    required=0.97,
)
concept(
    "child-name",
    [
        "Naam jeugdige",
        "Naam cliënt",
        "Naam van het kind",
        "Achternaam en voorletters jeugdige",
        "Volledige naam jeugdige",
        "Naam jongere",
        "Voor- en achternaam van de jeugdige",
        "Wat is de naam van de jeugdige?",
        "Naam kind",
        "Cliëntnaam",
        "Name of the child",
    ],
    {"text": 1},
    bare={"jeugdige": ["Naam", "Volledige naam", "Voor- en achternaam", "Achternaam"]},
    help=["Zoals vermeld in de BRP", "Voornaam en achternaam"],
    required=0.9,
)
concept(
    "child-birth-date",
    [
        "Geboortedatum jeugdige",
        "Geboortedatum cliënt",
        "Geboortedatum van het kind",
        "Wanneer is de jeugdige geboren?",
        "Geboortedatum kind",
        "Geboortedatum jongere",
        "Wat is de geboortedatum van de cliënt?",
    ],
    {"date": 8, "text": 1},
    bare={"jeugdige": ["Geboortedatum", "Geboren op"]},
    help=[
        "Een ambulant jeugdproduct kan worden aangevraagd tot de jeugdige 18 jaar is.",
        "Vul de datum in als dd-mm-jjjj",
    ],
    formats=DATE_FORMATS,
    required=0.85,
)
concept(
    "child-gender",
    [
        "Geslacht jeugdige",
        "Geslacht van het kind",
        "Geslacht cliënt",
        "Gender jeugdige",
        "Wat is het geslacht van de jeugdige?",
    ],
    {"choice": 6, "code": 2, "text": 1},
    bare={"jeugdige": ["Geslacht", "Gender", "M/V/X"]},
    options=[
        ["Man", "Vrouw", "Onbekend"],
        ["Jongen", "Meisje", "Anders"],
        ["M", "V", "X"],
        ["Mannelijk", "Vrouwelijk", "Niet gespecificeerd"],
    ],
    required=0.6,
)
concept(
    "child-address",
    [
        "Adres jeugdige",
        "Woonadres van de jeugdige",
        "Straat en huisnummer jeugdige",
        "Adres cliënt",
        "Op welk adres woont de jeugdige?",
        "Woonadres kind",
    ],
    {"text": 1},
    bare={"jeugdige": ["Adres", "Straat en huisnummer", "Woonadres"]},
    help=["Het adres waar de jeugdige staat ingeschreven"],
    required=0.7,
)
concept(
    "child-postcode",
    ["Postcode jeugdige", "Postcode woonadres jeugdige", "Postcode cliënt", "Postcode kind"],
    {"text": 1},
    bare={"jeugdige": ["Postcode"]},
    formats=[None, "1234 AB", "1234AB"],
    required=0.7,
)
concept(
    "child-residence",
    [
        "Woonplaats jeugdige",
        "Woonplaats cliënt",
        "In welke plaats woont de jeugdige?",
        "Woonplaats kind",
        "Plaats van inschrijving jeugdige",
    ],
    {"text": 1},
    bare={"jeugdige": ["Woonplaats", "Plaats"]},
    required=0.7,
)
concept(
    "responsible-municipality",
    [
        "Welke gemeente is verantwoordelijk volgens het woonplaatsbeginsel?",
        "Gemeente woonplaatsbeginsel",
        "Verantwoordelijke gemeente (woonplaatsbeginsel)",
        "Woonplaatsbeginsel: gemeente",
        "Gemeente waar de gezaghebbende ouder woont (woonplaatsbeginsel)",
    ],
    {"text": 3, "choice": 1},
    options=[["Deze gemeente", "Andere gemeente in de regio", "Gemeente buiten de regio"]],
    help=["Zie de rekentool woonplaatsbeginsel van de VNG"],
    required=0.8,
)
concept(
    "child-school",
    [
        "School of dagbesteding",
        "Naam school jeugdige",
        "Welke school bezoekt de jeugdige?",
        "School / opleiding",
        "Onderwijs: naam school",
        "Op welke school zit het kind?",
    ],
    {"text": 1},
    bare={"jeugdige": ["School"]},
    required=0.4,
)
concept(
    "child-phone",
    [
        "Telefoonnummer jeugdige",
        "Mobiel nummer van de jongere",
        "Telefoonnummer jeugdige (vanaf 16 jaar)",
        "Telefoonnummer cliënt",
        "Op welk nummer is de jongere zelf bereikbaar?",
    ],
    {"text": 1},
    bare={"jeugdige": ["Telefoonnummer", "Mobiel", "Telefoon"]},
    formats=PHONE_FORMATS,
    required=0.3,
)

# -- the parent / legal representative --------------------------------------------------
concept(
    "parent-name",
    [
        "Naam ouder/verzorger",
        "Naam gezaghebbende ouder",
        "Naam ouder(s)",
        "Naam moeder/vader/voogd",
        "Naam wettelijk vertegenwoordiger",
        "Wat is de naam van de ouder of verzorger?",
        "Achternaam ouder/verzorger",
        "Naam ouder 1",
        "Naam van de gezagsdrager",
    ],
    {"text": 1},
    bare={"ouder": ["Naam", "Voor- en achternaam", "Achternaam"]},
    required=0.75,
)
concept(
    "parent-bsn",
    [
        "BSN ouder/verzorger",
        "BSN gezaghebbende ouder",
        "Burgerservicenummer ouder",
        "BSN van de ouder",
        "Burgerservicenummer van de wettelijk vertegenwoordiger",
        "BSN ouder 1",
    ],
    {"bsn": 5, "text": 2, "number": 1},
    bare={"ouder": ["BSN", "Burgerservicenummer"]},
    formats=[None, None, "9 cijfers"],
    required=0.6,
)
concept(
    "parent-birth-date",
    [
        "Geboortedatum ouder/verzorger",
        "Geboortedatum gezaghebbende",
        "Geboortedatum van de ouder",
        "Geboortedatum ouder 1",
    ],
    {"date": 5, "text": 1},
    bare={"ouder": ["Geboortedatum", "Geboren op"]},
    formats=DATE_FORMATS,
    required=0.5,
)
concept(
    "parent-phone",
    [
        "Telefoonnummer ouder/verzorger",
        "Telefoonnummer ouders",
        "Telefoonnummer van de ouder",
        "Mobiel nummer ouder/voogd",
        "Op welk nummer is de ouder bereikbaar?",
        "Telefoon gezin",
        "Telefoonnummer gezaghebbende",
        "Phone number parent",
    ],
    {"text": 1},
    bare={"ouder": ["Telefoonnummer", "Telefoon", "Mobiel nummer", "Phone number"]},
    formats=PHONE_FORMATS,
    required=0.7,
)
concept(
    "parent-email",
    [
        "E-mailadres ouder/verzorger",
        "E-mailadres ouders",
        "E-mail van de ouder",
        "Mailadres gezaghebbende ouder",
    ],
    {"text": 1},
    bare={"ouder": ["E-mailadres", "E-mail", "Email address"]},
    required=0.4,
)
concept(
    "parent-relation",
    [
        "Relatie tot de jeugdige",
        "Wat is de relatie tot het kind?",
        "Relatie ouder/verzorger tot jeugdige",
        "Soort relatie",
        "Wat is uw relatie tot de jeugdige?",
    ],
    {"choice": 4, "text": 1},
    bare={"ouder": ["Relatie", "Relatie tot kind"]},
    options=[
        ["Moeder", "Vader", "Voogd", "Pleegouder", "Anders"],
        ["Ouder", "Stiefouder", "Pleegouder", "Voogd"],
        ["Biologische ouder", "Adoptieouder", "Pleegouder", "Gezinshuisouder", "Anders, namelijk"],
    ],
    required=0.6,
)
concept(
    "legal-custody",
    [
        "Wie heeft het gezag?",
        "Gezag",
        "Gezagsdrager(s)",
        "Wie is of zijn gezaghebbend?",
        "Juridische situatie: gezag",
        "Gezagssituatie",
        "Wie oefent het ouderlijk gezag uit?",
    ],
    {"choice": 4, "text": 1},
    options=[
        ["Beide ouders", "Moeder", "Vader", "Voogd (GI)", "Anders"],
        ["Ouders samen", "Eén ouder", "Gecertificeerde instelling", "Jeugdige is meerderjarig"],
        ["Gezamenlijk gezag", "Eenhoofdig gezag", "Voogdij"],
    ],
    help=["Bij twijfel: raadpleeg het gezagsregister"],
    required=0.6,
)

# -- the referrer (verwijzer) -------------------------------------------------------------
concept(
    "referrer-type",
    [
        "Verwijzer",
        "Soort verwijzer",
        "Wie heeft verwezen?",
        "Type verwijzer",
        "Verwezen door",
        "Verwijzer (code)",
        "Door wie is de jeugdige verwezen?",
    ],
    {"choice": 5, "code": 1},
    bare={"verwijzer": ["Soort", "Type", "Verwezen door"]},
    options=[
        ["Gemeente", "Huisarts", "Jeugdarts", "Gecertificeerde instelling", "Medisch specialist"],
        ["Wijkteam/gemeente", "Huisarts", "Jeugdarts", "GI", "Rechter/OvJ", "Medisch specialist"],
        ["01 Gemeente", "02 Huisarts", "03 Jeugdarts", "04 Gecertificeerde instelling"],
        ["Lokaal team", "Huisarts", "Jeugdarts", "Medisch specialist", "Geen verwijzer"],
    ],
    required=0.85,
)
concept(
    "referrer-name",
    [
        "Naam verwijzer",
        "Naam huisarts / verwijzer",
        "Verwijzer: naam",
        "Naam van de verwijzende professional",
        "Wie is de verwijzer (naam)?",
        "Naam verwijzend arts",
        "Naam van de huisarts of jeugdarts die verwijst",
    ],
    {"text": 1},
    bare={"verwijzer": ["Naam", "Naam professional"]},
    required=0.6,
)
concept(
    "referrer-agb",
    [
        "AGB-code verwijzer",
        "AGB verwijzer",
        "AGB-code van de verwijzer",
        "Zorgverlenerscode (AGB) verwijzer",
        "AGB-code huisarts",
        "Verwijzer AGB-code",
        "AGB code verwijzend arts",
        "Wat is de AGB-code van de verwijzer?",
    ],
    {"code": 5, "text": 3, "number": 1},
    bare={"verwijzer": ["AGB-code", "AGB", "Zorgverlenerscode"]},
    help=[
        "8 cijfers; staat op de verwijsbrief",
        "AGB-code van de huisarts, jeugdarts of specialist",
    ],
    formats=[None, None, "8 cijfers", "01234567"],
    required=0.6,
)
concept(
    "referral-date",
    [
        "Datum verwijzing",
        "Verwijsdatum",
        "Datum verwijsbrief",
        "Wanneer is de jeugdige verwezen?",
        "Datum van de verwijzing",
        "Op welke datum is verwezen?",
    ],
    {"date": 5, "text": 1},
    bare={"verwijzer": ["Datum", "Datum brief"]},
    formats=DATE_FORMATS,
    required=0.6,
)
concept(
    "referral-letter",
    [
        "Verwijsbrief",
        "Verwijzing (bijlage)",
        "Upload de verwijsbrief",
        "Kopie verwijzing huisarts/jeugdarts",
        "Bijlage: verwijzing",
        "Voeg de verwijzing toe",
    ],
    {"file": 1},
    help=["Toegestaan zijn .pdf, .jpg en .png tot 20 MB"],
    required=0.5,
)

# -- the provider (zorgaanbieder) ---------------------------------------------------------
concept(
    "provider-name",
    [
        "Naam zorgaanbieder",
        "Naam jeugdhulpaanbieder",
        "Naam aanbieder",
        "Naam organisatie",
        "Zorgaanbieder",
        "Naam van {uw} organisatie",
        "Organisatienaam",
        "Aanbieder (naam)",
        "Naam instelling",
        "Naam organisatie of bedrijf",
    ],
    {"text": 1},
    bare={"aanbieder": ["Naam", "Naam organisatie", "Organisatie"]},
    required=0.9,
)
concept(
    "provider-agb",
    [
        "AGB-code zorgaanbieder",
        "AGB-code aanbieder",
        "AGB code organisatie",
        "AGB-code van {uw} organisatie",
        "Wat is {uw} AGB-code?",
        "Praktijk- of instellingscode (AGB)",
        "AGB-code instelling",
        "AGB zorgaanbieder",
        "Zorgaanbiedercode (AGB)",
        "AGB-code jeugdhulpaanbieder",
    ],
    {"code": 5, "text": 3, "number": 1},
    bare={"aanbieder": ["AGB-code", "AGB", "AGB code"]},
    help=[
        "De AGB-code waaronder u declareert (8 cijfers)",
        "Zie het AGB-register van Vektis",
    ],
    formats=[None, None, "8 cijfers", "12345678"],
    required=0.85,
)
concept(
    "provider-kvk",
    [
        "KvK-nummer",
        "KvK nummer aanbieder",
        "Inschrijfnummer Kamer van Koophandel",
        "KvK inschrijfnummer",
        "Kamer van Koophandel-nummer",
    ],
    {"text": 3, "number": 1},
    bare={"aanbieder": ["KvK-nummer", "KvK"]},
    formats=[None, "8 cijfers"],
    required=0.7,
)
concept(
    "provider-iban",
    [
        "IBAN",
        "IBAN waarop betaald moet worden",
        "Rekeningnummer (IBAN) zorgaanbieder",
        "Bankrekeningnummer",
        "IBAN t.n.v. organisatie",
    ],
    {"text": 1},
    bare={"aanbieder": ["IBAN", "Rekeningnummer"]},
    formats=[None, "NL99BANK0123456789"],
    required=0.8,
)
concept(
    "provider-contact-name",
    [
        "Naam contactpersoon zorgaanbieder",
        "Contactpersoon aanbieder",
        "Naam contactpersoon",
        "Contactpersoon voor deze melding",
        "Wie is de contactpersoon bij de aanbieder?",
        "Naam contactpersoon organisatie",
        "Contactpersoon (naam)",
    ],
    {"text": 1},
    bare={"aanbieder": ["Contactpersoon", "Naam contactpersoon"]},
    required=0.6,
)
concept(
    "provider-contact-phone",
    [
        "Telefoonnummer contactpersoon",
        "Telefoonnummer contactpersoon aanbieder",
        "Telefoonnummer zorgaanbieder",
        "Telefonisch bereikbaar op",
        "Telefoon aanbieder",
    ],
    {"text": 1},
    bare={"aanbieder": ["Telefoonnummer", "Telefoon"]},
    formats=PHONE_FORMATS,
    required=0.6,
)
concept(
    "provider-contact-email",
    [
        "E-mailadres contactpersoon",
        "E-mail zorgaanbieder",
        "E-mailadres aanbieder",
        "Mailadres voor correspondentie",
        "E-mailadres (hier sturen wij de reactie naartoe)",
    ],
    {"text": 1},
    bare={"aanbieder": ["E-mailadres", "E-mail"]},
    help=["De reactie van de gemeente wordt naar dit e-mailadres gestuurd"],
    required=0.6,
)
concept(
    "provider-reference",
    [
        "Referentie aanbieder",
        "Eigen referentie",
        "{Uw} kenmerk",
        "Dossiernummer zorgaanbieder",
        "Cliëntnummer bij de aanbieder",
        "Intern cliëntnummer",
        "Referentienummer aanbieder",
        "{Uw} dossiernummer",
    ],
    {"text": 1},
    bare={"aanbieder": ["Referentie", "Kenmerk", "Dossiernummer"]},
    help=["Uw eigen nummer voor deze cliënt; wij vermelden het in onze reactie"],
    required=0.4,
)

# -- numbers the municipality gives -------------------------------------------------------
concept(
    "municipal-case-number",
    [
        "Zaaknummer gemeente",
        "Dossiernummer gemeente",
        "Kenmerk gemeente",
        "Ons kenmerk",
        "Registratienummer toegang",
        "Zaaknummer (staat op de brief van de gemeente)",
        "Dossiernummer wijkteam",
    ],
    {"text": 1},
    bare={"gemeente": ["Zaaknummer", "Kenmerk", "Dossiernummer"]},
    required=0.5,
)
concept(
    "allocation-number",
    [
        "Toewijzingsnummer",
        "Toewijzingnummer",
        "Nummer toewijzing",
        "Toewijzingsnummer (uit JW301)",
        "Nummer van de toewijzing",
        "Toewijzings-ID",
    ],
    {"text": 3, "number": 1, "code": 1},
    help=["Het nummer uit het toewijzingsbericht (JW301)"],
    required=0.8,
)
concept(
    "decision-number",
    [
        "Beschikkingsnummer",
        "Beschikking nummer",
        "Nummer beschikking",
        "Nummer van de beschikking",
        "Besluitnummer",
    ],
    {"text": 3, "number": 1},
    help=["Staat rechtsboven op de beschikking"],
    required=0.7,
)

# -- the municipality's caseworker --------------------------------------------------------
concept(
    "caseworker-name",
    [
        "Naam consulent",
        "Naam consulent gemeente",
        "Casusregisseur",
        "Naam jeugdconsulent",
        "Contactpersoon gemeente",
        "Naam casemanager gemeente",
        "Naam medewerker toegang",
        "Wie is de consulent van de gemeente?",
        "Naam regisseur wijkteam",
        "Consulent jeugd (naam)",
    ],
    {"text": 1},
    bare={"gemeente": ["Naam", "Naam consulent", "Consulent"]},
    required=0.5,
)
concept(
    "caseworker-phone",
    [
        "Telefoonnummer consulent",
        "Telefoonnummer contactpersoon gemeente",
        "Telefoonnummer toegangsmedewerker",
        "Tel. consulent",
    ],
    {"text": 1},
    bare={"gemeente": ["Telefoonnummer", "Telefoon"]},
    formats=PHONE_FORMATS,
    required=0.4,
)
concept(
    "municipal-team",
    [
        "Welk wijkteam is betrokken?",
        "Naam wijkteam / lokaal team",
        "Betrokken sociaal team",
        "Lokaal team",
        "Jeugdteam",
        "Welk lokaal team heeft de aanvraag gedaan?",
    ],
    {"text": 2, "choice": 1},
    bare={"gemeente": ["Team", "Wijkteam"]},
    options=[["Team Noord", "Team Zuid", "Team Oost", "Team West", "Team Centrum"]],
    required=0.5,
)

# -- the practitioner at the provider -----------------------------------------------------
concept(
    "practitioner-name",
    [
        "Naam behandelaar",
        "Naam regiebehandelaar",
        "Naam hulpverlener",
        "Naam jeugdhulpverlener",
        "Uitvoerend professional",
        "Naam begeleider",
        "Verantwoordelijk behandelaar",
        "Naam mentor / begeleider",
        "Wie is de hoofdbehandelaar?",
        "Naam casemanager zorgaanbieder",
    ],
    {"text": 1},
    bare={"behandelaar": ["Naam", "Naam professional"]},
    required=0.7,
)
concept(
    "practitioner-registration",
    [
        "SKJ- of BIG-registratienummer",
        "Registratienummer SKJ/BIG behandelaar",
        "BIG-nummer",
        "SKJ-nummer",
        "Registratie (SKJ/BIG)",
        "Kwaliteitsregister: registratienummer",
        "SKJ/BIG registratie behandelaar",
    ],
    {"text": 5, "number": 1, "code": 1},
    bare={"behandelaar": ["Registratienummer", "SKJ/BIG-nummer"]},
    help=["De behandelaar moet geregistreerd zijn (norm van de verantwoorde werktoedeling)"],
    required=0.6,
)

# -- what the help is about ---------------------------------------------------------------
concept(
    "help-request",
    [
        "Hulpvraag",
        "Wat is de hulpvraag?",
        "Omschrijving hulpvraag",
        "Aanleiding voor de aanvraag",
        "Reden van aanmelding",
        "Wat is de reden van de aanmelding?",
        "Beschrijf de hulpvraag van de jeugdige en het gezin",
        "Probleemomschrijving",
        "Huidige situatie en hulpvraag",
        "Wat is de vraag of het probleem?",
    ],
    {"text": 1},
    help=["Beschrijf dit zo duidelijk en compleet mogelijk"],
    required=0.9,
)
concept(
    "diagnosis",
    [
        "Diagnose (DSM-5)",
        "DSM-classificatie",
        "Classificatie volgens DSM",
        "Is er een diagnose gesteld? Zo ja, welke?",
        "Diagnose",
        "DSM-5 classificatie / diagnose",
        "Hoofddiagnose",
    ],
    {"text": 4, "code": 1},
    required=0.5,
)
concept(
    "product-code",
    [
        "Productcode",
        "Product code",
        "Productcode (5 posities)",
        "Welk product vraagt {u} aan? (productcode)",
        "Code product",
        "Productcode volgens productcodelijst",
        "Gevraagd product (code)",
        "Productcode toewijzing",
    ],
    {"code": 5, "text": 3, "choice": 1},
    options=[["45A12", "45A13", "45A54", "54001", "43A05"], ["45A10", "45A11", "46001", "54002"]],
    help=[
        "Zie de productcodelijst van de regio",
        "De productcode uit de toewijzing, bijvoorbeeld 45A12",
    ],
    formats=[None, None, "5 tekens, bv. 45A12", "99X99"],
    required=0.85,
)
concept(
    "product-category",
    [
        "Productcategorie",
        "Product categorie",
        "Categorie jeugdhulp",
        "Zorgcategorie",
        "Om welke zorgcategorie gaat het?",
        "Productcategorie (2 cijfers)",
        "Hoofdcategorie product",
    ],
    {"choice": 5, "code": 3, "text": 1},
    options=[
        [
            "45 Jeugdhulp ambulant",
            "43 Jeugdhulp verblijf incl. behandeling",
            "54 Jeugd-ggz",
            "46 Jeugdhulp crisis",
            "41 Dagbehandeling",
        ],
        ["Ambulante jeugdhulp", "Jeugd-ggz", "Jeugdhulp met verblijf", "Crisis", "Dagbehandeling"],
        ["45", "43", "44", "46", "54"],
    ],
    formats=[None, "2 cijfers"],
    required=0.7,
)
concept(
    "planned-volume",
    [
        "Aantal uren per week",
        "Gevraagde omvang",
        "Omvang (aantal eenheden)",
        "Hoeveel uur hulp is nodig?",
        "Geplande inzet in uren",
        "Aangevraagde uren",
        "Omvang van de hulp",
        "Geplande uren komende periode",
        "Geïndiceerde omvang",
        "Aantal eenheden aangevraagd",
    ],
    {"number": 5, "text": 1},
    help=["Het aantal eenheden dat u voor de hele periode verwacht in te zetten"],
    required=0.8,
)
concept(
    "delivered-volume",
    [
        "Geleverde uren",
        "Gerealiseerde uren",
        "Aantal geleverde eenheden",
        "Geleverd volume",
        "Hoeveel uur is er daadwerkelijk geleverd?",
        "Gerealiseerde inzet (uren)",
        "Ingezette uren afgelopen periode",
        "Werkelijk aantal uren",
    ],
    {"number": 5, "text": 1},
    required=0.8,
)
concept(
    "unit",
    [
        "Eenheid",
        "Eenheid (uur/dagdeel/etmaal)",
        "Eenheid omvang",
        "In welke eenheid?",
        "Tijdseenheid",
    ],
    {"choice": 5, "code": 1},
    options=[
        ["Minuut", "Uur", "Dagdeel", "Etmaal", "Stuks"],
        ["uur", "dagdeel (4 uur)", "etmaal", "euro"],
        ["01 minuut", "04 uur", "14 etmaal", "16 dagdeel", "83 euro's"],
    ],
    required=0.8,
)
concept(
    "budget",
    [
        "Budget",
        "Gevraagd budget (€)",
        "Maximaal budget",
        "Totaalbedrag aanvraag",
        "Budget in euro's",
        "Hoeveel budget is nodig?",
        "Kosten traject (totaal)",
    ],
    {"number": 1},
    required=0.6,
)

# -- the invoice (declaratie) -------------------------------------------------------------
concept(
    "tariff",
    [
        "Tarief",
        "Tarief per eenheid",
        "Uurtarief",
        "Prijs per eenheid (€)",
        "Product tarief",
        "Tarief (€ per uur)",
        "Gehanteerd tarief",
    ],
    {"number": 1},
    formats=[None, "bedrag in euro's, 2 decimalen"],
    required=0.8,
)
concept(
    "claimed-amount",
    [
        "Gedeclareerd bedrag",
        "Ingediend bedrag",
        "Bedrag declaratieregel",
        "Bedrag (€)",
        "Te declareren bedrag",
        "Declaratiebedrag per cliënt",
        "Bedrag",
    ],
    {"number": 1},
    formats=[None, "bedrag in euro's, 2 decimalen"],
    required=0.9,
)
concept(
    "invoice-total",
    [
        "Totaalbedrag declaratie",
        "Totaal gedeclareerd bedrag",
        "Totaal factuur (€)",
        "Factuurbedrag totaal",
        "Totaal ingediend bedrag",
        "Totaalbedrag (alle regels samen)",
    ],
    {"number": 1},
    required=0.9,
)
concept(
    "invoice-number",
    [
        "Factuurnummer",
        "Declaratienummer",
        "Nummer factuur",
        "Declaratie nummer",
        "Factuur nr.",
        "{Uw} factuurnummer",
    ],
    {"text": 1},
    bare={"declaratie": ["Nummer"]},
    required=0.9,
)
concept(
    "invoice-date",
    ["Factuurdatum", "Datum factuur", "Dagtekening", "Declaratiedatum", "Dagtekening declaratie"],
    {"date": 1},
    bare={"declaratie": ["Datum"]},
    formats=DATE_FORMATS,
    required=0.9,
)
concept(
    "billing-period",
    [
        "Declaratieperiode",
        "Periode declaratie",
        "Over welke maand declareert {u}?",
        "Declaratiemaand",
        "Factuurperiode",
        "Periode (maand/jaar)",
    ],
    {"text": 3, "date": 2, "choice": 1},
    bare={"declaratie": ["Periode", "Maand"]},
    options=[["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus"]],
    formats=[None, "MM-JJJJ", "maand jaar"],
    required=0.9,
)

# -- dates of the report itself and its period --------------------------------------------
concept(
    "document-date",
    [
        "Datum rapportage",
        "Rapportagedatum",
        "Datum opstellen",
        "Datum van dit verslag",
        "Datum melding",
        "Datum invullen",
        "Datum zorgplan",
        "Opgesteld op",
    ],
    {"date": 6, "text": 1},
    bare={"rapportage": ["Datum", "Datum opgesteld"]},
    formats=DATE_FORMATS,
    required=0.8,
)
concept(
    "report-period-start",
    [
        "Rapportageperiode van",
        "Begin rapportageperiode",
        "Periode van",
        "Verslagperiode: startdatum",
        "Periode waarover gerapporteerd wordt (van)",
    ],
    {"date": 1},
    bare={"rapportage": ["Van", "Vanaf", "Begindatum"]},
    formats=DATE_FORMATS,
    required=0.8,
)
concept(
    "report-period-end",
    [
        "Rapportageperiode tot",
        "Einde rapportageperiode",
        "Periode tot en met",
        "Verslagperiode: einddatum",
        "Periode waarover gerapporteerd wordt (t/m)",
    ],
    {"date": 1},
    bare={"rapportage": ["Tot", "T/m", "Einddatum"]},
    formats=DATE_FORMATS,
    required=0.8,
)

# -- dates of care and allocation ---------------------------------------------------------
concept(
    "care-start-date",
    [
        "Startdatum zorg",
        "Begindatum zorg",
        "Datum start hulp",
        "Ingangsdatum zorg",
        "Wanneer is de hulp gestart?",
        "Eerste zorgdag",
        "Datum aanvang begeleiding",
        "Startdatum hulpverlening",
        "Datum eerste face-to-face contact",
    ],
    {"date": 1},
    help=["De datum waarop de hulp daadwerkelijk is begonnen"],
    formats=DATE_FORMATS,
    required=0.9,
)
concept(
    "care-end-date",
    [
        "Einddatum zorg",
        "Datum beëindiging hulp",
        "Laatste zorgdag",
        "Datum einde begeleiding",
        "Wanneer is de hulp gestopt?",
        "Stopdatum zorg",
        "Datum uitstroom",
        "Einddatum hulpverlening",
    ],
    {"date": 1},
    formats=DATE_FORMATS,
    required=0.9,
)
concept(
    "allocation-start-date",
    [
        "Ingangsdatum toewijzing",
        "Startdatum beschikking",
        "Ingangsdatum indicatie",
        "Gewenste ingangsdatum",
        "Toewijzing ingangsdatum",
        "Per wanneer moet de toewijzing ingaan?",
        "Ingangsdatum indicatie zorg",
        "Begindatum toewijzing",
        "Ingangsdatum verlenging",
    ],
    {"date": 1},
    formats=DATE_FORMATS,
    required=0.8,
)
concept(
    "allocation-end-date",
    [
        "Einddatum toewijzing",
        "Einddatum beschikking",
        "Einddatum indicatie",
        "Toewijzing geldig tot",
        "Gewenste einddatum",
        "Tot wanneer is de toewijzing nodig?",
        "Einddatum indicatie zorg",
        "Einddatum verlenging",
    ],
    {"date": 1},
    formats=DATE_FORMATS,
    required=0.7,
)
concept(
    "registration-date",
    [
        "Datum aanmelding",
        "Aanmelddatum",
        "Datum van aanmelding bij de aanbieder",
        "Op wachtlijst sinds",
        "Datum inschrijving wachtlijst",
        "Wanneer is de jeugdige aangemeld?",
    ],
    {"date": 1},
    formats=DATE_FORMATS,
    required=0.8,
)
concept(
    "expected-care-start-date",
    [
        "Verwachte startdatum zorg",
        "Verwachte startdatum",
        "Wanneer kan de hulp naar verwachting starten?",
        "Verwachte datum start behandeling",
        "Geplande startdatum hulp",
    ],
    {"date": 1},
    formats=DATE_FORMATS,
    required=0.6,
)
concept(
    "expected-duration",
    [
        "Verwachte duur van de hulp",
        "Hoe lang is de hulp naar verwachting nog nodig?",
        "Verwachte behandelduur (maanden)",
        "Verwachte looptijd",
        "Inschatting resterende duur",
    ],
    {"text": 2, "number": 1},
    required=0.6,
)
concept(
    "end-reason",
    [
        "Reden beëindiging",
        "Reden einde zorg",
        "Waarom is de hulp beëindigd?",
        "Reden van beëindiging",
        "Reden uitstroom",
        "Beëindigingsreden",
    ],
    {"choice": 5, "code": 1, "text": 1},
    options=[
        [
            "Volgens plan afgerond",
            "Voortijdig door cliënt",
            "Voortijdig door aanbieder",
            "In overleg voortijdig",
            "Verhuizing",
            "Anders",
        ],
        ["Doelen behaald", "Cliënt gestopt", "Overgang naar andere aanbieder", "Anders, namelijk"],
        ["31 Volgens plan", "32 Door cliënt", "33 Door aanbieder", "34 In overleg", "38 Overstap"],
    ],
    required=0.9,
)
concept(
    "follow-up-care",
    [
        "Vervolgzorg",
        "Is er vervolgzorg nodig? Zo ja, welke?",
        "Nazorg / vervolghulp",
        "Welke hulp volgt na afsluiting?",
        "Advies vervolg",
        "Vervolg na beëindiging",
        "Follow-up na afsluiting",
    ],
    {"text": 3, "choice": 1},
    options=[["Geen", "Lichtere hulp", "Andere aanbieder", "Wlz", "Onbekend"]],
    required=0.6,
)

# -- goals and how it goes ----------------------------------------------------------------
concept(
    "treatment-goals",
    [
        "Behandeldoelen",
        "Doelen",
        "Wat zijn de doelen van de hulp?",
        "Doelen zorgplan",
        "Geformuleerde doelen",
        "Hulpverleningsdoelen",
        "Welke doelen zijn afgesproken met de jeugdige en ouders?",
        "Doelen voor de komende periode",
        "SMART-doelen",
    ],
    {"text": 1},
    help=["Formuleer de doelen SMART"],
    required=0.9,
)
concept(
    "goal-progress",
    [
        "Voortgang op de doelen",
        "Voortgang per doel",
        "Beschrijf de voortgang",
        "Resultaten tot nu toe",
        "Hoe verloopt de hulp?",
        "Ontwikkeling afgelopen periode",
        "Evaluatie van de doelen",
        "Behaalde resultaten",
        "Beschrijf per doel wat er is bereikt",
    ],
    {"text": 1},
    required=0.9,
)
concept(
    "goal-attainment",
    [
        "Doelrealisatie",
        "Zijn de doelen behaald?",
        "In welke mate zijn de doelen behaald?",
        "Doelen behaald",
        "Mate van doelrealisatie",
        "Score doelrealisatie",
    ],
    {"choice": 5, "scale": 3},
    options=[
        ["Volledig", "Grotendeels", "Gedeeltelijk", "Niet"],
        ["Ja", "Deels", "Nee"],
        ["Geheel behaald", "Gedeeltelijk behaald", "Niet behaald"],
    ],
    formats=["1-5", "1-10"],
    required=0.8,
)
concept(
    "intervention-method",
    [
        "Ingezette interventies",
        "Methodiek",
        "Welke methode wordt ingezet?",
        "Behandelvorm",
        "Interventies / werkwijze",
        "Aanpak",
        "Erkende interventie (databank NJi)",
    ],
    {"text": 4, "choice": 1},
    options=[["Multisysteemtherapie", "Families First", "Triple P", "EMDR", "Anders"]],
    required=0.6,
)
concept(
    "extension-justification",
    [
        "Onderbouwing verlenging",
        "Waarom is verlenging nodig?",
        "Reden verlenging",
        "Motivatie voor voortzetting van de hulp",
        "Waarom is de hulp nog nodig?",
        "Toelichting op het verzoek tot verlenging",
    ],
    {"text": 1},
    required=0.95,
)
concept(
    "change-request-reason",
    [
        "Reden verzoek",
        "Reden van het wijzigingsverzoek",
        "Waarom vraagt {u} een wijziging aan?",
        "Soort wijziging",
    ],
    {"choice": 4, "code": 1},
    options=[
        ["Verandering cliëntsituatie", "Wijziging zorgplan"],
        ["Situatie cliënt veranderd", "Zorgplan aangepast", "Anders"],
    ],
    required=0.8,
)
concept(
    "parent-involvement",
    [
        "Betrokkenheid ouders",
        "Hoe zijn ouders betrokken bij de hulp?",
        "Rol van ouders en netwerk",
        "Betrokkenheid gezin en netwerk",
        "Ouderbetrokkenheid",
    ],
    {"text": 1},
    required=0.6,
)
concept(
    "client-agreement",
    [
        "Is het plan besproken met jeugdige en ouders?",
        "Akkoord ouders/jeugdige",
        "Zijn ouders akkoord met dit plan?",
        "Besproken met cliënt",
        "Instemming gezin met het plan",
    ],
    {"boolean": 3, "choice": 2},
    options=[["Ja", "Nee", "Gedeeltelijk"], ["Ja", "Nee"]],
    required=0.7,
)
concept(
    "consent-data-sharing",
    [
        "Toestemming gegevensdeling",
        "Heeft de cliënt toestemming gegeven voor het delen van gegevens?",
        "Toestemming ouders voor uitwisseling gegevens",
        "Is er toestemming voor het delen van gegevens (AVG)?",
        "Toestemming voor informatie-uitwisseling met de gemeente",
    ],
    {"boolean": 3, "choice": 1},
    options=YES_NO,
    required=0.8,
)
concept(
    "safety-risks",
    [
        "Veiligheid",
        "Zijn er zorgen over de veiligheid?",
        "Risico's en veiligheid",
        "Veiligheidssituatie",
        "Is er sprake van onveiligheid in het gezin?",
        "Risicotaxatie",
    ],
    {"text": 3, "choice": 1},
    options=[["Geen zorgen", "Lichte zorgen", "Ernstige zorgen"]],
    required=0.6,
)
concept(
    "meldcode-used",
    [
        "Is de meldcode doorlopen?",
        "Meldcode huiselijk geweld en kindermishandeling gevolgd?",
        "Meldcode toegepast",
        "Zijn de stappen van de meldcode gezet?",
    ],
    {"boolean": 3, "choice": 1},
    options=YES_NO,
    required=0.6,
)
concept(
    "other-care-involved",
    [
        "Andere betrokken hulpverleners",
        "Zijn er andere hulpverleners of instanties betrokken?",
        "Betrokken instanties",
        "Welke andere zorg ontvangt de jeugdige?",
        "Netwerk van professionals",
    ],
    {"text": 1},
    required=0.5,
)
concept(
    "urgency",
    [
        "Spoed",
        "Is er sprake van spoed?",
        "Urgentie",
        "Spoedaanvraag",
        "Betreft het een crisis- of spoedsituatie?",
    ],
    {"boolean": 2, "choice": 2},
    options=[["Ja", "Nee"], ["Regulier", "Spoed", "Crisis"]],
    required=0.7,
)
concept(
    "care-plan-attachment",
    [
        "Zorgplan (bijlage)",
        "Behandelplan",
        "Upload het behandelplan",
        "Bijlage: ondersteuningsplan",
        "Plan van aanpak (pdf)",
        "Zorgplan toevoegen",
    ],
    {"file": 1},
    help=["Toegestaan zijn .pdf, .doc en .docx tot 20 MB"],
    required=0.6,
)

# -- signing ------------------------------------------------------------------------------
concept(
    "signatory-name",
    [
        "Naam ondertekenaar",
        "Ondertekend door",
        "Naam bevoegd functionaris",
        "Naam van de persoon die ondertekent",
    ],
    {"text": 1},
    bare={"ondertekening": ["Naam", "Naam en functie"]},
    required=0.8,
)
concept(
    "signature-date",
    ["Datum ondertekening", "Datum handtekening", "Ondertekend op", "Datum akkoord"],
    {"date": 1},
    bare={"ondertekening": ["Datum"]},
    formats=DATE_FORMATS,
    required=0.8,
)
concept(
    "signature-place",
    ["Plaats ondertekening", "Ondertekend te", "Plaats van ondertekening"],
    {"text": 1},
    bare={"ondertekening": ["Plaats", "Te"]},
    required=0.6,
)
concept(
    "signature",
    [
        "Handtekening",
        "Handtekening zorgaanbieder",
        "Digitale handtekening",
        "Handtekening bevoegd persoon",
        "Ondertekening (upload)",
    ],
    {"file": 3, "boolean": 1},
    bare={"ondertekening": ["Handtekening", "Paraaf"]},
    required=0.7,
)
concept(
    "truth-declaration",
    [
        "Ik verklaar dat ik dit formulier naar waarheid heb ingevuld",
        "Verklaring naar waarheid",
        "Ik verklaar dat alle gegevens juist en volledig zijn",
        "Naar waarheid ingevuld",
    ],
    {"boolean": 4, "choice": 1},
    options=[["Ja, akkoord"], ["Akkoord"]],
    required=0.95,
)
concept(
    "remarks",
    [
        "Opmerkingen",
        "Overige opmerkingen",
        "Toelichting",
        "Aanvullende informatie",
        "{Heeft u} nog opmerkingen?",
        "Ruimte voor opmerkingen",
        "Overige informatie",
        "Wilt {u} nog iets toevoegen?",
    ],
    {"text": 1},
    required=0.1,
)

# -- incidents ----------------------------------------------------------------------------
concept(
    "incident-date",
    [
        "Datum incident",
        "Datum voorval",
        "Wanneer vond het incident plaats?",
        "Datum van het incident",
        "Datum gebeurtenis",
        "Incidentdatum",
        "Op welke datum gebeurde het?",
    ],
    {"date": 1},
    bare={"incident": ["Datum", "Wanneer"]},
    formats=DATE_FORMATS,
    required=0.95,
)
concept(
    "incident-time",
    ["Tijdstip incident", "Hoe laat vond het plaats?", "Tijd (uu:mm)", "Tijdstip voorval"],
    {"text": 1},
    bare={"incident": ["Tijdstip", "Tijd"]},
    formats=[None, "uu:mm"],
    required=0.6,
)
concept(
    "incident-location",
    ["Locatie incident", "Waar vond het incident plaats?", "Plaats voorval", "Locatie gebeurtenis"],
    {"text": 1},
    bare={"incident": ["Locatie", "Waar"]},
    required=0.7,
)
concept(
    "incident-type",
    [
        "Soort incident",
        "Type incident",
        "Aard van het incident",
        "Categorie melding",
        "Wat voor incident betreft het?",
    ],
    {"choice": 5, "text": 1},
    bare={"incident": ["Soort", "Type"]},
    options=[
        [
            "Agressie",
            "Seksueel grensoverschrijdend gedrag",
            "Zelfbeschadiging",
            "Suïcide(poging)",
            "Vermissing",
            "Medicatie",
            "Overig",
        ],
        ["Fysiek geweld", "Verbaal geweld", "Weglopen", "Middelengebruik", "Calamiteit", "Anders"],
    ],
    required=0.9,
)
concept(
    "incident-description",
    [
        "Omschrijving incident",
        "Beschrijf wat er is gebeurd",
        "Wat is er gebeurd?",
        "Toedracht",
        "Feitelijke beschrijving van het voorval",
    ],
    {"text": 1},
    bare={"incident": ["Omschrijving", "Beschrijving"]},
    required=0.95,
)
concept(
    "incident-injury",
    ["Is er letsel?", "Letsel", "Is er iemand gewond geraakt?", "Lichamelijk letsel (ja/nee)"],
    {"boolean": 3, "choice": 1},
    options=YES_NO,
    required=0.7,
)
concept(
    "incident-measures",
    [
        "Genomen maatregelen",
        "Welke maatregelen zijn genomen?",
        "Acties na het incident",
        "Getroffen maatregelen",
        "Wat is er gedaan om herhaling te voorkomen?",
        "Afspraken en maatregelen",
    ],
    {"text": 1},
    required=0.8,
)
concept(
    "incident-police",
    ["Is de politie ingeschakeld?", "Politie betrokken", "Politie ingeschakeld (ja/nee)"],
    {"boolean": 3, "choice": 1},
    options=YES_NO,
    required=0.6,
)
concept(
    "incident-reported-igj",
    [
        "Gemeld bij de Inspectie (IGJ)?",
        "Melding IGJ gedaan",
        "Is dit als calamiteit gemeld bij de IGJ?",
        "Inspectie geïnformeerd",
    ],
    {"boolean": 3, "choice": 1},
    options=YES_NO,
    required=0.7,
)
concept(
    "parents-informed",
    [
        "Zijn ouders/gezaghebbenden geïnformeerd?",
        "Ouders geïnformeerd",
        "Is het gezin op de hoogte gebracht?",
        "Ouders ingelicht (ja/nee)",
    ],
    {"boolean": 3, "choice": 1},
    options=YES_NO,
    required=0.7,
)

# -- waiting lists and provider-level figures ---------------------------------------------
concept(
    "waitlist-reference-date",
    ["Peildatum", "Stand per", "Peildatum wachtlijst", "Wachtlijst per (datum)", "Datum peiling"],
    {"date": 1},
    bare={"wachtlijst": ["Datum", "Per"]},
    formats=DATE_FORMATS,
    required=0.9,
)
concept(
    "waitlist-count",
    [
        "Aantal jeugdigen op de wachtlijst",
        "Aantal wachtenden",
        "Hoeveel cliënten staan er op de wachtlijst?",
        "Wachtlijst (aantal)",
        "Aantal aangemelde jeugdigen in afwachting van start",
        "Totaal wachtend",
        "Aantal kinderen op wachtlijst",
    ],
    {"number": 1},
    required=0.9,
)
concept(
    "number-of-clients",
    [
        "Aantal cliënten in zorg",
        "Aantal jeugdigen in zorg",
        "Aantal unieke cliënten",
        "Hoeveel jeugdigen ontvingen hulp?",
        "Aantal cliënten",
        "Aantal jeugdigen in behandeling",
    ],
    {"number": 1},
    required=0.85,
)
concept(
    "average-wait-time",
    [
        "Gemiddelde wachttijd (weken)",
        "Gemiddelde wachttijd",
        "Wat is de gemiddelde wachttijd?",
        "Wachttijd gemiddeld in weken",
        "Gemiddelde wachttijd tot start zorg",
    ],
    {"number": 4, "text": 1},
    required=0.8,
)
concept(
    "available-capacity",
    [
        "Beschikbare plekken",
        "Aantal vrije plaatsen",
        "Capaciteit beschikbaar per direct",
        "Hoeveel nieuwe cliënten kunt {u} aannemen?",
    ],
    {"number": 1},
    required=0.6,
)
concept(
    "bridging-care",
    [
        "Overbruggingszorg",
        "Wordt overbruggingszorg geboden?",
        "Ontvangt de jeugdige overbruggingshulp?",
        "Overbruggingszorg ingezet (ja/nee)",
    ],
    {"boolean": 3, "choice": 1},
    options=YES_NO,
    required=0.6,
)
concept(
    "reporting-year",
    [
        "Verantwoordingsjaar",
        "Boekjaar",
        "Jaar",
        "Over welk jaar rapporteert {u}?",
        "Kalenderjaar",
        "Verslagjaar",
    ],
    {"number": 2, "text": 1, "choice": 1},
    options=[["2024", "2025", "2026"]],
    required=0.9,
)
concept(
    "annual-turnover",
    [
        "Omzet jeugdhulp",
        "Totale omzet Jeugdwet (€)",
        "Omzet uit jeugdhulp in dit jaar",
        "Jaaromzet Jeugd",
        "Opbrengsten Jeugdwet",
    ],
    {"number": 1},
    required=0.8,
)
concept(
    "fte-count",
    [
        "Aantal fte",
        "Aantal fte in loondienst",
        "Personeel (fte)",
        "Hoeveel fte werkt er in de jeugdhulp?",
        "Formatie (fte)",
    ],
    {"number": 1},
    required=0.7,
)
concept(
    "staff-registered-share",
    [
        "Percentage SKJ/BIG-geregistreerde medewerkers",
        "Aandeel geregistreerde professionals",
        "Percentage geregistreerd personeel",
        "Hoeveel procent van de medewerkers is SKJ- of BIG-geregistreerd?",
    ],
    {"number": 1},
    required=0.7,
)
concept(
    "complaints-count",
    [
        "Aantal klachten",
        "Aantal ontvangen klachten",
        "Hoeveel klachten zijn er ingediend?",
        "Klachten (aantal)",
    ],
    {"number": 1},
    required=0.7,
)
concept(
    "calamities-count",
    [
        "Aantal calamiteiten",
        "Aantal meldingen bij de IGJ",
        "Aantal gemelde calamiteiten en geweldsincidenten",
        "Hoeveel calamiteiten zijn gemeld bij de inspectie?",
    ],
    {"number": 1},
    required=0.7,
)
concept(
    "accountant-statement",
    [
        "Controleverklaring accountant",
        "Accountantsverklaring",
        "Upload de controleverklaring",
        "Assurancerapport",
        "Productieverantwoording met controleverklaring",
    ],
    {"file": 1},
    required=0.8,
)
concept(
    "quality-mark",
    [
        "Keurmerk",
        "Kwaliteitskeurmerk / certificaat",
        "Welk kwaliteitskeurmerk heeft {uw} organisatie?",
        "Certificering (bijv. HKZ, ISO)",
    ],
    {"text": 2, "choice": 1},
    options=[["HKZ", "ISO 9001", "Kiwa", "Geen", "Anders"]],
    required=0.6,
)
concept(
    "outcome-measure",
    [
        "Welk instrument gebruikt {u} om uitkomsten te meten?",
        "Gebruikte ROM-vragenlijst",
        "Instrument doelrealisatie",
        "Meetinstrument resultaten",
    ],
    {"text": 2, "choice": 1},
    options=[["SDQ", "GAS", "ZKM", "Eigen instrument", "Geen"]],
    required=0.6,
)
concept(
    "questionnaires-sent",
    [
        "Aantal verstuurde vragenlijsten",
        "Aantal uitgenodigde cliënten",
        "Hoeveel cliënten zijn benaderd?",
        "Verzonden vragenlijsten (aantal)",
    ],
    {"number": 1},
    required=0.8,
)
concept(
    "questionnaires-returned",
    [
        "Aantal ingevulde vragenlijsten",
        "Respons (aantal)",
        "Aantal retour ontvangen vragenlijsten",
        "Hoeveel vragenlijsten zijn ingevuld?",
    ],
    {"number": 1},
    required=0.8,
)
concept(
    "satisfaction-average",
    [
        "Gemiddeld rapportcijfer",
        "Gemiddelde tevredenheid (1-10)",
        "Gemiddelde score cliënttevredenheid",
        "Welk cijfer geven cliënten gemiddeld?",
    ],
    {"number": 1},
    required=0.8,
)
concept(
    "ceo-instrument",
    [
        "Gebruikte vragenlijst",
        "Welke vragenlijst is gebruikt?",
        "Meetinstrument cliëntervaring",
        "Instrument (bijv. CQ-index, eigen vragenlijst)",
    ],
    {"text": 2, "choice": 1},
    options=[["CQ-index", "Eigen vragenlijst", "Regionale vragenlijst", "Anders"]],
    required=0.7,
)
concept(
    "improvement-actions",
    [
        "Verbeteracties",
        "Welke verbeteringen voert {u} door naar aanleiding van de uitkomsten?",
        "Verbeterpunten",
        "Acties naar aanleiding van het onderzoek",
    ],
    {"text": 1},
    required=0.6,
)
concept(
    "client-satisfaction",
    [
        "Tevredenheid cliënt",
        "Hoe tevreden is het gezin over de hulp? (cijfer)",
        "Rapportcijfer cliënt",
        "Cliënttevredenheid",
        "Hoe tevreden zijn jeugdige en ouders over de hulp?",
    ],
    {"scale": 3, "choice": 1, "number": 1},
    options=[["Zeer tevreden", "Tevreden", "Neutraal", "Ontevreden", "Zeer ontevreden"]],
    formats=["1-10", "1-5"],
    required=0.5,
)

# Pairs of different concepts a careless matcher joins: the same attribute of a different
# entity, or a neighbouring attribute of the same entity.
FALSE_FRIENDS: list[tuple[str, str]] = [
    ("provider-agb", "referrer-agb"),
    ("child-bsn", "parent-bsn"),
    ("child-name", "parent-name"),
    ("child-phone", "parent-phone"),
    ("child-birth-date", "parent-birth-date"),
    ("parent-phone", "parent-name"),
    ("parent-phone", "provider-contact-phone"),
    ("parent-phone", "caseworker-phone"),
    ("number-of-clients", "waitlist-count"),
    ("product-code", "product-category"),
    ("allocation-start-date", "care-start-date"),
    ("care-start-date", "registration-date"),
    ("registration-date", "document-date"),
    ("document-date", "incident-date"),
    ("allocation-start-date", "registration-date"),
    ("care-start-date", "expected-care-start-date"),
    ("document-date", "signature-date"),
    ("allocation-end-date", "care-end-date"),
    ("planned-volume", "delivered-volume"),
    ("caseworker-name", "practitioner-name"),
    ("caseworker-name", "referrer-name"),
    ("practitioner-name", "referrer-name"),
    ("provider-contact-name", "practitioner-name"),
    ("provider-name", "provider-agb"),
    ("municipal-case-number", "provider-reference"),
    ("allocation-number", "decision-number"),
    ("treatment-goals", "goal-progress"),
    ("goal-progress", "goal-attainment"),
    ("claimed-amount", "invoice-total"),
    ("invoice-total", "budget"),
    ("invoice-date", "billing-period"),
    ("child-residence", "signature-place"),
    ("child-residence", "responsible-municipality"),
    ("client-satisfaction", "satisfaction-average"),
    ("outcome-measure", "ceo-instrument"),
    ("consent-data-sharing", "client-agreement"),
    ("extension-justification", "change-request-reason"),
]

# Which standard-message field carries which concept (forms/standaard, generated from the
# iJw 3.2 XSDs). A standard field whose meaning none of our concepts has is left out.
STANDARD_FIELDS: dict[str, str] = {
    "jw301/bsn": "child-bsn",
    "jw301/client-geboortedatum": "child-birth-date",
    "jw301/client-geslacht": "child-gender",
    "jw301/client-naam": "child-name",
    "jw301/wettelijkevertegenwoordiging": "legal-custody",
    "jw301/relatie-soort": "parent-relation",
    "jw301/relatie-naam": "parent-name",
    "jw301/relatie-geboortedatum": "parent-birth-date",
    "jw301/contact-adres": "child-address",
    "jw301/toewijzingnummer": "allocation-number",
    "jw301/referentieaanbieder": "provider-reference",
    "jw301/product": "product-code",
    "jw301/ingangsdatum": "allocation-start-date",
    "jw301/einddatum": "allocation-end-date",
    "jw301/omvang": "planned-volume",
    "jw301/budget": "budget",
    "jw305/bsn": "child-bsn",
    "jw305/geboortedatum": "child-birth-date",
    "jw305/geslacht": "child-gender",
    "jw305/naam": "child-name",
    "jw305/toewijzingnummer": "allocation-number",
    "jw305/product": "product-code",
    "jw305/toewijzingingangsdatum": "allocation-start-date",
    "jw305/begindatum": "care-start-date",
    "jw307/bsn": "child-bsn",
    "jw307/geboortedatum": "child-birth-date",
    "jw307/geslacht": "child-gender",
    "jw307/naam": "child-name",
    "jw307/toewijzingnummer": "allocation-number",
    "jw307/product": "product-code",
    "jw307/toewijzingingangsdatum": "allocation-start-date",
    "jw307/begindatum": "care-start-date",
    "jw307/redenbeeindiging": "end-reason",
    "jw307/einddatum": "care-end-date",
    "jw315/bsn": "child-bsn",
    "jw315/geboortedatum": "child-birth-date",
    "jw315/geslacht": "child-gender",
    "jw315/naam": "child-name",
    "jw315/referentieaanbieder": "provider-reference",
    "jw315/beschikkingnummer": "decision-number",
    "jw315/product": "product-code",
    "jw315/toewijzingingangsdatum": "allocation-start-date",
    "jw315/toewijzingeinddatum": "allocation-end-date",
    "jw315/omvang": "planned-volume",
    "jw315/budget": "budget",
    "jw315/verwijzer": "referrer-type",
    "jw317/bsn": "child-bsn",
    "jw317/referentieaanbieder": "provider-reference",
    "jw317/redenverzoek": "change-request-reason",
    "jw317/tewijzigenproduct-toewijzingnummer": "allocation-number",
    "jw317/tewijzigenproduct-gewensteingangsdatum": "allocation-start-date",
    "jw317/tewijzigenproduct-einddatum": "allocation-end-date",
    "jw317/tewijzigenproduct-omvang": "planned-volume",
    "jw317/tewijzigenproduct-budget": "budget",
    "jw317/product": "product-code",
    "jw319/referentieaanbieder": "provider-reference",
    "jw323/declaratienummer": "invoice-number",
    "jw323/declaratieperiode": "billing-period",
    "jw323/declaratiedagtekening": "invoice-date",
    "jw323/totaalingediendbedrag": "invoice-total",
    "jw323/bsn": "child-bsn",
    "jw323/toewijzingnummer": "allocation-number",
    "jw323/productcategorie": "product-category",
    "jw323/productcode": "product-code",
    "jw323/geleverdvolume": "delivered-volume",
    "jw323/eenheid": "unit",
    "jw323/producttarief": "tariff",
    "jw323/ingediendbedrag": "claimed-amount",
}

# ---------------------------------------------------------------------------------------
# Sections: how a form groups its questions. A heading is what the reader sees; form@1 has
# no place for it, so it survives only as (a) a prefix of the field id, (b) the field's
# help text, or (c) the explicit label of the section's first field (its neighbours).
# ---------------------------------------------------------------------------------------

HEADINGS: dict[str, tuple[str, ...]] = {
    "jeugdige": (
        "Gegevens jeugdige",
        "Gegevens cliënt",
        "Persoonsgegevens jeugdige",
        "Over het kind",
        "Cliëntgegevens",
        "Gegevens van de jeugdige",
        "Jeugdige",
    ),
    "ouder": (
        "Gegevens ouder/verzorger",
        "Gegevens ouders",
        "Gezaghebbende ouder(s)",
        "Ouder of verzorger",
        "Contactgegevens ouder/voogd",
        "Gegevens wettelijk vertegenwoordiger",
    ),
    "aanbieder": (
        "Gegevens zorgaanbieder",
        "Gegevens jeugdhulpaanbieder",
        "Uw organisatie",
        "Zorgaanbieder",
        "Aanbieder",
        "Gegevens aanbieder",
    ),
    "verwijzer": ("Verwijzer", "Gegevens verwijzer", "Verwijzing", "Verwijsgegevens"),
    "gemeente": (
        "Contactpersoon gemeente",
        "Toegang gemeente",
        "Consulent jeugd",
        "Gegevens gemeente",
        "Jeugdteam / toegang",
    ),
    "behandelaar": (
        "Behandelaar",
        "Uitvoerend professional",
        "Hulpverlener",
        "Regiebehandelaar",
        "Gegevens behandelaar",
    ),
    "ondertekening": (
        "Ondertekening",
        "Akkoord en ondertekening",
        "Handtekening",
        "Verklaring en ondertekening",
        "Ondertekening zorgaanbieder",
    ),
    "incident": ("Het incident", "Gegevens incident", "Wat is er gebeurd", "Incident"),
    "rapportage": ("Rapportage", "Over deze rapportage", "Algemeen", "Gegevens rapportage"),
    "declaratie": ("Declaratie", "Factuurgegevens", "Gegevens declaratie", "Factuur"),
    "wachtlijst": ("Peildatum", "Wachtlijst", "Stand wachtlijst"),
    "kenmerken": ("Kenmerken", "Referenties", "Nummers", "Toewijzing"),
    "hulp": ("Hulpvraag", "Aanvraag", "De hulp", "Inhoud van de hulp", "Zorginhoudelijk"),
    "product": ("Product en omvang", "Gevraagde zorg", "Inzet", "Toewijzing en inzet"),
    "doelen": ("Doelen en voortgang", "Doelen", "Voortgang", "Resultaten"),
    "regel": ("Declaratieregel", "Per cliënt", "Specificatie", "Regel"),
    "beeindiging": ("Beëindiging", "Einde zorg", "Afsluiting zorg"),
    "cijfers": ("Kerncijfers", "Cijfers", "Verantwoording", "Productie en personeel"),
    "kwaliteit": ("Kwaliteit", "Kwaliteit en klachten", "Kwaliteitsbeleid"),
    "onderzoek": ("Het onderzoek", "Cliëntervaring", "Uitkomsten"),
    "veiligheid": ("Veiligheid", "Risico's en veiligheid", "Afspraken"),
    "bijlagen": ("Bijlagen", "Bijlage(n)", "Documenten"),
    "afsluiting": ("Afsluiting", "Overig", "Tot slot", "Aanvullende informatie"),
}

# ---------------------------------------------------------------------------------------
# Form kinds: the sections in their usual order, each with (concept, how likely asked).
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Kind:
    key: str
    titles: tuple[str, ...]
    slugs: tuple[str, ...]
    purpose: str
    frequencies: tuple[dict[str, str], ...]
    sections: tuple[tuple[str, tuple[tuple[str, float], ...]], ...]
    chance: float  # share of municipalities that have this form
    minutes: tuple[int, ...]


def kind(
    key: str,
    titles: list[str],
    slugs: list[str],
    purpose: str,
    frequencies: list[dict[str, str]],
    chance: float,
    minutes: list[int],
    sections: list[tuple[str, dict[str, float]]],
) -> Kind:
    return Kind(
        key,
        tuple(titles),
        tuple(slugs),
        purpose,
        tuple(frequencies),
        tuple((name, tuple(slots.items())) for name, slots in sections),
        chance,
        tuple(minutes),
    )


CLIENT_START = {"per": "client", "at": "start"}
CLIENT_END = {"per": "client", "at": "end"}
CLIENT_CHANGE = {"per": "client", "at": "change"}
SIGNING = (
    "ondertekening",
    {
        "signatory-name": 0.35,
        "signature-date": 0.4,
        "signature-place": 0.12,
        "signature": 0.25,
        "truth-declaration": 0.2,
    },
)

KINDS: tuple[Kind, ...] = (
    kind(
        "aanvraag",
        [
            "Aanvraag jeugdhulp",
            "Aanmeldformulier jeugdhulp",
            "Verzoek om toewijzing jeugdhulp",
            "Aanvraag beschikking jeugdhulp",
            "Aanvraagformulier maatwerkvoorziening Jeugd",
        ],
        ["aanvraag-jeugdhulp", "aanmelding", "verzoek-toewijzing", "aanvraag-beschikking"],
        "toewijzing",
        [CLIENT_START],
        0.85,
        [30, 45, 60],
        [
            (
                "jeugdige",
                {
                    "child-bsn": 1.0,
                    "child-name": 0.95,
                    "child-birth-date": 0.9,
                    "child-gender": 0.5,
                    "child-address": 0.45,
                    "child-postcode": 0.4,
                    "child-residence": 0.4,
                    "child-school": 0.2,
                    "child-phone": 0.2,
                },
            ),
            (
                "ouder",
                {
                    "parent-name": 0.75,
                    "parent-phone": 0.65,
                    "parent-email": 0.35,
                    "parent-bsn": 0.35,
                    "parent-relation": 0.4,
                    "parent-birth-date": 0.12,
                    "legal-custody": 0.45,
                },
            ),
            (
                "verwijzer",
                {
                    "referrer-type": 0.75,
                    "referrer-name": 0.55,
                    "referrer-agb": 0.5,
                    "referral-date": 0.4,
                    "referral-letter": 0.3,
                },
            ),
            (
                "aanbieder",
                {
                    "provider-name": 0.9,
                    "provider-agb": 0.85,
                    "provider-contact-name": 0.55,
                    "provider-contact-phone": 0.4,
                    "provider-contact-email": 0.35,
                    "provider-reference": 0.3,
                    "provider-kvk": 0.12,
                },
            ),
            (
                "hulp",
                {
                    "help-request": 0.85,
                    "diagnosis": 0.35,
                    "responsible-municipality": 0.25,
                    "urgency": 0.35,
                    "treatment-goals": 0.45,
                    "other-care-involved": 0.3,
                    "safety-risks": 0.25,
                },
            ),
            (
                "product",
                {
                    "product-code": 0.7,
                    "product-category": 0.5,
                    "planned-volume": 0.65,
                    "unit": 0.4,
                    "allocation-start-date": 0.6,
                    "allocation-end-date": 0.45,
                    "budget": 0.15,
                },
            ),
            ("gemeente", {"caseworker-name": 0.3, "caseworker-phone": 0.25, "municipal-team": 0.2}),
            ("bijlagen", {"care-plan-attachment": 0.35}),
            ("afsluiting", {"consent-data-sharing": 0.45, "remarks": 0.55}),
            SIGNING,
        ],
    ),
    kind(
        "verlenging",
        [
            "Verlengingsaanvraag jeugdhulp",
            "Aanvraag verlenging toewijzing",
            "Verzoek om verlenging",
            "Wijzigings- en verlengingsverzoek Jeugd",
        ],
        ["verlengingsaanvraag", "verlenging", "verzoek-verlenging", "wijziging-verlenging"],
        "verlenging",
        [CLIENT_CHANGE],
        0.7,
        [20, 30, 45],
        [
            ("jeugdige", {"child-bsn": 1.0, "child-name": 0.9, "child-birth-date": 0.6}),
            (
                "kenmerken",
                {
                    "allocation-number": 0.55,
                    "decision-number": 0.3,
                    "municipal-case-number": 0.25,
                    "provider-reference": 0.3,
                },
            ),
            (
                "aanbieder",
                {"provider-name": 0.9, "provider-agb": 0.75, "provider-contact-name": 0.35},
            ),
            ("behandelaar", {"practitioner-name": 0.45, "practitioner-registration": 0.15}),
            (
                "product",
                {
                    "product-code": 0.8,
                    "product-category": 0.3,
                    "allocation-start-date": 0.8,
                    "allocation-end-date": 0.7,
                    "planned-volume": 0.8,
                    "unit": 0.4,
                    "delivered-volume": 0.3,
                    "change-request-reason": 0.2,
                },
            ),
            (
                "doelen",
                {
                    "extension-justification": 0.95,
                    "goal-progress": 0.65,
                    "treatment-goals": 0.55,
                    "expected-duration": 0.35,
                    "parent-involvement": 0.3,
                    "diagnosis": 0.2,
                },
            ),
            ("gemeente", {"caseworker-name": 0.35}),
            ("rapportage", {"document-date": 0.3}),
            ("bijlagen", {"care-plan-attachment": 0.3}),
            ("afsluiting", {"remarks": 0.5}),
            SIGNING,
        ],
    ),
    kind(
        "voortgang",
        [
            "Voortgangsrapportage jeugdhulp",
            "Tussenevaluatie",
            "Voortgangsverslag",
            "Rapportage voortgang behandeling",
            "Periodieke rapportage Jeugd",
        ],
        ["voortgangsrapportage", "tussenevaluatie", "voortgangsverslag", "rapportage"],
        "verantwoording",
        [
            {"per": "client", "every": "3 months"},
            {"per": "client", "every": "6 months"},
            {"per": "client", "every": "1 year"},
        ],
        0.8,
        [30, 45, 60, 90],
        [
            (
                "rapportage",
                {"document-date": 0.6, "report-period-start": 0.6, "report-period-end": 0.6},
            ),
            ("jeugdige", {"child-bsn": 0.95, "child-name": 0.9, "child-birth-date": 0.5}),
            (
                "kenmerken",
                {
                    "allocation-number": 0.4,
                    "municipal-case-number": 0.2,
                    "provider-reference": 0.25,
                },
            ),
            ("aanbieder", {"provider-name": 0.9, "provider-agb": 0.6}),
            ("behandelaar", {"practitioner-name": 0.6, "practitioner-registration": 0.25}),
            ("gemeente", {"caseworker-name": 0.3}),
            (
                "doelen",
                {
                    "treatment-goals": 0.7,
                    "goal-progress": 0.95,
                    "intervention-method": 0.4,
                    "parent-involvement": 0.4,
                    "client-agreement": 0.4,
                    "expected-duration": 0.3,
                    "follow-up-care": 0.2,
                },
            ),
            (
                "product",
                {"product-code": 0.3, "planned-volume": 0.4, "delivered-volume": 0.6, "unit": 0.2},
            ),
            ("veiligheid", {"safety-risks": 0.4, "meldcode-used": 0.15}),
            ("afsluiting", {"remarks": 0.5}),
            SIGNING,
        ],
    ),
    kind(
        "eindevaluatie",
        [
            "Eindevaluatie jeugdhulp",
            "Eindverslag",
            "Afsluitend verslag jeugdhulp",
            "Eindrapportage",
        ],
        ["eindevaluatie", "eindverslag", "afsluitend-verslag", "eindrapportage"],
        "evaluatie",
        [CLIENT_END],
        0.6,
        [30, 45, 60],
        [
            ("rapportage", {"document-date": 0.45}),
            ("jeugdige", {"child-bsn": 0.95, "child-name": 0.9, "child-birth-date": 0.4}),
            ("kenmerken", {"allocation-number": 0.35, "provider-reference": 0.15}),
            ("aanbieder", {"provider-name": 0.9, "provider-agb": 0.5}),
            ("behandelaar", {"practitioner-name": 0.45}),
            (
                "beeindiging",
                {
                    "care-start-date": 0.6,
                    "care-end-date": 0.85,
                    "end-reason": 0.8,
                    "delivered-volume": 0.3,
                },
            ),
            (
                "doelen",
                {
                    "treatment-goals": 0.5,
                    "goal-progress": 0.45,
                    "goal-attainment": 0.7,
                    "client-satisfaction": 0.35,
                    "follow-up-care": 0.7,
                },
            ),
            ("gemeente", {"caseworker-name": 0.2}),
            ("afsluiting", {"remarks": 0.5}),
            SIGNING,
        ],
    ),
    kind(
        "declaratie",
        [
            "Declaratiebijlage jeugdhulp",
            "Declaratieformulier Jeugd",
            "Specificatie bij factuur jeugdhulp",
            "Declaratie buiten berichtenverkeer",
        ],
        ["declaratiebijlage", "declaratieformulier", "factuurspecificatie", "declaratie"],
        "declaratie",
        [{"per": "provider", "every": "1 month"}, {"per": "provider", "every": "3 months"}],
        0.5,
        [20, 30, 45],
        [
            (
                "aanbieder",
                {
                    "provider-name": 0.95,
                    "provider-agb": 0.9,
                    "provider-kvk": 0.3,
                    "provider-iban": 0.45,
                    "provider-contact-name": 0.3,
                },
            ),
            (
                "declaratie",
                {
                    "invoice-number": 0.8,
                    "invoice-date": 0.6,
                    "billing-period": 0.9,
                    "invoice-total": 0.6,
                },
            ),
            (
                "regel",
                {
                    "child-bsn": 0.9,
                    "child-name": 0.4,
                    "child-birth-date": 0.3,
                    "allocation-number": 0.7,
                    "product-code": 0.85,
                    "product-category": 0.5,
                    "delivered-volume": 0.9,
                    "unit": 0.6,
                    "tariff": 0.7,
                    "claimed-amount": 0.8,
                },
            ),
            ("afsluiting", {"remarks": 0.3}),
            SIGNING,
        ],
    ),
    kind(
        "start",
        [
            "Melding start zorg",
            "Startbericht jeugdhulp",
            "Melding aanvang hulp",
            "Doorgeven start jeugdhulp",
        ],
        ["melding-start-zorg", "startbericht", "melding-aanvang", "start-jeugdhulp"],
        "melding",
        [CLIENT_START],
        0.5,
        [5, 10, 15],
        [
            ("jeugdige", {"child-bsn": 1.0, "child-name": 0.85, "child-birth-date": 0.7}),
            (
                "aanbieder",
                {"provider-name": 0.9, "provider-agb": 0.8, "provider-contact-name": 0.3},
            ),
            (
                "kenmerken",
                {"allocation-number": 0.6, "decision-number": 0.2, "provider-reference": 0.15},
            ),
            (
                "product",
                {
                    "product-code": 0.7,
                    "product-category": 0.3,
                    "allocation-start-date": 0.45,
                    "care-start-date": 1.0,
                    "registration-date": 0.3,
                },
            ),
            ("behandelaar", {"practitioner-name": 0.3}),
            ("afsluiting", {"remarks": 0.3}),
        ],
    ),
    kind(
        "stop",
        [
            "Melding einde zorg",
            "Stopbericht jeugdhulp",
            "Melding beëindiging hulp",
            "Doorgeven einde jeugdhulp",
        ],
        ["melding-einde-zorg", "stopbericht", "melding-beeindiging", "einde-jeugdhulp"],
        "melding",
        [CLIENT_END],
        0.5,
        [5, 10, 15],
        [
            ("jeugdige", {"child-bsn": 1.0, "child-name": 0.85, "child-birth-date": 0.6}),
            ("aanbieder", {"provider-name": 0.9, "provider-agb": 0.8}),
            ("kenmerken", {"allocation-number": 0.6}),
            (
                "beeindiging",
                {
                    "product-code": 0.6,
                    "care-start-date": 0.3,
                    "care-end-date": 1.0,
                    "end-reason": 0.9,
                    "follow-up-care": 0.5,
                    "goal-attainment": 0.3,
                },
            ),
            ("afsluiting", {"remarks": 0.3}),
        ],
    ),
    kind(
        "incident",
        [
            "Incidentmelding",
            "Melding calamiteit of geweldsincident",
            "Meldformulier incidenten jeugdhulp",
            "Melding bijzonder voorval",
        ],
        ["incidentmelding", "melding-calamiteit", "meldformulier-incident", "bijzonder-voorval"],
        "melding",
        [CLIENT_CHANGE],
        0.45,
        [20, 30, 45],
        [
            ("rapportage", {"document-date": 0.45}),
            (
                "aanbieder",
                {
                    "provider-name": 0.9,
                    "provider-agb": 0.4,
                    "provider-contact-name": 0.6,
                    "provider-contact-phone": 0.5,
                    "provider-contact-email": 0.3,
                },
            ),
            ("jeugdige", {"child-bsn": 0.6, "child-name": 0.8, "child-birth-date": 0.5}),
            (
                "incident",
                {
                    "incident-date": 1.0,
                    "incident-time": 0.6,
                    "incident-location": 0.5,
                    "incident-type": 0.8,
                    "incident-description": 0.95,
                },
            ),
            (
                "veiligheid",
                {
                    "incident-injury": 0.4,
                    "incident-measures": 0.8,
                    "incident-police": 0.3,
                    "incident-reported-igj": 0.45,
                    "parents-informed": 0.5,
                },
            ),
            ("behandelaar", {"practitioner-name": 0.3}),
            ("gemeente", {"caseworker-name": 0.2}),
            ("afsluiting", {"remarks": 0.3}),
        ],
    ),
    kind(
        "wachtlijst",
        [
            "Wachtlijstopgave",
            "Opgave wachtlijst en wachttijden",
            "Monitor wachttijden jeugdhulp",
            "Wachtlijstregistratie",
        ],
        ["wachtlijstopgave", "opgave-wachttijden", "monitor-wachttijden", "wachtlijst"],
        "verantwoording",
        [{"per": "provider", "every": "1 month"}, {"per": "provider", "every": "3 months"}],
        0.4,
        [15, 30, 60],
        [
            (
                "aanbieder",
                {
                    "provider-name": 0.95,
                    "provider-agb": 0.8,
                    "provider-contact-name": 0.6,
                    "provider-contact-email": 0.4,
                },
            ),
            ("wachtlijst", {"waitlist-reference-date": 0.85}),
            (
                "cijfers",
                {
                    "waitlist-count": 1.0,
                    "number-of-clients": 0.5,
                    "average-wait-time": 0.6,
                    "available-capacity": 0.4,
                    "product-category": 0.5,
                },
            ),
            (
                "regel",
                {
                    "child-bsn": 0.3,
                    "registration-date": 0.35,
                    "expected-care-start-date": 0.3,
                    "bridging-care": 0.3,
                },
            ),
            ("afsluiting", {"remarks": 0.35}),
        ],
    ),
    kind(
        "jaarverantwoording",
        [
            "Jaarverantwoording jeugdhulp",
            "Jaarlijkse verantwoording zorgaanbieder",
            "Productieverantwoording Jeugd",
            "Jaarrapportage aanbieder",
        ],
        ["jaarverantwoording", "jaarlijkse-verantwoording", "productieverantwoording"],
        "verantwoording",
        [{"per": "provider", "every": "1 year"}],
        0.55,
        [120, 240, 480],
        [
            ("aanbieder", {"provider-name": 0.95, "provider-agb": 0.85, "provider-kvk": 0.6}),
            (
                "cijfers",
                {
                    "reporting-year": 0.9,
                    "number-of-clients": 0.8,
                    "annual-turnover": 0.7,
                    "fte-count": 0.6,
                    "staff-registered-share": 0.4,
                    "waitlist-count": 0.3,
                    "average-wait-time": 0.2,
                },
            ),
            (
                "kwaliteit",
                {
                    "complaints-count": 0.5,
                    "calamities-count": 0.5,
                    "quality-mark": 0.4,
                    "outcome-measure": 0.3,
                },
            ),
            ("bijlagen", {"accountant-statement": 0.6}),
            ("afsluiting", {"remarks": 0.3}),
            SIGNING,
        ],
    ),
    kind(
        "ceo",
        [
            "Cliëntervaringsonderzoek",
            "Resultaten cliënttevredenheidsonderzoek",
            "Opgave cliëntervaring Jeugd",
        ],
        ["clientervaringsonderzoek", "clienttevredenheid", "opgave-clientervaring"],
        "evaluatie",
        [{"per": "provider", "every": "1 year"}],
        0.3,
        [60, 120],
        [
            (
                "aanbieder",
                {"provider-name": 0.95, "provider-agb": 0.6, "provider-contact-name": 0.4},
            ),
            (
                "onderzoek",
                {
                    "reporting-year": 0.7,
                    "ceo-instrument": 0.6,
                    "questionnaires-sent": 0.8,
                    "questionnaires-returned": 0.8,
                    "satisfaction-average": 0.8,
                    "number-of-clients": 0.4,
                    "improvement-actions": 0.5,
                },
            ),
            ("afsluiting", {"remarks": 0.3}),
        ],
    ),
    kind(
        "zorgplan",
        [
            "Zorgplan jeugdhulp",
            "Behandelplan",
            "Ondersteuningsplan",
            "Plan van aanpak jeugdhulp",
        ],
        ["zorgplan", "behandelplan", "ondersteuningsplan", "plan-van-aanpak"],
        "verantwoording",
        [CLIENT_START, {"per": "client", "every": "1 year"}],
        0.4,
        [45, 60, 90],
        [
            ("rapportage", {"document-date": 0.6}),
            (
                "jeugdige",
                {
                    "child-bsn": 0.9,
                    "child-name": 0.9,
                    "child-birth-date": 0.7,
                    "child-school": 0.2,
                    "child-phone": 0.15,
                },
            ),
            (
                "ouder",
                {
                    "parent-name": 0.35,
                    "parent-phone": 0.2,
                    "parent-bsn": 0.15,
                    "legal-custody": 0.2,
                },
            ),
            ("aanbieder", {"provider-name": 0.9, "provider-agb": 0.5}),
            ("behandelaar", {"practitioner-name": 0.7, "practitioner-registration": 0.4}),
            (
                "hulp",
                {
                    "help-request": 0.7,
                    "diagnosis": 0.5,
                    "care-start-date": 0.4,
                    "other-care-involved": 0.3,
                },
            ),
            (
                "doelen",
                {
                    "treatment-goals": 1.0,
                    "intervention-method": 0.7,
                    "planned-volume": 0.6,
                    "unit": 0.3,
                    "expected-duration": 0.5,
                    "parent-involvement": 0.5,
                    "client-agreement": 0.6,
                },
            ),
            ("veiligheid", {"safety-risks": 0.4, "meldcode-used": 0.15}),
            ("afsluiting", {"remarks": 0.4}),
            SIGNING,
        ],
    ),
)

# Second versions of a form for another segment (a municipality with a separate progress
# report for residential care, for instance): the same kind, sampled again.
SEGMENTS = (" verblijf", " jeugd-GGZ", " ambulant", " dyslexie", " crisis")

# ---------------------------------------------------------------------------------------
# Local questions: a topic only some municipality adds to its forms. Each topic is one
# concept wherever it is asked; with 42 topics and about one municipality in two asking
# one, a topic is asked by one municipality at 40 and by a small minority (about 1.5%)
# at 342. Several come from the Nijmegen request for a tailor-made agreement.
# ---------------------------------------------------------------------------------------

LOCAL_GENERIC: dict[str, tuple[tuple[str, ...], str, tuple[str, ...]]] = {
    # concept: (labels, type, kinds it fits)
    "local-expertise-table": (
        (
            "Is de casus besproken aan de Regionale Expertisetafel?",
            "Besproken aan expertisetafel (ja/nee)",
        ),
        "boolean",
        ("aanvraag", "verlenging"),
    ),
    "local-poh-involved": (
        ("Is de POH-jeugd van de huisarts betrokken geweest?", "Betrokkenheid POH Jeugd"),
        "boolean",
        ("aanvraag", "zorgplan"),
    ),
    "local-family-plan": (
        ("Is er een gezinsplan (1 gezin 1 plan) opgesteld?", "1Gezin1Plan aanwezig"),
        "boolean",
        ("aanvraag", "zorgplan", "voortgang"),
    ),
    "local-school-absence": (
        (
            "Hoeveel dagen heeft de jeugdige in deze periode verzuimd van school?",
            "Schoolverzuim (dagen)",
        ),
        "number",
        ("voortgang", "eindevaluatie"),
    ),
    "local-interpreter": (
        ("Is een tolk nodig?", "Tolk gewenst", "Heeft het gezin een tolk nodig?"),
        "boolean",
        ("aanvraag", "zorgplan"),
    ),
    "local-district": (
        ("In welk stadsdeel woont de jeugdige?", "Stadsdeel"),
        "choice",
        ("aanvraag", "incident"),
    ),
    "local-debts": (
        ("Zijn er financiële problemen of schulden in het gezin?", "Schuldenproblematiek"),
        "boolean",
        ("aanvraag", "zorgplan"),
    ),
    "local-transition-18": (
        (
            "Is er met de jongere een toekomstplan 18-/18+ besproken?",
            "Toekomstplan 18+ besproken",
        ),
        "boolean",
        ("voortgang", "eindevaluatie", "verlenging"),
    ),
    "local-peer-expert": (
        ("Is een ervaringsdeskundige ingezet?", "Inzet ervaringsdeskundige"),
        "boolean",
        ("voortgang", "zorgplan"),
    ),
    "local-social-return": (
        ("Hoeveel uur Social Return heeft {uw} organisatie dit jaar gerealiseerd?", "SROI-uren"),
        "number",
        ("jaarverantwoording",),
    ),
    "local-volunteers": (
        ("Aantal ingezette vrijwilligers", "Hoeveel vrijwilligers zijn actief?"),
        "number",
        ("jaarverantwoording",),
    ),
    "local-collective-agreement": (
        ("Welke cao hanteert {uw} organisatie?", "Toegepaste cao"),
        "choice",
        ("jaarverantwoording",),
    ),
    "local-sick-leave": (
        ("Ziekteverzuimpercentage", "Verzuim medewerkers (%)"),
        "number",
        ("jaarverantwoording",),
    ),
    "local-divorce": (
        ("Is er sprake van een (v)echtscheiding?", "Complexe scheiding"),
        "boolean",
        ("aanvraag", "zorgplan"),
    ),
    "local-education-care": (
        ("Is er een onderwijs-zorgarrangement?", "Onderwijszorgarrangement aanwezig"),
        "boolean",
        ("aanvraag", "voortgang"),
    ),
    "local-waitlist-contact": (
        ("Hoe vaak is er contact geweest met wachtende gezinnen?", "Contact met wachtenden"),
        "text",
        ("wachtlijst",),
    ),
    "local-transport": (
        ("Is vervoer naar de zorglocatie nodig?", "Vervoer nodig"),
        "boolean",
        ("aanvraag",),
    ),
    "local-sport-fund": (
        (
            "Maakt het gezin gebruik van het Jeugdfonds Sport & Cultuur?",
            "Jeugdfonds Sport & Cultuur",
        ),
        "boolean",
        ("aanvraag", "zorgplan"),
    ),
    "local-housing": (
        ("Is er sprake van dreigende dakloosheid of huisvestingsproblemen?", "Woonproblematiek"),
        "boolean",
        ("aanvraag",),
    ),
    "local-young-carer": (
        ("Is de jeugdige een jonge mantelzorger?", "Jonge mantelzorger"),
        "boolean",
        ("aanvraag", "zorgplan"),
    ),
    "local-online-care": (
        ("Wordt een deel van de hulp online (beeldbellen) geleverd?", "Inzet e-health"),
        "boolean",
        ("voortgang", "declaratie"),
    ),
    "local-travel-time": (
        ("Reistijd behandelaar (minuten)", "Hoeveel reistijd is gemaakt?"),
        "number",
        ("declaratie", "voortgang"),
    ),
    "local-medication": (
        ("Gebruikt de jeugdige medicatie? Zo ja, welke?", "Medicatiegebruik"),
        "text",
        ("aanvraag", "zorgplan", "incident"),
    ),
    "local-crisis-plan": (
        ("Is er een signaleringsplan of crisisplan?", "Crisisplan aanwezig"),
        "boolean",
        ("zorgplan", "voortgang"),
    ),
    "local-parenting-course": (
        ("Volgen ouders een opvoedcursus?", "Oudercursus gevolgd"),
        "boolean",
        ("voortgang",),
    ),
    "local-training-hours": (
        ("Aantal uren scholing per medewerker", "Scholingsuren per fte"),
        "number",
        ("jaarverantwoording",),
    ),
    "local-staff-turnover": (
        ("Personeelsverloop (%)", "Verloop medewerkers"),
        "number",
        ("jaarverantwoording",),
    ),
    "local-subcontractors": (
        ("Werkt {u} met onderaannemers? Zo ja, welke?", "Onderaannemers"),
        "text",
        ("jaarverantwoording",),
    ),
    "local-no-shows": (
        ("Aantal no-shows in deze periode", "Niet nagekomen afspraken (aantal)"),
        "number",
        ("voortgang", "declaratie"),
    ),
    "local-group-size": (
        ("Groepsgrootte (aantal jeugdigen per groep)", "Hoe groot is de groep?"),
        "number",
        ("voortgang", "zorgplan"),
    ),
    "local-respite": (
        ("Is er logeeropvang of weekendopvang nodig?", "Logeren / weekendopvang"),
        "boolean",
        ("aanvraag",),
    ),
    "local-vog": (
        ("Hebben alle medewerkers een geldige VOG?", "VOG medewerkers op orde"),
        "boolean",
        ("jaarverantwoording",),
    ),
    "local-waiting-reason": (
        ("Belangrijkste reden van de wachttijd", "Oorzaak wachttijd"),
        "choice",
        ("wachtlijst",),
    ),
    "local-crisis-beds": (
        ("Aantal crisisplaatsen beschikbaar", "Vrije crisisbedden"),
        "number",
        ("wachtlijst",),
    ),
    "local-sustainability": (
        ("Heeft {uw} organisatie een duurzaamheidsbeleid?", "Duurzaamheidsbeleid"),
        "boolean",
        ("jaarverantwoording",),
    ),
    "local-client-council": (
        ("Heeft {uw} organisatie een cliëntenraad?", "Cliëntenraad aanwezig"),
        "boolean",
        ("jaarverantwoording", "ceo"),
    ),
    "local-attendance-officer": (
        ("Is de leerplichtambtenaar betrokken?", "Betrokkenheid leerplicht"),
        "boolean",
        ("aanvraag", "voortgang"),
    ),
    "local-child-heard": (
        ("Is de jeugdige zelf gehoord?", "Mening van de jeugdige gevraagd"),
        "boolean",
        ("aanvraag", "eindevaluatie"),
    ),
    "local-pgb-reason": (
        ("Wat is de reden dat een pgb in deze casus geen oplossing biedt?", "Waarom geen pgb?"),
        "text",
        ("aanvraag",),
    ),
    "local-not-contracted": (
        (
            "Waarom kunnen deze doelen niet door een gecontracteerde zorgaanbieder worden "
            "opgepakt?",
            "Reden inzet niet-gecontracteerde aanbieder",
        ),
        "text",
        ("aanvraag",),
    ),
    "local-client-perspective": (
        ("Wat is het perspectief van de cliënt?", "Perspectief cliënt"),
        "text",
        ("aanvraag", "verlenging"),
    ),
    "local-wlz": (
        ("Is er een Wlz-indicatie?", "Wlz-indicatie aanwezig"),
        "boolean",
        ("aanvraag",),
    ),
}
LOCAL_CHOICES = {
    "local-district": ["Centrum", "Noord", "Zuid", "Oost", "West"],
    "local-collective-agreement": ["Cao Jeugdzorg", "Cao GGZ", "Cao Sociaal Werk", "Geen cao"],
    "local-waiting-reason": ["Personeelstekort", "Veel aanmeldingen", "Specifieke zorgvraag"],
}
# ---------------------------------------------------------------------------------------
# Noise
# ---------------------------------------------------------------------------------------

FORMAL = {
    "{uw}": "uw",
    "{Uw}": "Uw",
    "{u}": "u",
    "{Heeft u}": "Heeft u",
}
INFORMAL = {
    "{uw}": "je",
    "{Uw}": "Je",
    "{u}": "je",
    "{Heeft u}": "Heb je",
}
ABBREVIATIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Geboortedatum", ("Geb.datum", "Geb. datum", "Geboorte datum")),
    ("geboortedatum", ("geb.datum", "geb. datum", "geboorte datum")),
    ("Telefoonnummer", ("Tel.nr.", "Telefoonnr.", "Tel.", "Telnr.")),
    ("telefoonnummer", ("tel.nr.", "telefoonnr.", "tel. nummer", "telnr")),
    ("E-mailadres", ("E-mail", "Email", "Emailadres")),
    ("e-mailadres", ("e-mail", "email", "emailadres")),
    ("Burgerservicenummer", ("BSN", "Burgerservicenr.")),
    ("burgerservicenummer", ("BSN",)),
    ("ouder/verzorger", ("ouder/verz.", "ouder / verzorger", "ouder(s)/verzorger(s)")),
    ("organisatie", ("org.",)),
    ("beschikking", ("besch.",)),
    ("Gemiddelde", ("Gem.",)),
    ("gemiddelde", ("gem.",)),
    ("Percentage", ("%",)),
    ("registratienummer", ("reg.nr.", "registratienr.")),
    ("Productcode", ("Prod.code",)),
    ("nummer", ("nr.", "nr")),
    ("contactpersoon", ("contactpers.",)),
    ("jeugdige", ("jgd.",)),
    (" en ", (" & ", " + ")),
)
SMALL_WORDS = {"de", "het", "een", "van", "en", "of", "op", "in", "tot", "te", "per", "bij", "met"}
NUMBERINGS = ("{n}. ", "({n}) ", "Vraag {n}: ", "{s}.{n} ", "{n}) ", "{n} - ", "V{n} ")


def pick(rng: random.Random, items: tuple[str, ...] | list[str]) -> str:
    """The first wordings are the common ones: weight 1 / (1 + 0.35 i)."""
    weights = [1.0 / (1.0 + 0.35 * i) for i in range(len(items))]
    return rng.choices(list(items), weights=weights)[0]


def strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def typo(rng: random.Random, text: str) -> str:
    """One slip of the keyboard in a word of five letters or more."""
    words = text.split(" ")
    candidates = [i for i, w in enumerate(words) if len(w) >= 5 and w.isalpha()]
    if not candidates:
        return text
    i = rng.choice(candidates)
    word = words[i]
    if strip_accents(word) != word and rng.random() < 0.5:
        words[i] = strip_accents(word)
        return " ".join(words)
    j = rng.randrange(1, len(word) - 2)
    how = rng.choice(("swap", "drop", "double", "neighbour"))
    if how == "swap":
        word = word[:j] + word[j + 1] + word[j] + word[j + 2 :]
    elif how == "drop":
        word = word[:j] + word[j + 1 :]
    elif how == "double":
        word = word[:j] + word[j] + word[j:]
    else:
        keys = "qwertyuiopasdfghjklzxcvbnm"
        near = {k: keys[max(0, n - 1)] for n, k in enumerate(keys)}
        word = word[:j] + near.get(word[j], word[j]) + word[j + 1 :]
    words[i] = word
    return " ".join(words)


def recase(style: str, text: str) -> str:
    if style == "lower":
        return text.lower()
    if style == "upper" and len(text.split()) <= 3:
        return text.upper()
    if style == "title":
        return " ".join(
            w if (w in SMALL_WORDS or w.isupper()) else w[:1].upper() + w[1:]
            for w in text.split(" ")
        )
    return text


def words_of(text: str) -> list[str]:
    return [w for w in re.split(r"[^a-z0-9]+", strip_accents(text).lower()) if w]


def camel(text: str, limit: int = 8) -> str:
    words = words_of(text)[:limit] or ["veld"]
    return words[0] + "".join(w[:1].upper() + w[1:] for w in words[1:])


def heading_words(heading: str) -> str:
    """The words of a heading that a form builder keeps in a key ("Gegevens van de jeugdige"
    -> "gegevens jeugdige")."""
    stop = {"van", "de", "het", "een", "en", "over", "uw", "wat", "is", "er"}
    return " ".join(w for w in words_of(heading) if w not in stop)


def snake(text: str, limit: int = 4) -> str:
    stop = {"de", "het", "een", "van", "is", "wat", "er", "zijn", "u", "je", "uw"}
    words = [w for w in words_of(text) if w not in stop][:limit] or ["veld"]
    return "_".join(words)


# ---------------------------------------------------------------------------------------
# Municipalities and their habits
# ---------------------------------------------------------------------------------------

NAME_HEADS = (
    "Zuider",
    "Noorder",
    "Ooster",
    "Wester",
    "Nieuw",
    "Oud",
    "Groot",
    "Klein",
    "Hoog",
    "Laag",
    "Beek",
    "Linde",
    "Esch",
    "Wilg",
    "Berk",
    "Heide",
    "Klaver",
    "Moer",
    "Ruis",
    "Vlier",
    "Zwaluw",
    "Kievit",
    "Els",
    "Meidoorn",
)
NAME_TAILS = (
    "veen",
    "broek",
    "wolde",
    "horst",
    "dijk",
    "hoven",
    "meer",
    "sloot",
    "zande",
    "loo",
    "haven",
    "voorde",
    "rade",
    "kamp",
    "hout",
    "lingen",
    "terp",
    "schoten",
    "drecht",
    "weerd",
    "akker",
    "donk",
    "molen",
)


@dataclass
class Style:
    formality: str
    numbering: str | None
    number_only_questions: bool
    colon: float
    star: bool
    case: str
    typo_rate: float
    abbrev_rate: float
    bare_rate: float
    help_rate: float
    id_style: str
    question_rate: float
    lean: float
    hints: tuple[float, float, float]  # (id, help, neighbours) for section-only labels
    consistency: float
    prefs: dict[str, int] = field(default_factory=dict)


def new_style(rng: random.Random) -> Style:
    return Style(
        formality=rng.choices(["u", "je"], weights=[85, 15])[0],
        numbering=rng.choices([None, *NUMBERINGS], weights=[55, 14, 7, 7, 6, 5, 3, 3])[0],
        number_only_questions=rng.random() < 0.3,
        colon=rng.choice([0.0, 0.0, 0.0, 0.3, 1.0]),
        star=rng.random() < 0.25,
        case=rng.choices(["sentence", "lower", "title", "upper"], weights=[80, 9, 8, 3])[0],
        typo_rate=rng.choice([0.0, 0.0, 0.02, 0.04, 0.08]),
        abbrev_rate=rng.choice([0.0, 0.15, 0.3, 0.5]),
        bare_rate=rng.choice([0.1, 0.3, 0.5, 0.7]),
        help_rate=rng.choice([0.05, 0.15, 0.3, 0.5]),
        id_style=rng.choices(["camel", "snake", "numbered", "dotted"], weights=[40, 25, 15, 20])[0],
        question_rate=rng.choice([0.0, 0.15, 0.3, 0.6]),
        lean=rng.choice([0.75, 0.9, 1.0, 1.1, 1.25]),
        hints=rng.choice([(0.6, 0.2, 0.2), (0.3, 0.5, 0.2), (0.4, 0.2, 0.4)]),
        consistency=rng.choice([0.5, 0.7, 0.9]),
    )


@dataclass
class Municipality:
    code: str
    name: str
    style: Style
    region: int


def municipalities(seed: str, count: int) -> list[Municipality]:
    """Fictional municipalities in fictional regions; GM95xx is the same at any count."""
    if not 1 <= count <= LAST_CODE - FIRST_CODE + 1:
        raise SystemExit(f"Fout: --municipalities moet tussen 1 en {LAST_CODE - FIRST_CODE + 1}")
    region_rng = random.Random(f"{seed}/regions")
    sizes: list[int] = []
    while sum(sizes) < count:
        sizes.append(region_rng.randint(3, 12))
    region_of = [r for r, size in enumerate(sizes) for _ in range(size)]
    region_styles = [new_style(random.Random(f"{seed}/region/{r}")) for r in range(len(sizes))]
    result: list[Municipality] = []
    used: set[str] = set()
    for index in range(count):
        code = f"GM{FIRST_CODE + index}"
        rng = random.Random(f"{seed}/{code}/name")
        name = rng.choice(NAME_HEADS) + rng.choice(NAME_TAILS)
        while name in used:
            name = rng.choice(NAME_HEADS) + rng.choice(NAME_TAILS)
        used.add(name)
        style_rng = random.Random(f"{seed}/{code}/style")
        region = region_of[index]
        # Half of the municipalities copy their region's forms' habits (shared templates).
        if style_rng.random() < 0.5:
            base = region_styles[region]
            style = Style(**base.__dict__)  # shares the region's wording preferences
            style.typo_rate = style_rng.choice([0.0, base.typo_rate])
        else:
            style = new_style(style_rng)
        result.append(Municipality(code, name, style, region))
    return result


# ---------------------------------------------------------------------------------------
# Building one form
# ---------------------------------------------------------------------------------------


@dataclass
class Slot:
    concept: str
    section: str
    heading: str
    bare: bool = False
    hint: str = ""
    double_of: int | None = None
    local_labels: tuple[str, ...] = ()
    local_type: str = ""


@dataclass
class Stats:
    counter: Counter[str] = field(default_factory=Counter)


class FormWriter:
    def __init__(self, m: Municipality, seed: str, stats: Stats) -> None:
        self.m = m
        self.style = m.style
        self.seed = seed
        self.stats = stats

    def label_for(self, rng: random.Random, slot: Slot, case: str) -> tuple[str, str]:
        """(label as printed, the wording it started from, for the field id)."""
        style = self.style
        if slot.local_labels:
            wording = rng.choice(slot.local_labels)
        else:
            c = CONCEPTS[slot.concept]
            bare = c.bare.get(slot.section, ())
            if slot.bare and bare:
                wording = pick(rng, bare)
                self.stats.counter["section-only labels"] += 1
            else:
                questions = [w for w in c.labels if w.endswith("?")]
                nouns = [w for w in c.labels if not w.endswith("?")]
                pool = questions if questions and rng.random() < style.question_rate else nouns
                pool = pool or questions
                key = f"{slot.concept}/{len(pool)}/{pool is questions}"
                if key not in style.prefs:
                    style.prefs[key] = c.labels.index(pick(rng, pool)) if pool else 0
                preferred = c.labels[style.prefs[key]]
                if preferred in pool and rng.random() < style.consistency:
                    wording = preferred
                else:
                    wording = pick(rng, pool)
                if slot.double_of is not None:
                    wording = rng.choice([w for w in c.labels if w != wording] or [wording])
        table = FORMAL if style.formality == "u" else INFORMAL
        for token, value in table.items():
            wording = wording.replace(token, value)
        text = wording
        if rng.random() < style.abbrev_rate:
            for long, shorts in ABBREVIATIONS:
                if long in text and rng.random() < 0.7:
                    text = text.replace(long, rng.choice(shorts), 1)
                    self.stats.counter["abbreviated labels"] += 1
                    break
        key_source = text
        if rng.random() < style.typo_rate * 1.5:
            text = typo(rng, text)
            self.stats.counter["typos"] += 1
            if rng.random() < 0.5:
                key_source = text  # the key was made after the slip
        if case != "sentence":
            new = recase(case, text)
            if new != text:
                self.stats.counter[f"case {style.case}"] += 1
            text = new
        return text, key_source

    def field_id(self, rng: random.Random, slot: Slot, source: str, n: int) -> str:
        style = self.style.id_style
        if slot.bare and slot.hint == "id":
            key = camel(source)
            if style == "camel":
                return camel(heading_words(slot.heading)) + key[:1].upper() + key[1:]
            if style == "dotted":
                return f"{camel(heading_words(slot.heading))}.{key}"
            if style == "numbered":
                return f"{snake(heading_words(slot.heading))}_{n}"
            return f"{snake(heading_words(slot.heading))}_{snake(source)}"
        if style == "camel":
            return camel(source)
        if style == "snake":
            return snake(source)
        if style == "numbered":
            return rng.choice(["v{n:02d}", "vraag{n}", "veld_{n}"]).format(n=n)
        return f"{camel(heading_words(slot.heading))}.{camel(source)}"

    def build(
        self, kind_: Kind, form_id: str, title: str, extra: list[Slot]
    ) -> tuple[dict[str, object], list[tuple[str, str, str]], list[tuple[str, str]]]:
        """The form as a mapping, its (field id, concept, section hint) rows, its double asks."""
        rng = random.Random(f"{self.seed}/{form_id}")
        style = self.style
        slots: list[Slot] = []
        sections = list(kind_.sections)
        if len(sections) > 3 and rng.random() < 0.35:
            i = rng.randrange(1, len(sections) - 2)
            sections[i], sections[i + 1] = sections[i + 1], sections[i]
        for section, concepts in sections:
            heading = rng.choice(HEADINGS[section])
            bare_section = rng.random() < style.bare_rate and any(
                CONCEPTS[c].bare.get(section) for c, _ in concepts
            )
            hint = rng.choices(["id", "help", "neighbours"], weights=style.hints)[0]
            # A lean or thorough municipality asks fewer or more of the optional questions;
            # the ones nearly every form asks (p >= 0.9) stay.
            chosen = [c for c, p in concepts if rng.random() < self.chance(p)]
            if len(chosen) > 2 and rng.random() < 0.25:
                i = rng.randrange(len(chosen) - 1)
                chosen[i], chosen[i + 1] = chosen[i + 1], chosen[i]
            section_slots = []
            for position, name in enumerate(chosen):
                has_bare = bool(CONCEPTS[name].bare.get(section))
                bare = bare_section and has_bare and rng.random() < 0.9
                if bare and hint == "neighbours" and position == 0:
                    bare = False  # the first field names the entity; the rest lean on it
                section_slots.append(Slot(name, section, heading, bare, hint if bare else ""))
            slots += section_slots
        for slot in extra:
            at = rng.randrange(len(slots) // 2, len(slots) + 1)
            slots.insert(at, slot)
        # A rare real double ask: the same question again further down the form.
        doubles: list[tuple[int, int]] = []
        repeatable = [
            i
            for i, s in enumerate(slots)
            if s.concept
            in ("child-bsn", "child-name", "child-birth-date", "provider-agb", "provider-name")
        ]
        if repeatable and rng.random() < 0.06:
            first = rng.choice(repeatable)
            original = slots[first]
            closing = slots[-1].section if slots else "afsluiting"
            heading = slots[-1].heading if slots else "Afsluiting"
            slots.append(Slot(original.concept, closing, heading, double_of=first))
            doubles.append((first, len(slots) - 1))
        if not slots:
            slots.append(Slot("remarks", "afsluiting", "Opmerkingen"))
        # Not every form of a municipality shares its house style for capitals.
        case = style.case if rng.random() < 0.5 else "sentence"
        numbering = style.numbering if rng.random() < 0.75 else None
        fields: list[dict[str, object]] = []
        truth: list[tuple[str, str, str]] = []
        ids: Counter[str] = Counter()
        section_number = 0
        last_section = ""
        for number, slot in enumerate(slots, start=1):
            if slot.section != last_section:
                section_number += 1
                last_section = slot.section
            text, source = self.label_for(rng, slot, case)
            fid = self.field_id(rng, slot, source, number)
            ids[fid] += 1
            if ids[fid] > 1:
                fid = f"{fid}{ids[fid] - 1}" if style.id_style == "camel" else f"{fid}_{ids[fid]}"
                self.stats.counter["ids with a counter (Open Forms style)"] += 1
            item, kind_of_field = self.field_body(rng, slot)
            if numbering and not (style.number_only_questions and slot.bare):
                text = numbering.format(n=number, s=section_number) + text
                self.stats.counter["numbered labels"] += 1
            if rng.random() < style.colon and not text.endswith("?"):
                text += ":"
                self.stats.counter["trailing colons"] += 1
            if style.star and item["required"]:
                text += " *"
                self.stats.counter["required stars"] += 1
            body: dict[str, object] = {"id": fid, "label": text, "type": kind_of_field}
            body.update(item)
            if slot.bare and slot.hint == "help":
                body["help"] = rng.choice(
                    [slot.heading, f"Onderdeel: {slot.heading}", f"Blok '{slot.heading}'"]
                )
            fields.append(body)
            truth.append((fid, slot.concept, slot.hint if slot.bare else ""))
        field_ids = [str(f["id"]) for f in fields]
        double_ids = [(field_ids[a], field_ids[b]) for a, b in doubles]
        frequency = rng.choice(kind_.frequencies)
        form: dict[str, object] = {
            "schema": "regeldruk/form@1",
            "id": form_id,
            "municipality": self.m.code,
            "title": title,
            "purpose": kind_.purpose,
            "frequency": dict(frequency),
        }
        if rng.random() < 0.6:
            form["minutes"] = rng.choice(kind_.minutes)
        if rng.random() < 0.4:
            form["source"] = rng.choice(
                [
                    "Inkoopdocument jeugdhulp 2026, bijlage 4",
                    "Deelovereenkomst Jeugd, artikel 12",
                    "Handboek administratieve processen regio",
                    "Website gemeente, digitaal loket",
                ]
            )
        if rng.random() < 0.3:
            form["applies_to"] = rng.choice([["ambulant"], ["ambulant", "verblijf"], ["verblijf"]])
        form["example"] = True
        form["fields"] = fields
        return form, truth, double_ids

    def chance(self, p: float) -> float:
        return p if p >= 0.9 else min(0.95, p * self.style.lean)

    def field_body(self, rng: random.Random, slot: Slot) -> tuple[dict[str, object], str]:
        """type, required, format and help of one field."""
        style = self.style
        if slot.local_labels:
            kind_of_field = slot.local_type
            body: dict[str, object] = {"required": rng.random() < 0.6}
            if kind_of_field == "choice":
                base = LOCAL_CHOICES.get(slot.concept, ["Ja", "Nee", "Weet niet"])
                body["format"] = list(base)
            return body, kind_of_field
        c = CONCEPTS[slot.concept]
        types = [t for t, _ in c.types]
        weights = [w for _, w in c.types]
        kind_of_field = rng.choices(types, weights=weights)[0]
        required = rng.random() < c.required * (1.1 if style.lean > 1 else 0.95)
        body = {"required": required}
        if kind_of_field == "choice":
            options = list(rng.choice(c.options or tuple(tuple(o) for o in YES_NO)))
            if rng.random() < 0.15 and "Anders" not in " ".join(options):
                options.append("Anders, namelijk")
            body["format"] = options
        elif kind_of_field == "scale":
            body["format"] = rng.choice([f for f in c.formats if f] or ["1-10"])
        elif c.formats and rng.random() < 0.5:
            fmt = rng.choice(c.formats)
            if fmt and not (kind_of_field in ("number", "code") and "JJJJ" in fmt.upper()):
                body["format"] = fmt
        if c.help and rng.random() < style.help_rate:
            body["help"] = rng.choice(c.help)
            self.stats.counter["help texts"] += 1
        return body, kind_of_field


# ---------------------------------------------------------------------------------------
# The catalogue
# ---------------------------------------------------------------------------------------


def local_slots(m: Municipality, seed: str, kinds: list[str]) -> list[tuple[set[str], Slot]]:
    """0–2 local questions of this municipality, each with the form kinds it goes on."""
    rng = random.Random(f"{seed}/{m.code}/local")
    count = rng.choices([0, 1, 2], weights=[55, 33, 12])[0]
    names = rng.sample(sorted(LOCAL_GENERIC), count)
    result: list[tuple[set[str], Slot]] = []
    for name in names:
        labels, type_, fits = LOCAL_GENERIC[name]
        targets = {rng.choice([k for k in fits if k in kinds] or kinds[:1])}
        # A municipality that cares about a topic sometimes adds it to a second form.
        others = [k for k in kinds if k not in targets]
        if others and rng.random() < 0.25:
            targets.add(rng.choice(others))
        slot = Slot(name, "afsluiting", "Overig", local_labels=labels, local_type=type_)
        result.append((targets, slot))
    return result


Catalogue = tuple[dict[str, dict[str, object]], dict[str, object], "Stats"]


def generate(seed: str, count: int) -> Catalogue:
    """Every form by path and the truth."""
    stats = Stats()
    forms: dict[str, dict[str, object]] = {}
    fields: dict[str, str] = {}
    double_asks: list[list[str]] = []
    section_only: dict[str, str] = {}
    for m in municipalities(seed, count):
        rng = random.Random(f"{seed}/{m.code}/forms")
        kinds = [k for k in KINDS if rng.random() < k.chance]
        if not kinds:
            kinds = [KINDS[0]]
        rng.shuffle(kinds)  # the municipality's own order; files are sorted anyway
        plan: list[tuple[Kind, str]] = [(k, "") for k in kinds]
        for k in kinds:
            if k.purpose in ("verantwoording", "evaluatie", "toewijzing") and rng.random() < 0.22:
                plan.append((k, rng.choice(SEGMENTS)))
        locals_ = local_slots(m, seed, [k.key for k in kinds])
        writer = FormWriter(m, seed, stats)
        used_ids: set[str] = set()
        for k, segment in plan:
            slug = rng.choice(k.slugs) + (f"-{segment.strip().lower()}" if segment else "")
            slug = re.sub(r"[^a-z0-9-]+", "-", strip_accents(slug))
            form_id = f"{m.code.lower()}-{slug}"
            while form_id in used_ids:
                form_id += "-2"
            used_ids.add(form_id)
            title = rng.choice(k.titles) + segment
            if rng.random() < 0.4:
                title += f" – gemeente {m.name}"
            extra = [slot for targets, slot in locals_ if k.key in targets and not segment]
            form, truth, doubles = writer.build(k, form_id, title, extra)
            forms[f"{m.code.lower()}/{form_id}.yaml"] = form
            for fid, name, hint in truth:
                fields[f"{form_id}/{fid}"] = name
                if hint:
                    section_only[f"{form_id}/{fid}"] = hint
            for a, b in doubles:
                double_asks.append([f"{form_id}/{a}", f"{form_id}/{b}"])
                stats.counter["double asks"] += 1
    return forms, truth_document(seed, count, fields, double_asks, section_only), stats


def truth_document(
    seed: str,
    count: int,
    fields: dict[str, str],
    double_asks: list[list[str]],
    section_only: dict[str, str],
) -> dict[str, object]:
    by_concept: dict[str, set[str]] = defaultdict(set)
    for key, name in fields.items():
        by_concept[name].add(key.split("-", 1)[0].upper())
    used = set(by_concept)
    standard = STANDARD_FIELDS
    return {
        "schema": "regeldruk/heldout-truth@1",
        "seed": seed,
        "municipalities": count,
        "fields": dict(sorted(fields.items())),
        "in_standard": sorted(set(standard.values())),
        "standard_fields": dict(sorted(standard.items())),
        "double_asks": sorted(double_asks),
        "section_only": dict(sorted(section_only.items())),
        "local_concepts": sorted(n for n, codes in by_concept.items() if len(codes) == 1),
        "false_friends": [list(p) for p in FALSE_FRIENDS if p[0] in used and p[1] in used],
        "concept_municipalities": {n: len(codes) for n, codes in sorted(by_concept.items())},
    }


class _Dumper(yaml.SafeDumper):
    pass


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


_Dumper.add_representer(str, _str)


def write(out: Path, truth_path: Path, seed: str, count: int) -> Stats:
    forms, truth, stats = generate(seed, count)
    out.mkdir(parents=True, exist_ok=True)
    for old in out.iterdir():
        if old.is_dir() and re.fullmatch(r"gm9\d{3}", old.name):
            shutil.rmtree(old)
    header = (
        "# Held-out test catalogue (issue #14), generated by "
        "bench/eval/heldout/generate_heldout.py.\n"
        "# FROZEN: do not edit, do not tune a matcher on it. Fictional municipality.\n"
    )
    for path, form in sorted(forms.items()):
        target = out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        text = yaml.dump(form, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
        target.write_text(header + text, encoding="utf-8")
    truth_path.parent.mkdir(parents=True, exist_ok=True)
    truth_path.write_text(json.dumps(truth, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    stats.counter["forms"] = len(forms)
    stats.counter["fields"] = len(truth["fields"])  # type: ignore[arg-type]
    return stats


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--municipalities", type=int, default=40)
    parser.add_argument("-o", "--out", type=Path, help="forms directory (default forms-N here)")
    parser.add_argument("--truth", type=Path, help="truth file (default truth-N.json beside it)")
    parser.add_argument("--seed", default=SEED)
    args = parser.parse_args(argv)
    out = args.out or HERE / f"forms-{args.municipalities}"
    truth_path = args.truth or out.parent / f"truth-{args.municipalities}.json"
    stats = write(out, truth_path, args.seed, args.municipalities)
    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    concepts = set(truth["fields"].values())
    print(f"{out}: {stats.counter['forms']} formulieren, {stats.counter['fields']} velden")
    print(f"{truth_path}: {len(concepts)} concepten, {len(truth['local_concepts'])} lokaal, ")
    print(f"  {len(truth['false_friends'])} valse-vriendparen, {len(truth['double_asks'])} dubbel")
    for key, value in sorted(stats.counter.items()):
        if key not in ("forms", "fields"):
            print(f"  {key}: {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
