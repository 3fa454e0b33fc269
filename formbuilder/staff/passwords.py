"""Staff passwords: Argon2id hashes and the policy a chosen password must meet (SEC-28).

Hashes use OWASP's Argon2id profile (19 MiB, 2 passes, 1 lane); a hash made with other
parameters is replaced at the next right password (`needs_rehash`). The policy has no
composition rules: a length, not the login ID, not a common or repetitive password.
`common_passwords.txt.gz` is Django's list of 20,000 common passwords (django 5.2,
`django/contrib/auth/common-passwords.txt.gz`, BSD licence), lower case, unchanged.
"""

from __future__ import annotations

import gzip
import secrets
import unicodedata
from functools import cache
from pathlib import Path

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError

_HASHER = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1, hash_len=32, salt_len=16, type=Type.ID)
MIN_LENGTH = 12  # SEC-28 asks for 8 with a second factor; 15 is recommended to staff
RECOMMENDED_LENGTH = 15
MAX_LENGTH = 256  # at least 64 must be allowed; a cap keeps a pasted novel from costing a hash
_LOGIN_INSIDE_FROM = 4  # a login this long is refused inside a password too; a shorter one only alone
_COMMON = Path(__file__).with_name("common_passwords.txt.gz")
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


def needs_rehash(stored: str) -> bool:
    """Whether a stored hash was made with other parameters than today's."""
    try:
        return _HASHER.check_needs_rehash(stored)
    except InvalidHashError:
        return True


def temporary_password() -> str:
    """A one-time password for a new or reset account, to be changed at first sign-in."""
    return "-".join(secrets.token_urlsafe(6) for _ in range(3))


@cache
def common_passwords() -> frozenset[str]:
    with gzip.open(_COMMON, "rt", encoding="utf-8") as lines:
        return frozenset(line.strip() for line in lines if line.strip())


def weakness(password: str, login: str) -> str | None:
    """Why `password` may not be chosen by `login`: short, long, login, common, repeated; or None.

    Full-width and upper-case letters count as their plain lower-case selves (NFKC, casefold),
    so ＰＡＳＳＷＯＲＤ is as common as password.
    """
    if len(password) < MIN_LENGTH:
        return "short"
    if len(password) > MAX_LENGTH:
        return "long"
    plain = _plain(password)
    name = _plain(login)
    if name and (plain == name or (len(name) >= _LOGIN_INSIDE_FROM and name in plain)):
        return "login"
    if plain in common_passwords():
        return "common"
    if _repeats(plain):
        return "repeated"
    return None


def _plain(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold().strip()


def _repeats(text: str) -> bool:
    """aaaaaaaaaaaa, abcabcabcabc: one to four characters said over and over."""
    return any(len(text) % size == 0 and text == text[:size] * (len(text) // size) for size in range(1, 5))
