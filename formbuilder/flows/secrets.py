"""Reference numbers to read aloud, and secrets and tokens nobody can guess."""

from __future__ import annotations

import base64
import binascii
import hashlib
import secrets
import unicodedata

# No 0/O, 1/I/L, and no U/V to confuse on the phone: 29 symbols.
ALPHABET = "23456789ABCDEFGHJKMNPQRSTWXYZ"


def _symbols(count: int) -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(count))


def new_reference() -> str:
    """Return a reference number such as 7KQ4-X9MT (29^8 ≈ 5×10^11, random, not sequential)."""
    return f"{_symbols(4)}-{_symbols(4)}"


def new_secret() -> str:
    """Return an access secret of 130 random bits, in groups of three to copy from a receipt."""
    raw = _symbols(27)
    return "-".join(raw[i : i + 3] for i in range(0, 27, 3))


def new_token() -> str:
    return secrets.token_urlsafe(32)


def digest(value: str) -> str:
    """Hash a high-entropy secret or token for storage (a fast hash suffices at 128+ bits)."""
    return hashlib.sha256(value.encode("utf-8")).hexdigest()


def seal(secret: str, key: str, nonce: str) -> str:
    """Encrypt `secret` under `key`, a token only the citizen's browser holds (the database keeps its hash).

    The key stream is SHAKE-256 of key and nonce; `nonce` must be used for one secret only.
    """
    data = secret.encode("utf-8")
    return base64.urlsafe_b64encode(_xor(data, _stream(key, nonce, len(data)))).decode("ascii")


def unseal(sealed: str | None, key: str | None, nonce: str) -> str | None:
    """Return the secret `seal` encrypted, or None without the right key."""
    if not sealed or not key:
        return None
    try:
        data = base64.urlsafe_b64decode(sealed.encode("ascii"))
        return _xor(data, _stream(key, nonce, len(data))).decode("ascii")
    except (binascii.Error, UnicodeError, ValueError):
        return None


def _stream(key: str, nonce: str, length: int) -> bytes:
    return hashlib.shake_256(f"formbuilder-secret\0{key}\0{nonce}".encode()).digest(length)


def _xor(data: bytes, pad: bytes) -> bytes:
    return bytes(a ^ b for a, b in zip(data, pad, strict=True))


def canonical_reference(typed: str) -> str:
    """Return a reference number as typed (any case, width or separators) as stored."""
    raw = _compact(typed)
    return f"{raw[:4]}-{raw[4:]}" if len(raw) == 8 else raw


def canonical_secret(typed: str) -> str:
    raw = _compact(typed)
    return "-".join(raw[i : i + 3] for i in range(0, len(raw), 3))


def _compact(typed: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKC", typed).upper() if c.isascii() and c.isalnum())
