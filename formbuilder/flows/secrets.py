"""Reference numbers to read aloud, and secrets and tokens nobody can guess."""

from __future__ import annotations

import base64
import binascii
import hashlib
import secrets
import unicodedata

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCMSIV
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

# No 0/O, 1/I/L, and no U/V to confuse on the phone: 29 symbols.
ALPHABET = "23456789ABCDEFGHJKMNPQRSTWXYZ"


def _symbols(count: int) -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(count))


def new_reference() -> str:
    """Return a reference number such as 7KQ4-X9MT (29^8 ≈ 5×10^11, random, not sequential)."""
    return f"{_symbols(4)}-{_symbols(4)}"


SECRET_SYMBOLS = 16  # 16 × log2(29) ≈ 77.7 random bits; look-ups are rate limited (docs/security.md)
OLD_SECRET_SYMBOLS = 27  # the keys issued before: 27 symbols in groups of three, still accepted


def new_secret() -> str:
    """Return an access key such as 7KQ4-X9MT-AB3C-DEF2: 16 symbols in groups of four, ~78 random bits.

    Typed from paper on a phone, so short; still far beyond guessing at 10 look-ups per
    10 minutes, and stored only as its hash.
    """
    return canonical_secret(_symbols(SECRET_SYMBOLS))


def new_token() -> str:
    return secrets.token_urlsafe(32)


def digest(value: str) -> str:
    """Hash a high-entropy secret or token for storage (a fast hash suffices at 128+ bits)."""
    return hashlib.sha256(value.encode("utf-8")).hexdigest()


def secret_digest(reference: str, secret: str) -> str:
    """Hash an access key for storage, salted with its reference number.

    A key has ~78 bits: with the reference as salt, a stolen table must be attacked one key
    at a time (no key is ever tried against all rows at once), each beyond reach of a fast
    hash. Keys of the old kind (27 symbols, 130 bits) were stored unsalted and stay so.
    """
    if len(_compact(secret)) == OLD_SECRET_SYMBOLS:
        return digest(secret)
    return digest(f"{reference}/{secret}")


def seal(secret: str, key: str, nonce: str) -> str:
    """Encrypt `secret` under `key`, a token only the citizen's browser holds (the database keeps its hash).

    AES-256-GCM-SIV (RFC 8452, from `cryptography`) with a key derived by HKDF-SHA256 from
    the browser's token and the draft's `nonce` (its submit token, unique per draft), so each
    key seals one secret; GCM-SIV stays safe even if a nonce repeats. The ciphertext is
    authenticated: a changed byte, another token or another draft opens nothing. The
    secret's grouping dashes are left out (they come back from `canonical_secret`) so the
    sealed value fits the 64-character column.
    """
    data = _compact(secret).encode("ascii")
    box = AESGCMSIV(_derive(key, nonce))
    return SEALED_PREFIX + base64.urlsafe_b64encode(box.encrypt(_ZERO_NONCE, data, None)).decode("ascii").rstrip("=")


def unseal(sealed: str | None, key: str | None, nonce: str) -> str | None:
    """Return the secret `seal` encrypted, or None without the right key or when tampered with."""
    if not sealed or not key or not sealed.startswith(SEALED_PREFIX):
        return None
    body = sealed[len(SEALED_PREFIX) :]
    try:
        data = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
        if base64.urlsafe_b64encode(data).decode("ascii").rstrip("=") != body:
            return None  # the last character's unused bits changed: one value, one spelling
        opened = AESGCMSIV(_derive(key, nonce)).decrypt(_ZERO_NONCE, data, None)
        return canonical_secret(opened.decode("ascii"))
    except (binascii.Error, InvalidTag, UnicodeError, ValueError):
        return None


SEALED_PREFIX = "g1."  # the format: AES-GCM-SIV, HKDF-SHA256 key; older values open nothing
_ZERO_NONCE = bytes(12)  # each derived key seals one secret, and GCM-SIV tolerates reuse anyway


def _derive(key: str, nonce: str) -> bytes:
    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=nonce.encode("utf-8"), info=b"formbuilder draft secret")
    return hkdf.derive(key.encode("utf-8"))


def canonical_reference(typed: str) -> str:
    """Return a reference number as typed (any case, width or separators) as stored."""
    raw = _compact(typed)
    return f"{raw[:4]}-{raw[4:]}" if len(raw) == 8 else raw


def canonical_secret(typed: str) -> str:
    """Return an access key as typed (any case, full-width, spaces or hyphens or none) as it was issued.

    Keys of 27 symbols (the old kind) come back in groups of three, all others in groups of four.
    """
    raw = _compact(typed)
    size = 3 if len(raw) == OLD_SECRET_SYMBOLS else 4
    return "-".join(raw[i : i + size] for i in range(0, len(raw), size))


def _compact(typed: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKC", typed).upper() if c.isascii() and c.isalnum())
