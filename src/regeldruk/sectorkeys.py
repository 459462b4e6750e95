"""Who sent a package: an organisation's ed25519 key pair, its registration, signatures.

An organisation registers with its sector once: ``regeldruk sector register`` makes a key
pair (the private key stays in a file on the organisation's side) and writes a
registration file with the organisation's id and public key, signed with that key. The
sector body checks the fingerprint with the organisation by phone and records it with
``regeldruk sector trust``. Every package is then signed; the import refuses unsigned,
unknown and altered ones.

The private key also seeds the cell-key noise (anonymise.py): a secret only the
organisation holds, so nobody else can compute the noise and take it off.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import os
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from regeldruk.errors import RegeldrukError

REGISTRATION_SCHEMA = "regeldruk/sector-registration@1"
MAX_KEY_BYTES = 4096
MAX_REGISTRATION_BYTES = 4096
_CANONICAL_UUID = re.compile(
    r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.ASCII
)


class SigningError(RegeldrukError):
    """A key, signature or registration that can't be used."""


def is_canonical_uuid(value: object) -> bool:
    """Lower-case, hyphenated, 36 characters: the only spelling of an organisation id."""
    return isinstance(value, str) and _CANONICAL_UUID.fullmatch(value) is not None


def fingerprint(public_key: bytes) -> str:
    """What the sector body reads out to the organisation to check a registration."""
    digest = hashlib.sha256(public_key).hexdigest()[:24]
    return " ".join(digest[i : i + 4] for i in range(0, 24, 4))


@dataclass(frozen=True)
class OrganisationKey:
    """The organisation's private key (ed25519, via the cryptography package)."""

    private_bytes: bytes

    @classmethod
    def generate(cls) -> OrganisationKey:
        return cls(os.urandom(32))

    @property
    def public_bytes(self) -> bytes:
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
        from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

        key = Ed25519PrivateKey.from_private_bytes(self.private_bytes)
        return key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)

    def sign(self, data: bytes) -> bytes:
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

        return Ed25519PrivateKey.from_private_bytes(self.private_bytes).sign(data)

    def noise_secret(self) -> bytes:
        """A separate secret for the cell-key noise, derived so it reveals nothing of the
        signing key."""
        return hmac.new(self.private_bytes, b"regeldruk cell-key noise", hashlib.sha256).digest()

    def to_pem(self) -> bytes:
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
        from cryptography.hazmat.primitives.serialization import (
            Encoding,
            NoEncryption,
            PrivateFormat,
        )

        key = Ed25519PrivateKey.from_private_bytes(self.private_bytes)
        return key.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, NoEncryption())


def save_key(key: OrganisationKey, path: Path) -> None:
    """Write the private key readable by its owner only; never over an existing key."""
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(key.to_pem())


def load_key(path: Path) -> OrganisationKey:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.serialization import (
        Encoding,
        NoEncryption,
        PrivateFormat,
        load_pem_private_key,
    )

    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_KEY_BYTES + 1)
    except FileNotFoundError:
        raise SigningError(
            f"Geen sleutel in {path}: registreer eerst bij de sector "
            "(regeldruk sector register -o registratie.json)."
        ) from None
    except OSError as err:
        raise SigningError(f"{path}: kan de sleutel niet lezen ({err.strerror}).") from None
    try:
        key = load_pem_private_key(data, password=None)
    except (ValueError, TypeError):
        raise SigningError(f"{path}: geen geldige sleutel (ed25519, PEM).") from None
    if not isinstance(key, Ed25519PrivateKey):
        raise SigningError(f"{path}: geen ed25519-sleutel.")
    raw = key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    return OrganisationKey(raw)


def load_or_create_key(path: Path) -> tuple[OrganisationKey, bool]:
    """The key in ``path``; a new one when there is none yet (True: it was made now)."""
    if path.exists():
        return load_key(path), False
    key = OrganisationKey.generate()
    save_key(key, path)
    return key, True


def verify(public_key: bytes, signature: bytes, data: bytes) -> bool:
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    try:
        Ed25519PublicKey.from_public_bytes(public_key).verify(signature, data)
    except (InvalidSignature, ValueError):
        return False
    return True


def _registration_body(organisation: str, public_key: str, created_at: str) -> bytes:
    """The bytes the registration signs: fixed key order, no whitespace."""
    body = {
        "schema": REGISTRATION_SCHEMA,
        "organisation": organisation,
        "public_key": public_key,
        "created_at": created_at,
    }
    return json.dumps(body, separators=(",", ":"), sort_keys=True).encode()


def registration(organisation: str, key: OrganisationKey, now: datetime) -> dict[str, Any]:
    """The registration file's content: id, public key, and a signature that proves the
    sender holds the private key."""
    public = base64.b64encode(key.public_bytes).decode()
    created = now.isoformat(timespec="seconds")
    signature = key.sign(_registration_body(organisation, public, created))
    return {
        "schema": REGISTRATION_SCHEMA,
        "organisation": organisation,
        "public_key": public,
        "created_at": created,
        "fingerprint": fingerprint(key.public_bytes),
        "signature": base64.b64encode(signature).decode(),
    }


@dataclass(frozen=True)
class Registration:
    organisation: str
    public_key: bytes

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.public_key)


def decode_base64(value: object, length: int) -> bytes | None:
    """Exactly ``length`` bytes from strict base64 text, or None."""
    if not isinstance(value, str) or len(value) > 4 * length:
        return None
    try:
        raw = base64.b64decode(value.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError):
        return None
    return raw if len(raw) == length else None


def read_registration(path: Path) -> Registration:
    name = path.name

    def fail(reason: str) -> SigningError:
        return SigningError(f"{name}: {reason}; niets vastgelegd.")

    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_REGISTRATION_BYTES + 1)
    except OSError as err:
        raise fail(f"kan het bestand niet lezen ({err.strerror})") from None
    if len(data) > MAX_REGISTRATION_BYTES:
        raise fail("te groot voor een registratie")
    try:
        raw = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        raise fail("geen registratie (geen geldige JSON)") from None
    if not isinstance(raw, dict) or raw.get("schema") != REGISTRATION_SCHEMA:
        raise fail(f"geen registratie ({REGISTRATION_SCHEMA})")
    organisation = raw.get("organisation")
    if not is_canonical_uuid(organisation):
        raise fail("het organisatie-id is geen UUID in kleine letters")
    public = decode_base64(raw.get("public_key"), 32)
    signature = decode_base64(raw.get("signature"), 64)
    created = raw.get("created_at")
    if public is None or signature is None or not isinstance(created, str):
        raise fail("sleutel, handtekening of tijdstip ontbreekt of is ongeldig")
    body = _registration_body(str(organisation), str(raw["public_key"]), created)
    if not verify(public, signature, body):
        raise fail("de handtekening klopt niet (gewijzigd, of niet met deze sleutel gemaakt)")
    return Registration(str(organisation), public)
