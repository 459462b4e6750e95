"""Notes are checked before they are stored: no client identifiers in time logs.

Refused: a BSN (9 digits passing the elfproef, also written with dots, spaces or hyphens),
an e-mail address, a (Dutch or international) phone number and an IBAN.
"""

from __future__ import annotations

import re

from stdnum import iban as stdnum_iban
from stdnum.nl import bsn as stdnum_bsn

from regeldruk.errors import PrivacyError

MAX_NOTE_LENGTH = 500

# Nine digits, optionally grouped with single dots, spaces or hyphens (123.456.782, 1234 56 782).
_BSN_CANDIDATE = re.compile(r"(?<![\d])\d(?:[ .\-]?\d){7,8}(?![\d])")
_EMAIL = re.compile(r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+", re.UNICODE)
# Dutch numbers: 06-12345678, 020 123 4567, +31 6 1234 5678, 0031 (0)20 1234567.
_PHONE = re.compile(
    r"(?<![\w+])(?:\+|00)\d{1,3}[ .\-]?(?:\(0\)[ .\-]?)?\d(?:[ .\-]?\d){6,11}(?![\d])"
    r"|(?<![\w])0\d(?:[ .\-]?\d){8}(?![\d])"
    r"|(?<![\w])\(0\d{1,3}\)[ .\-]?\d(?:[ .\-]?\d){5,7}(?![\d])"
)
_IBAN_CANDIDATE = re.compile(r"(?<![A-Za-z0-9])[A-Za-z]{2}\d{2}(?:[ ]?[A-Za-z0-9]){10,30}")


def _mask(text: str) -> str:
    visible = text[:3]
    return visible + "…"


def find_personal_data(note: str) -> str | None:
    """A Dutch reason why the note may not be stored, or None when it is clean."""
    if _EMAIL.search(note):
        return "de notitie bevat een e-mailadres"
    for match in _IBAN_CANDIDATE.finditer(note):
        compact = re.sub(r"\s", "", match.group()).upper()
        # Accept the longest valid IBAN starting here (the greedy match may include a word).
        for end in range(len(compact), 14, -1):
            if stdnum_iban.is_valid(compact[:end]):
                return f"de notitie bevat een IBAN ({_mask(compact)})"
    # Phone numbers before BSNs: "020 123 4567" holds nine digits that may pass the elfproef.
    if _PHONE.search(note):
        return "de notitie bevat een telefoonnummer"
    for match in _BSN_CANDIDATE.finditer(note):
        digits = re.sub(r"\D", "", match.group())
        if len(digits) == 9 and stdnum_bsn.is_valid(digits):
            return f"de notitie bevat een BSN ({_mask(match.group())})"
    return None


def check_note(note: str | None) -> str | None:
    """Return the cleaned note, or raise PrivacyError with a Dutch explanation."""
    if note is None:
        return None
    cleaned = " ".join(note.split())
    if not cleaned:
        return None
    if len(cleaned) > MAX_NOTE_LENGTH:
        raise PrivacyError(
            f"Notitie is te lang ({len(cleaned)} tekens, maximaal {MAX_NOTE_LENGTH})."
        )
    reason = find_personal_data(cleaned)
    if reason:
        raise PrivacyError(
            f"Notitie geweigerd: {reason}. Notities mogen geen gegevens bevatten waarmee een "
            "cliënt of andere persoon te herkennen is; de registratie is niet opgeslagen."
        )
    return cleaned
