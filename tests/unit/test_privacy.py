import pytest

from regeldruk.errors import PrivacyError
from regeldruk.privacy import check_note

# 111222333 and 123456782 pass the elfproef.
REFUSED = [
    ("BSN 111222333", "BSN"),
    ("bsn 123456782 gebeld", "BSN"),
    ("123.456.782", "BSN"),
    ("123 456 782", "BSN"),
    ("1234 56 782", "BSN"),
    ("12-34-56-782", "BSN"),
    ("clientnr:111222333.", "BSN"),
    ("mail naar j.jansen@example.nl gestuurd", "e-mailadres"),
    ("moeder: ouder+school@mail.co.uk", "e-mailadres"),
    ("bel 06-12345678", "telefoonnummer"),
    ("0612345678", "telefoonnummer"),
    ("+31 6 1234 5678", "telefoonnummer"),
    ("0031 (0)20 1234567", "telefoonnummer"),
    ("020-1234567", "telefoonnummer"),
    ("(030) 123 45 67", "telefoonnummer"),
    ("IBAN NL91 ABNA 0417 1643 00", "IBAN"),
    ("rekening NL91ABNA0417164300", "IBAN"),
    ("de89370400440532013000 terugbetaling", "IBAN"),
]

ALLOWED = [
    "Voortgangsrapportage Q3 gemeente Utrecht",
    "gesprek 45 min met moeder over school",
    "week 43, 2026-10-25",
    "dossiernummer 123456789",  # nine digits but no valid BSN
    "versie 1.2.3",
    "factuur 2026-1043",
    "3 formulieren, 12 velden dubbel",
]


@pytest.mark.parametrize(("note", "reason"), REFUSED)
def test_personal_data_is_refused_with_the_reason(note: str, reason: str) -> None:
    with pytest.raises(PrivacyError) as caught:
        check_note(note)
    message = str(caught.value)
    assert reason in message
    assert "niet opgeslagen" in message


@pytest.mark.parametrize("note", ALLOWED)
def test_ordinary_notes_are_kept(note: str) -> None:
    assert check_note(note) == note


def test_refusal_does_not_echo_the_full_number() -> None:
    with pytest.raises(PrivacyError) as caught:
        check_note("BSN 111222333")
    assert "111222333" not in str(caught.value)


def test_whitespace_is_normalised_and_empty_means_none() -> None:
    assert check_note("  twee   spaties ") == "twee spaties"
    assert check_note("   ") is None
    assert check_note(None) is None


def test_overlong_note_is_refused() -> None:
    with pytest.raises(PrivacyError, match="te lang"):
        check_note("x" * 501)
