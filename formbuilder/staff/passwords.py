"""Password hashes with Argon2id (argon2-cffi's defaults: RFC 9106 low-memory profile)."""

from __future__ import annotations

import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_HASHER = PasswordHasher()
MIN_LENGTH = 12
# A hash to compare against when the login does not exist, so both cases take as long.
_DUMMY = _HASHER.hash(secrets.token_urlsafe(16))


def hash_password(password: str) -> str:
    return _HASHER.hash(password)


def check_password(stored: str | None, password: str) -> bool:
    """Return True when `password` matches; a missing account still costs one verification."""
    try:
        return _HASHER.verify(stored or _DUMMY, password) and stored is not None
    except (VerificationError, InvalidHashError):
        return False


def temporary_password() -> str:
    """A one-time password for a new or reset account, to be changed at first sign-in."""
    return "-".join(secrets.token_urlsafe(6) for _ in range(3))


def too_weak(password: str, login: str) -> bool:
    return len(password) < MIN_LENGTH or login.lower() in password.lower()
