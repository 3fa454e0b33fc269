"""Reference numbers to read aloud, and secrets and tokens nobody can guess."""

from __future__ import annotations

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


def canonical_reference(typed: str) -> str:
    """Return a reference number as typed (any case, width or separators) as stored."""
    raw = _compact(typed)
    return f"{raw[:4]}-{raw[4:]}" if len(raw) == 8 else raw


def canonical_secret(typed: str) -> str:
    raw = _compact(typed)
    return "-".join(raw[i : i + 3] for i in range(0, len(raw), 3))


def _compact(typed: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKC", typed).upper() if c.isascii() and c.isalnum())
