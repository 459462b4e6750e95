"""What a field is, for the burden and the proposals: its effort, whether it is a fact or a
measurement at a moment, and whether it is personal data of the young person or family.

An explicit key in the catalogue (form@1 ``answer``, ``changes``) always wins; otherwise the
label decides, with the word lists below (matched on the folded label: lower case, no
accents or punctuation).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from regeldruk.forms import FormField
from regeldruk.municipalities import fold

# Effort per field, in minutes at a typical pace: how long one answer takes a practised
# professional who has the information at hand. Only the ratios matter for the split of a
# form's time over its fields (narrative text >> choice >> code/date); measured time per
# form sets the level (see burden.py).
EFFORT: dict[str, tuple[float, str]] = {
    "narrative": (6.0, "verhalende tekst: een toelichting schrijven"),
    "file": (2.0, "bijlage: opzoeken, exporteren en uploaden"),
    "scale": (1.0, "oordeel op een schaal"),
    "choice": (0.75, "keuze uit een lijst"),
    "short": (0.5, "korte tekst: naam, nummer, adres"),
    "boolean": (0.5, "ja/nee"),
    "number": (0.5, "getal"),
    "code": (0.25, "code"),
    "date": (0.25, "datum"),
    "bsn": (0.25, "BSN"),
}

NARRATIVE = re.compile(
    r"omschrijving|beschrijving|toelichting|voortgang|doel|reden|motivatie|onderbouwing"
    r"|situatie|samenstelling|hulpvraag|perspectief|vervolg|waarom|verslag|evaluatie|plan\b"
    r"|problematiek|ontwikkeling|aanpak|netwerk"
)
# Facts that do not change between forms: identity, allocation, referral, the provider's
# details. Anything else is taken as a measurement at a moment (progress, delivered hours,
# a safety assessment, a signature date), which is not a duplicate when asked again.
STATIC = re.compile(
    r"\bbsn\b|burgerservice|geboorte|\bgeb\b|geslacht|\bnaam\b|achternaam|adres|postcode"
    r"|woonplaats|telefoon|\btel\b|\be ?mail|mailadres|nationaliteit|beschikking"
    r"|product ?code|code product|product ?categorie|categorie product|verwij|verwezen"
    r"|aanmeld|registratiedatum|\bagb\b|\bbig\b|huisarts|zorgverzekeraar|school|onderwijs"
    r"|gezagsdrager|start ?datum|begin ?datum|datum start|aanvang|ingangsdatum"
    r"|toewijzing per|einddatum (zorg|jeugdhulp)|datum (einde|beeindiging) zorg"
    r"|gedragswetenschapper|budget|tarief|eenheid|toestemming|akkoord|crisis|verblijf"
)
# Personal data of the young person or the family (not of the professional).
PERSONAL = re.compile(
    r"\bbsn\b|burgerservice|geboorte|\bgeb\b|geslacht|adres|postcode|woonplaats"
    r"|nationaliteit|diagnose|\bdsm\b|classificatie|gezin|school|onderwijs|huisarts"
    r"|zorgverzekeraar|ouder|verzorger|gezaghebbende|achternaam"
    r"|naam (jeugdige|client|kind|relatie)|^naam$"
)
PROFESSIONAL = re.compile(
    r"behandelaar|hulpverlener|jeugdprofessional|gedragswetenschapper|aanbieder|organisatie"
    r"|toestemming|akkoord"
)
HOURS = re.compile(r"\buren\b|\buur\b|volume|\binzet\b")
# Every iJw message's header carries the provider's AGB code (Afzender or Ontvanger,
# LDT_AgbCode, in all iJw 3.2 XSDs); the generated standard forms hold only the body.
IN_EVERY_MESSAGE = re.compile(r"\bagb\b")


@dataclass(frozen=True)
class FieldKind:
    effort: str  # a key of EFFORT
    changes: str  # static | periodic
    personal: bool
    hours: bool  # asks hours or volume of care

    @property
    def weight(self) -> float:
        return EFFORT[self.effort][0]


def kind_of(item: FormField) -> FieldKind:
    label = fold(item.label)
    return FieldKind(
        effort=_effort(item, label),
        changes=item.changes or ("static" if STATIC.search(label) else "periodic"),
        personal=(item.type == "bsn" or bool(PERSONAL.search(label)))
        and not PROFESSIONAL.search(label),
        hours=item.type == "number" and bool(HOURS.search(label)),
    )


def _effort(item: FormField, label: str) -> str:
    if item.type != "text":
        return item.type
    if item.answer is not None:
        return item.answer
    return "narrative" if NARRATIVE.search(label) else "short"


def in_every_message(item: FormField) -> bool:
    return bool(IN_EVERY_MESSAGE.search(fold(item.label)))
